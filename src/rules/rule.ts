// The shape of a built-in rule: metadata plus one function over a pod spec. Rules never compute
// positions: they name a path into the document and the engine turns it into line and column.
import type { Path } from '../manifest/locate.js';
import type { ContainerSite, PodModel } from '../manifest/pod.js';
import type { Resource } from '../manifest/resources.js';
import type { Severity } from '../types.js';

export interface RuleReport {
  /** From the document's root to the node the finding points at. */
  path: Path;
  message: string;
  container?: ContainerSite;
  /** Point at the key rather than its value. */
  at?: 'key' | 'value';
}

export interface PodRuleContext {
  pod: PodModel;
  /** A kustomize patch: only part of the object is in the file. */
  partial: boolean;
  options: Readonly<Record<string, unknown>>;
  report(report: RuleReport): void;
  /** "line N" of a path, for messages that say where the other half of a conflict stands. */
  lineOf(path: Path): number;
  /** Offset of a path in the file, for telling which of two nodes stands later. */
  offsetOf(path: Path): number;
}

export interface PodRule {
  id: string;
  defaultSeverity: Severity;
  /** One sentence: the failure the rule prevents. */
  description: string;
  /** One line the user can act on. */
  remediation: string;
  /** Needs the whole object (declared volumes, all containers): skipped on kustomize patches. */
  wholeObject: boolean;
  /** Option defaults; the config file may override them. */
  defaultOptions: Readonly<Record<string, unknown>>;
  check(context: PodRuleContext): void;
}

export interface ResourceRuleContext {
  /** Paths in a report are relative to the resource. */
  resource: Resource;
  /** The Kubernetes version the manifests target, `1.N`. */
  kubernetesVersion: string;
}

/** A rule about a whole resource, whatever its kind: at most one finding per resource. */
export interface ResourceRule {
  id: string;
  defaultSeverity: Severity;
  description: string;
  remediation: string;
  check(context: ResourceRuleContext): RuleReport | undefined;
}
