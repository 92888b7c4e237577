import { InputError, Origin } from "../errors";
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

/** A resource that has a logical name now and had another in an earlier release. */
export interface RenamedResource {
  /** Pulumi type (names only clash within one type). */
  type: string;
  name: string;
  legacyName: string;
  /** What it is, for the error: `Namespace tools`. */
  label: string;
  /** Where it was written. */
  origin?: Origin;
}

/**
 * Refuses a new name that is another resource's earlier name: its alias would claim a URN the other
 * one now has, which the Pulumi engine refuses (and which would otherwise pair the wrong objects).
 */
export function checkAliasCollisions(resources: readonly RenamedResource[]): void {
  const byName = new Map(resources.map((r) => [`${r.type}\u0000${r.name}`, r]));
  for (const resource of resources) {
    if (resource.legacyName === resource.name) continue;
    const holder = byName.get(`${resource.type}\u0000${resource.legacyName}`);
    if (holder && holder !== resource) {
      throw new InputError(
        `${holder.label} would now be named "${holder.name}", which was the name of ${resource.label} before 0.2.0: the upgrade could not tell them apart`,
        { ...holder.origin, field: "metadata.name" },
        `rename one of them, or name the component otherwise`,
      );
    }
  }
}
