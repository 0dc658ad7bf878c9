// The Action's inputs and the run context read from the event payload: bad values are one clear
// error, and PR runs point at the head commit. (What reaches the runner, outputs and escaped
// commands, is checked end to end in action-e2e.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from '@jest/globals';
import { readRunContext } from '../src/action/event.js';
import { readInputs, splitPaths } from '../src/action/inputs.js';
import { StepError } from '../src/action/step-error.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-inputs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

test('paths split on newlines and commas; defaults fill the rest', () => {
  expect(splitPaths('k8s/\n  deploy/*.yaml , charts/out\r\n\n,')).toEqual(['k8s/', 'deploy/*.yaml', 'charts/out']);
  expect(inputs({})).toEqual({ paths: ['.'], config: undefined, failOn: 'error', onlyChanged: 'false', sarifFile: undefined, annotations: 'auto', token: '' });
  expect(inputs({ 'fail-on': 'Warning', 'only-changed': 'lines', annotations: 'off', token: 't', 'sarif-file': 'a.sarif' })).toMatchObject({
    failOn: 'warning',
    onlyChanged: 'lines',
    annotations: 'off',
    token: 't',
    sarifFile: 'a.sarif',
  });
});

test.each([
  ['fail-on', 'sometimes', 'input "fail-on" must be one of error, warning, notice, never, not "sometimes"'],
  ['annotations', 'comments', 'input "annotations" must be one of auto, checks, commands, off, not "comments"'],
  ['only-changed', 'true', 'input "only-changed" must be one of false, files, lines, not "true"'],
])('a bad %s value is a StepError that names the choices', (name, value, message) => {
  expect(() => inputs({ [name]: value })).toThrow(new StepError(message));
});

function payload(name: string, body: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
}

test('on pull requests the findings belong to the head commit, not GITHUB_SHA', () => {
  const event = payload('pr.json', { pull_request: { number: 5, head: { sha: 'headsha' }, changed_files: 3 } });
  for (const name of ['pull_request', 'pull_request_target']) {
    const context = readRunContext({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: event, GITHUB_SHA: 'mergesha', GITHUB_REPOSITORY: 'o/r', GITHUB_WORKSPACE: '/ws' }, '/cwd');
    expect(context).toEqual({
      workspace: '/ws',
      eventName: name,
      repository: { owner: 'o', repo: 'r' },
      sha: 'headsha',
      serverUrl: 'https://github.com',
      pullRequest: { number: 5, headSha: 'headsha', changedFiles: 3 },
    });
  }
});

test('on push, and with a missing payload, GITHUB_SHA; outside Actions, the working directory', () => {
  const push = readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload('push.json', { after: 'x' }), GITHUB_SHA: 's' }, '/cwd');
  expect(push).toMatchObject({ sha: 's', workspace: '/cwd', repository: undefined });
  expect(push.pullRequest).toBeUndefined();
  const lost = readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(dir, 'nope.json'), GITHUB_SHA: 's' }, '/cwd');
  expect(lost).toMatchObject({ sha: 's', pullRequest: undefined });
});
