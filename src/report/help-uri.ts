// Where each rule is explained: its section of the README at this version's release tag
// (releases are tagged vX.Y.Z), so a SARIF alert links to the text that matches the code that
// raised it. A test keeps every built-in rule's anchor present in README.md.
import type { RuleMeta } from '../types.js';
import { INFORMATION_URI, VERSION } from '../version.js';

export const README_URI = `${INFORMATION_URI}/blob/v${VERSION}/README.md`;

export function helpUri(rule: RuleMeta): string {
  return rule.helpUri ?? `${README_URI}#${rule.id}`;
}
