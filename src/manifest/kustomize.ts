// Which files are partial objects: kustomize patches. A patch holds only what it changes, so the
// checks that need the whole object (declared volumes, required fields) must not run on it.
//
// A patch is a file that a kustomization beside it (or in a folder above it) names under
// `patches` or `patchesStrategicMerge`. A patch often travels without its kustomization (an
// example folder, a `kubectl patch --patch-file` input), so a file whose name says it is a patch
// (`*-patch.yaml`, `*.patch.yaml`, a `patches/` folder) counts as one too: checked as a whole
// object it could only yield false "undeclared volume" errors, and users learn to ignore a linter
// that cries wolf. A document that carries a `$patch` directive is a patch whatever its name.
// KRM functions take patches the same way: a file that a config beside it lists under a key
// such as `resourcePatches` or `containerPatches` is one too.
import fs from 'node:fs';
import path from 'node:path';
import { decode } from '../fs/decode.js';
import { isInside, readFileGuarded, realFolder, type ReadRefusal } from '../fs/read-file.js';
import type { RunProblem } from '../types.js';
import { toRelative } from './discover.js';
import { parseFast } from './fast-parse.js';
import { parseManifestText } from './parse.js';
import { isObject } from './resources.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const PATCH_NAME = /(^|[-_.])patch(es)?([-_.]|$)/i;
const PATCH_FOLDER = /^patch(es)?$/i;

/** What a kustomization file held: its objects, or why it could not be read. */
type KustomizationRead = { values: Record<string, unknown>[] } | { refusal: ReadRefusal; message: string };

/**
 * The folders and kustomizations the indexes below look at, each listed or read once for both:
 * a folder's names come from one readdir (no probe for each of the three kustomization names in
 * every folder), and a kustomization is parsed once, however many files below it ask.
 */
export class KustomizeFolders {
  private readonly listings = new Map<string, string[] | undefined>();
  private readonly kustomizationReads = new Map<string, KustomizationRead | undefined>();
  private readonly realStop: string;

  /** `stopAt`: the repository (the working directory); `maxBytes`: the size limit of a file; `listings`: folders already listed (discover.ts). */
  constructor(
    readonly stopAt: string,
    readonly maxBytes: number,
    listings?: ReadonlyMap<string, string[]>,
  ) {
    this.realStop = realFolder(stopAt);
    for (const [dir, names] of listings ?? []) this.listings.set(dir, names);
  }

  /** The folder's entry names, or undefined when it cannot be listed. */
  names(dir: string): string[] | undefined {
    if (!this.listings.has(dir)) {
      let names: string[] | undefined;
      try {
        names = fs.readdirSync(dir);
      } catch {
        names = undefined;
      }
      this.listings.set(dir, names);
    }
    return this.listings.get(dir);
  }

  /** The real folder a file of `dir` must stay inside. */
  within(dir: string): string {
    // Inside the repository; one found beside a file named outside it stays in its own folder.
    return isInside(dir, this.stopAt) ? this.realStop : realFolder(dir);
  }

  /** The folder's kustomization files that are there, in KUSTOMIZATION_NAMES order (kustomize allows one). */
  kustomizations(dir: string): { file: string; read: KustomizationRead }[] {
    const names = this.names(dir);
    const found: { file: string; read: KustomizationRead }[] = [];
    for (const name of KUSTOMIZATION_NAMES) {
      // An unlistable folder is probed name by name.
      if (names !== undefined && !names.includes(name)) continue;
      const file = path.join(dir, name);
      if (!this.kustomizationReads.has(file)) this.kustomizationReads.set(file, this.read(file));
      const read = this.kustomizationReads.get(file);
      if (read) found.push({ file, read });
    }
    return found;
  }

  private read(file: string): KustomizationRead | undefined {
    const read = readFileGuarded(file, { maxBytes: this.maxBytes, within: this.within(path.dirname(file)) });
    if (!read.ok) return read.why === 'missing' ? undefined : { refusal: read.why, message: read.message };
    const text = decode(read.buffer);
    // Binary: names nothing. Otherwise read like any manifest: a broken or hostile kustomization
    // names nothing, it never stops the run (its own problems are reported when it is linted).
    if (text === undefined) return { values: [] };
    return { values: plainDocuments(text).filter(isObject) };
  }
}

/** The documents of a small YAML file as plain data: the fast reader, or the full one where it declines. */
function plainDocuments(text: string): unknown[] {
  const fast = parseFast(text);
  return fast.ok ? fast.parsed.values : parseManifestText(text).documents.map((d) => d.value);
}

export class PatchIndex {
  private readonly named = new Set<string>();
  private readonly searched = new Set<string>();
  /** Kustomizations that are there but could not be read (a FIFO, a link out of the repository). */
  readonly problems: RunProblem[] = [];

  /**
   * `selfReporting`: files whose own check says which files they name as a function config
   * (functionConfigPatches, on the bytes the check reads anyway): the search below passes over
   * them instead of reading every small file of a folder a second time.
   */
  constructor(
    private readonly folders: KustomizeFolders,
    private readonly selfReporting: ReadonlySet<string> = new Set(),
  ) {}

  /** Whether the file (an absolute path) is a patch by a kustomization or by its name. */
  isPatch(file: string): boolean {
    this.searchAbove(path.dirname(file));
    this.searchFunctionConfigs(path.dirname(file));
    if (this.named.has(file)) return true;
    const base = path.basename(file).replace(/\.(ya?ml|json)$/i, '');
    return PATCH_NAME.test(base) || PATCH_FOLDER.test(path.basename(path.dirname(file)));
  }

  /**
   * KRM function configs in the folder: small YAML files with a `…Patches:` list of file names.
   * Only files that say `Patches:` somewhere are parsed, so a folder of plain manifests costs a read.
   */
  private searchFunctionConfigs(dir: string): void {
    const key = `fn:${dir}`;
    if (this.searched.has(key)) return;
    this.searched.add(key);
    const names = this.folders.names(dir)?.filter((n) => isFunctionConfigName(n) && !this.selfReporting.has(path.join(dir, n)));
    if (!names) return;
    const within = this.folders.within(dir);
    for (const name of names) {
      const file = path.join(dir, name);
      const read = readFileGuarded(file, { maxBytes: Math.min(this.folders.maxBytes, FUNCTION_CONFIG_BYTES), within });
      // Too large for a function config, or not a regular file: not one.
      if (read.ok) for (const ref of functionConfigPatches(file, read.buffer)) this.named.add(ref);
    }
  }

  /** Reads every kustomization in the folder and the folders above it, up to `stopAt`. */
  private searchAbove(dir: string): void {
    for (let current = dir; ; current = path.dirname(current)) {
      if (this.searched.has(current)) return;
      this.searched.add(current);
      this.readKustomizations(current);
      const parent = path.dirname(current);
      const { stopAt } = this.folders;
      if (parent === current || current === stopAt || !current.startsWith(stopAt)) return;
    }
  }

  private readKustomizations(dir: string): void {
    for (const { file, read } of this.folders.kustomizations(dir)) {
      if ('refusal' in read) this.problems.push({ file: toRelative(this.folders.stopAt, file), message: `kustomization ${read.message}` });
      else for (const value of read.values) for (const ref of patchFiles(value)) this.named.add(path.resolve(dir, ref));
    }
  }
}

/** A UTF-16 byte-order mark: such text must be decoded before it can be searched. */
function hasUtf16Mark(buffer: Buffer): boolean {
  return buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff));
}

/** Function configs are a few lines; a larger file is a manifest, not worth reading twice. */
const FUNCTION_CONFIG_BYTES = 64 * 1024;
const FUNCTION_PATCH_KEY = /^\s*[a-z][A-Za-z0-9]*Patches:/m;

function isFunctionConfigName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !KUSTOMIZATION_NAMES.includes(name);
}

/**
 * The files (absolute paths) a KRM function config names as patches, given its bytes; none when
 * it is no function config. Nearly every file lacks the word `Patches:`: not worth decoding
 * (UTF-16, rarer still, is decoded).
 */
export function functionConfigPatches(file: string, buffer: Buffer): string[] {
  if (buffer.length > FUNCTION_CONFIG_BYTES || !isFunctionConfigName(path.basename(file))) return [];
  if (!buffer.includes('Patches:') && !hasUtf16Mark(buffer)) return [];
  const text = decode(buffer);
  if (text === undefined || !FUNCTION_PATCH_KEY.test(text)) return [];
  const dir = path.dirname(file);
  const refs: string[] = [];
  for (const value of plainDocuments(text)) {
    if (isObject(value)) for (const ref of functionPatchFiles(value)) refs.push(path.resolve(dir, ref));
  }
  return refs;
}

/** File names listed under a `…Patches` key anywhere in a function config (two levels deep at most). */
function functionPatchFiles(value: Record<string, unknown>, depth = 0): string[] {
  const refs: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (/^[a-z][A-Za-z0-9]*Patches$/.test(k) && Array.isArray(v)) {
      for (const entry of v) if (typeof entry === 'string' && /\.(ya?ml|json)$/i.test(entry) && !entry.includes('\n')) refs.push(entry);
    } else if (isObject(v) && depth < 2) refs.push(...functionPatchFiles(v, depth + 1));
  }
  return refs;
}

/** Paths of the patch files a kustomization names; inline patches are left out. */
function patchFiles(kustomization: Record<string, unknown>): string[] {
  const refs: string[] = [];
  const { patches, patchesStrategicMerge } = kustomization;
  if (Array.isArray(patches)) {
    for (const entry of patches) {
      if (typeof entry === 'string') refs.push(entry);
      else if (isObject(entry) && typeof entry.path === 'string') refs.push(entry.path);
    }
  }
  if (Array.isArray(patchesStrategicMerge)) {
    for (const entry of patchesStrategicMerge) {
      if (typeof entry === 'string' && !entry.includes('\n')) refs.push(entry);
    }
  }
  return refs;
}

/** A strategic-merge `$patch` directive anywhere in the object marks it as a patch. */
export function hasPatchDirective(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => hasPatchDirective(item, depth + 1));
  if (!isObject(value)) return false;
  if ('$patch' in value) return true;
  return Object.values(value).some((item) => hasPatchDirective(item, depth + 1));
}

/**
 * Files whose selectors a kustomization writes: `commonLabels`, or a `labels` entry with
 * `includeSelectors: true`, adds its labels to the selector of every resource it lists (and of
 * the bases it lists, in turn), creating the selector where there is none. Checked one by one
 * (no kustomize to render them), such a file rightly has no `selector` of its own, so a missing
 * selector is not reported on it; everything else is still checked. (Kept here, small, until the
 * rendered kustomization is the only way such files are read.)
 */
export class SelectorLabelIndex {
  private readonly files = new Set<string>();
  private readonly visited = new Set<string>();

  /** `kustomizations`: the kustomization files of the scan (absolute paths). */
  constructor(
    kustomizations: readonly string[],
    private readonly folders: KustomizeFolders,
  ) {
    for (const file of kustomizations) this.visit(path.dirname(file), false, 0);
  }

  /** Whether a kustomization adds selector labels to the file (an absolute path). */
  has(file: string): boolean {
    // A file linted on its own: its folder's kustomization and those above it count too.
    const { stopAt } = this.folders;
    for (let current = path.dirname(file); ; current = path.dirname(current)) {
      this.visit(current, false, 0);
      if (current === stopAt || !isInside(current, stopAt) || path.dirname(current) === current) break;
    }
    return this.files.has(file);
  }

  private visit(dir: string, inherited: boolean, depth: number): void {
    const key = `${inherited ? '+' : '-'}${dir}`;
    if (depth > 16 || this.visited.has(key)) return;
    this.visited.add(key);
    for (const kustomization of this.kustomizationsIn(dir)) {
      const adds = inherited || addsSelectorLabels(kustomization);
      if (!adds) continue;
      for (const entry of listedResources(kustomization)) {
        const target = path.resolve(dir, entry);
        let isDir = false;
        try {
          isDir = fs.statSync(target).isDirectory();
        } catch {
          continue; // named but not there: kustomize's error, not ours
        }
        if (isDir) this.visit(target, true, depth + 1);
        else this.files.add(target);
      }
    }
  }

  private kustomizationsIn(dir: string): Record<string, unknown>[] {
    // (PatchIndex reports one that is there but cannot be read.)
    for (const { read } of this.folders.kustomizations(dir)) if ('values' in read) return read.values;
    return [];
  }
}

function addsSelectorLabels(kustomization: Record<string, unknown>): boolean {
  const { commonLabels, labels } = kustomization;
  if (isObject(commonLabels) && Object.keys(commonLabels).length > 0) return true;
  return Array.isArray(labels) && labels.some((l) => isObject(l) && l.includeSelectors === true && isObject(l.pairs) && Object.keys(l.pairs).length > 0);
}

/** Local files and folders under `resources` (and the older `bases`); URLs are left out. */
function listedResources(kustomization: Record<string, unknown>): string[] {
  const entries = [kustomization.resources, kustomization.bases].flatMap((list) => (Array.isArray(list) ? list : []));
  return entries.filter((e): e is string => typeof e === 'string' && e !== '' && !/^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//i.test(e));
}

export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_NAMES.includes(path.basename(file));
}
