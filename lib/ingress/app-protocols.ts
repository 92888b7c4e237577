import { InputError } from "../errors";
import { quote } from "../quote";
import { didYouMean } from "../suggest";
import { ServiceInfo } from "./types";

/** The protocols a GCP backend service speaks to its backends, as GKE's annotation names them. */
export const BACKEND_PROTOCOLS = ["HTTP", "HTTPS", "HTTP2"] as const;
export type BackendProtocol = (typeof BACKEND_PROTOCOLS)[number];

/** GKE's annotation, and the older name it still reads. */
export const APP_PROTOCOLS_ANNOTATIONS = [
  "cloud.google.com/app-protocols",
  "service.alpha.kubernetes.io/app-protocols",
] as const;

/**
 * The protocol of each Service port named in the `app-protocols` annotation (`{"PORT_NAME": "HTTPS"}`),
 * by port name, as GKE reads it: the current key first, then the alpha one. gRPC is served over HTTP2.
 */
export function readAppProtocols(service: ServiceInfo): Map<string, BackendProtocol> {
  // Read once per Service, however many of its ports and load balancers ask.
  const known = parsed.get(service);
  if (known) return known;
  const protocols = parseAppProtocols(service);
  parsed.set(service, protocols);
  return protocols;
}

const parsed = new WeakMap<ServiceInfo, Map<string, BackendProtocol>>();

function parseAppProtocols(service: ServiceInfo): Map<string, BackendProtocol> {
  const protocols = new Map<string, BackendProtocol>();
  const key = APP_PROTOCOLS_ANNOTATIONS.find((name) => service.annotations[name] !== undefined);
  if (key === undefined) return protocols;
  const origin = { ...service.origin, field: `metadata.annotations["${key}"]` };
  const shape = 'expected {"PORT_NAME": "HTTP" | "HTTPS" | "HTTP2"}';
  let value: unknown;
  try {
    value = JSON.parse(service.annotations[key]);
  } catch {
    throw new InputError("is not JSON", origin, shape);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InputError("must be a JSON object of port names", origin, shape);
  }
  const names = service.ports.flatMap((p) => (p.name ? [p.name] : []));
  for (const [portName, protocol] of Object.entries(value as Record<string, unknown>)) {
    if (!names.includes(portName)) {
      throw new InputError(
        `names port ${quote(portName)}, which the Service does not have (ports are named here, not numbered)`,
        origin,
        didYouMean(portName, names) ?? `its named ports: ${names.join(", ") || "none"}`,
      );
    }
    const known = BACKEND_PROTOCOLS.find((p) => p === protocol);
    if (!known) {
      const hint =
        typeof protocol === "string" && protocol.toUpperCase() === "GRPC"
          ? "gRPC is served over HTTP2: write HTTP2"
          : `one of ${BACKEND_PROTOCOLS.join(", ")}`;
      throw new InputError(
        `gives port ${quote(portName)} the protocol ${quote(String(protocol))}`,
        origin,
        hint,
      );
    }
    protocols.set(portName, known);
  }
  return protocols;
}
