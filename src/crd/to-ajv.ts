// A CRD's openAPIV3Schema is OpenAPI 3.0 with Kubernetes extensions; ajv speaks JSON Schema. This
// turns the first into the second with Kubernetes' meaning kept:
// - `x-kubernetes-int-or-string: true`: an integer or a string (and nothing else);
// - `nullable: true`: null is allowed (other nulls are dropped by the API server before it
//   validates, so the caller passes them over);
// - `exclusiveMinimum: true` (a flag in OpenAPI 3.0) becomes the bound itself;
// - `x-kubernetes-embedded-resource: true`: an object with `apiVersion` and `kind`;
// - `format` is left out: Kubernetes checks only a few formats, in Go's own syntax;
// - `additionalProperties: false` is left out: unknown fields are the walk's business
//   (unknown-fields.ts), which knows where Kubernetes keeps them and where it drops them.
// The root's `metadata` is checked as Kubernetes checks every object's metadata.
import { isObject, type PlainObject } from '../manifest/resources.js';

const ONE = ['additionalProperties', 'additionalItems', 'items', 'not'];
const LIST = ['allOf', 'anyOf', 'oneOf'];
const MAP = ['properties', 'patternProperties', 'dependencies'];

const STRING = { type: 'string' };
const STRING_MAP = { type: 'object', additionalProperties: STRING };
/** What Kubernetes requires of any object's metadata, whatever the CRD says of it. */
const OBJECT_META: PlainObject = {
  type: 'object',
  properties: {
    name: STRING,
    generateName: STRING,
    namespace: STRING,
    labels: STRING_MAP,
    annotations: STRING_MAP,
    finalizers: { type: 'array', items: STRING },
    ownerReferences: { type: 'array', items: { type: 'object' } },
  },
};

export function toAjvSchema(root: PlainObject): PlainObject {
  const schema = convert(root, 0) as PlainObject;
  const properties = isObject(schema.properties) ? { ...schema.properties } : {};
  // A CRD may only restrict metadata.name and metadata.generateName; the rest is ObjectMeta's.
  const own = isObject(properties.metadata) && isObject(properties.metadata.properties) ? properties.metadata.properties : {};
  const metaProps = { ...(OBJECT_META.properties as PlainObject) };
  for (const key of ['name', 'generateName']) if (isObject(own[key])) metaProps[key] = { allOf: [STRING, own[key]] };
  properties.metadata = { ...OBJECT_META, properties: metaProps };
  properties.apiVersion = STRING;
  properties.kind = STRING;
  // `status` is the controller's to write: never required of a manifest.
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => r !== 'status') : undefined;
  return { ...schema, properties, ...(required ? { required } : {}) };
}

function convert(node: unknown, depth: number): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, depth + 1));
  if (!isObject(node) || depth > 200) return node;
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' || key === 'nullable' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') continue;
    if (ONE.includes(key)) out[key] = convert(value, depth + 1);
    else if (LIST.includes(key) && Array.isArray(value)) out[key] = value.map((v) => convert(v, depth + 1));
    else if (MAP.includes(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, depth + 1)]));
    else out[key] = value;
  }
  exclusiveBound(node, out, 'minimum', 'exclusiveMinimum');
  exclusiveBound(node, out, 'maximum', 'exclusiveMaximum');
  if (node['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
  } else if (node.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  if (node['x-kubernetes-embedded-resource'] === true) {
    out.type = 'object';
    const properties = isObject(out.properties) ? out.properties : {};
    out.properties = { ...properties, apiVersion: { type: 'string', minLength: 1 }, kind: { type: 'string', minLength: 1 }, metadata: { type: 'object' } };
    out.required = [...new Set([...(Array.isArray(out.required) ? out.required : []), 'apiVersion', 'kind'])];
  }
  return out;
}

/** OpenAPI 3.0's `exclusiveMinimum: true` beside `minimum: 5` is JSON Schema's `exclusiveMinimum: 5`. */
function exclusiveBound(node: PlainObject, out: PlainObject, bound: string, flag: string): void {
  const value = node[flag];
  if (typeof value === 'number') out[flag] = value; // already JSON Schema (a catalog file)
  else if (value === true && typeof node[bound] === 'number') {
    out[flag] = node[bound];
    delete out[bound];
  }
}
