// Two containers with one name: the API server rejects the pod, and until then `kubectl logs -c`
// and every tool that addresses a container by name is ambiguous.
import type { ContainerSite } from '../manifest/pod.js';
import { quote } from '../quote.js';
import type { PodRule } from './rule.js';

export const uniqueContainerNames: PodRule = {
  id: 'unique-container-names',
  defaultSeverity: 'error',
  description: 'Every container of a pod (containers, initContainers and ephemeralContainers together) has its own name.',
  remediation: 'Rename one of the containers; names must be unique across containers, initContainers and ephemeralContainers.',
  wholeObject: false,
  defaultOptions: {},
  check({ pod, report, lineOf, offsetOf }) {
    const all = [...pod.containers, ...pod.initContainers, ...pod.ephemeralContainers];
    const byName = new Map<string, ContainerSite[]>();
    for (const c of all) {
      if (c.name === undefined) continue;
      const same = byName.get(c.name);
      if (same) same.push(c);
      else byName.set(c.name, [c]);
    }
    for (const [name, same] of byName) {
      if (same.length < 2) continue;
      const namePath = (c: ContainerSite) => [...c.path, 'name'];
      const ordered = same
        .map((c) => ({ c, offset: offsetOf(namePath(c)) }))
        .sort((a, b) => a.offset - b.offset)
        .map((x) => x.c);
      const first = ordered[0]!;
      for (const later of ordered.slice(1)) {
        report({
          path: namePath(later),
          container: later,
          message:
            `container name ${quote(name)} is already used by ${first.group}[${first.index}] at line ${lineOf(namePath(first))}; ` +
            `${later.group}[${later.index}] needs a name of its own`,
        });
      }
    }
  },
};
