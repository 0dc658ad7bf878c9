// deprecated-api: an apiVersion the target Kubernetes version still serves but has deprecated
// stops working at a known release; saying so now leaves time to move before that upgrade.
import { adviceOf, apiStatus } from '../k8s-schema/api-lifecycle.js';
import type { ResourceRule } from './rule.js';

export const deprecatedApi: ResourceRule = {
  id: 'deprecated-api',
  defaultSeverity: 'notice',
  description: 'No resource uses an apiVersion and kind that the target Kubernetes version (kubernetes-version) has deprecated and a later release removes.',
  remediation: 'Move the resource to the replacement apiVersion the message names before upgrading to the release that removes the old one.',
  check({ resource, kubernetesVersion }) {
    const status = apiStatus(resource.apiVersion, resource.kind, kubernetesVersion);
    if (status?.state !== 'deprecated') return undefined;
    return {
      path: ['apiVersion'],
      message: `\`${resource.apiVersion}\` ${resource.kind} is deprecated and will be removed in Kubernetes ${status.entry.removed}; ${adviceOf(status)}`,
    };
  },
};
