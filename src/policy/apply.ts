// Applying policies to one resource: find each policy's targets (the resource, its pod spec, its
// containers, sidecars, init containers or volumes), validate each with the compiled schema, and
// report one finding per failing target at the deepest value the schema's errors name.
import type { ErrorObject } from 'ajv';
import type { Path } from '../manifest/locate.js';
import type { ContainerSite, PodModel } from '../manifest/pod.js';
import { holdsPlaceholder } from '../manifest/placeholder.js';
import { isObject, walk, type Resource } from '../manifest/resources.js';
import { describeSchemaErrors, pointerToPath } from '../schema-errors.js';
import { validatorOf } from './compile.js';
import type { Policy } from './policy.js';

export interface PolicyTargetSite {
  path: Path;
  value: unknown;
  container?: ContainerSite;
}

export interface PolicyFailure {
  policy: Policy;
  path: Path;
  /** The schema's own words on what failed, for people. */
  detail: string;
  at: 'key' | 'value';
  container?: ContainerSite;
}

const TARGET_NOUN: Record<Policy['target'], string> = {
  resource: 'resource',
  pod: 'pod spec',
  container: 'container',
  sidecar: 'sidecar',
  'init-container': 'init container',
  volume: 'volume',
};

/** Keywords that ask for something to be present: a patch may leave it to the base. */
const NEEDS_WHOLE_OBJECT = new Set(['required', 'dependentRequired', 'dependencies', 'minProperties']);

export function targetsOf(policy: Policy, resource: Resource, pod: PodModel | undefined, partial: boolean): PolicyTargetSite[] {
  if (policy.kinds && !policy.kinds.includes(resource.kind)) return [];
  const containers = (list: ContainerSite[]) => list.map((c) => ({ path: c.path, value: c.value, container: c }));
  switch (policy.target) {
    case 'resource':
      return [{ path: resource.path, value: resource.value }];
    case 'pod':
      return pod ? [{ path: pod.site.path, value: pod.site.spec }] : [];
    case 'container':
      return pod ? containers(pod.containers) : [];
    case 'init-container':
      return pod ? containers(pod.initContainers) : [];
    case 'sidecar':
      // On a patch, only native sidecars are known to be sidecars (see sidecar-image-pinned).
      return pod ? containers(partial ? pod.nativeSidecars : pod.sidecars) : [];
    case 'volume': {
      const volumes = pod?.site.spec.volumes;
      if (!pod || !Array.isArray(volumes)) return [];
      return volumes.flatMap((value, i) => (isObject(value) ? [{ path: [...pod.site.path, 'volumes', i], value }] : []));
    }
  }
}

export function applyPolicy(policy: Policy, targets: readonly PolicyTargetSite[], partial: boolean): PolicyFailure[] {
  const validate = validatorOf(policy);
  const failures: PolicyFailure[] = [];
  for (const target of targets) {
    if (validate(target.value)) continue;
    let errors: ErrorObject[] = validate.errors ?? [];
    if (partial) errors = errors.filter((e) => !NEEDS_WHOLE_OBJECT.has(e.keyword));
    // An envsubst placeholder is unknown until substitution: no verdict on it (as in k8s-schema).
    errors = errors.filter((e) => NEEDS_WHOLE_OBJECT.has(e.keyword) || !holdsPlaceholder(walk(target.value, pointerToPath(e.instancePath, target.value))));
    if (errors.length === 0) continue;
    const deepest = deepestError(errors);
    // A missing key is named together with the others missing from the same object.
    const together = deepest.keyword === 'required' ? errors.filter((e) => e.keyword === 'required' && e.instancePath === deepest.instancePath) : [deepest];
    const [problem] = describeSchemaErrors(together, target.value, `the ${TARGET_NOUN[policy.target]}`);
    let detail = problem?.message ?? deepest.message ?? 'does not match the policy';
    // One branch's complaint alone would read as the rule; say there were alternatives.
    if (/\/(anyOf|oneOf)\//.test(deepest.schemaPath)) detail = `none of the allowed alternatives holds (the first: ${detail})`;
    failures.push({
      policy,
      path: [...target.path, ...pointerToPath(deepest.instancePath, target.value)],
      detail,
      at: problem?.at ?? 'value',
      container: target.container,
    });
  }
  return failures;
}

/** The error at the deepest instance path; among equals, the first ajv gave. */
function deepestError(errors: readonly ErrorObject[]): ErrorObject {
  let best = errors[0]!;
  let bestDepth = depth(best);
  for (const e of errors) {
    const d = depth(e);
    if (d > bestDepth) {
      best = e;
      bestDepth = d;
    }
  }
  return best;
}

function depth(e: ErrorObject): number {
  return e.instancePath === '' ? 0 : e.instancePath.split('/').length - 1;
}
