// A mistake in podlint's own configuration (the config file, a policy file): the run cannot
// start, exit status 2, and the message names the file, line and what is wrong.
import type { Path } from './manifest/locate.js';
import { capLength, escapeControls } from './quote.js';
import { OWN_FILE_SHOWN } from './schema-errors.js';
import { spanOfPath, type ParsedDocument, type ParsedFile, type SyntaxProblem } from './manifest/parse.js';

export class ConfigError extends Error {
  /** The message is printed to a terminal or a log: control characters are shown escaped. */
  constructor(message: string) {
    super(escapeControls(message));
  }

  /** One error with every problem found, each on its own line. */
  static of(what: string, problems: readonly string[]): ConfigError {
    const error = new ConfigError(what);
    error.message = `${error.message}:\n${problems.map((p) => `  ${escapeControls(p)}`).join('\n')}`;
    return error;
  }
}

/** `file:line:col: a.b.c: message`, at the node of a path in a YAML document. */
export function problemAt(file: string, parsed: ParsedFile, doc: ParsedDocument | undefined, path: Path, where: 'key' | 'value', message: string): string {
  const span = doc ? spanOfPath(parsed, doc, path, where) : { line: 1, column: 1 };
  // (A long key is no key of podlint's but whatever the file holds: a token, say. Not shown.)
  const shown = path.map((segment) => (String(segment).length > OWN_FILE_SHOWN ? '…' : String(segment)));
  return `${file}:${span.line}:${span.column}: ${path.length ? `${shown.join('.')}: ` : ''}${message}`;
}

/**
 * `file:line:col: message` for a YAML error in podlint's own file, without the file's text: some
 * parser messages quote the source ("Unresolved tag: !…", "…extra characters: …"), and the file
 * may be anything (a token linked as the config). The position says where to look.
 */
export function syntaxProblemAt(file: string, syntax: SyntaxProblem): string {
  const words = syntax.message
    .replace(/^(Invalid escape sequence|Plain value cannot start with)\b.*$/s, '$1')
    // (yaml-syntax messages name a key in quotes: "the key "…" is set twice")
    .replace(/ "(?:[^"\\]|\\.)*"/g, '')
    .replace(/:\s.*$/s, '');
  return `${file}:${syntax.span.line}:${syntax.span.column}: ${capLength(escapeControls(words), 100)}`;
}
