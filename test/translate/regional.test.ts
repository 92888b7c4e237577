import { strict as assert } from "node:assert";
import { readIngressAnnotations } from "../../lib/ingress/annotations";
import { LoadBalancerModel } from "../../lib/translate/model";
import { groupIngresses } from "../../lib/translate/load-balancer-groups";
import {
  checkRegionalArgs,
  proxyOnlyRangeProblem,
  regionProblem,
  subnetworkProblem,
} from "../../lib/translate/regional-args";
import { translate, TranslateInput } from "../../lib/translate/translate";
import { expectInputError } from "../ingress/expect-input-error";
import { ingress, nodePortService, seedIngress, seedServices } from "./fixtures";
import { gkeManifests } from "./frontend-fixtures";

const CLASS = "kubernetes.io/ingress.class";
const REGIONAL_IP = "kubernetes.io/ingress.regional-static-ip-name";
const GLOBAL_IP = "kubernetes.io/ingress.global-static-ip-name";

const seedOf = (annotations: Record<string, string>, name = "hello-ingress") =>
  seedIngress({ name, annotations, origin: { object: `Ingress/default/${name}` } });

const regional = (annotations: Record<string, string>, extra: Partial<TranslateInput> = {}) =>
  translate({ name: "lb", ingresses: [seedOf(annotations)], services: seedServices(), ...extra });

describe("translate: regional classes", () => {
  const shapes: {
    title: string;
    annotations: Record<string, string>;
    scheme: string;
    regional: LoadBalancerModel["regional"];
    staticIp: LoadBalancerModel["frontend"]["staticIp"];
  }[] = [
    {
      title: "gce-internal: INTERNAL_MANAGED on a reserved private address",
      annotations: { [CLASS]: "gce-internal" },
      scheme: "INTERNAL_MANAGED",
      regional: { className: "gce-internal", addressType: "INTERNAL", networkTier: "PREMIUM" },
      staticIp: { kind: "reserve", name: "lb-ip" },
    },
    {
      title: "gce-internal with a regional static IP: that address, never reserved",
      annotations: { [CLASS]: "gce-internal", [REGIONAL_IP]: "orders-ip" },
      scheme: "INTERNAL_MANAGED",
      regional: { className: "gce-internal", addressType: "INTERNAL", networkTier: "PREMIUM" },
      staticIp: { kind: "existing", name: "orders-ip" },
    },
    {
      title: "gce-regional-external: EXTERNAL_MANAGED on a Standard-tier regional address",
      annotations: { [CLASS]: "gce-regional-external" },
      scheme: "EXTERNAL_MANAGED",
      regional: { className: "gce-regional-external", addressType: "EXTERNAL", networkTier: "STANDARD" },
      staticIp: { kind: "reserve", name: "lb-ip" },
    },
    {
      title: "gce (or no class): global, no regional part, as before",
      annotations: {},
      scheme: "EXTERNAL",
      regional: undefined,
      staticIp: { kind: "reserve", name: "lb-ip" },
    },
  ];
  for (const c of shapes) {
    it(c.title, () => {
      const model = regional(c.annotations);
      assert.equal(model.scheme, c.scheme);
      assert.deepEqual(model.regional, c.regional);
      assert.deepEqual(model.frontend.staticIp, c.staticIp);
      // One translation: the same URL map and backends whatever the class.
      const global = regional({});
      assert.deepEqual(model.urlMap, global.urlMap);
      assert.deepEqual(
        model.backends.map((b) => b.key),
        global.backends.map((b) => b.key),
      );
    });
  }

  it("a regional class ignores the global scheme option", () => {
    assert.equal(regional({ [CLASS]: "gce-internal" }, { scheme: "EXTERNAL" }).scheme, "INTERNAL_MANAGED");
  });

  const refusals: {
    title: string;
    run: () => unknown;
    want: Parameters<typeof expectInputError>[1];
  }[] = [
    {
      title: "a global static IP annotation on a gce-internal Ingress",
      run: () => regional({ [CLASS]: "gce-internal", [GLOBAL_IP]: "web-ip" }),
      want: {
        field: `metadata.annotations["${GLOBAL_IP}"]`,
        problem: 'a global static IP cannot serve class "gce-internal"',
        hint: REGIONAL_IP,
      },
    },
    {
      title: "a regional static IP that is no GCP name",
      run: () => regional({ [CLASS]: "gce-regional-external", [REGIONAL_IP]: "Orders_IP" }),
      want: { field: `metadata.annotations["${REGIONAL_IP}"]`, hint: 'did you mean "orders-ip"?' },
    },
    {
      title: "the library's staticIpName (a global address) for a regional Ingress",
      run: () => regional({ [CLASS]: "gce-internal" }, { staticIpName: "web-ip" }),
      want: { field: "staticIpName", problem: "names a global address", hint: REGIONAL_IP },
    },
    {
      title: "ipv6 for a regional Ingress",
      run: () => regional({ [CLASS]: "gce-regional-external" }, { ipv6: true }),
      want: { field: "ipv6", problem: "reserves a global IPv6 address" },
    },
    {
      title: "Cloud CDN on a backend of a regional Ingress",
      run: () =>
        regional(
          { [CLASS]: "gce-internal" },
          { backendOptions: { "default/users-node-svc:80": { cdn: { enabled: true } } } },
        ),
      want: { problem: "Cloud CDN serves global load balancers only", hint: "cdn.enabled false" },
    },
    {
      title: "a Cloud Armor policy on a backend of a regional Ingress",
      run: () =>
        regional(
          { [CLASS]: "gce-regional-external" },
          { backendOptions: { "default/users-node-svc:80": { securityPolicy: { name: "armor" } } } },
        ),
      want: { problem: 'Cloud Armor policy "armor"', hint: "remove securityPolicy" },
    },
    {
      title: "custom request headers on a backend of a regional Ingress",
      run: () =>
        regional(
          { [CLASS]: "gce-internal" },
          {
            backendOptions: { "default/users-node-svc:80": { customRequestHeaders: { headers: ["X-A:b"] } } },
          },
        ),
      want: { problem: "a regional backend service has no custom headers" },
    },
    {
      title: "a Google-managed certificate on a regional Ingress",
      run: () =>
        translate({
          name: "lb",
          ingresses: [
            seedOf({
              [CLASS]: "gce-regional-external",
              "networking.gke.io/managed-certificates": "shop-cert",
            }),
          ],
          services: seedServices(),
          frontend: {
            now: new Date(),
            managedCertificateObjects: gkeManifests(
              "apiVersion: networking.gke.io/v1\nkind: ManagedCertificate\nmetadata: {name: shop-cert}\nspec: {domains: [shop.example.com]}",
            ).managedCertificateObjects,
          },
        }),
      want: {
        object: "ManagedCertificate/default/shop-cert",
        problem: "GKE's ManagedCertificate is a global certificate",
      },
    },
    {
      title: "QUIC on a regional Ingress",
      run: () =>
        translate({
          name: "lb",
          ingresses: [seedOf({ [CLASS]: "gce-internal", "ingress.gcp.kubernetes.io/pre-shared-cert": "c1" })],
          services: seedServices(),
          frontend: { now: new Date(), quic: true },
        }),
      want: { field: "quic", problem: "QUIC is an option of global HTTPS proxies" },
    },
    {
      title: "two classes on one load balancer",
      run: () =>
        translate({
          name: "lb",
          ingresses: [seedOf({ [CLASS]: "gce-internal" }, "a"), seedOf({}, "b")],
          services: seedServices(),
        }),
      want: { problem: "cannot share one load balancer: their classes differ" },
    },
  ];
  for (const c of refusals) {
    it(`refuses ${c.title}`, () => {
      expectInputError(c.run, c.want);
    });
  }

  it("pre-shared certificates of a regional Ingress are the region's, said in a warning", () => {
    const model = translate({
      name: "lb",
      ingresses: [
        seedOf({ [CLASS]: "gce-internal", "ingress.gcp.kubernetes.io/pre-shared-cert": "orders-cert" }),
      ],
      services: seedServices(),
      frontend: { now: new Date() },
    });
    assert.deepEqual(
      model.frontend.https?.preSharedCertificates.map((c) => c.name),
      ["orders-cert"],
    );
    const warning = model.warnings.find((w) => w.code === "regional-pre-shared-certificate");
    assert.match(warning?.message ?? "", /"orders-cert" .* regional SSL certificate of the cluster's region/);
  });

  it("a wildcard host warns what the regional URL map could match, and a global one does not", () => {
    const wildcard = (annotations: Record<string, string>) =>
      translate({
        name: "lb",
        ingresses: [
          ingress([{ host: "*.shop.example.com", paths: [["/", "Prefix", "web", 80]] }], {
            annotations,
          }),
        ],
        services: [nodePortService("web")],
      }).warnings.map((w) => w.code);
    assert.deepEqual(wildcard({ [CLASS]: "gce-internal" }), [
      "wildcard-host-depth",
      "regional-url-map-expressible",
    ]);
    assert.deepEqual(wildcard({}), ["wildcard-host-depth"]);
  });
});

describe("readIngressAnnotations: class and addresses", () => {
  const read = (annotations: Record<string, string>) =>
    readIngressAnnotations({ annotations, origin: { object: "Ingress/default/web" } });
  const cases: [string, Record<string, string>, Partial<ReturnType<typeof read>>][] = [
    [
      "gce-internal with a regional IP",
      { [CLASS]: "gce-internal", [REGIONAL_IP]: "a" },
      { regionalClass: "gce-internal", regionalStaticIpName: "a" },
    ],
    [
      "gce-regional-external",
      { [CLASS]: " gce-regional-external " },
      { regionalClass: "gce-regional-external" },
    ],
    ["gce with a global IP", { [CLASS]: "gce", [GLOBAL_IP]: "g" }, { staticIpName: "g" }],
  ];
  for (const [title, annotations, want] of cases) {
    it(title, () => {
      const got = read(annotations);
      assert.equal(got.regionalClass, want.regionalClass);
      assert.equal(got.regionalStaticIpName, want.regionalStaticIpName);
      assert.equal(got.staticIpName, want.staticIpName);
    });
  }
});

describe("groupIngresses: regional classes", () => {
  const ing = (name: string, annotations: Record<string, string>) =>
    seedIngress({ name, annotations, origin: { object: `Ingress/default/${name}` } });

  it("a regional static IP groups its Ingresses; never with another class's or a global one", () => {
    const groups = groupIngresses("c", [
      ing("a", { [CLASS]: "gce-internal", [REGIONAL_IP]: "ip" }),
      ing("b", { [CLASS]: "gce-internal", [REGIONAL_IP]: "ip" }),
      ing("c", { [CLASS]: "gce-internal" }),
      ing("d", {}),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.name, g.ingresses.map((i) => i.name), g.regional ?? false]),
      [
        ["c-ip", ["a", "b"], true],
        ["c-default-c", ["c"], true],
        ["c-default-d", ["d"], false],
      ],
    );
    // 0.1.0 made no regional load balancer: nothing to alias.
    for (const group of groups.filter((g) => g.regional)) assert.equal(group.legacyName, group.name);
  });

  it("refuses a global and a regional address of one name (one load balancer name for both)", () => {
    expectInputError(
      () =>
        groupIngresses("c", [
          ing("a", { [GLOBAL_IP]: "ip" }),
          ing("b", { [CLASS]: "gce-internal", [REGIONAL_IP]: "ip" }),
        ]),
      { problem: 'would both be load balancer "c-ip"' },
    );
  });
});

describe("checkRegionalArgs", () => {
  const internal = {
    regional: { className: "gce-internal", addressType: "INTERNAL", networkTier: "PREMIUM" },
  } as const;
  const external = {
    regional: { className: "gce-regional-external", addressType: "EXTERNAL", networkTier: "STANDARD" },
  } as const;
  const models = (...m: (typeof internal | typeof external | object)[]) =>
    m.map((x) => ({ ingresses: ["default/web"], ...x })) as Pick<
      LoadBalancerModel,
      "regional" | "ingresses"
    >[];
  const ok = {
    region: "europe-west1",
    subnetwork: "default",
    proxyOnlySubnet: { ipCidrRange: "10.129.0.0/23" },
  };

  it("asks nothing of global load balancers", () => {
    assert.doesNotThrow(() => checkRegionalArgs(models({}), {}));
  });
  it("takes what a regional one needs", () => {
    assert.doesNotThrow(() => checkRegionalArgs(models(internal, external), ok));
    // A regional external one needs no subnetwork.
    assert.doesNotThrow(() => checkRegionalArgs(models(external), { ...ok, subnetwork: undefined }));
  });

  const cases: [string, object, Parameters<typeof expectInputError>[1], object?][] = [
    ["no region", { ...ok, region: undefined }, { field: "region", problem: "no region was given" }],
    [
      "a zone for a region",
      { ...ok, region: "europe-west1-b" },
      { field: "region", problem: "expected a region" },
    ],
    [
      "no subnetwork (internal)",
      { ...ok, subnetwork: undefined },
      { field: "subnetwork", problem: "none was given" },
    ],
    [
      "a subnetwork link of another region",
      { ...ok, subnetwork: "projects/p/regions/us-east1/subnetworks/nodes" },
      { field: "subnetwork", problem: "is in region us-east1, not europe-west1" },
    ],
    [
      "no proxy-only subnet",
      { ...ok, proxyOnlySubnet: undefined },
      { field: "proxyOnlySubnet.ipCidrRange", problem: "REGIONAL_MANAGED_PROXY" },
    ],
    [
      "an instance group of another region",
      {
        ...ok,
        instanceGroups: [
          "https://www.googleapis.com/compute/v1/projects/p/zones/us-east1-b/instanceGroups/g",
        ],
      },
      { field: "instanceGroups[0]", problem: "is in region us-east1" },
    ],
  ];
  for (const [title, args, want] of cases) {
    it(`refuses ${title}`, () => {
      expectInputError(() => checkRegionalArgs(models(internal), args), want);
    });
  }

  const forms: [string, (v: string) => string | undefined, string, boolean][] = [
    ["region", regionProblem, "northamerica-northeast1", true],
    ["region", regionProblem, "us-central1-a", false],
    ["subnetwork", subnetworkProblem, "default", true],
    [
      "subnetwork",
      subnetworkProblem,
      "https://www.googleapis.com/compute/v1/projects/p/regions/us-central1/subnetworks/nodes",
      true,
    ],
    ["subnetwork", subnetworkProblem, "projects/p/global/networks/n", false],
    ["proxy-only range", proxyOnlyRangeProblem, "10.129.0.0/23", true],
    ["proxy-only range", proxyOnlyRangeProblem, "10.129.0.0/26", true],
    ["proxy-only range", proxyOnlyRangeProblem, "10.129.0.0/27", false],
    ["proxy-only range", proxyOnlyRangeProblem, "10.129.1.0/23", false],
    ["proxy-only range", proxyOnlyRangeProblem, "10.300.0.0/23", false],
  ];
  for (const [what, problem, value, valid] of forms) {
    it(`${what} ${value}: ${valid ? "valid" : "refused"}`, () => {
      assert.equal(problem(value) === undefined, valid, problem(value));
    });
  }
  it("names the range a misaligned proxy-only subnet meant", () => {
    assert.match(proxyOnlyRangeProblem("10.129.1.0/23") ?? "", /did you mean 10\.129\.0\.0\/23\?/);
  });
});
