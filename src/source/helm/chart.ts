// Helm charts of a scan, and a copy of each to render: helm reads the chart where podlint put it,
// a temporary folder holding only the chart's regular files (never a link out of the repository,
// never more than the size limits), with its `file://` dependencies copied into `charts/` the way
// `helm dependency build` would, but without writing into the user's tree or using the network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isInside, readFileGuarded, realFolder } from '../../fs/read-file.js';
import type { Path } from '../../manifest/locate.js';
import { parseManifestText, type ParsedDocument, type ParsedFile } from '../../manifest/parse.js';
import { isObject } from '../../manifest/resources.js';

export interface Chart {
  dir: string;
  file: string;
  name: string;
  parsed: ParsedFile;
  doc?: ParsedDocument;
  library: boolean;
  dependencies: { name: string; repository?: string; at: Path }[];
}

const MAX_CHART_BYTES = 64 * 1024 * 1024;
const MAX_CHART_FILES = 10_000;

export function readChart(file: string, repo: string, maxBytes: number): Chart | undefined {
  const read = readFileGuarded(file, { maxBytes, within: realFolder(repo) });
  if (!read.ok) return undefined;
  const parsed = parseManifestText(read.buffer.toString('utf8'), { version: '1.2' });
  const doc = parsed.documents[0];
  const value = isObject(doc?.value) ? doc.value : {};
  const dependencies: Chart['dependencies'] = [];
  // apiVersion v1 charts list them in requirements.yaml.
  const requirements = readFileGuarded(path.join(path.dirname(file), 'requirements.yaml'), { maxBytes, within: realFolder(repo) });
  const required = requirements.ok ? parseManifestText(requirements.buffer.toString('utf8'), { version: '1.2' }).documents[0]?.value : undefined;
  for (const [list, at] of [[value.dependencies, true], [isObject(required) ? required.dependencies : undefined, false]] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((d: unknown, i) => {
      if (isObject(d) && typeof d.name === 'string') {
        dependencies.push({ name: d.name, repository: typeof d.repository === 'string' ? d.repository : undefined, at: at ? ['dependencies', i] : [] });
      }
    });
  }
  return {
    dir: path.dirname(file),
    file,
    name: typeof value.name === 'string' ? value.name : path.basename(path.dirname(file)),
    parsed,
    doc,
    library: value.type === 'library',
    dependencies,
  };
}

/** The charts among the scanned files; a chart inside another chart's folder is its subchart. */
export function findCharts(files: readonly string[], repo: string, maxBytes: number): Chart[] {
  const dirs = files.filter((f) => path.basename(f) === 'Chart.yaml').map((f) => path.dirname(f)).sort();
  const charts: Chart[] = [];
  for (const dir of dirs) {
    if (charts.some((c) => dir.startsWith(c.dir + path.sep))) continue;
    const chart = readChart(path.join(dir, 'Chart.yaml'), repo, maxBytes);
    if (chart) charts.push(chart);
  }
  return charts;
}

export interface ChartCopy {
  dir: string;
  /** Subchart folders of the copy that came from elsewhere in the repository (file:// dependencies). */
  copiedFrom: Map<string, string>;
  /** A dependency that is neither vendored nor a file:// path: helm would need the network. */
  missing?: { name: string; repository?: string; at: Path };
  remove(): void;
}

export function copyChart(chart: Chart, repo: string, maxFileSize: number): ChartCopy {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-helm-'));
  const dir = path.join(tmp, path.basename(chart.dir));
  const realRepo = realFolder(repo);
  const budget = { bytes: MAX_CHART_BYTES, files: MAX_CHART_FILES };
  copyTree(chart.dir, dir, realRepo, maxFileSize, budget);
  const copy: ChartCopy = { dir, copiedFrom: new Map(), remove: () => fs.rmSync(tmp, { recursive: true, force: true }) };
  for (const dep of chart.dependencies) {
    const charts = path.join(dir, 'charts');
    const present = fs.existsSync(path.join(charts, dep.name)) || (fs.existsSync(charts) && fs.readdirSync(charts).some((f) => f.startsWith(`${dep.name}-`) && f.endsWith('.tgz')));
    if (present) continue;
    if (dep.repository?.startsWith('file://')) {
      const source = path.resolve(chart.dir, dep.repository.slice('file://'.length));
      if (isInside(realFolder(source), realRepo) && fs.existsSync(path.join(source, 'Chart.yaml'))) {
        const target = path.join(charts, dep.name);
        copyTree(source, target, realRepo, maxFileSize, budget);
        copy.copiedFrom.set(target, source);
        continue;
      }
    }
    copy.missing ??= dep;
  }
  return copy;
}

/** Regular files only, each inside the repository and under the limit; links are not followed out. */
function copyTree(
  from: string,
  to: string,
  realRepo: string,
  maxFileSize: number,
  budget: { bytes: number; files: number },
  onPath: ReadonlySet<string> = new Set([realFolder(from)]),
): void {
  fs.mkdirSync(to, { recursive: true });
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const source = path.join(from, entry.name);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(source);
    } catch {
      continue;
    }
    const real = realFolder(source);
    if (!isInside(real, realRepo)) continue;
    if (stats.isDirectory()) {
      // A link back to a folder being copied (`templates/loop -> ..`) would copy without end.
      if (onPath.has(real)) continue;
      copyTree(source, path.join(to, entry.name), realRepo, maxFileSize, budget, new Set([...onPath, real]));
    }
    else if (stats.isFile() && budget.files > 0 && budget.bytes >= stats.size) {
      const read = readFileGuarded(source, { maxBytes: maxFileSize, within: realRepo });
      if (!read.ok) continue;
      budget.files--;
      budget.bytes -= read.buffer.length;
      fs.writeFileSync(path.join(to, entry.name), read.buffer);
    }
  }
}

/** Helm wants a release name it could install: lower-case letters, digits and dashes. */
export function releaseName(chart: Chart): string {
  const name = path.basename(chart.dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 53);
  return name || 'release';
}
