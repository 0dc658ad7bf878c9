// Following a node of rendered output back into a source document whose lists may be in another
// order. Kustomize merges lists by key (containers by `name`, mounts by `mountPath`) and puts a
// patch's items first, so `containers[0]` in the output may be `containers[2]` in the base: a
// list index is turned into the item's merge key before it is looked up again.
import { isDeepStrictEqual } from 'node:util';
import type { Path } from '../manifest/locate.js';
import { isObject } from '../manifest/resources.js';

/** Strategic-merge keys of the lists podlint reports on, in the order they are tried. */
const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'devicePath', 'ip', 'topologyKey'];

export type Step = { key: string } | { index: number; match?: [string, unknown] };

/** The path with each list index also said as its item's merge key, read from `value`. */
export function keyedSteps(value: unknown, path: Path): Step[] {
  const steps: Step[] = [];
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') {
      const item: unknown = current[segment];
      const key = isObject(item) ? MERGE_KEYS.find((k) => item[k] !== undefined && typeof item[k] !== 'object') : undefined;
      steps.push(key !== undefined && isObject(item) ? { index: segment, match: [key, item[key]] } : { index: segment });
      current = item;
    } else {
      steps.push({ key: String(segment) });
      current = isObject(current) ? current[String(segment)] : undefined;
    }
  }
  return steps;
}

export interface Resolved {
  /** The concrete path in the other value, as deep as it goes. */
  path: Path;
  /** How many steps were found. */
  depth: number;
  /** The value at `path`. */
  value: unknown;
}

/** Follows the steps into another value: list items by their merge key, else by position. */
export function resolveSteps(value: unknown, steps: readonly Step[]): Resolved {
  const path: (string | number)[] = [];
  let current = value;
  let depth = 0;
  for (const step of steps) {
    let next: unknown;
    if ('key' in step) {
      if (!isObject(current) || !(step.key in current)) break;
      next = current[step.key];
      path.push(step.key);
    } else {
      if (!Array.isArray(current)) break;
      let index = step.index;
      if (step.match) {
        const [key, wanted] = step.match;
        index = current.findIndex((item) => isObject(item) && item[key] === wanted);
      }
      if (index < 0 || index >= current.length) break;
      next = current[index];
      path.push(index);
    }
    current = next;
    depth++;
  }
  return { path, depth, value: current };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b) || (typeof a !== 'object' && typeof b !== 'object' && String(a) === String(b));
}
