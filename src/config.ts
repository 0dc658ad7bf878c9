// The config file: `.podlint.yml` / `.podlint.yaml` at the root, or `--config FILE`. It is
// checked against its own JSON Schema (published as policies/config.schema.json, so editors can
// complete it), and every mistake is a ConfigError naming the file, line and key.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import configSchema from '../policies/config.schema.json' with { type: 'json' };
import type { RuleSetting, RuleSettings, RuleSeverity } from './check-text.js';
import { describeFsError, toRelative } from './manifest/discover.js';
import { parseManifestText, spanOfPath } from './manifest/parse.js';
import { ALL_RULES } from './rules/index.js';
import { quote } from './quote.js';
import { describeSchemaErrors } from './schema-errors.js';
import { nearest } from './suggest.js';
import type { LintOptions } from './lint.js';

export const CONFIG_NAMES = ['.podlint.yml', '.podlint.yaml'];

export class ConfigError extends Error {}

export interface LoadedConfig {
  /** The config file read, relative to cwd; undefined when there is none. */
  file?: string;
  lintOptions: Omit<LintOptions, 'paths' | 'cwd'>;
}

interface RawConfig {
  policies?: string[];
  rules?: Record<string, RuleSeverity | ({ severity?: RuleSeverity } & Record<string, unknown>)>;
  ignore?: string[];
  'max-file-size'?: number;
}

let validateConfig: ValidateFunction | undefined;

export function loadConfig(options: { cwd: string; file?: string }): LoadedConfig {
  const { cwd } = options;
  const abs = options.file !== undefined ? path.resolve(cwd, options.file) : findDefault(cwd);
  if (abs === undefined) return { lintOptions: {} };
  const file = toRelative(cwd, abs);

  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file: ${describeFsError(error)}`);
  }
  // YAML 1.2, unlike manifests: `off` in `rules:` is the word, not the boolean false.
  const parsed = parseManifestText(text, { version: '1.2' });
  const syntax = parsed.syntax[0];
  if (syntax) throw new ConfigError(`${file}:${syntax.span.line}:${syntax.span.column}: ${syntax.message}`);
  if (parsed.documents.length > 1) throw new ConfigError(`${file}: a config file holds one YAML document, not ${parsed.documents.length}`);
  const doc = parsed.documents[0];
  const raw = doc?.value ?? {};

  validateConfig ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(configSchema);
  const errors: string[] = [];
  const at = (p: readonly (string | number)[], where: 'key' | 'value', message: string) => {
    const span = doc ? spanOfPath(parsed, doc, p, where) : { line: 1, column: 1 };
    errors.push(`${file}:${span.line}:${span.column}: ${p.length ? `${p.map(String).join('.')}: ` : ''}${message}`);
  };
  if (!validateConfig(raw)) {
    for (const problem of describeSchemaErrors(validateConfig.errors ?? [], raw)) at(problem.path, problem.at, problem.message);
  } else {
    const known = ALL_RULES.map((r) => r.id);
    for (const id of Object.keys((raw as RawConfig).rules ?? {})) {
      if (known.includes(id)) continue;
      const near = nearest(id, known);
      at(['rules', id], 'key', `unknown rule id ${quote(id)}${near ? ` (did you mean ${quote(near)}?)` : ''}`);
    }
  }
  if (errors.length > 0) throw new ConfigError(`invalid config file:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  return { file, lintOptions: toLintOptions(raw as RawConfig, path.dirname(abs), cwd) };
}

function findDefault(cwd: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const candidate = path.join(cwd, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function toLintOptions(raw: RawConfig, configDir: string, cwd: string): LoadedConfig['lintOptions'] {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(raw.rules ?? {})) {
    if (typeof value === 'string') {
      rules[id] = { severity: value };
    } else {
      const { severity, ...ruleOptions } = value;
      rules[id] = { severity, options: ruleOptions };
    }
  }
  // Globs are written relative to the config file; the scan matches paths relative to cwd.
  const prefix = toRelative(cwd, configDir);
  const ignore = raw.ignore?.map((glob) => (prefix === '.' ? glob : path.posix.join(prefix, glob)));
  const result: LoadedConfig['lintOptions'] = { rules: rules as RuleSettings };
  if (ignore) result.ignore = ignore;
  if (raw['max-file-size'] !== undefined) result.maxFileSize = raw['max-file-size'];
  return result;
}
