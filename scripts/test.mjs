// `npm test`: every test on the machine's Node, then on Node 24 (the runtime action.yml
// declares; the node24 devDependency). Run by the Node that runs npm ($npm_node_execpath): inside
// npm scripts `node` is node_modules/.bin/node, which is the Node 24 of that devDependency, so a
// nested `npm run` would test on Node 24 twice. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const runtimes = [
  { name: "the machine's Node", node: process.execPath },
  { name: 'Node 24', node: path.join(root, 'node_modules', 'node24', 'bin', 'node') },
];

for (const { name, node } of runtimes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\njest on ${name} (${version})`);
  const result = spawnSync(node, ['--experimental-vm-modules', jest, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
