import { InputError, Origin } from "../errors";
import {
  backendConfigFieldOrigin,
  backendConfigNameFor,
  BackendConfigInfo,
  findBackendConfig,
  readBackendConfigRefs,
} from "../ingress/backend-config";
import { FieldPath, formatFieldPath } from "../ingress/kube-object";
import { BackendProtocol, readAppProtocols } from "../ingress/app-protocols";
import { PodTemplateInfo } from "../ingress/pod-template";
import { ServiceInfo, ServicePortInfo } from "../ingress/types";
import { didYouMean } from "../suggest";
import {
  BackendOptions,
  checkBackendOptions,
  checkSchemeSupport,
  mergeBackendOptions,
  OptionFail,
} from "./backend-options";
import { findReadinessProbe, resolveHealthCheck } from "./health-check";
import { HealthCheckModel, LoadBalancingScheme, Warning } from "./model";

export interface BackendSettingsInput {
  service: ServiceInfo;
  port: ServicePortInfo;
  /** Backend key, `namespace/service:port`. */
  key: string;
  scheme: LoadBalancingScheme;
  /** Health check defaults (with the load balancer-wide settings over them). */
  base: HealthCheckModel;
  /** Workloads whose readiness probes may give the health check. */
  workloads?: readonly PodTemplateInfo[];
  /** BackendConfigs the Service's annotation may name. */
  backendConfigs?: readonly BackendConfigInfo[];
  /** Typed options for this backend, over the BackendConfig's. */
  override?: BackendOptions;
}

export interface BackendSettings {
  options: BackendOptions;
  healthCheck: HealthCheckModel;
  /** What the backend service speaks to the Pods (`app-protocols`); HTTP when absent. */
  protocol?: BackendProtocol;
  /** Where a fixed health check port was set (the BackendConfig's field, or `backendOptions`). */
  healthCheckPortOrigin?: Origin;
}

/**
 * Everything a backend service takes beyond its routing: its BackendConfig (from the Service annotation)
 * with the typed options over it, checked against GCP's rules and the scheme, and its health check by
 * GKE's rules. Errors name the Service port and the field, in the BackendConfig or in `backendOptions`.
 */
export function backendSettings(input: BackendSettingsInput, warnings: Warning[]): BackendSettings {
  const { service, port, key, override } = input;
  const subject = `Service ${service.namespace}/${service.name} port ${port.port}`;
  const refs = readBackendConfigRefs(service);
  const configName = refs ? backendConfigNameFor(refs, port) : undefined;
  const config =
    refs && configName !== undefined
      ? findBackendConfig(configName, service, refs, input.backendConfigs ?? [])
      : undefined;

  const overrideFail: OptionFail = (path, problem, hint) => {
    throw new InputError(
      `${problem} (${subject})`,
      { field: formatFieldPath(["backendOptions", key, ...path]) },
      hint,
    );
  };
  const configFail: OptionFail = (path, problem, hint) => {
    if (!config) return overrideFail(path, problem, hint);
    throw new InputError(
      `${problem} (BackendConfig "${config.name}" of ${subject})`,
      backendConfigFieldOrigin(config, path),
      hint,
    );
  };
  // Typed options replace whole top-level options, so the first segment says where a value came from;
  // a clash between the two sources is blamed on the typed option, given last.
  const fromOverride = (path: FieldPath) => override?.[path[0] as keyof BackendOptions] !== undefined;
  const fail: OptionFail = (path, problem, hint, related) => {
    if (fromOverride(path)) return overrideFail(path, problem, hint);
    if (related && fromOverride(related)) return overrideFail(related, problem, hint);
    return configFail(path, problem, hint);
  };

  const options = mergeBackendOptions(config?.options ?? {}, override);
  checkBackendOptions(options, fail);
  checkSchemeSupport(options, input.scheme, subject, fail);
  const affinity = options.sessionAffinity;
  if (
    affinity?.affinityCookieTtlSec !== undefined &&
    affinity.affinityType !== "GENERATED_COOKIE" &&
    affinity.affinityType !== "STRONG_COOKIE_AFFINITY"
  ) {
    warnings.push({
      code: "affinity-cookie-ttl-unused",
      message: `${subject}: affinityCookieTtlSec has no effect with session affinity ${affinity.affinityType}`,
    });
  }

  // The backend's protocol (the Service's `app-protocols`) decides which probe scheme GKE reads.
  const protocol = port.name !== undefined ? readAppProtocols(service).get(port.name) : undefined;
  const probe = findReadinessProbe(service, port, input.workloads ?? [], protocol);
  if (probe.kind === "unusable") {
    warnings.push({
      code: "readiness-probe-unused",
      message: `${subject}: the readiness probe of ${probe.source} does not give the health check (${probe.reason}); it uses the defaults`,
      origin: probe.origin,
    });
  }
  const resolved = resolveHealthCheck(input.base, probe, options.healthCheck, fail);
  if (resolved.intervalRaisedFrom !== undefined) {
    warnings.push({
      code: "health-check-interval-raised",
      message: `${subject}: the readiness probe's timeout ${resolved.healthCheck.timeoutSec} s is above the ${resolved.intervalRaisedFrom} s check interval; the interval is raised to match, as GCP needs`,
      ...(probe.kind === "found" ? { origin: probe.origin } : {}),
    });
  }
  const portPath: FieldPath = ["healthCheck", "port"];
  const portOrigin: Origin | undefined =
    options.healthCheck?.port === undefined
      ? undefined
      : fromOverride(portPath) || !config
        ? { field: formatFieldPath(["backendOptions", key, ...portPath]) }
        : backendConfigFieldOrigin(config, portPath);
  // The health check speaks what the backend speaks (GKE's rule), unless a BackendConfig says otherwise.
  const healthCheck =
    protocol !== undefined && protocol !== "HTTP" && resolved.healthCheck.type === undefined
      ? { ...resolved.healthCheck, type: protocol }
      : resolved.healthCheck;
  return {
    options,
    healthCheck,
    ...(protocol !== undefined && protocol !== "HTTP" ? { protocol } : {}),
    ...(portOrigin ? { healthCheckPortOrigin: portOrigin } : {}),
  };
}

/**
 * Refuses a `backendOptions` key that names no Service port (a typo would silently leave a backend
 * unconfigured). Keys are `namespace/service:port`, port being the Service port number.
 */
export function checkBackendOptionKeys(
  backendOptions: Record<string, BackendOptions> | undefined,
  services: readonly ServiceInfo[],
): void {
  if (!backendOptions) return;
  const keys = services.flatMap((s) => s.ports.map((p) => `${s.namespace}/${s.name}:${p.port}`));
  for (const key of Object.keys(backendOptions)) {
    if (keys.includes(key)) continue;
    throw new InputError(
      `backend "${key}" matches no Service port`,
      { field: formatFieldPath(["backendOptions", key]) },
      didYouMean(key, keys) ?? "keys are namespace/service:port, with the Service port number",
    );
  }
}
