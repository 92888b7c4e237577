import { POLICY_RULES, PolicyFinding, PolicyRule } from "./rules";
import { PolicySubject } from "./subject";

/** The `policy` field of `plan --policy --json`. */
export interface PolicyReport {
  /** Names of the rules that ran. */
  rules: string[];
  findings: PolicyFinding[];
  /** Findings that would block `pulumi up` under the CrossGuard pack. */
  mandatory: number;
  /** Findings only reported: the rule could not decide. */
  advisory: number;
}

export function evaluatePolicies(
  resources: readonly PolicySubject[],
  rules: readonly PolicyRule[] = POLICY_RULES,
): PolicyReport {
  const findings = rules.flatMap((rule) => rule.check(resources));
  return {
    rules: rules.map((rule) => rule.name),
    findings,
    mandatory: findings.filter((f) => f.level === "mandatory").length,
    advisory: findings.filter((f) => f.level === "advisory").length,
  };
}
