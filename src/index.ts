// Entry point of the Action bundle (dist/index.js). The same file serves as the worker thread
// that checks files on another core (parallel.ts).
import './quiet-deprecations.js';
import { fileURLToPath } from 'node:url';
import { run } from './main.js';
import { isPodlintWorker, serveWorker } from './parallel.js';

if (isPodlintWorker()) void serveWorker();
else void run(fileURLToPath(import.meta.url));
