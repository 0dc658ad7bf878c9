// The readings to compare (go-yaml.test.ts, corpus/go-yaml.test.ts): podlint's, and the real
// kubectl's of two versions (1.32 and 1.34), offline, in two ways:
//
//   kustomize  `kubectl kustomize DIR` on a folder whose kustomization lists the file: kustomize's
//              go-yaml v3 reading, printed back as YAML
//   apply      `kubectl patch --local -f FILE -p {} -o json`: the reading of `kubectl apply -f` and
//              helm (sigs.k8s.io/yaml, go-yaml v2), no cluster needed
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { parseManifestText } from '../../src/manifest/parse.js';

export const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Tools {
  v32: { helm: string; kubectl: string };
  v34: { helm: string; kubectl: string };
}
export const VERSIONS = ['v32', 'v34'] as const;

export function k8sTools(): Tools {
  return JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'scripts/k8s-tools.mjs')], { encoding: 'utf8' }).stdout) as Tools;
}

/** Only what kubectl needs, and nothing from the machine's own kube config. */
export function env(work: string): NodeJS.ProcessEnv {
  return { PATH: '/usr/bin:/bin', HOME: work, KUBECONFIG: path.join(work, 'no-kubeconfig') };
}

export async function kustomizeReading(kubectl: string, file: string, work: string): Promise<unknown[]> {
  const dir = fs.mkdtempSync(path.join(work, 'kustomize-'));
  fs.copyFileSync(file, path.join(dir, 'resource.yaml'));
  fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [resource.yaml]\n');
  const { stdout } = await run(kubectl, ['kustomize', dir], { env: env(work), maxBuffer: 64 << 20 });
  // kustomize prints standard YAML (it quotes every string that could read as anything else).
  return parseAllDocuments(stdout).map((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS();
  });
}

export async function applyReading(kubectl: string, file: string, work: string): Promise<unknown[]> {
  const { stdout } = await run(kubectl, ['patch', '--local', '-f', file, '-p', '{}', '--type', 'merge', '-o', 'json'], {
    env: env(work),
    maxBuffer: 64 << 20,
  });
  // One pretty-printed JSON object per resource, one after the other.
  return stdout
    .split(/^\}$/m)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => JSON.parse(`${chunk}}`) as unknown);
}

/** The plain data podlint's rules see, one entry per document; a syntax problem throws. */
export function podlintReading(file: string): unknown[] {
  const parsed = parseManifestText(fs.readFileSync(file, 'utf8'));
  if (parsed.syntax.length > 0) throw new Error(`podlint cannot read ${file}: ${JSON.stringify(parsed.syntax)}`);
  return parsed.documents.map((doc) => doc.value);
}

/** kustomize sorts resources by kind; compare as sets, in a stable order. */
export function sorted(docs: unknown[]): unknown[] {
  const key = (doc: unknown) => {
    const { kind, metadata } = doc as { kind?: string; metadata?: { name?: string } };
    return `${kind}/${metadata?.name}`;
  };
  return [...docs].sort((a, b) => key(a).localeCompare(key(b)));
}
