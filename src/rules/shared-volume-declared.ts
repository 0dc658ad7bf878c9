// A container that mounts a volume the pod never declares: the API server rejects the pod, and
// a sidecar added in a hurry is the usual culprit (its mount names a volume of another pod).
import { describeContainer } from '../manifest/pod.js';
import { isObject } from '../manifest/resources.js';
import { holdsPlaceholder } from '../manifest/placeholder.js';
import { quote } from '../quote.js';
import { nearest } from '../suggest.js';
import type { PodRule } from './rule.js';

export const sharedVolumeDeclared: PodRule = {
  id: 'shared-volume-declared',
  defaultSeverity: 'error',
  description: 'Every volumeMounts entry names a volume the pod declares (volumes, or a StatefulSet volumeClaimTemplate).',
  remediation: 'Declare the volume under the pod spec\'s `volumes` (for example an `emptyDir: {}` to share files), or fix the mount\'s name.',
  wholeObject: true,
  defaultOptions: {},
  check({ pod, report }) {
    const declared = [...pod.declaredVolumes.keys()];
    for (const c of [...pod.containers, ...pod.initContainers, ...pod.ephemeralContainers]) {
      const mounts = c.value.volumeMounts;
      if (!Array.isArray(mounts)) continue;
      mounts.forEach((mount, i) => {
        if (!isObject(mount) || typeof mount.name !== 'string' || pod.declaredVolumes.has(mount.name)) return;
        if (holdsPlaceholder(mount.name)) return; // `${VOLUME}`: unknown until substitution
        report({
          path: [...c.path, 'volumeMounts', i, 'name'],
          container: c,
          message: `container ${describeContainer(c)} mounts volume ${quote(mount.name)}, which the pod does not declare${hint(mount.name, declared)}`,
        });
      });
    }
  },
};

function hint(name: string, declared: string[]): string {
  if (declared.length === 0) return ' (it declares no volumes)';
  const near = nearest(name, declared);
  if (near !== undefined) return `; did you mean ${quote(near)}?`;
  return ` (declared: ${declared.slice(0, 5).map(quote).join(', ')}${declared.length > 5 ? ', …' : ''})`;
}
