// Rendered sources: finding the kustomization roots and charts of a scan, rendering each with
// the tool (concurrently with the checking of plain files), and checking what they render.
// A root that cannot be rendered is a `render` finding at its kustomization or chart, and its
// files are then checked one by one as if podlint did not render at all.
import fs from 'node:fs';
import path from 'node:path';
import type { FileSettings, FileOutcome } from '../check-file.js';
import { severityOf } from '../check-text.js';
import { spanOfPath, type Span } from '../manifest/parse.js';
import { quote } from '../quote.js';
import type { Finding, RenderedRoot } from '../types.js';
import { SourceFiles } from './files.js';
import { KUSTOMIZATION_NAMES, KustomizeGraph, kustomizeRoots, type Kustomization } from './kustomize/graph.js';
import { KustomizePlacement } from './kustomize/place.js';
import { buildKustomization } from './kustomize/render.js';
import { checkRenderedText } from './rendered.js';
import { findKustomize, type Tool, type ToolSetting } from './tools.js';

export const RENDER_RULE = 'render';

export interface RenderSettings {
  kustomize: ToolSetting;
  helm: ToolSetting;
  timeoutMs: number;
  /** Extra flags for every kustomize build (`--enable-helm`, `--load-restrictor …`). */
  kustomizeFlags: readonly string[];
  /** Where tools are looked up (PATH); the process's own by default. */
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_RENDER: RenderSettings = { kustomize: 'auto', helm: 'auto', timeoutMs: 30_000, kustomizeFlags: [] };

/** One rendered root, as a unit of work (`--shard` keeps it whole): its folder and its files. */
export interface RootUnit {
  kind: 'kustomize' | 'helm';
  /** Absolute folder. */
  dir: string;
  /** Absolute paths of the files it consumes (not checked again on their own). */
  files: Set<string>;
  kustomization?: Kustomization;
}

export interface RootPlan {
  units: RootUnit[];
  /** Roots that will not be rendered for want of the tool, by kind. */
  unrendered: { kustomize: RootUnit[]; helm: RootUnit[] };
  tools: { kustomize?: Tool; helm?: Tool };
  graph: KustomizeGraph;
  files: SourceFiles;
}

/** The repository: the nearest folder above cwd with `.git`, else cwd itself. */
export function repositoryRoot(cwd: string): string {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}

/** Folders among the scanned files that hold a kustomization. */
function kustomizationDirs(files: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const file of files) {
    const dir = path.dirname(file);
    if (KUSTOMIZATION_NAMES.includes(path.basename(file))) dirs.add(dir);
    else if (fs.existsSync(path.join(dir, 'Kustomization'))) dirs.add(dir);
  }
  return [...dirs].sort();
}

export async function planRoots(files: readonly string[], cwd: string, settings: RenderSettings, maxFileSize: number): Promise<RootPlan> {
  const repo = repositoryRoot(cwd);
  const graph = new KustomizeGraph(repo, maxFileSize);
  const plan: RootPlan = { units: [], unrendered: { kustomize: [], helm: [] }, tools: {}, graph, files: new SourceFiles(cwd, repo, maxFileSize) };
  const roots = kustomizeRoots(graph, kustomizationDirs(files));
  if (roots.length > 0) plan.tools.kustomize = await findKustomize(settings.kustomize, settings.env);
  for (const k of roots) {
    const unit: RootUnit = { kind: 'kustomize', dir: k.dir, files: graph.consumed(k), kustomization: k };
    (plan.tools.kustomize ? plan.units : plan.unrendered.kustomize).push(unit);
  }
  return plan;
}

export interface RootOutcome {
  unit: RootUnit;
  outcome: FileOutcome;
  rendered: RenderedRoot;
  /** The render failed: these files are checked one by one instead. */
  fallback?: string[];
}

export async function renderUnit(unit: RootUnit, plan: RootPlan, settings: RenderSettings, fileSettings: FileSettings): Promise<RootOutcome> {
  const started = Date.now();
  const root = plan.files.relative(unit.dir);
  const k = unit.kustomization!;
  const tool = plan.tools.kustomize!;
  const rendered: RenderedRoot = { kind: 'kustomize', root, tool: tool.label, millis: 0 };
  const empty: FileOutcome = { findings: [], suppressed: 0, checked: false, documents: 0, resources: 0, pods: 0 };
  const fail = (message: string, span: Span, file = k.file): RootOutcome => {
    rendered.millis = Date.now() - started;
    const severity = severityOf(RENDER_RULE, 'error', fileSettings.rules);
    const base = { unit, rendered, fallback: [...unit.files] };
    if (severity === 'off') return { ...base, outcome: empty };
    const finding: Finding = {
      rule: RENDER_RULE,
      severity,
      message: `kustomization ${quote(root)} cannot be rendered: ${message}; its files are checked one by one`,
      file: plan.files.relative(file),
      ...span,
      source: { kind: 'kustomize', root },
    };
    return { ...base, outcome: { ...empty, findings: [finding] } };
  };
  // Broken YAML (a bomb, say) is reported as yaml-syntax when the files are checked one by one;
  // what needs the network or leaves the repository is refused before kustomize runs.
  const closure = plan.graph.closure(k);
  if (closure.some((kz) => kz.broken)) {
    rendered.millis = Date.now() - started;
    return { unit, rendered, outcome: empty, fallback: [...unit.files] };
  }
  for (const kz of closure) {
    const bad = kz.unrenderable[0];
    if (bad) return fail(`${quote(bad.ref)} in ${plan.files.relative(kz.file)} is ${bad.why}`, entrySpan(kz, bad.at), kz.file);
  }
  const build = await buildKustomization(tool, unit.dir, { timeoutMs: settings.timeoutMs, maxBytes: fileSettings.maxFileSize * 4, flags: settings.kustomizeFlags });
  if (build.run.stopped === 'timeout') return fail(`${tool.label} took longer than ${settings.timeoutMs / 1000} s`, firstSpan());
  if (build.run.stopped === 'too-large') return fail(`the output is over ${fileSettings.maxFileSize * 4} bytes`, firstSpan());
  if (build.text === undefined) {
    const message = toolMessage(build.run.stderr, plan.files, build.wrapperRel, root);
    const entry = entryNamedIn(build.run.stderr, plan.graph.closure(k));
    return entry ? fail(message, entrySpan(entry.k, entry.at), entry.k.file) : fail(message, firstSpan());
  }
  const placement = new KustomizePlacement(k, plan.graph, plan.files, build.origins);
  const outcome = await checkRenderedText(build.text, `${root}/(kustomize build)`, placement, plan.files, fileSettings, { kind: 'kustomize', root });
  rendered.resources = outcome.resources;
  rendered.millis = Date.now() - started;
  return { unit, outcome, rendered };
}

function firstSpan(): Span {
  return { line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function entrySpan(k: Kustomization, at: readonly (string | number)[]): Span {
  return k.doc ? spanOfPath(k.parsed, k.doc, at) : firstSpan();
}

/**
 * The tool's own words, on one line: kubectl's log prefix dropped, the temporary wrapper's path
 * and absolute paths made relative, control characters and length bounded (it may quote a file).
 */
export function toolMessage(stderr: string, files: SourceFiles, wrapperRel?: string, rootRel?: string): string {
  // kubectl says it as `error: …`, or only through klog: `E1201 … err=<`, tab-indented lines, ` >`.
  const all = stderr.split('\n');
  const at = all.findIndex((l) => /^error:/i.test(l.trim()));
  const klog = all.findIndex((l) => /^[EWI]\d{4} .*err=<$/.test(l));
  let chosen: string[];
  if (at >= 0) chosen = all.slice(at).filter((l) => !/^[EWI]\d{4} /.test(l) && !l.startsWith('\t') && l.trim() !== '>');
  else if (klog >= 0) chosen = all.slice(klog + 1).filter((l, i, rest) => l.startsWith('\t') && !rest.slice(0, i).some((p) => p.trim() === '>'));
  else chosen = all.filter((l) => !/^[EWI]\d{4} /.test(l));
  let text = chosen.join(' ').replace(/^\s*(?:error:|Error:)\s*/, '').replace(/\s+/g, ' ').trim();
  if (text === '') text = 'the tool failed without a message';
  if (wrapperRel && rootRel) text = text.split(wrapperRel).join(rootRel);
  // Kustomize first tries a resource as a file, then as a folder, and nests both attempts'
  // words around the real cause: what follows the last "recursed accumulation of path" is it.
  text = text.replace(/^.*recursed accumulation of path '[^']*': /, '');
  text = text.replace(/\/[^\s'"]*podlint-(?:kustomize|helm)-[A-Za-z0-9]+\/?/g, '');
  text = text.replace(/(?:\/[^\s'":,)]+)+/g, (abs) => (path.isAbsolute(abs) ? files.relative(abs) : abs));
  text = text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, ' ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The entry of the kustomizations a message names (the longest reference it quotes). */
function entryNamedIn(message: string, chain: readonly Kustomization[]): { k: Kustomization; at: readonly (string | number)[] } | undefined {
  let best: { k: Kustomization; at: readonly (string | number)[]; length: number } | undefined;
  for (const k of chain) {
    for (const ref of [...k.patches, ...k.files, ...k.folders]) {
      if (message.includes(ref.ref) && (!best || ref.ref.length > best.length)) best = { k, at: ref.at, length: ref.ref.length };
    }
  }
  return best;
}
