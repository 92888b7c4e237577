import { InputError, Origin } from "../errors";
import { quote } from "../quote";
import { ContainerInfo, PodTemplateInfo, ProbeInfo } from "../ingress/pod-template";
import { ServiceInfo, ServicePortInfo } from "../ingress/types";
import { HealthCheckOverrides, LIMITS, OptionFail } from "./backend-options";
import { HealthCheckModel } from "./model";

/** What the readiness probes behind a Service port say about its health check. */
export type ProbeLookup =
  /** A simple HTTP GET probe on the serving port: it gives the path, Host header and timeout (when written). */
  | { kind: "found"; requestPath: string; host?: string; timeoutSec?: number; source: string; origin: Origin }
  /** A probe that GKE's rules pass over, and why: the defaults apply, which the user may not expect. */
  | { kind: "unusable"; reason: string; source: string; origin: Origin }
  | { kind: "none" };

/**
 * GKE's rules for taking a health check from a readiness probe (ingress-gce `getHTTPProbe`): among the
 * workloads of the Service's namespace whose pod labels match its selector, the first container that
 * declares the Service port's targetPort (by number, or by name) and has an httpGet readiness probe on
 * that same port, with the scheme the backend speaks, no `host` and no header other than `Host`.
 * The scheme is HTTP for HTTP backends and HTTPS for HTTPS and HTTP2 ones (ingress-gce `getProbeScheme`).
 */
export function findReadinessProbe(
  service: ServiceInfo,
  port: ServicePortInfo,
  templates: readonly PodTemplateInfo[],
  protocol: "HTTP" | "HTTPS" | "HTTP2" = "HTTP",
): ProbeLookup {
  const scheme = protocol === "HTTP" ? "HTTP" : "HTTPS";
  const selector = Object.entries(service.selector ?? {});
  // A Service without selector has hand-made endpoints: no pods to read a probe from.
  if (selector.length === 0) return { kind: "none" };
  const targetPort = port.targetPort ?? port.port;
  let unusable: ProbeLookup | undefined;
  const [firstKey, firstValue] = selector[0];
  for (const template of templatesWithLabel(templates, service.namespace, firstKey, firstValue)) {
    if (!selector.every(([key, value]) => template.labels[key] === value)) continue;
    for (const container of template.containers) {
      const source = `${template.origin.object ?? template.name} container "${container.name}"`;
      const verdict = judge(container, targetPort, protocol, scheme);
      if (verdict === undefined) continue;
      const probe = container.readinessProbe as ProbeInfo;
      if (typeof verdict === "string") {
        unusable ??= { kind: "unusable", reason: verdict, source, origin: probe?.origin ?? template.origin };
        continue;
      }
      const get = verdict;
      const path = get.path ?? "";
      return {
        kind: "found",
        // GCP wants a leading "/"; GKE adds it.
        requestPath: path.startsWith("/") ? path : `/${path}`,
        ...(get.host !== undefined ? { host: get.host } : {}),
        // GKE copies the API server's default of 1 s when the manifest has none; a manifest that says
        // nothing keeps our default instead, as for every other setting.
        ...(probe.timeoutSeconds !== undefined ? { timeoutSec: probe.timeoutSeconds } : {}),
        source,
        origin: probe.origin,
      };
    }
  }
  return unusable ?? { kind: "none" };
}

const labelIndexes = new WeakMap<readonly PodTemplateInfo[], Map<string, PodTemplateInfo[]>>();

/**
 * The templates of a namespace carrying one label, in their order: an index built once per array, since
 * scanning every template for every backend is quadratic in large specs.
 */
function templatesWithLabel(
  templates: readonly PodTemplateInfo[],
  namespace: string,
  key: string,
  value: string,
): PodTemplateInfo[] {
  let index = labelIndexes.get(templates);
  if (index === undefined) {
    index = new Map();
    for (const template of templates) {
      for (const [k, v] of Object.entries(template.labels)) {
        const entry = `${template.namespace}\u0000${k}\u0000${v}`;
        const list = index.get(entry);
        if (list) list.push(template);
        else index.set(entry, [template]);
      }
    }
    labelIndexes.set(templates, index);
  }
  return index.get(`${namespace}\u0000${key}\u0000${value}`) ?? [];
}

/**
 * Whether a container's readiness probe serves the target port: the probe's path and Host, the reason
 * GKE would not use it, or undefined when the container does not serve the port.
 */
function judge(
  container: ContainerInfo,
  targetPort: number | string,
  protocol: string,
  scheme: "HTTP" | "HTTPS",
): { path?: string; host?: string } | string | undefined {
  const served = container.ports.find((p) =>
    typeof targetPort === "number" ? p.containerPort === targetPort : p.name === targetPort,
  );
  const probe = container.readinessProbe;
  const get = probe?.httpGet;
  if (!served) {
    // GKE only reads probes on declared ports; a probe on the right number but undeclared is easy to miss.
    if (typeof targetPort === "number" && get?.port === targetPort) {
      return `the probe is on port ${targetPort}, which the container does not declare in its ports (GKE only reads probes on declared ports)`;
    }
    return undefined;
  }
  if (!probe) return undefined;
  if (!get) return `it is a ${probe.otherHandler ?? "non-HTTP"} probe, not httpGet`;
  if (get.host !== undefined) return "it sets httpGet.host";
  const headers = get.httpHeaders;
  if (headers.length > 1 || (headers.length === 1 && headers[0].name !== "Host")) {
    return "it sends headers other than Host";
  }
  if ((get.scheme ?? "HTTP") !== scheme)
    return `its scheme is ${get.scheme ?? "HTTP"}, and the backend service speaks ${protocol} (GKE reads ${scheme} probes only)`;
  const onPort = typeof get.port === "number" ? get.port === served.containerPort : get.port === served.name;
  if (!onPort) {
    return `it probes port ${typeof get.port === "string" ? quote(get.port) : get.port}, not the serving port ${served.name ? `"${served.name}" (${served.containerPort})` : served.containerPort}`;
  }
  return {
    ...(get.path !== undefined ? { path: get.path } : {}),
    ...(headers.length === 1 ? { host: headers[0].value } : {}),
  };
}

/**
 * Refuses load balancer-wide health check settings (the library's `healthCheck` arg) outside GCP's
 * bounds: interval and timeout 1-300 s, thresholds 1-10, a port 1-65535, a path starting with "/".
 */
export function checkHealthCheckDefaults(settings: Partial<HealthCheckModel> | undefined): void {
  if (!settings) return;
  const bounds: [keyof HealthCheckModel, readonly [number, number]][] = [
    ["checkIntervalSec", LIMITS.healthCheckSeconds],
    ["timeoutSec", LIMITS.healthCheckSeconds],
    ["healthyThreshold", LIMITS.healthCheckThreshold],
    ["unhealthyThreshold", LIMITS.healthCheckThreshold],
    ["port", LIMITS.port],
  ];
  for (const [field, [min, max]] of bounds) {
    const value = settings[field];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw new InputError(`${String(value)} is out of range ${min}-${max}`, {
        field: `healthCheck.${field}`,
      });
    }
  }
  const { checkIntervalSec, timeoutSec, requestPath } = settings;
  if (requestPath !== undefined && !requestPath.startsWith("/")) {
    throw new InputError('must start with "/"', { field: "healthCheck.requestPath" });
  }
  if (checkIntervalSec !== undefined && timeoutSec !== undefined && timeoutSec > checkIntervalSec) {
    throw new InputError(
      `the health check timeout ${timeoutSec} s is above its interval ${checkIntervalSec} s`,
      { field: "healthCheck.timeoutSec" },
      "GCP needs timeoutSec <= checkIntervalSec",
    );
  }
}

export interface ResolvedHealthCheck {
  healthCheck: HealthCheckModel;
  /** Set when a probe's timeout exceeded the interval and the interval was raised to match (GCP needs timeout <= interval). */
  intervalRaisedFrom?: number;
}

/**
 * GKE's precedence: BackendConfig `healthCheck` fields over the readiness probe (path, Host, timeout) over
 * the defaults (`base`). A timeout above the interval is refused when a BackendConfig set either; when it
 * comes from the probe, the interval is raised to it.
 */
export function resolveHealthCheck(
  base: HealthCheckModel,
  probe: ProbeLookup,
  overrides: HealthCheckOverrides | undefined,
  fail: OptionFail,
): ResolvedHealthCheck {
  const hc: HealthCheckModel = { ...base, source: "default" };
  if (probe.kind === "found") {
    hc.requestPath = probe.requestPath;
    // GKE sets the Host from the probe, empty when the probe sends none.
    delete hc.host;
    if (probe.host !== undefined) hc.host = probe.host;
    if (probe.timeoutSec !== undefined) hc.timeoutSec = probe.timeoutSec;
    hc.source = "readiness-probe";
  }
  const [, maxSeconds] = LIMITS.healthCheckSeconds;
  if (probe.kind === "found" && overrides?.timeoutSec === undefined && hc.timeoutSec > maxSeconds) {
    // GKE copies the probe's timeout as is and GCP refuses the health check; clamping it would make a
    // check that says something else than the probe. The BackendConfig is the place to choose one.
    throw new InputError(
      `the readiness probe's timeout ${hc.timeoutSec} s would become the health check timeout, and GCP allows at most ${maxSeconds} s`,
      { ...probe.origin, field: `${probe.origin.field ?? "readinessProbe"}.timeoutSeconds` },
      `lower timeoutSeconds, or set spec.healthCheck.timeoutSec (1-${maxSeconds}) in a BackendConfig of the Service`,
    );
  }
  const given = Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined);
  if (given.length > 0) {
    Object.assign(hc, Object.fromEntries(given));
    hc.source = "backend-config";
  }
  if (hc.timeoutSec <= hc.checkIntervalSec) return { healthCheck: hc };
  if (overrides?.timeoutSec !== undefined || overrides?.checkIntervalSec !== undefined) {
    fail(
      ["healthCheck", overrides.timeoutSec !== undefined ? "timeoutSec" : "checkIntervalSec"],
      `the health check timeout ${hc.timeoutSec} s is above its interval ${hc.checkIntervalSec} s`,
      "GCP needs timeoutSec <= checkIntervalSec",
    );
  }
  const from = hc.checkIntervalSec;
  return { healthCheck: { ...hc, checkIntervalSec: hc.timeoutSec }, intervalRaisedFrom: from };
}
