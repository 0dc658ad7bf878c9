// lint(): the whole pipeline from paths to a report. Both doors (the CLI and the Action) call it
// and differ only in how they read options and where they send the result.
import fs from 'node:fs';
import path from 'node:path';
import { checkText, type RuleSettings } from './check-text.js';
import { describeFsError, discover, toRelative } from './manifest/discover.js';
import { PatchIndex } from './manifest/kustomize.js';
import type { Finding, Report, RunProblem, Skipped } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface LintOptions {
  /** Files, folders or globs; `.` when empty. */
  paths: readonly string[];
  /** What paths are relative to, and what findings' files are relative to. */
  cwd?: string;
  /** Globs of files left out. */
  ignore?: readonly string[];
  rules?: RuleSettings;
  /** Bytes; larger files are reported as skipped. */
  maxFileSize?: number;
}

export async function lint(options: LintOptions): Promise<Report> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const discovered = discover(options.paths, { cwd, ignore: options.ignore });
  const report: Report = {
    findings: [],
    skipped: [],
    problems: [...discovered.problems],
    summary: { files: 0, documents: 0, resources: 0, pods: 0, errors: 0, warnings: 0, notices: 0 },
  };
  const patches = new PatchIndex(cwd);
  for (const abs of discovered.files) {
    const file = toRelative(cwd, abs);
    const text = readManifest(abs, file, maxFileSize, report.skipped, report.problems);
    if (text === undefined) continue;
    report.summary.files++;
    const template = helmTemplateLine(text);
    if (template !== undefined) {
      report.skipped.push({ file, line: template, reason: TEMPLATE_REASON });
      continue;
    }
    const result = checkText(text, { file, partial: patches.isPatch(abs), rules: options.rules });
    if (text.includes('{{') && result.findings.some((f) => f.rule === 'yaml-syntax')) {
      // Template syntax the heuristic above missed: still a template, not broken YAML.
      report.skipped.push({ file, line: lineAt(text, text.indexOf('{{')), reason: TEMPLATE_REASON });
      continue;
    }
    report.summary.documents += result.documents;
    report.summary.resources += result.resources;
    report.summary.pods += result.pods;
    report.findings.push(...result.findings);
  }
  report.findings.sort(compareFindings);
  for (const f of report.findings) report.summary[`${f.severity}s`]++;
  return report;
}

/** The text of a file worth checking, or undefined after saying why it is not. */
function readManifest(abs: string, file: string, maxFileSize: number, skipped: Skipped[], problems: RunProblem[]): string | undefined {
  let buffer: Buffer;
  try {
    const size = fs.statSync(abs).size;
    if (size > maxFileSize) {
      skipped.push({ file, reason: `${formatBytes(size)} is over the ${formatBytes(maxFileSize)} limit (raise it with --max-file-size)` });
      return undefined;
    }
    buffer = fs.readFileSync(abs);
  } catch (error) {
    problems.push({ file, message: `cannot read: ${describeFsError(error)}` });
    return undefined;
  }
  // A NUL byte never appears in YAML or JSON text: this is a binary file with a manifest's name.
  if (buffer.subarray(0, 8192).includes(0)) {
    skipped.push({ file, reason: 'binary file' });
    return undefined;
  }
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

const TEMPLATE_REASON = 'Helm template: lint the rendered output (helm template) instead';

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

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
