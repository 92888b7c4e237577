import { createHash } from "crypto";

/** GCP resource and path matcher names: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const GCP_NAME_MAX = 63;
/** Pulumi autonaming appends `-` and 7 random characters to a logical name. */
export const AUTONAME_SUFFIX = 8;
/** Longest logical name whose autonamed physical name still fits GCP's 63 characters. */
export const LOGICAL_NAME_MAX = GCP_NAME_MAX - AUTONAME_SUFFIX;
/** Longest backend logical name: room for the suffixes the components add (`-hc`, `-np<group>`; GCP allows 50 groups). */
export const BACKEND_NAME_MAX = LOGICAL_NAME_MAX - "-np99".length;

/** Short stable hash of the identity a name stands for. */
export function shortHash(text: string, length = 8): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** Lowercase, `*` as `wildcard`, every run of other characters as one `-`, no `-` at either end. */
export function sanitize(part: string): string {
  return part
    .toLowerCase()
    .replace(/\*/g, "wildcard")
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * A valid GCP name for `parts`, at most `max` characters. When the parts do not fit, or when
 * `alwaysHash` asks for it (identities that sanitizing could merge), a hash of the unaltered parts is
 * appended; to make room the longest parts are shortened, so every part (a port, a fingerprint) keeps
 * its beginning instead of the tail being cut off.
 */
export function gcpName(parts: readonly string[], max = LOGICAL_NAME_MAX, alwaysHash = false): string {
  const clean = parts.map(sanitize).filter(Boolean);
  if (clean.length === 0 || !/^[a-z]/.test(clean[0])) clean.unshift("n");
  const joined = clean.join("-");
  if (!alwaysHash && joined.length <= max) return joined;
  const hash = shortHash(parts.join("\u0000"));
  const room = max - hash.length - 1;
  while (clean.join("-").length > room) {
    const longest = clean.reduce((best, part, index) => (part.length > clean[best].length ? index : best), 0);
    clean[longest] = clean[longest].slice(0, -1).replace(/-+$/, "");
    if (clean[longest] === "") clean.splice(longest, 1);
  }
  const head = clean.join("-");
  return head ? `${head}-${hash}` : `n-${hash}`;
}

/** Kubernetes object names (DNS-1035 labels): the same alphabet, at most 63 characters. */
export function kubernetesName(parts: readonly string[]): string {
  return gcpName(parts, 63);
}
