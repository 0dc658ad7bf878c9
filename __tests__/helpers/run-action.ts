// Runs the built Action (dist/index.js) as the runner does: a child process whose only context is
// INPUT_* and GITHUB_* variables, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
// files to write. Asynchronous, so a fake API in the test's own process keeps answering.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A private copy of dist/ (the Action and its lazily loaded chunks), so a build running at the
 * same time in this checkout cannot pull the bundle out from under a test.
 */
export function copyActionBundle(into: string): string {
  const dist = path.join(repoRoot, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.js'))) throw new Error('dist/index.js is missing: run "npm run build" first');
  const target = path.join(into, 'action');
  fs.mkdirSync(target, { recursive: true });
  for (const name of fs.readdirSync(dist)) {
    if (name.endsWith('.js') || name === 'package.json') fs.copyFileSync(path.join(dist, name), path.join(target, name));
  }
  return path.join(target, 'index.js');
}

export interface ActionRunOptions {
  script: string;
  workspace: string;
  /** By input name as action.yml spells it (`fail-on`); set as INPUT_FAIL-ON, hyphen and all. */
  inputs: Record<string, string>;
  eventName: string;
  payload: unknown;
  /** GITHUB_* and anything else, added to a clean environment. */
  env: Record<string, string>;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** The GITHUB_STEP_SUMMARY file. */
  summary: string;
  /** stdout lines that are workflow commands (`::name …::…`). */
  commands: string[];
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-runner-'));
  try {
    const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary'), event: path.join(dir, 'event.json') };
    fs.writeFileSync(files.output, '');
    fs.writeFileSync(files.summary, '');
    fs.writeFileSync(files.event, JSON.stringify(options.payload));
    // Nothing from the test's own environment: on a CI runner it holds the real GITHUB_* values.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKSPACE: options.workspace,
      RUNNER_TEMP: dir,
      ...options.env,
    };
    for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [options.script], { cwd: options.workspace, env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      });
    });
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(fs.readFileSync(files.output, 'utf8')),
      summary: fs.readFileSync(files.summary, 'utf8'),
      commands: stdout.split(/\r?\n/).filter((line) => line.startsWith('::')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `name<<DELIMITER\nvalue\nDELIMITER` blocks, as the runner reads them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const m of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return outputs;
}

/** A workflow command's escaped text read back, as the runner reads it. */
export function unescapeCommandValue(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** `::error file=a,line=3::message` → { command, properties, message }, unescaped. */
export function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const m = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeCommandValue(pair.slice(eq + 1));
  }
  return { command: m[1]!, properties, message: unescapeCommandValue(m[3]!) };
}
