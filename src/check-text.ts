// One file's text in, its findings out: parse, find the Kubernetes objects and their pod specs,
// run the rules, and turn every path a rule names into an exact span. No file system here, so
// every case can be tested from a string.
import { annotationOf, podSpecOf, resourcesOf, type Resource } from './manifest/resources.js';
import { checkSchema } from './k8s-schema/check-schema.js';
import { halfObjectProblem, type HalfObjectProblem } from './k8s-schema/half-object.js';
import { loadValidators, schemaKeyOf } from './k8s-schema/validate.js';
import type { SchemaFolder } from './crd/catalog.js';
import { crdEntryOf, isCrd, type CrdEntry } from './crd/entries.js';
import { CrdIndex } from './crd/index-of-crds.js';
import { hasPatchDirective } from './manifest/kustomize.js';
import type { Path } from './manifest/locate.js';
import { offsetOfPath, parseManifestText, spanOfPath, type ParsedDocument, type ParsedFile, type Span } from './manifest/parse.js';
import { parseFast, type FastDecline, type FastParsed } from './manifest/fast-parse.js';
import { fastLocator, Unplaceable } from './manifest/fast-locate.js';
import { podModel } from './manifest/pod.js';
import { findSuppressions, isSuppressed } from './manifest/suppress.js';
import { checkIgnoreComments, IGNORE_COMMENT } from './manifest/ignore-comments.js';
import { PACK } from './policy/pack.js';
import { NEWEST_KUBERNETES_VERSION, apiStatus } from './k8s-schema/api-lifecycle.js';
import { ALL_RULES, POD_RULES, RESOURCE_RULES } from './rules/index.js';
import type { RuleReport } from './rules/rule.js';
import { applyPolicy, targetsOf } from './policy/apply.js';
import type { Policy } from './policy/policy.js';
import { findAssertionKey, isTestToolDocument, mayHoldAssertionKeys } from './manifest/assertion-document.js';
import { capLength, quote } from './quote.js';
import type { SchemaProblem } from './schema-errors.js';
import type { Finding, RelatedLocation, ResourceRef, Severity, Skipped, UncheckedGroup } from './types.js';

export type RuleSeverity = Severity | 'off';

export interface RuleSetting {
  severity?: RuleSeverity;
  options?: Readonly<Record<string, unknown>>;
}

export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export interface CheckOptions {
  /** The file's name as it appears in findings. */
  file: string;
  /** Policies to apply, each with the severity it reports at (the config's choice). */
  policies?: readonly Policy[];
  /** A kustomize patch (see kustomize.ts): rules that need the whole object are skipped. */
  partial?: boolean;
  /** A kustomization writes the objects' selectors (kustomize.ts): a missing one is not reported. */
  selectorFromKustomize?: boolean;
  rules?: RuleSettings;
  maxAliasNodes?: number;
  /**
   * For rendered text (src/source/): where each finding really belongs in the repository, and
   * which container the source declares as the primary one. Without it findings stay in `file`.
   */
  placement?: Placement;
  /** The Kubernetes version the manifests target, `1.N` (default: the newest the schemas know). */
  kubernetesVersion?: string;
  /** `full`: always the reader with positions (for the differential test); default `auto`. */
  reader?: Reader;
  /** CRDs found in other files of the scan (this file's own are found here). */
  crds?: readonly CrdEntry[];
  /** Schema folders in the CRDs-catalog layout, for custom resources without a CRD in the scan. */
  schemaFolders?: readonly SchemaFolder[];
  /**
   * Hand back custom resources without a CRD here (and not in a schema folder) instead of counting
   * them unchecked: lint() checks them against the CRDs of the whole scan (check-with-crds.ts).
   */
  defer?: boolean;
  /**
   * The CRDs of the files checked before this one, in scan order: a custom resource the file's
   * own CRDs do not cover, whose CRD came earlier, is checked against it now, as check-with-crds.ts
   * would at the end (the first CRD in scan order that serves its version), instead of being
   * deferred and its file read again.
   */
  earlierCrds?: CrdIndex;
}

/**
 * A custom resource left for the CRDs of other files: where it is, not what it holds. Keeping
 * every such resource's data until the scan ends would make memory grow with the repository;
 * the few whose CRD does turn up are read again from their file (check-with-crds.ts).
 */
export interface DeferredResource {
  /** Which of the file's documents (counting only those that hold something) it is in. */
  doc: number;
  /** Which of that document's resources (resourcesOf: a List holds several) it is. */
  item: number;
  apiVersion: string;
  kind: string;
  strict: boolean;
  partial: boolean;
  /** Why it is unchecked, if no other file's CRD covers it either. */
  reason: string;
}

/**
 * `auto` reads a file with the fast reader (fast-parse.ts) first and only when something needs a
 * position (a finding, a skipped document) or the fast reader declines, reads it again the full
 * way. Rendered text (with a placement) always goes the full way: placing needs the nodes.
 */
export type Reader = 'auto' | 'full';

/** Why a file was read the full way under `auto`: it needed positions, or the fast reader declined. */
export type FullReason = FastDecline | 'findings' | 'skipped-document' | 'rendered';

/** A place in a repository file that a node of rendered text came from. */
export interface Placed {
  file: string;
  span: Span;
  approximate?: boolean;
  related?: RelatedLocation[];
}

export interface Placement {
  place(doc: ParsedDocument, path: Path, span: Span): Placed;
  /** A place for a span with no node (a syntax error in rendered text). */
  placeLine?(span: Span): Placed;
  /** The primary container's name when the rendered order no longer says it (kustomize). */
  primaryContainer?(doc: ParsedDocument, resource: Resource): string | undefined;
  /** Comments are gone from rendered text: `# podlint-ignore` is read from the source files. */
  readsSuppressions?: boolean;
}

export interface CheckResult {
  findings: Finding[];
  /** Findings silenced by `# podlint-ignore` comments. */
  suppressed: number;
  documents: number;
  resources: number;
  pods: number;
  /** Documents left unchecked, with the reason (test assertions). */
  skippedDocuments: Skipped[];
  /** Set when the file was read the full way under `reader: auto`. */
  fullReason?: FullReason;
  /** The CRDs of this file, for the custom resources of other files. */
  crds: CrdEntry[];
  /** Custom resources whose CRD another file may hold: checked once every file has been read. */
  deferred: DeferredResource[];
  /** Resources no schema covered, by apiVersion, kind and why. */
  unchecked: UncheckedGroup[];
}

export const IGNORE_ANNOTATION = 'podlint.io/ignore';

/** The rule id of schema validation against the Kubernetes API (k8s-schema/validate.ts). */
export const K8S_SCHEMA = 'k8s-schema';

export async function checkText(text: string, options: CheckOptions): Promise<CheckResult> {
  if (options.reader === 'full') return checkFull(text, options);
  const fast = options.placement ? ({ ok: false, reason: 'rendered' } as const) : await checkFast(text, options);
  if (fast.ok) return fast.result;
  return { ...(await checkFull(text, options)), fullReason: fast.reason };
}

/**
 * The file through the fast reader: the same resources, rules, schemas and policies, but findings
 * are only noticed, not made. Clean files (nearly all) end here; a finding, which needs exact
 * positions, sends the file the full way, where it is found again with its span.
 */
async function checkFast(text: string, options: CheckOptions): Promise<{ ok: true; result: CheckResult } | { ok: false; reason: FullReason }> {
  const read = parseFast(text);
  if (!read.ok) return read;
  const result: CheckResult = { findings: [], suppressed: 0, documents: read.parsed.documentCount, resources: 0, pods: 0, skippedDocuments: [], ...noCrds() };
  const { assertionLike, patchDirective } = read.parsed.keys;
  const resources: { resource: Resource; doc: number; item: number }[] = [];
  let halfObject = false;
  read.parsed.values.forEach((value, doc) => {
    if (isTestToolDocument(value)) return;
    const half = halfObjectProblem(value) !== undefined;
    if (half) halfObject = true;
    resources.push(...resourcesOf(value, [], half).map((resource, item) => ({ resource, doc, item })));
  });
  if (assertionLike && read.parsed.values.some((value) => !isTestToolDocument(value) && findAssertionKey(value))) {
    // A skipped assertion document is reported at its line: the full reader knows it.
    return { ok: false, reason: 'skipped-document' };
  }
  // An object with only one of kind and apiVersion is a finding, made the full way.
  if (halfObject && severityOf(K8S_SCHEMA, 'error', options.rules) !== 'off') return { ok: false, reason: 'findings' };
  if (severityOf(K8S_SCHEMA, 'error', options.rules) !== 'off') {
    await loadValidators(resources.map((r) => schemaKeyOf(r.resource)).filter((k): k is string => k !== undefined));
  }
  const flagged: typeof resources = [];
  const schemas = schemaContext(resources.map((r) => r.resource), options, result);
  for (const entry of resources) {
    const { resource, doc, item } = entry;
    result.resources++;
    let found = false;
    const noticeOnly: FindingSink = { push: () => (found = true), lineOf: () => 0, offsetOf: () => 0, doc, item, mayHoldPatchDirective: patchDirective };
    checkResource(resource, options, result, noticeOnly, schemas);
    if (found) flagged.push(entry);
  }
  result.unchecked = [...schemas.unchecked.values()];
  if (flagged.length === 0) return { ok: true, result };
  const findings = placedFindings(read.parsed, flagged, schemas.crds, options);
  if (!findings) return { ok: false, reason: 'findings' };
  result.findings = findings;
  applyComments(result, read.parsed.text, options);
  return { ok: true, result };
}

/**
 * The findings of the resources the fast check found something in, made once more, now with the
 * positions fast-locate.ts finds in the fast reader's events; undefined where it cannot be sure
 * of one (the file then goes the full way after all). The counts, deferred resources and CRDs
 * are the fast check's: what this second pass adds up is thrown away.
 */
function placedFindings(
  parsed: FastParsed,
  flagged: readonly { resource: Resource; doc: number; item: number }[],
  crds: CrdIndex,
  options: CheckOptions,
): Finding[] | undefined {
  const locator = fastLocator(parsed.text, parsed.events);
  const scratch: CheckResult = { findings: [], suppressed: 0, documents: 0, resources: 0, pods: 0, skippedDocuments: [], ...noCrds() };
  // The fast check's CRDs (the file's own first), with a count of unchecked resources of its own.
  const schemas: SchemaContext = { crds, unchecked: new Map() };
  try {
    for (const { resource, doc, item } of flagged) {
      const ref = resourceRef(resource);
      checkResource(resource, options, scratch, {
        doc,
        item,
        mayHoldPatchDirective: parsed.keys.patchDirective,
        push: (rule, severity, report, detail) =>
          scratch.findings.push(toFinding({ rule, severity, report, detail, file: options.file, resource: ref }, { span: locator.span(doc, report.path, report.at) })),
        lineOf: (path: Path) => locator.span(doc, path).line,
        offsetOf: (path: Path) => locator.offset(doc, path),
      }, schemas);
    }
  } catch (error) {
    if (error instanceof Unplaceable) return undefined;
    throw error;
  }
  return scratch.findings;
}

async function checkFull(text: string, options: CheckOptions): Promise<CheckResult> {
  const parsed = parseManifestText(text, { maxAliasNodes: options.maxAliasNodes });
  const result: CheckResult = { findings: [], suppressed: 0, documents: parsed.documentCount, resources: 0, pods: 0, skippedDocuments: [], ...noCrds() };
  const syntaxSeverity = severityOf('yaml-syntax', 'error', options.rules);
  if (syntaxSeverity !== 'off') {
    for (const problem of parsed.syntax) {
      const placed = options.placement?.placeLine?.(problem.span);
      const finding: Finding = { rule: 'yaml-syntax', severity: syntaxSeverity, message: capLength(problem.message), file: placed?.file ?? options.file, ...(placed?.span ?? problem.span) };
      if (placed?.approximate) finding.approximate = true;
      result.findings.push(finding);
    }
  }
  const maybeAssertions = mayHoldAssertionKeys(parsed.text);
  const resources = parsed.documents.map((doc) => {
    // A chainsaw Test or kuttl TestStep configures a test run: nothing of it is deployed.
    if (isTestToolDocument(doc.value)) return { doc, resources: [] };
    const key = maybeAssertions ? findAssertionKey(doc.value) : undefined;
    if (key) {
      const reason = `test assertion: the key ${quote(String(key[key.length - 1]))} is a JMESPath expression (chainsaw), so the document describes expected cluster state, not a manifest`;
      result.skippedDocuments.push({ file: options.file, line: spanOfPath(parsed, doc, key, 'key').line, reason });
      return { doc, resources: [] };
    }
    const half = halfObjectProblem(doc.value);
    if (half) reportHalfObject(parsed, doc, half, options, result);
    return { doc, resources: resourcesOf(doc.value, [], half !== undefined) };
  });
  // Each kind's validator is loaded on first use (a chunk of the bundle), before checking starts.
  if (severityOf(K8S_SCHEMA, 'error', options.rules) !== 'off') {
    await loadValidators(resources.flatMap((r) => r.resources.map(schemaKeyOf)).filter((k): k is string => k !== undefined));
  }
  const schemas = schemaContext(resources.flatMap((r) => r.resources), options, result);
  for (const { doc, resources: list } of resources) {
    for (const [item, resource] of list.entries()) {
      result.resources++;
      const ref = resourceRef(resource);
      checkResource(resource, options, result, {
        doc: parsed.documents.indexOf(doc),
        item,
        push: (rule, severity, report, detail) =>
          result.findings.push(toFinding({ rule, severity, report, detail, file: options.file, resource: ref }, placeSpan(parsed, doc, report.path, options.placement, report.at))),
        lineOf: (path: Path) => placeSpan(parsed, doc, path, options.placement).span.line,
        offsetOf: (path: Path) => (options.placement ? placedOrder(placeSpan(parsed, doc, path, options.placement).span) : offsetOfPath(doc, path)),
        primaryContainer: () => options.placement?.primaryContainer?.(doc, resource),
      }, schemas);
    }
  }
  result.unchecked = [...schemas.unchecked.values()];
  applyComments(result, parsed.text, options);
  return result;
}

/** `# podlint-ignore` comments: the findings they silence go, and a comment that names no rule is one. */
function applyComments(result: CheckResult, text: string, options: CheckOptions): void {
  const suppressions = options.placement?.readsSuppressions ? new Map() : findSuppressions(text);
  if (suppressions.size > 0) {
    const kept = result.findings.filter((f) => !isSuppressed(suppressions, f.line, f.rule));
    result.suppressed = result.findings.length - kept.length;
    result.findings = kept;
  }
  // After the filtering above: a comment that silences nothing cannot silence this either.
  const ignoreSeverity = severityOf(IGNORE_COMMENT, 'warning', options.rules);
  if (ignoreSeverity !== 'off' && !options.placement?.readsSuppressions) {
    const known = [...ALL_RULES.map((r) => r.id), ...PACK.map((p) => p.id), ...(options.policies ?? []).map((p) => p.id)];
    for (const problem of checkIgnoreComments(text, known)) {
      const { line, column, endColumn, message } = problem;
      result.findings.push({ rule: IGNORE_COMMENT, severity: ignoreSeverity, message, file: options.file, line, column, endLine: line, endColumn });
    }
  }
}

/** A document with kind but no apiVersion, or the reverse (half-object.ts): a k8s-schema finding. */
function reportHalfObject(parsed: ParsedFile, doc: ParsedDocument, half: HalfObjectProblem, options: CheckOptions, result: CheckResult): void {
  const severity = severityOf(K8S_SCHEMA, 'error', options.rules);
  const root = doc.value as Record<string, unknown>;
  const ignored = ignoredRules(root.metadata);
  if (severity === 'off' || ignored.has(K8S_SCHEMA) || ignored.has('*')) return;
  const ref: ResourceRef = { kind: typeof root.kind === 'string' ? root.kind : '' };
  const metadata = root.metadata as Record<string, unknown> | undefined;
  if (typeof metadata?.name === 'string') ref.name = metadata.name;
  if (typeof metadata?.namespace === 'string') ref.namespace = metadata.namespace;
  const report = { path: half.path, at: half.at, message: half.message };
  result.findings.push(toFinding({ rule: K8S_SCHEMA, severity, report, file: options.file, resource: ref }, placeSpan(parsed, doc, report.path, options.placement, report.at)));
}

/** Where a resource's findings go, and what rules may learn of the text the resource stands in. */
interface FindingSink {
  push(rule: string, severity: Severity, report: RuleReport, detail?: string): void;
  lineOf(path: Path): number;
  offsetOf(path: Path): number;
  /** The primary container a rendering source names (see Placement). */
  primaryContainer?(): string | undefined;
  /** Which of the file's documents holding something the resource is in, and which of its resources (see DeferredResource). */
  doc: number;
  item: number;
  /** False when the reader saw no `$patch` key in the file: no need to look for one. */
  mayHoldPatchDirective?: boolean;
}

/** What schema checks of one file share: the CRDs that speak for its custom resources. */
interface SchemaContext {
  crds: CrdIndex;
  unchecked: Map<string, UncheckedGroup>;
}

function noCrds(): Pick<CheckResult, 'crds' | 'deferred' | 'unchecked'> {
  return { crds: [], deferred: [], unchecked: [] };
}

/** This file's CRDs come first: a custom resource beside its CRD is checked against that one. */
function schemaContext(resources: readonly Resource[], options: CheckOptions, result: CheckResult): SchemaContext {
  for (const resource of resources) {
    const entry = isCrd(resource) ? crdEntryOf(resource, options.file) : undefined;
    if (entry) result.crds.push(entry);
  }
  return { crds: new CrdIndex([...result.crds, ...(options.crds ?? [])], options.schemaFolders), unchecked: new Map() };
}

function checkResource(resource: Resource, options: CheckOptions, result: CheckResult, sink: FindingSink, schemas: SchemaContext): void {
  const site = podSpecOf(resource);
  const policies = options.policies ?? [];
  const schemaSeverity = severityOf(K8S_SCHEMA, 'error', options.rules);
  const kubernetesVersion = options.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  // A removed API is refused whole: its schema says nothing about what the cluster would do.
  const removed = apiStatus(resource.apiVersion, resource.kind, kubernetesVersion)?.state === 'removed';
  const schemaChecked = schemaSeverity !== 'off' && !removed;
  const pod = site ? podModel(site, sink.primaryContainer?.()) : undefined;
  if (pod) result.pods++;
  const ignored = ignoredRules(resource.value.metadata, site?.metadata);
  const isOn = (id: string) => !ignored.has(id) && !ignored.has('*');
  const partial = options.partial === true || (sink.mayHoldPatchDirective !== false && hasPatchDirective(resource.value));
  const push = sink.push;

  for (const rule of RESOURCE_RULES) {
    const severity = severityOf(rule.id, rule.defaultSeverity, options.rules);
    if (severity === 'off' || !isOn(rule.id)) continue;
    const report = rule.check({ resource, kubernetesVersion });
    if (report) push(rule.id, severity, { ...report, path: [...resource.path, ...report.path] });
  }

  if (schemaChecked && isOn(K8S_SCHEMA)) {
    const strict = options.rules?.[K8S_SCHEMA]?.options?.strict !== false;
    const verdict = checkSchema(resource, {
      strict,
      partial,
      crds: schemas.crds,
      file: options.file,
      selectorFromKustomize: options.selectorFromKustomize === true,
      // (Only a resource that would be deferred: otherwise the end never checks it either.)
      earlierCrds: options.defer ? options.earlierCrds : undefined,
    });
    for (const problem of verdict.problems) {
      push(K8S_SCHEMA, schemaSeverity, { path: [...resource.path, ...problem.path], message: problem.message, at: problem.at });
    }
    if (verdict.retryKey !== undefined && options.defer) {
      const { apiVersion, kind } = resource;
      result.deferred.push({ doc: sink.doc, item: sink.item, apiVersion, kind, strict, partial, reason: verdict.unchecked ?? '' });
    } else if (verdict.unchecked !== undefined) {
      countUnchecked(schemas.unchecked, resource, verdict.unchecked);
    }
  }

  if (pod) {
    for (const rule of POD_RULES) {
      const severity = severityOf(rule.id, rule.defaultSeverity, options.rules);
      if (severity === 'off' || !isOn(rule.id) || (partial && rule.wholeObject)) continue;
      rule.check({
        pod,
        partial,
        options: { ...rule.defaultOptions, ...options.rules?.[rule.id]?.options },
        report: (report) => push(rule.id, severity, report),
        lineOf: sink.lineOf,
        offsetOf: sink.offsetOf,
      });
    }
  }
  for (const policy of policies) {
    if (!isOn(policy.id)) continue;
    for (const failure of applyPolicy(policy, targetsOf(policy, resource, pod, partial), partial)) {
      push(policy.id, policy.severity, { path: failure.path, message: policy.message, container: failure.container, at: failure.at }, failure.detail);
    }
  }
}

export interface LocatedProblems {
  /** See DeferredResource. */
  doc: number;
  resource: Resource;
  problems: readonly SchemaProblem[];
}

/** A text read again for its resources (resourcesByDocument), by document and item. */
export interface ReadAgain {
  text: string;
  resources: Resource[][];
  /** The fast reader's reading, when it read the text: its events place findings too. */
  fast?: FastParsed;
}

/**
 * Findings of schema problems found after the file was checked (a custom resource against a CRD
 * of another file), placed from the fast reader's events when it read the text, else by parsing
 * it the full way; `# podlint-ignore` comments apply as everywhere.
 */
export function locateSchemaProblems(read: ReadAgain, file: string, severity: Severity, items: readonly LocatedProblems[]): { findings: Finding[]; suppressed: number } {
  const findings: Finding[] = [];
  const place = placerOf(read);
  for (const item of items) {
    const ref = resourceRef(item.resource);
    for (const problem of item.problems) {
      const report = { path: [...item.resource.path, ...problem.path], message: problem.message, at: problem.at };
      const placed = place(item.doc, report.path, report.at);
      if (placed) findings.push(toFinding({ rule: K8S_SCHEMA, severity, report, file, resource: ref }, { span: placed }));
    }
  }
  const suppressions = findSuppressions(read.fast?.text ?? read.text);
  const kept = suppressions.size > 0 ? findings.filter((f) => !isSuppressed(suppressions, f.line, f.rule)) : findings;
  return { findings: kept, suppressed: findings.length - kept.length };
}

/** Spans in a text read again: from the fast reader's events while they are sure, then from a full parse. */
function placerOf(read: ReadAgain): (doc: number, path: Path, at?: 'key' | 'value') => Span | undefined {
  const locator = read.fast ? fastLocator(read.fast.text, read.fast.events) : undefined;
  let parsed: ParsedFile | undefined;
  return (doc, path, at) => {
    if (locator) {
      try {
        return locator.span(doc, path, at);
      } catch (error) {
        if (!(error instanceof Unplaceable)) throw error;
      }
    }
    parsed ??= parseManifestText(read.text);
    const document = parsed.documents[doc];
    return document ? spanOfPath(parsed, document, path, at) : undefined;
  };
}

/**
 * The resources of a text, by document (numbered as DeferredResource counts them) and item: the
 * way back from a DeferredResource to its data. Plain data only, so the fast reader serves.
 */
export function resourcesByDocument(text: string): ReadAgain {
  const fast = parseFast(text);
  const values = fast.ok ? fast.parsed.values : parseManifestText(text).documents.map((d) => d.value);
  const resources = values.map((value) => (isTestToolDocument(value) ? [] : resourcesOf(value, [], halfObjectProblem(value) !== undefined)));
  return fast.ok ? { text, resources, fast: fast.parsed } : { text, resources };
}

export function countUnchecked(groups: Map<string, UncheckedGroup>, resource: Pick<Resource, 'apiVersion' | 'kind'>, reason: string): void {
  const key = `${resource.apiVersion}|${resource.kind}|${reason}`;
  const group = groups.get(key);
  if (group) group.count++;
  else groups.set(key, { apiVersion: resource.apiVersion, kind: resource.kind, reason, count: 1 });
}

interface FindingParts {
  rule: string;
  severity: Severity;
  report: RuleReport;
  detail?: string;
  file: string;
  resource: ResourceRef;
}

/** A finding at its place (placeSpan, or the fast reader's span). */
function toFinding(parts: FindingParts, placed: Partial<Placed> & { span: Span }): Finding {
  const { report } = parts;
  const finding: Finding = {
    rule: parts.rule,
    severity: parts.severity,
    message: capLength(report.message),
    file: placed.file ?? parts.file,
    ...placed.span,
    resource: parts.resource,
  };
  if (report.container?.name !== undefined) finding.container = capLength(report.container.name, MAX_NAME);
  if (parts.detail !== undefined) finding.detail = capLength(parts.detail);
  if (placed.approximate) finding.approximate = true;
  if (placed.related?.length) finding.related = placed.related;
  return finding;
}

/** "Later in the file" for rendered text is later in the source file, not in the tool's output. */
function placedOrder(span: Span): number {
  return span.line * 100_000 + span.column;
}

/** The span of a path in the text, or, for rendered text, in the repository file it came from. */
function placeSpan(parsed: ParsedFile, doc: ParsedDocument, path: Path, placement?: Placement, at?: 'key' | 'value'): Partial<Placed> & { span: Span } {
  const span = spanOfPath(parsed, doc, path, at);
  return placement ? placement.place(doc, path, span) : { span };
}

/** Kubernetes names are at most 253 characters; anything longer is cut before it reaches output. */
const MAX_NAME = 253;

function resourceRef(resource: Resource): ResourceRef {
  const ref: ResourceRef = { kind: capLength(resource.kind, MAX_NAME) };
  if (resource.name !== undefined) ref.name = capLength(resource.name, MAX_NAME);
  if (resource.namespace !== undefined) ref.namespace = capLength(resource.namespace, MAX_NAME);
  return ref;
}

export function severityOf(id: string, fallback: Severity, rules?: RuleSettings): RuleSeverity {
  return rules?.[id]?.severity ?? fallback;
}

/** Rule ids silenced by `podlint.io/ignore` on the resource's or its pod template's metadata. */
function ignoredRules(...metadata: unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const m of metadata) {
    const value = annotationOf(m, IGNORE_ANNOTATION);
    if (value === undefined) continue;
    for (const id of value.split(',')) if (id.trim()) ids.add(id.trim());
  }
  return ids;
}
