// Image references as the kubelet reads them (the distribution grammar), and when one counts as
// pinned: the heart of sidecar-image-pinned.
import { parseImage, unpinnedReason, type ImageReference } from '../src/manifest/image.js';

const SHA = 'sha256:' + 'a'.repeat(64);

describe('parseImage: valid references', () => {
  const cases: [string, ImageReference][] = [
    ['nginx', { path: 'nginx' }],
    ['nginx:1.25', { path: 'nginx', tag: '1.25' }],
    ['nginx:latest', { path: 'nginx', tag: 'latest' }],
    ['library/nginx:1.25-alpine', { path: 'library/nginx', tag: '1.25-alpine' }],
    // A first component with a port is a registry: `host:5000/app` has a port and no tag.
    ['host:5000/app', { domain: 'host:5000', path: 'app' }],
    ['host:5000/app:2.0', { domain: 'host:5000', path: 'app', tag: '2.0' }],
    ['localhost:5000/a/b:1.0', { domain: 'localhost:5000', path: 'a/b', tag: '1.0' }],
    ['localhost/app', { domain: 'localhost', path: 'app' }],
    ['ghcr.io/org/app', { domain: 'ghcr.io', path: 'org/app' }],
    ['[::1]:5000/app:v1', { domain: '[::1]:5000', path: 'app', tag: 'v1' }],
    ['[::1]/app', { domain: '[::1]', path: 'app' }],
    // Without a slash, `host:5000` is the image `host` with the tag `5000`.
    ['host:5000', { path: 'host', tag: '5000' }],
    [`fluentd@${SHA}`, { path: 'fluentd', digest: SHA }],
    [`fluentd:v1.16@${SHA}`, { path: 'fluentd', tag: 'v1.16', digest: SHA }],
    [`registry.example.com:443/team/fluentd:v1@${SHA}`, { domain: 'registry.example.com:443', path: 'team/fluentd', tag: 'v1', digest: SHA }],
    ['my_app__x.y-z---w:TAG_1.0', { path: 'my_app__x.y-z---w', tag: 'TAG_1.0' }],
    [`app:${'a'.repeat(128)}`, { path: 'app', tag: 'a'.repeat(128) }],
  ];
  test.each(cases)('%s', (image, expected) => {
    const parsed = parseImage(image);
    expect(parsed).toEqual({ ok: true, reference: expected });
  });
});

describe('parseImage: invalid references', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['uppercase path', 'Nginx', /"Nginx" is not a valid repository path component/],
    ['uppercase path under a registry', 'ghcr.io/Org/app', /"Org" is not a valid repository path component/],
    ['sha256 digest one digit short', `app@sha256:${'a'.repeat(63)}`, /sha256 digest has 64 hex digits, not 63/],
    ['sha512 digest of sha256 length', `app@sha512:${'a'.repeat(64)}`, /sha512 digest has 128 hex digits, not 64/],
    ['digest that is not hex', `app@sha256:${'g'.repeat(64)}`, /is not a digest/],
    ['digest without algorithm', `app@${'a'.repeat(64)}`, /is not a digest/],
    ['empty tag', 'app:', /the tag after ":" is empty/],
    ['space inside', 'fluentd :latest', /no spaces/],
    ['leading space', ' fluentd', /no spaces/],
    ['tab', 'fluentd\t', /no spaces/],
    ['129-character tag', `app:${'a'.repeat(129)}`, /is not a valid tag/],
    ['tag starting with a dot', 'app:.1', /is not a valid tag/],
    ['no repository', ':1.0', /no repository name/],
    ['double slash', 'a//b', /"" is not a valid repository path component/],
    ['trailing separator', 'app-:1', /"app-" is not a valid repository path component/],
    ['bad port', 'host:50a0/app', /"host:50a0" is not a valid registry host/],
    ['name over 255 characters', `${'a'.repeat(256)}:1`, /longer than 255/],
  ];
  test.each(cases)('%s', (_label, image, reason) => {
    const parsed = parseImage(image);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(reason);
  });
});

describe('unpinnedReason', () => {
  const ref = (image: string): ImageReference => {
    const parsed = parseImage(image);
    if (!parsed.ok) throw new Error(`test image ${image} does not parse: ${parsed.reason}`);
    return parsed.reference;
  };

  const cases: [string, 'tag' | 'digest', RegExp | undefined][] = [
    // pin: tag (the default): a digest or a tag other than latest pins.
    ['fluentd:v1.16', 'tag', undefined],
    [`fluentd@${SHA}`, 'tag', undefined],
    [`fluentd:latest@${SHA}`, 'tag', undefined],
    ['fluentd:latest', 'tag', /tag "latest"/],
    ['fluentd', 'tag', /has no tag/],
    ['host:5000/app', 'tag', /has no tag/],
    ['localhost:5000/a/b:1.0', 'tag', undefined],
    ['[::1]:5000/app:v1', 'tag', undefined],
    // `Latest` is another tag: tags are case-sensitive.
    ['fluentd:Latest', 'tag', undefined],
    // pin: digest: only a digest pins.
    [`fluentd@${SHA}`, 'digest', undefined],
    [`fluentd:v1.16@${SHA}`, 'digest', undefined],
    ['fluentd:v1.16', 'digest', /pinned by tag "v1.16", not by digest/],
    ['fluentd:latest', 'digest', /pinned by tag "latest", not by digest/],
    ['fluentd', 'digest', /has no digest/],
    ['host:5000/app', 'digest', /has no digest/],
  ];
  test.each(cases)('%s with pin %s', (image, pin, expected) => {
    const reason = unpinnedReason(ref(image), pin);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });
});
