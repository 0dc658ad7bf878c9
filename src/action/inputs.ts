// The Action's inputs, read and checked before anything runs: a value outside its list is a
// mistake in the user's workflow, reported as one line rather than guessed at.
import type { FailOn } from '../types.js';
import { parseKubernetesVersion } from '../k8s-schema/api-lifecycle.js';
import { StepError } from './step-error.js';
import { parseShard, type Shard } from '../shard.js';

export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;
export const ANNOTATIONS = ['auto', 'checks', 'commands', 'off'] as const;
export const ONLY_CHANGED = ['false', 'files', 'lines'] as const;

export type AnnotationMode = (typeof ANNOTATIONS)[number];
export type OnlyChanged = (typeof ONLY_CHANGED)[number];

export interface ActionInputs {
  paths: string[];
  config?: string;
  failOn: FailOn;
  onlyChanged: OnlyChanged;
  sarifFile?: string;
  annotations: AnnotationMode;
  /** Empty when the workflow passes none. */
  token: string;
  /** `1.N`; undefined leaves it to the config file (or the newest the schemas know). */
  kubernetesVersion?: string;
  /** `K/N`: check only that share of the work (shard.ts), for a matrix of N jobs. */
  shard?: Shard;
}

/** `paths` is newline- or comma-separated; blank entries are dropped. */
export function splitPaths(value: string): string[] {
  return value
    .split(/[\r\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** `getInput` is @actions/core's (trimmed value, '' when unset); a parameter so tests need no env. */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const paths = splitPaths(getInput('paths'));
  return {
    paths: paths.length > 0 ? paths : ['.'],
    config: getInput('config') || undefined,
    failOn: oneOf('fail-on', getInput('fail-on') || 'error', FAIL_ON),
    onlyChanged: oneOf('only-changed', getInput('only-changed') || 'false', ONLY_CHANGED),
    sarifFile: getInput('sarif-file') || undefined,
    annotations: oneOf('annotations', getInput('annotations') || 'auto', ANNOTATIONS),
    token: getInput('token'),
    kubernetesVersion: kubernetesVersionInput(getInput('kubernetes-version')),
    shard: shardInput(getInput('shard')),
  };
}

function kubernetesVersionInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const version = parseKubernetesVersion(value);
  if (version === undefined) throw new StepError(`input "kubernetes-version" must be a Kubernetes version such as 1.29, not ${JSON.stringify(value)}`);
  return version;
}

function shardInput(value: string): Shard | undefined {
  if (value.trim() === '') return undefined;
  const shard = parseShard(value);
  if (!shard) throw new StepError(`input "shard" must be K/N with 1 <= K <= N <= 256 (such as 2/4), not ${JSON.stringify(value)}`);
  return shard;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new StepError(`input "${name}" must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}
