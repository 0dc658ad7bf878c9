// The Node versions the suite runs on: 22 and 24 (`engines` says >= 22; action.yml runs node24).
// Each comes from the machine when its Node is that major, else from the registry's
// node-<platform>-<arch> package (a plain Node binary, fetched by registry-cache.mjs). The
// machine's Node also runs the suite when it is another supported major (26, ...); an older one
// does not. A platform with no such package (macOS on arm64 has none past Node 18) tries the
// x64 one, which Rosetta runs, and otherwise runs on the machine's Node alone.
//
//   node scripts/node-runtimes.mjs       prints the runtimes as JSON (fetching what is missing)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryPackage } from './registry-cache.mjs';

/** Exact versions, so every run of the suite tests on the same Node. */
export const PINNED = { 22: '22.23.5', 24: '24.22.3' };
export const OLDEST_SUPPORTED = 22;

/**
 * `[{ name, version, node }]`, one per major in `majors` (the machine's Node counted where it fits)
 * plus the machine's own when it is a newer supported major. `notes` says what could not be had.
 */
export function nodeRuntimes(majors = Object.keys(PINNED).map(Number)) {
  const runtimes = [];
  const notes = [];
  const machine = Number(process.versions.node.split('.')[0]);
  if (machine < OLDEST_SUPPORTED) notes.push(`the machine's Node ${process.version} is older than ${OLDEST_SUPPORTED}: not tested on`);
  for (const major of majors) {
    if (major === machine) {
      runtimes.push({ name: "the machine's Node", version: process.version, node: process.execPath });
      continue;
    }
    const fetched = fetchNode(PINNED[major]);
    if (fetched.node) runtimes.push({ name: `Node ${major}`, version: `v${PINNED[major]}`, node: fetched.node });
    else notes.push(`no Node ${major}: ${fetched.why}`);
  }
  if (machine >= OLDEST_SUPPORTED && !majors.includes(machine)) {
    runtimes.unshift({ name: "the machine's Node", version: process.version, node: process.execPath });
  }
  return { runtimes, notes };
}

/** A runnable Node binary of this exact version for this machine, or why there is none. */
function fetchNode(version) {
  const why = [];
  for (const arch of candidateArchs()) {
    const name = `node-${process.platform}-${arch}`;
    const pkg = registryPackage(name, version, ['bin/node', 'package.json']);
    if (!pkg.dir) {
      why.push(pkg.why);
      continue;
    }
    const node = path.join(pkg.dir, 'bin', 'node');
    const probe = spawnSync(node, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === `v${version}`) return { node };
    why.push(`${name}@${version} does not run here`);
  }
  return { why: why.join('; ') || `no package for ${process.platform}` };
}

function candidateArchs() {
  if (process.platform === 'darwin' && process.arch === 'arm64') return ['arm64', 'x64'];
  return [process.arch];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(nodeRuntimes(), null, 2));
}
