// Shards (`--shard K/N`, the Action's `shard` input): N runs that together are one run, each
// file (or rendered root with the roots it shares files with) in exactly one of them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../src/lint.js';
import { toSarif } from '../src/report/sarif.js';
import { checkRunName } from '../src/action/checks.js';
import { readInputs } from '../src/action/inputs.js';
import { parseShard, shardOfKey, unitsOfShard } from '../src/shard.js';
import type { RootUnit } from '../src/source/roots.js';
import type { Report } from '../src/types.js';
import { compareFindings } from '../src/lint.js';
import { runCli } from '../src/cli.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES = path.relative(process.cwd(), path.join(HERE, 'fixtures', 'cases'));

const byText = <T>(list: readonly T[]) => [...list].map((x) => JSON.stringify(x)).sort();

describe('four shards', () => {
  let whole: Report;
  let shards: Report[];

  beforeAll(async () => {
    whole = await lint({ paths: [CASES] });
    shards = [];
    for (let index = 1; index <= 4; index++) shards.push(await lint({ paths: [CASES], shard: { index, count: 4 } }));
  }, 240_000);

  test('together give the findings of one whole run, each finding in one shard', () => {
    const union = shards.flatMap((s) => s.findings).sort(compareFindings);
    expect(union).toEqual(whole.findings);
    expect(shards.filter((s) => s.findings.length > 0).length).toBeGreaterThanOrEqual(3);
  });

  test('together count what one whole run counts', () => {
    for (const key of ['files', 'documents', 'resources', 'pods', 'errors', 'warnings', 'notices', 'suppressed'] as const) {
      expect([key, shards.reduce((sum, s) => sum + s.summary[key], 0)]).toEqual([key, whole.summary[key]]);
    }
  });

  test('together skip, and render, what one whole run does', () => {
    expect(byText(shards.flatMap((s) => s.skipped))).toEqual(byText(whole.skipped));
    expect(byText(shards.flatMap((s) => s.problems))).toEqual(byText(whole.problems));
    const roots = (r: Report) => (r.rendered ?? []).map((x) => ({ ...x, millis: 0 }));
    expect(byText(shards.flatMap(roots))).toEqual(byText(roots(whole)));
  });

  test('say which shard they are, and SARIF gives each its own category', () => {
    expect(shards.map((s) => s.shard)).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect(toSarif(shards[1]!).runs[0]!.automationDetails).toEqual({ id: 'podlint/shard-2-of-4/' });
    expect(toSarif(whole).runs[0]!.automationDetails).toBeUndefined();
  });
});

describe('the split', () => {
  test('is by path and the same in every job', () => {
    expect(shardOfKey('k8s/web.yaml', 4)).toBe(shardOfKey('k8s/web.yaml', 4));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardOfKey(`apps/app-${i}/deploy.yaml`, 4) - 1]!++;
    for (const count of counts) expect(count).toBeGreaterThan(60);
  });

  test('keeps roots that share a file in one shard', () => {
    const unit = (dir: string, files: string[]): RootUnit => ({ kind: 'kustomize', dir: `/r/${dir}`, files: new Set(files.map((f) => `/r/${f}`)) });
    const units = [
      unit('overlays/prod', ['overlays/prod/k.yaml', 'base/d.yaml']),
      unit('overlays/dev', ['overlays/dev/k.yaml', 'base/d.yaml']),
      unit('other', ['other/k.yaml']),
      ...Array.from({ length: 20 }, (_, i) => unit(`app${i}`, [`app${i}/k.yaml`])),
    ];
    const picked = [1, 2, 3, 4].map((index) => unitsOfShard(units, { index, count: 4 }, (abs) => abs.slice(3)));
    expect(picked.flat().length).toBe(units.length);
    const withProd = picked.find((p) => p.some((u) => u.dir === '/r/overlays/prod'))!;
    expect(withProd.some((u) => u.dir === '/r/overlays/dev')).toBe(true);
  });
});

describe('K/N', () => {
  test.each(['1/1', '2/4', '4/4', ' 3 / 8 ', '256/256'])('%j is a shard', (text) => {
    expect(parseShard(text)).toBeDefined();
  });
  test.each(['0/4', '5/4', '1/0', '1', '1/2/3', 'a/b', '-1/4', '1/257', ''])('%j is not', (text) => {
    expect(parseShard(text)).toBeUndefined();
  });

  test('the CLI refuses a bad one with exit 2', async () => {
    let stderr = '';
    const io = { cwd: process.cwd(), env: {}, stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } };
    expect(await runCli(['--shard', '5/4', CASES], io)).toBe(2);
    expect(stderr).toContain('--shard takes K/N');
  });

  test('the Action reads its `shard` input and names its check run after it', () => {
    const inputs = readInputs((name) => (name === 'shard' ? '2/3' : ''));
    expect(inputs.shard).toEqual({ index: 2, count: 3 });
    expect(checkRunName(inputs.shard)).toBe('podlint (shard 2/3)');
    expect(checkRunName(undefined)).toBe('podlint');
    expect(() => readInputs((name) => (name === 'shard' ? '3/2' : ''))).toThrow(/input "shard"/);
  });
});
