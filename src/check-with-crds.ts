// Custom resources and their CRDs are often in different files, and files are checked in
// parallel (parallel.ts), each thread seeing only its own. So:
// 1. every file is checked as usual; its own CRDs (and the schema folders) cover the custom
//    resources beside them; each file hands back its CRDs, and the custom resources it found no
//    schema for, as plain data (`defer`);
// 2. here, in the main thread, once every CRD of the scan is known, those resources are checked
//    against them: each schema prepared once for the whole run. Only a file where that finds a
//    problem is parsed again, to turn the problems' paths into lines and columns.
// A file is read and parsed once, unless one of its custom resources breaks another file's CRD.
import { countUnchecked, K8S_SCHEMA, locateSchemaProblems, severityOf, type LocatedProblems } from './check-text.js';
import type { FileJob, FileOutcome, FileSettings } from './check-file.js';
import { crdIdentity, type CrdEntry } from './crd/entries.js';
import { CrdIndex } from './crd/index-of-crds.js';
import { validateCustomResource } from './crd/validate-cr.js';
import { decode } from './fs/decode.js';
import { readFileGuarded } from './fs/read-file.js';
import type { Severity, UncheckedGroup } from './types.js';

/** An outcome whose deferred resources can be pointed at: a file to read again, or the text. */
export type DeferredSource = { outcome: FileOutcome; job: FileJob } | { outcome: FileOutcome; file: string; text: string };

/** `all`: every outcome of the run, for their CRDs (rendered ones included). */
export function resolveDeferred(sources: readonly DeferredSource[], all: readonly FileOutcome[], settings: FileSettings): void {
  const index = new CrdIndex(uniqueEntries(all), settings.schemaFolders);
  for (const outcome of all) delete outcome.crds;
  const severity = severityOf(K8S_SCHEMA, 'error', settings.rules);
  for (const source of sources) {
    const { outcome } = source;
    const deferred = outcome.deferred ?? [];
    delete outcome.deferred;
    if (deferred.length === 0 || severity === 'off') continue;
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
    if (located.length > 0) addFindings(source, settings, severity, located);
  }
}

/** The same CRD copied into several files (install bundles) counts once. */
function uniqueEntries(outcomes: readonly FileOutcome[]): CrdEntry[] {
  const seen = new Set<string>();
  const entries: CrdEntry[] = [];
  for (const outcome of outcomes) {
    for (const entry of outcome.crds ?? []) {
      const identity = crdIdentity(entry);
      if (seen.has(identity)) continue;
      seen.add(identity);
      entries.push(entry);
    }
  }
  return entries;
}

function addFindings(source: DeferredSource, settings: FileSettings, severity: Severity, located: LocatedProblems[]): void {
  let text: string | undefined;
  let file: string;
  if ('job' in source) {
    const read = readFileGuarded(source.job.abs, { maxBytes: settings.maxFileSize });
    text = read.ok ? decode(read.buffer) : undefined;
    file = source.job.file;
  } else {
    text = source.text;
    file = source.file;
  }
  if (text === undefined) return; // changed under us since the first read: nothing to point at
  const { findings, suppressed } = locateSchemaProblems(text, file, severity, located);
  source.outcome.findings.push(...findings);
  source.outcome.suppressed += suppressed;
}
