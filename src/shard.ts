// One run split into N shards (`--shard K/N`, the Action's `shard` input), so that a CI matrix of
// N jobs lints a monorepo, each job its share. A unit of work goes to a shard by a hash of its
// path relative to the working directory: every job computes the same split without talking to
// the others, and adding a file moves no other file. A unit is a plain file, or a rendered root
// (a kustomization or a chart) with every root it shares a file with (overlays of one base), so
// that a finding in a shared file is made, and merged across its roots, in one shard only.
import type { RootUnit } from './source/roots.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** The largest N: more jobs than that is no longer a matrix anyone runs. */
export const MAX_SHARDS = 256;

/** `K/N` with 1 <= K <= N <= 256, or undefined. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return undefined;
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The shard (1-based) a unit of this key belongs to: FNV-1a over the key's UTF-16 code units. */
export function shardOfKey(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % count) + 1;
}

/**
 * The rendered roots of this shard: roots that share a file are one unit, keyed by the first of
 * their folders (relative, sorted), so they land together.
 */
export function unitsOfShard(units: readonly RootUnit[], shard: Shard, relative: (abs: string) => string): RootUnit[] {
  // Union-find over units sharing any file.
  const parent = units.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  units.forEach((unit, i) => {
    for (const file of unit.files) {
      const other = owner.get(file);
      if (other === undefined) owner.set(file, i);
      else parent[find(i)] = find(other);
    }
  });
  const keyOf = new Map<number, string>();
  units.forEach((unit, i) => {
    const group = find(i);
    const key = relative(unit.dir);
    const seen = keyOf.get(group);
    if (seen === undefined || key < seen) keyOf.set(group, key);
  });
  return units.filter((_, i) => shardOfKey(keyOf.get(find(i))!, shard.count) === shard.index);
}
