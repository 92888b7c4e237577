import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { NegStatusPort } from "../ingress/neg-annotation";
import { InputError } from "../errors";
import * as k8s from "@pulumi/kubernetes";
import { IapClientSources, oauthClientFromClusterData } from "../ingress/iap-client-sources";
import { BackendOptions } from "../translate/backend-options";
import { accessLogging, cdnWithGkeDefaults } from "../translate/gke-backend-defaults";
import { BackendModel, HealthCheckModel, LoadBalancerModel, NameOrArg } from "../translate/model";
import { ArgOutputs } from "./arg-outputs";

/**
 * Typed options of one backend as the components take them: BackendOptions, with the Cloud Armor policy
 * named by an output of another resource too (a plain name is checked before anything is registered).
 */
export interface BackendOptionsArgs extends Omit<BackendOptions, "securityPolicy"> {
  /** Cloud Armor: the name of an existing security policy; an output is checked by GCP at deploy time. */
  securityPolicy?: { name: pulumi.Input<string> };
}

/** `backendOptions` for the translation: security policy names given as outputs become references. */
export function backendOptionsInput(
  options: Record<string, BackendOptionsArgs> | undefined,
  outputs: ArgOutputs,
): Record<string, BackendOptions> | undefined {
  if (options === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(options).map(([key, option]) => {
      const { securityPolicy, ...rest } = option;
      if (securityPolicy === undefined) return [key, rest];
      const field = `backendOptions[${JSON.stringify(key)}].securityPolicy.name`;
      return [key, { ...rest, securityPolicy: { name: outputs.name(securityPolicy.name, field) } }];
    }),
  );
}

/** An IAP OAuth client. Both values are wrapped in `pulumi.secret` before they reach a resource. */
export interface IapCredentials {
  /** OAuth2 client ID. */
  clientId: pulumi.Input<string>;
  /** OAuth2 client secret. */
  clientSecret: pulumi.Input<string>;
}

/** Key of `iapCredentials`: the Secret a BackendConfig names, in the backend's namespace. */
export function iapCredentialsKey(namespace: string, secretName: string): string {
  return `${namespace}/${secretName}`;
}

/** The OAuth client each IAP backend of the model needs; a missing one is an error before anything is registered. */
export function checkIapCredentials(
  model: LoadBalancerModel,
  credentials: Record<string, IapCredentials>,
  fromCluster: readonly string[] = [],
): void {
  for (const backend of model.backends) {
    const secretName = backend.options?.iap?.oauthclientCredentials?.secretName;
    if (!backend.options?.iap?.enabled || secretName === undefined) continue;
    const key = iapCredentialsKey(backend.namespace, secretName);
    if (!credentials[key] && !fromCluster.includes(key)) {
      throw new InputError(
        `backend ${backend.key} enables IAP with the OAuth client of Secret "${key}", which was not given`,
        { field: `iapCredentials["${key}"]` },
        "pass iapCredentials, include the Secret among the manifests, or list it in clusterIapSecrets to read it from the cluster",
      );
    }
  }
}

/**
 * The HealthCheck inputs of a backend: the probe block for its type (HTTP, HTTPS or HTTP2) on the fixed
 * port, or else the backend's nodePort (instance groups) or each endpoint's own port (NEGs, GKE's
 * `USE_SERVING_PORT`).
 */
export function healthCheckArgs(
  backend: BackendModel,
  nodePort?: pulumi.Input<number>,
): Omit<gcp.compute.HealthCheckArgs, "project"> {
  const hc: HealthCheckModel = backend.healthCheck;
  const target =
    hc.port !== undefined || !backend.neg
      ? { port: hc.port ?? nodePort }
      : { portSpecification: "USE_SERVING_PORT" };
  const probe = { ...target, requestPath: hc.requestPath, host: hc.host };
  const type = hc.type ?? "HTTP";
  const where =
    hc.port !== undefined ? `port ${hc.port}` : backend.neg ? "the serving port of its Pods" : "its NodePort";
  return {
    description: `Health of ${backend.key} on ${where}`,
    checkIntervalSec: hc.checkIntervalSec,
    timeoutSec: hc.timeoutSec,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
    ...(type === "HTTP"
      ? { httpHealthCheck: probe }
      : type === "HTTPS"
        ? { httpsHealthCheck: probe }
        : { http2HealthCheck: probe }),
  };
}

/** Default backend service timeout, as GCP and GKE have it. */
const DEFAULT_TIMEOUT_SEC = 30;

/**
 * The BackendService inputs a backend's options set (timeouts, affinity, CDN, IAP, Cloud Armor, headers,
 * logging, locality policy, outlier detection), with GKE's defaults for logging and CDN. The IAP client is wrapped in `pulumi.secret`, so it never
 * shows in clear in state, previews or plans.
 */
export function backendServiceOptionArgs(
  options: BackendOptions,
  iap: IapCredentials | undefined,
  resolve: (name: NameOrArg) => pulumi.Input<string>,
): Partial<gcp.compute.BackendServiceArgs> {
  const args: Partial<gcp.compute.BackendServiceArgs> = {
    timeoutSec: options.timeoutSec ?? DEFAULT_TIMEOUT_SEC,
  };
  if (options.connectionDraining)
    args.connectionDrainingTimeoutSec = options.connectionDraining.drainingTimeoutSec;
  const affinity = options.sessionAffinity;
  if (affinity) {
    args.sessionAffinity = affinity.affinityType;
    if (affinity.affinityType === "STRONG_COOKIE_AFFINITY") {
      args.strongSessionAffinityCookie = {
        name: affinity.cookieName,
        ...(affinity.affinityCookieTtlSec !== undefined
          ? { ttl: { seconds: affinity.affinityCookieTtlSec } }
          : {}),
      };
    } else if (affinity.affinityCookieTtlSec !== undefined) {
      args.affinityCookieTtlSec = affinity.affinityCookieTtlSec;
    }
  }
  if (options.cdn) {
    const cdn = cdnWithGkeDefaults(options.cdn);
    args.enableCdn = cdn.enabled;
    if (cdn.enabled) args.cdnPolicy = cdnPolicyArgs(cdn);
  }
  if (options.iap) {
    args.iap = {
      enabled: options.iap.enabled,
      ...(iap
        ? { oauth2ClientId: pulumi.secret(iap.clientId), oauth2ClientSecret: pulumi.secret(iap.clientSecret) }
        : {}),
    };
  }
  if (options.securityPolicy) args.securityPolicy = resolve(options.securityPolicy.name);
  if (options.customRequestHeaders) args.customRequestHeaders = options.customRequestHeaders.headers;
  if (options.customResponseHeaders) args.customResponseHeaders = options.customResponseHeaders.headers;
  const logging = accessLogging(options.logging);
  args.logConfig = {
    enable: logging.enable,
    ...(logging.sampleRate !== undefined ? { sampleRate: logging.sampleRate } : {}),
  };
  if (options.localityLbPolicy) args.localityLbPolicy = options.localityLbPolicy;
  const outlier = options.outlierDetection;
  if (outlier) {
    args.outlierDetection = {
      ...(outlier.consecutiveErrors !== undefined ? { consecutiveErrors: outlier.consecutiveErrors } : {}),
      ...(outlier.intervalSec !== undefined ? { interval: { seconds: outlier.intervalSec } } : {}),
      ...(outlier.baseEjectionTimeSec !== undefined
        ? { baseEjectionTime: { seconds: outlier.baseEjectionTimeSec } }
        : {}),
      ...(outlier.maxEjectionPercent !== undefined ? { maxEjectionPercent: outlier.maxEjectionPercent } : {}),
    };
  }
  return args;
}

/**
 * Resource options of a backend service: GKE's default logging is written when the backend service is
 * created and never changed afterwards (Pulumi keeps the stored value), so an existing stack is not updated.
 */
export function backendServiceResourceOptions(options: BackendOptions): pulumi.CustomResourceOptions {
  return accessLogging(options.logging).onCreateOnly ? { ignoreChanges: ["logConfig"] } : {};
}

function cdnPolicyArgs(
  cdn: NonNullable<BackendOptions["cdn"]>,
): gcp.types.input.compute.BackendServiceCdnPolicy {
  const policy = cdn.cachePolicy;
  return {
    ...(cdn.cacheMode !== undefined ? { cacheMode: cdn.cacheMode } : {}),
    ...(cdn.defaultTtl !== undefined ? { defaultTtl: cdn.defaultTtl } : {}),
    ...(cdn.maxTtl !== undefined ? { maxTtl: cdn.maxTtl } : {}),
    ...(cdn.clientTtl !== undefined ? { clientTtl: cdn.clientTtl } : {}),
    ...(cdn.negativeCaching !== undefined ? { negativeCaching: cdn.negativeCaching } : {}),
    ...(cdn.negativeCachingPolicy
      ? { negativeCachingPolicies: cdn.negativeCachingPolicy.map((p) => ({ code: p.code, ttl: p.ttl })) }
      : {}),
    ...(cdn.requestCoalescing !== undefined ? { requestCoalescing: cdn.requestCoalescing } : {}),
    ...(cdn.serveWhileStale !== undefined ? { serveWhileStale: cdn.serveWhileStale } : {}),
    ...(cdn.signedUrlCacheMaxAgeSec !== undefined
      ? { signedUrlCacheMaxAgeSec: cdn.signedUrlCacheMaxAgeSec }
      : {}),
    ...(cdn.bypassCacheOnRequestHeaders
      ? { bypassCacheOnRequestHeaders: cdn.bypassCacheOnRequestHeaders }
      : {}),
    ...(policy
      ? {
          cacheKeyPolicy: {
            ...(policy.includeHost !== undefined ? { includeHost: policy.includeHost } : {}),
            ...(policy.includeProtocol !== undefined ? { includeProtocol: policy.includeProtocol } : {}),
            ...(policy.includeQueryString !== undefined
              ? { includeQueryString: policy.includeQueryString }
              : {}),
            ...(policy.queryStringBlacklist ? { queryStringBlacklists: policy.queryStringBlacklist } : {}),
            ...(policy.queryStringWhitelist ? { queryStringWhitelists: policy.queryStringWhitelist } : {}),
          },
        }
      : {}),
  };
}

/** One `backends[]` entry per instance group, filled the way the options say (UTILIZATION, capacity 1 by default). */
export function backendGroupArgs(
  options: BackendOptions | undefined,
  group: pulumi.Input<string>,
): gcp.types.input.compute.BackendServiceBackend {
  const balancing = options?.balancing;
  return {
    group,
    balancingMode: balancing?.mode ?? "UTILIZATION",
    capacityScaler: balancing?.capacityScaler ?? 1,
    ...(balancing?.maxUtilization !== undefined ? { maxUtilization: balancing.maxUtilization } : {}),
    ...(balancing?.maxRatePerInstance !== undefined
      ? { maxRatePerInstance: balancing.maxRatePerInstance }
      : {}),
  };
}

/** GKE's rate for NEG backends (ingress-gce `maxRPS`): a nominal 1 request/s per endpoint, capacity 1. */
export const NEG_MAX_RATE_PER_ENDPOINT = 1;

/** Where a backend service's backends are: the nodes' instance groups, and the zones NEGs are made in. */
export interface BackendTargets {
  /** Instance group URLs of the nodes (instance-group backends). */
  instanceGroups: pulumi.Input<string>[];
  /** Zones of the cluster (NEG backends: one NEG per zone). */
  zones: pulumi.Input<pulumi.Input<string>[]>;
  /** Project of the NEGs, for their links. */
  project: pulumi.Input<string>;
  /** The NEG and zones a Service read from the cluster reports (`ServiceBackendSource.clusterNeg`). */
  clusterNeg?: pulumi.Output<NegStatusPort>;
}

/**
 * The `backends[]` of a backend's service, the one place instance groups and NEGs part ways: an entry
 * per instance group (`backendGroupArgs`), or, for a NEG backend, one per zone of the cluster on the NEG
 * of that name there, balanced RATE with GKE's max rate per endpoint. NEG links are built from project,
 * zone and name: the NEG controller makes them, so nothing is looked up.
 */
export function backendsArgs(
  backend: BackendModel,
  targets: BackendTargets,
): pulumi.Input<pulumi.Input<gcp.types.input.compute.BackendServiceBackend>[]> {
  const neg = backend.neg;
  if (!neg) return targets.instanceGroups.map((group) => backendGroupArgs(backend.options, group));
  // A Service another tool owns has the NEGs its cluster made; ours are named and zoned by the model.
  const where =
    targets.clusterNeg ?? pulumi.output(targets.zones).apply((zones) => ({ name: neg.name, zones }));
  return pulumi.all([targets.project, where]).apply(([project, { name, zones }]) =>
    [...new Set(zones)].sort().map((zone) => ({
      group: negUrl(project, zone, name),
      balancingMode: "RATE",
      maxRatePerEndpoint: NEG_MAX_RATE_PER_ENDPOINT,
      capacityScaler: 1,
    })),
  );
}

/** The self link of a zonal network endpoint group. */
export function negUrl(project: string, zone: string, name: string): string {
  return `https://www.googleapis.com/compute/v1/projects/${project}/zones/${zone}/networkEndpointGroups/${name}`;
}

/**
 * The OAuth clients of IAP backends read from the files' Secrets, wrapped in `pulumi.secret` at once;
 * clients given explicitly win. Those read from the cluster are the load balancer's `clusterIapSecrets`.
 */
export function iapCredentialsFromFiles(
  sources: IapClientSources,
  given: Record<string, IapCredentials> = {},
): Record<string, IapCredentials> {
  const found: Record<string, IapCredentials> = {};
  for (const [key, client] of Object.entries(sources.fromFiles)) {
    found[key] = {
      clientId: pulumi.secret(client.clientId),
      clientSecret: pulumi.secret(client.clientSecret),
    };
  }
  return { ...found, ...given };
}

/** The OAuth client of a Secret read from the cluster: secret outputs, decoded at deploy time. */
export function clusterIapCredentials(secret: k8s.core.v1.Secret, key: string): IapCredentials {
  const client = pulumi.secret(secret.data).apply((data) => oauthClientFromClusterData(data, key));
  return { clientId: pulumi.secret(client.clientId), clientSecret: pulumi.secret(client.clientSecret) };
}
