import { Plan, PlannedResource } from "./types";

/** Resource types the serving risks look at: global ones, and their regional counterparts. */
const ADDRESS = ["gcp:compute/globalAddress:GlobalAddress", "gcp:compute/address:Address"];
const FORWARDING_RULE = [
  "gcp:compute/globalForwardingRule:GlobalForwardingRule",
  "gcp:compute/forwardingRule:ForwardingRule",
];
const URL_MAP = ["gcp:compute/uRLMap:URLMap", "gcp:compute/regionUrlMap:RegionUrlMap"];
const BACKEND_SERVICE = [
  "gcp:compute/backendService:BackendService",
  "gcp:compute/regionBackendService:RegionBackendService",
];
const HTTPS_PROXY = [
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
  "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
];
const MANAGED_CERTIFICATE = ["gcp:compute/managedSslCertificate:ManagedSslCertificate"];

/** Why a change can interrupt traffic, by kind, so a reviewer (or a policy) can pick out one kind. */
export type ServingRiskKind =
  | "ip-change"
  | "address-released"
  | "listener-replaced"
  | "url-map-replaced"
  | "backend-replaced"
  | "backends-swapped"
  | "scheme-change"
  | "managed-certificate-provisioning"
  | "read-object-deleted";

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
  /** A head resource's inputs with the placeholders of continued resources mapped back to the base's. */
  headInputs?: (resource: PlannedResource) => Record<string, unknown>;
}

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);
const PLACEHOLDER_NOTE = "offline placeholders stand for the real IPs";
const listenerKey = (rule: PlannedResource) =>
  `${String(rule.inputs.portRange)}/${String(rule.inputs.ipProtocol ?? "TCP")}`;

/**
 * Every change of a diff that interrupts traffic or risks it: an address released or its IP changed,
 * a listener or URL map recreated, a backend service recreated (no healthy backend at first), a scheme
 * flip that GCP refuses in place, and a Google-managed certificate that starts provisioning while the
 * proxy depends on it. Read from the plans alone, so it shares the offline diff's blind spots. Whether
 * an IP changes is decided by which address a listener serves on (the same resource continued, or the
 * same lookup), never by comparing placeholder IPs, which can collide.
 */
export function servingRisks(input: RiskInput): ServingRisk[] {
  const { base, head, pairs, ops } = input;
  const headInputs = input.headInputs ?? ((resource: PlannedResource) => resource.inputs);
  const risks: ServingRisk[] = [];
  const headOf = new Map<string, string>();
  for (const [headUrn, previous] of pairs) headOf.set(previous.urn, headUrn);
  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  const baseAddressIp = placeholderIps(base);
  const headAddressIp = placeholderIps(head);

  // Addresses the stack reserved and gives back.
  for (const previous of base.resources) {
    if (!ADDRESS.includes(previous.type) || previous.read) continue;
    const continued = headOf.get(previous.urn);
    const op = continued ? ops.get(continued) : ops.get(previous.urn);
    if (continued !== undefined && op !== "replace" && op !== "read") continue;
    const ip = baseAddressIp.get(previous.urn);
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

  /** Whether a head listener serves on the very address a base listener served on. */
  const sameAddress = (previous: PlannedResource, rule: PlannedResource): boolean | undefined => {
    const before = addressOf(previous, baseByUrn);
    const after = addressOf(rule, headByUrn);
    if (!before || !after) return undefined;
    if (before.read && after.read) return before.id === after.id;
    if (before.read || after.read) return false;
    const op = ops.get(after.urn);
    return headOf.get(before.urn) === after.urn && op !== "replace";
  };
  const ipChange = (rule: PlannedResource, previous: PlannedResource, served: string): ServingRisk => {
    const before = addressIpOf(previous, baseByUrn, baseAddressIp) ?? "?";
    const after = addressIpOf(rule, headByUrn, headAddressIp) ?? "?";
    return {
      kind: "ip-change",
      urn: rule.urn,
      message: `the IP${served} on ${listenerKey(rule)} changes from ${before} to ${after} (${PLACEHOLDER_NOTE}): clients and DNS records on the old IP stop reaching it`,
    };
  };

  // Listeners that stay: another address, or recreated on the same one.
  for (const rule of head.resources) {
    if (!FORWARDING_RULE.includes(rule.type)) continue;
    const previous = pairs.get(rule.urn);
    if (!previous) continue;
    const same = sameAddress(previous, rule);
    const ipMoved = same === undefined ? previous.inputs.ipAddress !== headInputs(rule).ipAddress : !same;
    if (ipMoved) {
      risks.push(ipChange(rule, previous, ""));
    } else if (ops.get(rule.urn) === "replace") {
      risks.push({
        kind: "listener-replaced",
        urn: rule.urn,
        message: `${nameOf(rule.urn)} is recreated on the same IP and port: GCP refuses a second rule there, so the old one must go first and ${listenerKey(rule)} stops answering meanwhile`,
      });
    }
    if (previous.inputs.loadBalancingScheme !== rule.inputs.loadBalancingScheme) {
      risks.push(schemeRisk(rule, previous));
    }
  }

  // A listener that goes: another load balancer may take its Ingresses over, on the same address or not.
  const baseIngresses = ingressesByLoadBalancer(base);
  const headIngresses = ingressesByLoadBalancer(head);
  const newRulesByListener = new Map<string, PlannedResource[]>();
  for (const rule of head.resources) {
    if (!FORWARDING_RULE.includes(rule.type) || pairs.has(rule.urn)) continue;
    const list = newRulesByListener.get(listenerKey(rule)) ?? [];
    list.push(rule);
    newRulesByListener.set(listenerKey(rule), list);
  }
  for (const previous of base.resources) {
    if (!FORWARDING_RULE.includes(previous.type) || headOf.has(previous.urn)) continue;
    const served = baseIngresses.get(previous.parent ?? "") ?? [];
    const successor = (newRulesByListener.get(listenerKey(previous)) ?? []).find((rule) =>
      (headIngresses.get(rule.parent ?? "") ?? []).some((ingress) => served.includes(ingress)),
    );
    const ingresses = served.length > 0 ? ` (Ingress ${served.join(", ")})` : "";
    const ip = addressIpOf(previous, baseByUrn, baseAddressIp) ?? "its IP";
    if (successor && sameAddress(previous, successor) === false) {
      risks.push(ipChange(successor, previous, ingresses));
    } else {
      risks.push({
        kind: "listener-replaced",
        urn: previous.urn,
        message: successor
          ? `${nameOf(previous.urn)} is deleted and ${nameOf(successor.urn)} is created on the same IP and port (${ip} ${listenerKey(previous)}): GCP refuses the new one while the old one holds it, and the old one goes only at the end`
          : `${nameOf(previous.urn)} is deleted: ${ip} stops answering on ${listenerKey(previous)}${ingresses}`,
      });
    }
  }

  for (const resource of head.resources) {
    const op = ops.get(resource.urn);
    const previous = pairs.get(resource.urn);
    if (URL_MAP.includes(resource.type) && op === "replace") {
      risks.push({
        kind: "url-map-replaced",
        urn: resource.urn,
        message: `${nameOf(resource.urn)} is recreated: its proxy switches to the new one, and requests follow the new map from then on (a failed apply in between leaves the old routing)`,
      });
    }
    if (BACKEND_SERVICE.includes(resource.type) && op === "replace") {
      risks.push({
        kind: "backend-replaced",
        urn: resource.urn,
        message: `${nameOf(resource.urn)} is recreated: the new backend service has no healthy backend until its health checks pass, and its requests get 502s meanwhile`,
      });
    }
    if (BACKEND_SERVICE.includes(resource.type) && op === "update" && previous) {
      const [from, to] = [endpointKind(previous.inputs), endpointKind(headInputs(resource))];
      if (from !== undefined && to !== undefined && from !== to) {
        risks.push({
          kind: "backends-swapped",
          urn: resource.urn,
          message: `${nameOf(resource.urn)} moves from ${from} to ${to} in one update: the new backends take requests only once they pass its health check, and requests may fail until then`,
        });
      }
    }
    if (
      BACKEND_SERVICE.includes(resource.type) &&
      previous &&
      previous.inputs.loadBalancingScheme !== resource.inputs.loadBalancingScheme
    ) {
      risks.push(schemeRisk(resource, previous));
    }
  }
  // New Google-managed certificates on a proxy that already serves.
  for (const proxy of head.resources) {
    if (!HTTPS_PROXY.includes(proxy.type) || !pairs.has(proxy.urn)) continue;
    for (const urn of proxy.dependencies) {
      const certificate = headByUrn.get(urn);
      const op = ops.get(urn);
      if (
        !certificate ||
        !MANAGED_CERTIFICATE.includes(certificate.type) ||
        (op !== "create" && op !== "replace")
      )
        continue;
      const domains = (
        (certificate.inputs.managed as { domains?: string[] } | undefined)?.domains ?? []
      ).join(", ");
      risks.push({
        kind: "managed-certificate-provisioning",
        urn,
        message: `${nameOf(urn)} (${domains}) is a new Google-managed certificate on a serving proxy: it provisions only once DNS points at the address (often 15-60 minutes), and until it is ACTIVE HTTPS fails for the domains no other certificate of the proxy covers; keep the old certificate attached until then (a second ManagedCertificate, removed later)`,
      });
    }
  }
  risks.push(...readObjectsDeleted(base, head, headOf));
  return mergeSchemeChanges(uniqueRisks(risks));
}

/**
 * A Kubernetes object the stack created that the change now reads from the cluster instead (its
 * manifest left the files, or it became `existing`): the same update deletes it, so the read finds it
 * only until then, and the next deployment fails. `pulumi state delete` first leaves it to its new owner.
 */
function readObjectsDeleted(base: Plan, head: Plan, headOf: ReadonlyMap<string, string>): ServingRisk[] {
  const reads = new Set(
    head.resources.filter((r) => r.read && r.type.startsWith("kubernetes:")).map((r) => `${r.type} ${r.id}`),
  );
  const risks: ServingRisk[] = [];
  for (const previous of base.resources) {
    if (previous.read || !previous.type.startsWith("kubernetes:") || headOf.has(previous.urn)) continue;
    const metadata = previous.inputs.metadata as { name?: unknown; namespace?: unknown } | undefined;
    const id = `${typeof metadata?.namespace === "string" ? metadata.namespace : "default"}/${String(metadata?.name)}`;
    if (!reads.has(`${previous.type} ${id}`)) continue;
    const kind = previous.type.slice(previous.type.lastIndexOf(":") + 1);
    risks.push({
      kind: "read-object-deleted",
      urn: previous.urn,
      message: `${kind} ${id} is now read from the cluster, but the stack created it and this update deletes it from the cluster${kind === "Service" ? " (its nodePorts stop serving at once)" : ""}, after which no deployment can read it. Hand it over first with \`pulumi state delete\` of ${nameOf(previous.urn)} (the object stays in the cluster)`,
    });
  }
  return risks;
}

/** A certificate shared by two proxies is one callout. */
function uniqueRisks(risks: ServingRisk[]): ServingRisk[] {
  const seen = new Set<string>();
  return risks.filter((risk) => {
    const key = `${risk.kind} ${risk.urn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The IP placeholder of every address of a plan, by URN. */
function placeholderIps(plan: Plan): Map<string, string> {
  const ips = new Map<string, string>();
  for (const placeholder of plan.placeholders ?? []) {
    if (placeholder.property === "address" && typeof placeholder.value === "string") {
      ips.set(placeholder.urn, placeholder.value);
    }
  }
  return ips;
}

/** The address a listener serves on: the GlobalAddress among its dependencies. */
function addressOf(
  rule: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
): PlannedResource | undefined {
  return rule.dependencies
    .map((urn) => byUrn.get(urn))
    .find((r) => r !== undefined && ADDRESS.includes(r.type));
}

/** The IP of the address a listener serves on, or its own input. */
function addressIpOf(
  rule: PlannedResource,
  byUrn: ReadonlyMap<string, PlannedResource>,
  ips: ReadonlyMap<string, string>,
): string | undefined {
  const address = addressOf(rule, byUrn);
  const ip = address ? ips.get(address.urn) : undefined;
  return ip ?? (typeof rule.inputs.ipAddress === "string" ? rule.inputs.ipAddress : undefined);
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

/** Whether a backend service's backends are instance groups or network endpoint groups (all of one kind). */
function endpointKind(inputs: Record<string, unknown>): string | undefined {
  const groups = (Array.isArray(inputs.backends) ? inputs.backends : []).map((b) =>
    String((b as { group?: unknown } | null)?.group ?? ""),
  );
  if (groups.length === 0) return undefined;
  if (groups.every((g) => g.includes("/instanceGroups/"))) return "instance groups";
  if (groups.every((g) => g.includes("/networkEndpointGroups/"))) return "network endpoint groups";
  return undefined;
}
