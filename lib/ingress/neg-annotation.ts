import { quote } from "../quote";
import { didYouMean } from "../suggest";
import { nearestResourceName, resourceNameProblem } from "../translate/gcp-identifiers";
import { NegAnnotation, ServicePortInfo } from "./types";

/** GKE's annotation asking its NEG controller for network endpoint groups. */
export const NEG_ANNOTATION = "cloud.google.com/neg";
/** The annotation the NEG controller writes back once the NEGs exist: `{"network_endpoint_groups": {...}, "zones": [...]}`. */
export const NEG_STATUS_ANNOTATION = "cloud.google.com/neg-status";

const SHAPE = 'expected {"ingress": true} or {"exposed_ports": {"PORT": {"name": "NEG_NAME"}}}';

/**
 * Reads a Service's `cloud.google.com/neg` annotation as ingress-gce reads it (unknown keys are kept and
 * ignored, as GKE's JSON decoding does), and checks what GKE would refuse later: exposed ports the
 * Service does not have, NEG names GCP refuses, one name for two ports. `fail` points at the annotation.
 */
export function readNegAnnotation(
  value: string | undefined,
  ports: readonly ServicePortInfo[],
  fail: (problem: string, hint?: string) => never,
): NegAnnotation | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return fail(`is not JSON: ${quote(value)}`, SHAPE);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fail("must be a JSON object", SHAPE);
  }
  const written = parsed as Record<string, unknown>;
  const ingress = written.ingress ?? false;
  if (typeof ingress !== "boolean")
    return fail(`"ingress" must be true or false, found ${quote(String(ingress))}`);
  const exposed = written.exposed_ports ?? {};
  if (exposed === null || typeof exposed !== "object" || Array.isArray(exposed)) {
    return fail('"exposed_ports" must be an object keyed by Service port number', SHAPE);
  }
  const numbers = ports.map((p) => String(p.port));
  const exposedPorts = new Map<number, { name?: string }>();
  const names = new Map<string, string>();
  for (const [key, attributes] of Object.entries(exposed as Record<string, unknown>)) {
    if (!numbers.includes(key)) {
      return fail(
        `"exposed_ports" names port ${quote(key)}, which the Service does not have (ports are numbered here)`,
        didYouMean(key, numbers) ?? `its ports: ${numbers.join(", ")}`,
      );
    }
    if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes)) {
      return fail(`"exposed_ports" port ${key} must be an object, e.g. {} or {"name": "NEG_NAME"}`);
    }
    const name = (attributes as Record<string, unknown>).name;
    if (name !== undefined && typeof name !== "string") {
      return fail(`the NEG name of port ${key} must be a string`);
    }
    if (name !== undefined && name !== "") {
      const problem = resourceNameProblem(name);
      if (problem) {
        const nearest = nearestResourceName(name);
        return fail(
          `the NEG name ${quote(name)} of port ${key} is not a valid GCP name: ${problem}`,
          nearest && `did you mean ${quote(nearest)}?`,
        );
      }
      const other = names.get(name);
      if (other !== undefined)
        return fail(`ports ${other} and ${key} ask for the same NEG name ${quote(name)}`);
      names.set(name, key);
    }
    exposedPorts.set(Number(key), name ? { name } : {});
  }
  return { ingress, exposedPorts, written };
}

/** What the NEG controller reports for one Service port: the NEG's name and the zones it exists in. */
export interface NegStatusPort {
  name: string;
  zones: string[];
}

/**
 * Reads the NEG controller's `cloud.google.com/neg-status` of a Service (`{"network_endpoint_groups":
 * {"80": "k8s1-..."}, "zones": ["us-central1-a"]}`, keyed by Service port) for one port. Used for Services
 * another tool owns: their NEGs are whatever the cluster made. Throws at deploy time, naming the Service,
 * when the status is absent or says nothing of the port (the NEG controller has not served it).
 */
export function readNegStatus(value: string | undefined, service: string, port: number): NegStatusPort {
  const problem = (what: string) =>
    new Error(
      `Service ${service} (read from the cluster) ${what}: its NEGs are unknown; add {"ingress": true} to its ${NEG_ANNOTATION} annotation in the cluster, or let IngressManifests create the Service`,
    );
  if (value === undefined) throw problem(`has no ${NEG_STATUS_ANNOTATION} annotation`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw problem(`has a ${NEG_STATUS_ANNOTATION} annotation that is not JSON`);
  }
  const status = (parsed ?? {}) as { network_endpoint_groups?: unknown; zones?: unknown };
  const groups = (status.network_endpoint_groups ?? {}) as Record<string, unknown>;
  const name = groups[String(port)];
  const zones = Array.isArray(status.zones) ? status.zones.filter((z) => typeof z === "string") : [];
  if (typeof name !== "string" || name === "")
    throw problem(`has no NEG for port ${port} in ${NEG_STATUS_ANNOTATION}`);
  if (zones.length === 0) throw problem(`lists no zone in ${NEG_STATUS_ANNOTATION}`);
  return { name, zones };
}
