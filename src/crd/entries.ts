// What a CustomResourceDefinition in the scan tells the rest of the run: its group and kind, the
// versions it serves and each version's schema. Entries are plain data: worker threads send
// them to the main thread, which hands the ones a file needs to the thread that checks it.
import { isObject, type PlainObject, type Resource } from '../manifest/resources.js';

export interface CrdVersion {
  name: string;
  served: boolean;
  /** The openAPIV3Schema as JSON text (compiled validators are cached by it); none when the version has no schema. */
  schema?: string;
}

export interface CrdEntry {
  group: string;
  kind: string;
  /** `plural.group`, for messages. */
  name: string;
  /** The file it was found in (relative, as in findings). */
  file: string;
  /**
   * Unknown fields are kept rather than dropped: apiextensions.k8s.io/v1beta1's
   * `preserveUnknownFields`, true unless set false. Then nothing is reported as unknown.
   */
  preserveUnknownFields: boolean;
  versions: CrdVersion[];
}

/**
 * Whether two entries are one CRD (a copy of a file, a base two overlays render): one group and
 * kind, and versions that agree (names, served, schema text). Schemas are compared as text, which
 * costs nothing for unequal ones (their lengths differ) and less than hashing every schema.
 */
export function sameCrd(a: CrdEntry, b: CrdEntry): boolean {
  return (
    a.group === b.group &&
    a.kind === b.kind &&
    a.versions.length === b.versions.length &&
    a.versions.every((v, i) => {
      const w = b.versions[i]!;
      return v.name === w.name && v.served === w.served && v.schema === w.schema;
    })
  );
}

/** `group|kind`, the key custom resources are matched by. */
export function crdKey(group: string, kind: string): string {
  return `${group}|${kind}`;
}

export function isCrd(resource: Pick<Resource, 'apiVersion' | 'kind'>): boolean {
  return resource.kind === 'CustomResourceDefinition' && resource.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** The entry of a CRD resource; undefined when it lacks a group, kind or versions. */
export function crdEntryOf(resource: Resource, file: string): CrdEntry | undefined {
  const spec = resource.value.spec;
  if (!isObject(spec) || typeof spec.group !== 'string' || !isObject(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  const v1beta1 = resource.apiVersion === 'apiextensions.k8s.io/v1beta1';
  const shared = v1beta1 ? schemaOf(spec.validation) : undefined;
  const versions: CrdVersion[] = [];
  const listed = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  for (const v of listed) {
    if (typeof v.name !== 'string') continue;
    versions.push(version(v.name, v.served !== false, schemaOf(v.schema) ?? shared));
  }
  // v1beta1's single `version` (with `spec.validation`) when `versions` is not given.
  if (v1beta1 && versions.length === 0 && typeof spec.version === 'string') versions.push(version(spec.version, true, shared));
  if (versions.length === 0) return undefined;
  return {
    group: spec.group,
    kind: spec.names.kind,
    name: typeof spec.names.plural === 'string' ? `${spec.names.plural}.${spec.group}` : spec.group,
    file,
    preserveUnknownFields: v1beta1 && spec.preserveUnknownFields !== false,
    versions,
  };
}

function schemaOf(validation: unknown): PlainObject | undefined {
  return isObject(validation) && isObject(validation.openAPIV3Schema) ? validation.openAPIV3Schema : undefined;
}

function version(name: string, served: boolean, schema: PlainObject | undefined): CrdVersion {
  return schema ? { name, served, schema: schemaJson(schema) } : { name, served };
}

const jsonOfSchema = new WeakMap<PlainObject, string>();

/**
 * A schema object's JSON text, made once per object: the structural check keys its cache by it
 * and the entry carries it, and a large CRD's schema took a third of its check to write twice.
 * It travels as it stands, descriptions included (stripping them cost more than it saved), and
 * is parsed again only where a resource needs it (validate-cr.ts).
 */
export function schemaJson(schema: PlainObject): string {
  let text = jsonOfSchema.get(schema);
  if (text === undefined) {
    text = JSON.stringify(schema);
    jsonOfSchema.set(schema, text);
  }
  return text;
}
