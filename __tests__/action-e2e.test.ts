// The built Action (dist/index.js) run the way the runner runs it, against a local stand-in for
// GitHub's REST API: what it prints, the outputs, the job summary, the SARIF file and every
// request it makes, on push, on pull requests (a fork's too), with many findings, with failing
// and rate-limited requests, with only-changed, and with bad inputs. Needs `npm run build`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { pullRequestOpened, pushEvent } from './helpers/events.js';
import { CHECK_RUN, CHECK_RUNS, FakeGitHub, forbidden, PR_FILES, rateLimited, serverError } from './helpers/fake-github.js';
import { copyActionBundle, parseCommand, runAction, type ActionRun } from './helpers/run-action.js';

const OWNER = 'acme';
const REPO = 'shop';
const TOKEN = 'ghs_podlintE2eToken0123456789abcdefXYZ';
const PUSH_SHA = 'c'.repeat(40);
const MERGE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);
const SERVER = 'https://github.example';

let github: FakeGitHub;
let script: string;
let tmp: string;

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-e2e-')));
  script = copyActionBundle(tmp);
  github = await FakeGitHub.start();
});
afterAll(async () => {
  await github?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => github.reset());

let workspaces = 0;
function workspace(files: Record<string, string>): string {
  const root = path.join(tmp, `ws${++workspaces}`);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

/** A pod; without a shared volume it declares one that no container mounts: a multi-container-shared-volume warning. */
function pod(name: string, images: string[], sharedVolume = false): string {
  const mount = sharedVolume ? ', volumeMounts: [{ name: shared, mountPath: /s }]' : '';
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name} }`,
    'spec:',
    sharedVolume ? '  volumes: [{ name: shared, emptyDir: {} }]' : '  volumes: [{ name: spare, emptyDir: {} }]',
    '  containers:',
    ...images.map((image, i) => `    - { name: c${i}, image: "${image}"${mount} }`),
    '',
  ].join('\n');
}

/** One error (a sidecar on :latest) and one warning (a volume no container mounts). */
const ERROR_AND_WARNING = pod('web', ['shop/app:1.0', 'fluent/fluent-bit:latest']);
/** Where the flagged image stands on its line: the quoted scalar, quotes included, end exclusive. */
const IMAGE_COLUMNS = (() => {
  const line = ERROR_AND_WARNING.split('\n').find((l) => l.includes('latest'))!;
  const start = line.indexOf('"fluent/fluent-bit:latest"') + 1;
  return { start, end: start + '"fluent/fluent-bit:latest"'.length };
})();
/** One error only. */
const ONE_ERROR = (name: string) => pod(name, ['shop/app:1.0', 'fluent/fluent-bit:latest'], true);
const CLEAN = pod('clean', ['shop/app:1.0', 'fluent/fluent-bit:3.1.9'], true);

function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  return hits[nth]!;
}

type Event = 'push' | 'pull_request' | 'pull_request_target' | 'fork';

async function action(ws: string, options: { inputs?: Record<string, string>; event?: Event; changedFiles?: number } = {}): Promise<ActionRun> {
  const event = options.event ?? 'push';
  const isPr = event !== 'push';
  const payload = isPr
    ? pullRequestOpened({ owner: OWNER, repo: REPO, number: 42, headSha: HEAD_SHA, changedFiles: options.changedFiles, fromFork: event === 'fork' })
    : pushEvent({ owner: OWNER, repo: REPO, sha: PUSH_SHA });
  const run = await runAction({
    script,
    workspace: ws,
    inputs: { paths: '.', token: TOKEN, ...options.inputs },
    eventName: event === 'fork' ? 'pull_request' : event,
    payload,
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: isPr ? MERGE_SHA : PUSH_SHA,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: SERVER,
      PODLINT_TEST_FAST_RETRY: '1',
    },
  });
  expectTokenHidden(run);
  return run;
}

/** The token shows only in the ::add-mask:: command that hides it from the log. */
function expectTokenHidden(run: ActionRun): void {
  const lines = run.stdout.split('\n').filter((line) => line.includes(TOKEN));
  expect(lines.filter((line) => line !== `::add-mask::${TOKEN}`)).toEqual([]);
  expect(run.stderr).not.toContain(TOKEN);
  expect(run.summary).not.toContain(TOKEN);
  expect(Object.values(run.outputs).join('\n')).not.toContain(TOKEN);
}

/** Workflow commands that become annotations on files. */
function fileAnnotations(run: ActionRun) {
  return run.commands.filter((c) => / file=/.test(c.slice(0, c.indexOf('::', 2)))).map(parseCommand);
}

function lastLine(run: ActionRun): string {
  return run.stdout.trimEnd().split('\n').pop()!;
}

const checkRunCreations = () => github.to('POST', CHECK_RUNS);
const checkRunUpdates = () => github.to('PATCH', CHECK_RUN);
const sentAnnotations = () => [...checkRunCreations(), ...checkRunUpdates()].filter((r) => r.body).flatMap((r) => r.body.output.annotations);

describe('push', () => {
  test('without a token: workflow commands, outputs, job summary and SARIF; no request', async () => {
    const ws = workspace({ 'k8s/web.yaml': ERROR_AND_WARNING, 'k8s/clean.yaml': CLEAN });
    const run = await action(ws, { inputs: { token: '', 'sarif-file': 'out/podlint.sarif' } });
    expect(run.code).toBe(1);
    expect(github.requests).toEqual([]);
    const line = lineOf(ERROR_AND_WARNING, 'latest');
    expect(run.commands).toEqual([
      `::error file=k8s/web.yaml,line=${line},endLine=${line},col=${IMAGE_COLUMNS.start},endColumn=${IMAGE_COLUMNS.end},title=sidecar-image-pinned::${parseCommand(run.commands[0]!).message}`,
      expect.stringMatching(/^::warning file=k8s\/web.yaml,line=\d+,.*title=multi-container-shared-volume::volume "spare" is declared but no container mounts it/),
      '::error::podlint: 1 finding at or above fail-on level "error" (1 error, 1 warning, 0 notices).',
    ]);
    const sarifFile = path.join(ws, 'out/podlint.sarif');
    expect(run.outputs).toEqual({ errors: '1', warnings: '1', notices: '0', findings: '2', 'sarif-file': sarifFile });
    expect(run.summary).toContain(`[${line}](${SERVER}/${OWNER}/${REPO}/blob/${PUSH_SHA}/k8s/web.yaml#L${line})`);
    expect(run.summary).toContain('| `sidecar-image-pinned` | 1 | 0 | 0 |');
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['multi-container-shared-volume', 'sidecar-image-pinned']);
  });

  test('with a token: one successful check run on GITHUB_SHA, and SARIF with zero results', async () => {
    const run = await action(workspace({ 'k8s/clean.yaml': CLEAN }), { inputs: { 'sarif-file': 'podlint.sarif' } });
    expect(run.code).toBe(0);
    expect(github.requests).toHaveLength(1);
    const [create] = checkRunCreations();
    expect(create!.headers.authorization).toBe(`token ${TOKEN}`);
    expect(create!.body).toMatchObject({ name: 'podlint', head_sha: PUSH_SHA, status: 'completed', conclusion: 'success', output: { title: 'No problems found.', annotations: [] } });
    expect(lastLine(run)).toBe('podlint: No problems found.');
    expect(JSON.parse(fs.readFileSync(run.outputs['sarif-file']!, 'utf8')).runs[0].results).toEqual([]);
  });
});

describe('pull_request', () => {
  test('one check run on the head commit with every finding, concluded failure', async () => {
    const run = await action(workspace({ 'k8s/web.yaml': ERROR_AND_WARNING }), { event: 'pull_request' });
    expect(run.code).toBe(1);
    expect(checkRunCreations()).toHaveLength(1);
    expect(checkRunUpdates()).toHaveLength(0);
    const body = checkRunCreations()[0]!.body;
    expect(github.requests[0]!.path).toBe(`/repos/${OWNER}/${REPO}/check-runs`);
    expect(body).toMatchObject({ name: 'podlint', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
    expect(body.output.title).toBe('1 finding at or above fail-on level "error" (1 error, 1 warning, 0 notices).');
    expect(body.output.summary).toContain('| `multi-container-shared-volume` | 0 | 1 | 0 |');
    const line = lineOf(ERROR_AND_WARNING, 'latest');
    expect(body.output.annotations).toEqual([
      expect.objectContaining({ path: 'k8s/web.yaml', annotation_level: 'warning', title: 'multi-container-shared-volume' }),
      {
        path: 'k8s/web.yaml',
        start_line: line,
        end_line: line,
        start_column: IMAGE_COLUMNS.start,
        end_column: IMAGE_COLUMNS.end,
        annotation_level: 'failure',
        title: 'sidecar-image-pinned',
        message: expect.stringContaining('"fluent/fluent-bit:latest"'),
        raw_details: expect.stringMatching(/^Fix: /),
      },
    ]);
    expect(fileAnnotations(run)).toEqual([]); // annotations went into the check run
    expect(lastLine(run)).toMatch(/^::error::podlint: 1 finding at or above/);
    expect(run.summary).toContain(`/blob/${HEAD_SHA}/k8s/web.yaml#L${line}`);
    expect(run.summary).not.toContain(MERGE_SHA);
  });

  test("a fork's PR: the token may not create the check run (403), so a warning and workflow commands", async () => {
    github.answerOnce('POST', CHECK_RUNS, forbidden);
    const run = await action(workspace({ 'k8s/web.yaml': ERROR_AND_WARNING }), { event: 'fork' });
    expect(run.code).toBe(1);
    expect(checkRunCreations()).toHaveLength(1); // a 403 is not retried
    expect(run.commands).toContainEqual(expect.stringMatching(/^::warning::podlint: the token may not create check runs here \(HTTP 403: Resource not accessible by integration\), as on a pull request from a fork/));
    expect(fileAnnotations(run).map((c) => [c.command, c.properties.title])).toEqual([
      ['error', 'sidecar-image-pinned'],
      ['warning', 'multi-container-shared-volume'],
    ]);
    expect(lastLine(run)).toMatch(/^::error::podlint: 1 finding at or above/);
  });

  test('pull_request_target reports on the head commit too', async () => {
    const run = await action(workspace({ 'k8s/clean.yaml': CLEAN }), { event: 'pull_request_target' });
    expect(run.code).toBe(0);
    expect(checkRunCreations()[0]!.body.head_sha).toBe(HEAD_SHA);
  });
});

describe('many findings', () => {
  const many = Array.from({ length: 60 }, (_, i) => pod(`p${i}`, ['shop/app:1.0', 'fluent/fluent-bit:latest'])).join('---\n');

  test('the check run takes them 50 per request: one creation, then updates of the same run', async () => {
    const run = await action(workspace({ 'k8s/many.yaml': many }), { event: 'pull_request' });
    expect(run.code).toBe(1);
    expect(checkRunCreations()).toHaveLength(1);
    const id = FakeGitHub.FIRST_CHECK_RUN_ID;
    expect(checkRunUpdates().map((u) => u.path)).toEqual([`/repos/${OWNER}/${REPO}/check-runs/${id}`, `/repos/${OWNER}/${REPO}/check-runs/${id}`]);
    const batches = [...checkRunCreations(), ...checkRunUpdates()].map((r) => r.body.output.annotations.length);
    expect(batches).toEqual([50, 50, 20]);
    const annotations = sentAnnotations();
    expect(new Set(annotations.map((a: { start_line: number; title: string }) => `${a.start_line}:${a.title}`)).size).toBe(120);
    expect(checkRunCreations()[0]!.body.conclusion).toBe('failure');
    expect(run.outputs).toMatchObject({ errors: '60', warnings: '60', findings: '120' });
  });

  test('as workflow commands: most severe first, and a notice of how many GitHub will not show', async () => {
    const run = await action(workspace({ 'k8s/many.yaml': many }), { inputs: { annotations: 'commands' } });
    expect(github.requests).toEqual([]);
    const levels = fileAnnotations(run).map((c) => c.command);
    expect(levels).toEqual([...Array(60).fill('error'), ...Array(60).fill('warning')]);
    expect(run.commands).toContain(
      '::notice::podlint: 100 findings not shown as annotations (GitHub shows 10 errors, 10 warnings and 10 notices per step); the job summary lists every finding.',
    );
    expect(run.summary).toContain('100 findings are listed here but not annotated');
    expect(run.summary.match(/\| 🔴 error \|/g)).toHaveLength(60);
  });
});

test('a 500 and a rate limit are retried, and every annotation still arrives once', async () => {
  github.answerOnce('POST', CHECK_RUNS, serverError);
  github.answerOnce('PATCH', CHECK_RUN, rateLimited(403));
  const thirty = Array.from({ length: 30 }, (_, i) => pod(`p${i}`, ['shop/app:1.0', 'fluent/fluent-bit:latest'])).join('---\n');
  const run = await action(workspace({ 'k8s/thirty.yaml': thirty }), { event: 'pull_request' });
  expect(run.code).toBe(1);
  expect(github.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'PATCH', 'PATCH']);
  // The failed requests carried the same batches as the ones that succeeded.
  expect(github.requests.map((r) => r.body.output.annotations.length)).toEqual([50, 50, 10, 10]);
  expect(run.commands.filter((c) => c.startsWith('::warning'))).toEqual([]);
  expect(fileAnnotations(run)).toEqual([]);
});

describe('only-changed', () => {
  /** The PR's file list: filler first, so the interesting files are on the second page. */
  const filler = Array.from({ length: 150 }, (_, i) => ({ filename: `docs/page${i}.md`, status: 'modified', changes: 1, patch: '@@ -1 +1 @@\n-a\n+b' }));

  test('files: only findings in the files the PR changes (renamed under their new name), everywhere', async () => {
    const ws = workspace({ 'k8s/changed.yaml': ONE_ERROR('changed'), 'k8s/renamed.yaml': ONE_ERROR('renamed'), 'k8s/untouched.yaml': ONE_ERROR('untouched') });
    github.prFiles = [
      ...filler,
      { filename: 'k8s/changed.yaml', status: 'modified', changes: 2, patch: '@@ -1,2 +1,2 @@\n-x\n+y\n z' },
      { filename: 'k8s/renamed.yaml', previous_filename: 'k8s/old-name.yaml', status: 'renamed', changes: 0 },
      { filename: 'k8s/untouched-but-removed.yaml', status: 'removed', changes: 9 },
    ];
    github.answerOnce('GET', PR_FILES, rateLimited(429));
    const run = await action(ws, { event: 'pull_request', inputs: { 'only-changed': 'files', 'sarif-file': 'podlint.sarif' } });
    expect(run.code).toBe(1);
    const lists = github.to('GET', PR_FILES);
    expect(lists.map((r) => [r.path, r.query.get('page') ?? '1'])).toEqual([
      [`/repos/${OWNER}/${REPO}/pulls/42/files`, '1'], // answered 429, retried
      [`/repos/${OWNER}/${REPO}/pulls/42/files`, '1'],
      [`/repos/${OWNER}/${REPO}/pulls/42/files`, '2'],
    ]);
    expect(sentAnnotations().map((a: { path: string }) => a.path)).toEqual(['k8s/changed.yaml', 'k8s/renamed.yaml']);
    expect(run.outputs).toMatchObject({ errors: '2', findings: '2' });
    expect(run.commands).toContainEqual(expect.stringMatching(/^::notice::podlint: only-changed: files: reporting the findings in the 153 files pull request #42 changes; 1 other finding left out\./));
    expect(run.summary).not.toContain('untouched');
    expect(run.summary).toContain('only-changed: files');
    const sarif = JSON.parse(fs.readFileSync(run.outputs['sarif-file']!, 'utf8'));
    expect(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['k8s/changed.yaml', 'k8s/renamed.yaml']);
  });

  test('lines: only findings on added or modified lines; a file without a patch counts whole', async () => {
    const app = [ONE_ERROR('first'), ONE_ERROR('second')].join('---\n');
    const first = lineOf(app, 'latest', 0);
    const second = lineOf(app, 'latest', 1);
    const ws = workspace({ 'k8s/app.yaml': app, 'k8s/huge.yaml': ONE_ERROR('huge'), 'k8s/other.yaml': ONE_ERROR('other') });
    github.prFiles = [
      { filename: 'k8s/app.yaml', status: 'modified', changes: 2, patch: `@@ -${second - 1},2 +${second - 1},2 @@\n context\n-    - { name: c1, image: "fluent/fluent-bit:3.1.9" }\n+    - { name: c1, image: "fluent/fluent-bit:latest" }` },
      { filename: 'k8s/huge.yaml', status: 'modified', changes: 40000 },
    ];
    const run = await action(ws, { event: 'pull_request', inputs: { 'only-changed': 'lines' } });
    expect(run.code).toBe(1);
    expect(sentAnnotations().map((a: { path: string; start_line: number }) => `${a.path}:${a.start_line}`)).toEqual([`k8s/app.yaml:${second}`, `k8s/huge.yaml:${lineOf(ONE_ERROR('huge'), 'latest')}`]);
    expect(first).not.toBe(second);
    expect(run.outputs).toMatchObject({ errors: '2', findings: '2' });
  });

  test('lines: a PR that adds no flagged line passes, whatever the rest of the repository holds', async () => {
    github.prFiles = [{ filename: 'k8s/app.yaml', status: 'modified', changes: 1, patch: '@@ -1,1 +1,1 @@\n-# old\n+# new' }];
    const run = await action(workspace({ 'k8s/app.yaml': '# new\n' + ONE_ERROR('app') }), { event: 'pull_request', inputs: { 'only-changed': 'lines' } });
    expect(run.code).toBe(0);
    expect(checkRunCreations()[0]!.body).toMatchObject({ conclusion: 'success', output: { annotations: [] } });
    expect(run.outputs).toMatchObject({ errors: '0', findings: '0' });
  });

  test('on push the filter is off, with a notice; over 3000 changed files, too', async () => {
    const ws = workspace({ 'k8s/app.yaml': ONE_ERROR('app') });
    const push = await action(ws, { inputs: { 'only-changed': 'lines', annotations: 'off' } });
    expect(push.commands).toContain('::notice::podlint: only-changed: lines applies to pull_request and pull_request_target events, not to this push event; every finding is reported.');
    expect(push.outputs.findings).toBe('1');
    const big = await action(ws, { event: 'pull_request', changedFiles: 3001, inputs: { 'only-changed': 'files', annotations: 'off' } });
    expect(big.commands).toContainEqual(expect.stringMatching(/^::notice::podlint: only-changed: files cannot see all 3001 files of pull request #42/));
    expect(big.outputs.findings).toBe('1');
    expect(github.requests).toEqual([]);
  });
});

test('fail-on never: findings are reported, the step and the check run pass', async () => {
  const run = await action(workspace({ 'k8s/web.yaml': ERROR_AND_WARNING }), { inputs: { 'fail-on': 'never' } });
  expect(run.code).toBe(0);
  expect(checkRunCreations()[0]!.body.conclusion).toBe('success');
  expect(run.outputs).toMatchObject({ errors: '1', warnings: '1', findings: '2' });
  expect(lastLine(run)).toBe('podlint: 1 error, 1 warning, 0 notices; fail-on is "never", so the step does not fail on findings.');
});

describe('a broken run fails and says why, unlike a run with findings', () => {
  test.each([
    ['fail-on', 'sometimes', 'input "fail-on" must be one of error, warning, notice, never, not "sometimes"'],
    ['annotations', 'comments', 'input "annotations" must be one of auto, checks, commands, off, not "comments"'],
    ['only-changed', 'yes', 'input "only-changed" must be one of false, files, lines, not "yes"'],
  ])('a bad %s input: exit 1 and one line', async (name, value, message) => {
    const run = await action(workspace({ 'k8s/web.yaml': ERROR_AND_WARNING }), { inputs: { [name]: value } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`::add-mask::${TOKEN}\n::error::podlint: ${message}\n`);
    expect(run.stderr).toBe('');
    expect(github.requests).toEqual([]);
  });

  test('a config error: exit 1, one line naming the file and line; the SARIF says the run failed', async () => {
    const ws = workspace({ '.podlint.yml': 'rules:\n  no-such-rule: error\n', 'k8s/web.yaml': ERROR_AND_WARNING });
    const run = await action(ws, { inputs: { 'sarif-file': 'podlint.sarif' } });
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([`::add-mask::${TOKEN}`, expect.stringMatching(/^::error::podlint: invalid config file:%0A  \.podlint\.yml:2:3: .*unknown rule id "no-such-rule"/)]);
    expect(run.stderr).toBe('');
    expect(github.requests).toEqual([]);
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'podlint.sarif'), 'utf8'));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  test('an unreadable path: the findings elsewhere are reported, and the step fails as incomplete', async () => {
    const run = await action(workspace({ 'k8s/clean.yaml': CLEAN }), { inputs: { paths: 'k8s/\nmissing/' } });
    expect(run.code).toBe(1);
    expect(run.commands.slice(-2)).toEqual(['::error::podlint could not check missing: no such file or folder', '::error::podlint: the run is incomplete: 1 path could not be checked']);
    expect(checkRunCreations()[0]!.body).toMatchObject({ conclusion: 'failure', output: { title: 'The run is incomplete: could not check 1 path. No findings in the files that were checked.' } });
  });

  test('annotations: checks fails with one line when the check run cannot be created; off sends nothing', async () => {
    github.answerOnce('POST', CHECK_RUNS, forbidden);
    const ws = workspace({ 'k8s/web.yaml': ERROR_AND_WARNING });
    const checks = await action(ws, { event: 'pull_request', inputs: { annotations: 'checks', 'fail-on': 'never' } });
    expect(checks.code).toBe(1);
    expect(fileAnnotations(checks)).toEqual([]);
    expect(lastLine(checks)).toBe('::error::podlint: could not create the check run: HTTP 403: Resource not accessible by integration');
    expect(checks.outputs.findings).toBe('2');
    github.reset();
    const off = await action(ws, { inputs: { annotations: 'off' } });
    expect(off.code).toBe(1);
    expect(github.requests).toEqual([]);
    expect(fileAnnotations(off)).toEqual([]);
    expect(off.summary).toContain('sidecar-image-pinned');
  });
});

test('manifest text cannot inject a workflow command or break an annotation', async () => {
  const evil = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: { name: "x%0A::error::meta" }',
    'spec:',
    '  volumes: [{ name: "v%0A::warning::vol", emptyDir: {} }]',
    '  containers:',
    '    - { name: "app,1::%25", image: "shop/app:1.0" }',
    '    - { name: "side\\n::error file=x::pwned", image: "side:latest" }',
    '    - { name: "app,1::%25", image: "shop/other:2.0" }',
    '',
  ].join('\n');
  const names = ['k8s/comma,colon::percent%25.yaml', 'k8s/new\n::warning::line.yaml'];
  const ws = workspace(Object.fromEntries(names.map((n) => [n, evil])));
  const run = await action(ws, { inputs: { annotations: 'commands' } });
  expect(run.code).toBe(1);
  // Every command line is one podlint meant to print.
  for (const line of run.commands) expect(line).toMatch(/^::(add-mask|error|warning|notice|debug)[ :]/);
  expect(run.stdout).not.toMatch(/^::(error|warning) ?[^:\n]*::(pwned|line|meta)/m);
  const annotations = fileAnnotations(run);
  expect(new Set(annotations.map((a) => a.properties.file))).toEqual(new Set(names));
  expect(annotations.map((a) => a.properties.title).sort()).toEqual([
    'multi-container-shared-volume',
    'multi-container-shared-volume',
    'sidecar-image-pinned',
    'sidecar-image-pinned',
    'unique-container-names',
    'unique-container-names',
  ]);
  const duplicate = annotations.find((a) => a.properties.title === 'unique-container-names')!;
  expect(duplicate.message).toContain('"app,1::%25"');
  expect(run.outputs).toMatchObject({ errors: '4', warnings: '2', findings: '6' });
});

describe('sarif-file in a workspace the pull request controls', () => {
  test('a folder on the way that links out of the workspace: not written, one line, the findings still out', async () => {
    const ws = workspace({ 'k8s/web.yaml': ERROR_AND_WARNING });
    const outside = fs.mkdtempSync(path.join(tmp, 'outside-'));
    fs.symlinkSync(outside, path.join(ws, 'out'));
    const run = await action(ws, { inputs: { annotations: 'commands', 'sarif-file': 'out/podlint.sarif', 'fail-on': 'never' } });
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(run.commands).toContain('::error::podlint: sarif-file "out/podlint.sarif" leads out of the workspace through a symbolic link; not written');
    expect(run.code).toBe(1); // asked for SARIF, got none: the step fails even with fail-on never
    expect(run.outputs['sarif-file']).toBeUndefined();
    expect(run.outputs.findings).toBe('2');
    expect(fileAnnotations(run)).toHaveLength(2);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at |%0A\s+at /);
  });

  test('a link at the file itself is replaced, never written through', async () => {
    const ws = workspace({ 'k8s/web.yaml': ERROR_AND_WARNING });
    const victim = path.join(tmp, `victim-${workspaces}.txt`);
    fs.writeFileSync(victim, 'keep');
    fs.symlinkSync(victim, path.join(ws, 'podlint.sarif'));
    const run = await action(ws, { inputs: { annotations: 'off', 'sarif-file': 'podlint.sarif' } });
    expect(fs.readFileSync(victim, 'utf8')).toBe('keep');
    expect(fs.lstatSync(path.join(ws, 'podlint.sarif')).isFile()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(ws, 'podlint.sarif'), 'utf8')).runs[0].results).toHaveLength(2);
    expect(run.outputs['sarif-file']).toBe(path.join(ws, 'podlint.sarif'));
  });

  test('a path through a file: one line naming the path and why, no stack trace', async () => {
    const ws = workspace({ 'k8s/clean.yaml': CLEAN });
    const run = await action(ws, { inputs: { annotations: 'off', 'sarif-file': 'k8s/clean.yaml/podlint.sarif' } });
    expect(run.code).toBe(1);
    expect(run.commands).toContainEqual(expect.stringMatching(/^::error::podlint: could not write sarif-file "k8s\/clean\.yaml\/podlint\.sarif": E(NOTDIR|EXIST)$/));
    expect(lastLine(run)).toBe('podlint: No problems found.');
    expect(run.stdout + run.stderr).not.toMatch(/internal error|\n\s+at |%0A\s+at /);
  });

  test('outside the workspace (runner.temp) is the workflow author\'s choice, and is written', async () => {
    const target = path.join(tmp, `runner-temp-${workspaces}`, 'podlint.sarif');
    const run = await action(workspace({ 'k8s/clean.yaml': CLEAN }), { inputs: { annotations: 'off', 'sarif-file': target } });
    expect(run.code).toBe(0);
    expect(run.outputs['sarif-file']).toBe(target);
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).version).toBe('2.1.0');
  });
});
