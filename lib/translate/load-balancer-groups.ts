import { InputError } from "../errors";
import { readIngressAnnotations } from "../ingress/annotations";
import { NormalizedIngress, ServiceInfo } from "../ingress/types";
import { LoadBalancerModel } from "./model";
import { defaultBackendServiceName } from "./default-backend";
import { LOGICAL_NAME_MAX, gcpName, sanitize } from "./names";

/** Ingresses that become one load balancer, and the names that identify it. */
export interface LoadBalancerGroup {
  /**
   * Logical name of the IngressLoadBalancer: the component's name with the static IP's name, or with the
   * Ingress's namespace and name. Nothing else (other manifests, their order) changes it.
   */
  name: string;
  /** The static IP's name, or the Ingress's own name: its built-in 404 backend's Service is named after it. */
  shortName: string;
  /** The name ingress-glb 0.1.0 gave the same load balancer; its resources are aliased to it. */
  legacyName: string;
  /** A regional class's load balancer (0.1.0 made none: it has no legacy name). */
  regional?: boolean;
  /** Sorted by namespace and name. */
  ingresses: NormalizedIngress[];
}

const byIdentity = (a: NormalizedIngress, b: NormalizedIngress) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** A valid logical name for these parts; hashed when making them valid lost something (`a.b` vs `a-b`). */
function identityName(parts: string[]): string {
  const lossy = parts.some((part) => sanitize(part) !== part);
  return gcpName(parts, LOGICAL_NAME_MAX, lossy);
}

/**
 * Groups Ingresses into load balancers: every Ingress naming a global static IP joins the group of that
 * address, named after it from the first Ingress on (so a second team joining renames nothing); each
 * other Ingress gets its own, named after its namespace and name. A regional class's Ingresses group by
 * their regional static IP alike, never with another class's. `component` is the IngressManifests
 * component's name, which scopes every name so that two components coexist in one program.
 */
export function groupIngresses(
  component: string,
  ingresses: readonly NormalizedIngress[],
  /** Names of every Ingress of the manifests, other classes included, as 0.1.0 counted them. */
  allIngressNames: readonly string[] = ingresses.map((ing) => ing.name),
): LoadBalancerGroup[] {
  const byAddress = new Map<string, LoadBalancerGroup>();
  const groups: LoadBalancerGroup[] = [];
  for (const ing of [...ingresses].sort(byIdentity)) {
    const values = readIngressAnnotations(ing);
    const address = values.regionalClass ? values.regionalStaticIpName : values.staticIpName;
    const addressKey = address !== undefined ? `${values.regionalClass ?? "gce"}/${address}` : undefined;
    const shared = addressKey !== undefined ? byAddress.get(addressKey) : undefined;
    if (shared) {
      shared.ingresses.push(ing);
      continue;
    }
    const group: LoadBalancerGroup =
      address !== undefined
        ? { name: identityName([component, address]), shortName: address, legacyName: "", ingresses: [ing] }
        : {
            name: identityName([component, ing.namespace, ing.name]),
            shortName: ing.name,
            legacyName: "",
            ingresses: [ing],
          };
    if (values.regionalClass) group.regional = true;
    groups.push(group);
    if (addressKey !== undefined) byAddress.set(addressKey, group);
  }
  const legacy = legacyNames(allIngressNames);
  for (const group of groups) group.legacyName = group.regional ? group.name : legacy(group);
  checkDistinctNames(groups);
  return groups;
}

/**
 * 0.1.0's names: a shared address's name for two Ingresses or more, otherwise the Ingress's name, or
 * `namespace-name` when another Ingress had the same name.
 */
function legacyNames(allIngressNames: readonly string[]): (group: LoadBalancerGroup) => string {
  const count = new Map<string, number>();
  for (const name of allIngressNames) count.set(name, (count.get(name) ?? 0) + 1);
  return (group) => {
    if (group.ingresses.length > 1) return group.shortName;
    const ing = group.ingresses[0];
    return (count.get(ing.name) ?? 0) > 1 ? `${ing.namespace}-${ing.name}` : ing.name;
  };
}

/** Two identities that end in one name (`a-b` + `c` and `a` + `b-c`) would share resources: refused. */
function checkDistinctNames(groups: LoadBalancerGroup[]): void {
  const seen = new Map<string, LoadBalancerGroup>();
  for (const group of groups) {
    const other = seen.get(group.name);
    if (other) {
      const ing = group.ingresses[0];
      throw new InputError(
        `Ingress ${ing.namespace}/${ing.name} and Ingress ${other.ingresses[0].namespace}/${other.ingresses[0].name} would both be load balancer "${group.name}"`,
        ing.origin,
        "rename one of them (or its static IP)",
      );
    }
    seen.set(group.name, group);
  }
}

/** Name of the built-in 404 backend's Service of a group: the static IP's or the Ingress's name. */
export function builtinServiceName(group: LoadBalancerGroup): string {
  return defaultBackendServiceName(group.shortName);
}

/**
 * The built-in 404 backends' Services are named after their load balancer's static IP or Ingress: one
 * of them, or a manifest's Service, may already hold that name in that namespace. Refused, naming both.
 */
export function checkBuiltinBackendNames(
  models: readonly LoadBalancerModel[],
  services: readonly ServiceInfo[],
): void {
  const taken = new Map<string, string>();
  for (const service of services)
    taken.set(`${service.namespace}/${service.name}`, `Service ${service.namespace}/${service.name}`);
  for (const model of models) {
    for (const backend of model.backends.filter((b) => b.builtinDefault)) {
      const id = `${backend.namespace}/${backend.service}`;
      const holder = taken.get(id);
      const owner = `the built-in 404 backend of load balancer ${model.label} (${model.ingresses.join(", ")})`;
      if (holder) {
        throw new InputError(
          `${owner} would be Service ${id}, which is already ${holder}`,
          {},
          "give one of the Ingresses a spec.defaultBackend, or rename the Service",
        );
      }
      taken.set(id, owner);
    }
  }
}
