import { closest, distance } from "fastest-levenshtein";

/** "did you mean X?" for a misspelt name, when one candidate is close enough to be a likely typo. */
export function didYouMean(wanted: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(wanted, candidates as string[]);
  const limit = Math.max(2, Math.floor(Math.max(wanted.length, best.length) / 3));
  return distance(wanted, best) <= limit ? `did you mean "${best}"?` : undefined;
}

/** Something named in a namespace: a Service, Secret, BackendConfig... */
export interface Named {
  name: string;
  namespace: string;
}

/**
 * Why `wanted` is missing among `candidates`: an object of that name in another namespace (which Kubernetes
 * references cannot reach), else the nearest name in the same namespace, else `fallback`.
 */
export function missingInNamespaceHint(
  wanted: Named & { kind: string; user: string },
  candidates: readonly Named[],
  fallback?: string,
): string | undefined {
  const elsewhere = candidates.find((c) => c.name === wanted.name && c.namespace !== wanted.namespace);
  if (elsewhere) {
    return `a ${wanted.kind} of that name exists in namespace "${elsewhere.namespace}", but ${wanted.user} can only use ${wanted.kind}s of its own namespace "${wanted.namespace}"`;
  }
  const sameNamespace = candidates.filter((c) => c.namespace === wanted.namespace).map((c) => c.name);
  return didYouMean(wanted.name, sameNamespace) ?? fallback;
}
