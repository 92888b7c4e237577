import { strict as assert } from "node:assert";
import { CdnOptions } from "../../lib/translate/backend-options";
import { accessLogging, cdnWithGkeDefaults } from "../../lib/translate/gke-backend-defaults";

/** GKE's values for a field left out (kubernetes/ingress-gce pkg/backends/features/cdn.go). */
const PINNED: CdnOptions = {
  enabled: true,
  cacheMode: "CACHE_ALL_STATIC",
  defaultTtl: 3600,
  clientTtl: 3600,
  maxTtl: 86400,
  cachePolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
  negativeCaching: true,
  requestCoalescing: true,
  serveWhileStale: 86400,
  signedUrlCacheMaxAgeSec: 0,
};

describe("GKE's access logging (pkg/backends/backends.go Create, features/logging.go)", () => {
  const cases: [string, Parameters<typeof accessLogging>[0], ReturnType<typeof accessLogging>][] = [
    [
      "no logging option: on at rate 1.0, on creation only",
      undefined,
      { enable: true, sampleRate: 1, onCreateOnly: true },
    ],
    ["enabled without a rate: GCP keeps its rate", { enable: true }, { enable: true, onCreateOnly: false }],
    [
      "enabled with a rate",
      { enable: true, sampleRate: 0.1 },
      { enable: true, sampleRate: 0.1, onCreateOnly: false },
    ],
    [
      "disabled: no rate (GKE sends 0, which the API leaves out)",
      { enable: false },
      { enable: false, onCreateOnly: false },
    ],
  ];
  for (const [what, logging, expected] of cases) {
    it(what, () => assert.deepEqual(accessLogging(logging), expected));
  }
});

describe("the CDN fields GKE pins when CDN is enabled (pkg/backends/features/cdn.go)", () => {
  const cases: [string, CdnOptions, CdnOptions][] = [
    ["CDN off: no policy at all", { enabled: false, cacheMode: "FORCE_CACHE_ALL" }, { enabled: false }],
    ["CDN on with nothing else: every default", { enabled: true }, PINNED],
    [
      "the fields given win over the defaults",
      {
        enabled: true,
        defaultTtl: 60,
        maxTtl: 300,
        clientTtl: 30,
        serveWhileStale: 0,
        requestCoalescing: false,
      },
      {
        ...PINNED,
        defaultTtl: 60,
        maxTtl: 300,
        clientTtl: 30,
        serveWhileStale: 0,
        requestCoalescing: false,
      },
    ],
    [
      "a cachePolicy given replaces the default key policy whole: a flag left out is false",
      { enabled: true, cachePolicy: { includeHost: true } },
      {
        ...PINNED,
        cachePolicy: { includeHost: true, includeProtocol: false, includeQueryString: false },
      },
    ],
    [
      "query string lists count with includeQueryString only",
      { enabled: true, cachePolicy: { includeQueryString: true, queryStringWhitelist: ["page"] } },
      {
        ...PINNED,
        cachePolicy: {
          includeHost: false,
          includeProtocol: false,
          includeQueryString: true,
          queryStringWhitelist: ["page"],
        },
      },
    ],
    [
      "USE_ORIGIN_HEADERS: no TTLs at all",
      { enabled: true, cacheMode: "USE_ORIGIN_HEADERS" },
      {
        enabled: true,
        cacheMode: "USE_ORIGIN_HEADERS",
        cachePolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
        negativeCaching: true,
        requestCoalescing: true,
        serveWhileStale: 86400,
        signedUrlCacheMaxAgeSec: 0,
      },
    ],
    [
      "FORCE_CACHE_ALL: default and client TTLs, no max TTL",
      { enabled: true, cacheMode: "FORCE_CACHE_ALL" },
      {
        enabled: true,
        cacheMode: "FORCE_CACHE_ALL",
        defaultTtl: 3600,
        clientTtl: 3600,
        cachePolicy: { includeHost: true, includeProtocol: true, includeQueryString: true },
        negativeCaching: true,
        requestCoalescing: true,
        serveWhileStale: 86400,
        signedUrlCacheMaxAgeSec: 0,
      },
    ],
    [
      "negative caching off drops its policy",
      { enabled: true, negativeCaching: false, negativeCachingPolicy: [{ code: 404, ttl: 5 }] },
      { ...PINNED, negativeCaching: false },
    ],
    [
      "negative caching by default keeps the policy given, and bypass headers pass through",
      {
        enabled: true,
        negativeCachingPolicy: [{ code: 404, ttl: 5 }],
        bypassCacheOnRequestHeaders: [{ headerName: "X-Bypass" }],
      },
      {
        ...PINNED,
        negativeCachingPolicy: [{ code: 404, ttl: 5 }],
        bypassCacheOnRequestHeaders: [{ headerName: "X-Bypass" }],
      },
    ],
  ];
  for (const [what, cdn, expected] of cases) {
    it(what, () => assert.deepEqual(cdnWithGkeDefaults(cdn), expected));
  }
});
