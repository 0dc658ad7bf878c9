// YAML that go-yaml accepts and the `yaml` package rejects. kubectl, helm and kustomize all read
// manifests with go-yaml (sigs.k8s.io/yaml: go-yaml v2 for `kubectl apply` and helm, v3 for
// kustomize), whose scanner never checks the indentation of a line inside a flow node: a quoted
// string or a `[...]`/`{...}` collection may continue on lines indented no deeper than its key, or
// not at all. controller-gen writes CRD descriptions that way:
//
//     description: 'Kind of the referent. More info: https://git.k8s.io/...
//     type: string'                <- continuation at the key's own indentation
//
// YAML 1.2 (and so `yaml`) requires such lines to be indented past the key. podlint reads them as
// Kubernetes does: each such node is *flattened* (its line breaks and inner comments turned into
// spaces, so no character moves and every position elsewhere stays exact), the text is parsed
// again, and every scalar the flattening touched gets the value go-yaml reads from the original
// text (folding of line breaks and whitespace ported from go-yaml's scannerc.go, which is the same
// in v2 and v3).
//
// Only the full path comes here, and only for a file whose fast parse had errors.
//
// Deliberately not here (decided against go-yaml's behaviour, checked with kubectl 1.32/1.34):
// - plain (unquoted) multi-line scalars in block context: go-yaml requires their continuation
//   lines to be indented past the key too, as `yaml` does;
// - tabs as indentation: both reject them;
// - a multi-line flow node used as a block mapping key: go-yaml rejects it ("could not find
//   expected ':'"), so it stays an error here.
import { LineCounter, Parser, parseAllDocuments, visit } from 'yaml';
import type { CST, Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** A flow node go-yaml cannot read either: where it starts and why it fails, in words. */
export interface UnreadableNode {
  start: number;
  /** Where go-yaml gives up (the end of the file, a `---` inside the string, ...). */
  at: number;
  message: string;
}

export interface CompatParse {
  documents: Document.Parsed[];
  /** Line starts of the original text (the flattened text has fewer line breaks). */
  lineCounter: LineCounter;
  /** Broken flow nodes that go-yaml would reject too, first one per document. */
  unreadable: UnreadableNode[];
}

/**
 * Re-reads a text whose fast parse failed, as go-yaml would. `undefined` when nothing in it is a
 * construct go-yaml reads differently (the fast parse's errors stand as they are).
 *
 * Tokens before the first node `yaml` cut short were read as go-yaml reads them; after it they
 * may not have been. So each round flattens the first broken node (certainly real) and, on the
 * guess that they are real too, every later one; the next round's parse, which now reads the
 * earlier ones right, confirms each guess in order (a token of the same extent starts there) or
 * drops it and everything after it. A file of ordinary CRDs takes two rounds.
 */
export function parseAsGoYaml(text: string, options: YamlOptions): CompatParse | undefined {
  try {
    return readAsGoYaml(text, options);
  } catch (error) {
    // Nesting deeper than the stack (a 100,000-deep `[[[…`): the fast parse's errors stand.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function readAsGoYaml(text: string, options: YamlOptions): CompatParse | undefined {
  const confirmed: FlowNode[] = [];
  let guessed: Array<FlowNode & { document: number }> = [];
  const unreadable: UnreadableNode[] = [];
  /** Documents left as the fast parse read them, by start offset. */
  const givenUp = new Set<number>();
  // A hostile file of thousands of broken strings, each found one round after the other, must
  // not make the rounds' cost unbounded: past the budget the rest keeps its errors.
  for (let budget = MAX_REPARSED_CHARS; budget > 0; budget -= text.length) {
    const tokens = Array.from(new Parser().parse(flatten(text, [...confirmed, ...guessed])));
    if (guessed.length > 0) {
      const ends = flowNodeEnds(tokens);
      const wrong = guessed.findIndex((node) => ends.get(node.start) !== node.end);
      confirmed.push(...(wrong < 0 ? guessed : guessed.slice(0, wrong)));
      // The certain one not read as one token even flattened: nothing more to do for its document.
      if (wrong === 0) givenUp.add(guessed[0]!.document);
      guessed = [];
      if (wrong >= 0) continue;
    }
    // Confirmed nodes read as whole tokens now; broken ones hidden behind them come to light.
    const broken = brokenFlowNodes(tokens).filter((node) => !givenUp.has(node.document));
    if (broken.length === 0) break;
    for (const { offset, document } of broken) {
      const last = guessed[guessed.length - 1];
      if (last && offset < last.end) continue; // inside the node just flattened: its content
      const scanned = scanFlowNode(text, offset);
      const failure: UnreadableNode | undefined =
        'message' in scanned ? scanned : followedByColon(text, scanned.end) ? { start: offset, at: scanned.end, message: MULTILINE_KEY } : undefined;
      if (failure || 'message' in scanned) {
        if (guessed.length === 0) {
          // The first broken node, and go-yaml cannot read it either: the rest of its document
          // stays as the fast parse left it, with its error.
          unreadable.push(failure!);
          givenUp.add(document);
        }
        break;
      }
      guessed.push({ ...scanned, document });
    }
  }
  if (confirmed.length === 0 && unreadable.length === 0) return undefined;
  const values = new Map<number, string>();
  for (const node of confirmed) for (const [at, value] of node.values) values.set(at, value);
  const documents = parseAllDocuments(flatten(text, confirmed), options);
  if (!Array.isArray(documents)) return undefined;
  for (const doc of documents) {
    visit(doc, {
      Scalar(_, node) {
        const start = node.range?.[0];
        if (start === undefined || !values.has(start)) return;
        // An explicit tag other than !!str resolves the text itself; leave it to the parser.
        if (node.tag && node.tag !== 'tag:yaml.org,2002:str') return;
        node.value = values.get(start)!;
      },
    });
  }
  return { documents, lineCounter: lineCounterOf(text), unreadable };
}

/** Past this many characters parsed in rounds, the rest of a file keeps its errors. */
const MAX_REPARSED_CHARS = 4_000_000;

const MULTILINE_KEY = 'a key must stand on one line, and this one continues on the next';

/** The text with each node's line breaks and inner comments turned into spaces. */
function flatten(text: string, nodes: readonly FlowNode[]): string {
  if (nodes.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const node of [...nodes].sort((a, b) => a.start - b.start)) {
    const chars = text.slice(node.start, node.end).split('');
    for (const i of node.breaks) chars[i - node.start] = ' ';
    for (const [from, to] of node.comments) chars.fill(' ', from - node.start, to - node.start);
    parts.push(text.slice(at, node.start), chars.join(''));
    at = node.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** Calls `onNode` for every quoted scalar and flow collection of a CST, in the order of the text. */
function walkFlowNodes(tokens: readonly CST.Token[], onNode: (token: CST.FlowScalar | CST.FlowCollection, document: number) => void): void {
  let document = 0;
  const walk = (token: CST.Token | null | undefined): void => {
    if (!token) return;
    switch (token.type) {
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (token.type === 'flow-collection') onNode(token, document);
        for (const item of token.items) {
          walk(item.key as CST.Token | null | undefined);
          walk(item.value);
        }
        return;
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        onNode(token, document);
        return;
      default:
        return;
    }
  };
  for (const token of tokens) {
    if (token.type !== 'document') continue;
    document = token.offset;
    walk(token.value);
  }
}

function isClosedCollection(token: CST.FlowCollection): boolean {
  const closer = token.start.source === '{' ? '}' : ']';
  return token.end.some((t) => t.source === closer);
}

/** Quoted strings `yaml` cut short and flow collections it closed early, with their document. */
function brokenFlowNodes(tokens: readonly CST.Token[]): Array<{ offset: number; document: number }> {
  const found: Array<{ offset: number; document: number }> = [];
  walkFlowNodes(tokens, (token, document) => {
    const broken = token.type === 'flow-collection' ? !isClosedCollection(token) : !isClosed(token.source);
    if (broken) found.push({ offset: token.offset, document });
  });
  return found;
}

/** Where each well-formed quoted string and flow collection of a CST ends, by start offset. */
function flowNodeEnds(tokens: readonly CST.Token[]): Map<number, number> {
  const ends = new Map<number, number>();
  walkFlowNodes(tokens, (token) => {
    if (token.type !== 'flow-collection') {
      if (isClosed(token.source)) ends.set(token.offset, token.offset + token.source.length);
    } else if (isClosedCollection(token)) {
      const closer = token.end.find((t) => t.source === '}' || t.source === ']')!;
      ends.set(token.offset, closer.offset + 1);
    }
  });
  return ends;
}

function isClosed(source: string): boolean {
  const quote = source[0];
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (quote === "'" && c === "'") {
      if (source[i + 1] === "'") i++;
      else return i === source.length - 1;
    } else if (quote === '"' && c === '\\') i++;
    else if (quote === '"' && c === '"') return i === source.length - 1;
  }
  return false;
}

interface FlowNode {
  start: number;
  /** Offset just past the node. */
  end: number;
  /** Offsets of the `\n` and `\r` characters inside the node. */
  breaks: number[];
  /** Comments inside a flow collection, [from, to). */
  comments: Array<[number, number]>;
  /** What go-yaml reads for each scalar inside the node that spans lines, by start offset. */
  values: Map<number, string>;
}

/** Reads the quoted string or flow collection at `start` as go-yaml's scanner does. */
export function scanFlowNode(text: string, start: number): FlowNode | UnreadableNode {
  const node: FlowNode = { start, end: start, breaks: [], comments: [], values: new Map() };
  if (text[start] === '[' || text[start] === '{') {
    const end = scanCollection(text, start, node);
    if (typeof end !== 'number') return end;
    node.end = end;
  } else {
    const quoted = scanQuoted(text, start);
    if ('message' in quoted) return quoted;
    node.end = quoted.end;
    node.values.set(start, quoted.value);
  }
  for (let i = start; i < node.end; i++) if (text[i] === '\n' || text[i] === '\r') node.breaks.push(i);
  return node;
}

function followedByColon(text: string, at: number): boolean {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':';
}

// Character classes as go-yaml's scanner has them (yamlprivateh.go).
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankOrEnd = (c: string | undefined): boolean => c === undefined || isBlank(c) || isBreak(c);

function atLineStart(text: string, i: number): boolean {
  return i === 0 || isBreak(text[i - 1]);
}

/** `---` or `...` at the start of a line, followed by a blank: go-yaml ends every scalar there. */
function isDocumentIndicator(text: string, i: number): boolean {
  if (!atLineStart(text, i)) return false;
  const three = text.slice(i, i + 3);
  return (three === '---' || three === '...') && isBlankOrEnd(text[i + 3]);
}

/** go-yaml's read_line: a line break as it lands in a scalar's value. */
function readLine(text: string, i: number): { value: string; end: number } {
  if (text[i] === '\r' && text[i + 1] === '\n') return { value: '\n', end: i + 2 };
  if (text[i] === '\u2028' || text[i] === '\u2029') return { value: text[i]!, end: i + 1 };
  return { value: '\n', end: i + 1 };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
}; // No `\/`: YAML 1.2 has it, go-yaml does not and rejects the string.
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function describeQuote(single: boolean): string {
  return single ? 'single-quoted string' : 'double-quoted string';
}

/** go-yaml's yaml_parser_scan_flow_scalar: the value and the offset past the closing quote. */
function scanQuoted(text: string, start: number): { value: string; end: number } | UnreadableNode {
  const single = text[start] === "'";
  const what = describeQuote(single);
  let i = start + 1;
  let s = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let whitespaces = '';
  for (;;) {
    if (isDocumentIndicator(text, i)) {
      return { start, at: i, message: `the ${what} has no closing quote before the document marker ${JSON.stringify(text.slice(i, i + 3))}` };
    }
    if (i >= text.length) return { start, at: i, message: `the ${what} has no closing quote before the end of the file` };
    let leadingBlanks = false;
    while (!isBlankOrEnd(text[i])) {
      const c = text[i]!;
      if (single && c === "'" && text[i + 1] === "'") {
        s += "'";
        i += 2;
      } else if (single && c === "'") break;
      else if (!single && c === '"') break;
      else if (!single && c === '\\' && isBreak(text[i + 1])) {
        i = text[i + 1] === '\r' && text[i + 2] === '\n' ? i + 3 : i + 2;
        leadingBlanks = true;
        break;
      } else if (!single && c === '\\') {
        const escape = readEscape(text, i);
        if (typeof escape === 'string') return { start, at: i, message: `the ${what} has ${escape}` };
        s += escape.value;
        i = escape.end;
      } else {
        s += c;
        i++;
      }
    }
    if (text[i] === (single ? "'" : '"')) break;
    while (isBlank(text[i]) || isBreak(text[i])) {
      if (isBlank(text[i])) {
        if (!leadingBlanks) whitespaces += text[i];
        i++;
      } else {
        const line = readLine(text, i);
        if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak += line.value;
          leadingBlanks = true;
        } else trailingBreaks += line.value;
        i = line.end;
      }
    }
    if (leadingBlanks) {
      if (leadingBreak.startsWith('\n')) s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
      else s += leadingBreak + trailingBreaks;
      leadingBreak = '';
      trailingBreaks = '';
    } else {
      s += whitespaces;
      whitespaces = '';
    }
  }
  return { value: s, end: i + 1 };
}

function readEscape(text: string, i: number): { value: string; end: number } | string {
  const code = text[i + 1];
  if (code !== undefined && code in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[code]!, end: i + 2 };
  const length = code === undefined ? undefined : HEX_ESCAPES[code];
  if (length === undefined) return `an escape Kubernetes does not know: ${JSON.stringify(text.slice(i, i + 2))}`;
  const digits = text.slice(i + 2, i + 2 + length);
  if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length < length) return `an escape without its ${length} hex digits`;
  const value = parseInt(digits, 16);
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return `an escape of no Unicode character: ${JSON.stringify(text.slice(i, i + 2 + length))}`;
  return { value: String.fromCodePoint(value), end: i + 2 + length };
}

const CLOSERS: Record<string, string> = { '[': ']', '{': '}' };
const FLOW_NAMES: Record<string, string> = { '[': 'flow list', '{': 'flow map' };

/**
 * A `[...]` or `{...}` as go-yaml's scanner reads it in flow context, where neither indentation
 * nor line breaks matter. Returns the offset past the closing bracket.
 */
function scanCollection(text: string, start: number, node: FlowNode): number | UnreadableNode {
  const open: number[] = [];
  let i = start;
  const fail = (at: number, message: string): UnreadableNode => ({ start, at, message });
  for (;;) {
    // Between tokens: blanks, line breaks, comments (go-yaml's scan_to_next_token).
    for (;;) {
      while (isBlank(text[i]) || isBreak(text[i])) i++;
      if (text[i] !== '#') break;
      const from = i;
      while (i < text.length && !isBreak(text[i])) i++;
      node.comments.push([from, i]);
    }
    if (i >= text.length) {
      const first = text[open[open.length - 1] ?? start]!;
      return fail(i, `the ${FLOW_NAMES[first]} has no closing ${JSON.stringify(CLOSERS[first])} before the end of the file`);
    }
    if (isDocumentIndicator(text, i)) {
      const first = text[open[open.length - 1] ?? start]!;
      return fail(i, `the ${FLOW_NAMES[first]} has no closing ${JSON.stringify(CLOSERS[first])} before the document marker ${JSON.stringify(text.slice(i, i + 3))}`);
    }
    const c = text[i]!;
    if (c === '[' || c === '{') {
      open.push(i);
      i++;
    } else if (c === ']' || c === '}') {
      const opener = open.pop();
      if (opener === undefined || CLOSERS[text[opener]!] !== c) {
        return fail(i, `a ${JSON.stringify(c)} where the ${FLOW_NAMES[text[opener ?? start]!]} needs ${JSON.stringify(CLOSERS[text[opener ?? start]!])}`);
      }
      i++;
      if (open.length === 0) return i;
    } else if (c === ',' || c === '?' || c === ':') i++;
    else if (c === "'" || c === '"') {
      const quoted = scanQuoted(text, i);
      if ('message' in quoted) return quoted;
      if (text.slice(i, quoted.end).search(/[\r\n]/) >= 0) node.values.set(i, quoted.value);
      i = quoted.end;
    } else if (c === '&' || c === '*' || c === '!') {
      i++;
      while (!isBlankOrEnd(text[i]) && !',[]{}'.includes(text[i]!)) i++;
    } else if (c === '-' && isBlankOrEnd(text[i + 1])) return fail(i, 'a "- " list item inside a flow collection');
    else if ('#|>%@`'.includes(c)) return fail(i, `a ${JSON.stringify(c)} that cannot start a value`);
    else {
      const plain = scanPlainInFlow(text, i);
      if (typeof plain === 'string') return fail(i, plain);
      if (plain.multiline) node.values.set(i, plain.value);
      i = plain.end;
    }
  }
}

/** go-yaml's yaml_parser_scan_plain_scalar in flow context (no indentation check there). */
function scanPlainInFlow(text: string, start: number): { value: string; end: number; multiline: boolean } | string {
  let i = start;
  let end = start;
  let s = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let whitespaces = '';
  let leadingBlanks = false;
  let multiline = false;
  for (;;) {
    if (isDocumentIndicator(text, i) || text[i] === '#') break;
    while (!isBlankOrEnd(text[i])) {
      const c = text[i]!;
      if ((c === ':' && isBlankOrEnd(text[i + 1])) || ',?[]{}'.includes(c)) break;
      if (leadingBlanks || whitespaces.length > 0) {
        if (leadingBlanks) {
          multiline = true;
          if (leadingBreak.startsWith('\n')) s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
          else s += leadingBreak + trailingBreaks;
          leadingBreak = '';
          trailingBreaks = '';
          leadingBlanks = false;
        } else {
          s += whitespaces;
          whitespaces = '';
        }
      }
      s += c;
      i++;
      end = i;
    }
    if (!(isBlank(text[i]) || isBreak(text[i]))) break;
    while (isBlank(text[i]) || isBreak(text[i])) {
      if (isBlank(text[i])) {
        // go-yaml rejects a tab in the indentation of a continuation line below the block's
        // indentation; without that indentation at hand, any such tab is left to the error.
        if (leadingBlanks && text[i] === '\t') return 'a tab in the indentation of a continued value';
        if (!leadingBlanks) whitespaces += text[i];
        i++;
      } else {
        const line = readLine(text, i);
        if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak += line.value;
          leadingBlanks = true;
        } else trailingBreaks += line.value;
        i = line.end;
      }
    }
  }
  return { value: s, end, multiline };
}
