// The check run and the choice between it and workflow commands, against a fake API: batches of
// 50, the annotation fields, and what each `annotations` mode does when the API says no.
import { expect, test } from '@jest/globals';
import { annotate, type AnnotateOptions } from '../src/action/annotate.js';
import { ANNOTATIONS_PER_REQUEST, checkRunOutput, publishCheckRun, toAnnotation } from '../src/action/checks.js';
import type { RunContext } from '../src/action/event.js';
import type { GitHubApi } from '../src/action/octokit.js';
import { StepError } from '../src/action/step-error.js';
import { ALL_RULES } from '../src/rules/index.js';
import type { Finding } from '../src/types.js';
import { captureStdout } from './helpers/stdout.js';

const stdout = captureStdout();

function finding(i: number, severity: Finding['severity'] = 'error'): Finding {
  return { rule: 'sidecar-image-pinned', severity, message: `finding ${i}`, file: `k8s/f${i}.yaml`, line: i + 1, column: 3, endLine: i + 1, endColumn: 9 };
}

interface Call {
  route: string;
  parameters: Record<string, any>;
}

function fakeApi(answer: (call: Call) => unknown = () => ({ id: 77 })): GitHubApi & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    request: async (route, parameters = {}) => {
      const call = { route, parameters };
      calls.push(call);
      return { status: 200, data: answer(call) };
    },
  };
}

test('an annotation carries the rule as title, its remediation, and columns only on one line', () => {
  const remediation = ALL_RULES.find((r) => r.id === 'sidecar-image-pinned')!.remediation;
  expect(toAnnotation(finding(4), remediation)).toEqual({
    path: 'k8s/f4.yaml',
    start_line: 5,
    end_line: 5,
    start_column: 3,
    end_column: 9,
    annotation_level: 'failure',
    title: 'sidecar-image-pinned',
    message: 'finding 4',
    raw_details: `Fix: ${remediation}`,
  });
  const twoLines = toAnnotation({ ...finding(1, 'warning'), endLine: 4, rule: 'my-policy' });
  expect(twoLines).toEqual({ path: 'k8s/f1.yaml', start_line: 2, end_line: 4, annotation_level: 'warning', title: 'my-policy', message: 'finding 1' });
  expect(toAnnotation(finding(1, 'notice')).annotation_level).toBe('notice');
});

test('the run is created completed with the first 50 annotations; updates add the rest, 50 at a time', async () => {
  const api = fakeApi();
  const findings = Array.from({ length: 2 * ANNOTATIONS_PER_REQUEST + 7 }, (_, i) => finding(i));
  const id = await publishCheckRun(api, { owner: 'o', repo: 'r', headSha: 'abc', conclusion: 'failure', output: { title: 't', summary: 's' }, findings, rules: ALL_RULES });
  expect(id).toBe(77);
  expect(api.calls.map((c) => c.route)).toEqual([
    'POST /repos/{owner}/{repo}/check-runs',
    'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
    'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  ]);
  const [create, ...updates] = api.calls;
  expect(create!.parameters).toMatchObject({ owner: 'o', repo: 'r', name: 'podlint', head_sha: 'abc', status: 'completed', conclusion: 'failure' });
  expect(create!.parameters.output.annotations).toHaveLength(50);
  expect(updates.map((u) => u.parameters.output.annotations.length)).toEqual([50, 7]);
  expect(updates.every((u) => u.parameters.check_run_id === 77 && u.parameters.output.title === 't')).toBe(true);
  const sent = api.calls.flatMap((c) => c.parameters.output.annotations.map((a: { message: string }) => a.message));
  expect(sent).toEqual(findings.map((f) => f.message));
  // Each annotation carries its rule's remediation, from the rules that ran.
  const details = api.calls.flatMap((c) => c.parameters.output.annotations.map((a: { raw_details?: string }) => a.raw_details));
  expect(new Set(details)).toEqual(new Set([`Fix: ${ALL_RULES.find((r) => r.id === 'sidecar-image-pinned')!.remediation}`]));
});

test('no findings: one request with no annotations', async () => {
  const api = fakeApi();
  await publishCheckRun(api, { owner: 'o', repo: 'r', headSha: 'abc', conclusion: 'success', output: { title: 't', summary: 's' }, findings: [], rules: ALL_RULES });
  expect(api.calls).toHaveLength(1);
  expect(api.calls[0]!.parameters.output.annotations).toEqual([]);
});

test('the check run summary counts per rule and makes the headline inert Markdown', () => {
  const output = checkRunOutput([finding(1), finding(2, 'warning')], '2 findings', ['a <b>note</b>']);
  expect(output.title).toBe('2 findings');
  expect(output.summary).toContain('| `sidecar-image-pinned` | 1 | 1 | 0 |');
  expect(output.summary).toContain('a &lt;b&gt;note&lt;/b&gt;');
});

const context: RunContext = { workspace: '/w', eventName: 'push', repository: { owner: 'o', repo: 'r' }, sha: 'abc', serverUrl: 'https://github.com' };

function options(overrides: Partial<AnnotateOptions>): AnnotateOptions {
  return { mode: 'auto', findings: [finding(1)], rules: ALL_RULES, context, conclusion: 'failure', output: { title: 't', summary: 's' }, ...overrides };
}

const forbidden = () => {
  throw Object.assign(new Error('Resource not accessible by integration'), { status: 403, response: { headers: {} } });
};

test('auto: the check run when the API allows it, and no workflow command', async () => {
  const api = fakeApi();
  expect(await annotate(options({ api }))).toEqual({ channel: 'checks', hidden: 0 });
  expect(stdout.text).not.toMatch(/^::error file=/m);
});

test('auto: a 403 falls back to workflow commands with a warning that says why', async () => {
  const result = await annotate(options({ api: fakeApi(forbidden) }));
  expect(result).toEqual({ channel: 'commands', hidden: 0, note: 'The token may not create check runs here (HTTP 403: Resource not accessible by integration); 1 finding printed as workflow commands instead.' });
  expect(stdout.text).toMatch(/^::warning::podlint: the token may not create check runs here \(HTTP 403: Resource not accessible by integration\), as on a pull request from a fork/m);
  expect(stdout.text).toContain('::error file=k8s/f1.yaml,line=2,endLine=2,col=3,endColumn=9,title=sidecar-image-pinned::finding 1\n');
});

test('auto without a token, and commands: workflow commands, with a notice of what GitHub hides', async () => {
  const findings = [...Array.from({ length: 12 }, (_, i) => finding(i, 'notice')), ...Array.from({ length: 11 }, (_, i) => finding(i, 'error'))];
  const api = fakeApi();
  expect(await annotate(options({ mode: 'commands', api, findings }))).toEqual({ channel: 'commands', hidden: 3 });
  expect(api.calls).toHaveLength(0);
  const levels = stdout.text.split('\n').filter((l) => l.includes(' file=')).map((l) => l.slice(2, l.indexOf(' ')));
  expect(levels).toEqual([...Array(11).fill('error'), ...Array(12).fill('notice')]);
  expect(stdout.text).toContain('::notice::podlint: 3 findings not shown as annotations');
  stdout.clear();
  expect((await annotate(options({ api: undefined }))).channel).toBe('commands');
});

test('checks: no token or a refusal fails with one line; off prints nothing', async () => {
  await expect(annotate(options({ mode: 'checks' }))).rejects.toThrow(new StepError('annotations: checks needs a token (the "token" input is empty)'));
  await expect(annotate(options({ mode: 'checks', api: fakeApi(forbidden) }))).rejects.toThrow(/could not create the check run: HTTP 403/);
  expect(await annotate(options({ mode: 'off', api: fakeApi() }))).toEqual({ channel: 'off', hidden: 0 });
  expect(stdout.text).toBe('');
});

test("a policy's finding carries its detail and the policy's own remediation", async () => {
  const api = fakeApi();
  const policy = { id: 'sidecar-memory-limit', defaultSeverity: 'warning' as const, description: 'd', remediation: 'Set resources.limits.memory.' };
  const f: Finding = { ...finding(1, 'warning'), rule: policy.id, message: 'Sidecars must set a memory limit', detail: '`limits` is missing the required key "memory"' };
  await publishCheckRun(api, { owner: 'o', repo: 'r', headSha: 'abc', conclusion: 'success', output: { title: 't', summary: 's' }, findings: [f], rules: [...ALL_RULES, policy] });
  expect(api.calls[0]!.parameters.output.annotations[0]).toMatchObject({
    message: 'Sidecars must set a memory limit: `limits` is missing the required key "memory"',
    raw_details: 'Fix: Set resources.limits.memory.',
  });
});

test('a check run cut off after its first batches: the findings it lacks go out as workflow commands', async () => {
  const findings = Array.from({ length: 120 }, (_, i) => finding(i, i < 100 ? 'error' : 'warning'));
  let updates = 0;
  const api = fakeApi((call) => {
    if (call.route.startsWith('PATCH') && ++updates === 2) throw Object.assign(new Error('Server Error'), { status: 502, response: { headers: {} } });
    return { id: 77 };
  });
  const result = await annotate(options({ api, findings }));
  expect(result.channel).toBe('commands');
  expect(result.note).toBe('The check run 77 holds 100 of the 120 findings: the API failed before the rest (HTTP 502: Server Error); the other 20 findings went out as workflow commands.');
  expect(stdout.text).toContain(`::warning::podlint: ${result.note}`);
  const printed = stdout.text.split('\n').filter((l) => l.includes(' file='));
  expect(printed.map((l) => /file=([^,]+)/.exec(l)![1])).toEqual(findings.slice(100).map((f) => f.file));
  expect(result.hidden).toBe(10); // 20 warnings, GitHub shows 10
  await expect(annotate(options({ mode: 'checks', api: fakeApi(() => ({ id: 'seven' })), findings }))).rejects.toThrow('could not create the check run: the API answered without a check run id');
});

test('an answer without a usable check run id falls back with a warning, whatever its shape', async () => {
  for (const answer of ['<html>', null, {}, { id: '77' }, { id: -1 }, { id: 1.5 }, [77]]) {
    stdout.clear();
    const result = await annotate(options({ api: fakeApi(() => answer) }));
    expect(result.channel).toBe('commands');
    expect(stdout.text).toContain('::warning::podlint: could not create the check run (the API answered without a check run id); 1 finding printed as workflow commands instead.');
    expect(stdout.text).toContain('::error file=k8s/f1.yaml,');
  }
});
