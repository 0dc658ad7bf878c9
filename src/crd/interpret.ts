// Validation of a value against a CRD's schema (after to-ajv.ts), by walking the two together.
// ajv would generate and compile code for the whole schema first: for CRD schemas, often
// thousands of nodes of which a resource uses a few dozen, that costs far more than checking
// every manifest of a repository. A walk costs what the resource is big, nothing up front.
// The errors are ajv's ErrorObjects, with ajv's messages, so that describeSchemaErrors words
// them exactly as it words the built-in kinds' errors.
import type { ErrorObject } from 'ajv';
import { isObject, type PlainObject } from '../manifest/resources.js';
import { re2RegExp } from '../policy/regexp.js';

const MAX_DEPTH = 100;

export function validateValue(schema: PlainObject, value: unknown): ErrorObject[] {
  const errors: ErrorObject[] = [];
  check(schema, value, '', errors, 0);
  return errors;
}

function error(keyword: string, instancePath: string, schema: PlainObject, data: unknown, params: Record<string, unknown>, message: string): ErrorObject {
  return { keyword, instancePath, schemaPath: '', params, message, parentSchema: schema, data } as ErrorObject;
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return true;
  }
}

/** Whether the value has the type (a name, or a list of names: any of them) a schema node gives. */
function typeMatches(type: unknown, value: unknown): boolean {
  if (typeof type === 'string') return typeOk(type, value);
  if (Array.isArray(type)) return type.length === 0 || type.some((t) => typeOk(String(t), value));
  return typeOk(String(type), value);
}

/** Equality of JSON values, for enum and uniqueItems. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equal((a as PlainObject)[k], (b as PlainObject)[k]));
}

function check(schema: unknown, value: unknown, path: string, errors: ErrorObject[], depth: number): void {
  if (!isObject(schema) || depth > MAX_DEPTH) return;
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [String(schema.type)];
    errors.push(error('type', path, schema, value, { type: types.join(',') }, `must be ${types.join(',')}`));
    return; // (as in ajv: the other keywords of this node are about another type)
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => equal(e, value))) {
    errors.push(error('enum', path, schema, value, { allowedValues: schema.enum }, 'must be equal to one of the allowed values'));
  }
  if (typeof value === 'number') checkNumber(schema, value, path, errors);
  else if (typeof value === 'string') checkString(schema, value, path, errors);
  else if (Array.isArray(value)) checkArray(schema, value, path, errors, depth);
  else if (isObject(value)) checkObject(schema, value, path, errors, depth);
  checkJunctors(schema, value, path, errors, depth);
}

function checkNumber(s: PlainObject, v: number, path: string, errors: ErrorObject[]): void {
  const bound = (keyword: string, limit: unknown, ok: (l: number) => boolean, comparison: string) => {
    if (typeof limit === 'number' && !ok(limit)) errors.push(error(keyword, path, s, v, { comparison, limit }, `must be ${comparison} ${limit}`));
  };
  bound('maximum', s.maximum, (l) => v <= l, '<=');
  bound('minimum', s.minimum, (l) => v >= l, '>=');
  bound('exclusiveMaximum', s.exclusiveMaximum, (l) => v < l, '<');
  bound('exclusiveMinimum', s.exclusiveMinimum, (l) => v > l, '>');
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0 && Math.abs(v / s.multipleOf - Math.round(v / s.multipleOf)) > 1e-9) {
    errors.push(error('multipleOf', path, s, v, { multipleOf: s.multipleOf }, `must be multiple of ${s.multipleOf}`));
  }
}

function checkString(s: PlainObject, v: string, path: string, errors: ErrorObject[]): void {
  // Code points, as Kubernetes (and ajv) count; counted only when a bound asks.
  const length = typeof s.maxLength === 'number' || typeof s.minLength === 'number' ? codePoints(v) : 0;
  if (typeof s.maxLength === 'number' && length > s.maxLength) {
    errors.push(error('maxLength', path, s, v, { limit: s.maxLength }, `must NOT have more than ${s.maxLength} characters`));
  }
  if (typeof s.minLength === 'number' && length < s.minLength) {
    errors.push(error('minLength', path, s, v, { limit: s.minLength }, `must NOT have fewer than ${s.minLength} characters`));
  }
  if (typeof s.pattern === 'string' && !re2RegExp(s.pattern, 'u').test(v)) {
    errors.push(error('pattern', path, s, v, { pattern: s.pattern }, `must match pattern "${s.pattern}"`));
  }
}

function codePoints(v: string): number {
  let count = 0;
  for (const _ of v) count++;
  return count;
}

function checkArray(s: PlainObject, v: unknown[], path: string, errors: ErrorObject[], depth: number): void {
  if (typeof s.maxItems === 'number' && v.length > s.maxItems) errors.push(error('maxItems', path, s, v, { limit: s.maxItems }, `must NOT have more than ${s.maxItems} items`));
  if (typeof s.minItems === 'number' && v.length < s.minItems) errors.push(error('minItems', path, s, v, { limit: s.minItems }, `must NOT have fewer than ${s.minItems} items`));
  if (s.uniqueItems === true) {
    outer: for (let i = 1; i < v.length; i++) {
      for (let j = 0; j < i; j++) {
        if (equal(v[i], v[j])) {
          errors.push(error('uniqueItems', path, s, v, { i, j }, `must NOT have duplicate items (items ## ${j} and ${i} are identical)`));
          break outer;
        }
      }
    }
  }
  if (isObject(s.items)) v.forEach((item, i) => check(s.items, item, `${path}/${i}`, errors, depth + 1));
  else if (Array.isArray(s.items)) s.items.forEach((itemSchema, i) => i < v.length && check(itemSchema, v[i], `${path}/${i}`, errors, depth + 1));
}

function checkObject(s: PlainObject, v: PlainObject, path: string, errors: ErrorObject[], depth: number): void {
  const keys = Object.keys(v);
  if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) {
    errors.push(error('maxProperties', path, s, v, { limit: s.maxProperties }, `must NOT have more than ${s.maxProperties} properties`));
  }
  if (typeof s.minProperties === 'number' && keys.length < s.minProperties) {
    errors.push(error('minProperties', path, s, v, { limit: s.minProperties }, `must NOT have fewer than ${s.minProperties} properties`));
  }
  if (Array.isArray(s.required)) {
    for (const key of s.required) {
      if (typeof key === 'string' && !Object.hasOwn(v, key)) {
        errors.push(error('required', path, s, v, { missingProperty: key }, `must have required property '${key}'`));
      }
    }
  }
  const properties = isObject(s.properties) ? s.properties : {};
  for (const key of keys) {
    const pointer = `${path}/${escapePointer(key)}`;
    if (Object.hasOwn(properties, key)) check(properties[key], v[key], pointer, errors, depth + 1);
    else if (isObject(s.additionalProperties)) check(s.additionalProperties, v[key], pointer, errors, depth + 1);
  }
}

/** A key as a JSON Pointer segment (RFC 6901); nearly every key needs no escape. */
function escapePointer(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

function checkJunctors(s: PlainObject, v: unknown, path: string, errors: ErrorObject[], depth: number): void {
  if (Array.isArray(s.allOf)) for (const branch of s.allOf) check(branch, v, path, errors, depth + 1);
  const branches = (list: unknown[]) => list.map((branch) => validateBranch(branch, v, path, depth));
  if (Array.isArray(s.anyOf)) {
    const results = branches(s.anyOf);
    if (!results.some((r) => r.length === 0)) {
      errors.push(...results.flat(), error('anyOf', path, s, v, {}, 'must match a schema in anyOf'));
    }
  }
  if (Array.isArray(s.oneOf)) {
    const results = branches(s.oneOf);
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) errors.push(...results.flat(), error('oneOf', path, s, v, { passingSchemas: null }, 'must match exactly one schema in oneOf'));
    else if (passing > 1) errors.push(error('oneOf', path, s, v, { passingSchemas: passing }, 'must match exactly one schema in oneOf'));
  }
  if (isObject(s.not) && validateBranch(s.not, v, path, depth).length === 0) {
    errors.push(error('not', path, s, v, {}, 'must NOT be valid'));
  }
}

function validateBranch(branch: unknown, v: unknown, path: string, depth: number): ErrorObject[] {
  const errors: ErrorObject[] = [];
  check(branch, v, path, errors, depth + 1);
  return errors;
}
