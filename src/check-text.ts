// One file's text in, its findings out: parse, find the Kubernetes objects and their pod specs,
// run the rules, and turn every path a rule names into an exact span. No file system here, so
// every case can be tested from a string.
import { annotationOf, podSpecOf, resourcesOf, type Resource } from './manifest/resources.js';
import { checkSchema } from './k8s-schema/check-schema.js';
import { loadValidators, schemaKeyOf } from './k8s-schema/validate.js';
import type { SchemaFolder } from './crd/catalog.js';
import { crdEntryOf, isCrd, type CrdEntry } from './crd/entries.js';
import { CrdIndex } from './crd/index-of-crds.js';
import { hasPatchDirective } from './manifest/kustomize.js';
import type { Path } from './manifest/locate.js';
import { offsetOfPath, parseManifestText, spanOfPath, type ParsedDocument, type ParsedFile } from './manifest/parse.js';
import { podModel } from './manifest/pod.js';
import { findSuppressions, isSuppressed } from './manifest/suppress.js';
import { NEWEST_KUBERNETES_VERSION, apiStatus } from './k8s-schema/api-lifecycle.js';
import { POD_RULES, RESOURCE_RULES } from './rules/index.js';
import type { RuleReport } from './rules/rule.js';
import { applyPolicy, targetsOf } from './policy/apply.js';
import type { Policy } from './policy/policy.js';
import type { SchemaProblem } from './schema-errors.js';
import type { Finding, ResourceRef, Severity, UncheckedGroup } from './types.js';

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
  rules?: RuleSettings;
  maxAliasNodes?: number;
  /** The Kubernetes version the manifests target, `1.N` (default: the newest the schemas know). */
  kubernetesVersion?: string;
  /** CRDs found in other files of the scan (this file's own are found here). */
  crds?: readonly CrdEntry[];
  /** Schema folders in the CRDs-catalog layout, for custom resources without a CRD in the scan. */
  schemaFolders?: readonly SchemaFolder[];
  /**
   * Hand back custom resources without a CRD here (and not in a schema folder) instead of counting
   * them unchecked: lint() checks them against the CRDs of the whole scan (check-with-crds.ts).
   */
  defer?: boolean;
}

/** A custom resource left for the CRDs of other files, as plain data. */
export interface DeferredResource {
  /** Index of its document in the file. */
  doc: number;
  resource: Resource;
  strict: boolean;
  partial: boolean;
  /** Why it is unchecked, if no other file's CRD covers it either. */
  reason: string;
}

export interface CheckResult {
  findings: Finding[];
  /** Findings silenced by `# podlint-ignore` comments. */
  suppressed: number;
  documents: number;
  resources: number;
  pods: number;
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
  const parsed = parseManifestText(text, { maxAliasNodes: options.maxAliasNodes });
  const result: CheckResult = { findings: [], suppressed: 0, documents: parsed.documentCount, resources: 0, pods: 0, crds: [], deferred: [], unchecked: [] };
  const syntaxSeverity = severityOf('yaml-syntax', 'error', options.rules);
  if (syntaxSeverity !== 'off') {
    for (const problem of parsed.syntax) {
      result.findings.push({ rule: 'yaml-syntax', severity: syntaxSeverity, message: problem.message, file: options.file, ...problem.span });
    }
  }
  const resources = parsed.documents.map((doc) => ({ doc, resources: resourcesOf(doc.value) }));
  // Each kind's validator is loaded on first use (a chunk of the bundle), before checking starts.
  if (severityOf(K8S_SCHEMA, 'error', options.rules) !== 'off') {
    await loadValidators(resources.flatMap((r) => r.resources.map(schemaKeyOf)).filter((k): k is string => k !== undefined));
  }
  // This file's CRDs first: a custom resource beside its CRD is checked against that one.
  for (const { resources: list } of resources) {
    for (const resource of list) {
      const entry = isCrd(resource) ? crdEntryOf(resource, options.file) : undefined;
      if (entry) result.crds.push(entry);
    }
  }
  const crds = new CrdIndex([...result.crds, ...(options.crds ?? [])], options.schemaFolders);
  const unchecked = new Map<string, UncheckedGroup>();
  for (const { doc, resources: list } of resources) {
    for (const resource of list) {
      result.resources++;
      checkResource(parsed, doc, resource, { ...options, crdIndex: crds, unchecked }, result);
    }
  }
  result.unchecked = [...unchecked.values()];
  const suppressions = findSuppressions(parsed.text);
  if (suppressions.size > 0) {
    const kept = result.findings.filter((f) => !isSuppressed(suppressions, f.line, f.rule));
    result.suppressed = result.findings.length - kept.length;
    result.findings = kept;
  }
  return result;
}

interface ResourceCheckOptions extends CheckOptions {
  crdIndex: CrdIndex;
  unchecked: Map<string, UncheckedGroup>;
}

function checkResource(parsed: ParsedFile, doc: ParsedDocument, resource: Resource, options: ResourceCheckOptions, result: CheckResult): void {
  const site = podSpecOf(resource);
  const policies = options.policies ?? [];
  const schemaSeverity = severityOf(K8S_SCHEMA, 'error', options.rules);
  const kubernetesVersion = options.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;
  // A removed API is refused whole: its schema says nothing about what the cluster would do.
  const removed = apiStatus(resource.apiVersion, resource.kind, kubernetesVersion)?.state === 'removed';
  const schemaChecked = schemaSeverity !== 'off' && !removed;
  const pod = site ? podModel(site) : undefined;
  if (pod) result.pods++;
  const ignored = ignoredRules(resource.value.metadata, site?.metadata);
  const isOn = (id: string) => !ignored.has(id) && !ignored.has('*');
  const partial = options.partial === true || hasPatchDirective(resource.value);
  const ref = resourceRef(resource);
  const push = (rule: string, severity: Severity, report: RuleReport, detail?: string) =>
    result.findings.push(toFinding(parsed, doc, { rule, severity, report, detail, file: options.file, resource: ref }));

  for (const rule of RESOURCE_RULES) {
    const severity = severityOf(rule.id, rule.defaultSeverity, options.rules);
    if (severity === 'off' || !isOn(rule.id)) continue;
    const report = rule.check({ resource, kubernetesVersion });
    if (report) push(rule.id, severity, { ...report, path: [...resource.path, ...report.path] });
  }

  if (schemaChecked && isOn(K8S_SCHEMA)) {
    const strict = options.rules?.[K8S_SCHEMA]?.options?.strict !== false;
    const verdict = checkSchema(resource, { strict, partial, crds: options.crdIndex, file: options.file });
    for (const problem of verdict.problems) {
      push(K8S_SCHEMA, schemaSeverity, { path: [...resource.path, ...problem.path], message: problem.message, at: problem.at });
    }
    if (verdict.retryKey !== undefined && options.defer) {
      result.deferred.push({ doc: doc.index, resource, strict, partial, reason: verdict.unchecked ?? '' });
    } else if (verdict.unchecked !== undefined) {
      countUnchecked(options.unchecked, resource, verdict.unchecked);
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
        lineOf: (path: Path) => spanOfPath(parsed, doc, path).line,
        offsetOf: (path: Path) => offsetOfPath(doc, path),
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
  /** Index of the document in the file. */
  doc: number;
  resource: Resource;
  problems: readonly SchemaProblem[];
}

/**
 * Findings of schema problems found after the file was checked (a custom resource against a CRD
 * of another file): the text is parsed again only to turn their paths into spans, and
 * `# podlint-ignore` comments apply as everywhere.
 */
export function locateSchemaProblems(text: string, file: string, severity: Severity, items: readonly LocatedProblems[]): { findings: Finding[]; suppressed: number } {
  const parsed = parseManifestText(text);
  const findings: Finding[] = [];
  for (const item of items) {
    const doc = parsed.documents.find((d) => d.index === item.doc);
    if (!doc) continue;
    const ref = resourceRef(item.resource);
    for (const problem of item.problems) {
      const report = { path: [...item.resource.path, ...problem.path], message: problem.message, at: problem.at };
      findings.push(toFinding(parsed, doc, { rule: K8S_SCHEMA, severity, report, file, resource: ref }));
    }
  }
  const suppressions = findSuppressions(parsed.text);
  const kept = suppressions.size > 0 ? findings.filter((f) => !isSuppressed(suppressions, f.line, f.rule)) : findings;
  return { findings: kept, suppressed: findings.length - kept.length };
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

function toFinding(parsed: ParsedFile, doc: ParsedDocument, parts: FindingParts): Finding {
  const { report } = parts;
  const finding: Finding = {
    rule: parts.rule,
    severity: parts.severity,
    message: report.message,
    file: parts.file,
    ...spanOfPath(parsed, doc, report.path, report.at),
    resource: parts.resource,
  };
  if (report.container?.name !== undefined) finding.container = report.container.name;
  if (parts.detail !== undefined) finding.detail = parts.detail;
  return finding;
}

function resourceRef(resource: Resource): ResourceRef {
  const ref: ResourceRef = { kind: resource.kind };
  if (resource.name !== undefined) ref.name = resource.name;
  if (resource.namespace !== undefined) ref.namespace = resource.namespace;
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
