// The rendered half of a run: plan the roots, render them (a few at a time, while the plain files
// are checked), and fold their outcomes into one list. A base shared by several overlays yields
// the same finding once per overlay: those are one finding, whose detail names the overlays.
import type { FileSettings } from '../check-file.js';
import { plural } from '../report/words.js';
import type { Finding } from '../types.js';
import { planRoots, renderUnit, type RenderSettings, type RootOutcome, type RootPlan, type RootUnit } from './roots.js';

/** Renders at once at most: each is a process of its own, and the checking needs a core too. */
const CONCURRENT_RENDERS = 2;

export interface RenderRun {
  plan: RootPlan;
  /** Absolute paths not to check one by one: every file a root that will render consumes. */
  consumed: Set<string>;
  /** Resolves once every root is rendered and checked. */
  done: Promise<RootOutcome[]>;
}

/** `pick`: the roots to render here (a shard's, see shard.ts); the files of all stay consumed. */
export async function startRenders(
  files: readonly string[],
  cwd: string,
  settings: RenderSettings,
  fileSettings: FileSettings,
  pick?: (units: readonly RootUnit[]) => RootUnit[],
): Promise<RenderRun> {
  const plan = await planRoots(files, cwd, settings, fileSettings.maxFileSize);
  const consumed = new Set<string>();
  for (const unit of plan.units) for (const file of unit.files) consumed.add(file);
  const units = pick ? pick(plan.units) : plan.units;
  const done = mapLimited(units, CONCURRENT_RENDERS, (unit) => renderUnit(unit, plan, settings, fileSettings));
  return { plan, consumed, done };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** One finding per source line and rule: a shared base's finding names every root it came from. */
export function mergeAcrossRoots(findings: readonly Finding[]): Finding[] {
  const byPlace = new Map<string, { finding: Finding; roots: string[] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.source) {
      out.push(f);
      continue;
    }
    const key = [f.rule, f.file, f.line, f.column, f.message].join('\0');
    const seen = byPlace.get(key);
    if (seen) {
      if (!seen.roots.includes(f.source.root)) seen.roots.push(f.source.root);
      continue;
    }
    const entry = { finding: { ...f }, roots: [f.source.root] };
    byPlace.set(key, entry);
    out.push(entry.finding);
  }
  for (const { finding, roots } of byPlace.values()) {
    if (roots.length < 2) continue;
    const where = `rendered in ${roots.join(', ')}`;
    finding.detail = finding.detail ? `${finding.detail} (${where})` : where;
  }
  return out;
}

/** What the text output and job summary say of the rendered sources. */
export function renderNotices(plan: RootPlan): string[] {
  const notices: string[] = [];
  const { kustomize, helm } = plan.unrendered;
  if (kustomize.length > 0) {
    notices.push(
      `${plural(kustomize.length, 'kustomization')} not rendered: no kustomize or kubectl found (install kubectl, https://kubernetes.io/docs/tasks/tools/, ` +
        `or set render.kustomize in .podlint.yml); their files were checked one by one`,
    );
  }
  if (helm.length > 0) {
    notices.push(
      `${plural(helm.length, 'Helm chart')} not rendered: no helm found (install it, https://helm.sh/docs/intro/install/, or set render.helm in .podlint.yml); ` +
        `their templates were skipped`,
    );
  }
  return notices;
}
