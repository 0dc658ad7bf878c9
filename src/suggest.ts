// "Did you mean ...?": the nearest candidate to a misspelt name, when it is near enough to be a
// typo rather than a different name.
import { closest, distance } from 'fastest-levenshtein';

export function nearest(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(name, candidates as string[]);
  // A typo changes about a third of the letters at most (mountpath vs mountPath counts one).
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const folded = distance(name.toLowerCase(), best.toLowerCase());
  return Math.min(distance(name, best), folded) <= allowed ? best : undefined;
}
