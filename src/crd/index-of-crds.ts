// Which schema a custom resource is checked against: its CRD in the same file, else a CRD
// elsewhere in the scan (lint() collects them in a first pass), else a schema folder's file.
// When none covers it, the answer says why, for the summary's count of unchecked resources.
import type { Resource } from '../manifest/resources.js';
import { catalogSchema, type SchemaFolder } from './catalog.js';
import { crdKey, sameCrd, type CrdEntry } from './entries.js';
import type { CustomSchema } from './validate-cr.js';

export type Resolution =
  | { kind: 'schema'; schema: CustomSchema }
  /** A CRD defines the kind but does not serve this version: the API server refuses it. */
  | { kind: 'unserved'; crd: CrdEntry; served: string[] }
  | { kind: 'unchecked'; reason: string; /** The CRD may be in another file of the scan. */ retry: boolean };

export class CrdIndex {
  private readonly byKey = new Map<string, CrdEntry[]>();

  constructor(
    entries: readonly CrdEntry[],
    private readonly folders: readonly SchemaFolder[] = [],
  ) {
    for (const e of entries) this.add(e);
  }

  add(entry: CrdEntry): void {
    const key = crdKey(entry.group, entry.kind);
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
  }

  /** An entry of the index that is the same CRD as this one (sameCrd): copies are kept once, the first speaking for all. */
  find(entry: CrdEntry): CrdEntry | undefined {
    return this.byKey.get(crdKey(entry.group, entry.kind))?.find((kept) => sameCrd(kept, entry));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** `file`: the resource's own file, whose CRDs speak for it even about versions. */
  resolve(resource: Pick<Resource, 'apiVersion' | 'kind'>, file?: string): Resolution {
    const slash = resource.apiVersion.indexOf('/');
    const group = resource.apiVersion.slice(0, slash);
    const version = resource.apiVersion.slice(slash + 1);
    const crds = this.byKey.get(crdKey(group, resource.kind)) ?? [];
    for (const crd of crds) {
      const v = crd.versions.find((x) => x.name === version && x.served);
      if (!v) continue;
      if (v.schema) return { kind: 'schema', schema: { text: v.schema, preserveUnknownFields: crd.preserveUnknownFields } };
      const hit = catalogSchema(this.folders, group, resource.kind, version);
      if (hit) return { kind: 'schema', schema: hit };
      return { kind: 'unchecked', reason: `its CustomResourceDefinition (${crd.file}) has no schema for ${version}`, retry: false };
    }
    const hit = catalogSchema(this.folders, group, resource.kind, version);
    if (hit) return { kind: 'schema', schema: hit };
    if (crds.length > 0) {
      const served = [...new Set(crds.flatMap((c) => c.versions.filter((v) => v.served).map((v) => v.name)))];
      const own = crds.find((c) => c.file === file);
      if (own) return { kind: 'unserved', crd: own, served };
      // A CRD elsewhere in the repository may be an older or newer copy than the cluster's
      // (vendored for tests, say): not proof the version is wrong.
      return { kind: 'unchecked', reason: `its CustomResourceDefinition in the scan (${crds[0]!.file}) does not serve ${version}`, retry: false };
    }
    const where = this.folders.length > 0 ? 'in the scan or the schema folders' : 'in the scan (schema folders can add one: schema-folders in the config)';
    return { kind: 'unchecked', reason: `no CustomResourceDefinition ${where}`, retry: true };
  }
}
