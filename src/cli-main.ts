#!/usr/bin/env node
// Entry point of the CLI bundle (dist/cli/index.js).
import { runCli } from './cli.js';

runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug in podlint, not in the manifests: say so in one line and exit 2, never a stack trace
    // unless asked for.
    process.stderr.write(`podlint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.PODLINT_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = 2;
  },
);
