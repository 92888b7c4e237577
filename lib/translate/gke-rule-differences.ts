import { NormalizedIngress } from "../ingress/types";
import { Warning } from "./model";

/**
 * Where GKE's controller reads an Ingress's rules differently from Kubernetes, which ingress-glb follows
 * (ingress-gce `TranslateIngress` and `GCEURLMap.PutPathRulesForHost`):
 * - a rule without `http` is skipped: its host goes to the default backend (as in Kubernetes, where it
 *   routes nothing);
 * - a second rule for the same host replaces the first one's paths, where Kubernetes keeps them all.
 */
export function gkeRuleDifferences(ingress: NormalizedIngress): Warning[] {
  const warnings: Warning[] = [];
  const id = `${ingress.namespace}/${ingress.name}`;
  const firstRuleOf = new Map<string, number>();
  ingress.rules.forEach((rule, index) => {
    const host = rule.host ?? "*";
    if (rule.paths.length === 0) {
      warnings.push({
        code: "rule-without-http",
        message: `rule ${index} of Ingress ${id} (host ${host}) has no http paths: GKE skips it, and requests for ${host} go to the default backend`,
        origin: rule.origin,
      });
      return;
    }
    const first = firstRuleOf.get(host);
    if (first !== undefined) {
      warnings.push({
        code: "gke-drops-earlier-rule",
        message: `rules ${first} and ${index} of Ingress ${id} both name host ${host}: ingress-glb routes the paths of both, as Kubernetes does; GKE's controller keeps only rule ${index}'s`,
        origin: rule.origin,
      });
    } else {
      firstRuleOf.set(host, index);
    }
  });
  return warnings;
}
