// `npm test`: every unit test on Node 22 and on Node 24 (scripts/node-runtimes.mjs: the machine's
// Node where it is one of them or newer, otherwise a Node fetched from the npm registry).
// `npm run test:corpus` (`--corpus`): the sweeps over ../shared/corpus the same way.
// PODLINT_TEST_NODE=self runs on the Node that runs this script only (CI's Node matrix).
// Run by the Node that runs npm ($npm_node_execpath), whatever its version; extra arguments go to
// jest. Fails when there is no Node to test on, or when any run fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { nodeRuntimes, OLDEST_SUPPORTED } from './node-runtimes.mjs';
import { ROOT } from './registry-cache.mjs';

const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
let args = process.argv.slice(2);
const corpus = args.includes('--corpus');
args = args.filter((a) => a !== '--corpus');
const config = path.join(ROOT, corpus ? 'jest.corpus.config.js' : 'jest.config.js');

if (corpus && !fs.existsSync(path.join(ROOT, '..', 'shared', 'corpus'))) {
  console.error('test:corpus needs ../shared/corpus beside the checkout (where podlint is developed).');
  process.exit(1);
}

// The pre-commit hook's test runs the real pre-commit: get it where it is missing and can be had.
if (!corpus && !onPath('pre-commit')) installPreCommit();

let runtimes;
if (process.env.PODLINT_TEST_NODE === 'self') {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < OLDEST_SUPPORTED) {
    console.error(`PODLINT_TEST_NODE=self, but this is Node ${process.version}: podlint needs Node ${OLDEST_SUPPORTED} or later.`);
    process.exit(1);
  }
  runtimes = [{ name: 'this Node', version: process.version, node: process.execPath }];
} else {
  const found = nodeRuntimes();
  for (const note of found.notes) console.log(`note: ${note}`);
  runtimes = found.runtimes;
}
if (runtimes.length === 0) {
  console.error(`No Node ${OLDEST_SUPPORTED} or later to test on: install one, or let the registry be reached.`);
  process.exit(1);
}

for (const { name, version, node } of runtimes) {
  console.log(`\njest${corpus ? ' (corpus)' : ''} on ${name} (${version})`);
  const result = spawnSync(node, ['--experimental-vm-modules', jest, '--config', config, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function onPath(command) {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Debian's package when this is root on Debian or Ubuntu, else pip for this user; said either way. */
function installPreCommit() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log('pre-commit is missing (the hook test runs it): apt-get install pre-commit');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let install = spawnSync('apt-get', ['install', '-y', '-qq', 'pre-commit'], { stdio: 'inherit', env });
    if (install.status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      install = spawnSync('apt-get', ['install', '-y', '-qq', 'pre-commit'], { stdio: 'inherit', env });
    }
    if (install.status === 0) return;
  } else if (onPath('python3')) {
    console.log('pre-commit is missing (the hook test runs it): python3 -m pip install --user pre-commit');
    spawnSync('python3', ['-m', 'pip', 'install', '--user', '--quiet', 'pre-commit'], { stdio: 'inherit' });
    if (onPath('pre-commit')) return;
  }
  console.log('note: could not install pre-commit; install it (pip install pre-commit, brew install pre-commit) for the hook test');
}
