// A Kubernetes object with `kind` but no `apiVersion`, or the reverse: kubectl refuses it
// ("apiVersion not set", "Object 'Kind' is missing"), and a linter that needs both to recognise
// an object would pass over it in silence, bugs and all. The usual cause is a misspelt key
// (`apiversion:`, `Kind:`), so the finding points at that key when there is one.
//
// Only documents that look like Kubernetes objects count: a built-in kind, or a `metadata` map.
// Kustomize's own files (`kind: Kustomization` may go without apiVersion) and YAML that merely
// has a field called `kind` or `apiVersion` (a Helm Chart.yaml) are not objects.
import type { Path } from '../manifest/locate.js';
import { isObject } from '../manifest/resources.js';
import { quote } from '../quote.js';
import { nearest } from '../suggest.js';
import { REGISTRY } from './registry.generated.js';

export interface HalfObjectProblem {
  /** Where the finding points, from the document's root. */
  path: Path;
  at: 'key' | 'value';
  message: string;
}

const KUSTOMIZE_KINDS = new Set(['Kustomization', 'Component']);
const KUSTOMIZE_GROUP = /^kustomize\.config\.k8s\.io\//;

/** Built-in kind -> its stable apiVersions (`Deployment` -> `apps/v1`), from the schema registry. */
let stableVersions: Map<string, string[]> | undefined;

function stableVersionsOf(kind: string): string[] | undefined {
  if (!stableVersions) {
    stableVersions = new Map();
    for (const key of Object.keys(REGISTRY)) {
      const [apiVersion, k] = key.split('|') as [string, string];
      const list = stableVersions.get(k) ?? [];
      if (/(^|\/)v\d+$/.test(apiVersion)) list.push(apiVersion);
      stableVersions.set(k, list);
    }
  }
  return stableVersions.get(kind);
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

export function halfObjectProblem(root: unknown): HalfObjectProblem | undefined {
  if (!isObject(root)) return undefined;
  const { apiVersion, kind } = root;
  const keys = Object.keys(root);
  if (typeof kind === 'string' && kind !== '' && !isSet(apiVersion)) {
    const known = stableVersionsOf(kind);
    if (KUSTOMIZE_KINDS.has(kind) || (known === undefined && !isObject(root.metadata))) return undefined;
    const hint = known?.length ? `; add \`apiVersion: ${known.join('` or `apiVersion: ')}\`` : '';
    return problem(keys, 'apiVersion', 'kind', `the object has kind ${quote(kind)} but no apiVersion, so Kubernetes cannot read it`, hint);
  }
  if (typeof apiVersion === 'string' && apiVersion !== '' && !isSet(kind)) {
    if (KUSTOMIZE_GROUP.test(apiVersion) || !isObject(root.metadata)) return undefined;
    return problem(keys, 'kind', 'apiVersion', `the object has apiVersion ${quote(apiVersion)} but no kind, so Kubernetes cannot read it`, '');
  }
  return undefined;
}

/** At the misspelt key when there is one (`apiversion:`), else at the key that is there. */
function problem(keys: string[], missing: string, present: string, message: string, hint: string): HalfObjectProblem {
  const misspelt = keys.find((k) => k !== present && k !== missing && nearest(k, [missing]) === missing);
  if (misspelt !== undefined) return { path: [misspelt], at: 'key', message: `${message}; did you mean ${quote(missing)} for the key ${quote(misspelt)}?` };
  return { path: [present], at: 'key', message: message + hint };
}
