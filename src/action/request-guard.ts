// Every request the Action makes passes through here (an Octokit request hook): a timeout on each
// one, one deadline for them all, rate limits waited out for exactly as long as GitHub asks, and a
// few retries of server errors. Once the API has failed in a way that waiting cannot fix (it did
// not answer, the deadline passed, a rate limit asks for longer than is left), every later request
// fails at once with ApiUnavailable, so the caller falls back to channels that need no API.
import { core } from './core.js';
import type { ApiLimits } from './api-limits.js';

/** The API is given up on for the rest of the run; the message says why, in podlint's words. */
export class ApiUnavailable extends Error {}

/** The endpoint options Octokit hands a request hook (`url` is still the route's template). */
export interface HookOptions {
  method: string;
  url: string;
  request?: Record<string, unknown>;
  [parameter: string]: unknown;
}
export type SendRequest = (options: HookOptions) => Promise<unknown>;

interface FailedRequest {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | undefined> };
  cause?: { name?: unknown };
}

/** Said with the wait, so a retry never comes a hair before the moment GitHub named. */
const RATE_LIMIT_MARGIN_MS = 100;
/** GitHub: "If the retry-after header is not present, wait for at least one minute". */
const UNSPECIFIED_RATE_LIMIT_WAIT_MS = 60_000;

export class RequestGuard {
  private readonly deadlineAt: number;
  private readonly deadline = new AbortController();
  private unavailable?: string;
  private nextWriteAt = 0;

  constructor(
    private readonly limits: ApiLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.deadlineAt = now() + limits.deadlineMs;
    // unref: the deadline must not keep a run alive whose API work is done.
    setTimeout(() => this.deadline.abort(), limits.deadlineMs).unref();
  }

  /** For `octokit.hook.wrap('request', guard.wrap)`. */
  readonly wrap = async (send: SendRequest, options: HookOptions): Promise<unknown> => {
    const what = `${options.method} ${options.url.split('?')[0]}`;
    let serverErrors = 0;
    let rateLimits = 0;
    for (;;) {
      this.ensureAvailable();
      if (options.method !== 'GET' && options.method !== 'HEAD') await this.spaceWrite();
      try {
        return await this.sendOnce(send, options, what);
      } catch (error) {
        if (error instanceof ApiUnavailable) throw error;
        const wait = rateLimitWait(error, this.now());
        if (wait !== undefined) {
          if (++rateLimits > this.limits.rateLimitRetries) throw this.giveUp(`GitHub answered ${what} with a rate limit ${rateLimits} times`);
          const left = this.deadlineAt - this.now();
          if (wait > left) {
            throw this.giveUp(`GitHub's rate limit asks to wait ${seconds(wait)} before ${what}, longer than the ${seconds(Math.max(0, left))} left of podlint's time for the API`);
          }
          core().info(`podlint: GitHub's rate limit on ${what}; waiting ${seconds(wait)} as it asks`);
          await this.sleep(wait);
          continue;
        }
        if (isServerError(error) && serverErrors < this.limits.retries) {
          const backoff = this.limits.backoffMs * 2 ** serverErrors++;
          if (this.now() + backoff < this.deadlineAt) {
            await this.sleep(backoff);
            continue;
          }
        }
        throw error;
      }
    }
  };

  /** One attempt, ended by its own timeout or the deadline even if the transport ignores the signal. */
  private async sendOnce(send: SendRequest, options: HookOptions, what: string): Promise<unknown> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.limits.requestTimeoutMs);
    const onDeadline = () => controller.abort();
    this.deadline.signal.addEventListener('abort', onDeadline, { once: true });
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    try {
      // Set on the options object itself: hooks wrapped inside this one (the token's) were bound
      // to it and ignore the argument they are called with.
      options.request = { ...options.request, signal: controller.signal };
      return await Promise.race([send(options), aborted]);
    } catch (error) {
      if (timedOut) throw this.giveUp(`GitHub's API did not answer ${what} within ${seconds(this.limits.requestTimeoutMs)}`);
      if (this.deadline.signal.aborted) throw this.giveUp(this.deadlineMessage());
      throw error;
    } finally {
      clearTimeout(timer);
      this.deadline.signal.removeEventListener('abort', onDeadline);
    }
  }

  private ensureAvailable(): void {
    if (this.unavailable !== undefined) throw new ApiUnavailable(this.unavailable);
    if (this.now() >= this.deadlineAt) throw this.giveUp(this.deadlineMessage());
  }

  private giveUp(reason: string): ApiUnavailable {
    this.unavailable ??= reason;
    return new ApiUnavailable(reason);
  }

  private deadlineMessage(): string {
    return `podlint's ${seconds(this.limits.deadlineMs)} for GitHub's API ran out`;
  }

  private async spaceWrite(): Promise<void> {
    const wait = this.nextWriteAt - this.now();
    if (wait > 0) {
      await this.sleep(wait);
      this.ensureAvailable();
    }
    this.nextWriteAt = this.now() + this.limits.writeSpacingMs;
  }

  /** Resolves after `ms`, or at once when the deadline passes. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.deadline.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.deadline.signal.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * How long GitHub asks to wait before the request may be sent again, when the failure is a rate
 * limit: a 429, or a 403 with no requests left, a `retry-after`, or the secondary limit's message.
 * `retry-after` (seconds or an HTTP date) wins, then `x-ratelimit-reset` (epoch seconds).
 */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  const failed = (error ?? {}) as FailedRequest;
  const headers = failed.response?.headers ?? {};
  const exhausted = headers['x-ratelimit-remaining'] === '0';
  const secondary = /secondary rate limit/i.test(String(failed.message ?? ''));
  const limited = failed.status === 429 || (failed.status === 403 && (exhausted || secondary || headers['retry-after'] !== undefined));
  if (!limited) return undefined;
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter + RATE_LIMIT_MARGIN_MS;
  const reset = headers['x-ratelimit-reset'];
  if (exhausted && reset !== undefined && /^\d+$/.test(reset.trim())) {
    // GitHub: retry after the reset time, so one second past it.
    return Math.max(0, Number(reset) * 1000 - now) + 1000;
  }
  return UNSPECIFIED_RATE_LIMIT_WAIT_MS;
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A 5xx, or a request that got no answer at all (Octokit reports those as 500 too). */
function isServerError(error: unknown): boolean {
  const failed = (error ?? {}) as FailedRequest;
  if (failed.cause?.name === 'AnswerTooLarge') return false; // the same answer would come again
  return typeof failed.status === 'number' && failed.status >= 500;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) || s >= 10 ? Math.round(s) : s.toFixed(1)} s`;
}
