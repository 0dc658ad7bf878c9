// A stand-in for GitHub's REST API on 127.0.0.1, for the Action's end-to-end tests. It answers
// the three routes podlint uses (create and update a check run, list a PR's files, with Link
// pagination), records every request, and can be told to answer a route differently, once or
// always: a 403, a 500, a rate limit, a malformed body, a slow answer or none at all.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
  /** Date.now() when the request arrived. */
  at: number;
  /** The status it was answered with; undefined while (or when never) answered. */
  status?: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is instead of `body`: malformed JSON, HTML. */
  raw?: string;
  /** Answer only after this long. */
  delayMs?: number;
  /** Never answer: the connection stays open and silent until the test ends. */
  hang?: boolean;
  /** Send the status, the headers and the start of the body, then nothing more. */
  stallBody?: boolean;
}

/** A request the server receives and never answers. */
export const silence: Reply = { status: 0, hang: true };

export const CHECK_RUNS = /^\/repos\/[^/]+\/[^/]+\/check-runs$/;
export const CHECK_RUN = /^\/repos\/[^/]+\/[^/]+\/check-runs\/\d+$/;
export const PR_FILES = /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/;

/** The primary rate limit as GitHub answers it: 403, no requests left, reset now. */
export function rateLimited(status = 403): Reply {
  return {
    status,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)), 'retry-after': '1' },
    body: { message: 'API rate limit exceeded for installation ID 1.' },
  };
}

export const forbidden: Reply = { status: 403, body: { message: 'Resource not accessible by integration' } };
export const serverError: Reply = { status: 500, body: { message: 'Server Error' } };

export class FakeGitHub {
  /** Check run ids start here after each reset. */
  static readonly FIRST_CHECK_RUN_ID = 1000;

  readonly requests: RecordedRequest[] = [];
  /** What GET …/pulls/{n}/files lists, page by page. */
  prFiles: unknown[] = [];
  private once: { method: string; path: RegExp; reply: Reply }[] = [];
  private always: { method: string; path: RegExp; reply: Reply | ((request: RecordedRequest) => Reply) }[] = [];
  /** Added to every answer's own delay. */
  delayMs = 0;
  private readonly unanswered = new Set<http.ServerResponse>();
  private nextId = FakeGitHub.FIRST_CHECK_RUN_ID;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    let fake: FakeGitHub | undefined;
    const server = http.createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeGitHub(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** The next request to this route gets `reply`; calls queue up in order. */
  answerOnce(method: string, path: RegExp, reply: Reply): void {
    this.once.push({ method, path, reply });
  }

  /** Every request to this route gets `reply` (after any answerOnce), until reset(). */
  answerAlways(method: string, path: RegExp, reply: Reply | ((request: RecordedRequest) => Reply)): void {
    this.always.push({ method, path, reply });
  }

  reset(): void {
    // Ends the requests left hanging; live keep-alive connections stay, as a client expects.
    for (const res of this.unanswered) res.socket?.destroy();
    this.unanswered.clear();
    this.requests.length = 0;
    this.once = [];
    this.always = [];
    this.delayMs = 0;
    this.prFiles = [];
    this.nextId = FakeGitHub.FIRST_CHECK_RUN_ID;
  }

  /** Recorded requests of one route. */
  to(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', this.url);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      at: Date.now(),
    };
    this.requests.push(request);
    const matches = (o: { method: string; path: RegExp }) => o.method === request.method && o.path.test(request.path);
    const scripted = this.once.findIndex(matches);
    const standing = this.always.find(matches)?.reply;
    const reply =
      scripted >= 0 ? this.once.splice(scripted, 1)[0]!.reply : standing ? (typeof standing === 'function' ? standing(request) : standing) : this.answer(request, url);
    if (reply.hang) {
      this.unanswered.add(res);
      return;
    }
    const delay = (reply.delayMs ?? 0) + this.delayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (res.destroyed) return;
    request.status = reply.status;
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    if (reply.stallBody) {
      res.write('[{"filename": ');
      this.unanswered.add(res);
      return;
    }
    res.end(reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
  }

  private answer(request: RecordedRequest, url: URL): Reply {
    if (request.method === 'POST' && CHECK_RUNS.test(request.path)) {
      return { status: 201, body: { id: this.nextId++, head_sha: request.body?.head_sha, name: request.body?.name } };
    }
    if (request.method === 'PATCH' && CHECK_RUN.test(request.path)) {
      return { status: 200, body: { id: Number(request.path.split('/').pop()) } };
    }
    if (request.method === 'GET' && PR_FILES.test(request.path)) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const body = this.prFiles.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < this.prFiles.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return { status: 200, headers, body };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
