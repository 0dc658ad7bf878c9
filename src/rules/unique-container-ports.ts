// Containers of a pod share one network namespace: two that bind the same port and protocol
// cannot both start, and the second one crash-loops with "address already in use".
import { describeContainer, type ContainerSite } from '../manifest/pod.js';
import { isObject } from '../manifest/resources.js';
import type { Path } from '../manifest/locate.js';
import type { PodRule } from './rule.js';

interface PortSite {
  container: ContainerSite;
  key: string;
  port: number;
  protocol: string;
  path: Path;
  offset: number;
}

export const uniqueContainerPorts: PodRule = {
  id: 'unique-container-ports',
  defaultSeverity: 'error',
  description: 'No two long-running containers of a pod declare the same containerPort and protocol: they share one network namespace.',
  remediation: 'Give one of the containers another port (and point its clients there); containers of a pod reach each other on localhost.',
  wholeObject: false,
  defaultOptions: {},
  check({ pod, report, lineOf, offsetOf }) {
    const sites: PortSite[] = [];
    for (const container of pod.longRunning) {
      const ports = container.value.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((entry, i) => {
        if (!isObject(entry)) return;
        const port = portNumber(entry.containerPort);
        if (port === undefined) return;
        const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'TCP';
        const path = [...container.path, 'ports', i, 'containerPort'];
        sites.push({ container, key: `${port}/${protocol}`, port, protocol, path, offset: offsetOf(path) });
      });
    }
    sites.sort((a, b) => a.offset - b.offset);
    const firstByKey = new Map<string, PortSite>();
    for (const site of sites) {
      const first = firstByKey.get(site.key);
      if (!first) {
        firstByKey.set(site.key, site);
      } else if (first.container !== site.container) {
        report({
          path: site.path,
          container: site.container,
          message:
            `container ${describeContainer(site.container)} declares port ${site.port}/${site.protocol}, which container ` +
            `${describeContainer(first.container)} already declares at line ${lineOf(first.path)}; they share one network namespace`,
        });
      }
    }
  },
};

function portNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
