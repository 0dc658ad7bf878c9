// Schema folders in the layout kubeconform users share (datreeio/CRDs-catalog):
// `{group}/{kind}_{version}.json`, kind in lower case, e.g.
// `monitoring.coreos.com/servicemonitor_v1.json`; and openapi2jsonschema's flat default,
// `{kind}-{first label of the group}-{version}.json` (`trainingjob-sagemaker-v1.json`). Files are
// read when a custom resource first asks for them, through the guarded reader, and kept for the run.
import path from 'node:path';
import { readTextGuarded } from '../fs/read-file.js';
import { isObject } from '../manifest/resources.js';
import { schemaJson } from './entries.js';
import type { CustomSchema } from './validate-cr.js';

export interface SchemaFolder {
  /** Absolute. */
  dir: string;
  /** The real folder files must stay inside (the repository), when the config lies in it. */
  within?: string;
}

/** A catalog file is a schema for one kind: a few MiB at most. */
const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

/** Only names that are a group, kind and version: never a path out of the folder. */
const GROUP = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
const VERSION = /^v[0-9][a-z0-9]{0,30}$/;

export interface CatalogHit extends CustomSchema {
  /** Relative to the folder, for the summary. */
  file: string;
}

const cache = new Map<string, CatalogHit | undefined>();

export function catalogSchema(folders: readonly SchemaFolder[], group: string, kind: string, version: string): CatalogHit | undefined {
  if (folders.length === 0 || !GROUP.test(group) || !KIND.test(kind) || !VERSION.test(version)) return undefined;
  const key = `${group}|${kind}|${version}`;
  if (cache.has(key)) return cache.get(key);
  let hit: CatalogHit | undefined;
  const lower = kind.toLowerCase();
  const names = [path.join(group, `${lower}_${version}.json`), `${lower}-${group.split('.')[0]}-${version}.json`];
  search: for (const folder of folders) {
    for (const name of names) {
      const read = readTextGuarded(path.join(folder.dir, name), { maxBytes: MAX_SCHEMA_BYTES, within: folder.within });
      if (!read.ok) continue;
      let schema: unknown;
      try {
        schema = JSON.parse(read.text);
      } catch {
        continue; // not JSON: not a schema of this layout
      }
      if (!isObject(schema)) continue;
      hit = { text: schemaJson(schema), preserveUnknownFields: false, file: name.split(path.sep).join('/') };
      break search;
    }
  }
  cache.set(key, hit);
  return hit;
}
