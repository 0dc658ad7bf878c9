// k8s-schema: a resource of a known built-in kind against the Kubernetes API schema of its
// apiVersion and kind. Types, enums, formats and required fields come from kubernetes-models'
// precompiled validators (loaded per kind on first use); unknown fields, which those validators
// let through and Kubernetes drops silently (a `volumeMount:` typo that breaks a shared volume),
// come from a walk over the fields each definition declares.
import type { ErrorObject } from 'ajv';
import type { Path, PathSegment } from '../manifest/locate.js';
import { isObject, walk, type Resource } from '../manifest/resources.js';
import { holdsPlaceholder } from '../manifest/placeholder.js';
import { quote } from '../quote.js';
import { describeSchemaErrors, pointerToPath, type SchemaProblem } from '../schema-errors.js';
import { nearest } from '../suggest.js';
import { REGISTRY } from './registry.generated.js';
import type { SchemaModule } from './schema-module.js';
import shapesJson from './shapes.generated.json' with { type: 'json' };

export type Shape = 0 | { ref: string } | { array: Shape } | { map: Shape };
const SHAPES = shapesJson as unknown as Record<string, Record<string, Shape>>;

const loaded = new Map<string, SchemaModule['validate']>();

export function schemaKeyOf(resource: Pick<Resource, 'apiVersion' | 'kind'>): string | undefined {
  const key = `${resource.apiVersion}|${resource.kind}`;
  return key in REGISTRY ? key : undefined;
}

/** Loads the validators of these kinds (each once per process) so validation can run. */
export async function loadValidators(keys: Iterable<string>): Promise<void> {
  // One after the other: kinds share modules, and jest's ESM loader trips over two concurrent
  // first imports of one module ("not in cache"). Each chunk loads once per process.
  for (const key of new Set(keys)) {
    if (loaded.has(key) || !(key in REGISTRY)) continue;
    const module = await REGISTRY[key]![1]();
    loaded.set(key, module.validate);
  }
}

export interface SchemaCheckOptions {
  /** Report fields the API does not know. */
  strict: boolean;
  /** A kustomize patch: missing required fields are the base's business. */
  partial: boolean;
  /** A kustomization adds the selector (commonLabels, labels.includeSelectors): it need not be here. */
  selectorFromKustomize?: boolean;
}

/** Problems of one resource, paths relative to the resource; [] for kinds without a schema. */
export function validateResource(resource: Resource, options: SchemaCheckOptions): SchemaProblem[] {
  const key = schemaKeyOf(resource);
  if (!key) return [];
  const validate = loaded.get(key);
  if (!validate) throw new Error(`the validator of ${key} was not loaded`);
  const problems: SchemaProblem[] = [];
  if (!validate(resource.value)) {
    const errors = (validate.errors ?? []).filter((e) => keep(e, resource, options));
    problems.push(...describeSchemaErrors(errors, resource.value, 'the resource'));
  }
  if (options.strict) walkUnknownFields(resource.value, { ref: REGISTRY[key]![0] }, [], problems, options.partial);
  return problems;
}

/** Errors the API server would not raise, or that a patch cannot be blamed for. */
function keep(e: ErrorObject, resource: Resource, options: SchemaCheckOptions): boolean {
  if (options.partial && e.keyword === 'required') return false;
  if (options.selectorFromKustomize && e.keyword === 'required' && e.params.missingProperty === 'selector' && e.instancePath === '/spec') return false;
  // `status` is the cluster's to write: never required, nor is anything inside it.
  if (e.keyword === 'required' && (e.params.missingProperty === 'status' || /^\/status(\/|$)/.test(e.instancePath))) return false;
  // An envsubst placeholder (`replicas: ${REPLICAS}`) is unknown until substitution, not wrong.
  if (e.keyword !== 'required' && holdsPlaceholder(walk(resource.value, pointerToPath(e.instancePath, resource.value)))) return false;
  // JSON null is "unset" to the API server's decoder (`uid: null`, `data: {key: }`).
  if (e.keyword !== 'required' && walk(resource.value, pointerToPath(e.instancePath, resource.value)) === null) return false;
  // kubernetes-models types JSONSchemaPropsOrBool/OrArray/OrStringArray as plain objects, so a
  // CRD's `additionalProperties: true` or `items: [...]` would be a false error.
  if (resource.kind === 'CustomResourceDefinition' && e.keyword === 'type') {
    const last = e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1);
    if (['additionalProperties', 'additionalItems', 'items'].includes(last)) return false;
    if (/\/dependencies\/[^/]+$/.test(e.instancePath)) return false;
  }
  return true;
}

const JSON_SCHEMA_PROPS = /^(IoK8sApiextensionsApiserverPkgApisApiextensionsV1(?:beta1)?JSONSchemaProps)Or(Bool|Array|StringArray)$/;

/**
 * A shape with its references followed: one object per definition, linked to the ones its
 * fields name. The walk below visits every field of every resource (a CRD's schema has tens of
 * thousands), and looking each definition up by name and testing which kind of shape it is cost
 * more than the walk itself.
 */
type Node =
  | { kind: 'free' }
  | { kind: 'array'; item: Node }
  | { kind: 'map'; value: Node }
  | { kind: 'object'; ref: string; fields: Map<string, Node>; names: string[] }
  /** JSONSchemaPropsOrBool/OrArray/OrStringArray: a schema, or a bool or list (`or`). */
  | { kind: 'variant'; props: Node; /** What a list is read as: a list of schemas (`OrArray`), or nothing to walk. */ list: Node };

const FREE: Node = { kind: 'free' };
const nodes = new Map<string, Node>();

function nodeOf(shape: Shape): Node {
  if (shape === 0) return FREE;
  if ('array' in shape) return { kind: 'array', item: nodeOf(shape.array) };
  if ('map' in shape) return { kind: 'map', value: nodeOf(shape.map) };
  return definitionNode(shape.ref);
}

/** The node of a definition, made once; its fields are linked on first use (definitions refer to each other in cycles). */
function definitionNode(ref: string): Node {
  let node = nodes.get(ref);
  if (node) return node;
  const variant = JSON_SCHEMA_PROPS.exec(ref);
  if (variant) {
    const props = definitionNode(variant[1]!);
    node = { kind: 'variant', props, list: variant[2] === 'Array' ? { kind: 'array', item: props } : FREE };
  }
  else if (Object.hasOwn(SHAPES, ref)) node = { kind: 'object', ref, fields: new Map(), names: Object.keys(SHAPES[ref]!) };
  else node = FREE; // free-form (RawExtension, JSON)
  nodes.set(ref, node);
  if (node.kind === 'object') for (const [k, field] of Object.entries(SHAPES[ref]!)) node.fields.set(k, nodeOf(field));
  return node;
}

/**
 * Reports every field the shapes do not declare. `path` leads to `value`; the walk extends it in
 * place (push, pop) and copies it only for a problem: most resources have none, and a copy per
 * field was a fifth of the schema check's time.
 */
export function walkUnknownFields(value: unknown, shape: Shape, path: Path, problems: SchemaProblem[], partial: boolean): void {
  walkFields(value, nodeOf(shape), [...path], problems, partial, 0);
}

function walkFields(value: unknown, node: Node, path: PathSegment[], problems: SchemaProblem[], partial: boolean, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 100) return;
  switch (node.kind) {
    case 'free':
      return;
    case 'array':
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walkFields(value[i], node.item, path, problems, partial, depth + 1);
        path.pop();
      }
      return;
    case 'map':
      if (!isObject(value)) return;
      for (const k of Object.keys(value)) {
        path.push(k);
        walkFields(value[k], node.value, path, problems, partial, depth + 1);
        path.pop();
      }
      return;
    case 'variant':
      return walkFields(value, Array.isArray(value) ? node.list : node.props, path, problems, partial, depth + 1);
    case 'object':
      if (!isObject(value)) return; // a type error: the validator reports it
      for (const k of Object.keys(value)) {
        // A Map: `__proto__`, `constructor` or `toString` is no field of any kind.
        const field = node.fields.get(k);
        if (field !== undefined) {
          path.push(k);
          walkFields(value[k], field, path, problems, partial, depth + 1);
          path.pop();
        } else if (!(partial && k.startsWith('$')) && !holdsPlaceholder(k)) {
          // (strategic-merge directives such as `$patch` belong in patches)
          const near = nearest(k, node.names);
          problems.push({
            path: [...path, k],
            at: 'key',
            message: `unknown field ${quote(k)} in ${definitionLabel(node.ref)}${near ? `; did you mean ${quote(near)}?` : ''}`,
          });
        }
      }
  }
}

/** `IoK8sApiCoreV1Container` -> `Container`, `IoK8sApimachineryPkgApisMetaV1ObjectMeta` -> `ObjectMeta`. */
export function definitionLabel(ref: string): string {
  return /V\d+(?:(?:alpha|beta)\d+)?([A-Z]\w*)$/.exec(ref)?.[1] ?? ref;
}
