// The REST client, and the narrow view of it the rest of the Action uses (so tests can hand in a
// fake). Octokit and its plugins are imported only when a token is used: loading them costs more
// than linting a small repository, and a run without a token never needs them.
import * as core from '@actions/core';

/** The two calls podlint makes; the real Octokit has them with richer types. */
export interface GitHubApi {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
  paginate(route: string, parameters?: Record<string, unknown>): Promise<unknown[]>;
}

/** Rate-limit waits longer than this are not worth holding a CI job for. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
const MAX_RETRIES = 3;

/**
 * An Octokit for GITHUB_API_URL (read by @actions/github, so GitHub Enterprise works) that retries
 * server errors with back-off and waits out rate limits. PODLINT_TEST_FAST_RETRY shrinks every
 * wait to milliseconds, for tests against a local server.
 */
export async function createGitHubApi(token: string, env: NodeJS.ProcessEnv = process.env): Promise<GitHubApi> {
  const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
    // One named chunk (scripts/build.mjs): loaded only when the Action talks to GitHub.
    import(/* webpackChunkName: "github-client" */ '@actions/github'),
    import(/* webpackChunkName: "github-client" */ '@octokit/plugin-retry'),
    import(/* webpackChunkName: "github-client" */ '@octokit/plugin-throttling'),
  ]);
  const fast = Boolean(env.PODLINT_TEST_FAST_RETRY);
  const baseDelayMs = fast ? 1 : 1000;
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const request = `${options.method ?? ''} ${options.url ?? ''}`.trim();
    if (retryCount < MAX_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS) {
      core.info(`podlint: GitHub ${kind} on ${request}; retrying in ${retryAfter} s`);
      return true;
    }
    core.warning(`podlint: GitHub ${kind} on ${request}; giving up after ${retryCount} retries`);
    return false;
  };
  const octokit = getOctokit(
    token,
    {
      retry: { retries: MAX_RETRIES, retryAfterBaseValue: baseDelayMs },
      throttle: {
        retryAfterBaseValue: baseDelayMs,
        fallbackSecondaryRateRetryAfter: fast ? 1 : 60,
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
      // Octokit's own log goes through the toolkit, which escapes what it prints.
      log: {
        debug: (message: string) => core.debug(message),
        info: (message: string) => core.debug(message),
        warn: (message: string) => core.warning(message),
        error: (message: string) => core.error(message),
      },
    } as Parameters<typeof getOctokit>[1],
    retry,
    throttling,
  );
  return octokit as unknown as GitHubApi;
}

/** The HTTP status of a failed request, when the failure was an HTTP answer. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A one-line account of a failed request, for a warning or a failed step. */
export function describeRequestError(error: unknown): string {
  const status = httpStatus(error);
  const message = ((error as Error | null)?.message ?? String(error)).split('\n')[0]!;
  return status !== undefined && !message.includes(String(status)) ? `HTTP ${status}: ${message}` : message;
}
