// Positions for the fast reader: where a path's node lies in the text, from js-yaml's events
// (fast-parse.ts), without the full reader's CST and Document AST. A file with a finding used to
// be read again the full way only to place it; the yaml package, cold for those few files, spent
// a tenth of a run on them.
//
// The spans must be the very ones parse.ts gives (spanOfPath over yaml's node ranges), and the
// differential test holds both readers to that on every corpus file. So this answers only where
// the answer is certain and declines (throws Unplaceable) elsewhere; the caller then reads the
// file the full way. Certain: plain, quoted and block scalars, keys, flow collections, and block
// collections whose end no comment blurs. Declined: an empty node the path ends on, a block
// collection followed by a comment, anything the event offsets do not pin down.
import { LineCounter } from 'yaml';
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { scalarValue } from './fast-parse.js';
import type { Path } from './locate.js';
import { spanOf, type Span } from './parse.js';

/** A place the events do not pin down: read the file the full way. */
export class Unplaceable extends Error {
  constructor() {
    super('no exact position from the fast reader');
  }
}

/**
 * A node's range as yaml's `range[0]` and `range[1]`, and `tail`, where yaml's `range[2]` ends
 * (what a parent block collection's range ends with): NaN where unknown. `empty`: a node with no
 * text at all (`key:` with nothing after it), zero-width wherever yaml puts it.
 */
interface Place {
  start: number;
  end: number;
  tail: number;
  empty?: boolean;
  entries?: Map<string, { key: Place; value: Place }>;
  items?: Place[];
}

export interface FastLocator {
  /** The span of a path, as spanOfPath gives it; throws Unplaceable when unsure. */
  span(doc: number, path: Path, at?: 'key' | 'value'): Span;
  /** Where the path's node starts, as offsetOfPath gives it; throws Unplaceable when unsure. */
  offset(doc: number, path: Path): number;
}

export function fastLocator(text: string, events: readonly Event[]): FastLocator {
  let roots: Place[] | undefined;
  let lines: LineCounter | undefined;
  const rootOf = (doc: number): Place => {
    roots ??= placesOf(text, events);
    const root = roots[doc];
    if (!root) throw new Unplaceable();
    return root;
  };
  return {
    span(doc, path, at = 'value') {
      const found = locate(rootOf(doc), path);
      const target = found.key && (at === 'key' || isZeroWidth(found.node)) ? found.key : found.node;
      if (target.empty || !Number.isFinite(target.start) || !Number.isFinite(target.end)) throw new Unplaceable();
      lines ??= lineCounterOf(text);
      return spanOf(text, lines, target.start, target.end);
    },
    offset(doc, path) {
      const { node } = locate(rootOf(doc), path);
      if (node.empty || !Number.isFinite(node.start)) throw new Unplaceable();
      return node.start;
    },
  };
}

/** locate.ts's walk over the places (no aliases or merge keys: the fast reader declines them). */
function locate(root: Place, path: Path): { node: Place; key?: Place } {
  let node = root;
  let key: Place | undefined;
  for (const segment of path) {
    let next: { key?: Place; value: Place } | undefined;
    if (node.entries) next = node.entries.get(String(segment));
    else if (node.items && typeof segment === 'number') {
      const item = node.items[segment];
      if (item) next = { value: item };
    }
    if (!next) return { node, key: undefined };
    key = next.key;
    node = next.value;
  }
  return { node, key };
}

function isZeroWidth(place: Place): boolean {
  return place.empty === true || place.end <= place.start;
}

/** yaml's LineCounter over the text: a line starts after each `\n` (the fast reader declines lone CRs). */
function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

interface Open {
  place: Place;
  flow: boolean;
  /** For a map: the key waiting for its value. */
  key?: Place;
  keyName?: string;
  /** Where the last child's own text ended (for a flow collection's closing bracket). */
  last: number;
}

/** One root place per document that holds something, in the order fast-parse.ts counts them. */
function placesOf(text: string, events: readonly Event[]): Place[] {
  const roots: Place[] = [];
  const stack: Open[] = [];
  /** The end of the previous event's own text: where a block scalar's header is searched from. */
  let previousEnd = 0;
  let root: Place | undefined;
  /** The document's content is a null scalar (`~`, empty): no document to count. */
  let rootIsNull = false;

  const add = (place: Place, name?: string): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = place;
      return;
    }
    if (Number.isFinite(place.end)) top.last = place.end;
    if (top.place.entries) {
      if (top.key === undefined) {
        top.key = place;
        top.keyName = name;
        return;
      }
      top.place.entries.set(top.keyName!, { key: top.key, value: place });
      top.key = undefined;
    } else top.place.items!.push(place);
    top.place.end = place.tail; // a block collection ends where its last item's range[2] does
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        root = undefined;
        rootIsNull = false;
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const place: Place = { start: event.start, end: event.start, tail: NaN };
        if (event.type === EVENT_ID.MAPPING) place.entries = new Map();
        else place.items = [];
        stack.push({ place, flow: event.style === COLLECTION_STYLE.FLOW, last: event.start + 1 });
        previousEnd = event.start + 1;
        break;
      }
      case EVENT_ID.SCALAR: {
        const place = scalarPlace(text, event, previousEnd);
        if (Number.isFinite(place.end)) previousEnd = place.end;
        const value = scalarValue(text, event);
        if (stack.length === 0) rootIsNull = value === null;
        const top = stack[stack.length - 1];
        // The key's name as fast-parse.ts set it in its map.
        add(place, top?.place.entries !== undefined && top.key === undefined ? String(value) : undefined);
        break;
      }
      case EVENT_ID.POP: {
        const open = stack.pop();
        if (!open) {
          // The document ends: one whose whole content is null is skipped, as fast-parse.ts does.
          if (root && !rootIsNull) roots.push(root);
          root = undefined;
          break;
        }
        const { place } = open;
        if (open.flow) {
          place.end = closingBracket(text, open.last);
          place.tail = place.end;
        } else {
          // yaml's range[2] of a block collection takes in comment lines after its last item,
          // which belong to it or to a collection around it: not worth telling apart.
          place.tail = followedByComment(text, place.end) ? NaN : place.end;
        }
        if (Number.isFinite(place.end)) previousEnd = place.end;
        add(place);
        break;
      }
      default:
        // Aliases never reach here: the fast reader declines them.
        throw new Unplaceable();
    }
  }
  return roots;
}

function scalarPlace(text: string, event: ScalarEvent, previousEnd: number): Place {
  const { valueStart, valueEnd, style } = event;
  if (valueStart < 0) return { start: NaN, end: NaN, tail: NaN, empty: true };
  switch (style) {
    case SCALAR_STYLE.PLAIN:
      return withTail(text, valueStart, valueEnd);
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED: {
      const quote = style === SCALAR_STYLE.SINGLE_QUOTED ? "'" : '"';
      if (text[valueStart - 1] !== quote || text[valueEnd] !== quote) return unknown();
      return withTail(text, valueStart - 1, valueEnd + 1);
    }
    default: {
      // A block scalar: yaml's range starts at its `|` or `>`, between the previous token and
      // the content, with nothing but indicators and blanks in the way (a comment could hold one).
      const header = firstOf(text, '|>', previousEnd, valueStart);
      if (header < 0 || !/^[\s:?-]*$/.test(text.slice(previousEnd, header))) return unknown();
      if (valueEnd <= valueStart) return unknown();
      return { start: header, end: valueEnd, tail: valueEnd };
    }
  }
}

function unknown(): Place {
  return { start: NaN, end: NaN, tail: NaN };
}

/** A scalar of `start`..`end`: its range[2] takes in a comment on the rest of its line. */
function withTail(text: string, start: number, end: number): Place {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let tail = end;
  if (text[i] === '#') {
    const lineEnd = text.indexOf('\n', i);
    tail = lineEnd < 0 ? text.length : lineEnd;
    while (tail > i && /\s/.test(text[tail - 1]!)) tail--;
  }
  return { start, end, tail };
}

function firstOf(text: string, chars: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (chars.includes(text[i]!)) return i;
  return -1;
}

/** The offset after the `]` or `}` that closes a flow collection, or NaN when a comment or more text is in the way. */
function closingBracket(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === ']' || c === '}') return i + 1;
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== ',') return NaN;
  }
  return NaN;
}

/** Whether the first thing after `from` (past blanks and line breaks) is a comment. */
function followedByComment(text: string, from: number): boolean {
  let i = Number.isFinite(from) ? from : 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return text[i] === '#';
}
