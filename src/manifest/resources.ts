// Finds the Kubernetes objects in a document and the pod specs they carry. Anything without
// `apiVersion` and `kind` is not Kubernetes and is passed over without a word.
import type { Path } from './locate.js';

export type PlainObject = Record<string, unknown>;

export interface Resource {
  kind: string;
  apiVersion: string;
  name?: string;
  namespace?: string;
  value: PlainObject;
  /** From the document's root to the object (non-empty for items of a `List`). */
  path: Path;
}

export interface PodSpecSite {
  resource: Resource;
  spec: PlainObject;
  /** From the document's root to the pod spec. */
  path: Path;
  /** The metadata that goes with the pod (a template's, or a Pod's own). */
  metadata?: PlainObject;
}

export function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function resourcesOf(root: unknown, path: Path = [], withoutApiVersion = false): Resource[] {
  if (!isObject(root)) return [];
  const { apiVersion, kind } = root;
  if (typeof kind !== 'string') return [];
  // A kind without apiVersion is a k8s-schema finding (half-object.ts); the pod rules still
  // check what the kind says the object holds, with the apiVersion left empty.
  if (typeof apiVersion !== 'string' && !(withoutApiVersion && kind !== '' && (apiVersion === undefined || apiVersion === null))) return [];
  // `kind: List` (and every *List with items, such as `kubectl get -o yaml` output) holds objects.
  if (kind.endsWith('List') && Array.isArray(root.items)) {
    return root.items.flatMap((item, i) => resourcesOf(item, [...path, 'items', i]));
  }
  const metadata = isObject(root.metadata) ? root.metadata : {};
  return [
    {
      kind,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
      name: typeof metadata.name === 'string' ? metadata.name : undefined,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
      value: root,
      path,
    },
  ];
}

/** Where each pod-bearing kind keeps its pod template (the pod spec sits in its `spec`). */
const TEMPLATE_PATHS: Record<string, readonly string[]> = {
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function podSpecOf(resource: Resource): PodSpecSite | undefined {
  const { kind, value } = resource;
  if (kind === 'Pod') {
    if (!isObject(value.spec)) return undefined;
    return site(resource, value.spec, ['spec'], value.metadata);
  }
  const templatePath = Object.hasOwn(TEMPLATE_PATHS, kind) ? TEMPLATE_PATHS[kind] : undefined; // (kind: constructor)
  if (templatePath) {
    const template = walk(value, templatePath);
    if (!isObject(template) || !isObject(template.spec)) return undefined;
    return site(resource, template.spec, [...templatePath, 'spec'], template.metadata);
  }
  // Any other kind (Argo Rollouts, OpenShift DeploymentConfigs, ...) counts when it has the
  // shape of a pod template.
  const template = walk(value, ['spec', 'template']);
  if (isObject(template) && isObject(template.spec) && Array.isArray(template.spec.containers)) {
    return site(resource, template.spec, ['spec', 'template', 'spec'], template.metadata);
  }
  return undefined;
}

function site(resource: Resource, spec: PlainObject, relPath: Path, metadata: unknown): PodSpecSite {
  return {
    resource,
    spec,
    path: [...resource.path, ...relPath],
    metadata: isObject(metadata) ? metadata : undefined,
  };
}

export function walk(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current) && typeof segment === 'string') current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current;
}

export function annotationOf(metadata: unknown, name: string): string | undefined {
  const annotations = isObject(metadata) ? metadata.annotations : undefined;
  const value = isObject(annotations) ? annotations[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}
