import { Plan } from "../../lib/plan/types";

/** The URNs a stack's state holds for a plan: every registration but the root stack and lookups. */
export function ledgerUrns(plan: Plan): string[] {
  return plan.resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.read)
    .map((r) => r.urn)
    .sort();
}
