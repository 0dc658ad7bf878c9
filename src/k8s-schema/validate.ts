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

/** Per definition: the plain schema shape and the "or" kind, or null when it is no such variant. */
const variantOf = new Map<string, { props: Shape; or: string } | null>();

/** The shape a value has under a definition that is "a schema, or a bool / list". */
function jsonSchemaPropsVariant(ref: string, value: unknown): Shape | undefined {
  let variant = variantOf.get(ref);
  if (variant === undefined) {
    const match = JSON_SCHEMA_PROPS.exec(ref);
    variant = match ? { props: { ref: match[1]! }, or: match[2]! } : null;
    variantOf.set(ref, variant);
  }
  if (variant === null) return undefined;
  if (Array.isArray(value)) return variant.or === 'Array' ? { array: variant.props } : 0;
  return typeof value === 'boolean' ? 0 : variant.props;
}

/**
 * Reports every field the shapes do not declare. `path` leads to `value`; the walk extends it in
 * place (push, pop) and copies it only for a problem: most resources have none, and a copy per
 * field was a fifth of the schema check's time.
 */
export function walkUnknownFields(value: unknown, shape: Shape, path: Path, problems: SchemaProblem[], partial: boolean): void {
  walkFields(value, shape, [...path], problems, partial, 0);
}

function walkFields(value: unknown, shape: Shape, path: PathSegment[], problems: SchemaProblem[], partial: boolean, depth: number): void {
  if (shape === 0 || value === null || typeof value !== 'object' || depth > 100) return;
  if ('array' in shape) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walkFields(value[i], shape.array, path, problems, partial, depth + 1);
      path.pop();
    }
    return;
  }
  if ('map' in shape) {
    if (!isObject(value)) return;
    for (const k of Object.keys(value)) {
      path.push(k);
      walkFields(value[k], shape.map, path, problems, partial, depth + 1);
      path.pop();
    }
    return;
  }
  const variant = jsonSchemaPropsVariant(shape.ref, value);
  if (variant !== undefined) return walkFields(value, variant, path, problems, partial, depth + 1);
  const fields = SHAPES[shape.ref];
  if (!fields || !isObject(value)) return; // free-form (RawExtension, JSON) or a type error
  for (const k of Object.keys(value)) {
    // Own properties only: `__proto__`, `constructor` or `toString` is no field of any kind.
    const field = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (field !== undefined) {
      path.push(k);
      walkFields(value[k], field, path, problems, partial, depth + 1);
      path.pop();
    } else if (!(partial && k.startsWith('$')) && !holdsPlaceholder(k)) {
      // (strategic-merge directives such as `$patch` belong in patches)
      const near = nearest(k, Object.keys(fields));
      problems.push({
        path: [...path, k],
        at: 'key',
        message: `unknown field ${quote(k)} in ${definitionLabel(shape.ref)}${near ? `; did you mean ${quote(near)}?` : ''}`,
      });
    }
  }
}

/** `IoK8sApiCoreV1Container` -> `Container`, `IoK8sApimachineryPkgApisMetaV1ObjectMeta` -> `ObjectMeta`. */
export function definitionLabel(ref: string): string {
  return /V\d+(?:(?:alpha|beta)\d+)?([A-Z]\w*)$/.exec(ref)?.[1] ?? ref;
}
