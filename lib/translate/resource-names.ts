import { LOGICAL_NAME_MAX, gcpName } from "./names";

/**
 * The logical names of one load balancer's resources, all derived from its base name. When the base
 * name changed since an earlier release (`legacyBase`), every name derived here also records the name
 * the same derivation gave under the old base: the components pass it on as an alias, so a stack made
 * by that release keeps every resource (same URN lineage, same cloud object) instead of replacing it.
 */
export class ResourceNames {
  /** New logical name -> the one the same resource had under `legacyBase`. */
  readonly aliases = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly legacyBase?: string,
  ) {}

  /** `gcpName([base, ...parts])`, with the legacy counterpart recorded. */
  of(parts: readonly string[], max = LOGICAL_NAME_MAX, alwaysHash = false): string {
    const name = gcpName([this.base, ...parts], max, alwaysHash);
    if (this.legacyBase !== undefined) {
      const old = gcpName([this.legacyBase, ...parts], max, alwaysHash);
      if (old !== name) this.aliases.set(name, old);
    }
    return name;
  }
}
