// The files podlint checks in a folder, for the bench scripts: recursively *.yaml, *.yml and
// *.json (any case), never entering .git or node_modules, sorted by path relative to the folder.
// Mirrors src/manifest/discover.ts for a plain folder (no globs, no ignore list).
import fs from 'node:fs';
import path from 'node:path';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const NEVER_ENTERED = new Set(['.git', 'node_modules']);

/** Absolute paths of the manifest files under `root` (or `[root]` when it is a file). */
export function findManifestFiles(root) {
  const abs = path.resolve(root);
  if (!fs.statSync(abs).isDirectory()) return [abs];
  return walk(abs, [])
    .map((file) => ({ file, rel: path.relative(abs, file).split(path.sep).join('/') }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
    .map((f) => f.file);
}

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (NEVER_ENTERED.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(abs);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue; // a dangling link
      }
    }
    if (isDir) walk(abs, out);
    else if (isFile && EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(abs);
  }
  return out;
}
