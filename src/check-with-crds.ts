// Custom resources and their CRDs are often in different files, and files are checked in
// parallel (parallel.ts), each thread seeing only its own. So:
// 1. every file is checked as usual; its own CRDs (and the schema folders) cover the custom
//    resources beside them; each file hands back its CRDs, and the custom resources it found no
//    schema for, as plain data;
// 2. here, in this thread, once every CRD of the scan is known, those resources are checked
//    against them: each schema compiled once for the whole run. Only a file where that finds a
//    problem is parsed again, to turn the problems' paths into lines and columns.
// A file is read and parsed once, unless one of its custom resources breaks another file's CRD.
import { countUnchecked, K8S_SCHEMA, locateSchemaProblems, severityOf, type LocatedProblems } from './check-text.js';
import type { FileJob, FileOutcome, FileSettings } from './check-file.js';
import { crdKey, type CrdEntry } from './crd/entries.js';
import { CrdIndex } from './crd/index-of-crds.js';
import { validateCustomResource } from './crd/validate-cr.js';
import { decode } from './fs/decode.js';
import { readFileGuarded } from './fs/read-file.js';
import { checkFiles } from './parallel.js';
import type { UncheckedGroup } from './types.js';

export async function checkWithCrds(jobs: readonly FileJob[], settings: FileSettings, workerScript?: string): Promise<FileOutcome[]> {
  const outcomes = await checkFiles(jobs, { ...settings, defer: true }, workerScript);
  const index = new CrdIndex(uniqueEntries(outcomes), settings.schemaFolders);
  const severity = severityOf(K8S_SCHEMA, 'error', settings.rules);
  outcomes.forEach((outcome, i) => {
    const deferred = outcome.deferred ?? [];
    delete outcome.crds;
    delete outcome.deferred;
    if (deferred.length === 0 || severity === 'off') return;
    const unchecked = new Map<string, UncheckedGroup>((outcome.unchecked ?? []).map((g) => [`${g.apiVersion}|${g.kind}|${g.reason}`, g]));
    const located: LocatedProblems[] = [];
    for (const item of deferred) {
      const resolution = index.resolve(item.resource);
      if (resolution.kind === 'schema') {
        const check = validateCustomResource(item.resource, resolution.schema, { strict: item.strict, partial: item.partial });
        if ('unusable' in check) countUnchecked(unchecked, item.resource, check.unusable);
        else if (check.problems.length > 0) located.push({ doc: item.doc, resource: item.resource, problems: check.problems });
      } else {
        countUnchecked(unchecked, item.resource, resolution.kind === 'unchecked' ? resolution.reason : item.reason);
      }
    }
    outcome.unchecked = [...unchecked.values()];
    if (located.length > 0) addFindings(outcome, jobs[i]!, settings, severity, located);
  });
  return outcomes;
}

/** The same CRD copied into several files (install bundles) counts once. */
function uniqueEntries(outcomes: readonly FileOutcome[]): CrdEntry[] {
  const seen = new Set<string>();
  const entries: CrdEntry[] = [];
  for (const outcome of outcomes) {
    for (const entry of outcome.crds ?? []) {
      const identity = `${crdKey(entry.group, entry.kind)}|${entry.versions.map((v) => `${v.name}:${v.served}:${v.hash ?? ''}`).join(',')}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      entries.push(entry);
    }
  }
  return entries;
}

function addFindings(outcome: FileOutcome, job: FileJob, settings: FileSettings, severity: 'error' | 'warning' | 'notice', located: LocatedProblems[]): void {
  const read = readFileGuarded(job.abs, { maxBytes: settings.maxFileSize });
  const text = read.ok ? decode(read.buffer) : undefined;
  if (text === undefined) return; // changed under us since the first read: nothing to point at
  const { findings, suppressed } = locateSchemaProblems(text, job.file, severity, located);
  outcome.findings.push(...findings);
  outcome.suppressed += suppressed;
}
