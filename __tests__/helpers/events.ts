// Event payloads for the Action's end-to-end tests: real examples from @octokit/webhooks-examples
// (what GitHub sends), patched with the numbers a test needs.
import fs from 'node:fs';
import { createRequire } from 'node:module';

interface WebhookExamples {
  name: string;
  examples: Record<string, any>[];
}

const require = createRequire(import.meta.url);
let examples: WebhookExamples[] | undefined;

function example(event: string, matches: (payload: Record<string, any>) => boolean): Record<string, any> {
  examples ??= JSON.parse(fs.readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8')) as WebhookExamples[];
  const found = examples.find((e) => e.name === event)?.examples.find(matches);
  if (!found) throw new Error(`no ${event} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

export interface PullRequestOptions {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  changedFiles?: number;
  /** The head branch lives in someone else's fork. */
  fromFork?: boolean;
}

/** A `pull_request` `opened` payload for OWNER/REPO#NUMBER at HEADSHA. */
export function pullRequestOpened(options: PullRequestOptions): Record<string, any> {
  const payload = example('pull_request', (p) => p.action === 'opened');
  const fullName = `${options.owner}/${options.repo}`;
  payload.number = options.number;
  payload.repository.full_name = fullName;
  payload.repository.name = options.repo;
  payload.repository.owner.login = options.owner;
  const pr = payload.pull_request;
  pr.number = options.number;
  pr.head.sha = options.headSha;
  pr.base.repo.full_name = fullName;
  if (options.changedFiles !== undefined) pr.changed_files = options.changedFiles;
  if (options.fromFork) {
    pr.head.repo.full_name = `a-contributor/${options.repo}`;
    pr.head.repo.fork = true;
    pr.head.label = `a-contributor:${pr.head.ref}`;
  }
  return payload;
}

export function pushEvent(options: { owner: string; repo: string; sha: string }): Record<string, any> {
  const payload = example('push', () => true);
  payload.after = options.sha;
  if (payload.head_commit) payload.head_commit.id = options.sha;
  payload.repository.full_name = `${options.owner}/${options.repo}`;
  payload.repository.name = options.repo;
  return payload;
}
