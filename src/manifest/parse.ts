// Reads one file's text into documents with positions: every document of a multi-document file,
// YAML 1.1 as Kubernetes reads it (so `yes` is a boolean and `<<` merges), JSON as YAML's subset.
// A broken document becomes a `yaml-syntax` problem and the file's other documents still count.
import { explainSyntaxError } from './syntax-message.js';
import { isScalar, LineCounter, parseAllDocuments } from 'yaml';
import type { Alias, Document, Node, Tags } from 'yaml';
import { ConversionError, toPlain } from './convert.js';
import { parseAsGoYaml } from './go-yaml-compat.js';
import { locate, type Path } from './locate.js';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  root: Node;
  aliasTargets: Map<Alias, Node>;
}

export interface SyntaxProblem {
  message: string;
  span: Span;
}

export interface ParsedFile {
  text: string;
  documents: ParsedDocument[];
  /** Documents that could not be read, each at the parser's position. */
  syntax: SyntaxProblem[];
  /** Number of documents in the file, broken ones included. */
  documentCount: number;
  lineCounter: LineCounter;
}

export interface ParseOptions {
  maxAliasNodes?: number;
  maxAliasBytes?: number;
  /** YAML 1.1 for manifests (as Kubernetes reads them); podlint's own files are YAML 1.2. */
  version?: '1.1' | '1.2';
}

/**
 * YAML 1.1 timestamps (`2024-01-01T00:00:00Z`) and sexagesimal numbers (`1:20`) stay strings,
 * as they reach the API server as JSON strings.
 */
function withoutTimes(tags: Tags): Tags {
  const kept = tags.filter((t) =>
    typeof t === 'string'
      ? !['timestamp', 'intTime', 'floatTime'].includes(t)
      : t.tag !== 'tag:yaml.org,2002:timestamp' && (t as { format?: string }).format !== 'TIME',
  );
  return kept.flatMap((t) => (typeof t !== 'string' && t.tag === FLOAT && t.test && t.test.source !== INF_NAN ? goYamlNumber(t) : [t]));
}

const FLOAT = 'tag:yaml.org,2002:float';
/** The `.inf`/`.nan` tag: the same in go-yaml; every other float tag is replaced. */
const INF_NAN = '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$';

/**
 * Numbers as go-yaml (v2 and v3, checked with kubectl) resolves them: underscores dropped, then
 * `strconv.ParseInt(s, 0, 64)`, then `strconv.ParseFloat` where the text matches
 * `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`. A float needs a digit: YAML 1.1's own
 * patterns read `.` and `e3` as NaN, where Kubernetes gets strings. Go's ParseInt also reads
 * `0o755` and `0X1F`, which YAML 1.1 leaves strings.
 */
function goYamlNumber(yaml11Float: Tags[number]): Tags {
  const base = yaml11Float as Exclude<Tags[number], string>;
  if ((base as { format?: string }).format === 'EXP') return []; // covered by the one float below
  return [
    {
      ...base,
      test: /^[-+]?(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9][0-9_]*)?$/,
      resolve: (s: string) => parseFloat(s.replace(/_/g, '')),
    },
    { ...base, tag: 'tag:yaml.org,2002:int', test: /^[-+]?0o[0-7_]+$/, resolve: (s: string) => signed(s, s.replace(/^[-+]?0o/, ''), 8) },
    { ...base, tag: 'tag:yaml.org,2002:int', test: /^[-+]?0X[0-9a-fA-F_]+$/, resolve: (s: string) => signed(s, s.replace(/^[-+]?0X/, ''), 16) },
  ] as Tags;
}

function signed(source: string, digits: string, radix: number): number {
  const n = parseInt(digits.replace(/_/g, ''), radix);
  return source.startsWith('-') ? -n : n;
}

/** Options shared with the benchmark's parse-only floor, so both parse the same way. */
export const YAML_OPTIONS = { version: '1.1' as '1.1' | '1.2', merge: true, prettyErrors: false, customTags: withoutTimes };

export function parseManifestText(rawText: string, options: ParseOptions = {}): ParsedFile {
  // A byte-order mark is not content; dropping it keeps columns on line 1 right.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const yamlOptions = { ...YAML_OPTIONS, version: options.version ?? YAML_OPTIONS.version };
  const fastLines = new LineCounter();
  const fast = parseAllDocuments(text, { ...yamlOptions, lineCounter: fastLines });
  if ('empty' in fast) {
    // A stream with no document still reports errors (a stray `...`, a bad directive).
    const result: ParsedFile = { text, documents: [], syntax: [], documentCount: 0, lineCounter: fastLines };
    for (const error of fast.errors) {
      result.syntax.push({ message: explainSyntaxError(error, undefined, fastLines, text), span: spanOf(text, fastLines, error.pos[0], error.pos[1]) });
    }
    return result;
  }
  // The slower reading, as Kubernetes reads it, only for a file the fast one rejected.
  // A document too deep for the parser's stack is too deep for that reading too.
  const rejected = fast.some((doc) => doc.errors.length > 0 && !doc.errors.some((e) => isStackOverflow(e.message)));
  const compat = rejected ? parseAsGoYaml(text, yamlOptions) : undefined;
  const docs: Document.Parsed[] = compat?.documents ?? fast;
  const lineCounter = compat?.lineCounter ?? fastLines;
  const result: ParsedFile = { text, documents: [], syntax: [], documentCount: 0, lineCounter };
  docs.forEach((doc: Document.Parsed, index: number) => {
    if (isEmptyDocument(doc)) return;
    result.documentCount++;
    if (doc.errors.length > 0) {
      const error = doc.errors[0]!;
      result.syntax.push({
        message: isStackOverflow(error.message) ? TOO_DEEP : explainSyntaxError(error, doc, lineCounter, text),
        span: spanOf(text, lineCounter, error.pos[0], error.pos[1]),
      });
      return;
    }
    try {
      const { value, aliasTargets } = toPlain(doc, options, text);
      result.documents.push({ index, value, root: doc.contents as Node, aliasTargets });
    } catch (error) {
      if (error instanceof RangeError && isStackOverflow(error.message)) {
        const [start] = nodeRange(doc.contents as Node);
        result.syntax.push({ message: TOO_DEEP, span: spanOf(text, lineCounter, start, start) });
        return;
      }
      if (!(error instanceof ConversionError)) throw error;
      const [start, end] = nodeRange(error.node);
      result.syntax.push({ message: error.message, span: spanOf(text, lineCounter, start, end) });
    }
  });
  return result;
}

/** A `---` with nothing after it, or only comments, is no document at all. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  if (doc.errors.length > 0) return false;
  const { contents } = doc;
  return contents === null || (isScalar(contents) && contents.value === null && !contents.anchor && !contents.tag);
}

/** What a document nested deeper than the parser's stack reads as (a 100,000-deep `[[[…`). */
const TOO_DEEP = 'the document is nested too deeply to be read; it was not checked';

function isStackOverflow(message: string): boolean {
  return message.startsWith('Maximum call stack size exceeded');
}

export function nodeRange(node: Node): [number, number] {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}

/**
 * The span of a path inside a document. The value's own range, or its key when the value is
 * empty; trailing line breaks of block nodes are left out so the span ends on real text.
 */
export function spanOfPath(file: ParsedFile, doc: ParsedDocument, path: Path, at: 'value' | 'key' = 'value'): Span {
  const found = locate(doc.root, path, doc.aliasTargets);
  let target = found.node;
  if (found.key && (at === 'key' || isZeroWidth(found.node))) target = found.key;
  const [start, end] = nodeRange(target);
  return spanOf(file.text, file.lineCounter, start, end);
}

/** Where a path's node starts in the file: for telling which of two nodes stands later. */
export function offsetOfPath(doc: ParsedDocument, path: Path): number {
  return nodeRange(locate(doc.root, path, doc.aliasTargets).node)[0];
}

function isZeroWidth(node: Node): boolean {
  const [start, end] = nodeRange(node);
  return end <= start;
}

export function spanOf(text: string, lineCounter: LineCounter, start: number, rawEnd: number): Span {
  let end = Math.max(start, Math.min(rawEnd, text.length));
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const from = lineCounter.linePos(Math.min(start, text.length));
  if (end === start) return { line: from.line, column: from.col, endLine: from.line, endColumn: from.col };
  const to = lineCounter.linePos(end);
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}
