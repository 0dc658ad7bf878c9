// `helm template` of one chart copy (chart.ts), with the values files and `--set` values the
// config names for it, and the way back from its `# Source:` paths to the repository's files.
import fs from 'node:fs';
import path from 'node:path';
import { readFileGuarded, realFolder } from '../../fs/read-file.js';
import { runTool, type ToolRun } from '../run-tool.js';
import type { Tool } from '../tools.js';
import type { Chart, ChartCopy } from './chart.js';
import { releaseName } from './chart.js';
import type { TemplateFile } from './place.js';

export interface ChartValues {
  /** Values files (absolute), applied after the chart's values.yaml, in order. */
  values?: readonly string[];
  /** `--set` pairs. */
  set?: Readonly<Record<string, string | number | boolean>>;
  release?: string;
}

export interface HelmRender {
  run: ToolRun;
  /** The values files in the order helm applies them: the chart's own first (absolute, repository paths). */
  valuesFiles: string[];
  /** A values file that could not be read (outside the repository, missing). */
  unreadable?: string;
}

export async function renderChart(tool: Tool, chart: Chart, copy: ChartCopy, options: ChartValues & { timeoutMs: number; maxBytes: number; repo: string; maxFileSize: number }): Promise<HelmRender> {
  const args = [...tool.prefix, options.release ?? releaseName(chart), copy.dir];
  const valuesFiles = [path.join(chart.dir, 'values.yaml')];
  for (const [i, file] of (options.values ?? []).entries()) {
    // Helm reads values files itself: it gets a copy read through the guarded reader.
    const read = readFileGuarded(file, { maxBytes: options.maxFileSize, within: realFolder(options.repo) });
    if (!read.ok) return { run: { code: null, stdout: '', stderr: '' }, valuesFiles, unreadable: file };
    const copied = path.join(path.dirname(copy.dir), `values-${i}.yaml`);
    fs.writeFileSync(copied, read.buffer);
    args.push('--values', copied);
    valuesFiles.push(file);
  }
  for (const [key, value] of Object.entries(options.set ?? {})) args.push('--set', `${key}=${String(value)}`);
  const run = await runTool(tool.command, args, { cwd: path.dirname(copy.dir), timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
  return { run, valuesFiles };
}

/** `CHART/templates/x.yaml` and `CHART/charts/SUB/templates/x.yaml` → the repository's file. */
export function chartSourceResolver(chart: Chart, copy: ChartCopy | undefined, relative: (abs: string) => string): (source: string) => TemplateFile | undefined {
  return (source) => {
    const rest = source.split('/').slice(1).join('/');
    if (!rest) return undefined;
    let abs = path.join(chart.dir, rest);
    if (copy) {
      for (const [target, origin] of copy.copiedFrom) {
        const inCopy = path.join(copy.dir, rest);
        if (inCopy.startsWith(target + path.sep)) abs = path.join(origin, path.relative(target, inCopy));
      }
    }
    return fs.existsSync(abs) ? { abs, rel: relative(abs) } : undefined;
  };
}

/** Where helm's error names a template: `(web/templates/x.yaml:19:21)`, `template: web/templates/x.yaml:12:20:`. */
export function errorLocation(message: string): { source: string; line?: number; column?: number } | undefined {
  const m = /([\w.-]+\/(?:charts\/[\w.-]+\/)*templates\/[^\s:()'"]+)(?::(\d+))?(?::(\d+))?/.exec(message);
  if (!m) return undefined;
  return { source: m[1]!, line: m[2] ? Number(m[2]) : undefined, column: m[3] ? Number(m[3]) : undefined };
}
