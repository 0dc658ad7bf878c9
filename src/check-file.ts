// One file from disk to findings: read it (or say why not), recognise what is no manifest (a
// binary file, a Helm template, a file over the size limit) and check the rest. Runs in the main
// thread or in a worker (parallel.ts): everything in and out is plain data.
import { checkText, type DeferredResource, type FullReason, type Reader, type RuleSettings } from './check-text.js';
import { decode } from './fs/decode.js';
import { formatBytes, readFileGuarded } from './fs/read-file.js';
import { toRelative } from './manifest/discover.js';
import { functionConfigPatches } from './manifest/kustomize.js';
import type { Policy } from './policy/policy.js';
import type { SchemaFolder } from './crd/catalog.js';
import type { CrdEntry } from './crd/entries.js';
import type { CrdIndex } from './crd/index-of-crds.js';
import type { Finding, RunProblem, Skipped, UncheckedGroup } from './types.js';

export { decode };

/** A file to check. Runs keep one per file of the repository: only what cannot be derived. */
export interface FileJob {
  abs: string;
  /** A kustomize patch (see kustomize.ts). */
  partial: boolean;
  /** A kustomization writes the selector of this file's objects (SelectorLabelIndex). */
  selectorFromKustomize?: boolean;
  /** Bytes on disk, for sharing work out evenly. */
  size: number;
}

export interface FileSettings {
  /** What findings' file names are relative to (jobFile). */
  cwd: string;
  rules?: RuleSettings;
  policies?: readonly Policy[];
  maxFileSize: number;
  kubernetesVersion?: string;
  schemaFolders?: readonly SchemaFolder[];
  /** Hand back custom resources whose CRD may be in another file (see check-with-crds.ts). */
  defer?: boolean;
  reader?: Reader;
  /** The CRDs of the files checked before this one, in their order (parallel.ts; this thread only). */
  earlierCrds?: CrdIndex;
}

export interface FileOutcome {
  findings: Finding[];
  skipped?: Skipped;
  /** Documents of a checked file left unchecked, with the reason (test assertions). */
  skippedDocuments?: Skipped[];
  problem?: RunProblem;
  /** The file was read and checked (it counts in the summary's `files`). */
  checked: boolean;
  suppressed: number;
  documents: number;
  resources: number;
  pods: number;
  /** This file's CRDs; its custom resources that may need another file's CRD; what no schema covered. */
  crds?: CrdEntry[];
  deferred?: DeferredResource[];
  unchecked?: UncheckedGroup[];
  /** Read the full way under the `auto` reader, and why (check-text.ts). */
  fullReason?: FullReason;
  /** The files (absolute paths) this one names as patches, as a KRM function config (see plainFileJobs). */
  functionPatches?: string[];
}

/**
 * The outcome as it is kept until the report is made: fresh copies of its strings, empty lists
 * left out. V8 keeps a string cut from a longer one (a name, an apiVersion) as a slice that
 * holds the whole file text alive, and an outcome outlives its file: without fresh copies,
 * memory grows with every file that has a finding or a custom resource. A clean file's outcome
 * holds no such string and is only trimmed. Its CRDs are the caller's (detachCrd): they are
 * shared between files.
 *
 * Kept outcomes are most of what grows with the repository, so they are kept small: a new object
 * rather than a copy with keys deleted (which V8 turns into a hash table, 400 bytes a clean
 * file), and one copy of each string many outcomes repeat (a file's name in each of its
 * findings, rule ids, kinds, the reason of each unchecked custom resource).
 */
export function detachOutcome(outcome: Omit<FileOutcome, 'crds'>, strings: SharedStrings = new SharedStrings()): FileOutcome {
  const { findings, suppressed, checked, documents, resources, pods } = outcome;
  const kept: FileOutcome = { findings, suppressed, checked, documents, resources, pods };
  if (outcome.skippedDocuments?.length) kept.skippedDocuments = outcome.skippedDocuments;
  if (outcome.deferred?.length) kept.deferred = outcome.deferred;
  if (outcome.unchecked?.length) kept.unchecked = outcome.unchecked;
  if (outcome.functionPatches?.length) kept.functionPatches = outcome.functionPatches;
  if (outcome.skipped) kept.skipped = outcome.skipped;
  if (outcome.problem) kept.problem = outcome.problem;
  if (outcome.fullReason) kept.fullReason = outcome.fullReason;
  const holdsText = findings.length > 0 || kept.skippedDocuments || kept.deferred || kept.unchecked || kept.skipped || kept.problem || kept.functionPatches;
  if (!holdsText) return kept;
  const copy = structuredClone(kept);
  for (const f of copy.findings) {
    f.file = strings.get(f.file);
    f.rule = strings.get(f.rule);
    f.severity = strings.get(f.severity);
    if (f.resource) f.resource.kind = strings.get(f.resource.kind);
  }
  for (const group of [...(copy.deferred ?? []), ...(copy.unchecked ?? [])]) {
    group.apiVersion = strings.get(group.apiVersion);
    group.kind = strings.get(group.kind);
    group.reason = strings.get(group.reason);
  }
  return copy;
}

/** One copy of each string that the outcomes of a run repeat (detachOutcome). */
export class SharedStrings {
  private readonly first = new Map<string, string>();

  /** The first copy of an equal string kept before (itself when it is the first). */
  get<T extends string>(text: T): T {
    const first = this.first.get(text);
    if (first !== undefined) return first as T;
    this.first.set(text, text);
    return text;
  }
}

/** A CRD entry with fresh strings (see detachOutcome); its schema text is its own string already (JSON.stringify), and large: kept, not copied. */
export function detachCrd(entry: CrdEntry): CrdEntry {
  const copy = structuredClone({ ...entry, versions: entry.versions.map(({ name, served }) => ({ name, served })) });
  copy.versions.forEach((version, i) => {
    const { schema } = entry.versions[i]!;
    if (schema !== undefined) Object.assign(version, { schema });
  });
  return copy;
}

/** The job's file as findings name it: relative to cwd, `/` separators. */
export function jobFile(job: FileJob, settings: Pick<FileSettings, 'cwd'>): string {
  return toRelative(settings.cwd, job.abs);
}

const TEMPLATE_REASON = 'Helm template: lint the rendered output (helm template) instead';

export async function checkFile(job: FileJob, settings: FileSettings): Promise<FileOutcome> {
  const file = jobFile(job, settings);
  const outcome: FileOutcome = { findings: [], suppressed: 0, checked: false, documents: 0, resources: 0, pods: 0 };
  const tooLarge = (size: number) => ({ file, reason: `${formatBytes(size)} is over the ${formatBytes(settings.maxFileSize)} limit (raise it with --max-file-size)` });
  if (job.size > settings.maxFileSize) {
    outcome.skipped = tooLarge(job.size);
    return outcome;
  }
  // The walk has kept the file inside its root already: no `within`, no realpath per file.
  const read = readFileGuarded(job.abs, { maxBytes: settings.maxFileSize });
  if (!read.ok) {
    if (read.why === 'too-large') outcome.skipped = tooLarge(read.size ?? job.size); // (it grew)
    else outcome.problem = { file, message: read.message };
    return outcome;
  }
  // (A test of the name and of the bytes for `Patches:`: nothing for nearly every file.)
  const functionPatches = functionConfigPatches(job.abs, read.buffer);
  const text = decode(read.buffer);
  if (text === undefined) {
    outcome.skipped = { file, reason: 'binary file' };
    return outcome;
  }
  try {
    const checked = await checkDecoded(text, file, job.partial, settings, job.selectorFromKustomize);
    return functionPatches.length > 0 ? { ...checked, functionPatches } : checked;
  } catch (error) {
    // A stack or string too large for the engine (a crafted file past every bound): this file
    // could not be checked, and the run goes on with the others.
    if (!(error instanceof RangeError)) throw error;
    return { ...outcome, problem: { file, message: `could not be checked: ${error.message}` }, ...(functionPatches.length > 0 ? { functionPatches } : {}) };
  }
}

/** Checks text already read (a file's, or standard input's): templates are skipped, not checked. */
export async function checkDecoded(text: string, file: string, partial: boolean, settings: FileSettings, selectorFromKustomize?: boolean): Promise<FileOutcome> {
  const outcome: FileOutcome = { findings: [], suppressed: 0, checked: true, documents: 0, resources: 0, pods: 0 };
  const template = helmTemplateLine(text);
  if (template !== undefined) {
    outcome.skipped = { file, line: template, reason: TEMPLATE_REASON };
    return outcome;
  }
  const result = await checkText(text, {
    file,
    partial,
    selectorFromKustomize,
    rules: settings.rules,
    policies: settings.policies,
    kubernetesVersion: settings.kubernetesVersion,
    schemaFolders: settings.schemaFolders,
    defer: settings.defer,
    reader: settings.reader,
    earlierCrds: settings.earlierCrds,
  });
  if (text.includes('{{') && result.findings.some((f) => f.rule === 'yaml-syntax')) {
    // Template syntax that helmTemplateLine did not recognise: still a template, not broken YAML.
    outcome.skipped = { file, line: lineAt(text, text.indexOf('{{')), reason: TEMPLATE_REASON };
    return outcome;
  }
  const braced = bracePlaceholderLine(text, result.findings);
  if (braced !== undefined) {
    outcome.skipped = { file, line: braced, reason: BRACE_TEMPLATE_REASON };
    return outcome;
  }
  return { ...outcome, ...result };
}

const BRACE_TEMPLATE_REASON = 'template with {NAME} placeholders (a Makefile or test fills them in): lint the filled-in output instead';

/** `{NAME}` glued to more text (`{SERVICE_IP_PREFIX}.16`, `{IPv6}/128`): a placeholder, as no YAML author means a map there. */
const BRACE_PLACEHOLDER = /(?:^|[\s:[,-])\{[A-Za-z_][A-Za-z0-9_]*\}[^\s,\]}#]/;

/** The line of a syntax error that a `{NAME}` placeholder on it explains. */
function bracePlaceholderLine(text: string, findings: readonly { rule: string; line: number }[]): number | undefined {
  const syntax = findings.filter((f) => f.rule === 'yaml-syntax');
  if (syntax.length === 0 || !/\{[A-Za-z_]/.test(text)) return undefined;
  const lines = text.split('\n');
  return syntax.find((f) => BRACE_PLACEHOLDER.test(lines[f.line - 1] ?? ''))?.line;
}

/** Go-template actions that only a Helm chart (or another template) holds. */
const TEMPLATE_ACTION = /\{\{-?\s*(?:\.|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|required\b|toYaml\b|tpl\b|\/\*)|-\}\}/;

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
