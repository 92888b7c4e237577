import { createHash } from "crypto";

/** GCP resource and path matcher names: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const GCP_NAME_MAX = 63;
/** Pulumi autonaming appends `-` and 7 random characters to a logical name. */
export const AUTONAME_SUFFIX = 8;
/** Longest logical name whose autonamed physical name still fits GCP's 63 characters. */
export const LOGICAL_NAME_MAX = GCP_NAME_MAX - AUTONAME_SUFFIX;

/** Short stable hash of the identity a name stands for. */
export function shortHash(text: string, length = 8): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function sanitize(part: string): string {
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
 * appended instead of plainly truncating, so two identities never share a name.
 */
export function gcpName(parts: readonly string[], max = LOGICAL_NAME_MAX, alwaysHash = false): string {
  let joined = parts.map(sanitize).filter(Boolean).join("-");
  if (!/^[a-z]/.test(joined)) joined = `n-${joined}`.replace(/-$/, "");
  if (!alwaysHash && joined.length <= max) return joined;
  const hash = shortHash(parts.join("\u0000"));
  const room = max - hash.length - 1;
  const head = joined.slice(0, room).replace(/-+$/, "");
  return `${head}-${hash}`;
}

/** Kubernetes object names (DNS-1035 labels): the same alphabet, at most 63 characters. */
export function kubernetesName(parts: readonly string[]): string {
  return gcpName(parts, 63);
}
