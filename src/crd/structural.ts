// An apiextensions.k8s.io/v1 CRD must carry a *structural* schema for every version, or the API
// server refuses it ("must have a structural schema", "spec.preserveUnknownFields: Invalid value:
// true"). The API schema of CustomResourceDefinition (k8s-schema) already reports v1beta1 fields
// such as `spec.validation` as unknown; this adds what only the apiextensions rules say:
// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
import type { Path } from '../manifest/locate.js';
import { isObject, type PlainObject, type Resource } from '../manifest/resources.js';
import { quote } from '../quote.js';
import type { SchemaProblem } from '../schema-errors.js';
import { schemaJson } from './entries.js';

const JUNCTORS = ['allOf', 'anyOf', 'oneOf', 'not'];
/** Not allowed inside allOf/anyOf/oneOf/not: they would make the shape depend on a branch. */
const NOT_IN_JUNCTORS = ['description', 'type', 'default', 'additionalProperties', 'nullable'];
const UNSUPPORTED: readonly (readonly [string, string])[] = [
  ['$ref', '`$ref` is not supported in a CRD schema: write the schema out'],
  ['definitions', '`definitions` is not supported in a CRD schema'],
  ['patternProperties', '`patternProperties` is not supported in a CRD schema'],
  ['dependencies', '`dependencies` is not supported in a CRD schema'],
];

/** Problems of a v1 CRD that its API schema does not catch; paths relative to the resource. */
export function structuralProblems(crd: Resource): SchemaProblem[] {
  const spec = crd.value.spec;
  if (!isObject(spec)) return [];
  const problems: SchemaProblem[] = [];
  if (spec.preserveUnknownFields === true) {
    problems.push({
      path: ['spec', 'preserveUnknownFields'],
      at: 'value',
      message: '`preserveUnknownFields: true` is not allowed in apiextensions.k8s.io/v1: set `x-kubernetes-preserve-unknown-fields: true` in the schema where unknown fields are meant to stay',
    });
  }
  if (!Array.isArray(spec.versions)) return problems;
  spec.versions.forEach((version, i) => {
    if (!isObject(version)) return;
    const schema = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
    if (!isObject(schema)) {
      const name = typeof version.name === 'string' ? version.name : `#${i + 1}`;
      problems.push({
        path: ['spec', 'versions', i, ...(isObject(version.schema) ? ['schema'] : version.name !== undefined ? ['name'] : [])],
        at: 'key',
        message: `version ${quote(name)} has no schema: apiextensions.k8s.io/v1 requires \`schema.openAPIV3Schema\` for every version`,
      });
      return;
    }
    const at: Path = ['spec', 'versions', i, 'schema', 'openAPIV3Schema'];
    if (schema.type !== 'object') {
      problems.push({ path: schema.type === undefined ? at : [...at, 'type'], at: schema.type === undefined ? 'key' : 'value', message: 'the root of a CRD schema must be `type: object`' });
    }
    const key = schemaJson(schema);
    let own = cache.get(key);
    if (!own) {
      own = [];
      checkNode(schema, ROOT, own, { inJunctor: false }, 0);
      checkMetadata(schema, [], own);
      cache.set(key, own);
    }
    for (const p of own) problems.push({ ...p, path: [...at, ...p.path] });
  });
  return problems;
}

interface NodeContext {
  inJunctor: boolean;
}

/** A path built only when a problem needs it: CRD schemas are large and nearly always fine. */
interface Where {
  parent?: Where;
  segment: string | number;
}

/** The schema's root: no segment of its own. */
const ROOT: Where = { segment: '' };

function pathOf(where: Where, ...more: (string | number)[]): Path {
  const path: (string | number)[] = [];
  for (let w: Where | undefined = where; w && w !== ROOT; w = w.parent) path.unshift(w.segment);
  return [...path, ...more];
}

function under(where: Where, ...segments: (string | number)[]): Where {
  let w = where;
  for (const segment of segments) w = { parent: w, segment };
  return w;
}

/** Problems of one version's schema, by its JSON: CRDs are often copied into several files. */
const cache = new Map<string, SchemaProblem[]>();

function checkNode(node: PlainObject, at: Where, problems: SchemaProblem[], context: NodeContext, depth: number): void {
  if (depth > 100) return;
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  for (const [key, message] of UNSUPPORTED) if (key in node) problems.push({ path: pathOf(at, key), at: 'key', message });
  if (node.uniqueItems === true) problems.push({ path: pathOf(at, 'uniqueItems'), at: 'value', message: '`uniqueItems: true` is not allowed in a CRD schema (use `x-kubernetes-list-type: set`)' });
  if (node['x-kubernetes-preserve-unknown-fields'] === false) {
    problems.push({ path: pathOf(at, 'x-kubernetes-preserve-unknown-fields'), at: 'value', message: '`x-kubernetes-preserve-unknown-fields` must be true or left out' });
  }
  if (node['x-kubernetes-embedded-resource'] === true && node.type !== 'object') {
    problems.push({ path: pathOf(at, 'x-kubernetes-embedded-resource'), at: 'key', message: '`x-kubernetes-embedded-resource: true` needs `type: object`' });
  }
  // (`additionalProperties: true` beside properties is allowed: it says nothing.)
  if (isObject(node.properties) && (node.additionalProperties === false || isObject(node.additionalProperties))) {
    problems.push({ path: pathOf(at, 'additionalProperties'), at: 'key', message: '`properties` and `additionalProperties` cannot both be set in a CRD schema' });
  }
  if (Array.isArray(node.items)) problems.push({ path: pathOf(at, 'items'), at: 'value', message: '`items` must be one schema, not a list, in a CRD schema' });

  // Every specified field and array item needs a type of its own (not only inside a junctor).
  const { properties } = node;
  if (isObject(properties)) {
    const inProperties = under(at, 'properties');
    // (for...in over own keys: no entries array per node of a schema with tens of thousands.)
    for (const k in properties) {
      const v = properties[k];
      if (Object.hasOwn(properties, k) && isObject(v)) checkChild(v, { parent: inProperties, segment: k }, problems, context, depth);
    }
  }
  if (isObject(node.additionalProperties)) checkChild(node.additionalProperties, under(at, 'additionalProperties'), problems, context, depth);
  if (isObject(node.items)) checkChild(node.items, under(at, 'items'), problems, context, depth);

  for (const junctor of JUNCTORS) {
    const value = node[junctor];
    if (value === undefined) continue; // (nearly every node has none)
    const branches = junctor === 'not' ? (isObject(value) ? [value] : []) : Array.isArray(value) ? (value as unknown[]) : [];
    branches.forEach((branch, i) => {
      if (!isObject(branch)) return;
      const where = junctor === 'not' ? under(at, 'not') : under(at, junctor, i);
      checkJunctorBranch(node, branch, pathOf(where), problems, intOrString);
      checkNode(branch, where, problems, { inJunctor: true }, depth + 1);
    });
  }
}

/** A field's or an item's schema, which needs a type of its own unless a junctor holds it. */
function checkChild(value: PlainObject, where: Where, problems: SchemaProblem[], context: NodeContext, depth: number): void {
  if (!context.inJunctor && missingType(value)) {
    problems.push({ path: pathOf(where), at: 'key', message: `the schema is not structural: ${quote(String(where.segment))} has no \`type\` (apiextensions.k8s.io/v1 needs one for every field, or \`x-kubernetes-int-or-string\` / \`x-kubernetes-preserve-unknown-fields\`)` });
  }
  checkNode(value, where, problems, context, depth + 1);
}

function missingType(node: PlainObject): boolean {
  return (node.type === undefined || node.type === '') && node['x-kubernetes-int-or-string'] !== true && node['x-kubernetes-preserve-unknown-fields'] !== true;
}

/** Inside a junctor: no shape of its own, and only fields the node itself also specifies. */
function checkJunctorBranch(owner: PlainObject, branch: PlainObject, at: Path, problems: SchemaProblem[], intOrString: boolean): void {
  for (const key of NOT_IN_JUNCTORS) {
    if (!(key in branch)) continue;
    // The int-or-string pattern: `anyOf: [{type: integer}, {type: string}]`.
    if (key === 'type' && intOrString && (branch.type === 'integer' || branch.type === 'string')) continue;
    problems.push({ path: [...at, key], at: 'key', message: `the schema is not structural: \`${key}\` is not allowed inside allOf, anyOf, oneOf or not` });
  }
  if (isObject(branch.properties)) {
    const outside = isObject(owner.properties) ? owner.properties : {};
    for (const k of Object.keys(branch.properties)) {
      if (k in outside) continue;
      problems.push({ path: [...at, 'properties', k], at: 'key', message: `the schema is not structural: ${quote(k)} is specified inside a junctor but not in the \`properties\` beside it` });
    }
  }
  if (branch.items !== undefined && owner.items === undefined) {
    problems.push({ path: [...at, 'items'], at: 'key', message: 'the schema is not structural: `items` is specified inside a junctor but not beside it' });
  }
}

/** Only metadata.name and metadata.generateName may be restricted (and only as strings). */
function checkMetadata(root: PlainObject, at: Path, problems: SchemaProblem[]): void {
  const metadata = isObject(root.properties) ? root.properties.metadata : undefined;
  if (!isObject(metadata)) return;
  const path = [...at, 'properties', 'metadata'];
  for (const key of Object.keys(metadata)) {
    if (key === 'type' || key === 'properties') continue;
    problems.push({ path: [...path, key], at: 'key', message: `only \`metadata.name\` and \`metadata.generateName\` may be restricted in a CRD schema, not with ${quote(key)}` });
  }
  if (isObject(metadata.properties)) {
    for (const key of Object.keys(metadata.properties)) {
      if (key === 'name' || key === 'generateName') continue;
      problems.push({ path: [...path, 'properties', key], at: 'key', message: `only \`metadata.name\` and \`metadata.generateName\` may be restricted in a CRD schema, not ${quote(key)}` });
    }
  }
}
