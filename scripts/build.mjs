// Builds dist/ with ncc: one bundle, dist/index.js (src/index.ts) and its chunks, behind both
// doors. The Action runs dist/index.js (action.yml); the CLI door dist/cli/index.js (the `podlint`
// bin) is scripts/cli-door.mjs, which imports that bundle. One build means one copy of each chunk
// (the Kubernetes schemas are most of dist/). Everything runs with plain `node`, no node_modules.
//
// Every lazily loaded chunk must be named (`import(/* webpackChunkName: "..." */ ...)`): ncc
// numbers a chunk by hashing its name, or, for a nameless one, the paths of its modules, which
// change with how node_modules is laid out. The build fails on a chunk no name accounts for.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';

fs.rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [ncc, 'build', 'src/index.ts', '-o', 'dist', '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], { stdio: 'inherit' });
assertChunksNamed();
fs.mkdirSync('dist/cli');
fs.copyFileSync('scripts/cli-door.mjs', 'dist/cli/index.js');
fs.chmodSync('dist/cli/index.js', 0o755);

function assertChunksNamed() {
  const bundle = fs.readFileSync('dist/index.js', 'utf8');
  const named = new Map();
  // `e(/* import() | NAME */ ID)` for one chunk, `Promise.all(/* import() | NAME */[e(ID), e(ID2)])`
  // when webpack split more chunks off it.
  for (const [, name, one, many] of bundle.matchAll(/\/\* import\(\) \| ([\w.-]+) \*\/\s*(?:(\d+)\)|\[([^\]]*)\])/g)) {
    const chunks = one !== undefined ? [one] : [...many.matchAll(/\.e\((\d+)\)/g)].map((m) => m[1]);
    if (chunks.length !== 1) fail(`the import() named "${name}" loads ${chunks.length} chunks (${chunks.join(', ')}): webpack split nameless ones off it`);
    named.set(chunks[0], name);
  }
  for (const file of fs.readdirSync('dist')) {
    const id = /^(\d+)\.index\.js$/.exec(file)?.[1];
    if (id !== undefined && !named.has(id)) fail(`dist/${file} is a chunk without a name: give its import() a webpackChunkName`);
  }
}

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}
