// `npm test` must pass in a checkout with nothing beside it (GitHub's CI has no ../shared): a
// test that reads the shared corpus belongs in __tests__/corpus/, run by `npm run test:corpus`.
import fs from 'node:fs';
import path from 'node:path';

const tests = path.resolve(process.cwd(), '__tests__');
const READS_SHARED = /shared[\\/]corpus|['"]\.\.['"]\s*,\s*['"]shared['"]|\.\.\/shared\b/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === path.join(tests, 'corpus') || e.name === 'fixtures' ? [] : files(full);
    return /\.[cm]?[jt]s$/.test(e.name) ? [full] : [];
  });
}

test('no unit test reads ../shared', () => {
  const self = path.join(tests, 'self-contained.test.ts');
  const offenders = files(tests).filter((f) => f !== self && READS_SHARED.test(fs.readFileSync(f, 'utf8')));
  expect(files(tests).length).toBeGreaterThan(10);
  expect(offenders.map((f) => path.relative(tests, f))).toEqual([]);
});

test('the check would see a test that does', () => {
  expect(READS_SHARED.test("path.resolve(root, '..', 'shared', 'corpus', 'real')")).toBe(true);
  expect(READS_SHARED.test("fs.readdirSync('../shared/corpus/trees')")).toBe(true);
});
