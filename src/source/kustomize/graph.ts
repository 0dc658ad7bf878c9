// The kustomizations of a scan and what each one reads: resources, bases and components (other
// kustomizations), patches, generator inputs and configurations. From that: the *roots* (the
// kustomizations no other one in the scan uses), the files a root consumes (not checked again on
// their own), and the references that cannot be rendered offline (remote bases, paths out of the
// repository), found before kustomize runs so that it never reaches the network.
import path from 'node:path';
import type { Path } from '../../manifest/locate.js';
import { parseManifestText, type ParsedDocument, type ParsedFile } from '../../manifest/parse.js';
import { isObject, type PlainObject } from '../../manifest/resources.js';
import { readTextGuarded, realFolder } from '../../fs/read-file.js';
import type { RenderLimit } from '../render-limits.js';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface Reference {
  /** As written in the kustomization. */
  ref: string;
  abs: string;
  /** Where it is written: a path into the kustomization document. */
  at: Path;
}

export interface PatchRef extends Reference {
  /** `target:` of a `patches` entry, when it has one. */
  target?: PlainObject;
}

export interface Kustomization {
  dir: string;
  file: string;
  text: string;
  parsed: ParsedFile;
  doc?: ParsedDocument;
  value: PlainObject;
  isComponent: boolean;
  /** Folders it builds on: `resources`/`bases` folders and `components`. */
  folders: Reference[];
  /** Files it reads: resources, patches, generator inputs, configurations. */
  files: Reference[];
  patches: PatchRef[];
  /** Inline patches (`patch: |` text), by where they stand. */
  inlinePatches: { text: string; at: Path }[];
  /** Its own YAML is broken (a yaml-syntax finding says where): kustomize is not asked. */
  broken: boolean;
  /** What cannot be rendered offline or without leaving the repository, with why. */
  unrenderable: { ref: string; at: Path; why: string; limit: RenderLimit }[];
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|[?&]ref=/i;

export class KustomizeGraph {
  private readonly cache = new Map<string, Kustomization | null>();
  private readonly realRepo: string;

  /** `repo`: the folder nothing may be read outside of (the repository). */
  constructor(private readonly repo: string, private readonly maxBytes: number) {
    this.realRepo = realFolder(repo);
  }

  /** The kustomization of a folder, when it has one. */
  at(dir: string): Kustomization | undefined {
    if (!this.cache.has(dir)) this.cache.set(dir, this.read(dir) ?? null);
    return this.cache.get(dir) ?? undefined;
  }

  private read(dir: string): Kustomization | undefined {
    for (const name of KUSTOMIZATION_NAMES) {
      const file = path.join(dir, name);
      const read = readTextGuarded(file, { maxBytes: this.maxBytes, within: this.realRepo });
      if (!read.ok) continue;
      const parsed = parseManifestText(read.text, { version: '1.2' });
      const doc = parsed.documents[0];
      const value = isObject(doc?.value) ? doc.value : {};
      const k: Kustomization = {
        dir, file, text: read.text, parsed, doc, value,
        isComponent: value.kind === 'Component',
        broken: parsed.syntax.length > 0,
        folders: [], files: [], patches: [], inlinePatches: [], unrenderable: [],
      };
      this.collect(k);
      return k;
    }
    return undefined;
  }

  private collect(k: Kustomization): void {
    const v = k.value;
    const add = (ref: unknown, at: Path, role: 'resource' | 'file' | 'patch', target?: unknown) => {
      if (typeof ref !== 'string' || ref === '' || ref.includes('\n')) return;
      if (REMOTE.test(ref)) {
        k.unrenderable.push({ ref, at, why: 'a remote reference, which needs the network', limit: 'network' });
        return;
      }
      const abs = path.resolve(k.dir, ref);
      if (abs !== this.repo && !abs.startsWith(this.repo + path.sep)) {
        k.unrenderable.push({ ref, at, why: 'a path outside the repository', limit: 'outside' });
        return;
      }
      if (role === 'resource' && this.at(abs)) k.folders.push({ ref, abs, at });
      else if (role === 'patch') k.patches.push({ ref, abs, at, target: isObject(target) ? target : undefined });
      else k.files.push({ ref, abs, at });
    };
    const each = (key: string, fn: (item: unknown, at: Path) => void) => {
      const list = v[key];
      if (Array.isArray(list)) list.forEach((item, i) => fn(item, [key, i]));
    };
    for (const key of ['resources', 'bases', 'components']) each(key, (item, at) => add(item, at, 'resource'));
    each('patches', (item, at) => {
      if (typeof item === 'string') add(item, at, 'patch');
      else if (isObject(item)) {
        if (typeof item.path === 'string') add(item.path, [...at, 'path'], 'patch', item.target);
        else if (typeof item.patch === 'string') k.inlinePatches.push({ text: item.patch, at: [...at, 'patch'] });
      }
    });
    each('patchesStrategicMerge', (item, at) => {
      if (typeof item === 'string' && !item.includes('\n')) add(item, at, 'patch');
      else if (typeof item === 'string') k.inlinePatches.push({ text: item, at });
    });
    each('patchesJson6902', (item, at) => {
      if (isObject(item) && typeof item.path === 'string') add(item.path, [...at, 'path'], 'patch', item.target);
    });
    for (const key of ['crds', 'configurations', 'transformers', 'generators', 'validators']) each(key, (item, at) => add(item, at, 'file'));
    each('replacements', (item, at) => {
      if (isObject(item) && typeof item.path === 'string') add(item.path, [...at, 'path'], 'file');
    });
    for (const key of ['configMapGenerator', 'secretGenerator']) {
      each(key, (gen, at) => {
        if (!isObject(gen)) return;
        for (const list of ['files', 'envs']) {
          if (!Array.isArray(gen[list])) continue;
          (gen[list] as unknown[]).forEach((entry, i) => {
            if (typeof entry === 'string') add(entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry, [...at, list, i], 'file');
          });
        }
        if (typeof gen.env === 'string') add(gen.env, [...at, 'env'], 'file');
      });
    }
    if (Array.isArray(v.helmCharts) && v.helmCharts.length > 0) {
      k.unrenderable.push({ ref: 'helmCharts', at: ['helmCharts'], why: 'helmCharts, which kustomize pulls from a chart repository (needs --enable-helm and the network)', limit: 'network' });
    }
  }

  /** Every kustomization a root builds on, itself first, each once (cycles are kustomize's to report). */
  closure(root: Kustomization): Kustomization[] {
    const seen = new Set<string>();
    const order: Kustomization[] = [];
    const visit = (k: Kustomization) => {
      if (seen.has(k.dir)) return;
      seen.add(k.dir);
      order.push(k);
      for (const folder of k.folders) {
        const next = this.at(folder.abs);
        if (next) visit(next);
      }
    };
    visit(root);
    return order;
  }

  /** The files a root reads, its kustomization files included. */
  consumed(root: Kustomization): Set<string> {
    const files = new Set<string>();
    for (const k of this.closure(root)) {
      files.add(k.file);
      for (const ref of [...k.files, ...k.patches]) files.add(ref.abs);
    }
    return files;
  }
}

/** The kustomizations among `dirs` that no other one of them uses; components are never roots. */
export function kustomizeRoots(graph: KustomizeGraph, dirs: Iterable<string>): Kustomization[] {
  const found = [...new Set(dirs)].map((d) => graph.at(d)).filter((k): k is Kustomization => k !== undefined);
  const used = new Set<string>();
  for (const k of found) for (const other of graph.closure(k).slice(1)) used.add(other.dir);
  return found.filter((k) => !k.isComponent && !used.has(k.dir));
}
