// The config file: `.podlint.yml` / `.podlint.yaml` at the root, or `--config FILE`. It is
// checked against its own JSON Schema (published as policies/config.schema.json, so editors can
// complete it), and every mistake is a ConfigError naming the file, line and key. The config also
// decides which policies run: the custom ones it names, and the pack's opt-in ones it switches on.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { isMap, isScalar } from 'yaml';
import configSchema from '../policies/config.schema.json' with { type: 'json' };
import type { RuleSetting, RuleSettings, RuleSeverity } from './check-text.js';
import { ConfigError, problemAt, syntaxProblemAt } from './config-error.js';
import type { LintOptions } from './lint.js';
import { decode } from './fs/decode.js';
import { isInside, readFileGuarded, realFolder } from './fs/read-file.js';
import type { SchemaFolder } from './crd/catalog.js';
import { parseKubernetesVersion } from './k8s-schema/api-lifecycle.js';
import { toRelative } from './manifest/discover.js';
import { parseManifestText, type ParsedDocument } from './manifest/parse.js';
import { checkPolicyIds, loadPolicies } from './policy/load.js';
import { PACK } from './policy/pack.js';
import type { Policy } from './policy/policy.js';
import { quote } from './quote.js';
import { ALL_RULES } from './rules/index.js';
import type { RunProblem } from './types.js';
import { describeSchemaErrors } from './schema-errors.js';
import { nearest } from './suggest.js';

export { ConfigError };

export const CONFIG_NAMES = ['.podlint.yml', '.podlint.yaml'];
/** A config file is a few lines; anything near this is no config. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  /** The config file read, relative to cwd; undefined when there is none. */
  file?: string;
  lintOptions: Omit<LintOptions, 'paths' | 'cwd'>;
}

interface RawConfig {
  policies?: string[];
  'schema-folders'?: string[];
  rules?: Record<string, RuleSeverity | ({ severity?: RuleSeverity } & Record<string, unknown>)>;
  ignore?: string[];
  'test-assertions'?: string[];
  'max-file-size'?: number;
  'kubernetes-version'?: string | number;
  render?: RawRender;
}

interface RawRender {
  kustomize?: string;
  helm?: string;
  timeout?: number;
  'kustomize-flags'?: string[];
  charts?: Record<string, { values?: string[]; set?: Record<string, string | number | boolean>; release?: string }>;
}

/** The `render:` section, paths resolved: tools and values files from this file's folder. */
function renderSettings(raw: RawRender, configDir: string, cwd: string): NonNullable<LintOptions['render']> {
  const tool = (value: string | undefined) => (value === undefined || value === 'auto' || value === 'off' ? value : path.resolve(configDir, value));
  const out: NonNullable<LintOptions['render']> = {};
  const kustomize = tool(raw.kustomize);
  const helm = tool(raw.helm);
  if (kustomize !== undefined) out.kustomize = kustomize;
  if (helm !== undefined) out.helm = helm;
  if (raw.timeout !== undefined) out.timeoutMs = raw.timeout * 1000;
  if (raw['kustomize-flags']) out.kustomizeFlags = raw['kustomize-flags'];
  if (raw.charts) {
    out.charts = Object.fromEntries(
      Object.entries(raw.charts).map(([dir, chart]) => [
        toRelative(cwd, path.resolve(configDir, dir)),
        { ...chart, ...(chart.values ? { values: chart.values.map((v) => path.resolve(configDir, v)) } : {}) },
      ]),
    );
  }
  return out;
}

let validateConfig: ValidateFunction | undefined;

/**
 * `file`: a config the user named (`--config`, the Action's `config` input), which may lie
 * anywhere; without it, `.podlint.yml` at `cwd`, a repository file that must stay inside it.
 */
export function loadConfig(options: { cwd: string; file?: string }): LoadedConfig {
  const { cwd } = options;
  const explicit = options.file !== undefined;
  // Without --config: the nearest .podlint.yml from cwd up to the repository root, which then
  // is the folder the config and the policies it names must stay inside.
  const root = explicit ? cwd : repositoryRoot(cwd);
  const abs = explicit ? path.resolve(cwd, options.file!) : findDefault(cwd, root);
  if (abs === undefined) return { lintOptions: {} };
  const file = toRelative(cwd, abs);
  const repository = realFolder(root);

  const read = readFileGuarded(abs, { maxBytes: MAX_CONFIG_BYTES, within: explicit ? undefined : repository });
  if (!read.ok) {
    if (read.why === 'missing') throw new ConfigError(`${file}: cannot read the config file: ${read.message}`);
    // There but no file to read (a FIFO, a link out of the repository): said, and the run goes
    // on with the defaults, so the findings of the manifests are still delivered.
    return { file, lintOptions: { problems: [{ file, message: `config file ${read.message}; the default settings were used` }] } };
  }
  const text = decode(read.buffer);
  if (text === undefined) throw new ConfigError(`${file}: the config file is binary, not YAML`);
  // YAML 1.2, unlike manifests: `off` in `rules:` is the word, not the boolean false.
  const parsed = parseManifestText(text, { version: '1.2' });
  const syntax = parsed.syntax[0];
  if (syntax) throw new ConfigError(syntaxProblemAt(file, syntax));
  if (parsed.documents.length > 1) throw new ConfigError(`${file}: a config file holds one YAML document, not ${parsed.documents.length}`);
  const doc = parsed.documents[0];
  const raw = (doc?.value ?? {}) as RawConfig;
  const problems: string[] = [];
  const at = (p: readonly (string | number)[], where: 'key' | 'value', message: string) =>
    problems.push(problemAt(file, parsed, doc, p, where, message));

  validateConfig ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(configSchema);
  const valid = Boolean(validateConfig(raw)); // (not a type guard here: raw keeps its type)
  if (!valid) {
    for (const problem of describeSchemaErrors(validateConfig.errors ?? [], raw, 'the value', { ownFile: true })) at(problem.path, problem.at, problem.message);
  }
  // Custom policies are read only from a valid config; rule ids are checked whenever they can be
  // (without custom policies, every id is known up front), so one run names every mistake.
  const configDir = path.dirname(abs);
  const unread: RunProblem[] = [];
  // Policies a repository file names stay inside the repository; those of a config the user
  // named outside it may lie anywhere.
  const policyRoot = isInside(realFolder(abs), repository) ? repository : undefined;
  const custom = valid ? loadPolicies((raw.policies ?? []).map((p) => path.resolve(configDir, p)), cwd, { within: policyRoot, unread }) : [];
  if (valid) checkPolicyIds([...PACK, ...custom], ALL_RULES.map((r) => r.id));
  if (valid || (raw.policies === undefined && isPlainMap(raw.rules))) {
    const known = [...ALL_RULES.map((r) => r.id), ...PACK.map((p) => p.id), ...custom.map((p) => p.id)];
    for (const id of Object.keys(raw.rules ?? {})) {
      if (known.includes(id)) continue;
      const near = nearest(id, known);
      at(['rules', id], 'key', `unknown rule id ${quote(id)}${near ? ` (did you mean ${quote(near)}?)` : ''}`);
    }
  }
  const kubernetesVersion = valid ? readKubernetesVersion(raw, doc, at) : undefined;
  const schemaFolders = valid ? readSchemaFolders(raw, configDir, policyRoot, at) : [];
  if (problems.length > 0) throw ConfigError.of('invalid config file', sortByPosition(problems));

  const rules = ruleSettings(raw);
  const policies = activePolicies([...PACK, ...custom], rules);
  const lintOptions: LoadedConfig['lintOptions'] = { rules, policies };
  if (unread.length > 0) lintOptions.problems = unread;
  // Globs are written relative to the config file; the scan matches paths relative to cwd.
  // Policy files are YAML but no manifests: they are left out of the scan too.
  const relativeToCwd = (glob: string) => rebaseGlob(glob, configDir, cwd);
  const policyPaths = [...(raw.policies ?? []), ...(raw['schema-folders'] ?? [])].map((p) => toRelative(cwd, path.resolve(configDir, p)));
  const ignore = [...(raw.ignore ?? []).flatMap(relativeToCwd), ...policyPaths.flatMap((p) => [p, `${p}/**`])];
  if (ignore.length > 0) lintOptions.ignore = ignore;
  if (raw.render) lintOptions.render = renderSettings(raw.render, configDir, cwd);
  if (raw['test-assertions']?.length) lintOptions.testAssertions = raw['test-assertions'].flatMap(relativeToCwd);
  if (raw['max-file-size'] !== undefined) lintOptions.maxFileSize = raw['max-file-size'];
  if (kubernetesVersion !== undefined) lintOptions.kubernetesVersion = kubernetesVersion;
  if (schemaFolders.length > 0) lintOptions.schemaFolders = schemaFolders;
  return { file, lintOptions };
}

/**
 * `kubernetes-version: 1.30` is the number 1.3 to YAML: the version is read from the source text
 * as written, so it need not be quoted.
 */
function readKubernetesVersion(raw: RawConfig, doc: ParsedDocument | undefined, at: (p: string[], where: 'key' | 'value', message: string) => void): string | undefined {
  const value = raw['kubernetes-version'];
  if (value === undefined) return undefined;
  const node = doc && isMap(doc.root) ? doc.root.get('kubernetes-version', true) : undefined;
  const written = isScalar(node) && typeof node.source === 'string' ? node.source : String(value);
  const version = parseKubernetesVersion(written);
  if (version === undefined) at(['kubernetes-version'], 'value', `must be a Kubernetes version such as 1.29, not ${quote(written)}`);
  return version;
}

/**
 * Schema folders a repository's config names stay inside the repository (their files are read
 * when a manifest asks for a kind); those of a config the user named outside it may lie anywhere.
 */
function readSchemaFolders(raw: RawConfig, configDir: string, within: string | undefined, at: (p: (string | number)[], where: 'key' | 'value', message: string) => void): SchemaFolder[] {
  const folders: SchemaFolder[] = [];
  (raw['schema-folders'] ?? []).forEach((entry, i) => {
    const dir = path.resolve(configDir, entry);
    const real = realFolder(dir);
    let isDir = false;
    try {
      isDir = fs.statSync(real).isDirectory();
    } catch {
      // missing: said below
    }
    if (!isDir || (within !== undefined && !isInside(real, within))) {
      at(['schema-folders', i], 'value', `${quote(entry)} must be a folder inside the repository`);
      return;
    }
    folders.push({ dir: real, within });
  });
  return folders;
}

function isPlainMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `file:line:col: …` lines in the order of the file. */
function sortByPosition(problems: string[]): string[] {
  const position = (p: string) => (/:(\d+):(\d+): /.exec(p) ?? []).slice(1).map(Number);
  return [...problems].sort((a, b) => {
    const [la = 0, ca = 0] = position(a);
    const [lb = 0, cb = 0] = position(b);
    return la - lb || ca - cb;
  });
}

/**
 * A glob written relative to the config's folder, as the scan matches it (relative to cwd). With
 * the config in cwd or below, the glob gets the folder as a prefix. With the config in a parent
 * folder (found from a subfolder), the glob's leading segments that match cwd's own path below
 * the config are taken off (`deploy/k8s/skip/**` from deploy/k8s is `skip/**`; a `**` segment
 * reaches into cwd as it stands), and a glob that cannot reach into cwd is dropped.
 */
export function rebaseGlob(glob: string, configDir: string, cwd: string): string[] {
  const prefix = toRelative(cwd, configDir);
  if (prefix === '.') return [glob];
  if (!prefix.startsWith('..')) return [path.posix.normalize(path.posix.join(prefix, glob))];
  const down = toRelative(configDir, cwd).split('/');
  const parts = path.posix.normalize(glob).split('/');
  for (let i = 0; i < down.length; i++) {
    const part = parts[i];
    if (part === '**') return [parts.slice(i).join('/')];
    if (part === undefined || !picomatch.isMatch(down[i]!, part, { dot: true })) return part === undefined ? ['**'] : [];
  }
  return [parts.slice(down.length).join('/') || '**'];
}

function findDefault(cwd: string, root: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}

/** The nearest folder from cwd up that holds `.git` (a folder, or a worktree's file); else cwd. */
function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

function ruleSettings(raw: RawConfig): RuleSettings {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(raw.rules ?? {})) {
    if (typeof value === 'string') {
      rules[id] = { severity: value };
    } else {
      const { severity, ...ruleOptions } = value;
      rules[id] = { severity, options: ruleOptions };
    }
  }
  return rules;
}

/**
 * The policies that run, each at the severity it reports: a custom policy runs unless turned
 * `off`; a pack policy only when the config names it (at its own severity unless one is given).
 */
function activePolicies(policies: readonly Policy[], rules: RuleSettings): Policy[] {
  const active: Policy[] = [];
  for (const policy of policies) {
    const setting = rules[policy.id];
    if (policy.optIn && !setting) continue;
    const severity = setting?.severity ?? policy.severity;
    if (severity === 'off') continue;
    active.push({ ...policy, severity });
  }
  return active;
}
