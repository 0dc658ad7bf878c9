// Sidecars exist to work with the app: a log shipper reads what the app writes, a config syncer
// writes what the app reads. Long-running containers that share no volume cannot exchange files,
// which is most often a forgotten emptyDir.
import { describeContainer, type ContainerSite } from '../manifest/pod.js';
import { isObject } from '../manifest/resources.js';
import type { PodRule } from './rule.js';

export const multiContainerSharedVolume: PodRule = {
  id: 'multi-container-shared-volume',
  defaultSeverity: 'warning',
  description: 'A pod with two or more long-running containers mounts at least one declared volume in two of them.',
  remediation: 'Declare a shared volume (for example `emptyDir: {}`) and mount it in the containers that exchange files.',
  wholeObject: true,
  defaultOptions: {},
  check({ pod, report }) {
    if (pod.longRunning.length < 2) return;
    const mountedBy = new Map<string, Set<ContainerSite>>();
    for (const c of pod.longRunning) {
      const mounts = c.value.volumeMounts;
      if (!Array.isArray(mounts)) continue;
      for (const mount of mounts) {
        if (!isObject(mount) || typeof mount.name !== 'string' || !pod.declaredVolumes.has(mount.name)) continue;
        const set = mountedBy.get(mount.name) ?? new Set();
        set.add(c);
        if (set.size >= 2) return;
        mountedBy.set(mount.name, set);
      }
    }
    const names = pod.longRunning.map(describeContainer).join(', ');
    report({
      path: [...pod.site.path, 'containers'],
      at: 'key',
      message: `the pod's ${pod.longRunning.length} long-running containers (${names}) share no volume; containers that exchange files need one volume mounted in both`,
    });
  },
};
