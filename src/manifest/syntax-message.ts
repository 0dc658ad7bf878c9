// What a `yaml-syntax` finding says. The parser's own words ("Unexpected scalar at node end",
// "All mapping items must start at the same column") name its state, not the author's mistake.
// Here each kind of error is said in plain words, with what to do, and where the construct that
// went wrong began (the first of two equal keys, the map whose keys are misaligned, the `{` or
// quote left open), since the parser notices most mistakes only some way after them.
import { isMap, isPair, isScalar, visit, type Document, type LineCounter, type Node, type YAMLError } from 'yaml';

export function explainSyntaxError(error: YAMLError, doc: Document.Parsed | undefined, lines: LineCounter, source: string): string {
  const at = error.pos[0];
  const began = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const inner = doc ? innermost(doc, at, (n) => !isScalar(n)) : undefined;
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const first = doc ? firstEqualKey(doc, at) : undefined;
      const key = first ? ` ${JSON.stringify(first.key)}` : '';
      const where = first ? ` at ${began(first.offset)}` : '';
      return `the key${key} is set twice in one map (first${where}): keep one`;
    }
    case 'BAD_INDENT':
      if (/^Flow (map|sequence)/.test(error.message)) {
        const open = doc ? innermost(doc, at, (n) => !isScalar(n) && (n as { flow?: boolean }).flow === true)?.offset : undefined;
        const kind = /^Flow map/.test(error.message) ? ['{', '}'] : ['[', ']'];
        const where = open !== undefined ? ` at ${began(open)}` : '';
        return `the ${kind[0]} opened${where} is not closed: end it with ${kind[1]} (a value that starts with ${kind[0]} must be quoted if it is a string)`;
      }
      if (/same column/.test(error.message) && inner) {
        return `this key is not indented like the other keys of the map that begins at ${began(inner.offset)}: align it with them`;
      }
      return `this line is indented wrongly for where it stands${inner ? ` (in the collection that begins at ${began(inner.offset)})` : ''}`;
    case 'TAB_AS_INDENT':
      return 'a tab is used to indent: YAML allows only spaces';
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) {
        const open = doc ? innermost(doc, at, (n) => isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE'))?.offset : undefined;
        return `a quoted string is not closed${open !== undefined ? ` (it opens at ${began(open)})` : ''}: add the closing quote`;
      }
      return `a character is missing: ${firstLine(error.message)}`;
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a second ": " on one line: a value that holds ": " must be quoted';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key runs over more than one line: a ":" is missing, or the line is indented wrongly';
    case 'UNEXPECTED_TOKEN':
      if (/^Unexpected scalar at node end/.test(error.message)) {
        const value = doc ? precedingValue(doc, at) : undefined;
        const { line } = lines.linePos(at);
        const lineStart = lines.lineStarts[line - 1] ?? 0;
        if (value !== undefined && value < lineStart && /^\s*$/.test(source.slice(lineStart, at))) {
          return `this line does not fit the collection that begins at ${began(value)}: check its indentation, or whether a "- " or ":" is missing`;
        }
        return `more text follows a value that already ended${value !== undefined ? ` (the value begins at ${began(value)})` : ''}: a value that starts with a quote, { or [ must be quoted as a whole if it is one string`;
      }
      return `${firstLine(error.message)}: this does not belong here (a missing "-" or ":", or a wrong indent?)`;
    case 'BAD_DQ_ESCAPE':
      return 'a backslash in a double-quoted string starts an escape YAML does not know: double the backslash, or use single quotes';
    case 'BAD_ALIAS':
      return `${firstLine(error.message)}: an alias (*name) must name an anchor (&name) set before it`;
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
      return `${firstLine(error.message)}: a value takes one anchor and one tag at most`;
    default:
      return firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '');
  }
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl < 0 ? message : message.slice(0, nl)).replace(/ at line \d+, column \d+:?$/, '');
}

/** The innermost node that `keep` accepts whose range holds `offset` (but does not start there). */
function innermost(doc: Document.Parsed, offset: number, keep: (node: Node) => boolean): { offset: number } | undefined {
  let best: { offset: number; size: number } | undefined;
  const consider = (node: Node) => {
    const range = node.range;
    if (!range || !(range[0] < offset && offset <= range[2]) || !keep(node)) return;
    const size = range[2] - range[0];
    if (!best || size < best.size) best = { offset: range[0], size };
  };
  visit(doc, { Collection: (_k, node) => consider(node as Node), Scalar: (_k, node) => consider(node) });
  return best && { offset: best.offset };
}

/** The start of the value that ends last at or before `offset`: the one more text was glued to. */
function precedingValue(doc: Document.Parsed, offset: number): number | undefined {
  let best: { start: number; end: number } | undefined;
  const consider = (node: Node) => {
    const range = node.range;
    if (!range || range[1] > offset) return;
    if (!best || range[1] > best.end || (range[1] === best.end && range[0] < best.start)) best = { start: range[0], end: range[1] };
  };
  visit(doc, { Collection: (_k, node) => consider(node as Node), Scalar: (_k, node) => consider(node) });
  return best?.start;
}

/** For a duplicate key at `offset`: the first pair of the same map with an equal key. */
function firstEqualKey(doc: Document.Parsed, offset: number): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      if (found || !isMap(map)) return;
      const items = map.items.filter(isPair);
      const dup = items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key)) return;
      const value = dup.key.value;
      const first = items.find((p) => p !== dup && isScalar(p.key) && p.key.value === value);
      if (first && isScalar(first.key) && first.key.range) found = { key: String(value), offset: first.key.range[0] };
      else found = { key: String(value), offset };
    },
  });
  return found;
}
