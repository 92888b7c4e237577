import type { CdnCacheMode, CdnOptions } from "./backend-options";

/**
 * Access logging of a backend service, as GKE's controller (kubernetes/ingress-gce) writes it: a backend
 * service is created with logging on at sample rate 1.0; afterwards only a BackendConfig `logging` section
 * changes it, and without one whatever the backend service has is left alone.
 */
export interface AccessLogging {
  enable: boolean;
  /** Omitted when GCP keeps its own (1.0 for a new backend service, the current rate for an existing one). */
  sampleRate?: number;
  /**
   * True for GKE's default: set when the backend service is created, never changed by a later run (a stack
   * made before this default keeps its backend services as they are, and so does a BackendConfig that
   * drops its `logging` section, as in GKE).
   */
  onCreateOnly: boolean;
}

/** GKE's logging for a backend service with no `logging` option. */
export const GKE_DEFAULT_LOGGING: AccessLogging = { enable: true, sampleRate: 1, onCreateOnly: true };

export function accessLogging(logging: { enable: boolean; sampleRate?: number } | undefined): AccessLogging {
  if (!logging) return GKE_DEFAULT_LOGGING;
  return {
    enable: logging.enable,
    ...(logging.enable && logging.sampleRate !== undefined ? { sampleRate: logging.sampleRate } : {}),
    onCreateOnly: false,
  };
}

/** The CDN policy GKE writes when a BackendConfig enables CDN and leaves a field out (GCP's own defaults). */
export const GKE_CDN_DEFAULTS = {
  cacheMode: "CACHE_ALL_STATIC" as CdnCacheMode,
  cachePolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
  defaultTtl: 3600,
  clientTtl: 3600,
  maxTtl: 86_400,
  negativeCaching: true,
  requestCoalescing: true,
  serveWhileStale: 86_400,
  signedUrlCacheMaxAgeSec: 0,
} as const;

/**
 * The CDN settings GKE pins on a backend service whose BackendConfig enables CDN: every field given, or
 * GKE's default. As in GKE: a `cachePolicy` given replaces the default key policy whole (a flag it leaves
 * out is false), its query string lists count only with `includeQueryString`, `maxTtl` exists only with
 * CACHE_ALL_STATIC, the TTLs but `maxTtl` not with USE_ORIGIN_HEADERS, and the negative caching policy
 * only with negative caching. CDN off is just that: no policy.
 */
export function cdnWithGkeDefaults(cdn: CdnOptions): CdnOptions {
  if (!cdn.enabled) return { enabled: false };
  const d = GKE_CDN_DEFAULTS;
  const cacheMode = cdn.cacheMode ?? d.cacheMode;
  const given = cdn.cachePolicy;
  const includeQueryString = given ? given.includeQueryString === true : d.cachePolicy.includeQueryString;
  const negativeCaching = cdn.negativeCaching ?? d.negativeCaching;
  const ttls = cacheMode !== "USE_ORIGIN_HEADERS";
  return {
    enabled: true,
    cacheMode,
    ...(ttls ? { defaultTtl: cdn.defaultTtl ?? d.defaultTtl, clientTtl: cdn.clientTtl ?? d.clientTtl } : {}),
    ...(cacheMode === "CACHE_ALL_STATIC" ? { maxTtl: cdn.maxTtl ?? d.maxTtl } : {}),
    cachePolicy: {
      includeHost: given ? given.includeHost === true : d.cachePolicy.includeHost,
      includeProtocol: given ? given.includeProtocol === true : d.cachePolicy.includeProtocol,
      includeQueryString,
      ...(includeQueryString && given?.queryStringBlacklist?.length
        ? { queryStringBlacklist: given.queryStringBlacklist }
        : {}),
      ...(includeQueryString && given?.queryStringWhitelist?.length
        ? { queryStringWhitelist: given.queryStringWhitelist }
        : {}),
    },
    negativeCaching,
    ...(negativeCaching && cdn.negativeCachingPolicy?.length
      ? { negativeCachingPolicy: cdn.negativeCachingPolicy }
      : {}),
    requestCoalescing: cdn.requestCoalescing ?? d.requestCoalescing,
    serveWhileStale: cdn.serveWhileStale ?? d.serveWhileStale,
    signedUrlCacheMaxAgeSec: cdn.signedUrlCacheMaxAgeSec ?? d.signedUrlCacheMaxAgeSec,
    ...(cdn.bypassCacheOnRequestHeaders?.length
      ? { bypassCacheOnRequestHeaders: cdn.bypassCacheOnRequestHeaders }
      : {}),
  };
}
