// Fixture cases: every manifest under __tests__/fixtures/cases is linted on its own, and the
// findings must be exactly the ones the file announces.
//
//   image: fluentd:latest        # expect: sidecar-image-pinned
//   name: web                    # expect: unique-container-names, shared-volume-declared
//   # expect-skipped             (anywhere: the file is reported as skipped, with no findings)
//
// `# expect:` at the end of a line means one finding of each listed rule on that line (a rule
// listed twice means two findings). JSON has no comments: `NAME.json.expect` beside the file lists
// `LINE rule-id` lines (and may say `expect-skipped`). A file that expects nothing must be clean.
// Findings are compared as a multiset of "<line> <rule>"; columns are the unit tests' business.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../src/lint.js';
import type { Finding, Report } from '../src/types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CASES_ROOT = path.join(HERE, 'fixtures', 'cases');
/** Deleting cases by accident must not make the suite pass quietly. */
const MIN_CASES = 40;

const MANIFEST = /\.(ya?ml|json)$/i;
const KUSTOMIZATION = /^kustomization\.ya?ml$/i;
const EXPECT_COMMENT = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;
const EXPECT_SKIPPED = /#\s*expect-skipped\b/;
const EXPECT_FILE_LINE = /^(\d+)\s+([a-z0-9-]+)$/;

interface Expectations {
  /** "<line> <rule>", one entry per expected finding. */
  findings: string[];
  skipped: boolean;
}

function listCases(dir: string, orphans: string[] = []): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listCases(abs, orphans));
    else if (entry.isFile() && MANIFEST.test(entry.name) && !KUSTOMIZATION.test(entry.name)) out.push(abs);
    else if (entry.isFile() && entry.name.endsWith('.expect') && !fs.existsSync(abs.slice(0, -'.expect'.length))) orphans.push(abs);
  }
  return out;
}

function expectationsOf(file: string): Expectations {
  const result: Expectations = { findings: [], skipped: false };
  const text = fs.readFileSync(file, 'utf8');
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (EXPECT_SKIPPED.test(line)) result.skipped = true;
    const match = EXPECT_COMMENT.exec(line);
    if (match) for (const rule of match[1]!.split(',')) result.findings.push(`${i + 1} ${rule.trim()}`);
  });
  const sidecar = `${file}.expect`;
  if (fs.existsSync(sidecar)) {
    fs.readFileSync(sidecar, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .forEach((l, i) => {
        if (l === '' || l.startsWith('#')) return;
        if (l === 'expect-skipped') {
          result.skipped = true;
          return;
        }
        const match = EXPECT_FILE_LINE.exec(l);
        if (!match) throw new Error(`${sidecar}:${i + 1}: expected "LINE rule-id" or "expect-skipped", got ${JSON.stringify(l)}`);
        result.findings.push(`${match[1]} ${match[2]}`);
      });
  }
  return result;
}

function key(f: Finding): string {
  return `${f.line} ${f.rule}`;
}

/** Removes one occurrence of each of `take` from `from`; what remains in each is the mismatch. */
function multisetDiff(expected: string[], actual: string[]): { missing: string[]; unexpected: string[] } {
  const pool = new Map<string, number>();
  for (const e of expected) pool.set(e, (pool.get(e) ?? 0) + 1);
  const unexpected: string[] = [];
  for (const a of actual) {
    const n = pool.get(a) ?? 0;
    if (n > 0) pool.set(a, n - 1);
    else unexpected.push(a);
  }
  const missing = [...pool].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { missing, unexpected };
}

function byLine(a: string, b: string): number {
  return Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0);
}

function explain(rel: string, text: string, expected: Expectations, report: Report, problems: string[]): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const source = (n: number) => (lines[n - 1] ?? '').trim();
  const out = [`${rel}: findings differ from the expectations`, ...problems.map((p) => `  ! ${p}`), '  expected:'];
  if (expected.skipped) out.push('    (skipped)');
  for (const e of [...expected.findings].sort(byLine)) out.push(`    ${e.padEnd(40)} | ${source(Number.parseInt(e, 10))}`);
  if (!expected.skipped && expected.findings.length === 0) out.push('    (no findings)');
  out.push('  actual:');
  for (const s of report.skipped) out.push(`    (skipped${s.line ? ` at line ${s.line}` : ''}: ${s.reason})`);
  for (const f of report.findings) out.push(`    ${`${key(f)}:${f.column}`.padEnd(40)} | ${f.message}`);
  for (const p of report.problems) out.push(`    (problem: ${p.file ?? ''} ${p.message})`);
  if (report.findings.length === 0 && report.skipped.length === 0 && report.problems.length === 0) out.push('    (no findings)');
  return out.join('\n');
}

const orphanExpectFiles: string[] = [];
const cases = listCases(CASES_ROOT, orphanExpectFiles);

test(`at least ${MIN_CASES} fixture cases are present`, () => {
  expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
});

test('every .expect file sits beside its manifest', () => {
  expect(orphanExpectFiles.map((f) => path.relative(CASES_ROOT, f))).toEqual([]);
});

describe('fixture cases', () => {
  test.each(cases.map((abs) => [path.relative(CASES_ROOT, abs).split(path.sep).join('/'), abs]))('%s', async (rel, abs) => {
    const expected = expectationsOf(abs);
    const report = await lint({ paths: [abs], cwd: CASES_ROOT });
    const problems: string[] = [];

    const isSkipped = report.skipped.some((s) => s.file === rel);
    if (expected.skipped && !isSkipped) problems.push('the file should be skipped, and is not');
    if (!expected.skipped && isSkipped) problems.push('the file was skipped, and should be checked');
    if (expected.skipped && expected.findings.length > 0) problems.push('a skipped file cannot expect findings');
    for (const p of report.problems) problems.push(`run problem: ${p.file ?? ''} ${p.message}`);
    for (const f of report.findings) if (f.file !== rel) problems.push(`finding in another file: ${f.file}:${f.line} ${f.rule}`);

    const { missing, unexpected } = multisetDiff(expected.findings, report.findings.map(key));
    for (const m of missing.sort(byLine)) problems.push(`missing:    ${m}`);
    for (const u of unexpected.sort(byLine)) problems.push(`unexpected: ${u}`);

    if (problems.length > 0) throw new Error(explain(rel, fs.readFileSync(abs, 'utf8'), expected, report, problems));
  });
});
