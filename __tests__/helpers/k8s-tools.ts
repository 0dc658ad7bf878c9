// The real helm and kubectl of scripts/k8s-tools.mjs (extracted once from devDependencies), for
// render tests: `{ v32: { helm, kubectl }, v34: { helm, kubectl } }`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ToolSet {
  helm: string;
  kubectl: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let cached: Record<string, ToolSet> | undefined;

export function k8sTools(): Record<string, ToolSet> {
  cached ??= JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'k8s-tools.mjs')], { encoding: 'utf8' })) as Record<string, ToolSet>;
  return cached;
}

/** Both tool sets, as `[name, tools]` rows for test.each; failing loudly when one is missing. */
export function toolSets(): [string, ToolSet][] {
  const tools = k8sTools();
  for (const name of ['v32', 'v34']) if (!tools[name]) throw new Error(`scripts/k8s-tools.mjs found no ${name} tool set: run npm ci`);
  return Object.entries(tools);
}
