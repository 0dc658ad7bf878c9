// A repository as an attacker's pull request could make it: bombs of every shape, a 50 MB file,
// binary and invalid UTF-8, 100,000-deep nesting, 100,000 documents, link loops and links out of
// the root, FIFOs and /dev/zero as manifest, kustomization and config, hostile file names and
// prototype names. Beside it, outside the root, a secret that must never be read or printed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BOMBS } from './bombs.js';

// As long as a real GitHub token (40 characters).
export const SECRET = `ghp_${'0utS1deTheR00t'.repeat(3).slice(0, 36)}`;

const BAD_POD = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers:\n    - { name: a, image: "a:1" }\n    - { name: a, image: "b:1" }\n`;

export interface HostileTree {
  /** The temp folder holding both. */
  base: string;
  /** The scan root (the working directory of the run). */
  repo: string;
  /** Files and folders outside the root, each with its access time set far in the past. */
  outside: string[];
  /** The file the known-bad manifest is in, relative to the repo. */
  goodFinding: string;
  bombs: string[];
  remove(): void;
}

export function makeHostileTree(): HostileTree {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-hostile-')));
  const repo = path.join(base, 'repo');
  const out = path.join(base, 'outside');
  const write = (rel: string, content: string | Buffer) => {
    const abs = path.join(repo, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  };
  const link = (rel: string, target: string) => {
    const abs = path.join(repo, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.symlinkSync(target, abs);
  };
  const fifo = (rel: string) => {
    const abs = path.join(repo, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    execFileSync('mkfifo', [abs]);
  };

  // Outside: a secret that is also a manifest with a finding, so a read would show either way.
  fs.mkdirSync(path.join(out, 'dir'), { recursive: true });
  fs.writeFileSync(path.join(out, 'secret.yaml'), `# ${SECRET}\n${BAD_POD(SECRET)}`);
  fs.writeFileSync(path.join(out, 'token'), `${SECRET}\n`);
  fs.writeFileSync(path.join(out, 'dir', 'deploy.yaml'), BAD_POD(`${SECRET}-dir`));
  fs.writeFileSync(path.join(out, 'policy.yaml'), `id: ${SECRET.toLowerCase().replace(/_/g, '-')}\nseverity: error\nmessage: ${SECRET}\ntarget: pod\nschema: { not: {} }\n`);

  write('good/bad.yaml', BAD_POD('good'));

  const bombs: string[] = [];
  for (const [shape, bomb] of Object.entries(BOMBS)) {
    const rel = `bombs/${shape.replace(/\W+/g, '-')}.yaml`;
    write(rel, `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb }\n${bomb}`);
    bombs.push(rel);
  }
  write('bombs/kustomization.yaml', `resources: [a.yaml]\n${BOMBS.nested}`);

  // A 50 MB file: over the limit, never read (a sparse file: the size is what counts).
  write('big/fifty.yaml', '');
  fs.truncateSync(path.join(repo, 'big/fifty.yaml'), 50 * 1024 * 1024);
  write('binary/random.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  write('binary/invalid-utf8.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: u }\ndata: { a: "'), Buffer.from([0xc3, 0x28, 0xff, 0x80]), Buffer.from('" }\n')]));
  write('deep/flow.yaml', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
  write('deep/maps.yaml', `a: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`);
  write('many/documents.yaml', '---\na: 1\n'.repeat(100_000));

  link('loops/self', '.');
  link('loops/up', '..');
  link('loops/a/back', '../../loops');
  link('loops/itself.yaml', 'itself.yaml');
  link('loops/ping.yaml', 'pong.yaml');
  link('loops/pong.yaml', 'ping.yaml');

  link('links/secret.yaml', path.join(out, 'secret.yaml'));
  link('links/relative.yaml', '../../outside/secret.yaml');
  link('links/outdir', path.join(out, 'dir'));
  link('links/passwd.yaml', '/etc/passwd');
  link('links/kustomization.yaml', path.join(out, 'secret.yaml'));

  fifo('fifos/pipe.yaml');
  fifo('fifos/kustomization.yaml');
  fifo('fifos/sub/Kustomization');
  link('zero/zero.yaml', '/dev/zero');
  link('zero/kustomization.yaml', '/dev/zero');
  link('zero/random.json', '/dev/urandom');
  link('.podlint.yml', '/dev/zero');

  write(`names/\x1b[31mred\u202eevil\x07.yaml`, BAD_POD('named'));
  write('names/line\nbreak.yaml', BAD_POD('broken-name'));
  write('proto/kinds.yaml', ['constructor', '__proto__', 'toString'].map((k) => `apiVersion: v1\nkind: ${k}\nmetadata: { name: p }\nspec: { template: { spec: { containers: [] } } }\n`).join('---\n'));
  write('proto/fields.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  constructor: 1\n  containers: [{ name: a, image: "a:1", __proto__: { polluted: true } }]\n');
  write('tags/binary.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: a, image: "a:1", env: [{ name: E, value: !!binary aGVsbG8= }] }]\n');

  // Reading a file or listing a folder moves its access time (relatime moves it whenever it is
  // older than the modification time): set far in the past, it tells whether anything was read.
  const outside = [out, path.join(out, 'dir'), path.join(out, 'secret.yaml'), path.join(out, 'token'), path.join(out, 'dir', 'deploy.yaml')];
  for (const p of outside) fs.utimesSync(p, 1000, new Date());

  return {
    base,
    repo,
    outside,
    goodFinding: 'good/bad.yaml',
    bombs,
    remove: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

/** Whether this file system records reads in access times at all (not on a noatime mount). */
export function accessTimesWork(dir: string): boolean {
  const probe = path.join(dir, 'atime-probe');
  fs.writeFileSync(probe, 'x');
  fs.utimesSync(probe, 1000, new Date());
  fs.readFileSync(probe);
  const works = fs.statSync(probe).atimeMs > 1_000_000;
  fs.rmSync(probe);
  return works;
}
