// Builds the committed bundles with ncc: dist/index.js (the Action) and dist/cli/index.js (the
// CLI). Both are plain ESM files that run with `node` and no node_modules.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
const bundles = [
  { entry: 'src/cli-main.ts', out: 'dist/cli' },
  ...(fs.existsSync('src/index.ts') ? [{ entry: 'src/index.ts', out: 'dist' }] : []),
];
fs.rmSync('dist', { recursive: true, force: true });
for (const { entry, out } of bundles) {
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--license', 'licenses.txt', '--quiet', '--target', 'es2022'], { stdio: 'inherit' });
}
fs.chmodSync('dist/cli/index.js', 0o755);
