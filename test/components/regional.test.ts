import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { IngressLoadBalancer } from "../../lib/components/load-balancer";
import { RegionalIngressLoadBalancer } from "../../lib/components/regional-load-balancer";
import { ManifestService } from "../../lib/components/manifest-service";
import { loadManifests, ManifestSet } from "../../lib/ingress/manifests";
import { normalizeIngress, normalizeService } from "../../lib/ingress/normalize";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { tlsFixtures } from "../tls/fixtures";
import { keyMaterial, one, tlsSecretYaml } from "./https-fixtures";
import { parseManifests } from "../../lib/ingress/manifests";

const MIXED = path.resolve(__dirname, "../fixtures/regional/mixed");
const file = (name: string) => path.join(MIXED, name);
const GROUP =
  "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b/instanceGroups/gke-nodes";
const REGIONAL = {
  region: "europe-west1",
  subnetwork: "gke-nodes",
  proxyOnlySubnet: { ipCidrRange: "10.129.0.0/23" },
};
const CLUSTER = { instanceGroups: [GROUP], nodeTags: ["gke-node"], network: "vpc" };

const T = {
  address: "gcp:compute/address:Address",
  globalAddress: "gcp:compute/globalAddress:GlobalAddress",
  healthCheck: "gcp:compute/regionHealthCheck:RegionHealthCheck",
  backendService: "gcp:compute/regionBackendService:RegionBackendService",
  urlMap: "gcp:compute/regionUrlMap:RegionUrlMap",
  httpProxy: "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy",
  httpsProxy: "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
  forwardingRule: "gcp:compute/forwardingRule:ForwardingRule",
  globalForwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
  certificate: "gcp:compute/regionSslCertificate:RegionSslCertificate",
  sslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
  subnetwork: "gcp:compute/subnetwork:Subnetwork",
  firewall: "gcp:compute/firewall:Firewall",
};

const types = (resources: PlannedResource[]) => new Set(resources.map((r) => r.type));

/** IngressManifests over `manifests` with the regional args; resources registered, or the error. */
async function planManifests(manifests: ManifestSet, extra: object = REGIONAL) {
  let caught: unknown;
  const run = await recordPlan(() => {
    try {
      new IngressManifests("app", { manifests, ...CLUSTER, ...extra });
    } catch (err) {
      caught = err;
    }
  });
  return { caught, resources: run.resources };
}

describe("RegionalIngressLoadBalancer (under the recording monitor)", () => {
  it("gce-internal: INTERNAL_MANAGED regional resources on a private address, no global forwarding rule", async () => {
    const { caught, resources } = await planManifests(
      loadManifests([file("internal.yaml"), file("services.yaml")]),
      { ...REGIONAL, proxyOnlySubnet: { ipCidrRange: "10.129.0.0/23" } },
    );
    assert.equal(caught, undefined);
    const present = types(resources);
    for (const type of [
      T.healthCheck,
      T.backendService,
      T.urlMap,
      T.httpProxy,
      T.forwardingRule,
      T.subnetwork,
    ])
      assert.ok(present.has(type), type);
    for (const type of [T.globalForwardingRule, T.globalAddress, "gcp:compute/backendService:BackendService"])
      assert.ok(!present.has(type), type);

    // The annotation's regional address, looked up in the region, never created.
    const address = one(resources, T.address);
    assert.equal(address.read, true);
    assert.equal(address.id, "orders-ilb-ip");
    const rule = one(resources, T.forwardingRule);
    assert.deepEqual(
      [rule.inputs.loadBalancingScheme, rule.inputs.region, rule.inputs.network, rule.inputs.subnetwork],
      ["INTERNAL_MANAGED", "europe-west1", "vpc", "gke-nodes"],
    );
    assert.equal(rule.inputs.portRange, "80");
    const subnet = one(resources, T.subnetwork);
    assert.deepEqual(
      [
        subnet.inputs.purpose,
        subnet.inputs.role,
        subnet.inputs.ipCidrRange,
        subnet.inputs.region,
        subnet.inputs.network,
      ],
      ["REGIONAL_MANAGED_PROXY", "ACTIVE", "10.129.0.0/23", "europe-west1", "vpc"],
    );
    // GCP refuses the forwarding rule while the region has no proxy-only subnet.
    assert.ok(rule.dependencies.includes(subnet.urn));
    for (const service of resources.filter((r) => r.type === T.backendService)) {
      assert.equal(service.inputs.loadBalancingScheme, "INTERNAL_MANAGED");
      assert.equal(service.inputs.region, "europe-west1");
      assert.deepEqual(
        (service.inputs.backends as { group: string }[]).map((b) => b.group),
        [GROUP],
      );
    }
    // The proxies' subnet and Google's health checkers, nothing else, to the NodePorts.
    const firewall = one(resources, T.firewall);
    assert.deepEqual(firewall.inputs.sourceRanges, ["10.129.0.0/23", "35.191.0.0/16", "130.211.0.0/22"]);
    assert.deepEqual(firewall.inputs.targetTags, ["gke-node"]);
  });

  it("gce-internal without a static IP reserves a private address for :80 and :443 to share", async () => {
    const manifests = loadManifests([file("internal.yaml"), file("services.yaml")]);
    delete (manifests.ingresses[0].object.metadata.annotations as Record<string, string>)[
      "kubernetes.io/ingress.regional-static-ip-name"
    ];
    const { resources } = await planManifests(manifests);
    const address = one(resources, T.address);
    assert.equal(address.read, undefined);
    assert.deepEqual(
      [address.inputs.addressType, address.inputs.subnetwork, address.inputs.purpose, address.inputs.region],
      ["INTERNAL", "gke-nodes", "SHARED_LOADBALANCER_VIP", "europe-west1"],
    );
  });

  it("gce-regional-external with TLS: regional certificate, policy, HTTPS proxy, Standard-tier address", async () => {
    const pem = tlsFixtures().valid;
    const manifests = loadManifests([file("regional-external.yaml"), file("services.yaml")]);
    const extra = parseManifests(`${tlsSecretYaml("partners-tls", pem)}\n`, "secret.yaml");
    manifests.secrets.push(...extra.secrets);
    (manifests.ingresses[0].object.spec as Record<string, unknown>).tls = [{ secretName: "partners-tls" }];
    const { caught, resources } = await planManifests(manifests, {
      ...REGIONAL,
      subnetwork: undefined,
      proxyOnlySubnet: { ipCidrRange: "10.129.0.0/23", exists: true },
      now: new Date(),
      redirectToHttps: true,
    });
    assert.equal(caught, undefined, String(caught));
    const address = one(resources, T.address);
    assert.deepEqual(
      [address.inputs.addressType, address.inputs.networkTier, address.inputs.subnetwork],
      ["EXTERNAL", "STANDARD", undefined],
    );
    const rules = resources.filter((r) => r.type === T.forwardingRule);
    assert.deepEqual(rules.map((r) => r.inputs.portRange).sort(), ["443", "80"]);
    for (const rule of rules) {
      assert.deepEqual(
        [rule.inputs.loadBalancingScheme, rule.inputs.networkTier, rule.inputs.subnetwork],
        ["EXTERNAL_MANAGED", "STANDARD", undefined],
      );
    }
    // Said to exist: none created, and the firewall still admits its range.
    assert.ok(!types(resources).has(T.subnetwork));
    assert.deepEqual(one(resources, T.firewall).inputs.sourceRanges, [
      "10.129.0.0/23",
      "35.191.0.0/16",
      "130.211.0.0/22",
    ]);
    const certificate = one(resources, T.certificate);
    assert.ok(certificate.secretPaths.includes("privateKey"));
    const everything = JSON.stringify(resources);
    for (const text of keyMaterial(pem.privateKeyPem)) assert.ok(!everything.includes(text));
    const proxy = one(resources, T.httpsProxy);
    assert.ok(proxy.dependencies.includes(certificate.urn));
    assert.ok(proxy.dependencies.includes(one(resources, T.sslPolicy).urn));
    // :80 answers with a redirect to HTTPS from a regional URL map of its own.
    const maps = resources.filter((r) => r.type === T.urlMap);
    const redirect = maps.find((m) => m.inputs.defaultUrlRedirect !== undefined);
    assert.ok(redirect && maps.length === 2);
    assert.ok(one(resources, T.httpProxy).dependencies.includes(redirect.urn));
  });

  it("a folder mixing public, internal and regional external Ingresses: one shared proxy-only subnet, the global load balancer as it was alone", async () => {
    const mixed = await planManifests(loadManifests([MIXED]));
    assert.equal(mixed.caught, undefined);
    assert.equal(mixed.resources.filter((r) => r.type === T.subnetwork).length, 1);
    assert.deepEqual(
      mixed.resources
        .filter(
          (r) => r.component && r.type.startsWith("ingress-glb:index:") && r.type.endsWith("LoadBalancer"),
        )
        .map((r) => `${r.type.slice("ingress-glb:index:".length)} ${r.name}`)
        .sort(),
      [
        "IngressLoadBalancer app-default-web",
        "RegionalIngressLoadBalancer app-default-partners",
        "RegionalIngressLoadBalancer app-orders-ilb-ip",
      ],
    );
    // The public Ingress alone, with no regional args at all: the same URNs and inputs for its load balancer.
    const alone = await planManifests(loadManifests([file("public.yaml"), file("services.yaml")]), {});
    const globalPart = (resources: PlannedResource[]) =>
      resources
        .filter(
          (r) => r.urn.includes("IngressLoadBalancer$") && !r.urn.includes("RegionalIngressLoadBalancer"),
        )
        .map((r) => ({ urn: r.urn, inputs: r.inputs }));
    assert.deepEqual(globalPart(mixed.resources), globalPart(alone.resources));
    assert.ok(globalPart(alone.resources).length > 5);
  });

  const refusals: [string, object, RegExp][] = [
    [
      "no region",
      { ...REGIONAL, region: undefined },
      /region: Ingress default\/orders \(class "gce-internal"\) is a regional load balancer, and no region was given/,
    ],
    [
      "no subnetwork",
      { ...REGIONAL, subnetwork: undefined },
      /subnetwork: Ingress default\/orders \(class "gce-internal"\) takes its private address from the nodes' subnetwork/,
    ],
    [
      "no proxy-only subnet",
      { ...REGIONAL, proxyOnlySubnet: undefined },
      /proxyOnlySubnet.ipCidrRange: .*REGIONAL_MANAGED_PROXY/,
    ],
  ];
  for (const [title, args, message] of refusals) {
    it(`refuses ${title} before registering anything`, async () => {
      const { caught, resources } = await planManifests(
        loadManifests([file("internal.yaml"), file("services.yaml")]),
        args,
      );
      assert.match(String(caught), message);
      assert.deepEqual(
        resources.map((r) => r.type),
        ["pulumi:pulumi:Stack"],
      );
    });
  }

  it("each component refuses the other scope's Ingress", async () => {
    const set = loadManifests([MIXED]);
    const ing = (name: string) => {
      const m = set.ingresses.find((i) => i.name === name);
      assert.ok(m);
      return normalizeIngress(m.object, m.origin, m.lineOf);
    };
    const errors: string[] = [];
    await recordPlan(() => {
      const backends = set.services.map(
        (m) => new ManifestService(normalizeService(m.object, m.origin), m.object, m.name, {}),
      );
      const args = { ...CLUSTER, backends };
      try {
        new IngressLoadBalancer("g", { ...args, ingresses: [ing("orders")] });
      } catch (err) {
        errors.push(String(err));
      }
      try {
        new RegionalIngressLoadBalancer("r", { ...args, ...REGIONAL, ingresses: [ing("web")] });
      } catch (err) {
        errors.push(String(err));
      }
    });
    assert.equal(errors.length, 2);
    assert.match(
      errors[0],
      /is of class "gce-internal", a regional load balancer .*RegionalIngressLoadBalancer/,
    );
    assert.match(errors[1], /is of class "gce", a global load balancer/);
  });
});

describe("RegionalIngressLoadBalancer: every child is exposed", () => {
  it("every resource under it is one of its fields, of its class", async () => {
    const value = <V>(output: pulumi.Output<V>) => new Promise<V>((done) => output.apply(done));
    let fields: string[] = [];
    let lbUrn = "";
    const run = await recordPlan(async () => {
      const component = new IngressManifests("app", {
        manifests: loadManifests([file("regional-external.yaml"), file("services.yaml")]),
        ...CLUSTER,
        ...REGIONAL,
      });
      assert.equal(component.loadBalancers.length, 0, "no global load balancer");
      const [lb] = component.regionalLoadBalancers;
      assert.ok(lb instanceof RegionalIngressLoadBalancer);
      assert.ok(lb.firewall instanceof gcp.compute.Firewall);
      assert.ok(lb.address instanceof gcp.compute.Address);
      assert.ok(lb.httpForwardingRule instanceof gcp.compute.ForwardingRule);
      assert.ok(lb.httpProxy instanceof gcp.compute.RegionTargetHttpProxy);
      assert.deepEqual(Object.keys(lb.healthChecks), Object.keys(lb.backendServices));
      for (const check of Object.values(lb.healthChecks))
        assert.ok(check instanceof gcp.compute.RegionHealthCheck);
      const exposed: pulumi.Resource[] = [
        ...Object.values(lb.backendServices),
        ...Object.values(lb.healthChecks),
        // Its named ports are IngressManifests' children (shared by every load balancer): not counted here.
        lb.firewall,
        lb.urlMap,
        lb.address,
        lb.httpProxy,
        lb.httpForwardingRule,
        ...(lb.defaultBackend ? [lb.defaultBackend] : []),
        ...(lb.https ? [lb.https.proxy, ...lb.https.certificates] : []),
        ...(lb.httpsForwardingRule ? [lb.httpsForwardingRule] : []),
        ...(lb.https?.sslPolicy ? [lb.https.sslPolicy] : []),
      ];
      fields = await Promise.all(exposed.map((r) => value(r.urn)));
      lbUrn = await value(lb.urn);
    });
    const children = run.resources.filter((r) => r.parent === lbUrn).map((r) => r.urn);
    assert.ok(children.length >= 7, `${children.length} children`);
    assert.deepEqual([...new Set(fields)].sort(), [...children].sort());
  });
});
