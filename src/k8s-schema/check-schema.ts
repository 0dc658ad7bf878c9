// k8s-schema for one resource, whichever schema covers it: the built-in kinds' (validate.ts), a
// custom resource's CRD or catalog file (crd/), plus the apiextensions rules a v1 CRD itself must
// keep. When no schema covers the resource, the answer says why: the summary counts those
// resources, so a run that checked nothing against a schema never reads like one that did.
import { isCrd } from '../crd/entries.js';
import type { CrdIndex } from '../crd/index-of-crds.js';
import { structuralProblems } from '../crd/structural.js';
import { validateCustomResource, type CustomSchema } from '../crd/validate-cr.js';
import type { Resource } from '../manifest/resources.js';
import { quote } from '../quote.js';
import type { SchemaProblem } from '../schema-errors.js';
import { NEWEST_KUBERNETES_VERSION } from './api-lifecycle.js';
import { REGISTRY } from './registry.generated.js';
import { schemaKeyOf, validateResource } from './validate.js';

/** API groups Kubernetes itself serves: those of the bundled schemas, and a few they leave out. */
const BUILT_IN_GROUPS = new Set([
  ...Object.keys(REGISTRY).map((key) => groupOf(key.slice(0, key.indexOf('|')))),
  'admission.k8s.io',
  'apidiscovery.k8s.io',
  'imagepolicy.k8s.io',
  'internal.apiserver.k8s.io',
  'resource.k8s.io',
  'storagemigration.k8s.io',
]);

const TOOL_GROUPS = new Set(['kustomize.config.k8s.io', 'config.kubernetes.io']);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export interface SchemaVerdict {
  problems: SchemaProblem[];
  /** Why no schema covered the resource. */
  unchecked?: string;
  /** `group|kind` of a custom resource whose CRD may be in another file of the scan. */
  retryKey?: string;
}

export interface SchemaCheckContext {
  strict: boolean;
  partial: boolean;
  crds: CrdIndex;
  /** The resource's file (its own CRDs decide about versions). */
  file: string;
  /**
   * The CRDs of the files checked before this one, in scan order: a custom resource that `crds`
   * leaves for another file is checked against the first of these that serves its version, as
   * check-with-crds.ts would at the end, instead of waiting for it (check-text.ts CheckOptions).
   */
  earlierCrds?: CrdIndex;
  /** A kustomization that lists the file adds the selector labels, so a missing selector is not. */
  selectorFromKustomize?: boolean;
}

export function checkSchema(resource: Resource, context: SchemaCheckContext): SchemaVerdict {
  const { strict, partial, selectorFromKustomize } = context;
  if (schemaKeyOf(resource)) {
    const problems = validateResource(resource, { strict, partial, selectorFromKustomize });
    if (isCrd(resource) && resource.apiVersion === 'apiextensions.k8s.io/v1') problems.push(...structuralProblems(resource));
    return { problems };
  }
  const group = groupOf(resource.apiVersion);
  // kustomization.yaml and KRM function configs: read by tools, never sent to a cluster.
  if (TOOL_GROUPS.has(group)) return { problems: [] };
  if (BUILT_IN_GROUPS.has(group)) {
    return { problems: [], unchecked: `the bundled schemas (Kubernetes ${NEWEST_KUBERNETES_VERSION}) do not know this apiVersion` };
  }
  const resolution = context.crds.resolve(resource, context.file);
  switch (resolution.kind) {
    case 'schema':
      return customVerdict(resource, resolution.schema, strict, partial);
    case 'unserved': {
      const version = resource.apiVersion.slice(resource.apiVersion.indexOf('/') + 1);
      const served = resolution.served.length > 0 ? `it serves ${resolution.served.join(', ')}` : 'it serves no version';
      return {
        problems: [
          {
            path: ['apiVersion'],
            at: 'value',
            message: `the CustomResourceDefinition ${resolution.crd.name} (${resolution.crd.file}) does not serve ${quote(version)}: ${served}`,
          },
        ],
      };
    }
    case 'unchecked': {
      const earlier = resolution.retry ? context.earlierCrds?.resolve(resource) : undefined;
      if (earlier?.kind === 'schema') return customVerdict(resource, earlier.schema, strict, partial);
      return { problems: [], unchecked: resolution.reason, ...(resolution.retry ? { retryKey: `${group}|${resource.kind}` } : {}) };
    }
  }
}

function customVerdict(resource: Resource, schema: CustomSchema, strict: boolean, partial: boolean): SchemaVerdict {
  const check = validateCustomResource(resource, schema, { strict, partial });
  return 'unusable' in check ? { problems: [], unchecked: check.unusable } : { problems: check.problems };
}
