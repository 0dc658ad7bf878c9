// The built-in rules, in the order their ids sort. Adding a rule is adding a file and a line here.
import { deprecatedApi } from './deprecated-api.js';
import { multiContainerSharedVolume } from './multi-container-shared-volume.js';
import { removedApi } from './removed-api.js';
import type { PodRule, ResourceRule } from './rule.js';
import type { RuleMeta } from '../types.js';
import { sharedVolumeDeclared } from './shared-volume-declared.js';
import { sidecarImagePinned } from './sidecar-image-pinned.js';
import { uniqueContainerNames } from './unique-container-names.js';
import { uniqueContainerPorts } from './unique-container-ports.js';

export const POD_RULES: readonly PodRule[] = [
  multiContainerSharedVolume,
  sharedVolumeDeclared,
  sidecarImagePinned,
  uniqueContainerNames,
  uniqueContainerPorts,
];

/** Rules about a whole resource, whatever its kind (the API lifecycle). */
export const RESOURCE_RULES: readonly ResourceRule[] = [deprecatedApi, removedApi];

/** Rules the engine itself reports, so every output can describe them. */
export const ENGINE_RULES = [
  {
    id: 'k8s-schema',
    defaultSeverity: 'error' as const,
    description: 'Every resource of a built-in Kubernetes kind matches the API schema of its apiVersion and kind: types, enums, required fields, and no unknown fields (which Kubernetes drops silently).',
    remediation: 'Fix the value or field at the reported position to what the API expects (`kubectl explain KIND.FIELD` shows it); a misspelt field is usually named in the message.',
  },
  {
    id: 'render',
    defaultSeverity: 'error' as const,
    description: 'Every kustomization root and Helm chart renders with its tool (kustomize, helm template), offline and inside the repository, so what gets deployed can be checked.',
    remediation: 'Fix what the tool reports at the named line (a missing file, a broken patch, a required value); vendor remote bases and chart dependencies, or set the values a chart requires in .podlint.yml under render.charts.',
  },
  {
    id: 'yaml-syntax',
    defaultSeverity: 'error' as const,
    description: 'Every document is valid YAML that Kubernetes can read (no syntax errors, duplicate keys or runaway aliases).',
    remediation: 'Fix the YAML at the reported position; `kubectl apply --dry-run=client -f FILE` shows the same error.',
  },
];

export type { RuleMeta };

export const ALL_RULES: readonly RuleMeta[] = [...POD_RULES, ...RESOURCE_RULES, ...ENGINE_RULES].sort((a, b) => a.id.localeCompare(b.id));
