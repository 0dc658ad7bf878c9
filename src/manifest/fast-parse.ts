// The fast reader: one file's documents as plain data, without positions. Most files have no
// finding at all, and for them the full reader (parse.ts: a CST, a Document AST and the node
// ranges every span needs) is wasted work: about four fifths of a run. This one builds the same
// plain data from js-yaml's flat event stream, resolving every plain scalar with the very tags the
// full reader uses (YAML 1.1, as Kubernetes reads it), so both agree by construction.
//
// It only answers for documents it reads exactly as parse.ts + convert.ts do. Anything else, from
// a syntax error to an anchor, a tag or a merge key, makes it decline the whole file with a reason,
// and the file goes the full way (check-text.ts counts the reasons).
import { Document, isScalar } from 'yaml';
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import { YAML_OPTIONS } from './parse.js';

export interface FastParsed {
  /** The value of each non-empty document, in file order. */
  values: unknown[];
  /** What they were built from, and the text their offsets count in (without a byte-order mark): fast-locate.ts finds positions in them. */
  events: readonly Event[];
  text: string;
  /** Non-empty documents, as parse.ts counts them. */
  documentCount: number;
  /**
   * Whether some key could be a test assertion's JMESPath key (it starts with `(` or `~`) or is a
   * strategic-merge `$patch` directive. Seen while building, so that the walks looking for them
   * (assertion-document.ts, kustomize.ts) run only on the few files that have one.
   */
  keys: { assertionLike: boolean; patchDirective: boolean };
}

/** Why a file was left to the full reader. */
export type FastDecline =
  | 'syntax' // js-yaml refused it: the full reader says where and why
  | 'text' // a directive, a `...` marker, a tab, a lone CR or a Unicode line break
  | 'anchor'
  | 'alias'
  | 'tag'
  | 'merge-key'
  | 'complex-key'
  | 'duplicate-key'
  | 'multi-line-key'
  | 'long-key';

export type FastResult = { ok: true; parsed: FastParsed } | { ok: false; reason: FastDecline };

/**
 * Text the two readers may disagree on, or that one of them refuses and the other may not:
 * directives (`%YAML`, `%TAG`), document end markers, tabs (indentation or separation),
 * CR without LF, NEL/LS/PS, which YAML 1.1 counts as line breaks, and a `:` glued to text before
 * `,`, `]` or `}` (`[2001:db8::]`), which go-yaml reads as part of a string (convert.ts).
 */
function isUnsureText(text: string): boolean {
  // One simple search each: as one alternation the expression cost twice as much.
  return text.includes('\t') || LINE_START_MARK.test(text) || (text.includes('\r') && LONE_CR.test(text)) || hasUnicodeBreak(text) || GLUED_COLON.test(text);
}

/**
 * NEL, LS or PS. A search for one character is as fast as memchr (and for LS or PS, which no
 * one-byte string can hold, immediate); a class of the three in a regular expression took
 * six times as long over the corpus.
 */
function hasUnicodeBreak(text: string): boolean {
  return text.includes('\u0085') || text.includes('\u2028') || text.includes('\u2029');
}
const LINE_START_MARK = /^(?:%|\.\.\.)/m;
const LONE_CR = /\r(?!\n)/;
const GLUED_COLON = /[^\s,[\]{}]:[,\]}]/;

/** yaml refuses implicit keys longer than 1024 characters; stay well clear. */
const MAX_KEY_LENGTH = 1000;

interface Tag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

/** The plain-scalar tags of the full reader, in its order (compose-scalar.js findScalarTagByTest). */
const PLAIN_TAGS: readonly Tag[] = (new Document(undefined, YAML_OPTIONS).schema.tags as unknown as Tag[]).filter(
  (t) => t.default === true && t.test instanceof RegExp,
);
const RESOLVE_OPTIONS = { intAsBigInt: false };

class Decline extends Error {
  constructor(readonly reason: FastDecline) {
    super(reason);
  }
}

/**
 * The first characters a plain scalar of the full reader's tags (YAML 1.1's, with go-yaml's
 * numbers: parse.ts) can start with (null: `~ n N` or empty; booleans: `y Y t T o O n N f F`;
 * numbers: `+ - . 0-9`). Every other plain scalar is a string, and most keys and values are: no regular
 * expression needs to run for them. Only used
 * while the full reader's tags are exactly the ones this was read from (KNOWN_TESTS).
 */
const NON_STRING_FIRST = new Uint8Array(128);
for (const c of '~nNyYtToOfF+-.0123456789') NON_STRING_FIRST[c.charCodeAt(0)] = 1;
/** Of those, the letters: a null or boolean they begin is at most five characters (`false`, `FALSE`). */
const LETTER_FIRST = new Uint8Array(128);
for (const c of 'nNyYtToOfF') LETTER_FIRST[c.charCodeAt(0)] = 1;
const LONGEST_WORD = 5;
const KNOWN_TESTS = [
  '^(?:~|[Nn]ull|NULL)?$',
  '^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$',
  '^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$',
  '^[-+]?0b[0-1_]+$',
  '^[-+]?0[0-7_]+$',
  '^[-+]?[0-9][0-9_]*$',
  '^[-+]?0x[0-9a-fA-F_]+$',
  '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
  '^[-+]?(?:\\.[0-9][0-9_]*|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9][0-9_]*)?$',
  '^[-+]?0o[0-7_]+$',
  '^[-+]?0X[0-9a-fA-F_]+$',
];
export const FIRST_CHAR_GATE = PLAIN_TAGS.every((t) => KNOWN_TESTS.includes(t.test!.source));

/** A plain scalar's value, exactly as the full reader resolves it. */
function resolvePlain(source: string): unknown {
  // (A lookup by char code: no one-character string made per scalar. `name`, `namespace` and
  // `template` begin like `no` and `true`, and are too long to be one.)
  const first = source.charCodeAt(0);
  if (FIRST_CHAR_GATE && source.length > 0 && (first >= 128 || NON_STRING_FIRST[first] === 0 || (LETTER_FIRST[first] === 1 && source.length > LONGEST_WORD))) return source;
  for (const tag of PLAIN_TAGS) {
    if (!tag.test!.test(source)) continue;
    let failed = false;
    const res = tag.resolve(source, () => (failed = true), RESOLVE_OPTIONS);
    if (failed) throw new Decline('syntax');
    // (A tag may hand back a Scalar node; most give a number or boolean, which isScalar would box.)
    return typeof res === 'object' && res !== null && isScalar(res) ? res.value : res;
  }
  return source;
}

/**
 * An open collection. One shape for maps and sequences: the loop below touches it for every
 * event, and one hidden class keeps that access monomorphic.
 */
class Frame {
  /** The key waiting for its value, or undefined when a map's next node is a key. */
  key: string | undefined = undefined;
  constructor(
    readonly map: Record<string, unknown> | undefined,
    readonly list: unknown[] | undefined,
  ) {}
}

export function parseFast(rawText: string): FastResult {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  if (isUnsureText(text)) return { ok: false, reason: 'text' };
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return { ok: false, reason: 'syntax' };
  }
  try {
    return { ok: true, parsed: build(text, events) };
  } catch (error) {
    if (error instanceof Decline) return { ok: false, reason: error.reason };
    throw error;
  }
}

function build(text: string, events: readonly Event[]): FastParsed {
  const values: unknown[] = [];
  const stack: Frame[] = [];
  /** The innermost open collection (the top of `stack`). */
  let top: Frame | undefined;
  let documentCount = 0;
  const keys = { assertionLike: false, patchDirective: false };
  let root: unknown;
  let inDocument = false;

  /** Places a finished node in its parent. */
  const place = (value: unknown): void => {
    if (top === undefined) root = value;
    else if (top.list !== undefined) top.list.push(value);
    else {
      setOwn(top.map!, top.key!, value);
      top.key = undefined;
    }
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (event.directives.length > 0) throw new Decline('text');
        inDocument = true;
        root = undefined;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart >= 0) throw new Decline('anchor');
        if (event.tagStart >= 0) throw new Decline('tag');
        if (top !== undefined && top.list === undefined && top.key === undefined) throw new Decline('complex-key');
        const frame = event.type === EVENT_ID.MAPPING ? new Frame({}, undefined) : new Frame(undefined, []);
        stack.push(frame);
        top = frame;
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.anchorStart >= 0) throw new Decline('anchor');
        if (event.tagStart >= 0) throw new Decline('tag');
        const value = scalarValue(text, event);
        if (top !== undefined && top.list === undefined && top.key === undefined) {
          if (event.style === SCALAR_STYLE.PLAIN && value === '<<') throw new Decline('merge-key');
          if (event.valueEnd - event.valueStart > MAX_KEY_LENGTH) throw new Decline('long-key');
          // (js-yaml marks a scalar `fast` only when it spans no line break.)
          if (!event.fast) {
            for (let i = event.valueStart; i < event.valueEnd; i++) {
              if (text.charCodeAt(i) === 10) throw new Decline('multi-line-key');
            }
          }
          const key = typeof value === 'string' ? value : String(value);
          const first = key.charCodeAt(0);
          if (first === 0x28 /* ( */ || first === 0x7e /* ~ */) keys.assertionLike = true;
          else if (first === 0x24 /* $ */ && key === '$patch') keys.patchDirective = true;
          // yaml refuses equal keys; keys that only print alike ("1" and 1) it lets the later win.
          // Either way: not worth telling apart here.
          if (Object.prototype.hasOwnProperty.call(top.map, key)) throw new Decline('duplicate-key');
          top.key = key;
        } else place(value);
        break;
      }
      case EVENT_ID.ALIAS:
        throw new Decline('alias');
      case EVENT_ID.POP: {
        if (top !== undefined) {
          const frame = stack.pop()!;
          top = stack[stack.length - 1];
          place(frame.list ?? frame.map);
        } else if (inDocument) {
          inDocument = false;
          // parse.ts passes over a document whose whole content is null (`---` alone, `~`).
          if (root === null || root === undefined) break;
          documentCount++;
          values.push(root);
        }
        break;
      }
    }
  }
  return { values, events, text, documentCount, keys };
}

/** A scalar's value as the full reader reads it: plain ones resolved by its tags, quoted and block ones as text. */
export function scalarValue(text: string, event: ScalarEvent): unknown {
  const source = getScalarValue(text, event);
  return event.style === SCALAR_STYLE.PLAIN ? resolvePlain(source) : source;
}

/** Assigns without ever touching the prototype, whatever the key (`__proto__` included). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}
