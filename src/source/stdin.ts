// Standard input as a source: `helm template . | podlint -`. Its text is checked like a file's,
// under the name `--stdin-filename` gives it (or `<stdin>`).
export const STDIN_ARG = '-';
export const DEFAULT_STDIN_NAME = '<stdin>';

export interface StdinInput {
  text: string;
  /** The name findings carry; `<stdin>` by default. */
  name?: string;
}

/** Reads a stream to its end, refusing more than `maxBytes` (a pipe can be endless). */
export async function readStream(stream: AsyncIterable<Buffer | string>, maxBytes: number): Promise<{ text: string } | { tooLarge: true }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) return { tooLarge: true };
    chunks.push(buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
