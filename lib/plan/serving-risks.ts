import { Plan, PlannedResource } from "./types";

/** Resource types the serving risks look at. */
const ADDRESS = "gcp:compute/globalAddress:GlobalAddress";
const FORWARDING_RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule";
const URL_MAP = "gcp:compute/uRLMap:URLMap";
const BACKEND_SERVICE = "gcp:compute/backendService:BackendService";
const HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
const MANAGED_CERTIFICATE = "gcp:compute/managedSslCertificate:ManagedSslCertificate";

/** Why a change can interrupt traffic, by kind, so a reviewer (or a policy) can pick out one kind. */
export type ServingRiskKind =
  | "ip-change"
  | "address-released"
  | "listener-replaced"
  | "url-map-replaced"
  | "backend-replaced"
  | "scheme-change"
  | "managed-certificate-provisioning";

/** One change that interrupts or risks traffic, said in the words a reviewer needs. */
export interface ServingRisk {
  kind: ServingRiskKind;
  /** URN of the resource concerned (head URN, or base URN when it goes). */
  urn: string;
  message: string;
}

/** The parts of a diff the risks are read from. */
export interface RiskInput {
  base: Plan;
  head: Plan;
  /** Head URN -> the base resource it continues (same URN, or an alias). */
  pairs: ReadonlyMap<string, PlannedResource>;
  /** Head URN (or base URN for a removal) -> what happens to it. */
  ops: ReadonlyMap<string, "create" | "update" | "replace" | "delete" | "read" | "discard">;
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
const PLACEHOLDER_NOTE = "offline placeholders stand for the real IPs";

/**
 * Every change of a diff that interrupts traffic or risks it: an address released or its IP changed,
 * a listener or URL map recreated, a backend service recreated (no healthy backend at first), a scheme
 * flip that GCP refuses in place, and a Google-managed certificate that starts provisioning while the
 * proxy depends on it. Read from the plans alone, so it shares the offline diff's blind spots.
 */
export function servingRisks(input: RiskInput): ServingRisk[] {
  const { base, head, pairs, ops } = input;
  const risks: ServingRisk[] = [];
  const matchedBase = new Set([...pairs.values()].map((r) => r.urn));
  const ipOf = (resource: PlannedResource) =>
    typeof resource.inputs.ipAddress === "string" ? resource.inputs.ipAddress : undefined;
  const listenerKey = (resource: PlannedResource) =>
    `${String(resource.inputs.portRange)}/${String(resource.inputs.ipProtocol ?? "TCP")}`;

  // Addresses the stack reserved and gives back.
  for (const previous of base.resources) {
    if (previous.type !== ADDRESS || previous.read) continue;
    const continued = [...pairs].find(([, before]) => before.urn === previous.urn);
    const op = continued ? ops.get(continued[0]) : ops.get(previous.urn);
    const goes = !matchedBase.has(previous.urn) || op === "replace" || op === "read";
    if (!goes) continue;
    const ip = addressIp(base, previous);
    const protectedNote = previous.options?.protect
      ? " (it is protected: Pulumi stops before deleting it)"
      : previous.options?.retainOnDelete
        ? " (retainOnDelete: it stays reserved in GCP, outside the stack)"
        : "";
    risks.push({
      kind: "address-released",
      urn: previous.urn,
      message: `the reserved address ${nameOf(previous.urn)}${ip ? ` (${ip})` : ""} is released${protectedNote}: DNS records pointing at its IP stop reaching the load balancer`,
    });
  }

  // Listeners: an IP that changes, or a rule recreated or gone.
  const baseListeners = new Map<string, PlannedResource>();
  for (const rule of base.resources.filter((r) => r.type === FORWARDING_RULE)) {
    baseListeners.set(`${rule.parent ?? ""} ${listenerKey(rule)}`, rule);
  }
  const baseUrnOf = (urn: string | null) => (urn ? (pairs.get(urn)?.urn ?? urn) : "");
  for (const rule of head.resources.filter((r) => r.type === FORWARDING_RULE)) {
    const previous =
      pairs.get(rule.urn) ?? baseListeners.get(`${baseUrnOf(rule.parent)} ${listenerKey(rule)}`);
    const op = ops.get(rule.urn);
    if (!previous) continue;
    const before = ipOf(previous);
    const after = ipOf(rule);
    if (before !== undefined && after !== undefined && before !== after) {
      risks.push({
        kind: "ip-change",
        urn: rule.urn,
        message: `the IP of ${nameOf(rule.urn)} (${listenerKey(rule)}) changes from ${before} to ${after} (${PLACEHOLDER_NOTE}): clients and DNS records on the old IP stop reaching it`,
      });
    } else if (op === "replace") {
      risks.push({
        kind: "listener-replaced",
        urn: rule.urn,
        message: `${nameOf(rule.urn)} is recreated on the same IP and port: GCP refuses a second rule there, so the old one must go first and ${listenerKey(rule)} stops answering meanwhile`,
      });
    }
    if (previous.inputs.loadBalancingScheme !== rule.inputs.loadBalancingScheme && pairs.has(rule.urn)) {
      risks.push(schemeRisk(rule, previous));
    }
  }
  // A listener that goes: another load balancer may take its Ingresses over, on the same IP or another.
  const baseIngresses = ingressesByLoadBalancer(base);
  const headIngresses = ingressesByLoadBalancer(head);
  for (const previous of base.resources.filter((r) => r.type === FORWARDING_RULE)) {
    if (matchedBase.has(previous.urn)) continue;
    const served = baseIngresses.get(previous.parent ?? "") ?? [];
    const successor = head.resources.find(
      (rule) =>
        rule.type === FORWARDING_RULE &&
        !pairs.has(rule.urn) &&
        listenerKey(rule) === listenerKey(previous) &&
        (headIngresses.get(rule.parent ?? "") ?? []).some((ingress) => served.includes(ingress)),
    );
    const before = ipOf(previous);
    const after = successor && ipOf(successor);
    const ingresses = served.length > 0 ? ` (Ingress ${served.join(", ")})` : "";
    if (successor && after !== undefined && after !== before) {
      risks.push({
        kind: "ip-change",
        urn: successor.urn,
        message: `the IP${ingresses} on ${listenerKey(previous)} changes from ${before ?? "?"} to ${after} (${PLACEHOLDER_NOTE}): clients and DNS records on the old IP stop reaching it`,
      });
    } else {
      risks.push({
        kind: "listener-replaced",
        urn: previous.urn,
        message: successor
          ? `${nameOf(previous.urn)} is deleted and ${nameOf(successor.urn)} is created on the same IP and port (${before ?? "?"} ${listenerKey(previous)}): GCP refuses the new one while the old one holds it, and the old one goes only at the end`
          : `${nameOf(previous.urn)} is deleted: ${before ?? "its IP"} stops answering on ${listenerKey(previous)}${ingresses}`,
      });
    }
  }

  for (const resource of head.resources) {
    const op = ops.get(resource.urn);
    const previous = pairs.get(resource.urn);
    if (resource.type === URL_MAP && op === "replace") {
      risks.push({
        kind: "url-map-replaced",
        urn: resource.urn,
        message: `${nameOf(resource.urn)} is recreated: its proxy switches to the new one, and requests follow the new map from then on (a failed apply in between leaves the old routing)`,
      });
    }
    if (resource.type === BACKEND_SERVICE && op === "replace") {
      risks.push({
        kind: "backend-replaced",
        urn: resource.urn,
        message: `${nameOf(resource.urn)} is recreated: the new backend service has no healthy backend until its health checks pass, and its requests get 502s meanwhile`,
      });
    }
    if (
      resource.type === BACKEND_SERVICE &&
      previous &&
      previous.inputs.loadBalancingScheme !== resource.inputs.loadBalancingScheme
    ) {
      risks.push(schemeRisk(resource, previous));
    }
    if (resource.type === MANAGED_CERTIFICATE && (op === "create" || op === "replace")) {
      const proxies = head.resources.filter(
        (proxy) =>
          proxy.type === HTTPS_PROXY && pairs.has(proxy.urn) && proxy.dependencies.includes(resource.urn),
      );
      if (proxies.length > 0) {
        const domains = ((resource.inputs.managed as { domains?: string[] } | undefined)?.domains ?? []).join(
          ", ",
        );
        risks.push({
          kind: "managed-certificate-provisioning",
          urn: resource.urn,
          message: `${nameOf(resource.urn)} (${domains}) is a new Google-managed certificate on a serving proxy: it provisions only once DNS points at the address (often 15-60 minutes), and until it is ACTIVE HTTPS fails for the domains no other certificate of the proxy covers; keep the old certificate attached until then (a second ManagedCertificate, removed later)`,
        });
      }
    }
  }
  return mergeSchemeChanges(risks);
}

/** One callout for a scheme flip, however many backend services and rules it touches. */
function mergeSchemeChanges(risks: ServingRisk[]): ServingRisk[] {
  const flips = risks.filter((risk) => risk.kind === "scheme-change");
  if (flips.length <= 1) return risks;
  const names = flips.map((risk) => nameOf(risk.urn));
  const first = flips[0].message;
  const change = first
    .slice(first.indexOf(" changes scheme "))
    .replace(" changes scheme ", " change scheme ");
  return [
    ...risks.filter((risk) => risk.kind !== "scheme-change"),
    {
      kind: "scheme-change",
      urn: flips[0].urn,
      message: `${names.length} resources (${names.join(", ")})${change}`,
    },
  ];
}

function schemeRisk(resource: PlannedResource, previous: PlannedResource): ServingRisk {
  return {
    kind: "scheme-change",
    urn: resource.urn,
    message: `${nameOf(resource.urn)} changes scheme from ${String(previous.inputs.loadBalancingScheme)} to ${String(resource.inputs.loadBalancingScheme)}: GCP refuses a direct flip in place (only through the backend services' migration states), so the apply fails`,
  };
}

/** `namespace/name` of the Ingresses each load balancer component serves, by its URN. */
function ingressesByLoadBalancer(plan: Plan): Map<string, string[]> {
  const served = new Map<string, string[]>();
  for (const resource of plan.resources) {
    const ingresses = resource.inputs.ingresses;
    if (resource.component && Array.isArray(ingresses)) {
      served.set(
        resource.urn,
        ingresses.filter((i): i is string => typeof i === "string"),
      );
    }
  }
  return served;
}

/** The IP a reserved address got, from the plan's placeholders. */
function addressIp(plan: Plan, address: PlannedResource): string | undefined {
  const found = plan.placeholders?.find((p) => p.urn === address.urn && p.property === "address");
  return typeof found?.value === "string" ? found.value : undefined;
}
