import { closest, distance } from "fastest-levenshtein";

/** "did you mean X?" for a misspelt name, when one candidate is close enough to be a likely typo. */
export function didYouMean(wanted: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(wanted, candidates as string[]);
  const limit = Math.max(2, Math.floor(Math.max(wanted.length, best.length) / 3));
  return distance(wanted, best) <= limit ? `did you mean "${best}"?` : undefined;
}
