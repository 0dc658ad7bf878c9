// Fields a custom resource sets that its CRD's schema does not declare. Kubernetes *prunes* them:
// the object is stored without them and nobody is told, so a misspelt `replica:` in a Rollout is
// simply gone. Pruning follows the structural schema: an object that lists `properties` keeps
// only those, unless it says `x-kubernetes-preserve-unknown-fields: true`; a map
// (`additionalProperties`) keeps every key; `apiVersion`, `kind` and `metadata` of the root and of
// an embedded resource are always known. An object without properties is left alone here.
import type { Path, PathSegment } from '../manifest/locate.js';
import { isObject, type PlainObject } from '../manifest/resources.js';
import { quote } from '../quote.js';
import type { SchemaProblem } from '../schema-errors.js';
import { nearest } from '../suggest.js';
import { unknownMetadataFields } from './metadata.js';

const TYPE_META = ['apiVersion', 'kind', 'metadata'];

export function unknownFields(value: PlainObject, schema: PlainObject, kind: string, partial: boolean): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(value, schema, [], { kind, partial, problems }, true, 0);
  return problems;
}

interface WalkContext {
  kind: string;
  partial: boolean;
  problems: SchemaProblem[];
}

/** `path` leads to `value`; extended in place (push, pop) and copied only for a problem, as most resources have none. */
function walk(value: unknown, schema: unknown, path: PathSegment[], context: WalkContext, resourceRoot: boolean, depth: number): void {
  if (!isObject(schema) || value === null || typeof value !== 'object' || depth > 100) return;
  if (Array.isArray(value)) {
    if (!isObject(schema.items)) return;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], schema.items, path, context, false, depth + 1);
      path.pop();
    }
    return;
  }
  if (!isObject(value)) return;
  if (resourceRoot && isObject(value.metadata)) context.problems.push(...unknownMetadataFields(value.metadata, [...path, 'metadata'], context.partial));
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const map = isObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
  const keepsUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true;
  const embedded = resourceRoot || schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if (embedded && TYPE_META.includes(key)) continue;
    const declared = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
    const child = value[key];
    if (isObject(declared)) {
      path.push(key);
      walk(child, declared, path, context, declared['x-kubernetes-embedded-resource'] === true, depth + 1);
      path.pop();
    } else if (map) {
      path.push(key);
      walk(child, map, path, context, map['x-kubernetes-embedded-resource'] === true, depth + 1);
      path.pop();
    } else if (properties && !keepsUnknown && !(context.partial && key.startsWith('$'))) {
      const near = nearest(key, Object.keys(properties));
      context.problems.push({
        path: [...path, key],
        at: 'key',
        message: `unknown field ${quote(key)} in ${where(context.kind, path)}${near ? `; did you mean ${quote(near)}?` : ''}`,
      });
    }
  }
}

/** `Rollout.spec.strategy`: the path `kubectl explain` takes, list indexes left out. */
function where(kind: string, path: Path): string {
  return [kind, ...path.filter((s) => typeof s === 'string')].join('.');
}
