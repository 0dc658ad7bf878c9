// Container image references, read by the grammar of the distribution project that Docker,
// containerd and the kubelet share:
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [ domain "/" ] path-component { "/" path-component }
//   domain    := host [ ":" port ]
// The first component is a registry only when it looks like one (a dot, a port or `localhost`),
// which is why `host:5000/app` has a port and no tag.
import { quote } from '../quote.js';

export interface ImageReference {
  /** Registry host (with port), when the reference names one. */
  domain?: string;
  /** Repository path under the registry (`library/nginx` is written `nginx`). */
  path: string;
  tag?: string;
  /** `algorithm:hex`. */
  digest?: string;
}

export type ImageParse = { ok: true; reference: ImageReference } | { ok: false; reason: string };

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const MAX_NAME_LENGTH = 255;

export function parseImage(image: string): ImageParse {
  if (image === '') return fail('the image is empty');
  if (/\s/.test(image)) return fail('an image reference has no spaces');

  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const match = DIGEST.exec(digest);
    if (!match) return fail(`${quote(digest)} is not a digest (algorithm:hex)`);
    const expected = DIGEST_LENGTHS[match[1]!];
    if (expected !== undefined && match[2]!.length !== expected) {
      return fail(`a ${match[1]} digest has ${expected} hex digits, not ${match[2]!.length}`);
    }
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return fail(tag === '' ? 'the tag after ":" is empty' : `${quote(tag)} is not a valid tag`);
  }

  if (rest === '') return fail('the image has no repository name');
  if (rest.length > MAX_NAME_LENGTH) return fail(`the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  const components = rest.split('/');
  let domain: string | undefined;
  if (components.length > 1 && looksLikeRegistry(components[0]!)) {
    domain = components.shift()!;
    if (!validDomain(domain)) return fail(`${quote(domain)} is not a valid registry host`);
  }
  for (const component of components) {
    if (!PATH_COMPONENT.test(component)) {
      return fail(`${quote(component)} is not a valid repository path component (lowercase letters, digits, . _ -)`);
    }
  }
  return { ok: true, reference: { domain, path: components.join('/'), tag, digest } };
}

function fail(reason: string): ImageParse {
  return { ok: false, reason };
}

function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

function validDomain(domain: string): boolean {
  let host = domain;
  const portAt = domain.lastIndexOf(':');
  if (portAt > domain.lastIndexOf(']')) {
    const port = domain.slice(portAt + 1);
    if (!/^\d{1,5}$/.test(port)) return false;
    host = domain.slice(0, portAt);
  }
  if (IPV6.test(host)) return true;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

export type PinMode = 'tag' | 'digest';

/**
 * Why a parsed reference is not pinned, or undefined when it is. With `tag`, a digest or a tag
 * other than `latest` pins it; with `digest`, only a digest does.
 */
export function unpinnedReason(reference: ImageReference, pin: PinMode): string | undefined {
  if (reference.digest) return undefined;
  if (pin === 'digest') return reference.tag ? `is pinned by tag ${quote(reference.tag)}, not by digest` : 'has no digest';
  if (reference.tag === undefined) return 'has no tag, so it floats on "latest"';
  if (reference.tag === 'latest') return 'uses the tag "latest", which moves';
  return undefined;
}
