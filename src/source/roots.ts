// Rendered sources: finding the kustomization roots and charts of a scan, rendering each with
// the tool (concurrently with the checking of plain files), and checking what they render.
// A root that cannot be rendered is a `render` finding at its kustomization or chart, and its
// files are then checked one by one as if podlint did not render at all.
import fs from 'node:fs';
import path from 'node:path';
import { detachCrd, detachOutcome, type FileSettings, type FileOutcome } from '../check-file.js';
import { severityOf } from '../check-text.js';
import { spanOfPath, type Span } from '../manifest/parse.js';
import { quote } from '../quote.js';
import type { Finding, RenderedRoot } from '../types.js';
import { SourceFiles } from './files.js';
import { KUSTOMIZATION_NAMES, KustomizeGraph, kustomizeRoots, type Kustomization } from './kustomize/graph.js';
import { KustomizePlacement } from './kustomize/place.js';
import { buildKustomization } from './kustomize/render.js';
import { checkRenderedText } from './rendered.js';
import { findHelm, findKustomize, type Tool, type ToolSetting } from './tools.js';
import { copyChart, findCharts, type Chart } from './helm/chart.js';
import { HelmPlacement } from './helm/place.js';
import { chartSourceResolver, errorLocation, renderChart, type ChartValues } from './helm/render.js';
import { limitOfMessage, type LimitedRoot, type RenderLimit } from './render-limits.js';
import type { ToolRun } from './run-tool.js';

export const RENDER_RULE = 'render';

export interface RenderSettings {
  kustomize: ToolSetting;
  helm: ToolSetting;
  timeoutMs: number;
  /** Extra flags for every kustomize build (`--enable-helm`, `--load-restrictor …`). */
  kustomizeFlags: readonly string[];
  /** Values per chart, by the chart's folder relative to cwd. */
  charts?: Readonly<Record<string, ChartValues>>;
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
  chart?: Chart;
}

export interface RootPlan {
  units: RootUnit[];
  /** Roots that will not be rendered for want of the tool, by kind. */
  unrendered: { kustomize: RootUnit[]; helm: RootUnit[] };
  tools: { kustomize?: Tool; helm?: Tool };
  graph: KustomizeGraph;
  files: SourceFiles;
  repo: string;
  /** Library charts: nothing to render, their templates are helpers. */
  libraries: RootUnit[];
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
  const plan: RootPlan = { units: [], unrendered: { kustomize: [], helm: [] }, tools: {}, graph, files: new SourceFiles(cwd, repo, maxFileSize), repo, libraries: [] };
  const roots = kustomizeRoots(graph, kustomizationDirs(files));
  if (roots.length > 0) plan.tools.kustomize = await findKustomize(settings.kustomize, settings.env);
  for (const k of roots) {
    const unit: RootUnit = { kind: 'kustomize', dir: k.dir, files: graph.consumed(k), kustomization: k };
    (plan.tools.kustomize ? plan.units : plan.unrendered.kustomize).push(unit);
  }
  const charts = findCharts(files, repo, maxFileSize);
  if (charts.some((c) => !c.library)) plan.tools.helm = await findHelm(settings.helm, settings.env);
  for (const chart of charts) {
    const inside = files.filter((f) => f.startsWith(chart.dir + path.sep));
    const unit: RootUnit = { kind: 'helm', dir: chart.dir, files: new Set(inside), chart };
    if (chart.library) plan.libraries.push(unit);
    else (plan.tools.helm ? plan.units : plan.unrendered.helm).push(unit);
  }
  return plan;
}

export interface RootOutcome {
  unit: RootUnit;
  outcome: FileOutcome;
  rendered: RenderedRoot;
  /** The render failed: these files are checked one by one instead. */
  fallback?: string[];
  /** The render failed: these templates are listed as skipped (no manifest until rendered). */
  fallbackSkipped?: string[];
  /** Not rendered for where podlint renders (offline, no plugins): a notice, not a finding. */
  limited?: LimitedRoot;
}

export async function renderUnit(unit: RootUnit, plan: RootPlan, settings: RenderSettings, fileSettings: FileSettings): Promise<RootOutcome> {
  const started = Date.now();
  const root = plan.files.relative(unit.dir);
  const tool = unit.kind === 'helm' ? plan.tools.helm! : plan.tools.kustomize!;
  const rendered: RenderedRoot = { kind: unit.kind, root, tool: tool.label, millis: 0 };
  const what = unit.kind === 'helm' ? 'chart' : 'kustomization';
  // A root that did not render: its files are checked one by one (its templates skipped).
  const notRendered = (): Omit<RootOutcome, 'outcome'> => {
    rendered.millis = Date.now() - started;
    return { unit, rendered, fallback: [...unit.files], ...(unit.chart ? { fallbackSkipped: templatesOf(unit) } : {}) };
  };
  const fail = (message: string, span: Span, file: string): RootOutcome => {
    const base = notRendered();
    const severity = severityOf(RENDER_RULE, 'error', fileSettings.rules);
    if (severity === 'off') return { ...base, outcome: EMPTY };
    const finding: Finding = {
      rule: RENDER_RULE,
      severity,
      message: `${what} ${quote(root)} cannot be rendered: ${message}; its files are checked one by one`,
      file: plan.files.relative(file),
      ...span,
      source: { kind: unit.kind, root },
    };
    return { ...base, outcome: { ...EMPTY, findings: [finding] } };
  };
  /** `named`: what the entry at `file`:`span` asks for (a URL, a dependency), as printed. */
  const limited = (limit: RenderLimit, span: Span, file: string, named?: string): RootOutcome => ({
    ...notRendered(),
    outcome: EMPTY,
    limited: { limit, kind: unit.kind, root, where: `${plan.files.relative(file)}:${span.line}`, ...(named ? { what: named } : {}) },
  });
  const done = (check: () => Promise<FileOutcome>): Promise<RootOutcome> => {
    rendered.millis = Date.now() - started;
    const checking = Date.now();
    return check().then(({ crds, ...outcome }) => {
      rendered.resources = outcome.resources;
      rendered.checkMillis = Date.now() - checking;
      // Kept until the report: not with the rendered text behind it (detachOutcome).
      const kept = detachOutcome(outcome);
      if (crds?.length) kept.crds = crds.map(detachCrd);
      return { unit, outcome: kept, rendered };
    });
  };
  if (unit.chart) return renderHelm(unit, unit.chart, tool, plan, settings, fileSettings, fail, limited, done);
  const k = unit.kustomization!;
  // Broken YAML (a bomb, say) is reported as yaml-syntax when the files are checked one by one;
  // what needs the network or leaves the repository is refused before kustomize runs.
  const closure = plan.graph.closure(k);
  if (closure.some((kz) => kz.broken)) {
    rendered.millis = Date.now() - started;
    return { unit, rendered, outcome: EMPTY, fallback: [...unit.files] };
  }
  // With --enable-helm kustomize may find the charts helmCharts names vendored: it is let try.
  const enableHelm = settings.kustomizeFlags.some((f) => /^--enable-helm(=true)?$/.test(f));
  for (const kz of closure) {
    const bad = kz.unrenderable.find((u) => !(enableHelm && u.ref === 'helmCharts'));
    if (bad) return limited(bad.limit, entrySpan(kz, bad.at), kz.file, quote(bad.ref));
  }
  const limit = fileSettings.maxFileSize * 4;
  const options = { timeoutMs: settings.timeoutMs, maxBytes: limit, flags: settings.kustomizeFlags };
  let build = await buildKustomization(tool, unit.dir, options);
  // A failure without a word is not kustomize judging the tree (it always says why): once more.
  if (build.text === undefined && !build.run.stopped && build.run.stderr.trim() === '') build = await buildKustomization(tool, unit.dir, options);
  const stopped = stoppedMessage(build.run, tool, settings, limit);
  if (stopped) return fail(stopped, firstSpan(), k.file);
  if (build.text === undefined) {
    const message = toolMessage(build.run.stderr, plan.files, build.wrapperRel, root, build.run.code);
    const entry = entryNamedIn(build.run.stderr, plan.graph.closure(k));
    const span = entry ? entrySpan(entry.k, entry.at) : firstSpan();
    const file = entry ? entry.k.file : k.file;
    const limit = limitOfMessage(build.run.stderr);
    return limit ? limited(limit, span, file, entry ? quote(entry.ref) : undefined) : fail(message, span, file);
  }
  const placement = new KustomizePlacement(k, plan.graph, plan.files, build.origins);
  return done(() => checkRenderedText(build.text!, `${root}/(kustomize build)`, placement, plan.files, fileSettings, { kind: 'kustomize', root }));
}

/** A chart's templates (its subcharts' included): nothing to check until helm renders them. */
function templatesOf(unit: RootUnit): string[] {
  return [...unit.files].filter((f) => /(^|[\\/])(templates|charts)[\\/]/.test(path.relative(unit.dir, f)));
}

const EMPTY: FileOutcome = { findings: [], suppressed: 0, checked: false, documents: 0, resources: 0, pods: 0 };

function stoppedMessage(run: ToolRun, tool: Tool, settings: RenderSettings, limit: number): string | undefined {
  if (run.stopped === 'timeout') return `${tool.label} took longer than ${settings.timeoutMs / 1000} s`;
  if (run.stopped === 'too-large') return `the output is over ${limit} bytes`;
  if (run.code === null) return `${tool.label} could not be run: ${run.stderr.replace(/[\x00-\x1f]/g, ' ').slice(0, 200)}`;
  return undefined;
}

async function renderHelm(
  unit: RootUnit,
  chart: Chart,
  tool: Tool,
  plan: RootPlan,
  settings: RenderSettings,
  fileSettings: FileSettings,
  fail: (message: string, span: Span, file: string) => RootOutcome,
  limited: (limit: RenderLimit, span: Span, file: string, named?: string) => RootOutcome,
  done: (check: () => Promise<FileOutcome>) => Promise<RootOutcome>,
): Promise<RootOutcome> {
  const root = plan.files.relative(unit.dir);
  const copy = copyChart(chart, plan.repo, fileSettings.maxFileSize);
  try {
    if (copy.missing) {
      const dep = copy.missing;
      const span = chart.doc ? spanOfPath(chart.parsed, chart.doc, dep.at) : firstSpan();
      return limited('dependency', span, chart.file, dep.repository ? `${quote(dep.name)} from ${quote(dep.repository)}` : quote(dep.name));
    }
    const limit = fileSettings.maxFileSize * 4;
    const values = settings.charts?.[root] ?? {};
    const run = await renderChart(tool, chart, copy, { ...values, timeoutMs: settings.timeoutMs, maxBytes: limit, repo: plan.repo, maxFileSize: fileSettings.maxFileSize });
    if (run.unreadable) return fail(`the values file ${quote(plan.files.relative(run.unreadable))} cannot be read inside the repository`, firstSpan(), chart.file);
    const stopped = stoppedMessage(run.run, tool, settings, limit);
    if (stopped) return fail(stopped, firstSpan(), chart.file);
    const resolve = chartSourceResolver(chart, copy, (abs) => plan.files.relative(abs));
    if (run.run.code !== 0) {
      let message = toolMessage(run.run.stderr, plan.files, undefined, undefined, run.run.code).replace(/(\/[^\s]*)?podlint-helm-[A-Za-z0-9]+\//g, '');
      // `required` and `fail` stop a render whose values lack something: say where to give them.
      if (/execution error at/.test(message)) message += `; if the chart needs values its defaults do not set, name them under render.charts in .podlint.yml`;
      const at = errorLocation(run.run.stderr);
      const file = at ? resolve(at.source) : undefined;
      if (file && at?.line) return fail(message, { line: at.line, column: at.column ?? 1, endLine: at.line, endColumn: at.column ?? 1 }, file.abs);
      return fail(message, file ? firstSpan() : firstSpan(), file?.abs ?? chart.file);
    }
    const placement = new HelmPlacement(run.run.stdout, plan.files.relative(chart.file), resolve, plan.files, () => run.valuesFiles);
    return await done(() => checkRenderedText(run.run.stdout, plan.files.relative(chart.file), placement, plan.files, fileSettings, { kind: 'helm', root }));
  } finally {
    copy.remove();
  }
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
export function toolMessage(stderr: string, files: SourceFiles, wrapperRel?: string, rootRel?: string, code?: number | null): string {
  // kubectl says it as `error: …`, or only through klog: `E1201 … err=<`, tab-indented lines, ` >`.
  const all = stderr.split('\n');
  const at = all.findIndex((l) => /^error:/i.test(l.trim()));
  const klog = klogAt(all);
  let chosen: string[];
  // klog on one line: `E1201 … run.go:72] "command failed" err="accumulating …"` (a Go-quoted string).
  const quoted = all.map((l) => /^[EWI]\d{4} .*? err="((?:[^"\\]|\\.)*)"/.exec(l)?.[1]).find((m) => m !== undefined);
  if (at < 0 && klog < 0 && quoted !== undefined) chosen = [unquoteGo(quoted)];
  else if (at >= 0) chosen = all.slice(at).filter((l) => !/^[EWI]\d{4} /.test(l) && !l.startsWith('\t') && l.trim() !== '>');
  else if (klog >= 0) chosen = all.slice(klog + 1).filter((l, i, rest) => l.startsWith('\t') && !rest.slice(0, i).some((p) => p.trim() === '>'));
  else chosen = all.filter((l) => !/^[EWI]\d{4} /.test(l));
  let text = chosen.join(' ').replace(/^\s*(?:error:|Error:)\s*/, '').replace(/\s+/g, ' ').trim();
  if (text === '') text = `the tool exited with status ${code ?? 'unknown'} and no message`;
  if (wrapperRel && rootRel) text = text.split(wrapperRel).join(rootRel);
  // Kustomize first tries a resource as a file, then as a folder, and nests both attempts'
  // words around the real cause: what follows the last "recursed accumulation of path" is it.
  text = text.replace(/^.*recursed accumulation of path '[^']*': /, '');
  text = text.replace(/\/[^\s'"]*podlint-(?:kustomize|helm)-[A-Za-z0-9]+\/?/g, '');
  text = text.replace(/(?<![\w.-])(?:\/[^\s'":,()]+)+/g, (abs) => files.relative(abs));
  text = text.replace(/\s*Use --debug flag to render out invalid YAML\s*$/, '');
  text = text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, ' ');
  // Said first in plain words: the file a reference names is not there.
  const missing = /lstat ([^:'"\n]+): no such file or directory/.exec(stderr)?.[1];
  if (missing) text = `${files.relative(missing).replace(/[\x00-\x1f\x7f\u2028\u2029]/g, ' ')} does not exist (kustomize: ${text})`;
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Where klog's multi-line form (`err=<`, tab-indented lines, ` >`) starts. */
function klogAt(lines: readonly string[]): number {
  return lines.findIndex((l) => /^[EWI]\d{4} .*err=<$/.test(l));
}

/** A Go-quoted string's text: `\"` and `\\` and `\n` and `\t` as they read. */
function unquoteGo(quoted: string): string {
  return quoted.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

interface NamedEntry {
  k: Kustomization;
  at: readonly (string | number)[];
  ref: string;
}

/** The entry of the kustomizations a message names (the longest reference it quotes). */
function entryNamedIn(message: string, chain: readonly Kustomization[]): NamedEntry | undefined {
  let best: NamedEntry | undefined;
  for (const k of chain) {
    for (const ref of [...k.patches, ...k.files, ...k.folders]) {
      if (message.includes(ref.ref) && (!best || ref.ref.length > best.ref.length)) best = { k, at: ref.at, ref: ref.ref };
    }
  }
  return best;
}
