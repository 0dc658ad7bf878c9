// Where a finding in kustomize's output belongs in the repository. Kustomize drops comments,
// sorts keys and reorders lists, so positions in its output mean nothing to a reviewer. Each
// rendered resource names its origin file (origin annotations); a node is looked up again there,
// list items by their merge key:
//   1. the patch that set it, when a patch holds the same value at that place (the outer
//      kustomization's patches first: they were applied last);
//   2. the origin file, when its value there is what was rendered;
//   3. an `images:` entry of a kustomization, when that is what changed an image;
//   4. else the deepest node found in the origin or a patch, marked approximate.
import type { Placed, Placement } from '../../check-text.js';
import type { Path } from '../../manifest/locate.js';
import { spanOfPath, type ParsedDocument, type Span } from '../../manifest/parse.js';
import { isObject, podSpecOf, resourcesOf, type PlainObject, type Resource } from '../../manifest/resources.js';
import type { SourceFile, SourceFiles } from '../files.js';
import { keyedSteps, resolveSteps, sameValue } from '../paths.js';
import type { Kustomization, KustomizeGraph } from './graph.js';
import type { Origin } from './render.js';

interface Candidate {
  file: SourceFile;
  docIndex: number;
  /** From the document's root to where `value` stands. */
  base: Path;
  value: unknown;
  /** Steps of the rendered path that `value` already stands for (a JSON patch op's path). */
  skip: number;
  role: 'origin' | 'patch';
  resource?: Resource;
  /** A JSON 6902 op's path: the op applies only to nodes under it. */
  pointer?: string[];
}

export class KustomizePlacement implements Placement {
  readonly readsSuppressions = true;
  private readonly candidates = new Map<number, Candidate[]>();
  private readonly chain: Kustomization[];

  constructor(
    private readonly root: Kustomization,
    graph: KustomizeGraph,
    private readonly files: SourceFiles,
    private readonly origins: readonly Origin[],
  ) {
    this.chain = graph.closure(root);
  }

  place(doc: ParsedDocument, path: Path, _span: Span): Placed {
    const steps = keyedSteps(doc.value, path);
    const rendered = resolveSteps(doc.value, steps);
    const candidates = this.candidatesOf(doc);
    let best: { c: Candidate; path: Path; depth: number } | undefined;
    for (const c of candidates) {
      if (c.pointer && !pointerCovers(c.pointer, path)) continue;
      const r = resolveSteps(c.value, steps.slice(c.skip));
      const depth = r.depth + c.skip;
      if (depth === rendered.depth && sameValue(r.value, rendered.value)) return this.at(c, r.path, false);
      if (!best || depth > best.depth || (depth === best.depth && c.role === 'origin' && best.c.role !== 'origin')) best = { c, path: r.path, depth };
    }
    const image = this.imageEntry(path, rendered.value, candidates);
    if (image) return image;
    if (best) return this.at(best.c, best.path, true);
    const origin = this.origins[doc.index];
    const file = this.files.get(origin?.configuredIn ?? origin?.file ?? this.root.file) ?? this.files.get(this.root.file);
    const firstLine: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { file: file?.rel ?? this.files.relative(this.root.file), span: firstLine, approximate: true };
  }

  /** Kustomize writes valid YAML; should it not, the kustomization is the place to look. */
  placeLine(): Placed {
    return { file: this.files.relative(this.root.file), span: { line: 1, column: 1, endLine: 1, endColumn: 1 }, approximate: true };
  }

  primaryContainer(doc: ParsedDocument): string | undefined {
    const origin = this.candidatesOf(doc).find((c) => c.role === 'origin');
    const site = origin?.resource ? podSpecOf(origin.resource) : undefined;
    const first: unknown = Array.isArray(site?.spec.containers) ? site.spec.containers[0] : undefined;
    return isObject(first) && typeof first.name === 'string' ? first.name : undefined;
  }

  private at(c: Candidate, path: Path, approximate: boolean): Placed {
    const doc = c.file.parsed.documents[c.docIndex]!;
    const placed: Placed = { file: c.file.rel, span: spanOfPath(c.file.parsed, doc, [...c.base, ...path]) };
    if (approximate) placed.approximate = true;
    return placed;
  }

  /** The patches that may touch the rendered resource (latest applied first), then its origin. */
  private candidatesOf(doc: ParsedDocument): Candidate[] {
    let list = this.candidates.get(doc.index);
    if (list) return list;
    list = [];
    const rendered = resourcesOf(doc.value)[0];
    if (rendered) {
      for (const k of this.chain) {
        for (const patch of [...k.patches].reverse()) {
          const file = this.files.get(patch.abs);
          if (file) list.push(...patchCandidates(file, rendered, patch.target));
        }
      }
      const originFile = this.origins[doc.index]?.file;
      const file = originFile ? this.files.get(originFile) : undefined;
      const origin = file ? findResource(file, rendered) : undefined;
      if (file && origin) list.push({ file, docIndex: origin.docIndex, base: origin.resource.path, value: origin.resource.value, skip: 0, role: 'origin', resource: origin.resource });
    }
    this.candidates.set(doc.index, list);
    return list;
  }

  /** An `images:` entry (newTag, digest, newName) that turned the origin's image into this one. */
  private imageEntry(path: Path, rendered: unknown, candidates: Candidate[]): Placed | undefined {
    if (path[path.length - 1] !== 'image' || typeof rendered !== 'string') return undefined;
    const origin = candidates.find((c) => c.role === 'origin');
    // The origin has the same shape as the rendered resource, so its own keys find the container.
    const originImage = origin ? resolveSteps(origin.value, keyedSteps(origin.value, path)).value : undefined;
    const names = new Set([repositoryOf(rendered), ...(typeof originImage === 'string' ? [repositoryOf(originImage)] : [])]);
    for (const k of this.chain) {
      const images = k.value.images;
      if (!Array.isArray(images) || !k.doc) continue;
      for (let i = 0; i < images.length; i++) {
        const entry: unknown = images[i];
        if (!isObject(entry) || typeof entry.name !== 'string') continue;
        if (!names.has(entry.name) && !(typeof entry.newName === 'string' && names.has(entry.newName))) continue;
        const key = ['newTag', 'digest', 'newName'].find((f) => entry[f] !== undefined);
        const at: Path = key ? ['images', i, key] : ['images', i];
        return { file: this.files.relative(k.file), span: spanOfPath(k.parsed, k.doc, at) };
      }
    }
    return undefined;
  }
}

function pointerCovers(pointer: readonly string[], path: Path): boolean {
  return pointer.length <= path.length && pointer.every((segment, i) => segment === '-' || segment === String(path[i]));
}

/** `registry/app:1.0@sha256:…` → `registry/app`. */
export function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0]!;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

/** Kustomize's prefixes, suffixes and hashes only add to a name: the source name is inside it. */
function nameMatches(renderedName: string | undefined, sourceName: unknown): boolean {
  if (typeof sourceName !== 'string' || renderedName === undefined) return sourceName === undefined;
  return renderedName === sourceName || renderedName.includes(sourceName);
}

function findResource(file: SourceFile, rendered: Resource): { docIndex: number; resource: Resource } | undefined {
  let best: { docIndex: number; resource: Resource; score: number } | undefined;
  file.resources.forEach((list, docIndex) => {
    for (const resource of list) {
      if (resource.kind !== rendered.kind) continue;
      const score = resource.name === rendered.name ? 3 : nameMatches(rendered.name, resource.name) ? 2 + (resource.name?.length ?? 0) / 1000 : 1;
      if (!best || score > best.score) best = { docIndex, resource, score };
    }
  });
  return best;
}

function patchCandidates(file: SourceFile, rendered: Resource, target?: PlainObject): Candidate[] {
  if (target) {
    if (typeof target.kind === 'string' && target.kind !== rendered.kind) return [];
    // (`name` is a regular expression to kustomize; a plain name, which it nearly always is, is
    // matched as text: a pattern from a repository is never run here.)
    if (typeof target.name === 'string' && !nameMatches(rendered.name, target.name)) return [];
  }
  const found: Candidate[] = [];
  file.parsed.documents.forEach((doc, docIndex) => {
    if (Array.isArray(doc.value)) {
      // A JSON 6902 patch: each op that sets a value at a path.
      if (!target) return;
      doc.value.forEach((op: unknown, i) => {
        if (!isObject(op) || typeof op.path !== 'string' || !('value' in op)) return;
        found.push(...jsonOpCandidate(file, docIndex, i, op.path, op.value));
      });
      return;
    }
    for (const resource of file.resources[docIndex] ?? []) {
      if (!target && (resource.kind !== rendered.kind || !nameMatches(rendered.name, resource.name))) continue;
      found.push({ file, docIndex, base: resource.path, value: resource.value, skip: 0, role: 'patch' });
    }
    if (target && (file.resources[docIndex] ?? []).length === 0 && isObject(doc.value)) {
      // A patch with a target may leave out apiVersion and kind.
      found.push({ file, docIndex, base: [], value: doc.value, skip: 0, role: 'patch' });
    }
  });
  return found;
}

/** A JSON patch op stands for the steps of its pointer; the rest is looked up in its value. */
function jsonOpCandidate(file: SourceFile, docIndex: number, opIndex: number, pointer: string, value: unknown): Candidate[] {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.length === 0) return [];
  return [{ file, docIndex, base: [opIndex, 'value'], value, skip: segments.length, role: 'patch', pointer: segments }];
}
