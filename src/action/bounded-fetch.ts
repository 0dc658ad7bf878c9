// A fetch that reads at most so many bytes of an answer. Octokit buffers whole answers, so a
// broken or hostile server sending without end would otherwise fill the runner's memory. Reading
// the body here, inside fetch, also puts it under the request's timeout.

export class AnswerTooLarge extends Error {
  override name = 'AnswerTooLarge';
}

export type Fetch = (url: string, init?: Record<string, unknown>) => Promise<Response>;

/** Statuses whose Response may not carry a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function boundedFetch(inner: Fetch, maxBytes: number): Fetch {
  return async (url, init) => {
    const response = await inner(url, init);
    const tooLarge = () => new AnswerTooLarge(`the answer is larger than ${inUnits(maxBytes)}, more than podlint reads`);
    if (Number(response.headers.get('content-length')) > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    if (response.body) {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        received += chunk.byteLength;
        if (received > maxBytes) throw tooLarge(); // leaving the loop cancels the stream
        chunks.push(chunk);
      }
    }
    const body = NULL_BODY_STATUSES.has(response.status) ? null : Buffer.concat(chunks);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: Array.from(response.headers) });
  };
}

function inUnits(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${bytes} bytes`;
}
