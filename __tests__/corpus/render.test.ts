// The render sweep: every root of ../shared/corpus/trees/RENDER.tsv rendered with the real tools
// (kubectl 1.32 / helm 3.17 and kubectl 1.34 / helm 4.1) and checked without a crash; each
// finding inside its file; the roots listed as failing give a render finding with a clear reason.
import fs from 'node:fs';
import path from 'node:path';
import { lint } from '../../src/lint.js';
import type { Report } from '../../src/types.js';
import { toolSets } from '../helpers/k8s-tools.js';

const trees = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'trees');

interface Row {
  kind: 'kustomize' | 'helm' | 'fail';
  path: string;
  command: string;
  resources: string;
}

const rows: Row[] = fs
  .readFileSync(path.join(trees, 'RENDER.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => {
    const [kind, p, command, resources] = l.split('\t');
    return { kind: kind as Row['kind'], path: p!, command: command!, resources: resources! };
  });

/** The render settings a RENDER.tsv command asks for: -f files, --set pairs, kustomize flags. */
function settingsOf(row: Row, tools: { helm: string; kubectl: string }) {
  const words = row.command.split(' ');
  const values: string[] = [];
  const set: Record<string, string> = {};
  const flags: string[] = [];
  words.forEach((w, i) => {
    if (w === '-f') values.push(path.join(trees, words[i + 1]!));
    if (w === '--set') {
      const [k, ...v] = words[i + 1]!.split('=');
      set[k!] = v.join('=');
    }
    if (w === '--load-restrictor') flags.push(w, words[i + 1]!);
  });
  return { helm: tools.helm, kustomize: tools.kubectl, kustomizeFlags: flags, charts: { [row.path]: { values, set } } };
}

function inside(report: Report): string[] {
  const bad: string[] = [];
  for (const f of report.findings) {
    const lines = fs.readFileSync(path.join(trees, f.file), 'utf8').split('\n');
    if (!(f.line >= 1 && f.line <= lines.length)) bad.push(`${f.file}:${f.line} ${f.rule}`);
  }
  return bad;
}

test('RENDER.tsv lists the roots it says', () => {
  expect(rows.filter((r) => r.kind === 'fail').length).toBe(18);
  expect(rows.length).toBeGreaterThan(90);
});

describe.each(toolSets())('with the %s tools', (_name, tools) => {
  test.each(rows.filter((r) => r.kind !== 'fail').map((r) => [r.path, r.command.split(' ').slice(3).join(' '), r]))('%s renders %s', async (_p, _c, row) => {
    const r = row as Row;
    const report = await lint({ paths: [r.path], cwd: trees, render: settingsOf(r, tools) });
    const root = report.rendered?.find((x) => x.root === r.path);
    expect(root).toBeDefined();
    const render = report.findings.filter((f) => f.rule === 'render');
    expect(render.map((f) => f.message)).toEqual([]);
    if (r.kind === 'kustomize') expect(root!.resources).toBe(Number(r.resources));
    expect(inside(report)).toEqual([]);
  });

  test.each(rows.filter((r) => r.kind === 'fail').map((r) => [r.path, r]))('%s fails with a clear message', async (_p, row) => {
    const r = row as Row;
    const report = await lint({ paths: [r.path], cwd: trees, render: settingsOf(r, tools) });
    // A failure of the tree's own making is a render finding; one that needs what podlint does not
    // do offline (the network, plugins) is a notice naming the line that asked for it.
    const render = report.findings.filter((f) => f.rule === 'render');
    const notices = (report.notices ?? []).filter((n) => n.includes(`${r.path}/`));
    expect(render.length + notices.length).toBeGreaterThanOrEqual(1);
    for (const f of render) expect(f.message).toMatch(/cannot be rendered: .{10,}/);
    for (const n of notices) expect(n).toMatch(/not rendered: .{10,}: \S+:\d+/);
    for (const text of [...render.map((f) => f.message), ...notices]) expect(text).not.toMatch(/podlint-(kustomize|helm)-|\/tmp\/|\/work\//);
    expect(inside(report)).toEqual([]);
  });
});
