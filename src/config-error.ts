// A mistake in podlint's own configuration (the config file, a policy file): the run cannot
// start, exit status 2, and the message names the file, line and what is wrong.
import type { Path } from './manifest/locate.js';
import { spanOfPath, type ParsedDocument, type ParsedFile } from './manifest/parse.js';

export class ConfigError extends Error {
  /** One error with every problem found, each on its own line. */
  static of(what: string, problems: readonly string[]): ConfigError {
    return new ConfigError(`${what}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** `file:line:col: a.b.c: message`, at the node of a path in a YAML document. */
export function problemAt(file: string, parsed: ParsedFile, doc: ParsedDocument | undefined, path: Path, where: 'key' | 'value', message: string): string {
  const span = doc ? spanOfPath(parsed, doc, path, where) : { line: 1, column: 1 };
  return `${file}:${span.line}:${span.column}: ${path.length ? `${path.map(String).join('.')}: ` : ''}${message}`;
}
