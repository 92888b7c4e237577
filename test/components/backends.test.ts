import { strict as assert } from "assert";
import { IngressManifests, IngressManifestsArgs } from "../../lib/components/ingress-manifests";
import { InputError } from "../../lib/errors";
import { parseManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource, SECRET_MARKER } from "../../lib/plan/types";
import { tlsFixtures } from "../tls/fixtures";
import { seedTlsManifests, tlsSecretYaml } from "./https-fixtures";
import { T } from "../resource-types";

const GROUP =
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-pool-grp";
const OAUTH_CLIENT_ID = "1234-oauth-client.apps.googleusercontent.com";
const OAUTH_CLIENT_SECRET = "GOCSPX-never-in-clear";

/** A shop in its own namespace: web (every BackendConfig field), admin (IAP) and api (readiness probe). */
const SHOP = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: web-config, namespace: shop}
spec:
  timeoutSec: 45
  connectionDraining: {drainingTimeoutSec: 60}
  sessionAffinity: {affinityType: GENERATED_COOKIE, affinityCookieTtlSec: 3600}
  cdn:
    enabled: true
    cacheMode: CACHE_ALL_STATIC
    defaultTtl: 600
    maxTtl: 3600
    clientTtl: 300
    cachePolicy: {includeHost: true, includeProtocol: false, includeQueryString: true, queryStringWhitelist: [page]}
    negativeCaching: true
    negativeCachingPolicy: [{code: 404, ttl: 60}]
    requestCoalescing: true
    serveWhileStale: 86400
    signedUrlCacheMaxAgeSec: 7200
    bypassCacheOnRequestHeaders: [{headerName: X-Bypass}]
  securityPolicy: {name: shop-armor}
  customRequestHeaders: {headers: ["X-Client-Region: {client_region}"]}
  customResponseHeaders: {headers: ["X-Cache-Status: {cdn_cache_status}"]}
  logging: {enable: true, sampleRate: 0.25}
  healthCheck:
    checkIntervalSec: 10
    timeoutSec: 3
    healthyThreshold: 1
    unhealthyThreshold: 4
    type: HTTPS
    requestPath: /healthz
    port: 31500
---
apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: admin-config, namespace: shop}
spec:
  iap:
    enabled: true
    oauthclientCredentials: {secretName: admin-oauth}
---
apiVersion: v1
kind: Secret
metadata: {name: admin-oauth, namespace: shop}
type: Opaque
stringData:
  client_id: ${OAUTH_CLIENT_ID}
  client_secret: ${OAUTH_CLIENT_SECRET}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations: {cloud.google.com/backend-config: '{"default": "web-config"}'}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: admin
  namespace: shop
  annotations: {cloud.google.com/backend-config: '{"ports": {"http": "admin-config"}}'}
spec:
  type: NodePort
  selector: {app: admin}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: NodePort
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: serve}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: api:1
          ports: [{name: serve, containerPort: 9000}]
          readinessProbe:
            httpGet:
              path: ready
              port: serve
              httpHeaders: [{name: Host, value: api.shop.example}]
            periodSeconds: 5
            timeoutSeconds: 2
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - http:
        paths:
          - {path: /web, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - {path: /admin, pathType: Prefix, backend: {service: {name: admin, port: {name: http}}}}
          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
`;

/** One team's Ingress on the shared static IP, in its own namespace. */
function team(namespace: string, path: string): string {
  return `
apiVersion: v1
kind: Service
metadata: {name: app, namespace: ${namespace}}
spec:
  type: NodePort
  selector: {app: app}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
  namespace: ${namespace}
  annotations: {kubernetes.io/ingress.global-static-ip-name: shared-ip}
spec:
  rules:
    - http:
        paths:
          - {path: ${path}, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}
`;
}

type Extra = Partial<Omit<IngressManifestsArgs, "manifests">>;

async function plan(yaml: string, extra: Extra = {}) {
  const run = await recordPlan(() => {
    new IngressManifests("shop", {
      manifests: parseManifests(yaml, "shop.yaml"),
      instanceGroups: [GROUP],
      nodeTags: ["gke-node"],
      ...extra,
    });
  });
  const of = (type: string) => run.resources.filter((r) => r.type === type);
  const named = (type: string, fragment: string): PlannedResource => {
    const found = of(type).filter((r) => r.name.includes(fragment));
    assert.equal(
      found.length,
      1,
      `one ${type} named *${fragment}*, found ${found.map((r) => r.name).join(", ")}`,
    );
    return found[0];
  };
  return { run, of, named };
}

async function planError(yaml: string, extra: Extra = {}): Promise<InputError> {
  const error = await plan(yaml, extra).then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
  return error;
}

describe("backends: BackendConfig, readiness probes, IAP, IPv6 (recorded)", () => {
  let shop: Awaited<ReturnType<typeof plan>>;
  before(async () => {
    shop = await plan(SHOP);
  });

  it("puts every BackendConfig field of web on its backend service", () => {
    const inputs = shop.named(T.backendService, "-web-").inputs;
    assert.equal(inputs.timeoutSec, 45);
    assert.equal(inputs.connectionDrainingTimeoutSec, 60);
    assert.equal(inputs.sessionAffinity, "GENERATED_COOKIE");
    assert.equal(inputs.affinityCookieTtlSec, 3600);
    assert.equal(inputs.enableCdn, true);
    assert.deepEqual(inputs.cdnPolicy, {
      cacheMode: "CACHE_ALL_STATIC",
      defaultTtl: 600,
      maxTtl: 3600,
      clientTtl: 300,
      negativeCaching: true,
      negativeCachingPolicies: [{ code: 404, ttl: 60 }],
      requestCoalescing: true,
      serveWhileStale: 86400,
      signedUrlCacheMaxAgeSec: 7200,
      bypassCacheOnRequestHeaders: [{ headerName: "X-Bypass" }],
      cacheKeyPolicy: {
        includeHost: true,
        includeProtocol: false,
        includeQueryString: true,
        queryStringWhitelists: ["page"],
      },
    });
    assert.equal(inputs.securityPolicy, "shop-armor");
    assert.deepEqual(inputs.customRequestHeaders, ["X-Client-Region: {client_region}"]);
    assert.deepEqual(inputs.customResponseHeaders, ["X-Cache-Status: {cdn_cache_status}"]);
    assert.deepEqual(inputs.logConfig, { enable: true, sampleRate: 0.25 });
    assert.equal(inputs.iap, undefined);
  });

  it("puts web's BackendConfig healthCheck on its health check, over the defaults", () => {
    const inputs = shop.named(T.healthCheck, "-web-").inputs;
    assert.equal(inputs.checkIntervalSec, 10);
    assert.equal(inputs.timeoutSec, 3);
    assert.equal(inputs.healthyThreshold, 1);
    assert.equal(inputs.unhealthyThreshold, 4);
    assert.deepEqual(inputs.httpsHealthCheck, { port: 31500, requestPath: "/healthz" });
    assert.equal(inputs.httpHealthCheck, undefined);
  });

  it("opens the BackendConfig's health check port in the firewall rule", () => {
    const [firewall] = shop.of(T.firewall);
    const ports = (firewall.inputs.allows as { ports: string[] }[])[0].ports;
    assert.ok(ports.includes("31500"), ports.join(","));
  });

  it("derives api's health check from its readiness probe: path, Host header and timeout", () => {
    const inputs = shop.named(T.healthCheck, "-api-").inputs;
    const probe = inputs.httpHealthCheck as { port: number; requestPath: string; host: string };
    assert.equal(probe.requestPath, "/ready", "GKE adds the missing leading slash");
    assert.equal(probe.host, "api.shop.example");
    assert.equal(inputs.timeoutSec, 2);
    // Interval and thresholds stay the fast defaults.
    assert.equal(inputs.checkIntervalSec, 5);
    assert.equal(inputs.healthyThreshold, 2);
    assert.equal(inputs.unhealthyThreshold, 2);
    // The probe's port is a container port: the load balancer still probes the Service's nodePort.
    const backend = shop.named(T.backendService, "-api-").inputs;
    assert.equal(backend.portName, `port${probe.port}`);
  });

  it("enables IAP on admin with the OAuth client from its Secret, never in clear", () => {
    const admin = shop.named(T.backendService, "-admin-");
    assert.deepEqual(admin.inputs.iap, {
      enabled: true,
      oauth2ClientId: SECRET_MARKER,
      oauth2ClientSecret: SECRET_MARKER,
    });
    assert.ok(admin.secretPaths.includes("iap.oauth2ClientSecret"), admin.secretPaths.join(", "));
    const everything = JSON.stringify(shop.run);
    assert.ok(!everything.includes(OAUTH_CLIENT_SECRET), "the client secret shows in the plan");
    assert.ok(!everything.includes(OAUTH_CLIENT_ID), "the client id shows in the plan");
  });

  it("creates the manifests' Namespace before the objects in it", () => {
    const [namespace] = shop.of(T.namespace);
    assert.equal((namespace.inputs.metadata as { name: string }).name, "shop");
    const deployment = shop.of(T.deployment).find((d) => d.name.endsWith("-shop/api"));
    assert.ok(deployment?.dependencies.includes(namespace.urn), "the Deployment waits for its Namespace");
    const builtin = shop.of(T.deployment).find((d) => d.name.includes("default-backend"));
    assert.ok(
      builtin?.dependencies.includes(namespace.urn),
      "so does the load balancer's own default backend",
    );
  });

  it("typed backendOptions replace the BackendConfig's option and add balancing", async () => {
    const { named } = await plan(SHOP, {
      backendOptions: {
        "shop/web:80": {
          timeoutSec: 120,
          balancing: { mode: "RATE", maxRatePerInstance: 50, capacityScaler: 0.5 },
        },
      },
    });
    const inputs = named(T.backendService, "-web-").inputs;
    assert.equal(inputs.timeoutSec, 120);
    assert.equal(inputs.connectionDrainingTimeoutSec, 60, "the BackendConfig's other options stay");
    assert.deepEqual(inputs.backends, [
      { group: GROUP, balancingMode: "RATE", capacityScaler: 0.5, maxRatePerInstance: 50 },
    ]);
  });

  it("maps EXTERNAL_MANAGED-only options under that scheme", async () => {
    const { named } = await plan(SHOP, {
      scheme: "EXTERNAL_MANAGED",
      backendOptions: {
        "shop/api:80": {
          localityLbPolicy: "LEAST_REQUEST",
          outlierDetection: {
            consecutiveErrors: 3,
            intervalSec: 2,
            baseEjectionTimeSec: 30,
            maxEjectionPercent: 20,
          },
          sessionAffinity: {
            affinityType: "STRONG_COOKIE_AFFINITY",
            cookieName: "shop-session",
            affinityCookieTtlSec: 600,
          },
        },
      },
    });
    const inputs = named(T.backendService, "-api-").inputs;
    assert.equal(inputs.loadBalancingScheme, "EXTERNAL_MANAGED");
    assert.equal(inputs.localityLbPolicy, "LEAST_REQUEST");
    assert.deepEqual(inputs.outlierDetection, {
      consecutiveErrors: 3,
      interval: { seconds: 2 },
      baseEjectionTime: { seconds: 30 },
      maxEjectionPercent: 20,
    });
    assert.equal(inputs.sessionAffinity, "STRONG_COOKIE_AFFINITY");
    assert.deepEqual(inputs.strongSessionAffinityCookie, { name: "shop-session", ttl: { seconds: 600 } });
  });

  it("refuses an EXTERNAL_MANAGED-only option under EXTERNAL, naming the Service and the field", async () => {
    const error = await planError(SHOP, {
      backendOptions: { "shop/api:80": { localityLbPolicy: "RING_HASH" } },
    });
    assert.equal(error.origin.field, 'backendOptions["shop/api:80"].localityLbPolicy');
    assert.match(error.message, /Service shop\/api port 80/);
    assert.match(
      error.message,
      /needs the EXTERNAL_MANAGED load balancing scheme; this load balancer uses EXTERNAL/,
    );
  });

  it("reads an IAP BackendConfig's Secret the files lack from the cluster, the near name in the warning", async () => {
    const { run, named } = await plan(SHOP.replace("name: admin-oauth,", "name: admin-oauth2,"));
    const read = run.resources.filter((r) => r.read);
    assert.deepEqual(
      read.map((r) => [r.type, r.name, r.id]),
      [[T.secret, "shop-read:shop/admin-oauth", "shop/admin-oauth"]],
    );
    const admin = named(T.backendService, "-admin-");
    assert.deepEqual(admin.inputs.iap, {
      enabled: true,
      oauth2ClientId: SECRET_MARKER,
      oauth2ClientSecret: SECRET_MARKER,
    });
    assert.ok(admin.dependencies.includes(read[0].urn));
    const warning = run.logs.find((l) => l.message.includes("secret-read-from-cluster"));
    assert.match(
      warning?.message ?? "",
      /IAP OAuth client Secret shop\/admin-oauth is read from the cluster.*did you mean "admin-oauth2"\?/,
    );
  });

  it("serves IPv6 on a second reserved address with its own :80 rule to the same proxy", async () => {
    const { of } = await plan(SHOP, { ipv6: true });
    const addresses = of(T.address);
    assert.deepEqual(addresses.map((a) => a.inputs.ipVersion).sort(), ["IPV4", "IPV6"]);
    const rules = of(T.forwardingRule);
    assert.equal(rules.length, 2);
    assert.deepEqual(
      rules.map((r) => r.inputs.portRange),
      ["80", "80"],
    );
    assert.equal(rules[0].inputs.target, rules[1].inputs.target, "one HTTP proxy behind both addresses");
    assert.notEqual(rules[0].inputs.ipAddress, rules[1].inputs.ipAddress);
    // Google's front ends reach the nodes over IPv4 whatever the client spoke.
    const [firewall] = of(T.firewall);
    assert.ok((firewall.inputs.sourceRanges as string[]).every((range) => !range.includes(":")));
  });
});

describe("IPv6 with HTTPS (recorded)", () => {
  it("the IPv6 address gets :80 and :443, each to the IPv4 address's proxy", async () => {
    const manifests = seedTlsManifests(tlsSecretYaml("hello-ingress-secret", tlsFixtures().seed));
    const run = await recordPlan(() => {
      new IngressManifests("seed", {
        manifests,
        instanceGroups: [GROUP],
        nodeTags: ["gke-node"],
        ipv6: true,
      });
    });
    const addresses = run.resources.filter((r) => r.type === T.address);
    const v6 = addresses.find((a) => a.inputs.ipVersion === "IPV6");
    const v4 = addresses.find((a) => a.inputs.ipVersion === "IPV4");
    assert.ok(v4 && v6);
    const rules = run.resources.filter((r) => r.type === T.forwardingRule);
    const on = (address: PlannedResource, port: string) => {
      const found = rules.filter((r) => r.dependencies.includes(address.urn) && r.inputs.portRange === port);
      assert.equal(found.length, 1, `one :${port} rule on ${address.name}`);
      return found[0];
    };
    for (const port of ["80", "443"]) assert.equal(on(v6, port).inputs.target, on(v4, port).inputs.target);
    assert.equal(rules.length, 4);
  });
});

describe("one load balancer for many Ingresses (recorded)", () => {
  it("two teams' Ingresses on one static IP share one URL map, one proxy and one :80 rule", async () => {
    const { of } = await plan([team("team-a", "/a"), team("team-b", "/b")].join("\n---\n"));
    assert.equal(of(T.urlMap).length, 1);
    assert.equal(of(T.httpProxy).length, 1);
    const rules = of(T.forwardingRule);
    assert.equal(rules.length, 1);
    assert.equal(rules[0].inputs.portRange, "80");
    const addresses = of(T.address);
    assert.equal(addresses.length, 1);
    assert.equal(addresses[0].read, true, "the named address is looked up, not created");
    const services = of(T.backendService).map((b) => b.inputs.description);
    assert.ok(
      services.includes("Kubernetes Service team-a/app:80") &&
        services.includes("Kubernetes Service team-b/app:80"),
    );
  });

  it("refuses two Ingresses claiming the same path, naming both, before registering anything", async () => {
    const error = await planError([team("team-a", "/shared"), team("team-b", "/shared")].join("\n---\n"));
    assert.match(error.message, /team-a\/app/);
    assert.match(error.message, /team-b\/app/);
    assert.equal(error.origin.object, "Ingress/team-b/app");
  });
});
