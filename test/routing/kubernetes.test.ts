import assert from "node:assert/strict";
import fc from "fast-check";
import { NormalizedIngress, PathType } from "../../lib/ingress/types";
import { IngressDecision, compileIngresses, evaluateIngresses } from "../../lib/routing/kubernetes";

type PathSpec = [pathType: PathType, path: string, service: string];

interface RuleSpec {
  host?: string;
  paths: PathSpec[];
}

function ingress(
  name: string,
  rules: RuleSpec[],
  options: { namespace?: string; defaultService?: string } = {},
): NormalizedIngress {
  return {
    name,
    namespace: options.namespace ?? "default",
    annotations: {},
    defaultBackend: options.defaultService
      ? { service: options.defaultService, port: 80, origin: {} }
      : undefined,
    rules: rules.map((rule) => ({
      host: rule.host,
      origin: {},
      paths: rule.paths.map(([pathType, path, service]) => ({
        path,
        pathType,
        backend: { service, port: 80, origin: {} },
        origin: {},
      })),
    })),
    tls: [],
    origin: {},
  };
}

/** One Ingress `default/web` with host-less paths. */
function paths(...specs: PathSpec[]): NormalizedIngress[] {
  return [ingress("web", [{ paths: specs }])];
}

/** The decision for a request that matched a path of `ingress` (`namespace/name`). */
function routed(
  service: string,
  pathType: PathType,
  path: string,
  host?: string,
  ingressId = "default/web",
): IngressDecision {
  return {
    ingress: ingressId,
    backend: { namespace: ingressId.split("/")[0], service, port: 80 },
    matched: { host, path, pathType },
  };
}

function defaulted(service: string, ingressId: string): IngressDecision {
  return {
    ingress: ingressId,
    backend: { namespace: ingressId.split("/")[0], service, port: 80 },
    matched: undefined,
  };
}

const notFound: IngressDecision = { ingress: undefined, backend: undefined, matched: undefined };

interface Case {
  name: string;
  ingresses: NormalizedIngress[];
  host?: string;
  path: string;
  expected: IngressDecision;
}

const hostPrecedence = [
  ingress("hosts", [
    { host: "foo.com", paths: [["Prefix", "/a", "foo-a"]] },
    { host: "*.foo.com", paths: [["Prefix", "/w", "wild-w"]] },
    { host: "bar.foo.com", paths: [["Prefix", "/", "bar-root"]] },
    {
      paths: [
        ["Prefix", "/", "any-root"],
        ["Prefix", "/a/b", "any-ab"],
      ],
    },
  ]),
];

const cases: Case[] = [
  // The examples table of the Kubernetes Ingress documentation.
  {
    name: "Prefix / matches every path",
    ingresses: paths(["Prefix", "/", "root"]),
    path: "/aaa/bbb",
    expected: routed("root", "Prefix", "/"),
  },
  {
    name: "Exact /foo matches /foo",
    ingresses: paths(["Exact", "/foo", "foo"]),
    path: "/foo",
    expected: routed("foo", "Exact", "/foo"),
  },
  {
    name: "Exact /foo does not match /bar",
    ingresses: paths(["Exact", "/foo", "foo"]),
    path: "/bar",
    expected: notFound,
  },
  {
    name: "Exact /foo does not match /foo/",
    ingresses: paths(["Exact", "/foo", "foo"]),
    path: "/foo/",
    expected: notFound,
  },
  {
    name: "Exact /foo/ does not match /foo",
    ingresses: paths(["Exact", "/foo/", "foo"]),
    path: "/foo",
    expected: notFound,
  },
  {
    name: "Exact /foo/ matches /foo/",
    ingresses: paths(["Exact", "/foo/", "foo"]),
    path: "/foo/",
    expected: routed("foo", "Exact", "/foo/"),
  },
  {
    name: "Prefix /foo matches /foo/",
    ingresses: paths(["Prefix", "/foo", "foo"]),
    path: "/foo/",
    expected: routed("foo", "Prefix", "/foo"),
  },
  {
    name: "Prefix /foo/ matches /foo (the trailing slash is ignored)",
    ingresses: paths(["Prefix", "/foo/", "foo"]),
    path: "/foo",
    expected: routed("foo", "Prefix", "/foo/"),
  },
  {
    name: "Prefix /aaa/bb does not match /aaa/bbb",
    ingresses: paths(["Prefix", "/aaa/bb", "bb"]),
    path: "/aaa/bbb",
    expected: notFound,
  },
  {
    name: "Prefix /aaa/bbb matches /aaa/bbb",
    ingresses: paths(["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa/bbb",
    expected: routed("bbb", "Prefix", "/aaa/bbb"),
  },
  {
    name: "Prefix /aaa/bbb/ matches /aaa/bbb",
    ingresses: paths(["Prefix", "/aaa/bbb/", "bbb"]),
    path: "/aaa/bbb",
    expected: routed("bbb", "Prefix", "/aaa/bbb/"),
  },
  {
    name: "Prefix /aaa/bbb matches /aaa/bbb/",
    ingresses: paths(["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa/bbb/",
    expected: routed("bbb", "Prefix", "/aaa/bbb"),
  },
  {
    name: "Prefix /aaa/bbb matches /aaa/bbb/ccc",
    ingresses: paths(["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa/bbb/ccc",
    expected: routed("bbb", "Prefix", "/aaa/bbb"),
  },
  {
    name: "Prefix /aaa/bbb does not match /aaa/bbbxyz",
    ingresses: paths(["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa/bbbxyz",
    expected: notFound,
  },
  {
    name: "Prefix /, /aaa: /aaa/ccc matches /aaa",
    ingresses: paths(["Prefix", "/", "root"], ["Prefix", "/aaa", "aaa"]),
    path: "/aaa/ccc",
    expected: routed("aaa", "Prefix", "/aaa"),
  },
  {
    name: "Prefix /, /aaa, /aaa/bbb: /aaa/bbb matches /aaa/bbb",
    ingresses: paths(["Prefix", "/", "root"], ["Prefix", "/aaa", "aaa"], ["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa/bbb",
    expected: routed("bbb", "Prefix", "/aaa/bbb"),
  },
  {
    name: "Prefix /, /aaa, /aaa/bbb: /ccc matches /",
    ingresses: paths(["Prefix", "/", "root"], ["Prefix", "/aaa", "aaa"], ["Prefix", "/aaa/bbb", "bbb"]),
    path: "/ccc",
    expected: routed("root", "Prefix", "/"),
  },
  {
    name: "Prefix /aaa: /ccc matches nothing",
    ingresses: paths(["Prefix", "/aaa", "aaa"]),
    path: "/ccc",
    expected: notFound,
  },
  {
    name: "Prefix /foo and Exact /foo: /foo goes to Exact",
    ingresses: paths(["Prefix", "/foo", "prefix"], ["Exact", "/foo", "exact"]),
    path: "/foo",
    expected: routed("exact", "Exact", "/foo"),
  },
  {
    name: "Exact /foo and Prefix /foo: /foo goes to Exact whatever the order",
    ingresses: paths(["Exact", "/foo", "exact"], ["Prefix", "/foo", "prefix"]),
    path: "/foo",
    expected: routed("exact", "Exact", "/foo"),
  },
  {
    name: "Exact /foo and Prefix /foo: /foo/x goes to Prefix",
    ingresses: paths(["Exact", "/foo", "exact"], ["Prefix", "/foo", "prefix"]),
    path: "/foo/x",
    expected: routed("prefix", "Prefix", "/foo"),
  },
  // Further path rules.
  {
    name: "the longest Prefix wins whatever the order",
    ingresses: paths(["Prefix", "/aaa/bbb", "bbb"], ["Prefix", "/aaa", "aaa"], ["Prefix", "/", "root"]),
    path: "/aaa/bbb/ccc",
    expected: routed("bbb", "Prefix", "/aaa/bbb"),
  },
  {
    name: "a longer Prefix beats a shorter Exact that does not match",
    ingresses: paths(["Exact", "/aaa", "exact"], ["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa/bbb",
    expected: routed("bbb", "Prefix", "/aaa/bbb"),
  },
  {
    name: "Exact /foo/ beats Prefix /foo on /foo/",
    ingresses: paths(["Prefix", "/foo", "prefix"], ["Exact", "/foo/", "exact"]),
    path: "/foo/",
    expected: routed("exact", "Exact", "/foo/"),
  },
  {
    name: "Exact paths are case-sensitive",
    ingresses: paths(["Exact", "/Foo", "foo"]),
    path: "/foo",
    expected: notFound,
  },
  {
    name: "Prefix paths are case-sensitive",
    ingresses: paths(["Prefix", "/Foo", "foo"]),
    path: "/foo/bar",
    expected: notFound,
  },
  {
    name: "the query string is not part of the path",
    ingresses: paths(["Exact", "/foo", "foo"]),
    path: "/foo?x=/bar",
    expected: routed("foo", "Exact", "/foo"),
  },
  {
    name: "the fragment is not part of the path",
    ingresses: paths(["Exact", "/foo", "foo"]),
    path: "/foo#top",
    expected: routed("foo", "Exact", "/foo"),
  },
  {
    name: "Prefix compares whole elements: an empty element is not skipped",
    ingresses: paths(["Prefix", "/aaa/bbb", "bbb"]),
    path: "/aaa//bbb",
    expected: notFound,
  },
  // ImplementationSpecific, as GKE reads it: a GCE path pattern.
  {
    name: "ImplementationSpecific /foo/* matches /foo/",
    ingresses: paths(["ImplementationSpecific", "/foo/*", "foo"]),
    path: "/foo/",
    expected: routed("foo", "ImplementationSpecific", "/foo/*"),
  },
  {
    name: "ImplementationSpecific /foo/* matches /foo/x/y",
    ingresses: paths(["ImplementationSpecific", "/foo/*", "foo"]),
    path: "/foo/x/y",
    expected: routed("foo", "ImplementationSpecific", "/foo/*"),
  },
  {
    name: "ImplementationSpecific /foo/* does not match /foo",
    ingresses: paths(["ImplementationSpecific", "/foo/*", "foo"]),
    path: "/foo",
    expected: notFound,
  },
  {
    name: "ImplementationSpecific /foo without * matches /foo exactly",
    ingresses: paths(["ImplementationSpecific", "/foo", "foo"]),
    path: "/foo",
    expected: routed("foo", "ImplementationSpecific", "/foo"),
  },
  {
    name: "ImplementationSpecific /foo without * does not match /foo/x",
    ingresses: paths(["ImplementationSpecific", "/foo", "foo"]),
    path: "/foo/x",
    expected: notFound,
  },
  {
    name: "an empty ImplementationSpecific path is /* and matches everything",
    ingresses: paths(["ImplementationSpecific", "", "all"]),
    path: "/any/thing",
    expected: routed("all", "ImplementationSpecific", ""),
  },
  {
    name: "a longer ImplementationSpecific glob beats a shorter Prefix",
    ingresses: paths(["Prefix", "/foo", "prefix"], ["ImplementationSpecific", "/foo/bar/*", "glob"]),
    path: "/foo/bar/x",
    expected: routed("glob", "ImplementationSpecific", "/foo/bar/*"),
  },
  {
    name: "a longer Prefix beats a shorter ImplementationSpecific glob",
    ingresses: paths(["ImplementationSpecific", "/foo/*", "glob"], ["Prefix", "/foo/bar", "prefix"]),
    path: "/foo/bar/x",
    expected: routed("prefix", "Prefix", "/foo/bar"),
  },
  // Hosts.
  {
    name: "an exact host matches its own paths",
    ingresses: hostPrecedence,
    host: "foo.com",
    path: "/a/x",
    expected: routed("foo-a", "Prefix", "/a", "foo.com", "default/hosts"),
  },
  {
    name: "hosts compare case-insensitively and without port",
    ingresses: hostPrecedence,
    host: "FOO.Com:8080",
    path: "/a",
    expected: routed("foo-a", "Prefix", "/a", "foo.com", "default/hosts"),
  },
  {
    name: "a host-specific path beats a longer host-less path",
    ingresses: hostPrecedence,
    host: "foo.com",
    path: "/a/b",
    expected: routed("foo-a", "Prefix", "/a", "foo.com", "default/hosts"),
  },
  {
    name: "a host whose paths do not match does not fall through to the host-less paths",
    ingresses: hostPrecedence,
    host: "foo.com",
    path: "/z",
    expected: notFound,
  },
  {
    name: "*.foo.com matches one label",
    ingresses: hostPrecedence,
    host: "baz.foo.com",
    path: "/w/1",
    expected: routed("wild-w", "Prefix", "/w", "*.foo.com", "default/hosts"),
  },
  {
    name: "*.foo.com does not match two labels",
    ingresses: hostPrecedence,
    host: "baz.bar.foo.com",
    path: "/w/1",
    expected: routed("any-root", "Prefix", "/", undefined, "default/hosts"),
  },
  {
    name: "*.foo.com does not match foo.com",
    ingresses: [ingress("w", [{ host: "*.foo.com", paths: [["Prefix", "/", "wild"]] }])],
    host: "foo.com",
    path: "/",
    expected: notFound,
  },
  {
    name: "*.foo.com needs a non-empty label",
    ingresses: [ingress("w", [{ host: "*.foo.com", paths: [["Prefix", "/", "wild"]] }])],
    host: ".foo.com",
    path: "/",
    expected: notFound,
  },
  {
    name: "an exact host beats a wildcard that also matches it",
    ingresses: hostPrecedence,
    host: "bar.foo.com",
    path: "/w/1",
    expected: routed("bar-root", "Prefix", "/", "bar.foo.com", "default/hosts"),
  },
  {
    name: "a wildcard host whose paths do not match does not fall through to the host-less paths",
    ingresses: hostPrecedence,
    host: "baz.foo.com",
    path: "/a/b/c",
    expected: notFound,
  },
  {
    name: "an exact host's rules are the only ones searched, even where a wildcard would match",
    ingresses: [
      ingress("h", [
        { host: "bar.foo.com", paths: [["Exact", "/only", "exact-host"]] },
        { host: "*.foo.com", paths: [["Prefix", "/", "wild"]] },
        { paths: [["Prefix", "/", "any"]] },
      ]),
    ],
    host: "bar.foo.com",
    path: "/x",
    expected: notFound,
  },
  {
    name: "host-less rules match every host",
    ingresses: hostPrecedence,
    host: "other.org",
    path: "/a/b",
    expected: routed("any-ab", "Prefix", "/a/b", undefined, "default/hosts"),
  },
  {
    name: "a request without host reaches only host-less rules",
    ingresses: [ingress("h", [{ host: "foo.com", paths: [["Prefix", "/", "foo"]] }])],
    host: "",
    path: "/",
    expected: notFound,
  },
  // Several Ingresses on one load balancer, and default backends.
  {
    name: "the rules of several Ingresses merge under one host",
    ingresses: [
      ingress("one", [{ host: "foo.com", paths: [["Prefix", "/one", "one"]] }]),
      ingress("two", [{ host: "foo.com", paths: [["Prefix", "/two", "two"]] }], { namespace: "team" }),
    ],
    host: "foo.com",
    path: "/two/x",
    expected: routed("two", "Prefix", "/two", "foo.com", "team/two"),
  },
  {
    name: "the same path in two Ingresses: the first given keeps it",
    ingresses: [
      ingress("one", [{ paths: [["Prefix", "/same", "one"]] }]),
      ingress("two", [{ paths: [["Prefix", "/same", "two"]] }]),
    ],
    path: "/same",
    expected: routed("one", "Prefix", "/same", undefined, "default/one"),
  },
  {
    name: "Exact in a later Ingress beats Prefix in an earlier one on the same path",
    ingresses: [
      ingress("one", [{ paths: [["Prefix", "/same", "prefix"]] }]),
      ingress("two", [{ paths: [["Exact", "/same", "exact"]] }]),
    ],
    path: "/same",
    expected: routed("exact", "Exact", "/same", undefined, "default/two"),
  },
  {
    name: "no path matched: the default backend of the first Ingress that has one",
    ingresses: [
      ingress("none", [{ paths: [["Exact", "/x", "x"]] }]),
      ingress("second", [], { namespace: "ns2", defaultService: "fallback2" }),
      ingress("third", [], { namespace: "ns3", defaultService: "fallback3" }),
    ],
    path: "/y",
    expected: defaulted("fallback2", "ns2/second"),
  },
  {
    name: "no path matched and no default backend: the built-in 404",
    ingresses: paths(["Exact", "/x", "x"]),
    path: "/y",
    expected: notFound,
  },
  {
    name: "no Ingress at all: the built-in 404",
    ingresses: [],
    host: "foo.com",
    path: "/",
    expected: notFound,
  },
];

describe("routing/kubernetes: evaluateIngresses", () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(evaluateIngresses(c.ingresses, { host: c.host ?? "", path: c.path }), c.expected);
    });
  }

  it("keeps the service port as given, named or numbered", () => {
    const web = ingress("web", [{ paths: [["Prefix", "/", "svc"]] }]);
    web.rules[0].paths[0].backend.port = "http";
    assert.deepEqual(evaluateIngresses([web], { host: "a.com", path: "/" }).backend, {
      namespace: "default",
      service: "svc",
      port: "http",
    });
  });

  it("hands out decisions that a caller may change without changing later ones", () => {
    const compiled = compileIngresses([
      ingress("web", [{ paths: [["Exact", "/x", "x"]] }], { defaultService: "d" }),
    ]);
    compiled.evaluate({ host: "", path: "/x" }).backend!.service = "changed";
    compiled.evaluate({ host: "", path: "/y" }).backend!.service = "changed";
    assert.equal(compiled.evaluate({ host: "", path: "/x" }).backend!.service, "x");
    assert.equal(compiled.evaluate({ host: "", path: "/y" }).backend!.service, "d");
  });
});

/** Prefix matching stated as the API documents it: element by element over the `/`-separated path. */
function elementWisePrefix(prefix: string, path: string): boolean {
  const want = prefix.split("/");
  // A trailing slash in the Ingress path is ignored (and `/` becomes the empty first element alone).
  while (want.length > 1 && want[want.length - 1] === "") {
    want.pop();
  }
  const have = path.split("/");
  return want.length <= have.length && want.every((element, i) => element === have[i]);
}

describe("routing/kubernetes: the compiled lookup agrees with the rules stated one path at a time", () => {
  const segment = fc.constantFrom("a", "b", "ab", "");
  const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join("/")}`);
  const spec = fc.tuple(
    fc.constantFrom<PathType>("Exact", "Prefix"),
    path,
    fc.constantFrom("s1", "s2", "s3"),
  );

  it("for random Exact and Prefix paths", () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 8 }), path, (specs, request) => {
        let best: { length: number; exact: boolean; service: string } | undefined;
        for (const [pathType, p, service] of specs) {
          const exact = pathType === "Exact";
          const length = exact ? p.length : p.replace(/\/+$/, "").length;
          const matches = exact ? p === request : elementWisePrefix(p, request);
          if (
            matches &&
            (!best || length > best.length || (length === best.length && exact && !best.exact))
          ) {
            best = { length, exact, service };
          }
        }
        const decision = evaluateIngresses(paths(...specs), { host: "h", path: request });
        assert.equal(decision.backend?.service, best?.service);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("routing/kubernetes: scale", () => {
  it("evaluates 100,000 requests against 5,000 paths quickly and correctly", () => {
    const specs: PathSpec[] = [];
    for (let i = 0; i < 5000; i++) {
      specs.push([i % 2 === 0 ? "Prefix" : "Exact", `/svc${i}`, `s${i}`]);
    }
    const ingresses = paths(...specs);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) {
      const n = (i * 7919) % 5000;
      const request = n % 2 === 0 ? `/svc${n}/item/${i}` : `/svc${n}`;
      const decision = evaluateIngresses(ingresses, { host: "h.example.com", path: request });
      if (decision.backend?.service !== `s${n}`) {
        assert.fail(`request ${request} went to ${decision.backend?.service}, expected s${n}`);
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.ok(seconds < 5, `took ${seconds.toFixed(2)} s`);
  });
});
