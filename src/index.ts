// The one bundle behind both doors (dist/index.js), so the Action and the CLI share one set of
// chunks. Run as `node dist/index.js` (action.yml's main): the Action. Imported by the CLI door
// (dist/cli/index.js, written by scripts/build.mjs), which calls cli(). Started as a worker thread
// by either (parallel.ts): checks its share of the files. The doors are imported statically:
// a door in a chunk of its own makes webpack split the modules both doors share into unnamed
// chunks, whose names then depend on module paths (scripts/build.mjs refuses those).
import './quiet-deprecations.js';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliMain } from './cli-main.js';
import { run } from './main.js';
import { isPodlintWorker, serveWorker } from './parallel.js';

const self = fileURLToPath(import.meta.url);

/** The CLI: argv, stdout and stderr of this process; sets the exit code. */
export async function cli(): Promise<void> {
  await cliMain(self);
}

/** This file is the script node was started with (the Action runner's `node dist/index.js`). */
function isMainScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(self);
  } catch {
    return false;
  }
}

if (isPodlintWorker()) void serveWorker();
else if (isMainScript()) void run(self);
