import { Origin } from "../errors";
import { GOOGLE_FRONT_END_RANGES } from "./google-ranges";
import { BackendModel, Warning } from "./model";

/**
 * Warns about each fixed health check port (BackendConfig `healthCheck.port`) that no backend serves:
 * the firewall rule opens it on the nodes to Google's front-end ranges, which a port like 22 (SSH) should
 * not be without the user knowing. `origins` says where each backend's port was set, by backend key.
 */
export function healthCheckPortWarnings(
  backends: readonly BackendModel[],
  origins: ReadonlyMap<string, Origin>,
): Warning[] {
  // A NEG backend is served on the Pods' targetPort, an instance-group one on its nodePort.
  const serving = new Set(
    backends.map((b) => (b.neg ? b.neg.targetPort : b.nodePort)).filter((p): p is number => p !== undefined),
  );
  const ranges = GOOGLE_FRONT_END_RANGES.ipv4.join(", ");
  const warnings: Warning[] = [];
  for (const backend of backends) {
    const port = backend.healthCheck.port;
    if (port === undefined || serving.has(port)) continue;
    const origin = origins.get(backend.key);
    warnings.push({
      code: "health-check-port-opened",
      message: `Service ${backend.namespace}/${backend.service} port ${backend.servicePort}: the health check probes port ${port}, which no backend serves; the firewall rule opens tcp:${port} on the nodes to Google's ranges (${ranges})`,
      ...(origin ? { origin } : {}),
    });
  }
  return warnings;
}
