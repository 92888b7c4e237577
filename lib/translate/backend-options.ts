import type { FieldPath } from "../ingress/kube-object";
import { quote } from "../quote";
import { cdnWithGkeDefaults } from "./gke-backend-defaults";
import { GCP_NAME_MAX, GCP_NAME_PATTERN } from "./names";
import type { LoadBalancingScheme, NameOrArg } from "./model";

/**
 * Per-backend options of a GCP backend service and its health check. The shape is GKE's BackendConfig
 * `spec` (cloud.google.com/v1), so a BackendConfig manifest and the typed API say the same thing the same
 * way; `balancing`, `localityLbPolicy`, `outlierDetection` and STRONG_COOKIE_AFFINITY go beyond it.
 * Secrets never appear here: IAP names the Secret that holds its OAuth client.
 */
export interface BackendOptions {
  /** Backend service timeout, seconds (GCP default 30). */
  timeoutSec?: number;
  connectionDraining?: {
    /** Seconds a removed instance keeps serving requests already started (0-3600). */
    drainingTimeoutSec: number;
  };
  sessionAffinity?: SessionAffinityOptions;
  cdn?: CdnOptions;
  iap?: IapOptions;
  /** Cloud Armor: the name of an existing security policy (the components take an output too). */
  securityPolicy?: { name: NameOrArg };
  /** Headers the load balancer adds to requests, each `Name: value` (GCP variables like `{client_region}` allowed). */
  customRequestHeaders?: { headers: string[] };
  /** Headers the load balancer adds to responses, each `Name: value`. */
  customResponseHeaders?: { headers: string[] };
  logging?: {
    /** Write request logs. */
    enable: boolean;
    /** Fraction of requests logged, 0 to 1 (GCP default 1). Only with `enable: true`. */
    sampleRate?: number;
  };
  /** How each instance group of the backend is filled. Not a BackendConfig field: typed API only. */
  balancing?: BalancingOptions;
  /** Load balancing algorithm inside a zone. EXTERNAL_MANAGED only. Typed API only. */
  localityLbPolicy?: LocalityLbPolicy;
  /** Ejection of failing instances. EXTERNAL_MANAGED only. Typed API only. */
  outlierDetection?: OutlierDetectionOptions;
  /** Health check settings; they win over the readiness probe and the defaults. */
  healthCheck?: HealthCheckOverrides;
}

export const SESSION_AFFINITY_TYPES = [
  "NONE",
  "CLIENT_IP",
  "GENERATED_COOKIE",
  "STRONG_COOKIE_AFFINITY",
] as const;
export type SessionAffinityType = (typeof SESSION_AFFINITY_TYPES)[number];
/** What GKE's BackendConfig accepts; the rest is the typed API's. */
export const BACKEND_CONFIG_AFFINITY_TYPES: readonly SessionAffinityType[] = [
  "NONE",
  "CLIENT_IP",
  "GENERATED_COOKIE",
];

export interface SessionAffinityOptions {
  affinityType: SessionAffinityType;
  /** Lifetime of the affinity cookie, 0-86400 s; 0 makes it a session cookie. */
  affinityCookieTtlSec?: number;
  /** Name of the cookie for STRONG_COOKIE_AFFINITY (required there). */
  cookieName?: string;
}

export const CDN_CACHE_MODES = ["CACHE_ALL_STATIC", "USE_ORIGIN_HEADERS", "FORCE_CACHE_ALL"] as const;
export type CdnCacheMode = (typeof CDN_CACHE_MODES)[number];

export interface CdnOptions {
  enabled: boolean;
  cacheMode?: CdnCacheMode;
  /** TTL for responses without one of their own, seconds. Not with USE_ORIGIN_HEADERS. */
  defaultTtl?: number;
  /** Upper bound of cached TTLs, seconds. Only with CACHE_ALL_STATIC. */
  maxTtl?: number;
  /** Upper bound of the TTL sent to clients, seconds. Not with USE_ORIGIN_HEADERS. */
  clientTtl?: number;
  cachePolicy?: {
    includeHost?: boolean;
    includeProtocol?: boolean;
    includeQueryString?: boolean;
    /** Query parameters left out of the cache key; not with `queryStringWhitelist`. */
    queryStringBlacklist?: string[];
    /** The only query parameters in the cache key; not with `queryStringBlacklist`. */
    queryStringWhitelist?: string[];
  };
  negativeCaching?: boolean;
  /** Per-status TTLs (at most 1800 s); needs `negativeCaching: true`. */
  negativeCachingPolicy?: { code: number; ttl: number }[];
  requestCoalescing?: boolean;
  /** Seconds stale content may be served while revalidating (0-604800). */
  serveWhileStale?: number;
  signedUrlCacheMaxAgeSec?: number;
  /** At most 5 request headers that bypass the cache. */
  bypassCacheOnRequestHeaders?: { headerName: string }[];
}

export interface IapOptions {
  enabled: boolean;
  /**
   * The OAuth client: a Secret in the Service's namespace with keys `client_id` and `client_secret`.
   * Without it, GCP uses a Google-managed OAuth client.
   */
  oauthclientCredentials?: { secretName: string };
}

export const BALANCING_MODES = ["UTILIZATION", "RATE"] as const;
export type BalancingMode = (typeof BALANCING_MODES)[number];

export interface BalancingOptions {
  /** `UTILIZATION` (default) or `RATE`. */
  mode: BalancingMode;
  /** Target CPU utilization of a group, 0-1; UTILIZATION only. */
  maxUtilization?: number;
  /** Requests per second per instance; required with RATE. */
  maxRatePerInstance?: number;
  /** Share of the group's capacity offered, 0 (drained) or 0.1-1 (default 1). */
  capacityScaler?: number;
}

export const LOCALITY_LB_POLICIES = [
  "ROUND_ROBIN",
  "LEAST_REQUEST",
  "RING_HASH",
  "RANDOM",
  "MAGLEV",
] as const;
export type LocalityLbPolicy = (typeof LOCALITY_LB_POLICIES)[number];

export interface OutlierDetectionOptions {
  /** Consecutive 5xx before an instance is ejected (GCP default 5). */
  consecutiveErrors?: number;
  /** Seconds between ejection sweeps (GCP default 1). */
  intervalSec?: number;
  /** Base ejection time, seconds (GCP default 30). */
  baseEjectionTimeSec?: number;
  /** At most this percentage of instances ejected, 0-100 (GCP default 50). */
  maxEjectionPercent?: number;
}

export const HEALTH_CHECK_TYPES = ["HTTP", "HTTPS", "HTTP2"] as const;
export type HealthCheckType = (typeof HEALTH_CHECK_TYPES)[number];

/** BackendConfig `spec.healthCheck`: every field optional, each wins over the probe and the defaults. */
export interface HealthCheckOverrides {
  checkIntervalSec?: number;
  timeoutSec?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
  type?: HealthCheckType;
  requestPath?: string;
  /** A fixed port on the nodes instead of the Service's nodePort; the firewall rule opens it too. */
  port?: number;
}

/** Status codes GCP accepts in a negative caching policy. */
export const NEGATIVE_CACHING_CODES: readonly number[] = [
  300, 301, 302, 307, 308, 404, 405, 410, 421, 451, 501,
];

/** GCP's bounds, in one place so the checks and the docs agree. */
export const LIMITS = {
  timeoutSec: [1, 2_147_483_647],
  drainingTimeoutSec: [0, 3600],
  affinityCookieTtlSec: [0, 86_400],
  cdnTtl: [0, 31_622_400],
  negativeCachingTtl: [0, 1800],
  serveWhileStale: [0, 604_800],
  healthCheckSeconds: [1, 300],
  healthCheckThreshold: [1, 10],
  port: [1, 65_535],
  maxBypassHeaders: 5,
} as const;

/**
 * Reports a mistake at `path` inside the options (e.g. `["cdn", "maxTtl"]`) and throws. `related` is the
 * other field of a clash between two options, so the blame can go to whichever was given last.
 */
export type OptionFail = (path: FieldPath, problem: string, hint?: string, related?: FieldPath) => never;

/** A header as GCP wants it: a token, a colon, a value. */
const HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*$/;
/** Cookie names are HTTP tokens. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Checks values and combinations GCP (or GKE) would refuse at apply time: ranges, IAP with CDN, TTLs the
 * cache mode forbids, malformed headers. Shapes are the reader's business (BackendConfig) or TypeScript's.
 */
export function checkBackendOptions(options: BackendOptions, fail: OptionFail): void {
  const int = (path: FieldPath, value: number | undefined, [min, max]: readonly [number, number]) => {
    if (value === undefined) return;
    if (!Number.isInteger(value)) fail(path, `must be a whole number, found ${value}`);
    if (value < min || value > max) fail(path, `${value} is out of range ${min}-${max}`);
  };
  const fraction = (path: FieldPath, value: number | undefined) => {
    if (value === undefined) return;
    if (!Number.isFinite(value) || value < 0 || value > 1) fail(path, `${value} is out of range 0-1`);
  };

  int(["timeoutSec"], options.timeoutSec, LIMITS.timeoutSec);
  int(
    ["connectionDraining", "drainingTimeoutSec"],
    options.connectionDraining?.drainingTimeoutSec,
    LIMITS.drainingTimeoutSec,
  );

  const affinity = options.sessionAffinity;
  if (affinity) {
    int(
      ["sessionAffinity", "affinityCookieTtlSec"],
      affinity.affinityCookieTtlSec,
      LIMITS.affinityCookieTtlSec,
    );
    if (affinity.affinityType === "STRONG_COOKIE_AFFINITY") {
      if (!affinity.cookieName)
        fail(["sessionAffinity", "cookieName"], "STRONG_COOKIE_AFFINITY needs a cookie name");
      if (!TOKEN.test(affinity.cookieName)) {
        fail(
          ["sessionAffinity", "cookieName"],
          `${quote(String(affinity.cookieName))} is not a valid cookie name`,
        );
      }
    } else if (affinity.cookieName !== undefined) {
      fail(["sessionAffinity", "cookieName"], "a cookie name is for STRONG_COOKIE_AFFINITY only");
    }
  }

  if (options.cdn) checkCdn(options.cdn, fail, int);
  if (options.iap?.enabled && options.cdn?.enabled) {
    fail(
      ["iap", "enabled"],
      "IAP and Cloud CDN cannot both be enabled on one backend",
      "cached responses would bypass IAP's checks; turn one of them off",
      ["cdn", "enabled"],
    );
  }
  const secretName = options.iap?.oauthclientCredentials?.secretName;
  if (secretName !== undefined && secretName.trim() === "") {
    fail(["iap", "oauthclientCredentials", "secretName"], "must not be empty");
  }

  const policy = options.securityPolicy?.name;
  // An output's name is GCP's to check.
  if (typeof policy === "string" && (!GCP_NAME_PATTERN.test(policy) || policy.length > GCP_NAME_MAX)) {
    fail(
      ["securityPolicy", "name"],
      `${quote(policy)} is not a valid security policy name`,
      "the name of an existing Cloud Armor policy: lowercase letters, digits and dashes",
    );
  }
  for (const field of ["customRequestHeaders", "customResponseHeaders"] as const) {
    (options[field]?.headers ?? []).forEach((header, i) => {
      if (!HEADER.test(header)) {
        fail([field, "headers", i], `${quote(header)} is not a header`, 'write it as "Name: value"');
      }
    });
  }

  if (options.logging) {
    fraction(["logging", "sampleRate"], options.logging.sampleRate);
    if (!options.logging.enable && options.logging.sampleRate !== undefined) {
      fail(["logging", "sampleRate"], "a sample rate needs logging enabled", "set logging.enable: true");
    }
  }

  const balancing = options.balancing;
  if (balancing) {
    fraction(["balancing", "maxUtilization"], balancing.maxUtilization);
    fraction(["balancing", "capacityScaler"], balancing.capacityScaler);
    if (
      balancing.capacityScaler !== undefined &&
      balancing.capacityScaler > 0 &&
      balancing.capacityScaler < 0.1
    ) {
      fail(["balancing", "capacityScaler"], `${balancing.capacityScaler} is neither 0 nor within 0.1-1`);
    }
    const rate = balancing.maxRatePerInstance;
    if (rate !== undefined && (!Number.isFinite(rate) || rate <= 0)) {
      fail(["balancing", "maxRatePerInstance"], `must be above 0, found ${rate}`);
    }
    if (balancing.mode === "RATE" && rate === undefined) {
      fail(["balancing", "maxRatePerInstance"], "RATE balancing needs maxRatePerInstance");
    }
    if (balancing.mode === "RATE" && balancing.maxUtilization !== undefined) {
      fail(["balancing", "maxUtilization"], "maxUtilization is for UTILIZATION balancing only");
    }
  }

  const outlier = options.outlierDetection;
  if (outlier) {
    int(["outlierDetection", "consecutiveErrors"], outlier.consecutiveErrors, [1, 1000]);
    int(["outlierDetection", "intervalSec"], outlier.intervalSec, [1, 3600]);
    int(["outlierDetection", "baseEjectionTimeSec"], outlier.baseEjectionTimeSec, [1, 3600]);
    int(["outlierDetection", "maxEjectionPercent"], outlier.maxEjectionPercent, [0, 100]);
  }

  if (options.healthCheck) checkHealthCheckOverrides(options.healthCheck, fail, int);
}

type IntCheck = (path: FieldPath, value: number | undefined, range: readonly [number, number]) => void;

function checkCdn(cdn: CdnOptions, fail: OptionFail, int: IntCheck): void {
  for (const ttl of ["defaultTtl", "maxTtl", "clientTtl"] as const)
    int(["cdn", ttl], cdn[ttl], LIMITS.cdnTtl);
  int(["cdn", "serveWhileStale"], cdn.serveWhileStale, LIMITS.serveWhileStale);
  int(["cdn", "signedUrlCacheMaxAgeSec"], cdn.signedUrlCacheMaxAgeSec, LIMITS.cdnTtl);
  // GCP answers 400 "default_ttl cannot be specified with USE_ORIGIN_HEADERS cache_mode" and the like.
  if (cdn.cacheMode === "USE_ORIGIN_HEADERS") {
    for (const ttl of ["defaultTtl", "maxTtl", "clientTtl"] as const) {
      if (cdn[ttl] !== undefined) {
        fail(
          ["cdn", ttl],
          `${ttl} cannot be set with cacheMode USE_ORIGIN_HEADERS`,
          "the origin's headers decide",
        );
      }
    }
  }
  if (cdn.cacheMode === "FORCE_CACHE_ALL" && cdn.maxTtl !== undefined) {
    fail(["cdn", "maxTtl"], "maxTtl cannot be set with cacheMode FORCE_CACHE_ALL", "use defaultTtl");
  }
  for (const ttl of ["defaultTtl", "clientTtl"] as const) {
    const value = cdn[ttl];
    if (value !== undefined && cdn.maxTtl !== undefined && value > cdn.maxTtl) {
      fail(["cdn", ttl], `${ttl} ${value} is above maxTtl ${cdn.maxTtl}`);
    }
  }
  // GKE fills a TTL left out (defaultTtl 3600, maxTtl 86400), and GCP refuses a default above the max.
  const pinned = cdnWithGkeDefaults(cdn);
  if (pinned.defaultTtl !== undefined && pinned.maxTtl !== undefined && pinned.defaultTtl > pinned.maxTtl) {
    if (cdn.maxTtl === undefined) {
      fail(
        ["cdn", "defaultTtl"],
        `defaultTtl ${pinned.defaultTtl} is above maxTtl ${pinned.maxTtl}, GKE's default`,
        "set maxTtl too",
      );
    }
    if (cdn.defaultTtl === undefined) {
      fail(
        ["cdn", "maxTtl"],
        `maxTtl ${pinned.maxTtl} is below defaultTtl ${pinned.defaultTtl}, GKE's default`,
        `set defaultTtl too, at most ${pinned.maxTtl}`,
      );
    }
  }
  const policy = cdn.cachePolicy;
  if (policy?.queryStringBlacklist?.length && policy.queryStringWhitelist?.length) {
    fail(
      ["cdn", "cachePolicy", "queryStringWhitelist"],
      "set either queryStringWhitelist or queryStringBlacklist, not both",
    );
  }
  if (
    (policy?.queryStringBlacklist?.length || policy?.queryStringWhitelist?.length) &&
    policy?.includeQueryString !== true
  ) {
    // GKE drops the lists then (a cachePolicy flag left out is false): say so rather than drop them.
    fail(["cdn", "cachePolicy", "includeQueryString"], "query string lists need includeQueryString: true");
  }
  const negative = cdn.negativeCachingPolicy ?? [];
  if (negative.length > 0 && !cdn.negativeCaching) {
    fail(["cdn", "negativeCachingPolicy"], "a negative caching policy needs negativeCaching: true");
  }
  const seen = new Set<number>();
  negative.forEach((entry, i) => {
    if (!NEGATIVE_CACHING_CODES.includes(entry.code)) {
      fail(
        ["cdn", "negativeCachingPolicy", i, "code"],
        `${entry.code} cannot be cached negatively`,
        `one of ${NEGATIVE_CACHING_CODES.join(", ")}`,
      );
    }
    if (seen.has(entry.code))
      fail(["cdn", "negativeCachingPolicy", i, "code"], `${entry.code} is given twice`);
    seen.add(entry.code);
    int(["cdn", "negativeCachingPolicy", i, "ttl"], entry.ttl, LIMITS.negativeCachingTtl);
  });
  const bypass = cdn.bypassCacheOnRequestHeaders ?? [];
  if (bypass.length > LIMITS.maxBypassHeaders) {
    fail(
      ["cdn", "bypassCacheOnRequestHeaders"],
      `at most ${LIMITS.maxBypassHeaders} headers, found ${bypass.length}`,
    );
  }
  bypass.forEach((entry, i) => {
    if (!TOKEN.test(entry.headerName)) {
      fail(
        ["cdn", "bypassCacheOnRequestHeaders", i, "headerName"],
        `${quote(entry.headerName)} is not a header name`,
      );
    }
  });
}

function checkHealthCheckOverrides(hc: HealthCheckOverrides, fail: OptionFail, int: IntCheck): void {
  int(["healthCheck", "checkIntervalSec"], hc.checkIntervalSec, LIMITS.healthCheckSeconds);
  int(["healthCheck", "timeoutSec"], hc.timeoutSec, LIMITS.healthCheckSeconds);
  int(["healthCheck", "healthyThreshold"], hc.healthyThreshold, LIMITS.healthCheckThreshold);
  int(["healthCheck", "unhealthyThreshold"], hc.unhealthyThreshold, LIMITS.healthCheckThreshold);
  int(["healthCheck", "port"], hc.port, LIMITS.port);
  if (hc.requestPath !== undefined && !hc.requestPath.startsWith("/")) {
    fail(["healthCheck", "requestPath"], `${quote(hc.requestPath)} must start with "/"`);
  }
  if (
    hc.checkIntervalSec !== undefined &&
    hc.timeoutSec !== undefined &&
    hc.timeoutSec > hc.checkIntervalSec
  ) {
    fail(
      ["healthCheck", "timeoutSec"],
      `timeoutSec ${hc.timeoutSec} is above checkIntervalSec ${hc.checkIntervalSec}`,
      "GCP needs timeout <= interval",
    );
  }
}

/** A backend option only one load balancing scheme has. */
interface SchemeFeature {
  /** Where it is set, for the error. */
  path: FieldPath;
  what: string;
  only: LoadBalancingScheme;
  uses(options: BackendOptions): boolean;
}

/**
 * Backend options valid under one scheme only. All of GKE's BackendConfig works under both; the classic
 * scheme's own extras (Standard network tier) are frontend matters that ingress-glb does not offer.
 */
export const SCHEME_FEATURES: readonly SchemeFeature[] = [
  {
    path: ["sessionAffinity", "affinityType"],
    what: "STRONG_COOKIE_AFFINITY session affinity",
    only: "EXTERNAL_MANAGED",
    uses: (o) => o.sessionAffinity?.affinityType === "STRONG_COOKIE_AFFINITY",
  },
  {
    path: ["localityLbPolicy"],
    what: "localityLbPolicy",
    only: "EXTERNAL_MANAGED",
    uses: (o) => o.localityLbPolicy !== undefined,
  },
  {
    path: ["outlierDetection"],
    what: "outlier detection",
    only: "EXTERNAL_MANAGED",
    uses: (o) => o.outlierDetection !== undefined,
  },
];

/** Refuses an option the load balancer's scheme lacks; `subject` names who asked for it (a Service port). */
export function checkSchemeSupport(
  options: BackendOptions,
  scheme: LoadBalancingScheme,
  subject: string,
  fail: OptionFail,
): void {
  for (const feature of SCHEME_FEATURES) {
    if (feature.only !== scheme && feature.uses(options)) {
      fail(
        feature.path,
        `${feature.what} (${subject}) needs the ${feature.only} load balancing scheme; this load balancer uses ${scheme}`,
        `set scheme: "${feature.only}", or remove it`,
      );
    }
  }
}

/** Typed options over a BackendConfig's: each top-level option given replaces the BackendConfig's whole. */
export function mergeBackendOptions(base: BackendOptions, over: BackendOptions | undefined): BackendOptions {
  if (!over) return base;
  const merged: BackendOptions = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
