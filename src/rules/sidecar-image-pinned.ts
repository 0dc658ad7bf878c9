// A sidecar floating on `:latest` (or on no tag at all) changes under a running app at the next
// pull: the log shipper or proxy that worked yesterday is a different program after a reschedule.
import { parseImage, unpinnedReason, type PinMode } from '../manifest/image.js';
import { describeContainer, type ContainerSite, type PodModel } from '../manifest/pod.js';
import { holdsPlaceholder } from '../manifest/placeholder.js';
import { quote } from '../quote.js';
import type { PodRule } from './rule.js';

/** ko (ko-build) replaces `ko://IMPORT_PATH` with the image it builds, by digest. */
const KO_PREFIX = 'ko://';

export const sidecarImagePinned: PodRule = {
  id: 'sidecar-image-pinned',
  defaultSeverity: 'error',
  description: 'Every sidecar image is pinned: a digest, or a tag other than `latest`.',
  remediation: 'Pin the image with a version tag (`fluentd:v1.16.2`) or, better, a digest (`fluentd@sha256:…`).',
  // The rule decides on a patch what the patch can tell: its native sidecars are sidecars
  // whatever the base holds, its regular containers are not known to be.
  wholeObject: false,
  defaultOptions: { pin: 'tag', containers: 'sidecars' },
  check({ pod, partial, options, report }) {
    const pin = options.pin as PinMode;
    const sidecars = new Set(partial ? pod.nativeSidecars : pod.sidecars);
    const targets = options.containers === 'all' ? allContainers(pod) : [...sidecars];
    for (const c of targets) {
      const role = sidecars.has(c) ? 'sidecar' : 'container';
      const image = c.value.image;
      if (image === undefined || image === null) {
        report({ path: c.path, container: c, message: `${role} ${describeContainer(c)} has no image to pin` });
        continue;
      }
      if (typeof image !== 'string') continue; // a type error, which k8s-schema reports
      // `${TAG}` is unknown until substitution; `ko://` is built and pinned by digest at release.
      if (holdsPlaceholder(image) || image.startsWith(KO_PREFIX)) continue;
      const path = [...c.path, 'image'];
      const parsed = parseImage(image);
      if (!parsed.ok) {
        report({ path, container: c, message: `${role} ${describeContainer(c)} image ${quote(image)} is not a valid image reference: ${parsed.reason}` });
        continue;
      }
      const reason = unpinnedReason(parsed.reference, pin);
      if (reason) {
        const how = pin === 'digest' ? 'pin it by digest' : 'pin it with a version tag or a digest';
        report({ path, container: c, message: `${role} ${describeContainer(c)} image ${quote(image)} ${reason}; ${how}` });
      }
    }
  },
};

function allContainers(pod: PodModel): ContainerSite[] {
  return [...pod.containers, ...pod.initContainers, ...pod.ephemeralContainers];
}
