// Custom resources and their CRDs are often in different files, and files are checked in
// parallel (parallel.ts), each thread seeing only its own. So:
// 1. every file is checked as usual; its own CRDs (and the schema folders) cover the custom
//    resources beside them; each file hands back its CRDs, and the custom resources it found no
//    schema for, as plain data (`defer`);
// 2. here, in the main thread, once every CRD of the scan is known, those resources are checked
//    against them: each schema prepared once for the whole run. A deferred resource is only a
//    place (document and item) and its kind, so memory does not grow with the repository: a
//    file whose resources do find a CRD is read and parsed again, for their data and, when
//    they break it, for the lines and columns of the problems.
// A file is read and parsed once, unless another file holds the CRD of one of its resources.
import { countUnchecked, K8S_SCHEMA, locateSchemaProblems, resourcesByDocument, severityOf, type LocatedProblems, type ReadAgain } from './check-text.js';
import { jobFile, type FileJob, type FileOutcome, type FileSettings } from './check-file.js';
import { CrdIndex } from './crd/index-of-crds.js';
import { validateCustomResource } from './crd/validate-cr.js';
import { decode } from './fs/decode.js';
import { readFileGuarded } from './fs/read-file.js';
import type { UncheckedGroup } from './types.js';

/** An outcome whose deferred resources can be pointed at: a file to read again, or the text. */
export type DeferredSource = { outcome: FileOutcome; job: FileJob } | { outcome: FileOutcome; file: string; text: string };

/** `all`: every outcome of the run, for their CRDs (rendered ones included). */
export function resolveDeferred(sources: readonly DeferredSource[], all: readonly FileOutcome[], settings: FileSettings): void {
  // The same CRD copied into several files (install bundles) counts once.
  const index = new CrdIndex([], settings.schemaFolders);
  for (const outcome of all) for (const entry of outcome.crds ?? []) if (!index.find(entry)) index.add(entry);
  for (const outcome of all) delete outcome.crds;
  const severity = severityOf(K8S_SCHEMA, 'error', settings.rules);
  for (const source of sources) {
    const { outcome } = source;
    const deferred = outcome.deferred ?? [];
    delete outcome.deferred;
    if (deferred.length === 0 || severity === 'off') continue;
    const unchecked = new Map<string, UncheckedGroup>((outcome.unchecked ?? []).map((g) => [`${g.apiVersion}|${g.kind}|${g.reason}`, g]));
    const located: LocatedProblems[] = [];
    // Read again only when some resource's CRD did turn up: most never find one.
    let again: ReadAgain | null | undefined;
    for (const item of deferred) {
      const resolution = index.resolve(item);
      if (resolution.kind !== 'schema') {
        countUnchecked(unchecked, item, resolution.kind === 'unchecked' ? resolution.reason : item.reason);
        continue;
      }
      if (again === undefined) again = readAgain(source, settings);
      const resource = again?.resources[item.doc]?.[item.item];
      // Changed under us since the first read: nothing to check, nothing to point at.
      if (!resource || resource.apiVersion !== item.apiVersion || resource.kind !== item.kind) continue;
      const check = validateCustomResource(resource, resolution.schema, { strict: item.strict, partial: item.partial });
      if ('unusable' in check) countUnchecked(unchecked, item, check.unusable);
      else if (check.problems.length > 0) located.push({ doc: item.doc, resource, problems: check.problems });
    }
    outcome.unchecked = [...unchecked.values()];
    if (located.length > 0 && again) {
      const file = 'job' in source ? jobFile(source.job, settings) : source.file;
      const { findings, suppressed } = locateSchemaProblems(again, file, severity, located);
      outcome.findings.push(...findings);
      outcome.suppressed += suppressed;
    }
  }
}

/** The source's text and resources once more; null when the file can no longer be read. */
function readAgain(source: DeferredSource, settings: FileSettings): ReadAgain | null {
  let text: string | undefined;
  if ('job' in source) {
    const read = readFileGuarded(source.job.abs, { maxBytes: settings.maxFileSize });
    text = read.ok ? decode(read.buffer) : undefined;
  } else text = source.text;
  return text === undefined ? null : resourcesByDocument(text);
}
