import { InputError } from "../errors";
import { NormalizedIngress, ServiceBackendRef, ServiceInfo, ServicePortInfo } from "../ingress/types";
import { didYouMean, missingInNamespaceHint } from "../suggest";

export interface ResolvedBackend {
  service: ServiceInfo;
  port: ServicePortInfo;
}

/**
 * Finds the Service and port an Ingress backend names, in the Ingress's own namespace (`negBackend`
 * then decides how the load balancer reaches it).
 */
export function resolveBackend(
  ref: ServiceBackendRef,
  ingress: NormalizedIngress,
  services: readonly ServiceInfo[],
): ResolvedBackend {
  const key = `${ingress.namespace}/${ref.service}`;
  // On a miss the index is rebuilt once, in case the array changed since it was built.
  const service = serviceIndex(services).get(key) ?? serviceIndex(services, true).get(key);
  if (!service) {
    const hint = missingInNamespaceHint(
      { kind: "Service", name: ref.service, namespace: ingress.namespace, user: "an Ingress" },
      services,
    );
    throw new InputError(
      `Service "${ref.service}" not found in namespace "${ingress.namespace}"`,
      ref.serviceOrigin ?? ref.origin,
      hint,
    );
  }
  const port =
    typeof ref.port === "number"
      ? service.ports.find((p) => p.port === ref.port)
      : service.ports.find((p) => p.name === ref.port);
  if (!port) {
    const known = service.ports.map((p) => (typeof ref.port === "number" ? String(p.port) : (p.name ?? "")));
    throw new InputError(
      `Service "${service.namespace}/${service.name}" has no port ${typeof ref.port === "number" ? ref.port : `named "${ref.port}"`}`,
      ref.portOrigin ?? ref.origin,
      didYouMean(String(ref.port), known.filter(Boolean)) ??
        `its ports: ${service.ports.map((p) => (p.name ? `${p.name}=${p.port}` : p.port)).join(", ")}`,
    );
  }
  return { service, port };
}

const indexes = new WeakMap<readonly ServiceInfo[], Map<string, ServiceInfo>>();

/** Services by `namespace/name`, built once per array: a scan per path would be quadratic. The first wins. */
function serviceIndex(services: readonly ServiceInfo[], rebuild = false): Map<string, ServiceInfo> {
  let index = indexes.get(services);
  if (index === undefined || rebuild) {
    index = new Map();
    for (const s of services) {
      if (!index.has(`${s.namespace}/${s.name}`)) index.set(`${s.namespace}/${s.name}`, s);
    }
    indexes.set(services, index);
  }
  return index;
}
