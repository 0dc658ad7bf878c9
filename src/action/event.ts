// What the run is about, from the runner's environment and the event payload: which repository,
// which commit the findings belong to, and the pull request when there is one. Read directly
// (no @actions/github) so a run without a token never loads the HTTP client.
import fs from 'node:fs';

/** Events whose payload carries `pull_request`, and whose findings belong to the PR's head. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

export interface PullRequestRef {
  number: number;
  /** `pull_request.head.sha`: the commit the author pushed, not the merge commit in GITHUB_SHA. */
  headSha: string;
  /** `pull_request.changed_files`, when the payload has it. */
  changedFiles?: number;
}

export interface RunContext {
  workspace: string;
  eventName: string;
  /** From GITHUB_REPOSITORY; undefined outside Actions. */
  repository?: { owner: string; repo: string };
  /** The commit annotations, the check run and summary links point at. */
  sha?: string;
  serverUrl: string;
  pullRequest?: PullRequestRef;
}

export function readRunContext(env: NodeJS.ProcessEnv, cwd: string): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const context: RunContext = {
    workspace: env.GITHUB_WORKSPACE || cwd,
    eventName,
    repository: owner && repo ? { owner, repo } : undefined,
    sha: env.GITHUB_SHA || undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
  };
  if (PULL_REQUEST_EVENTS.includes(eventName)) {
    context.pullRequest = pullRequestOf(readPayload(env.GITHUB_EVENT_PATH));
    if (context.pullRequest) context.sha = context.pullRequest.headSha;
  }
  return context;
}

function readPayload(file: string | undefined): unknown {
  if (!file) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // A missing or unreadable payload leaves the run without PR details; GITHUB_SHA still works.
    return undefined;
  }
}

function pullRequestOf(payload: unknown): PullRequestRef | undefined {
  const pr = (payload as { pull_request?: Record<string, unknown> } | undefined)?.pull_request;
  const head = pr?.head as { sha?: unknown } | undefined;
  if (typeof pr?.number !== 'number' || typeof head?.sha !== 'string') return undefined;
  const ref: PullRequestRef = { number: pr.number, headSha: head.sha };
  if (typeof pr.changed_files === 'number') ref.changedFiles = pr.changed_files;
  return ref;
}
