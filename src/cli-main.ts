// The CLI as a process: argv, stdout and stderr in, an exit code out. A bug in podlint, not in
// the manifests, is one line and exit 2; the stack only when PODLINT_DEBUG asks for it.
import { runCli } from './cli.js';

export async function cliMain(workerScript: string): Promise<void> {
  const io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // Only when `-` is among the paths: node builds process.stdin (and loads its stream modules) on first use.
    get stdin() {
      return process.stdin;
    },
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io, workerScript);
  } catch (error) {
    process.stderr.write(`podlint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.PODLINT_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = 2;
  }
}
