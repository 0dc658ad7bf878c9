// removed-api: a resource at an apiVersion the target Kubernetes version no longer serves is
// refused by the API server (`no matches for kind "DaemonSet" in version "extensions/v1beta1"`):
// the whole deploy fails, usually on the day the cluster is upgraded.
import { adviceOf, apiStatus } from '../k8s-schema/api-lifecycle.js';
import type { ResourceRule } from './rule.js';

export const removedApi: ResourceRule = {
  id: 'removed-api',
  defaultSeverity: 'error',
  description: 'No resource uses an apiVersion and kind that the target Kubernetes version (kubernetes-version) no longer serves.',
  remediation: 'Move the resource to the replacement apiVersion the message names (`kubectl convert` helps), and adapt the fields that changed with it.',
  check({ resource, kubernetesVersion }) {
    const status = apiStatus(resource.apiVersion, resource.kind, kubernetesVersion);
    if (status?.state !== 'removed') return undefined;
    return {
      path: ['apiVersion'],
      message: `\`${resource.apiVersion}\` ${resource.kind} was removed in Kubernetes ${status.entry.removed}; ${adviceOf(status)}`,
    };
  },
};
