// The built Action (dist/index.js) against an API that fails: one that never answers, answers
// slowly, rate-limits, refuses (403, 404, 422), breaks (500), or answers garbage; and against big
// answers (3,500 PR files, 1,000 findings). Whatever the API does, the step ends in time with a
// warning and no stack trace, every finding reaches the diff through the check run or workflow
// commands, and the outputs, the summary and the headline count the same findings.
// The request timeout and the API deadline are shortened through the environment, so a silent
// server costs a fraction of a second. Needs `npm run build`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { pullRequestOpened } from './helpers/events.js';
import { CHECK_RUN, CHECK_RUNS, FakeGitHub, PR_FILES, silence, type Reply } from './helpers/fake-github.js';
import { copyActionBundle, parseCommand, runAction, type ActionRun } from './helpers/run-action.js';

const OWNER = 'acme';
const REPO = 'shop';
const TOKEN = 'ghs_podlintFaultsToken0123456789abcdefXYZ';
const HEAD_SHA = 'b'.repeat(40);
const TIMEOUT_MS = 600;
const DEADLINE_MS = 3000;

let github: FakeGitHub;
let script: string;
let tmp: string;

beforeAll(async () => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-faults-')));
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
  return root;
}

/** A pod with one error: its sidecar runs an image on :latest. */
function badPod(name: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name} }`,
    'spec:',
    '  volumes: [{ name: shared, emptyDir: {} }]',
    '  containers:',
    '    - { name: app, image: "shop/app:1.0", volumeMounts: [{ name: shared, mountPath: /s }] }',
    '    - { name: side, image: "fluent/fluent-bit:latest", volumeMounts: [{ name: shared, mountPath: /s }] }',
    '',
  ].join('\n');
}
const many = (n: number) => Array.from({ length: n }, (_, i) => badPod(`p${i}`)).join('---\n');

interface Options {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  changedFiles?: number;
}

async function action(ws: string, options: Options = {}): Promise<ActionRun & { ms: number }> {
  const started = Date.now();
  const run = await runAction({
    script,
    workspace: ws,
    inputs: { paths: '.', token: TOKEN, 'sarif-file': 'podlint.sarif', ...options.inputs },
    eventName: 'pull_request',
    payload: pullRequestOpened({ owner: OWNER, repo: REPO, number: 42, headSha: HEAD_SHA, changedFiles: options.changedFiles }),
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.example',
      PODLINT_TEST_FAST_RETRY: '1',
      PODLINT_API_TIMEOUT_MS: String(TIMEOUT_MS),
      PODLINT_API_DEADLINE_MS: String(DEADLINE_MS),
      ...options.env,
    },
  });
  expectSane(run);
  return { ...run, ms: Date.now() - started };
}

/** No stack trace, no token, and every line of stdout either log text or a command podlint meant. */
function expectSane(run: ActionRun): void {
  const text = run.stdout + run.stderr + run.summary;
  expect(text).not.toMatch(/\n\s+at |%0A\s+at |\bat [\w.<>]+ \((?:file|node):/);
  expect(text).not.toMatch(/TypeError|ReferenceError|internal error/);
  expect(run.stdout.split('\n').filter((line) => line.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`]);
  expect(run.stderr + run.summary).not.toContain(TOKEN);
  for (const line of run.commands) expect(line).toMatch(/^::(add-mask|error|warning|notice|debug)[ :]/);
}

const creations = () => github.to('POST', CHECK_RUNS);
const updates = () => github.to('PATCH', CHECK_RUN);
/** The findings the check run holds (sent in requests that succeeded), as file:line:rule. */
function annotated(): string[] {
  const succeeded = (r: { status?: number }) => r.status !== undefined && r.status < 300;
  return [...creations(), ...updates()].filter(succeeded).flatMap((r) => (r.body?.output?.annotations ?? []).map((a: any) => `${a.path}:${a.start_line}:${a.title}`));
}
/** The findings printed as workflow commands on files, as file:line:rule. */
function commanded(run: ActionRun): string[] {
  return run.commands
    .filter((c) => / file=/.test(c.slice(0, c.indexOf('::', 2))))
    .map(parseCommand)
    .map((c) => `${c.properties.file}:${c.properties.line}:${c.properties.title}`);
}
function warnings(run: ActionRun): string[] {
  return run.commands.filter((c) => c.startsWith('::warning::')).map((c) => parseCommand(c).message);
}

/**
 * Every finding of the SARIF went out through the check run or a workflow command, and nothing
 * else did; the outputs, the summary and the headline say how many. Exactly once, unless the API
 * may have kept what it answered badly (then a finding may go out twice, which is safe).
 */
function expectEveryFindingDelivered(run: ActionRun, expected: number, { exactlyOnce = true } = {}): void {
  const sarif = JSON.parse(fs.readFileSync(run.outputs['sarif-file']!, 'utf8'));
  const results: string[] = sarif.runs[0].results.map(
    (r: any) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.ruleId}`,
  );
  expect(results).toHaveLength(expected);
  const delivered = [...annotated(), ...commanded(run)];
  if (exactlyOnce) expect(delivered.sort()).toEqual(results.sort());
  else expect([...new Set(delivered)].sort()).toEqual([...new Set(results)].sort());
  expect(run.outputs).toMatchObject({ errors: String(expected), findings: String(expected) });
  const headline = `${expected} finding${expected === 1 ? '' : 's'} at or above fail-on level "error" (${expected} error${expected === 1 ? '' : 's'}, 0 warnings, 0 notices).`;
  expect(run.commands[run.commands.length - 1]).toBe(`::error::podlint: ${headline}`);
  expect(run.summary).toContain(headline);
  expect(run.summary).toContain(`| \`sidecar-image-pinned\` | ${expected} | 0 | 0 |`);
  expect(run.code).toBe(1);
}

test('a server that never answers: one request, given up after its timeout, and workflow commands', async () => {
  github.answerAlways('POST', CHECK_RUNS, silence);
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }));
  expect(run.ms).toBeLessThan(TIMEOUT_MS + 8000);
  expect(github.requests).toHaveLength(1); // a request that got no answer is not sent again
  expect(warnings(run)).toEqual([
    "podlint: could not create the check run (GitHub's API did not answer POST /repos/{owner}/{repo}/check-runs within 0.6 s); 1 finding printed as workflow commands instead.",
  ]);
  expect(run.summary).toMatch(/^> Could not create the check run \\\(GitHub's API did not answer POST .* within 0\.6 s\\\); 1 finding printed as workflow commands instead\.$/m);
  expect(run.summary).not.toContain('Every finding is an annotation');
  expectEveryFindingDelivered(run, 1);
});

test('silent for the PR files: every finding kept, and the check run is not even tried', async () => {
  github.answerAlways('GET', PR_FILES, silence);
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { inputs: { 'only-changed': 'lines' } });
  expect(github.requests.map((r) => r.method)).toEqual(['GET']);
  expect(warnings(run)).toEqual([
    "podlint: only-changed: lines could not list the files of pull request #42 (GitHub's API did not answer GET /repos/{owner}/{repo}/pulls/{pull_number}/files within 0.6 s); every finding is reported.",
    "podlint: could not create the check run (GitHub's API did not answer GET /repos/{owner}/{repo}/pulls/{pull_number}/files within 0.6 s); 1 finding printed as workflow commands instead.",
  ]);
  expectEveryFindingDelivered(run, 1);
});

test('a server that accepts connections and says nothing to any of them, with the default timeouts unset', async () => {
  // The deadline alone ends it when the timeout is longer than the deadline.
  github.answerAlways('POST', CHECK_RUNS, silence);
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { env: { PODLINT_API_TIMEOUT_MS: '600000', PODLINT_API_DEADLINE_MS: '1500' } });
  expect(run.ms).toBeLessThan(1500 + 8000);
  expect(warnings(run)).toEqual(["podlint: could not create the check run (podlint's 1.5 s for GitHub's API ran out); 1 finding printed as workflow commands instead."]);
  expectEveryFindingDelivered(run, 1);
});

test('a slow API: past the deadline, the findings the check run lacks go out as workflow commands', async () => {
  github.delayMs = 700; // each batch of 50 takes 0.7 s; the deadline comes after four or five
  const run = await action(workspace({ 'k8s/many.yaml': many(400) }), { env: { PODLINT_API_TIMEOUT_MS: '2500' } });
  expect(run.ms).toBeLessThan(DEADLINE_MS + 15_000);
  expect(creations()).toHaveLength(1);
  const inRun = annotated().length;
  expect(inRun).toBeGreaterThanOrEqual(50);
  expect(inRun).toBeLessThan(400);
  // On a loaded machine an answer may come later than 2.5 s: then the timeout ends it first.
  const why = "(podlint's 3 s for GitHub's API ran out|GitHub's API did not answer PATCH /repos/\\{owner\\}/\\{repo\\}/check-runs/\\{check_run_id\\} within 2.5 s)";
  expect(warnings(run)).toEqual([
    expect.stringMatching(
      new RegExp(`^podlint: The check run ${FakeGitHub.FIRST_CHECK_RUN_ID} holds ${inRun} of the 400 findings: the API failed before the rest \\(${why}\\); the other ${400 - inRun} findings went out as workflow commands\\.$`),
    ),
  ]);
  expect(commanded(run)).toHaveLength(400 - inRun);
  expectEveryFindingDelivered(run, 400);
});

test('429 with retry-after: the request is sent again no sooner than asked', async () => {
  github.answerOnce('POST', CHECK_RUNS, { status: 429, headers: { 'retry-after': '2' }, body: { message: 'You have exceeded a secondary rate limit.' } });
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { env: { PODLINT_API_DEADLINE_MS: '20000' } });
  const [first, second] = creations();
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(2000);
  expect(run.stdout).toContain("podlint: GitHub's rate limit on POST /repos/{owner}/{repo}/check-runs; waiting 2.1 s as it asks");
  expect(warnings(run)).toEqual([]);
  expect(commanded(run)).toEqual([]);
  expectEveryFindingDelivered(run, 1);
});

test('403 with x-ratelimit-remaining 0: waits for x-ratelimit-reset, then lists the files', async () => {
  const reset = Math.ceil(Date.now() / 1000) + 2;
  github.answerOnce('GET', PR_FILES, { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded for installation ID 1.' } });
  github.prFiles = [{ filename: 'k8s/good.yaml', status: 'added', changes: 9, patch: '@@ -0,0 +1,9 @@\n' + '+x\n'.repeat(9) }];
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good'), 'k8s/old.yaml': badPod('old') }), {
    inputs: { 'only-changed': 'files' },
    env: { PODLINT_API_DEADLINE_MS: '20000' },
  });
  const [first, second] = github.to('GET', PR_FILES);
  expect(second!.at).toBeGreaterThanOrEqual(reset * 1000);
  expect(second!.at - first!.at).toBeGreaterThan(1000);
  expect(warnings(run)).toEqual([]);
  expect(annotated()).toEqual(['k8s/good.yaml:8:sidecar-image-pinned']);
  expectEveryFindingDelivered(run, 1);
});

test.each([
  ['429, retry-after an hour', { status: 429, headers: { 'retry-after': '3600' }, body: { message: 'slow down' } }, /asks to wait 3600 s before POST \/repos\/\{owner\}\/\{repo\}\/check-runs, longer than the [\d.]+ s left of podlint's time for the API\); 1 finding printed as workflow commands instead\.$/],
  [
    '403, reset in an hour',
    () => ({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }, body: { message: 'API rate limit exceeded' } }),
    /asks to wait 360[01] s/,
  ],
])('a rate limit that asks for longer than is left (%s): no wait, workflow commands at once', async (_, reply, why) => {
  github.answerAlways('POST', CHECK_RUNS, reply as Reply | (() => Reply));
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }));
  expect(run.ms).toBeLessThan(8000);
  expect(creations()).toHaveLength(1);
  expect(warnings(run)).toEqual([expect.stringMatching(why)]);
  expectEveryFindingDelivered(run, 1);
});

test.each([
  ['404', { status: 404, body: { message: 'Not Found' } }, 1, 'podlint: the token may not create check runs here (HTTP 404: Not Found), as on a pull request from a fork'],
  ['422', { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'invalid' }] } }, 1, 'podlint: could not create the check run (HTTP 422: Validation Failed: {\\"resource\\":\\"CheckRun\\",\\"code\\":\\"invalid\\"})'],
  ['500, every time', { status: 500, body: { message: 'Server Error' } }, 3, 'podlint: could not create the check run (HTTP 500: Server Error)'],
  ['200 with malformed JSON', { status: 201, raw: '{"id": 10' }, 1, 'podlint: could not create the check run (the API answered without a check run id)'],
  ['201 with an HTML page', { status: 201, headers: { 'content-type': 'text/html' }, raw: '<html><body>Unicorn!</body></html>' }, 1, 'podlint: could not create the check run (the API answered without a check run id)'],
  ['an id that is not a number', { status: 201, body: { id: '1000' } }, 1, 'podlint: could not create the check run (the API answered without a check run id)'],
])('the check run cannot be created (%s): a warning, and workflow commands', async (_, reply, requests, warning) => {
  github.answerAlways('POST', CHECK_RUNS, reply as Reply);
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }));
  expect(creations()).toHaveLength(requests); // only a server error is tried again
  expect(warnings(run)).toEqual([expect.stringContaining(warning)]);
  // A 2xx answer that podlint cannot read may still have made the run: its annotations count too.
  expectEveryFindingDelivered(run, 1, { exactlyOnce: (reply as Reply).status >= 300 });
});

test('what the server says is escaped and stripped of the token before it reaches the log', async () => {
  const message = `bad credentials ${TOKEN}\n::error file=x::pwned\r\u001b[31mred\u202e %0A::warning::also`;
  github.answerAlways('POST', CHECK_RUNS, { status: 500, body: { message } });
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }));
  const [warning] = warnings(run);
  expect(warning).toMatch(/^podlint: could not create the check run \(HTTP 500: bad credentials \*\*\*\\n::error file=x::pwned\\r\\u001b\[31mred\\u202e %0A::warning::also\)/);
  expect(run.stdout).not.toContain('\u202e');
  expect(run.stdout).not.toMatch(/^::error file=x/m);
  expect(run.stdout).not.toContain('\u001b');
  expectEveryFindingDelivered(run, 1);
});

test('a refused connection: retried, then workflow commands', async () => {
  const closed = await FakeGitHub.start();
  const url = closed.url;
  await closed.close();
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { env: { GITHUB_API_URL: url } });
  expect(warnings(run)).toEqual([expect.stringMatching(/^podlint: could not create the check run \(no usable answer from GitHub's API: .*ECONNREFUSED.*\); 1 finding printed as workflow commands instead\.$/)]);
  expectEveryFindingDelivered(run, 1);
});

test('a malformed file list: every finding is reported, with a warning that says what is wrong', async () => {
  github.answerAlways('GET', PR_FILES, { status: 200, body: [{ filename: 'k8s/good.yaml', status: 'modified', changes: 1, patch: '@@ -1 +1 @@\n-a\n+b' }, 'garbage', { filename: null }] });
  const run = await action(workspace({ 'k8s/good.yaml': badPod('good'), 'k8s/other.yaml': badPod('other') }), { inputs: { 'only-changed': 'lines' } });
  expect(warnings(run)).toEqual(['podlint: only-changed: lines could not list the files of pull request #42 (entry 2 of the file list is not a file); every finding is reported.']);
  expect(annotated()).toHaveLength(2);
  expectEveryFindingDelivered(run, 2);
  github.reset();
  github.answerAlways('GET', PR_FILES, { status: 200, raw: '[{"filename": "k8s/good.yaml", "stat' });
  const truncated = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { inputs: { 'only-changed': 'files' } });
  expect(warnings(truncated)).toEqual(['podlint: only-changed: files could not list the files of pull request #42 (page 1 of the file list is not a list); every finding is reported.']);
  expectEveryFindingDelivered(truncated, 1);
});

test('3,500 PR files the payload does not count: 30 pages read, then every finding kept as GitHub lists no more', async () => {
  github.prFiles = Array.from({ length: 3500 }, (_, i) => ({ filename: `docs/f${i}.md`, status: 'modified', changes: 1, patch: '@@ -1 +1 @@\n-a\n+b' }));
  const payloadCount = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { inputs: { 'only-changed': 'files' }, changedFiles: 3500 });
  expect(github.to('GET', PR_FILES)).toHaveLength(0);
  expect(payloadCount.commands).toContainEqual(expect.stringMatching(/^::notice::podlint: only-changed: files cannot see all 3500 files of pull request #42/));
  expectEveryFindingDelivered(payloadCount, 1);

  github.reset();
  github.prFiles = Array.from({ length: 3500 }, (_, i) => ({ filename: `docs/f${i}.md`, status: 'modified', changes: 1, patch: '@@ -1 +1 @@\n-a\n+b' }));
  const listed = await action(workspace({ 'k8s/good.yaml': badPod('good') }), { inputs: { 'only-changed': 'files' } });
  expect(github.to('GET', PR_FILES).map((r) => Number(r.query.get('page')))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  expect(listed.commands).toContainEqual(expect.stringMatching(/^::notice::podlint: only-changed: files cannot see all files of pull request #42 \(GitHub lists at most 3000\)/));
  expectEveryFindingDelivered(listed, 1);
});

test('1,000 findings: all in one check run, 50 per request, counted the same everywhere', async () => {
  const run = await action(workspace({ 'k8s/a.yaml': many(500), 'k8s/b.yaml': many(500) }), { env: { PODLINT_API_DEADLINE_MS: '30000' } });
  expect(creations()).toHaveLength(1);
  expect(updates()).toHaveLength(19);
  expect(new Set(annotated()).size).toBe(1000);
  expect(commanded(run)).toEqual([]);
  expect(warnings(run)).toEqual([]);
  expectEveryFindingDelivered(run, 1000);
});
