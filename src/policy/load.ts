// Loading custom policies: every YAML or JSON file of the folders a config names (a file may hold
// several documents, one policy each). Each policy is checked against the published
// policies/policy.schema.json and its own schema is checked and compiled, so a broken policy is a
// configuration error naming the file, line and what is wrong, before any manifest is read.
import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { decode } from '../fs/decode.js';
import { DEFAULT_MAX_FILE_SIZE, isInside, readFileGuarded } from '../fs/read-file.js';
import policySchema from '../../policies/policy.schema.json' with { type: 'json' };
import { ConfigError, problemAt, syntaxProblemAt } from '../config-error.js';
import { describeFsError, discover, toRelative } from '../manifest/discover.js';
import type { RunProblem } from '../types.js';
import { parseManifestText, spanOfPath, type ParsedDocument, type ParsedFile } from '../manifest/parse.js';
import type { Path } from '../manifest/locate.js';
import { capLength, quote } from '../quote.js';
import { describeSchemaErrors } from '../schema-errors.js';
import { compileSchema } from './compile.js';
import type { Policy } from './policy.js';

let validatePolicyFile: ValidateFunction | undefined;

export interface PolicyReadOptions {
  /** A real folder every policy file must stay inside (the repository), when a repository file names them. */
  within?: string;
  /** Where policy files that are there but cannot be read go: the run goes on without them. */
  unread?: RunProblem[];
}

/**
 * Policies from files and folders (absolute paths), in a stable order. Throws ConfigError with
 * every problem found, each as `file:line:col: what is wrong`. A path that is there but may not
 * or cannot be read (a link out of the repository, a FIFO) is a run problem instead.
 */
export function loadPolicies(paths: readonly string[], cwd: string, options: PolicyReadOptions = {}): Policy[] {
  if (paths.length === 0) return []; // (discover() would read an empty list as ".")
  const errors: string[] = [];
  const unread = options.unread ?? [];
  const policies: Policy[] = [];
  const readable: string[] = [];
  for (const abs of paths) {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (error) {
      errors.push(`${toRelative(cwd, abs)}: policy path: ${describeFsError(error)}`);
      continue;
    }
    // Checked before the walk: a policy folder linked to / must not even be listed.
    if (options.within !== undefined && !isInside(real, options.within)) {
      unread.push({ file: toRelative(cwd, abs), message: 'policy path leads out of the repository (a symbolic link); not read' });
    } else {
      readable.push(abs);
    }
  }
  if (readable.length > 0) {
    const found = discover(readable, { cwd });
    for (const problem of found.problems) unread.push({ file: problem.file, message: `policy file ${problem.message}` });
    for (const s of found.skipped) unread.push({ file: s.file, message: `policy file is ${s.reason}` });
    for (const abs of found.files) policies.push(...loadPolicyFile(abs, toRelative(cwd, abs), errors, options, unread));
  }
  if (errors.length > 0) throw ConfigError.of('invalid policy', errors);
  return policies;
}

function loadPolicyFile(abs: string, file: string, errors: string[], options: PolicyReadOptions, unread: RunProblem[]): Policy[] {
  const read = readFileGuarded(abs, { maxBytes: DEFAULT_MAX_FILE_SIZE, within: options.within });
  if (!read.ok) {
    unread.push({ file, message: `policy file ${read.message}` });
    return [];
  }
  const text = decode(read.buffer);
  if (text === undefined) {
    errors.push(`${file}: a binary file, not a YAML or JSON policy`);
    return [];
  }
  const parsed = parseManifestText(text, { version: '1.2' });
  for (const s of parsed.syntax) errors.push(syntaxProblemAt(file, s));
  const policies: Policy[] = [];
  for (const doc of parsed.documents) {
    const policy = readPolicy(parsed, doc, file, errors);
    if (policy) policies.push(policy);
  }
  return policies;
}

function readPolicy(parsed: ParsedFile, doc: ParsedDocument, file: string, errors: string[]): Policy | undefined {
  const at = (path: Path, where: 'key' | 'value', message: string) => errors.push(problemAt(file, parsed, doc, path, where, message));
  validatePolicyFile ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(policySchema);
  const raw = doc.value;
  if (!validatePolicyFile(raw)) {
    for (const p of describeSchemaErrors(validatePolicyFile.errors ?? [], raw, 'the value', { ownFile: true })) at(p.path, p.at, p.message);
    return undefined;
  }
  const policy = raw as Omit<Policy, 'file' | 'line' | 'optIn'>;
  const check = compileSchema(policy.schema);
  if (check.schemaErrors) {
    for (const p of describeSchemaErrors(check.schemaErrors, policy.schema, 'the value', { ownFile: true })) {
      at(['schema', ...p.path], p.at, `not a valid JSON Schema: ${p.message}`);
    }
    return undefined;
  }
  if (check.compileError) {
    at(['schema'], 'key', `the schema does not compile: ${capLength(check.compileError, 200)}`);
    return undefined;
  }
  return { ...policy, file, line: spanOfPath(parsed, doc, []).line, optIn: false };
}

/** Policy ids must be unique and must not take a built-in rule's id. */
export function checkPolicyIds(policies: readonly Policy[], builtInIds: readonly string[]): void {
  const errors: string[] = [];
  const seen = new Map<string, Policy>();
  for (const p of policies) {
    if (builtInIds.includes(p.id)) errors.push(`${p.file}:${p.line}: policy id ${quote(p.id)} is a built-in rule's id; choose another`);
    const first = seen.get(p.id);
    if (first) errors.push(`${p.file}:${p.line}: policy id ${quote(p.id)} is already used by ${first.file}:${first.line}`);
    else seen.set(p.id, p);
  }
  if (errors.length > 0) throw ConfigError.of('invalid policy', errors);
}
