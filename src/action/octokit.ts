// The REST client, and the narrow view of it the rest of the Action uses (so tests can hand in a
// fake). Octokit is imported only when a token is used: loading it costs more than linting a small
// repository, and a run without a token never needs it. Every request goes through the guard
// (timeouts, one deadline, rate limits, retries) and a fetch that caps the answer's size.
import { core, loadCore } from './core.js';
import { quote } from '../quote.js';
import { DEFAULT_API_LIMITS, type ApiLimits } from './api-limits.js';
import { boundedFetch, type Fetch } from './bounded-fetch.js';
import { ApiUnavailable, RequestGuard } from './request-guard.js';

/** The one call podlint makes; the real Octokit has it with richer types. */
export interface GitHubApi {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ status: number; headers?: Record<string, unknown>; data: unknown }>;
}

/** An answer that is not what the API documents (not JSON, the wrong shape); the message says what is wrong. */
export class MalformedAnswer extends Error {}

export interface GitHubApiOptions {
  limits?: ApiLimits;
  /** By default GITHUB_API_URL (read by @actions/github, so GitHub Enterprise works). */
  baseUrl?: string;
}

export async function createGitHubApi(token: string, options: GitHubApiOptions = {}): Promise<GitHubApi> {
  await loadCore();
  // One named chunk (scripts/build.mjs): loaded only when the Action talks to GitHub. One after
  // the other: the two share modules, and jest's module loader fails on concurrent imports of them.
  const { defaults } = await import(/* webpackChunkName: "github-client" */ '@actions/github/lib/utils');
  const { getOctokit } = await import(/* webpackChunkName: "github-client" */ '@actions/github');
  const limits = options.limits ?? DEFAULT_API_LIMITS;
  if (token) secrets.add(token);
  // Octokit's own lines (deprecation notices quoting the server's headers) are for debugging only.
  const log = {
    debug: (message: string) => core().debug(serverText(message)),
    info: (message: string) => core().debug(serverText(message)),
    warn: (message: string) => core().debug(serverText(message)),
    error: (message: string) => core().debug(serverText(message)),
  };
  const octokit = getOctokit(token, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    // Replaces @actions/github's request defaults, so its proxy-aware agent and fetch are kept.
    request: { agent: defaults.request?.agent, fetch: boundedFetch((defaults.request?.fetch ?? fetch) as Fetch, limits.maxAnswerBytes), log },
    log,
  });
  octokit.hook.wrap('request', new RequestGuard(limits).wrap as never);
  return octokit as unknown as GitHubApi;
}

/** Tokens handed to createGitHubApi, never printed even when an answer echoes them. */
const secrets = new Set<string>();
const TOKEN_SHAPES = /\b(?:gh[opsur]_[A-Za-z0-9]{20,}|github_pat_\w{20,})/g;

function redact(text: string): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out.replace(TOKEN_SHAPES, '***');
}

/** What a server said, fit for one log line: tokens out, controls escaped, cut short (quote()'s rules, without its quotes). */
export function serverText(text: string): string {
  return quote(redact(text)).slice(1, -1);
}

/** The HTTP status of a failed request, when the failure was an HTTP answer. */
export function httpStatus(error: unknown): number | undefined {
  const failed = error as { status?: unknown; response?: unknown } | null;
  return typeof failed?.status === 'number' && failed.response !== undefined ? failed.status : undefined;
}

/**
 * A one-line account of a failed request, for a warning or a failed step. What the server said is
 * quoted (escaped, cut short) and stripped of tokens; podlint's own reasons are said as they are.
 */
export function describeRequestError(error: unknown): string {
  if (error instanceof ApiUnavailable || error instanceof MalformedAnswer) return error.message;
  const message = serverText((error as Error | null)?.message ?? String(error));
  const status = httpStatus(error);
  return status !== undefined ? `HTTP ${status}: ${message}` : `no usable answer from GitHub's API: ${message}`;
}
