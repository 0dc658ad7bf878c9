// From the paths a user names (files, folders, quoted globs) to the files to check, in a stable
// order. Folders are searched for *.yaml, *.yml and *.json; `.git` and `node_modules` are never
// entered, and a symbolic link is followed only when it stays inside the folder being scanned.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RunProblem } from '../types.js';

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
}

export function toRelative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

export function discover(paths: readonly string[], options: DiscoverOptions): Discovered {
  const { cwd } = options;
  const isIgnored = options.ignore?.length ? picomatch(options.ignore as string[], { dot: true }) : () => false;
  const found = new Set<string>();
  const result: Discovered = { files: [], problems: [] };
  const ignored = (abs: string) => {
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
    } else if (!ignored(abs)) {
      found.add(abs); // a file named on its own is read whatever its extension
    }
  }

  for (const problem of result.problems) {
    if (problem.file && path.isAbsolute(problem.file)) problem.file = toRelative(cwd, problem.file);
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

function walk(
  root: string,
  dir: string,
  result: Discovered,
  ignored: (abs: string) => boolean,
  wanted: (abs: string) => boolean,
  found: Set<string>,
  realRoot = realpathOrSelf(root),
  visited = new Set<string>([realpathOrSelf(root)]),
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    result.problems.push({ file: dir, message: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (NEVER_ENTERED.has(entry.name) || NOT_MANIFESTS.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (ignored(abs)) continue;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const real = realpathOrSelf(abs);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) continue; // never out of the root
      try {
        const stat = fs.statSync(real);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue; // a dangling link is nothing to check
      }
      if (isDir) {
        if (visited.has(real)) continue; // a link back up the tree
        visited.add(real);
      }
    }
    if (isDir) walk(root, abs, result, ignored, wanted, found, realRoot, visited);
    else if (isFile && wanted(abs)) found.add(abs);
  }
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
