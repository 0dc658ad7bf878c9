// A file's bytes as text, or undefined for a binary file (no manifest, nothing to parse).

/**
 * The file's text: UTF-8, or UTF-16 with its byte-order mark (which YAML allows and editors on
 * Windows write). Undefined for a binary file: NUL bytes never appear in YAML or JSON text.
 */
export function decode(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buffer.subarray(0, 8192).includes(0)) return undefined;
  return buffer.toString('utf8');
}
