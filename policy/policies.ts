import { Policies, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import {
  backendServiceHealthCheck,
  firewallGoogleRangesOnly,
  httpRedirectsToHttps,
  httpsProxyModernTls,
  PolicyFinding,
  PolicyRule,
  reservedAddressProtected,
} from "../lib/policy/rules";
import { resourceSubject, stackSubject } from "./policy-subjects";

/** Rules over the whole stack: they follow references (proxy -> SSL policy, :80 -> URL map, ports in use). */
const STACK_RULES: readonly PolicyRule[] = [
  httpsProxyModernTls,
  httpRedirectsToHttps,
  firewallGoogleRangesOnly,
  backendServiceHealthCheck,
];

function report(findings: PolicyFinding[], level: PolicyFinding["level"], reportViolation: ReportViolation) {
  for (const f of findings.filter((finding) => finding.level === level)) {
    reportViolation(level === "advisory" ? `${f.policy}: ${f.message}` : f.message, f.urn);
  }
}

function stackPolicy(rule: PolicyRule): StackValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) =>
      report(rule.check(args.resources.map(stackSubject)), "mandatory", reportViolation),
  };
}

/** The pack's policies; `policy/index.ts` serves them. */
export const policies: Policies = [
  ...STACK_RULES.map(stackPolicy),
  {
    // A resource policy: the engine validates only the resources it registers, so an address looked up
    // by name (the static-IP annotation) is not taken for one the stack reserved unprotected.
    name: reservedAddressProtected.name,
    description: reservedAddressProtected.description,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) =>
      report(reservedAddressProtected.check([resourceSubject(args)]), "mandatory", reportViolation),
  },
  {
    // What a rule could not decide (values unknown during preview, objects outside the stack) is said,
    // not enforced: the next `pulumi up` or `preview` after creation sees the values.
    name: "undecided-checks",
    description: "Checks of the rules above that could not be decided on this run.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      const resources = args.resources.map(stackSubject);
      report(
        STACK_RULES.flatMap((rule) => rule.check(resources)),
        "advisory",
        reportViolation,
      );
    },
  },
];
