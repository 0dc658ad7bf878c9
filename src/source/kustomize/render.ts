// Building one kustomization root with origin annotations, without writing into the user's tree:
// a wrapper kustomization in a temporary folder names the root as its only resource and asks for
// `buildMetadata: [originAnnotations]`. Kustomize's own load restrictions stay as they are (the
// wrapper adds no flag). The annotations are taken out of the output again, so what is checked is
// what would be deployed, and each document keeps the file it came from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTool, type ToolRun } from '../run-tool.js';
import type { Tool } from '../tools.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface Origin {
  /** The file the resource was read from (absolute), when kustomize says. */
  file?: string;
  /** For generated resources: the kustomization that configured the generator. */
  configuredIn?: string;
}

export interface KustomizeBuild {
  run: ToolRun;
  /** The output with the origin annotations taken out. */
  text?: string;
  /** One per document of `text`, in order. */
  origins: Origin[];
  /** The root's path as the wrapper names it, which kustomize's messages repeat. */
  wrapperRel?: string;
}

export interface BuildOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Extra flags from the config (`--enable-helm`, `--load-restrictor LoadRestrictionsNone`). */
  flags: readonly string[];
}

export async function buildKustomization(tool: Tool, root: string, options: BuildOptions): Promise<KustomizeBuild> {
  const wrapper = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-kustomize-'));
  try {
    // Kustomize refuses an absolute resource path; a relative one from the wrapper is fine.
    const rel = path.relative(wrapper, root).split(path.sep).join('/');
    fs.writeFileSync(
      path.join(wrapper, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${JSON.stringify(rel)}\nbuildMetadata: [originAnnotations]\n`,
    );
    const run = await runTool(tool.command, [...tool.prefix, wrapper, ...options.flags], { cwd: wrapper, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
    if (run.code !== 0 || run.stopped) return { run, origins: [], wrapperRel: rel };
    return { run, wrapperRel: rel, ...takeOrigins(run.stdout, wrapper) };
  } finally {
    fs.rmSync(wrapper, { recursive: true, force: true });
  }
}

/**
 * Kustomize writes every document the same way (keys sorted, two-space indent), so the origin
 * annotation is always `metadata:` → `  annotations:` → `    config.kubernetes.io/origin: |`
 * followed by its lines at six spaces. It is cut out line by line, and `annotations:` with it when
 * nothing else was annotated.
 */
export function takeOrigins(output: string, wrapperDir: string): { text: string; origins: Origin[] } {
  const origins: Origin[] = [];
  const docs = output.split(/^---\n/m);
  const kept = docs.map((doc) => {
    const lines = doc.split('\n');
    const origin: Origin = {};
    let inMetadata = false;
    let annotationsAt = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (/^\S/.test(line)) inMetadata = line === 'metadata:';
      else if (inMetadata && line === '  annotations:') annotationsAt = i;
      else if (inMetadata && annotationsAt >= 0 && line === `    ${ORIGIN_ANNOTATION}: |`) {
        let end = i + 1;
        while (end < lines.length && lines[end]!.startsWith('      ')) end++;
        for (const body of lines.slice(i + 1, end)) {
          const m = /^ {6}(path|configuredIn): (.+)$/.exec(body);
          if (m) origin[m[1] === 'path' ? 'file' : 'configuredIn'] = path.resolve(wrapperDir, unquote(m[2]!));
        }
        lines.splice(i, end - i);
        const onlyOne = annotationsAt === i - 1 && !(lines[i] ?? '').startsWith('    ');
        if (onlyOne) lines.splice(annotationsAt, 1);
        break;
      }
    }
    if (doc.trim() !== '') origins.push(origin);
    return lines.join('\n');
  });
  return { text: kept.join('---\n'), origins };
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}
