#!/usr/bin/env node
// Entry point of the CLI bundle (dist/cli/index.js). The same file serves as the worker thread
// that checks files on another core (parallel.ts).
import './quiet-deprecations.js';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';
import { isPodlintWorker, serveWorker } from './parallel.js';

if (isPodlintWorker()) {
  void serveWorker();
} else {
  const io = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  runCli(process.argv.slice(2), io, fileURLToPath(import.meta.url)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug in podlint, not in the manifests: one line and exit 2; the stack only when asked.
      process.stderr.write(`podlint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      if (process.env.PODLINT_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
      process.exitCode = 2;
    },
  );
}
