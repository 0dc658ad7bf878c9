#!/usr/bin/env node
// The podlint CLI (package.json's bin), copied to dist/cli/index.js by scripts/build.mjs: the
// code is in ../index.js, the one bundle the Action runs too.
import { spawn } from 'node:child_process';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// V8 lets the young generation grow to tens of MiB per thread, and a lint run allocates fast:
// with 4 MiB semi-spaces the peak RSS on the 32 MB corpus drops from about 330 to 235 MiB at the
// same speed (npm run bench). The size can only be set when node starts, and a shebang cannot pass
// flags portably (`env -S` is not in busybox), so the CLI starts node once more with the flag.
const YOUNG = '--max-semi-space-size=4';
if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const args = [...process.execArgv, YOUNG, fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  // A terminal's Ctrl-C reaches both; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`podlint: cannot start node: ${error.message}\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exitCode = code ?? 2;
  });
} else {
  // Node 22.1+ keeps the bundle's compiled code on disk (in the temp folder): later runs, and the
  // worker threads of this one, skip compiling it again.
  module.enableCompileCache?.();
  const { cli } = await import('../index.js');
  await cli();
}
