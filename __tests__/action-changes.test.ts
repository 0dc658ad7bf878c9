// `only-changed` without a network: patch hunks to added lines, the PR's file list to a change
// set, and the filter over a report (with a fake API for the fallbacks).
import { ALL_RULES } from '../src/rules/index.js';
import { expect, test } from '@jest/globals';
import { addedLines } from '../src/action/diff.js';
import { isChanged, keepChanged, listPullRequestFiles, narrowToChanges, PR_FILES_LIMIT, toChangeSet, type PullRequestFile } from '../src/action/changed-files.js';
import type { RunContext } from '../src/action/event.js';
import type { GitHubApi } from '../src/action/octokit.js';
import type { Finding, Report } from '../src/types.js';
import { captureStdout } from './helpers/stdout.js';

captureStdout();

test('added lines are the + lines, numbered on the new side across hunks', () => {
  const patch = [
    '@@ -1,4 +1,5 @@',
    ' apiVersion: v1',
    '-kind: Pod',
    '+kind: Deployment', // 2: a modified line
    '+metadata: {}', // 3: an added line
    ' spec:',
    ' ',
    '@@ -20,3 +21,2 @@ spec:',
    ' a',
    '-b',
    ' c',
    '\\ No newline at end of file',
    '@@ -40 +40 @@',
    '-x',
    '+y', // 40
  ].join('\n');
  expect([...addedLines(patch)]).toEqual([2, 3, 40]);
});

test('a new file is added from line 1; an empty patch adds nothing', () => {
  expect([...addedLines('@@ -0,0 +1,3 @@\n+a\n+b\n+c')]).toEqual([1, 2, 3]);
  expect(addedLines('').size).toBe(0);
});

test('blank context lines that lost their space still count; text after a hunk does not', () => {
  expect([...addedLines('@@ -1,3 +1,4 @@\n a\n\n+b\n c\n+not in the hunk')]).toEqual([3]);
});

const files: PullRequestFile[] = [
  { filename: 'k8s/app.yaml', status: 'modified', patch: '@@ -5,2 +5,3 @@\n a\n+b\n c', changes: 1 },
  { filename: 'k8s/new-name.yaml', status: 'renamed', patch: '@@ -1 +1 @@\n-x\n+y', changes: 2 },
  { filename: 'k8s/gone.yaml', status: 'removed', patch: '@@ -1 +0,0 @@\n-x', changes: 1 },
  { filename: 'k8s/huge.yaml', status: 'modified', changes: 9000 },
  { filename: 'k8s/moved.yaml', status: 'renamed', changes: 0 },
];

function finding(file: string, line: number, severity: Finding['severity'] = 'error', endLine = line): Finding {
  return { rule: 'sidecar-image-pinned', severity, message: 'm', file, line, column: 1, endLine, endColumn: 2 };
}

test('removed files are not changed files; renamed ones count under their new name', () => {
  const changes = toChangeSet(files);
  expect([...changes.keys()].sort()).toEqual(['k8s/app.yaml', 'k8s/huge.yaml', 'k8s/moved.yaml', 'k8s/new-name.yaml']);
  expect(changes.get('k8s/huge.yaml')).toBe('whole');
  expect([...(changes.get('k8s/moved.yaml') as Set<number>)]).toEqual([]);
});

test('files keeps every finding of a changed file; lines only those on (or spanning) a + line', () => {
  const changes = toChangeSet(files);
  expect(isChanged(finding('k8s/app.yaml', 99), changes, 'files')).toBe(true);
  expect(isChanged(finding('k8s/other.yaml', 1), changes, 'files')).toBe(false);
  expect(isChanged(finding('k8s/gone.yaml', 1), changes, 'files')).toBe(false);
  expect(isChanged(finding('k8s/app.yaml', 6), changes, 'lines')).toBe(true);
  expect(isChanged(finding('k8s/app.yaml', 5), changes, 'lines')).toBe(false);
  expect(isChanged(finding('k8s/app.yaml', 4, 'error', 6), changes, 'lines')).toBe(true);
  expect(isChanged(finding('k8s/huge.yaml', 1234), changes, 'lines')).toBe(true);
  expect(isChanged(finding('k8s/moved.yaml', 1), changes, 'lines')).toBe(false);
  expect(isChanged(finding('k8s/moved.yaml', 1), changes, 'files')).toBe(true);
});

function report(findings: Finding[]): Report {
  const summary = { files: 3, documents: 3, resources: 3, pods: 3, errors: 0, warnings: 0, notices: 0, suppressed: 0 };
  for (const f of findings) summary[`${f.severity}s`]++;
  return { findings, rules: ALL_RULES, skipped: [], problems: [], summary };
}

test('keepChanged recounts the severities of what it keeps', () => {
  const r = report([finding('k8s/app.yaml', 6), finding('k8s/app.yaml', 9, 'warning'), finding('k8s/other.yaml', 1, 'notice')]);
  const kept = keepChanged(r, toChangeSet(files), 'lines');
  expect(kept.findings).toHaveLength(1);
  expect(kept.summary).toMatchObject({ files: 3, errors: 1, warnings: 0, notices: 0 });
});

const prContext: RunContext = {
  workspace: '/w',
  eventName: 'pull_request',
  repository: { owner: 'o', repo: 'r' },
  sha: 'head',
  serverUrl: 'https://github.com',
  pullRequest: { number: 7, headSha: 'head', changedFiles: 5 },
};

/** Answers the file list page by page (100 a page) from what `list` resolves to. */
function fakeApi(list: () => Promise<unknown>): GitHubApi & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    request: async (route, parameters = {}) => {
      calls.push([route, parameters]);
      const all = await list();
      const page = Number(parameters.page);
      return { status: 200, data: Array.isArray(all) ? all.slice((page - 1) * 100, page * 100) : all };
    },
  };
}

test('narrowToChanges asks for the PR files and filters; off leaves the report alone', async () => {
  const r = report([finding('k8s/app.yaml', 6), finding('k8s/other.yaml', 1)]);
  const api = fakeApi(async () => files);
  const narrowed = await narrowToChanges(r, 'files', prContext, api);
  expect(api.calls).toEqual([['GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: 'o', repo: 'r', pull_number: 7, per_page: 100, page: 1 }]]);
  expect(narrowed.report.findings.map((f) => f.file)).toEqual(['k8s/app.yaml']);
  expect(narrowed.note).toMatch(/1 other finding left out/);
  expect(await narrowToChanges(r, 'false', prContext, api)).toEqual({ report: r, level: 'notice' });
});

test('every finding is kept, with a note, whenever the changes cannot be known', async () => {
  const r = report([finding('k8s/app.yaml', 6), finding('k8s/other.yaml', 1)]);
  const api = fakeApi(async () => files);
  const push = await narrowToChanges(r, 'lines', { ...prContext, eventName: 'push', pullRequest: undefined }, api);
  expect(push.report).toBe(r);
  expect(push.note).toMatch(/not to this push event/);

  const tooMany = await narrowToChanges(r, 'lines', { ...prContext, pullRequest: { number: 7, headSha: 'h', changedFiles: PR_FILES_LIMIT + 1 } }, api);
  expect(tooMany.report).toBe(r);
  expect(tooMany.note).toMatch(/at most 3000/);
  expect(api.calls).toHaveLength(0);

  const cut = await narrowToChanges(r, 'lines', prContext, fakeApi(async () => Array.from({ length: PR_FILES_LIMIT }, (_, i) => ({ filename: `f${i}.yaml`, status: 'added' }))));
  expect(cut.report).toBe(r);

  const failing = await narrowToChanges(r, 'lines', prContext, fakeApi(async () => Promise.reject(Object.assign(new Error('Server Error'), { status: 502, response: {} }))));
  expect(failing).toMatchObject({ report: r, level: 'warning' });
  expect(failing.note).toMatch(/HTTP 502: Server Error/);

  const noToken = await narrowToChanges(r, 'files', prContext, undefined);
  expect(noToken).toMatchObject({ report: r, level: 'warning' });
});

test('a full page asks for the next one; a short page is the last, whatever the Link header says', async () => {
  const many = Array.from({ length: 250 }, (_, i) => ({ filename: `f${i}.yaml`, status: 'modified', changes: 1 }));
  const api = fakeApi(async () => many);
  const narrowed = await narrowToChanges(report([finding('f249.yaml', 1), finding('other.yaml', 1)]), 'files', prContext, api);
  expect(api.calls.map((c) => (c[1] as { page: number }).page)).toEqual([1, 2, 3]);
  expect(narrowed.report.findings.map((f) => f.file)).toEqual(['f249.yaml']);
  const exact = fakeApi(async () => many.slice(0, 200));
  await narrowToChanges(report([]), 'files', prContext, exact);
  expect(exact.calls).toHaveLength(3); // the third page is empty
});

test('a malformed file list keeps every finding, with a warning that says what was wrong', async () => {
  const r = report([finding('k8s/app.yaml', 6), finding('k8s/other.yaml', 1)]);
  const cases: [unknown, RegExp][] = [
    ['<html>Unicorn!</html>', /page 1 of the file list is not a list/],
    [{ files: [] }, /page 1 of the file list is not a list/],
    [[...files.slice(0, 2), null], /entry 3 of the file list is not a file/],
    [[{ filename: 'k8s/app.yaml' }], /entry 1 of the file list is not a file/],
    [[{ filename: 7, status: 'added' }], /entry 1/],
    [[{ filename: 'a', status: 'modified', patch: ['@@'] }], /entry 1/],
    [[{ filename: 'a', status: 'modified', changes: -1 }], /entry 1/],
    [[{ filename: 'a', status: 'modified', changes: '3' }], /entry 1/],
    [[[]], /entry 1/],
  ];
  for (const [answer, why] of cases) {
    const narrowed = await narrowToChanges(r, 'lines', prContext, fakeApi(async () => answer));
    expect(narrowed).toMatchObject({ report: r, level: 'warning' });
    expect(narrowed.note).toMatch(why);
    expect(narrowed.note).toMatch(/^only-changed: lines could not list the files of pull request #7 \(.*\); every finding is reported\.$/);
  }
  // More entries than a page holds is no answer GitHub gives.
  const flood = fakeApi(async () => undefined);
  flood.request = async () => ({ status: 200, data: Array.from({ length: 101 }, (_, i) => ({ filename: `f${i}`, status: 'added' })) });
  expect((await narrowToChanges(r, 'files', prContext, flood)).note).toMatch(/page 1 of the file list has 101 entries/);
});

test('past a total of patch text, files count whole rather than keep their patches in memory', async () => {
  const patch = '@@ -1 +1 @@\n-a\n+b'; // 17 characters
  const list = Array.from({ length: 5 }, (_, i) => ({ filename: `f${i}.yaml`, status: 'modified', changes: 0, patch }));
  const files = await listPullRequestFiles(fakeApi(async () => list), { owner: 'o', repo: 'r' }, 7, 3 * patch.length);
  expect(files.map((f) => f.patch !== undefined)).toEqual([true, true, true, false, false]);
  const changes = toChangeSet(files);
  expect([...(changes.get('f2.yaml') as Set<number>)]).toEqual([1]);
  expect(changes.get('f3.yaml')).toBe('whole');
});
