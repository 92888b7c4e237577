import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../errors";
import * as k8s from "@pulumi/kubernetes";
import { IapClientSources, oauthClientFromClusterData } from "../ingress/iap-client-sources";
import { BackendOptions } from "../translate/backend-options";
import { BackendModel, HealthCheckModel, LoadBalancerModel } from "../translate/model";

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
 * port or the backend's nodePort.
 */
export function healthCheckArgs(
  backend: BackendModel,
  nodePort: pulumi.Input<number>,
): Omit<gcp.compute.HealthCheckArgs, "project"> {
  const hc: HealthCheckModel = backend.healthCheck;
  const probe = { port: hc.port ?? nodePort, requestPath: hc.requestPath, host: hc.host };
  const type = hc.type ?? "HTTP";
  return {
    description: `Health of ${backend.key} on ${hc.port !== undefined ? `port ${hc.port}` : "its NodePort"}`,
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
 * logging, locality policy, outlier detection). The IAP client is wrapped in `pulumi.secret`, so it never
 * shows in clear in state, previews or plans.
 */
export function backendServiceOptionArgs(
  options: BackendOptions,
  iap: IapCredentials | undefined,
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
  const cdn = options.cdn;
  if (cdn) {
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
  if (options.securityPolicy) args.securityPolicy = options.securityPolicy.name;
  if (options.customRequestHeaders) args.customRequestHeaders = options.customRequestHeaders.headers;
  if (options.customResponseHeaders) args.customResponseHeaders = options.customResponseHeaders.headers;
  if (options.logging) {
    args.logConfig = {
      enable: options.logging.enable,
      ...(options.logging.sampleRate !== undefined ? { sampleRate: options.logging.sampleRate } : {}),
    };
  }
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
