// Turns ajv's errors into what a person can act on: one message per offending value, at the
// deepest place the schema names, in words ("`replicas` must be an integer, got the string
// "two""), with "did you mean" for unknown keys. Shared by the config file and policies.
import type { ErrorObject } from 'ajv';
import type { Path } from './manifest/locate.js';
import { walk } from './manifest/resources.js';
import { quote } from './quote.js';
import { nearest } from './suggest.js';

export interface SchemaProblem {
  /** Where the problem is, from the validated value's root. */
  path: Path;
  /** Point at the key (an unknown key) rather than its value. */
  at: 'key' | 'value';
  message: string;
}

/** JSON pointer (`/a/0/b`) to path segments; numbers where the data holds an array. */
export function pointerToPath(pointer: string, data: unknown): Path {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current = current && typeof current === 'object' && Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** Keywords that only say "one of the branches failed": their branches say why. */
const WRAPPERS = new Set(['anyOf', 'oneOf', 'if', 'not', 'allOf']);
/** Among errors at one place, the one that says most. */
// A format error wins over a type error at the same place: in oneOf[number, string with format]
// (a Kubernetes quantity) the string branch is the one the author meant.
const PREFERENCE = ['additionalProperties', 'required', 'enum', 'const', 'format', 'type'];

/** Formats in words, with an example of a valid value. */
const FORMAT_WORDS: Record<string, string> = {
  quantity: 'a quantity such as 500m, 2 or 1Gi',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  double: 'a number',
  byte: 'base64-encoded data',
  'date-time': 'a date-time such as 2024-01-31T12:00:00Z',
};

export interface DescribeOptions {
  /**
   * The data is podlint's own file (the config, a policy), not a manifest it was asked to check:
   * messages never echo its text beyond a short value inside it. A whole document that is a
   * string (a token file linked as the config) is "a string", never shown.
   */
  ownFile?: boolean;
}

/** Strings and keys longer than this in podlint's own files are described, not quoted. */
export const OWN_FILE_SHOWN = 32;

/** `rootName` names the validated value itself in messages ("the sidecar"). */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown, rootName = 'the value', options: DescribeOptions = {}): SchemaProblem[] {
  const useful = errors.filter((e) => !WRAPPERS.has(e.keyword));
  const candidates = useful.length > 0 ? useful : [...errors];
  // Keep the deepest errors: a branch that got further is the branch the author meant.
  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of candidates) {
    const place = placeOf(e);
    const list = byPlace.get(place);
    if (list) list.push(e);
    else byPlace.set(place, [e]);
  }
  const places = [...byPlace.keys()];
  // Where an anyOf/oneOf failed and some branch got deeper, that branch is the one the author
  // meant: the shallower branches' complaints there (a map given where a bare severity was also
  // allowed) only confuse.
  const branching = new Set(errors.filter((e) => WRAPPERS.has(e.keyword)).map((e) => e.instancePath));
  const problems: SchemaProblem[] = [];
  for (const place of places) {
    if (branching.has(place) && places.some((other) => other.startsWith(place + '/'))) continue;
    const group = byPlace.get(place)!;
    group.sort((a, b) => rank(a.keyword) - rank(b.keyword));
    problems.push(describe(group, data, rootName, options));
  }
  return problems;
}

/** "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function rank(keyword: string): number {
  const i = PREFERENCE.indexOf(keyword);
  return i < 0 ? PREFERENCE.length : i;
}

function placeOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escapePointer(String(e.params.additionalProperty))}`;
  return e.instancePath;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(group: ErrorObject[], data: unknown, rootName: string, options: DescribeOptions): SchemaProblem {
  const e = group[0]!;
  const path = pointerToPath(e.instancePath, data);
  const name = path.length > 0 ? `\`${nameOf(path)}\`` : rootName;
  const value = walk(data, path);
  const hidden = options.ownFile === true && typeof value === 'string' && (path.length === 0 || value.length > OWN_FILE_SHOWN);
  const got = hidden ? 'a string' : describeValue(value);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = nearest(key, known);
      return {
        path: [...path, key],
        at: 'key',
        message: `unknown key ${options.ownFile && key.length > OWN_FILE_SHOWN ? `of ${key.length} characters` : quote(key)}${near ? ` (did you mean ${quote(near)}?)` : known.length ? ` (known: ${known.join(', ')})` : ''}`,
      };
    }
    case 'required': {
      // At the key of the object that lacks it (`spec:`), where a reader looks for it; every
      // missing key at once, so one fix is one round.
      const missing = [...new Set(group.filter((g) => g.keyword === 'required').map((g) => String(g.params.missingProperty)))];
      const keys = missing.length === 1 ? `key ${quote(missing[0]!)}` : `keys ${listed(missing.map(quote))}`;
      return { path, at: 'key', message: `${name} is missing the required ${keys}` };
    }
    case 'enum': {
      const allowed = [...new Set(group.filter((g) => g.keyword === 'enum').flatMap((g) => g.params.allowedValues as unknown[]))];
      return { path, at: 'value', message: `${name} must be one of ${allowed.map(show).join(', ')}, got ${got}` };
    }
    case 'format': {
      const format = String(e.params.format);
      return { path, at: 'value', message: `${name} must be ${FORMAT_WORDS[format] ?? `a valid ${format}`}, got ${got}` };
    }
    case 'resourceMinimum':
    case 'resourceMaximum': {
      const limit = (e.parentSchema as Record<string, unknown> | undefined)?.[e.keyword];
      const bound = e.keyword === 'resourceMinimum' ? 'at least' : 'at most';
      return { path, at: 'value', message: `${name} must be a quantity of ${bound} ${show(limit)}, got ${got}` };
    }
    case 'const':
      return { path, at: 'value', message: `${name} must be ${show(e.params.allowedValue)}, got ${got}` };
    case 'type': {
      const types = [...new Set(group.filter((g) => g.keyword === 'type').flatMap((g) => String(g.params.type).split(',')))];
      return { path, at: 'value', message: `${name} must be ${types.map(article).join(' or ')}, got ${got}` };
    }
    case 'dependentRequired':
      return { path, at: 'key', message: `${name} has ${quote(e.params.property)} but not ${quote(e.params.missingProperty)}, which goes with it` };
    default:
      return { path, at: 'value', message: `${name} ${e.message ?? 'is not valid'}` };
  }
}

/** The last key of a path with the list indexes after it: `paths[0]`, `ports[1].protocol` -> `protocol`. */
function nameOf(path: Path): string {
  let i = path.length - 1;
  while (i > 0 && typeof path[i] === 'number') i--;
  return path.slice(i).map((s, k) => (k === 0 ? String(s) : `[${s}]`)).join('');
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** JSON Schema's type names in the words of YAML users. */
const TYPE_WORDS: Record<string, string> = { array: 'list', object: 'map' };

function article(type: string): string {
  const word = TYPE_WORDS[type] ?? type;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** "the string \"two\"", "the number 3", "a list", "a map", "null". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${quote(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}
