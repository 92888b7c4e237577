import { strict as assert } from "assert";
import { translate } from "../../lib/translate/translate";
import { GCP_NAME_PATTERN, LOGICAL_NAME_MAX } from "../../lib/translate/names";
import { LoadBalancerModel } from "../../lib/translate/model";
import { NormalizedIngress } from "../../lib/ingress/types";
import { ingress, nodePortService, seedIngress, seedServices } from "./fixtures";

/** host -> path pattern -> backend key, read off the model's URL map. */
function routingTable(model: LoadBalancerModel): Record<string, Record<string, string>> {
  const table: Record<string, Record<string, string>> = {};
  for (const rule of model.urlMap.hostRules) {
    const matcher = model.urlMap.pathMatchers.find((m) => m.name === rule.pathMatcher);
    assert.ok(matcher);
    for (const host of rule.hosts) {
      table[host] = {};
      for (const pathRule of matcher.pathRules) {
        for (const path of pathRule.paths) table[host][path] = pathRule.backend;
      }
    }
  }
  return table;
}

describe("translate", () => {
  it("the seed: two backends, a built-in default, /users/* and /products/* on any host", () => {
    const model = translate({ name: "hello-ingress", ingresses: [seedIngress()], services: seedServices() });
    assert.deepEqual(
      model.backends.map((b) => [b.key, b.builtinDefault]),
      [
        ["default/users-node-svc:80", false],
        ["default/products-node-svc:80", false],
        ["default/hello-ingress-default-backend:80", true],
      ],
    );
    assert.deepEqual(routingTable(model), {
      "*": { "/users/*": "default/users-node-svc:80", "/products/*": "default/products-node-svc:80" },
    });
    assert.equal(model.urlMap.defaultBackend, "default/hello-ingress-default-backend:80");
    assert.deepEqual(model.frontend, { staticIp: { kind: "reserve", name: "hello-ingress-ip" }, http: true });
    assert.equal(model.scheme, "EXTERNAL");
    assert.deepEqual(model.warnings, []);
  });

  it("one backend per distinct service port, shared by every path naming it", () => {
    const svc = nodePortService("api", "default", {
      ports: [
        { name: "http", port: 80 },
        { name: "admin", port: 9000 },
      ],
    });
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          {
            paths: [
              ["/a", "Prefix", "api", 80],
              ["/b", "Prefix", "api", "http"],
              ["/admin", "Prefix", "api", "admin"],
            ],
          },
        ]),
      ],
      services: [svc],
    });
    assert.deepEqual(
      model.backends.filter((b) => !b.builtinDefault).map((b) => b.key),
      ["default/api:80", "default/api:9000"],
    );
  });

  for (const order of [
    ["Exact", "Prefix"],
    ["Prefix", "Exact"],
  ] as const) {
    it(`Exact beats Prefix on the same path whatever the order (${order.join(" then ")})`, () => {
      const paths = {
        Exact: ["/foo", "Exact", "exact-svc"] as const,
        Prefix: ["/foo", "Prefix", "prefix-svc"] as const,
      };
      const model = translate({
        name: "lb",
        ingresses: [ingress([{ host: "foo.com", paths: order.map((kind) => [...paths[kind]]) }])],
        services: [nodePortService("exact-svc"), nodePortService("prefix-svc")],
      });
      assert.deepEqual(routingTable(model)["foo.com"], {
        "/foo": "default/exact-svc:80",
        "/foo/*": "default/prefix-svc:80",
      });
    });
  }

  it("a host+path given twice with different backends is an error naming both", () => {
    assert.throws(
      () =>
        translate({
          name: "lb",
          ingresses: [
            ingress([
              {
                paths: [
                  ["/a", "Prefix", "one"],
                  ["/a", "Prefix", "two"],
                ],
              },
            ]),
          ],
          services: [nodePortService("one"), nodePortService("two")],
        }),
      /path "\/a" \(Prefix\) is given twice with different backends: default\/one:80 at spec.rules\[0\].http.paths\[0\] and default\/two:80/,
    );
  });

  it("the same path twice with the same backend is harmless", () => {
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          {
            paths: [
              ["/a", "Prefix", "one"],
              ["/a/", "Prefix", "one"],
            ],
          },
        ]),
      ],
      services: [nodePortService("one")],
    });
    assert.deepEqual(routingTable(model)["*"], { "/a": "default/one:80", "/a/*": "default/one:80" });
  });

  it("hosts get their own path matchers with valid names; rules without host go to *", () => {
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          { host: "foo.com", paths: [["/", "Prefix", "one"]] },
          { host: "*.foo.com", paths: [["/x", "Exact", "two"]] },
          { paths: [["/", "Prefix", "two"]] },
        ]),
      ],
      services: [nodePortService("one"), nodePortService("two")],
    });
    assert.deepEqual(
      model.urlMap.hostRules.map((r) => r.hosts),
      [["foo.com"], ["*.foo.com"], ["*"]],
    );
    for (const matcher of model.urlMap.pathMatchers) assert.match(matcher.name, GCP_NAME_PATTERN);
    assert.deepEqual(
      model.warnings.map((w) => w.code),
      ["wildcard-host-depth"],
    );
  });

  it("the spec's default backend becomes the URL map's and path matchers' default; no built-in", () => {
    const ing = seedIngress({ defaultBackend: { service: "users-node-svc", port: 80, origin: {} } });
    const model = translate({ name: "lb", ingresses: [ing], services: seedServices() });
    assert.equal(model.urlMap.defaultBackend, "default/users-node-svc:80");
    assert.ok(model.urlMap.pathMatchers.every((m) => m.defaultBackend === "default/users-node-svc:80"));
    assert.ok(!model.backends.some((b) => b.builtinDefault));
  });

  it("every name is valid, short enough for autonaming, and distinct for long namespaces", () => {
    const ns = "team-with-a-namespace-name-that-goes-on-and-on-and-on";
    const services = ["svc-a-with-a-rather-long-name-indeed", "svc-a-with-a-rather-long-name-indeex"].map(
      (n) => nodePortService(n, ns),
    );
    const model = translate({
      name: "a-load-balancer-with-a-long-name",
      ingresses: [
        ingress(
          [
            {
              paths: [
                ["/a", "Prefix", services[0].name],
                ["/b", "Prefix", services[1].name],
              ],
            },
          ],
          { namespace: ns },
        ),
      ],
      services,
    });
    const names = [...model.backends.map((b) => b.name), model.urlMap.name];
    for (const name of names) {
      assert.match(name, GCP_NAME_PATTERN);
      assert.ok(name.length <= LOGICAL_NAME_MAX, `${name} is ${name.length} long`);
    }
    assert.equal(new Set(names).size, names.length);
  });

  it("uses an existing static IP named by the annotation, never reserving one", () => {
    const ing = seedIngress({
      annotations: { "kubernetes.io/ingress.global-static-ip-name": "hello-ingress-ip" },
    });
    const model = translate({ name: "lb", ingresses: [ing], services: seedServices() });
    assert.deepEqual(model.frontend.staticIp, { kind: "existing", name: "hello-ingress-ip" });
  });

  it("the static IP option wins over the annotation", () => {
    const ing = seedIngress({
      annotations: { "kubernetes.io/ingress.global-static-ip-name": "from-annotation" },
    });
    const model = translate({
      name: "lb",
      ingresses: [ing],
      services: seedServices(),
      staticIpName: "from-option",
    });
    assert.deepEqual(model.frontend.staticIp, { kind: "existing", name: "from-option" });
  });

  it("refuses allow-http false without TLS", () => {
    const ing = seedIngress({ annotations: { "kubernetes.io/ingress.allow-http": "false" } });
    assert.throws(
      () => translate({ name: "lb", ingresses: [ing], services: seedServices() }),
      /allow-http is "false" but the Ingress has no TLS/,
    );
  });

  const backendErrors: [string, Parameters<typeof translate>[0]["services"], RegExp][] = [
    [
      "a misspelt Service, with the nearest name",
      [nodePortService("users-node-svc")],
      /Service "products-node-svc" not found.*/,
    ],
    [
      "a ClusterIP Service on a cluster that does not default to NEGs",
      [
        nodePortService("users-node-svc"),
        nodePortService("products-node-svc", "default", { type: "ClusterIP" }),
      ],
      /is of type ClusterIP.*set spec.type: NodePort/,
    ],
    [
      "a Service in another namespace",
      [nodePortService("users-node-svc"), nodePortService("products-node-svc", "other")],
      /exists in namespace "other", but an Ingress can only use Services of its own namespace "default"/,
    ],
    [
      "a missing port",
      [
        nodePortService("users-node-svc"),
        nodePortService("products-node-svc", "default", { ports: [{ port: 8080 }] }),
      ],
      /has no port 80/,
    ],
  ];
  for (const [what, services, message] of backendErrors) {
    it(`refuses ${what}, naming the backend field`, () => {
      assert.throws(
        () => translate({ name: "lb", ingresses: [seedIngress()], services, negDefault: false }),
        (err: Error) =>
          message.test(err.message) && err.message.includes("spec.rules[0].http.paths[1].backend"),
      );
    });
  }

  it("suggests the nearest Service name", () => {
    const ing = ingress([{ paths: [["/", "Prefix", "users-node-svx"]] }]);
    assert.throws(
      () => translate({ name: "lb", ingresses: [ing], services: seedServices() }),
      /did you mean "users-node-svc"\?/,
    );
  });

  describe("several Ingresses on one load balancer", () => {
    const team = (name: string, namespace: string, host: string, path: string) =>
      ingress([{ host, paths: [[path, "Prefix", "web"]] }], { name, namespace });

    it("keep their own hosts and paths across namespaces", () => {
      const model = translate({
        name: "shared",
        ingresses: [team("a", "team-a", "a.example.com", "/"), team("b", "team-b", "b.example.com", "/")],
        services: [nodePortService("web", "team-a"), nodePortService("web", "team-b")],
      });
      const table = routingTable(model);
      assert.equal(table["a.example.com"]["/*"], "team-a/web:80");
      assert.equal(table["b.example.com"]["/*"], "team-b/web:80");
      assert.deepEqual(model.ingresses, ["team-a/a", "team-b/b"]);
    });

    it("a host+path claimed by two of them is an error naming both", () => {
      assert.throws(
        () =>
          translate({
            name: "shared",
            ingresses: [
              team("a", "team-a", "x.example.com", "/api"),
              team("b", "team-b", "x.example.com", "/api"),
            ],
            services: [nodePortService("web", "team-a"), nodePortService("web", "team-b")],
          }),
        /claimed by both Ingress team-a\/a .* and Ingress team-b\/b/,
      );
    });
  });
});

describe("translate: one address, one answer on :80", () => {
  const ip = { "kubernetes.io/ingress.global-static-ip-name": "shared" };
  const team = (name: string, path: string, extra: Record<string, string> = {}) =>
    ingress([{ host: `${name}.example.com`, paths: [[path, "Prefix", "users-node-svc"]] }], {
      name,
      annotations: { ...ip, ...extra },
      origin: { object: `Ingress/default/${name}` },
    });

  it("refuses Ingresses sharing an address that disagree on allow-http, naming both", () => {
    assert.throws(
      () =>
        translate({
          name: "lb",
          ingresses: [
            team("open", "/a"),
            team("closed", "/b", { "kubernetes.io/ingress.allow-http": "false" }),
          ],
          services: seedServices(),
        }),
      (error: unknown) =>
        error instanceof Error &&
        /Ingress default\/closed says allow-http "false" but shares its address with Ingress default\/open/.test(
          error.message,
        ) &&
        /Ingress\/default\/closed: metadata\.annotations\["kubernetes\.io\/ingress\.allow-http"\]/.test(
          error.message,
        ),
    );
  });

  it("serves :80 when every Ingress on the address allows HTTP", () => {
    const model = translate({
      name: "lb",
      ingresses: [team("a", "/a"), team("b", "/b")],
      services: seedServices(),
    });
    assert.equal(model.frontend.http, true);
  });
});

describe("translate: names and where the built-in backend lives", () => {
  it("derives every name from the base, and records the 0.1.0 name of each under legacyName", () => {
    const model = translate({
      name: "c-default-hello-ingress",
      legacyName: "hello-ingress",
      ingresses: [seedIngress()],
      services: seedServices(),
    });
    assert.equal(model.urlMap.name, "c-default-hello-ingress-url-map");
    assert.equal(model.legacy?.aliases["c-default-hello-ingress-url-map"], "hello-ingress-url-map");
    assert.equal(model.legacy?.aliases["c-default-hello-ingress-ip"], "hello-ingress-ip");
    for (const backend of model.backends) assert.ok(model.legacy?.aliases[backend.name], backend.name);
  });

  it("puts the built-in backend in the first namespace alphabetically, not the first Ingress's", () => {
    const ip = { "kubernetes.io/ingress.global-static-ip-name": "shared" };
    const at = (namespace: string, path: string) =>
      ingress([{ paths: [[path, "Prefix", "web"]] }], { name: "x", namespace, annotations: ip });
    const services = [nodePortService("web", "zeta"), nodePortService("web", "alpha")];
    const namespaceOf = (ingresses: NormalizedIngress[]) =>
      translate({ name: "lb", ingresses, services }).backends.find((b) => b.builtinDefault)?.namespace;
    assert.equal(namespaceOf([at("zeta", "/z"), at("alpha", "/a")]), "alpha");
    assert.equal(namespaceOf([at("alpha", "/a"), at("zeta", "/z")]), "alpha");
    // Said, since a team joining from an earlier namespace would move it; pinned, nothing to say.
    const codes = (builtinBackend?: { namespace: string }) =>
      translate({
        name: "lb",
        ingresses: [at("zeta", "/z"), at("alpha", "/a")],
        services,
        builtinBackend,
      }).warnings.map((w) => w.code);
    assert.ok(codes().includes("default-backend-namespace"));
    assert.ok(!codes({ namespace: "zeta" }).includes("default-backend-namespace"));
  });
});
