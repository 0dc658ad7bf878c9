// How long the Action may spend on GitHub's API. A silent or slow API must never hold the step:
// past these limits the findings go out as workflow commands, in the job summary and in SARIF,
// which need no API at all. The contract fixes the Action's inputs, so the limits are not one of
// them; PODLINT_API_TIMEOUT_MS and PODLINT_API_DEADLINE_MS exist for tests (and for a runner whose
// API is known to be slow), and PODLINT_TEST_FAST_RETRY shrinks back-off and pacing for tests.

export interface ApiLimits {
  /** One request, from sending it to the last byte of the answer. */
  requestTimeoutMs: number;
  /** All of the run's API work together, counted from the first request. */
  deadlineMs: number;
  /** Retries of a request that met a server error (5xx) or a dropped connection. */
  retries: number;
  /** The wait before the first such retry; it doubles for each further one. */
  backoffMs: number;
  /** Rate-limit answers waited out per request before giving up. */
  rateLimitRetries: number;
  /** Time between the starts of two writes, as GitHub asks of clients that make many. */
  writeSpacingMs: number;
  /** The largest answer read; a larger one is a malformed answer, not a reason to run out of memory. */
  maxAnswerBytes: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  // GitHub ends any request it cannot serve in 10 s; an answer that has not come by 15 s will not.
  requestTimeoutMs: 15_000,
  // A healthy API does podlint's work in seconds (1,000 findings are 20 paced writes). The whole
  // step should stay within a minute even when the API is down, so the budget ends well before.
  deadlineMs: 45_000,
  retries: 2,
  backoffMs: 1_000,
  rateLimitRetries: 3,
  writeSpacingMs: 1_000,
  maxAnswerBytes: 32 * 1024 * 1024,
};

/** The limits, with the environment's overrides; an override that is not a positive number is ignored. */
export function apiLimitsFromEnv(env: NodeJS.ProcessEnv): ApiLimits {
  const limits = { ...DEFAULT_API_LIMITS };
  if (env.PODLINT_TEST_FAST_RETRY) {
    limits.backoffMs = 1;
    limits.writeSpacingMs = 0;
  }
  limits.requestTimeoutMs = positive(env.PODLINT_API_TIMEOUT_MS) ?? limits.requestTimeoutMs;
  limits.deadlineMs = positive(env.PODLINT_API_DEADLINE_MS) ?? limits.deadlineMs;
  return limits;
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}
