// Finds the YAML node behind a path into the plain data, following aliases and merge keys the
// same way convert.ts built that data. Rules and schema errors speak in paths; this turns a path
// back into the exact place in the file.
import { isAlias, isMap, isPair, isSeq, YAMLMap } from 'yaml';
import type { Alias, Node, Pair } from 'yaml';
import { isMergeKey, keyString, mergeSources } from './convert.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Located {
  /** The deepest node the path reaches (the whole path, unless `complete` is false). */
  node: Node;
  /** The key node when the last segment was a map key. */
  key?: Node;
  complete: boolean;
}

export function locate(root: Node, path: Path, aliasTargets: Map<Alias, Node>): Located {
  const resolve = (alias: Alias): Node => aliasTargets.get(alias) ?? alias;
  let node: Node = isAlias(root) ? resolve(root) : root;
  let key: Node | undefined;
  for (const segment of path) {
    let next: { key?: Node; value: Node } | undefined;
    if (isMap(node)) next = findInMap(node, String(segment), resolve);
    else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (isPair(item)) next = { value: pairAsMap(item) };
      else if (item) next = { value: item };
    }
    if (!next || !next.value) {
      // A missing value under a present key (`image:` with nothing after it) is at its key.
      return { node: next?.key ?? node, key: next?.key, complete: false };
    }
    key = next.key;
    node = isAlias(next.value) ? resolve(next.value) : next.value;
  }
  return { node, key, complete: true };
}

function findInMap(
  map: YAMLMap,
  key: string,
  resolve: (alias: Alias) => Node,
): { key: Node; value: Node } | undefined {
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) continue;
    const k = isAlias(pair.key) ? keyString(resolve(pair.key)) : keyString(pair.key);
    if (k === key) return { key: pair.key as Node, value: pair.value as Node };
  }
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    for (const source of mergeSources(pair.value as Node, resolve)) {
      const found = findInMap(resolveNode(source, resolve) as YAMLMap, key, resolve);
      if (found) return found;
    }
  }
  return undefined;
}

/** An item of `!!omap` or `!!pairs`, which convert.ts reads as a map of one key. */
function pairAsMap(pair: Pair): Node {
  const map = new YAMLMap();
  map.items = [pair];
  const start = (pair.key as Node | null)?.range?.[0] ?? 0;
  const end = (pair.value as Node | null)?.range?.[1] ?? start;
  map.range = [start, end, end];
  return map;
}

function resolveNode(node: Node, resolve: (alias: Alias) => Node): Node {
  return isAlias(node) ? resolve(node) : node;
}
