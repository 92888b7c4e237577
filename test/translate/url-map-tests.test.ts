import assert from "node:assert/strict";
import fc from "fast-check";
import { compileUrlMap, evaluateUrlMap } from "../../lib/routing/gcp";
import { compileIngresses } from "../../lib/routing/kubernetes";
import { LoadBalancerModel } from "../../lib/translate/model";
import { translate } from "../../lib/translate/translate";
import { MAX_URL_MAP_TESTS, generateUrlMapTests } from "../../lib/translate/url-map-tests";
import { backendKey, specArb, translateSpec } from "../routing/fidelity-cases";
import { PathSpec, ingress, nodePortService } from "./fixtures";

/** Every (host rule, pattern) of the model, as `host pattern`. */
function patternsOf(model: LoadBalancerModel): string[] {
  const matchers = new Map(model.urlMap.pathMatchers.map((m) => [m.name, m]));
  return model.urlMap.hostRules.flatMap((rule) =>
    (matchers.get(rule.pathMatcher)?.pathRules ?? []).flatMap((r) =>
      r.paths.map((p) => `${rule.hosts[0]} ${p}`),
    ),
  );
}

describe("URL map tests (generateUrlMapTests)", () => {
  it("agree with the GCP evaluator and with Kubernetes on generated specs", () => {
    let compared = 0;
    fc.assert(
      fc.property(specArb, (spec) => {
        const model = translateSpec(spec);
        if (model instanceof Error) return;
        compared++;
        const { tests } = model.urlMap;
        assert.ok(tests.length <= MAX_URL_MAP_TESTS);
        const gcp = compileUrlMap(model.urlMap);
        const kubernetes = compileIngresses(spec.ingresses);
        const builtin = model.backends.find((b) => b.builtinDefault)?.key;
        for (const test of tests) {
          assert.ok(!test.path.includes("*"), `a test path is a request path, got ${test.path}`);
          const request = { host: test.host, path: test.path };
          assert.equal(
            gcp.evaluate(request).backend,
            test.backend,
            `GCP routes ${test.description} elsewhere`,
          );
          const k = kubernetes.evaluate(request);
          assert.equal(
            k.backend ? backendKey(k.backend) : builtin,
            test.backend,
            `Kubernetes: ${test.description}`,
          );
        }
        // Small specs fit under the cap: then every pattern of every host is pinned.
        const candidates = patternsOf(model).length + model.urlMap.hostRules.length + 1;
        if (candidates <= MAX_URL_MAP_TESTS) {
          const tested = new Set(tests.map((t) => t.description));
          for (const pattern of patternsOf(model)) assert.ok(tested.has(pattern), `no test for ${pattern}`);
        }
      }),
      { numRuns: 1500, seed: 6 },
    );
    assert.ok(compared > 1000, `only ${compared} specs translated`);
  });

  it("pins the URL map default, each host's default and every pattern when they fit", () => {
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          { host: "foo.com", paths: [["/users", "Prefix", "users"]] },
          { host: "*.foo.com", paths: [["/w/*", "ImplementationSpecific", "wild"]] },
          { paths: [["/", "Prefix", "root"]] },
        ]),
      ],
      services: [nodePortService("users"), nodePortService("wild"), nodePortService("root")],
    });
    const tests = model.urlMap.tests.map((t) => [t.host, t.path, t.backend]);
    assert.deepEqual(
      tests.sort(),
      [
        // `*` takes every other host, so the URL map default is unreachable and not tested.
        ["foo.com", "/ingress-glb-probe-unmatched", "default/lb-default-backend:80"],
        ["foo.com", "/users", "default/users:80"],
        ["foo.com", "/users/ingress-glb-probe", "default/users:80"],
        ["ingress-glb-probe.foo.com", "/ingress-glb-probe-unmatched", "default/lb-default-backend:80"],
        ["ingress-glb-probe.foo.com", "/w/ingress-glb-probe", "default/wild:80"],
        ["ingress-glb.invalid", "/ingress-glb-probe", "default/root:80"],
      ].sort(),
    );
  });

  it("tests the URL map default on a host no rule names", () => {
    const model = translate({
      name: "lb",
      ingresses: [ingress([{ host: "foo.com", paths: [["/a", "Exact", "a"]] }])],
      services: [nodePortService("a")],
    });
    assert.deepEqual(model.urlMap.tests[0], {
      host: "ingress-glb.invalid",
      path: "/",
      backend: "default/lb-default-backend:80",
      description: "a host no rule names goes to the URL map default",
    });
  });

  it("expects the Exact backend where an Exact and a Prefix path share a pattern, in either order", () => {
    for (const order of [
      ["Exact", "Prefix"],
      ["Prefix", "Exact"],
    ]) {
      const paths = order.map((type): PathSpec => ["/foo", type as "Exact" | "Prefix", type.toLowerCase()]);
      const model = translate({
        name: "lb",
        ingresses: [ingress([{ host: "foo.com", paths }])],
        services: [nodePortService("exact"), nodePortService("prefix")],
      });
      const byPath = new Map(model.urlMap.tests.map((t) => [t.path, t.backend]));
      assert.equal(byPath.get("/foo"), "default/exact:80", order.join(" then "));
      assert.equal(byPath.get("/foo/ingress-glb-probe"), "default/prefix:80", order.join(" then "));
    }
  });

  it("probes a pattern below a longer pattern's probe name without being taken by it", () => {
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          {
            paths: [
              ["/a/*", "ImplementationSpecific", "glob"],
              ["/a/ingress-glb-probe", "Exact", "probe"],
            ],
          },
        ]),
      ],
      services: [nodePortService("glob"), nodePortService("probe")],
    });
    const glob = model.urlMap.tests.find((t) => t.description.endsWith(" /a/*"));
    assert.deepEqual(glob && [glob.path, glob.backend], ["/a/ingress-glb-probe-x", "default/glob:80"]);
    for (const test of model.urlMap.tests)
      assert.equal(evaluateUrlMap(model.urlMap, test).backend, test.backend);
  });

  it("caps at 100 and still reaches every backend first when there are fewer than 100", () => {
    const services = Array.from({ length: 60 }, (_, i) => nodePortService(`svc${i}`));
    const rules = ["a.com", "b.com", undefined].map((host, h) => ({
      host,
      paths: Array.from({ length: 100 }, (_, i): PathSpec => [
        `/p${h}-${i}`,
        "Prefix",
        `svc${(i * 7 + h) % 60}`,
      ]),
    }));
    const model = translate({ name: "lb", ingresses: [ingress(rules)], services });
    const { tests } = model.urlMap;
    assert.equal(tests.length, MAX_URL_MAP_TESTS);
    const reached = new Set(tests.map((t) => t.backend));
    for (const service of services)
      assert.ok(reached.has(`default/${service.name}:80`), `${service.name} untested`);
    for (const test of tests) assert.equal(evaluateUrlMap(model.urlMap, test).backend, test.backend);
  });

  it("needs nothing but the URL map's own shape", () => {
    const tests = generateUrlMapTests({
      name: "m",
      defaultBackend: "d",
      hostRules: [{ hosts: ["*"], pathMatcher: "all" }],
      pathMatchers: [
        { name: "all", defaultBackend: "d", pathRules: [{ paths: ["/*"], backend: "x", sources: [] }] },
      ],
    });
    assert.deepEqual(tests, [
      { host: "ingress-glb.invalid", path: "/ingress-glb-probe", backend: "x", description: "* /*" },
    ]);
  });
});
