import { strict as assert } from "assert";
import { parseManifests } from "../../lib/ingress/manifests";
import { readBackendConfig } from "../../lib/ingress/backend-config";
import { BackendOptions, checkBackendOptions, OptionFail } from "../../lib/translate/backend-options";
import { translate } from "../../lib/translate/translate";
import { expectInputError } from "../ingress/expect-input-error";
import { ingress, nodePortService } from "./fixtures";

/** Runs the checks; returns the failing path and problem, or undefined when the options pass. */
function failureOf(options: BackendOptions): { path: string; problem: string } | undefined {
  const fail: OptionFail = (path, problem) => {
    throw { path: path.join("."), problem };
  };
  try {
    checkBackendOptions(options, fail);
    return undefined;
  } catch (caught) {
    return caught as { path: string; problem: string };
  }
}

describe("backend option checks", () => {
  const refused: [string, BackendOptions, string][] = [
    ["a timeout below 1", { timeoutSec: 0 }, "timeoutSec"],
    ["a fractional timeout", { timeoutSec: 1.5 }, "timeoutSec"],
    [
      "draining beyond an hour",
      { connectionDraining: { drainingTimeoutSec: 3601 } },
      "connectionDraining.drainingTimeoutSec",
    ],
    [
      "an affinity cookie TTL beyond 86400 s",
      { sessionAffinity: { affinityType: "GENERATED_COOKIE", affinityCookieTtlSec: 86401 } },
      "sessionAffinity.affinityCookieTtlSec",
    ],
    [
      "STRONG_COOKIE_AFFINITY without a cookie name",
      { sessionAffinity: { affinityType: "STRONG_COOKIE_AFFINITY" } },
      "sessionAffinity.cookieName",
    ],
    ["a sample rate above 1", { logging: { enable: true, sampleRate: 1.5 } }, "logging.sampleRate"],
    ["a sample rate below 0", { logging: { enable: true, sampleRate: -0.1 } }, "logging.sampleRate"],
    ["a sample rate with logging off", { logging: { enable: false, sampleRate: 0.5 } }, "logging.sampleRate"],
    ["IAP with CDN", { iap: { enabled: true }, cdn: { enabled: true } }, "iap.enabled"],
    ["a CDN TTL beyond a year", { cdn: { enabled: true, maxTtl: 31_622_401 } }, "cdn.maxTtl"],
    [
      "a default TTL above the max TTL",
      { cdn: { enabled: true, defaultTtl: 100, maxTtl: 10 } },
      "cdn.defaultTtl",
    ],
    [
      "a default TTL above GKE's default max TTL (86400)",
      { cdn: { enabled: true, defaultTtl: 90_000 } },
      "cdn.defaultTtl",
    ],
    ["a max TTL below GKE's default TTL (3600)", { cdn: { enabled: true, maxTtl: 600 } }, "cdn.maxTtl"],
    [
      "query string lists with includeQueryString left out (GKE would drop them)",
      { cdn: { enabled: true, cachePolicy: { includeHost: true, queryStringWhitelist: ["a"] } } },
      "cdn.cachePolicy.includeQueryString",
    ],
    [
      "a TTL with USE_ORIGIN_HEADERS",
      { cdn: { enabled: true, cacheMode: "USE_ORIGIN_HEADERS", defaultTtl: 60 } },
      "cdn.defaultTtl",
    ],
    [
      "a max TTL with FORCE_CACHE_ALL",
      { cdn: { enabled: true, cacheMode: "FORCE_CACHE_ALL", maxTtl: 60 } },
      "cdn.maxTtl",
    ],
    [
      "both query string lists",
      { cdn: { enabled: true, cachePolicy: { queryStringBlacklist: ["a"], queryStringWhitelist: ["b"] } } },
      "cdn.cachePolicy.queryStringWhitelist",
    ],
    [
      "a negative caching policy without negative caching",
      { cdn: { enabled: true, negativeCachingPolicy: [{ code: 404, ttl: 10 }] } },
      "cdn.negativeCachingPolicy",
    ],
    [
      "a status code GCP does not cache negatively",
      { cdn: { enabled: true, negativeCaching: true, negativeCachingPolicy: [{ code: 500, ttl: 10 }] } },
      "cdn.negativeCachingPolicy.0.code",
    ],
    [
      "a negative caching TTL beyond 1800 s",
      { cdn: { enabled: true, negativeCaching: true, negativeCachingPolicy: [{ code: 404, ttl: 1801 }] } },
      "cdn.negativeCachingPolicy.0.ttl",
    ],
    [
      "a header without a colon",
      { customRequestHeaders: { headers: ["X-Team team-a"] } },
      "customRequestHeaders.headers.0",
    ],
    [
      "a security policy that is no GCP name",
      { securityPolicy: { name: "Shop_Armor" } },
      "securityPolicy.name",
    ],
    ["RATE balancing without a rate", { balancing: { mode: "RATE" } }, "balancing.maxRatePerInstance"],
    [
      "a capacity scaler between 0 and 0.1",
      { balancing: { mode: "UTILIZATION", capacityScaler: 0.05 } },
      "balancing.capacityScaler",
    ],
    [
      "a max utilization above 1",
      { balancing: { mode: "UTILIZATION", maxUtilization: 1.2 } },
      "balancing.maxUtilization",
    ],
    [
      "a health check interval of 0",
      { healthCheck: { checkIntervalSec: 0 } },
      "healthCheck.checkIntervalSec",
    ],
    [
      "a health check timeout above its interval",
      { healthCheck: { checkIntervalSec: 5, timeoutSec: 6 } },
      "healthCheck.timeoutSec",
    ],
    [
      "a health check threshold of 11",
      { healthCheck: { unhealthyThreshold: 11 } },
      "healthCheck.unhealthyThreshold",
    ],
    [
      "a request path without a leading slash",
      { healthCheck: { requestPath: "healthz" } },
      "healthCheck.requestPath",
    ],
    [
      "an outlier ejection percent above 100",
      { outlierDetection: { maxEjectionPercent: 101 } },
      "outlierDetection.maxEjectionPercent",
    ],
  ];
  for (const [what, options, path] of refused) {
    it(`refuses ${what} at ${path}`, () => {
      assert.equal(failureOf(options)?.path, path);
    });
  }

  it("passes the bounds themselves", () => {
    assert.equal(
      failureOf({
        timeoutSec: 1,
        connectionDraining: { drainingTimeoutSec: 3600 },
        sessionAffinity: { affinityType: "GENERATED_COOKIE", affinityCookieTtlSec: 86400 },
        logging: { enable: true, sampleRate: 0 },
        cdn: { enabled: true, cacheMode: "CACHE_ALL_STATIC", defaultTtl: 31_622_400, maxTtl: 31_622_400 },
        balancing: { mode: "UTILIZATION", capacityScaler: 0, maxUtilization: 1 },
        healthCheck: { checkIntervalSec: 300, timeoutSec: 300, healthyThreshold: 10, unhealthyThreshold: 1 },
      }),
      undefined,
    );
  });
});

describe("backend options in translate: errors name the Service and the field", () => {
  const svc = nodePortService("web", "default", {
    annotations: { "cloud.google.com/backend-config": '{"default": "web-config"}' },
  });
  const webIngress = () => ingress([{ paths: [["/", "Prefix", "web"]] }]);
  const backendConfig = (spec: string) => {
    const yaml = `apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata: {name: web-config}\nspec:\n${spec}`;
    const [m] = parseManifests(yaml, "configs.yaml").backendConfigs;
    return readBackendConfig(m.object, m.origin, m.lineOf);
  };
  const run = (spec: string, extra = {}) =>
    translate({
      name: "lb",
      ingresses: [webIngress()],
      services: [svc],
      backendConfigs: [backendConfig(spec)],
      ...extra,
    });

  it("an out-of-range BackendConfig value points at its line and names the Service using it", () => {
    const error = expectInputError(
      () => run("  sessionAffinity:\n    affinityType: GENERATED_COOKIE\n    affinityCookieTtlSec: 90000"),
      {
        file: "configs.yaml",
        line: 7,
        object: "BackendConfig/default/web-config",
        field: "spec.sessionAffinity.affinityCookieTtlSec",
      },
    );
    assert.match(error.message, /90000 is out of range 0-86400/);
    assert.match(error.message, /Service default\/web port 80/);
  });

  it("IAP with CDN is refused at spec.iap.enabled", () => {
    expectInputError(() => run("  cdn: {enabled: true}\n  iap: {enabled: true}"), {
      object: "BackendConfig/default/web-config",
      field: "spec.iap.enabled",
      problem: "IAP and Cloud CDN cannot both be enabled",
    });
  });

  it("a typed option that clashes with the BackendConfig is blamed on the typed option", () => {
    expectInputError(
      () =>
        run("  iap: {enabled: true}", { backendOptions: { "default/web:80": { cdn: { enabled: true } } } }),
      {
        field: 'backendOptions["default/web:80"].cdn.enabled',
        problem: "Service default/web port 80",
      },
    );
  });

  it("an unknown BackendConfig name names the Service, the annotation and the nearest name", () => {
    const other = backendConfig("  timeoutSec: 10");
    other.name = "web-confg";
    expectInputError(
      () => translate({ name: "lb", ingresses: [webIngress()], services: [svc], backendConfigs: [other] }),
      {
        object: "Service/default/web",
        field: 'metadata.annotations["cloud.google.com/backend-config"]',
        hint: 'did you mean "web-confg"?',
      },
    );
  });

  it("a backendOptions key naming no Service port is refused with the nearest key", () => {
    expectInputError(
      () => run("  timeoutSec: 10", { backendOptions: { "default/web:8080": { timeoutSec: 5 } } }),
      {
        field: 'backendOptions["default/web:8080"]',
        hint: 'did you mean "default/web:80"?',
      },
    );
  });

  it("the model carries the merged options; the built-in default backend has none", () => {
    const model = run("  timeoutSec: 10\n  logging: {enable: true}", {
      backendOptions: { "default/web:80": { timeoutSec: 20 } },
    });
    const web = model.backends.find((b) => b.key === "default/web:80");
    assert.deepEqual(web?.options, { timeoutSec: 20, logging: { enable: true } });
    assert.equal(model.backends.find((b) => b.builtinDefault)?.options, undefined);
  });

  it("warns that an affinity cookie TTL does nothing without cookie affinity", () => {
    const model = run("  sessionAffinity: {affinityType: CLIENT_IP, affinityCookieTtlSec: 60}");
    assert.deepEqual(
      model.warnings.map((w) => w.code),
      ["affinity-cookie-ttl-unused"],
    );
  });
});
