// Turns a parsed YAML document into plain data the way Kubernetes reads it (aliases and `<<` merge
// keys resolved, explicit keys winning over merged ones), while bounding alias expansion so that a
// YAML bomb becomes a finding instead of a hang or an out-of-memory crash.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Alias, Document, Node, Pair, YAMLMap } from 'yaml';

/** Alias-expanded nodes allowed in one document; real manifests stay far below it. */
export const DEFAULT_MAX_ALIAS_NODES = 100_000;
/**
 * Bytes of text (scalars and keys) that aliases may add to one document: a long string repeated
 * through aliases is few nodes but no less a bomb once printed, stringified or validated.
 */
export const DEFAULT_MAX_ALIAS_BYTES = 10 * 1024 * 1024;

export interface AliasLimits {
  maxAliasNodes?: number;
  maxAliasBytes?: number;
}

/** A document that cannot be read as Kubernetes would: points at the node that is at fault. */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly node: Node,
  ) {
    super(message);
  }
}

export interface Converted {
  value: unknown;
  /** Where each alias of the document points, so positions can be followed through aliases. */
  aliasTargets: Map<Alias, Node>;
}

export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  if (key.type && key.type !== Scalar.PLAIN) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

export function keyString(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return String((key as { toString(): string }).toString());
}

/** `text`: the source the document was parsed from (for go-yaml's reading of `[a:]`, gluedColonScalar). */
export function toPlain(doc: Document.Parsed, limits: number | AliasLimits = {}, text?: string): Converted {
  const { maxAliasNodes = DEFAULT_MAX_ALIAS_NODES, maxAliasBytes = DEFAULT_MAX_ALIAS_BYTES } =
    typeof limits === 'number' ? { maxAliasNodes: limits } : limits;
  const anchors = new Map<string, Node>();
  const aliasTargets = new Map<Alias, Node>();
  // An anchored node is converted once; every alias to it reuses the value and adds its size
  // (its own nodes and text plus everything its aliases expand to) to the expansion count, so
  // the count is what a naive expansion would build. A `<<` merge source counts like any alias.
  const anchored = new Map<Node, { value: unknown; nodes: number; bytes: number } | 'in-progress'>();
  let nodes = 0;
  let bytes = 0;
  let expandedNodes = 0;
  let expandedBytes = 0;

  function resolveAlias(alias: Alias): Node {
    const target = anchors.get(alias.source);
    if (!target) throw new ConversionError(`alias *${shortName(alias.source)} has no anchor before it`, alias);
    aliasTargets.set(alias, target);
    return target;
  }

  function convert(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = resolveAlias(node);
      const done = anchored.get(target);
      if (done === 'in-progress') {
        throw new ConversionError(`alias *${shortName(node.source)} refers to a node that contains it`, node);
      }
      if (done) {
        expandedNodes += done.nodes;
        expandedBytes += done.bytes;
        nodes += done.nodes;
        bytes += done.bytes;
        if (expandedNodes > maxAliasNodes) {
          throw new ConversionError(`aliases expand to more than ${maxAliasNodes} nodes (a YAML bomb?); the document was not checked`, node);
        }
        if (expandedBytes > maxAliasBytes) {
          throw new ConversionError(`aliases expand to more than ${formatMiB(maxAliasBytes)} of text (a YAML bomb?); the document was not checked`, node);
        }
        return done.value;
      }
      return convert(target);
    }
    const n = node as Node;
    if (n.anchor) {
      anchors.set(n.anchor, n);
      anchored.set(n, 'in-progress');
      const [nodesBefore, bytesBefore] = [nodes, bytes];
      const value = convertNode(n);
      anchored.set(n, { value, nodes: nodes - nodesBefore, bytes: bytes - bytesBefore });
      return value;
    }
    return convertNode(n);
  }

  function convertNode(n: Node | Pair): unknown {
    nodes++;
    if (isScalar(n)) {
      const value = scalarValue(n);
      bytes += typeof value === 'string' ? value.length : 8;
      return value;
    }
    // (Only a flow sequence: in a block one, `- key:` is a key whatever follows, as to go-yaml.)
    if (isSeq(n)) return n.items.map((item) => (n.flow && text !== undefined ? gluedColonScalar(item as Node, text) : undefined) ?? convert(item as Node));
    if (isMap(n)) return convertMap(n);
    // An item of `!!omap` or `!!pairs`: a map of one key, as go-yaml reads the sequence.
    if (isPair(n)) return convertMap({ items: [n] } as unknown as YAMLMap);
    return null;
  }

  function convertMap(map: YAMLMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let merges: Pair[] | undefined;
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) {
        (merges ??= []).push(pair);
        continue;
      }
      const key = keyOf(pair.key);
      bytes += key.length;
      setOwn(out, key, convert(pair.value));
    }
    // Explicit keys win over merged ones, and earlier merge sources over later ones.
    for (const pair of merges ?? []) {
      for (const source of mergeSources(pair.value as Node, resolveAlias)) {
        const values = convert(source) as Record<string, unknown>;
        for (const key of Object.keys(values)) {
          if (!Object.prototype.hasOwnProperty.call(out, key)) setOwn(out, key, values[key]);
        }
      }
    }
    return out;
  }

  /** A key as text; an alias or a collection as key goes through convert(), so it is counted. */
  function keyOf(key: unknown): string {
    if (isScalar(key) || key === null || key === undefined) return keyString(key);
    const value = convert(key);
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  const value = convert(doc.contents);
  return { value, aliasTargets };
}

const BINARY_TAG = 'tag:yaml.org,2002:binary';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
/** What Go's base64.StdEncoding accepts once line breaks are dropped: padded, no other space. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A scalar's value as go-yaml (and so Kubernetes) reads it. `!!binary` is the decoded text, not
 * a byte array (which would read as a map); `!!float 1` is the number 1.
 */
function scalarValue(n: Scalar): unknown {
  const value = n.value === undefined ? null : n.value;
  if (value instanceof Uint8Array || n.tag === BINARY_TAG) {
    const base64 = String(n.source ?? '').replace(/[\r\n]/g, '');
    if (!BASE64.test(base64)) throw new ConversionError('!!binary value contains invalid base64 data', n);
    return Buffer.from(base64, 'base64').toString('utf8');
  }
  if (n.tag === FLOAT_TAG && typeof value === 'string') {
    const number = Number(value.replace(/_/g, ''));
    if (value.trim() !== '' && Number.isFinite(number)) return number;
  }
  return value;
}

/** An anchor name as shown in a message: a crafted one may be long or hold controls. */
function shortName(name: string): string {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return shown.replace(/[^\x21-\x7e]/g, '?');
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

/** The maps a `<<` value merges in, in order of precedence; aliases are left for the caller. */
export function mergeSources(value: Node, resolve: (alias: Alias) => Node): Node[] {
  const target = isAlias(value) ? resolve(value) : value;
  const sources = isSeq(target) ? (target.items as Node[]) : [target];
  return sources.map((item) => {
    const source = isAlias(item) ? resolve(item) : item;
    if (!isMap(source)) throw new ConversionError('a merge key (<<) must name a map or a list of maps', item ?? value);
    return item;
  });
}

/** Assigns without ever touching the prototype, whatever the key (`__proto__` included). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/**
 * `[1.2.3.4, 2001:db8::]`: YAML 1.2 (and `yaml`) reads an item whose `:` is glued to the text and
 * followed at once by `,`, `]` or `}` as a key with no value, `{"2001:db8:": null}`. go-yaml's
 * scanner ends a plain scalar at `:` only before a blank, so Kubernetes reads the string
 * "2001:db8::". Such an item reads as that string here too. A `:` before a blank or a line
 * break ends the scalar for go-yaml as well (`[key:` then a new line is a key).
 */
function gluedColonScalar(item: Node, text: string): string | undefined {
  if (!isMap(item) || item.items.length !== 1) return undefined;
  const pair = item.items[0]!;
  const { key, value } = pair;
  if (!isScalar(key) || key.type !== 'PLAIN' || typeof key.source !== 'string' || !key.range || !item.range) return undefined;
  if (!isScalar(value) || value.value !== null || value.source !== '' || !value.range) return undefined;
  // Nothing between the key and the item's end but the one `:`.
  if (item.range[1] !== key.range[1] + 1 || value.range[0] !== item.range[1]) return undefined;
  if (!',]}'.includes(text[item.range[1]] ?? ' ')) return undefined;
  return `${key.source}:`;
}
