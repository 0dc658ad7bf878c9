// Standard input as a source. Piped `helm template` output marks each document with
// `# Source: CHART/templates/FILE`; where that template exists here (relative to the working
// directory, as it is or without the chart's name when run inside the chart), findings go to the
// template line as for a chart podlint rendered itself. Anything else stays at `<stdin>` lines.
import fs from 'node:fs';
import path from 'node:path';
import { checkDecoded, type FileOutcome, type FileSettings } from '../check-file.js';
import type { SourceFiles } from './files.js';
import { HelmPlacement, type TemplateFile } from './helm/place.js';
import { checkRenderedText } from './rendered.js';

export async function checkStdin(text: string, name: string, files: SourceFiles, settings: FileSettings, plainSettings: FileSettings = settings): Promise<FileOutcome> {
  const charts = new Set<string>();
  const resolve = (source: string): TemplateFile | undefined => {
    const parts = source.split('/');
    for (const rel of [source, parts.slice(1).join('/')]) {
      if (!rel || path.isAbsolute(rel) || rel.split('/').includes('..')) continue;
      const abs = files.absolute(rel);
      if (!fs.existsSync(abs) || files.text(abs) === undefined) continue;
      const at = abs.lastIndexOf(`${path.sep}templates${path.sep}`);
      if (at >= 0) charts.add(abs.slice(0, at));
      return { abs, rel: files.relative(abs) };
    }
    return undefined;
  };
  const values = () => [...charts].map((dir) => path.join(dir, 'values.yaml'));
  const placement = new HelmPlacement(text, name, resolve, files, values);
  if (!placement.hasSources) return checkDecoded(text, name, false, plainSettings);
  const root = files.relative(files.absolute('.'));
  const outcome = await checkRenderedText(text, name, placement, files, settings, { kind: 'helm', root });
  // Only findings placed on a template file came from a chart; the rest are standard input's.
  for (const f of outcome.findings) if (f.file === name) delete f.source;
  return { ...outcome, checked: true };
}
