// Containers of a pod exchange files through a volume they both mount. Two evidence-based ways
// that goes wrong: two long-running containers mount *different* volumes at one mountPath (each
// gets its own directory where they meant to share one), or a declared volume that no container
// mounts at all (a forgotten volumeMounts entry). A pod that declares no volumes has no evidence
// of sharing anything (mesh proxies, exporters): it is left alone.
import { describeContainer, type ContainerSite } from '../manifest/pod.js';
import { isObject } from '../manifest/resources.js';
import type { Path } from '../manifest/locate.js';
import { quote } from '../quote.js';
import type { PodRule } from './rule.js';

interface MountSite {
  container: ContainerSite;
  volume: string;
  mountPath: string;
  path: Path;
  offset: number;
}

export const multiContainerSharedVolume: PodRule = {
  id: 'multi-container-shared-volume',
  defaultSeverity: 'warning',
  description:
    'In a pod with two or more long-running containers, no two of them mount different volumes at the same mountPath, and every declared volume is mounted by some container.',
  remediation:
    'Mount one volume in both containers where they exchange files (an `emptyDir: {}` declared once), and mount or remove a declared volume no container uses.',
  wholeObject: true,
  defaultOptions: {},
  check({ pod, report, lineOf, offsetOf }) {
    if (pod.longRunning.length < 2 || pod.declaredVolumes.size === 0) return;

    // Different volumes at one mountPath, across long-running containers.
    const sites: MountSite[] = [];
    for (const container of pod.longRunning) {
      forEachMount(container, (mount, i) => {
        if (typeof mount.mountPath !== 'string' || mount.mountPath === '') return;
        const path = [...container.path, 'volumeMounts', i, 'mountPath'];
        sites.push({ container, volume: mount.name, mountPath: normalise(mount.mountPath), path, offset: offsetOf(path) });
      });
    }
    sites.sort((a, b) => a.offset - b.offset);
    const firstAt = new Map<string, MountSite>();
    for (const site of sites) {
      const first = firstAt.get(site.mountPath);
      if (!first) {
        firstAt.set(site.mountPath, site);
        continue;
      }
      if (first.container === site.container || first.volume === site.volume) continue;
      report({
        path: site.path,
        container: site.container,
        message:
          `container ${describeContainer(site.container)} mounts volume ${quote(site.volume)} at ${quote(site.mountPath)}, where container ` +
          `${describeContainer(first.container)} mounts volume ${quote(first.volume)} (line ${lineOf(first.path)}): each sees its own ` +
          `directory; mount one volume in both to share files`,
      });
    }

    // Declared volumes that no container of any kind mounts (or uses as a block device).
    const used = new Set<string>();
    for (const container of [...pod.containers, ...pod.initContainers, ...pod.ephemeralContainers]) {
      forEachMount(container, (mount) => used.add(mount.name));
      const devices = container.value.volumeDevices;
      if (Array.isArray(devices)) for (const d of devices) if (isObject(d) && typeof d.name === 'string') used.add(d.name);
    }
    const names = pod.longRunning.map(describeContainer).join(', ');
    for (const volume of pod.declaredVolumes.values()) {
      if (used.has(volume.name)) continue;
      report({
        path: volume.path,
        message: `volume ${quote(volume.name)} is declared but no container mounts it (long-running containers: ${names}); add a volumeMounts entry where it is needed, or remove it`,
      });
    }
  },
};

function forEachMount(container: ContainerSite, visit: (mount: { name: string; mountPath?: unknown }, index: number) => void): void {
  const mounts = container.value.volumeMounts;
  if (!Array.isArray(mounts)) return;
  mounts.forEach((mount, i) => {
    if (isObject(mount) && typeof mount.name === 'string') visit(mount as { name: string; mountPath?: unknown }, i);
  });
}

/** `/data/` and `/data` are one directory. */
function normalise(mountPath: string): string {
  return mountPath.length > 1 ? mountPath.replace(/\/+$/, '') || '/' : mountPath;
}
