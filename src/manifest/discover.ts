// From the paths a user names (files, folders, quoted globs) to the files to check, in a stable
// order. Folders are searched for *.yaml, *.yml and *.json; `.git` and `node_modules` are never
// entered, and a symbolic link is followed only when it stays inside the folder being scanned.
// Whatever is no regular file (a FIFO, a socket, a device) is reported, never opened: reading a
// FIFO would hang the run, and a device such as /dev/zero never ends.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { describeFsError, isInside, notRegularMessage, realFolder } from '../fs/read-file.js';
import type { RunProblem, Skipped } from '../types.js';

export { describeFsError };

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const NEVER_ENTERED = new Set(['.git', 'node_modules']);
/** podlint's own config is YAML but no manifest. */
const NOT_MANIFESTS = new Set(['.podlint.yml', '.podlint.yaml']);

export interface DiscoverOptions {
  cwd: string;
  /** Globs (relative to cwd) of files and folders to leave out. */
  ignore?: readonly string[];
}

export interface Discovered {
  /** Absolute paths, sorted by their path relative to cwd. */
  files: string[];
  problems: RunProblem[];
  /** Manifest-named links that lead out of the scanned folder: deliberately not read. */
  skipped: Skipped[];
  /** The names in each folder the walk listed (absolute path): kustomize.ts need not list them again. */
  listings?: Map<string, string[]>;
}

export function toRelative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

export function discover(paths: readonly string[], options: DiscoverOptions): Discovered {
  const { cwd } = options;
  const isIgnored = options.ignore?.length ? picomatch(options.ignore as string[], { dot: true }) : () => false;
  const found = new Set<string>();
  const result: Discovered = { files: [], problems: [], skipped: [], listings: new Map() };
  // (Without globs, no relative path per entry: that was a fifth of the walk.)
  const ignored = !options.ignore?.length
    ? () => false
    : (abs: string) => {
        const rel = toRelative(cwd, abs);
        return rel !== '.' && (isIgnored(rel) || isIgnored(`${rel}/`));
      };

  for (const arg of paths.length ? paths : ['.']) {
    const scan = picomatch.scan(arg);
    if (scan.isGlob) {
      const pattern = arg.replace(/^(\.\/)+/, '');
      const base = path.resolve(cwd, scan.base || '.');
      const matches = picomatch(pattern);
      const matchOn = path.isAbsolute(pattern) ? (abs: string) => abs : (abs: string) => toRelative(cwd, abs);
      const before = found.size;
      walk(base, base, result, ignored, (abs) => matches(matchOn(abs)), found);
      if (found.size === before) result.problems.push({ file: arg, message: `no files match the pattern ${JSON.stringify(arg)}` });
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (error) {
      result.problems.push({ file: toRelative(cwd, abs), message: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      walk(abs, abs, result, ignored, hasManifestExtension, found);
    } else if (ignored(abs)) {
      continue;
    } else if (stat.isFile()) {
      found.add(abs); // a file named on its own is read whatever its extension
    } else {
      result.problems.push({ file: abs, message: notRegularMessage(stat) });
    }
  }

  for (const entry of [...result.problems, ...result.skipped]) {
    if (entry.file && path.isAbsolute(entry.file)) entry.file = toRelative(cwd, entry.file);
  }
  result.files = [...found]
    .map((abs) => ({ abs, rel: toRelative(cwd, abs) }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
    .map((x) => x.abs);
  return result;
}

function hasManifestExtension(file: string): boolean {
  return MANIFEST_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Walks `dir` (whose real path is `realDir`). The real path of each folder entered is known
 * without a system call (its parent's plus its name) unless it is a link, so only links cost a
 * realpath. `visited` holds the folders links led to (and the root), so no link loop goes round twice.
 */
function walk(
  root: string,
  dir: string,
  result: Discovered,
  ignored: (abs: string) => boolean,
  wanted: (abs: string) => boolean,
  found: Set<string>,
  realRoot = realFolder(root),
  realDir = realRoot,
  visited = new Set<string>([realRoot]),
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    result.problems.push({ file: dir, message: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  result.listings?.set(dir, entries.map((e) => e.name));
  for (const entry of entries) {
    if (NEVER_ENTERED.has(entry.name) || NOT_MANIFESTS.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (ignored(abs)) continue;
    let kind: fs.Stats | fs.Dirent = entry;
    let real = path.join(realDir, entry.name);
    if (entry.isSymbolicLink()) {
      try {
        real = fs.realpathSync(abs);
        kind = fs.statSync(real);
      } catch {
        continue; // a dangling link (or a loop of links) is nothing to check
      }
      if (!isInside(real, realRoot)) {
        // Never out of the root: the file may be a token on the runner, or /dev/zero.
        if (!kind.isDirectory() && wanted(abs)) result.skipped.push({ file: abs, reason: 'a symbolic link that leads out of the scanned folder; not read' });
        continue;
      }
    }
    if (kind.isDirectory()) {
      if (entry.isSymbolicLink()) {
        // A link back up the tree, or to a folder a link led to already: a loop ends here.
        if (visited.has(real) || isInside(realDir, real)) continue;
        visited.add(real);
      }
      walk(root, abs, result, ignored, wanted, found, realRoot, real, visited);
    } else if (!wanted(abs)) {
      continue;
    } else if (kind.isFile()) {
      found.add(abs);
    } else {
      result.problems.push({ file: abs, message: notRegularMessage(kind) });
    }
  }
}
