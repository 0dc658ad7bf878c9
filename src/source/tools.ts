// Finding helm and kustomize: a path the config names, or the first on PATH. There is often no
// standalone kustomize (kubectl carries it as `kubectl kustomize`), so both are accepted.
import fs from 'node:fs';
import path from 'node:path';
import { runTool, toolEnv } from './run-tool.js';

/** `auto` finds the tool on PATH, `off` never renders, anything else is the tool's path. */
export type ToolSetting = 'auto' | 'off' | string;

export interface Tool {
  command: string;
  /** Put before the tool's own arguments: `['kustomize']` for kubectl, `['build']` for kustomize. */
  prefix: string[];
  /** Name and version for people: "helm v3.17.2", "kubectl v1.32.3 (kustomize v5.5.0)". */
  label: string;
}

const VERSION_TIMEOUT_MS = 10_000;

export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function versionOf(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const run = await runTool(command, args, { cwd: process.cwd(), timeoutMs: VERSION_TIMEOUT_MS, maxBytes: 64 * 1024 }, toolEnv(env));
  return run.code === 0 ? run.stdout.trim() : undefined;
}

export async function findKustomize(setting: ToolSetting, env: NodeJS.ProcessEnv = process.env): Promise<Tool | undefined> {
  if (setting === 'off') return undefined;
  const command = setting === 'auto' ? (onPath('kustomize', env) ?? onPath('kubectl', env)) : setting;
  if (command === undefined) return undefined;
  if (/kubectl[^/\\]*$/.test(path.basename(command))) {
    const json = await versionOf(command, ['version', '--client', '-o', 'json'], env);
    if (json === undefined) return undefined;
    let label = 'kubectl';
    try {
      const parsed = JSON.parse(json) as { clientVersion?: { gitVersion?: string }; kustomizeVersion?: string };
      label = `kubectl ${parsed.clientVersion?.gitVersion ?? ''} (kustomize ${parsed.kustomizeVersion ?? '?'})`.replace('  ', ' ');
    } catch {
      // an odd kubectl still renders
    }
    return { command, prefix: ['kustomize'], label };
  }
  const version = await versionOf(command, ['version'], env);
  if (version === undefined) return undefined;
  return { command, prefix: ['build'], label: `kustomize ${version.replace(/^\{?Version:/, '').split(/\s/)[0]}` };
}

export async function findHelm(setting: ToolSetting, env: NodeJS.ProcessEnv = process.env): Promise<Tool | undefined> {
  if (setting === 'off') return undefined;
  const command = setting === 'auto' ? onPath('helm', env) : setting;
  if (command === undefined) return undefined;
  const version = await versionOf(command, ['version', '--short'], env);
  if (version === undefined) return undefined;
  return { command, prefix: ['template'], label: `helm ${version.replace(/\+.*$/, '')}` };
}

/** helm 4 names its major version in `helm version`; its output differs in places (see RENDER.tsv). */
export function helmMajor(tool: Tool): number {
  const match = /helm v(\d+)/.exec(tool.label);
  return match ? Number(match[1]) : 3;
}
