#!/usr/bin/env node
// The podlint CLI (package.json's bin), copied to dist/cli/index.js by scripts/build.mjs: the
// code is in ../index.js, the one bundle the Action runs too.
import { spawn } from 'node:child_process';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// How V8 sizes its heap decides podlint's peak memory more than what podlint keeps (a file's
// documents are dropped once it is checked, so the live heap stays near 40 MiB however large the
// repository). Left alone, the young generation grows to tens of MiB, and the old one to four
// times what is live before a full collection, and that factor climbs as a run goes on: 330 MiB
// on the 32 MB corpus, 445 on ten copies of it. With 16 MiB semi-spaces and the old generation
// let grow by half of what is live: about 195 and 240 MiB, at the same speed (npm run bench). Such flags
// can only be set when node starts, and a shebang cannot pass them portably (`env -S` is not in
// busybox), so the CLI starts node once more with them; a flag the user gave node is kept.
// `--always-sparkplug` compiles each function to baseline code on its first call: a lint run is
// short and much of its code runs cold (yaml for the few files the fast reader declines, a
// validator per kind), and it finished the corpus 3% sooner.
const FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50', '--always-sparkplug'];
/** The user gave node this flag, in any form (`--name=…`, `--name`, `--no-name`). */
const given = (flag) => {
  const name = flag.replace(/=.*/, '');
  return process.execArgv.some((a) => a === name || a.startsWith(`${name}=`) || a === `--no-${name.slice(2)}`);
};
const missing = FLAGS.filter((flag) => !given(flag));
if (missing.length > 0) {
  const args = [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)];
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
