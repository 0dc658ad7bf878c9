// One file from disk to findings: read it (or say why not), recognise what is no manifest (a
// binary file, a Helm template, a file over the size limit) and check the rest. Runs in the main
// thread or in a worker (parallel.ts): everything in and out is plain data.
import fs from 'node:fs';
import { checkText, type Placement, type RuleSettings } from './check-text.js';
import { describeFsError } from './manifest/discover.js';
import type { Policy } from './policy/policy.js';
import type { Finding, RunProblem, Skipped } from './types.js';

export interface FileJob {
  abs: string;
  /** As shown in findings: relative to cwd, `/` separators. */
  file: string;
  /** A kustomize patch (see kustomize.ts). */
  partial: boolean;
  /** Bytes on disk, for sharing work out evenly. */
  size: number;
}

export interface FileSettings {
  rules?: RuleSettings;
  policies?: readonly Policy[];
  maxFileSize: number;
}

export interface FileOutcome {
  findings: Finding[];
  skipped?: Skipped;
  problem?: RunProblem;
  /** The file was read and checked (it counts in the summary's `files`). */
  checked: boolean;
  suppressed: number;
  documents: number;
  resources: number;
  pods: number;
}

const TEMPLATE_REASON = 'Helm template: lint the rendered output (helm template) instead';

export async function checkFile(job: FileJob, settings: FileSettings): Promise<FileOutcome> {
  const { file } = job;
  const outcome: FileOutcome = { findings: [], suppressed: 0, checked: false, documents: 0, resources: 0, pods: 0 };
  if (job.size > settings.maxFileSize) {
    outcome.skipped = { file, reason: `${formatBytes(job.size)} is over the ${formatBytes(settings.maxFileSize)} limit (raise it with --max-file-size)` };
    return outcome;
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(job.abs);
  } catch (error) {
    outcome.problem = { file, message: `cannot read: ${describeFsError(error)}` };
    return outcome;
  }
  const text = decode(buffer);
  if (text === undefined) {
    outcome.skipped = { file, reason: 'binary file' };
    return outcome;
  }
  return checkDecoded(text, file, job.partial, settings);
}

/** Checks text already read (a file's, or standard input's): templates are skipped, not checked. */
export async function checkDecoded(text: string, file: string, partial: boolean, settings: FileSettings, placement?: Placement): Promise<FileOutcome> {
  const outcome: FileOutcome = { findings: [], suppressed: 0, checked: true, documents: 0, resources: 0, pods: 0 };
  const template = helmTemplateLine(text);
  if (template !== undefined) {
    outcome.skipped = { file, line: template, reason: TEMPLATE_REASON };
    return outcome;
  }
  const result = await checkText(text, { file, partial, rules: settings.rules, policies: settings.policies, placement });
  if (text.includes('{{') && result.findings.some((f) => f.rule === 'yaml-syntax')) {
    // Template syntax that helmTemplateLine did not recognise: still a template, not broken YAML.
    outcome.skipped = { file, line: lineAt(text, text.indexOf('{{')), reason: TEMPLATE_REASON };
    return outcome;
  }
  return { ...outcome, ...result };
}

/**
 * The file's text: UTF-8, or UTF-16 with its byte-order mark (which YAML allows and editors on
 * Windows write). Undefined for a binary file: NUL bytes never appear in YAML or JSON text.
 */
export function decode(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buffer.subarray(0, 8192).includes(0)) return undefined;
  return buffer.toString('utf8');
}

/** Go-template actions that only a Helm chart (or another template) holds. */
const TEMPLATE_ACTION = /\{\{-?\s*(?:\.|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|\/\*)|-\}\}/;

/**
 * The line of the first template action when the file is a Helm template, which is no manifest
 * until rendered. `{{` alone is not enough: Argo Workflows and Prometheus rules use it in strings.
 */
export function helmTemplateLine(text: string): number | undefined {
  if (!text.includes('{{')) return undefined;
  const match = TEMPLATE_ACTION.exec(text);
  return match ? lineAt(text, match.index) : undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} bytes`;
}
