/**
 * The neutral shape the policy rules read, so one set of rules runs both inside Pulumi CrossGuard (over
 * `PolicyResource`s) and over an offline plan (over `PlannedResource`s).
 */

/** A value not known yet: an output the cloud decides, during `pulumi preview`. */
export const UNKNOWN: unique symbol = Symbol("ingress-glb.policy.unknown");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** One resource of the stack, as a rule sees it. */
export interface PolicySubject {
  /** Pulumi type token, e.g. `gcp:compute/firewall:Firewall`. */
  type: string;
  /** Logical (Pulumi) name. */
  name: string;
  urn: string;
  /**
   * The resource's properties: outputs where known (CrossGuard's stack view, the plan's placeholders),
   * inputs otherwise. A value not known yet is UNKNOWN, at any depth.
   */
  props: Record<string, unknown>;
  protect: boolean;
  retainOnDelete: boolean;
  /** Looked up (`Resource.get`) rather than managed by this stack: rules check only managed resources. */
  read: boolean;
  /** URNs each property depended on when registered, where the engine says (CrossGuard); else absent. */
  propertyDependencies?: Record<string, readonly string[]>;
}
