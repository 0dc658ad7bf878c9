// A policy: a rule written as data (a JSON Schema every target must satisfy). Loaded from files
// by load.ts in the main thread, compiled by compile.ts wherever files are checked.
import { README_URI } from '../report/help-uri.js';
import type { RuleMeta, Severity } from '../types.js';

export const POLICY_TARGETS = ['resource', 'pod', 'container', 'sidecar', 'init-container', 'volume'] as const;
export type PolicyTarget = (typeof POLICY_TARGETS)[number];

export interface Policy {
  id: string;
  severity: Severity;
  message: string;
  description?: string;
  remediation?: string;
  target: PolicyTarget;
  kinds?: string[];
  schema: Record<string, unknown> | boolean;
  /** Where the policy was defined (relative to cwd), for messages. */
  file: string;
  line: number;
  /** From podlint's own pack: applies only when the config names it. */
  optIn: boolean;
}

/** A policy as every output describes a rule. */
export function policyMeta(policy: Policy): RuleMeta {
  return {
    id: policy.id,
    defaultSeverity: policy.severity,
    description: policy.description ?? policy.message,
    remediation: policy.remediation ?? `${policy.message} (policy ${policy.file}).`,
    // The pack's policies are described in the README; a team's own, by what a policy is.
    helpUri: `${README_URI}#${policy.optIn ? 'the-built-in-pack' : 'custom-policies'}`,
  };
}
