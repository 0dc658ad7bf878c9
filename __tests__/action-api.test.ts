// The REST client itself (createGitHubApi: the real Octokit behind podlint's request guard) over
// real HTTP to the fake GitHub on 127.0.0.1: how long it waits for a rate limit, what it tries
// again, when it gives up for good, and what it reads of an answer. Limits are shrunk per test so
// that every wait is short and still measurable.
import { afterAll, beforeAll, beforeEach, expect, test } from '@jest/globals';
import { DEFAULT_API_LIMITS, apiLimitsFromEnv, type ApiLimits } from '../src/action/api-limits.js';
import { createGitHubApi, describeRequestError, httpStatus, type GitHubApi } from '../src/action/octokit.js';
import { ApiUnavailable, rateLimitWait } from '../src/action/request-guard.js';
import { CHECK_RUNS, FakeGitHub, PR_FILES, silence } from './helpers/fake-github.js';
import { captureStdout } from './helpers/stdout.js';

const stdout = captureStdout();
const TOKEN = 'ghs_podlintApiTestToken0123456789abcdefXYZ';
const LIST = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const CREATE = 'POST /repos/{owner}/{repo}/check-runs';
const where = { owner: 'acme', repo: 'shop', pull_number: 42 };

let github: FakeGitHub;
beforeAll(async () => {
  github = await FakeGitHub.start();
});
afterAll(() => github?.close());
beforeEach(() => github.reset());

const quick: ApiLimits = { ...DEFAULT_API_LIMITS, requestTimeoutMs: 1000, deadlineMs: 5000, backoffMs: 10, writeSpacingMs: 0 };
function api(limits: Partial<ApiLimits> = {}): Promise<GitHubApi> {
  return createGitHubApi(TOKEN, { baseUrl: github.url, limits: { ...quick, ...limits } });
}

/** The rejection of `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

function gaps(): number[] {
  return github.requests.slice(1).map((r, i) => r.at - github.requests[i]!.at);
}

test('429 with retry-after: sent again only after the seconds it asks', async () => {
  github.answerOnce('GET', PR_FILES, { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } });
  const client = await api();
  const { data } = await client.request(LIST, where);
  expect(data).toEqual([]);
  expect(github.requests).toHaveLength(2);
  expect(gaps()[0]).toBeGreaterThanOrEqual(1000);
  expect(stdout.text).toContain("podlint: GitHub's rate limit on GET /repos/{owner}/{repo}/pulls/{pull_number}/files; waiting 1.1 s as it asks");
});

test('retry-after as an HTTP date, and a 403 whose retry-after marks the secondary limit', async () => {
  const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
  github.answerOnce('GET', PR_FILES, { status: 403, headers: { 'retry-after': at.toUTCString() }, body: { message: 'You have exceeded a secondary rate limit' } });
  const client = await api();
  await client.request(LIST, where);
  expect(github.requests[1]!.at).toBeGreaterThanOrEqual(at.getTime());
});

test('a rate limit that says no wait is waited the minute GitHub asks for: past the deadline, given up at once', async () => {
  github.answerAlways('POST', CHECK_RUNS, { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } });
  const client = await api({ deadlineMs: 3000 });
  const started = Date.now();
  const error = await failure(client.request(CREATE, { owner: 'acme', repo: 'shop', name: 'podlint' }));
  expect(Date.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(ApiUnavailable);
  expect(describeRequestError(error)).toMatch(/^GitHub's rate limit asks to wait 60 s before POST \/repos\/\{owner\}\/\{repo\}\/check-runs, longer than the [\d.]+ s left of podlint's time for the API$/);
  // Given up for the run: the next request is not even sent.
  await expect(client.request(LIST, where)).rejects.toBeInstanceOf(ApiUnavailable);
  expect(github.requests).toHaveLength(1);
});

test('a plain 403 or 404 is no rate limit: not tried again, and its status is kept for the caller', async () => {
  github.answerOnce('POST', CHECK_RUNS, { status: 403, body: { message: 'Resource not accessible by integration' } });
  const client = await api();
  const error = await failure(client.request(CREATE, { owner: 'acme', repo: 'shop' }));
  expect(httpStatus(error)).toBe(403);
  expect(describeRequestError(error)).toBe('HTTP 403: Resource not accessible by integration');
  expect(github.requests).toHaveLength(1);
  // Still available: a refusal says nothing about the next request.
  await client.request(LIST, where);
  expect(github.requests).toHaveLength(2);
});

test('rate limits are waited out a few times per request, then given up', async () => {
  github.answerAlways('GET', PR_FILES, { status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too Many Requests' } });
  const client = await api({ rateLimitRetries: 2 });
  const error = await failure(client.request(LIST, where));
  expect(describeRequestError(error)).toBe('GitHub answered GET /repos/{owner}/{repo}/pulls/{pull_number}/files with a rate limit 3 times');
  expect(github.requests).toHaveLength(3);
});

test('server errors are tried again with back-off, twice; then the last one is the answer', async () => {
  github.answerOnce('GET', PR_FILES, { status: 502, body: { message: 'Bad Gateway' } });
  github.answerOnce('GET', PR_FILES, { status: 500, body: { message: 'Server Error' } });
  const client = await api({ backoffMs: 100 });
  await client.request(LIST, where);
  expect(github.requests).toHaveLength(3);
  const [first, second] = gaps();
  expect(first).toBeGreaterThanOrEqual(100);
  expect(second).toBeGreaterThanOrEqual(200);

  github.reset();
  github.answerAlways('GET', PR_FILES, { status: 503, body: { message: 'Service Unavailable' } });
  const error = await failure((await api()).request(LIST, where));
  expect(describeRequestError(error)).toBe('HTTP 503: Service Unavailable');
  expect(github.requests).toHaveLength(3);
});

test('a back-off that would pass the deadline is not waited', async () => {
  github.answerAlways('GET', PR_FILES, { status: 500, body: { message: 'Server Error' } });
  const client = await api({ backoffMs: 10_000, deadlineMs: 2000 });
  const started = Date.now();
  await expect(client.request(LIST, where)).rejects.toMatchObject({ status: 500 });
  expect(Date.now() - started).toBeLessThan(1000);
  expect(github.requests).toHaveLength(1);
});

test('writes are spaced as GitHub asks of clients that make many; reads are not', async () => {
  // Spaced widely, so the margin below stays far from both sides on a loaded machine (arrival
  // gaps of 237 ms were seen against 300 ms of spacing).
  const client = await api({ writeSpacingMs: 600 });
  for (let i = 0; i < 3; i++) await client.request(CREATE, { owner: 'acme', repo: 'shop', name: 'podlint' });
  for (let i = 0; i < 3; i++) await client.request(LIST, where);
  // Measured where the requests arrive, so a few milliseconds either way.
  const [w1, w2, , r1, r2] = gaps();
  expect(w1).toBeGreaterThanOrEqual(450);
  expect(w2).toBeGreaterThanOrEqual(450);
  expect(Math.min(r1!, r2!)).toBeLessThan(250);
});

test('no answer within the timeout: given up for the rest of the run', async () => {
  github.answerAlways('GET', PR_FILES, silence);
  const client = await api({ requestTimeoutMs: 300 });
  const started = Date.now();
  const error = await failure(client.request(LIST, where));
  expect(Date.now() - started).toBeLessThan(2000);
  expect(describeRequestError(error)).toBe("GitHub's API did not answer GET /repos/{owner}/{repo}/pulls/{pull_number}/files within 0.3 s");
  await expect(client.request(CREATE, { owner: 'acme', repo: 'shop' })).rejects.toThrow(/did not answer GET/);
  expect(github.requests).toHaveLength(1);
});

test('headers, then a body that never ends: the timeout covers the body too', async () => {
  github.answerAlways('GET', PR_FILES, { status: 200, body: [], stallBody: true });
  const client = await api({ requestTimeoutMs: 300 });
  const error = await failure(client.request(LIST, where));
  expect(describeRequestError(error)).toMatch(/did not answer GET .* within 0\.3 s/);
});

test('the deadline ends a request under way and every later one', async () => {
  // Two quick answers, then one that would take far longer than the deadline leaves. The margins
  // are wide so that a loaded machine cannot make the quick ones use up the deadline themselves.
  const client = await api({ requestTimeoutMs: 20_000, deadlineMs: 3000 });
  await client.request(LIST, where);
  await client.request(LIST, where);
  github.answerAlways('GET', PR_FILES, silence);
  const started = Date.now();
  const error = await failure(client.request(LIST, where));
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(describeRequestError(error)).toBe("podlint's 3 s for GitHub's API ran out");
  await expect(client.request(LIST, where)).rejects.toThrow(/ran out/);
  // The third reached the server (it was under way when the deadline ended it); the fourth never left.
  expect(github.requests).toHaveLength(3);
});

test('an answer larger than podlint reads is a failure, not a full memory, and is not asked for again', async () => {
  github.answerAlways('GET', PR_FILES, { status: 200, raw: JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ filename: `f${i}`, status: 'added' }))) });
  const client = await api({ maxAnswerBytes: 1024 });
  const error = await failure(client.request(LIST, where));
  expect(describeRequestError(error)).toBe("no usable answer from GitHub's API: the answer is larger than 1024 bytes, more than podlint reads");
  expect(github.requests).toHaveLength(1);
});

test('what the server says reaches the log escaped, short, and without the token', async () => {
  const echo = `Bad credentials: token ${TOKEN} is not valid\n::error::injected\u001b[2J${'x'.repeat(500)}`;
  github.answerOnce('POST', CHECK_RUNS, { status: 401, body: { message: echo } });
  const client = await api();
  const text = describeRequestError(await failure(client.request(CREATE, { owner: 'acme', repo: 'shop' })));
  expect(text).not.toContain(TOKEN);
  expect(text).not.toMatch(/[\n\r\u001b]/);
  expect(text).toMatch(/^HTTP 401: Bad credentials: token \*\*\* is not valid\\n::error::injected\\u001b\[2Jx+…$/);
  expect(text.length).toBeLessThan(200);
  // The request itself carried the token, as it must.
  expect(github.requests[0]!.headers.authorization).toBe(`token ${TOKEN}`);
});

test('rateLimitWait reads the headers GitHub sends, and nothing else is a rate limit', () => {
  const now = 1_700_000_000_000;
  const failed = (status: number, headers: Record<string, string>, message = 'x') => ({ status, message, response: { headers } });
  expect(rateLimitWait(failed(429, { 'retry-after': '7' }), now)).toBe(7100);
  expect(rateLimitWait(failed(429, {}), now)).toBe(60_000);
  expect(rateLimitWait(failed(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }), now)).toBe(31_000);
  expect(rateLimitWait(failed(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 - 30) }), now)).toBe(1000);
  expect(rateLimitWait(failed(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }), now)).toBe(60_000);
  expect(rateLimitWait(failed(403, { 'retry-after': 'whenever' }), now)).toBe(60_000);
  expect(rateLimitWait(failed(403, { 'x-ratelimit-remaining': '12' }), now)).toBeUndefined();
  expect(rateLimitWait(failed(403, {}, 'Resource not accessible by integration'), now)).toBeUndefined();
  expect(rateLimitWait(failed(500, { 'retry-after': '1' }), now)).toBeUndefined();
  expect(rateLimitWait(new Error('fetch failed'), now)).toBeUndefined();
  expect(rateLimitWait(null, now)).toBeUndefined();
});

test('the limits: defaults keep the step within a minute; the environment may shorten them for tests', () => {
  expect(DEFAULT_API_LIMITS.deadlineMs + DEFAULT_API_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
  expect(apiLimitsFromEnv({})).toEqual(DEFAULT_API_LIMITS);
  expect(apiLimitsFromEnv({ PODLINT_API_TIMEOUT_MS: '250', PODLINT_API_DEADLINE_MS: '2000' })).toMatchObject({ requestTimeoutMs: 250, deadlineMs: 2000 });
  expect(apiLimitsFromEnv({ PODLINT_API_TIMEOUT_MS: '-1', PODLINT_API_DEADLINE_MS: '1e9' })).toEqual(DEFAULT_API_LIMITS);
  expect(apiLimitsFromEnv({ PODLINT_TEST_FAST_RETRY: '1' })).toMatchObject({ backoffMs: 1, writeSpacingMs: 0, deadlineMs: DEFAULT_API_LIMITS.deadlineMs });
});
