// The Kubernetes version the manifests target, and which built-in APIs that version no longer
// serves (or serves but has deprecated). The facts are data (removed-apis.json, with its sources);
// this module only answers "what is this apiVersion and kind at version X.Y".
import data from './removed-apis.json' with { type: 'json' };

/** The API of the bundled schemas (kubernetes-models 5.1): the default target. */
export const NEWEST_KUBERNETES_VERSION = '1.36';

export interface LifecycleEntry {
  apiVersion: string;
  kind: string;
  /** The release from which the API server warns that it is deprecated. */
  deprecated: string;
  /** The first release that no longer serves it. */
  removed: string;
  /** In order of preference, each with the release it is available since. */
  replacements: readonly { apiVersion: string; since: string }[];
  /** Said when no replacement is served at the target. */
  note?: string;
  /** `lifecycle` when the removal comes from k8s.io/api's tags rather than the migration guide. */
  source?: string;
}

export const LIFECYCLE: readonly LifecycleEntry[] = data.apis;

const BY_KEY = new Map(LIFECYCLE.map((e) => [`${e.apiVersion}|${e.kind}`, e]));

/**
 * `1.29`, `v1.29` and `1.29.3` (a patch release says nothing about which APIs are served) all
 * mean 1.29. Undefined for anything else.
 */
export function parseKubernetesVersion(text: string): string | undefined {
  const match = /^v?1\.(0|[1-9]\d{0,2})(?:\.\d{1,4})?$/.exec(text.trim());
  return match ? `1.${match[1]}` : undefined;
}

function minor(version: string): number {
  return Number(version.slice(version.indexOf('.') + 1));
}

export interface ApiStatus {
  state: 'removed' | 'deprecated';
  entry: LifecycleEntry;
  /** The replacement served at the target, if any. */
  replacement?: string;
}

/** What the target version makes of this apiVersion and kind; undefined when it serves it as is. */
export function apiStatus(apiVersion: string, kind: string, target: string): ApiStatus | undefined {
  const entry = BY_KEY.get(`${apiVersion}|${kind}`);
  if (!entry) return undefined;
  const at = minor(target);
  const state = at >= minor(entry.removed) ? 'removed' : at >= minor(entry.deprecated) ? 'deprecated' : undefined;
  if (!state) return undefined;
  return { state, entry, replacement: replacementAt(entry, at) };
}

/** The most preferred replacement that the target serves; the first one when the target is older than all. */
function replacementAt(entry: LifecycleEntry, at: number): string | undefined {
  const served = entry.replacements.find((r) => {
    const later = BY_KEY.get(`${r.apiVersion}|${entry.kind}`);
    return minor(r.since) <= at && !(later && at >= minor(later.removed));
  });
  if (served) return served.apiVersion;
  // Every replacement is gone too (extensions/v1beta1 PodSecurityPolicy at 1.25+): the note says what to do.
  if (entry.note) return undefined;
  return entry.replacements[0]?.apiVersion;
}

/** "use `apps/v1`", or the note when there is nothing to move to. */
export function adviceOf(status: ApiStatus): string {
  if (status.replacement) return `use \`${status.replacement}\``;
  return status.entry.note ?? 'move to a served API version';
}
