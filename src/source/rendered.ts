// Checking rendered text (kustomize's or helm's output) as any manifest, with a placement that
// puts each finding back on the repository line it came from; `# podlint-ignore` comments are
// read from those files, since rendered text has none.
import { checkText, type Placement } from '../check-text.js';
import type { FileOutcome, FileSettings } from '../check-file.js';
import { isSuppressed } from '../manifest/suppress.js';
import type { FindingSource } from '../types.js';
import type { SourceFiles } from './files.js';

export async function checkRenderedText(
  text: string,
  display: string,
  placement: Placement,
  files: SourceFiles,
  settings: FileSettings,
  source: FindingSource,
): Promise<FileOutcome> {
  const result = await checkText(text, { file: display, rules: settings.rules, policies: settings.policies, kubernetesVersion: settings.kubernetesVersion, placement });
  const kept = result.findings.filter((f) => {
    const file = files.byRelative(f.file);
    return !(file && isSuppressed(file.suppressions, f.line, f.rule));
  });
  for (const f of kept) f.source = source;
  return { ...result, findings: kept, suppressed: result.findings.length - kept.length, checked: false };
}
