// The terms of CONTRACT.md for one pod spec: regular containers, native sidecars, long-running
// containers, the primary container, sidecars and declared volumes. Rules read these instead of
// working them out again.
import { quote } from '../quote.js';
import type { Path } from './locate.js';
import { annotationOf, isObject, type PlainObject, type PodSpecSite } from './resources.js';

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerSite {
  group: ContainerGroup;
  index: number;
  /** From the document's root to the container. */
  path: Path;
  value: PlainObject;
  /** The container's name, when it has a string one. */
  name?: string;
}

export interface VolumeSite {
  name: string;
  path: Path;
}

export interface PodModel {
  site: PodSpecSite;
  containers: ContainerSite[];
  initContainers: ContainerSite[];
  ephemeralContainers: ContainerSite[];
  /** Init containers with `restartPolicy: Always` (Kubernetes 1.28+). */
  nativeSidecars: ContainerSite[];
  /** Regular containers plus native sidecars: they run side by side for the pod's whole life. */
  longRunning: ContainerSite[];
  primary?: ContainerSite;
  sidecars: ContainerSite[];
  /** `volumes` and, for a StatefulSet, its `volumeClaimTemplates`, by name. */
  declaredVolumes: Map<string, VolumeSite>;
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export function describeContainer(c: ContainerSite): string {
  return c.name !== undefined ? quote(c.name) : `${c.group}[${c.index}]`;
}

/**
 * `primaryHint`: the primary container's name when the order of `containers` no longer says it
 * (kustomize puts a patch's containers first); the default-container annotation still wins.
 */
export function podModel(site: PodSpecSite, primaryHint?: string): PodModel {
  const containers = containerList(site, 'containers');
  const initContainers = containerList(site, 'initContainers');
  const ephemeralContainers = containerList(site, 'ephemeralContainers');
  const nativeSidecars = initContainers.filter((c) => c.value.restartPolicy === 'Always');
  const primary = primaryOf(site, containers, initContainers, primaryHint);
  const sidecars = [
    ...nativeSidecars,
    ...(containers.length >= 2 ? containers.filter((c) => c !== primary) : []),
  ];
  return {
    site,
    containers,
    initContainers,
    ephemeralContainers,
    nativeSidecars,
    longRunning: [...containers, ...nativeSidecars],
    primary,
    sidecars,
    declaredVolumes: declaredVolumes(site),
  };
}

function containerList(site: PodSpecSite, group: ContainerGroup): ContainerSite[] {
  const list = site.spec[group];
  if (!Array.isArray(list)) return [];
  const result: ContainerSite[] = [];
  list.forEach((value, index) => {
    if (!isObject(value)) return;
    result.push({
      group,
      index,
      path: [...site.path, group, index],
      value,
      name: typeof value.name === 'string' ? value.name : undefined,
    });
  });
  return result;
}

function primaryOf(
  site: PodSpecSite,
  containers: ContainerSite[],
  initContainers: ContainerSite[],
  primaryHint?: string,
): ContainerSite | undefined {
  const named = annotationOf(site.metadata, DEFAULT_CONTAINER_ANNOTATION);
  if (named !== undefined) {
    const match = containers.find((c) => c.name === named) ?? initContainers.find((c) => c.name === named);
    if (match) return match;
  }
  return (primaryHint !== undefined ? containers.find((c) => c.name === primaryHint) : undefined) ?? containers[0];
}

function declaredVolumes(site: PodSpecSite): Map<string, VolumeSite> {
  const declared = new Map<string, VolumeSite>();
  const volumes = site.spec.volumes;
  if (Array.isArray(volumes)) {
    volumes.forEach((volume, index) => {
      if (isObject(volume) && typeof volume.name === 'string' && !declared.has(volume.name)) {
        declared.set(volume.name, { name: volume.name, path: [...site.path, 'volumes', index, 'name'] });
      }
    });
  }
  const { resource } = site;
  if (resource.kind === 'StatefulSet' && isObject(resource.value.spec)) {
    const templates = resource.value.spec.volumeClaimTemplates;
    if (Array.isArray(templates)) {
      templates.forEach((template, index) => {
        const name = isObject(template) && isObject(template.metadata) ? template.metadata.name : undefined;
        if (typeof name === 'string' && !declared.has(name)) {
          declared.set(name, {
            name,
            path: [...resource.path, 'spec', 'volumeClaimTemplates', index, 'metadata', 'name'],
          });
        }
      });
    }
  }
  return declared;
}
