import assert from "node:assert/strict";
import fc from "fast-check";
import { compileUrlMap, evaluateUrlMap } from "../../lib/routing/gcp";
import { PathMatcherModel, UrlMapModel } from "../../lib/translate/model";

/** A path matcher from `[patterns, backend]` pairs, in the order given. */
function matcher(name: string, defaultBackend: string, rules: [string[], string][]): PathMatcherModel {
  return {
    name,
    defaultBackend,
    pathRules: rules.map(([paths, backend]) => ({ paths, backend, sources: [] })),
  };
}

const fooRules: [string[], string][] = [
  [["/users/*"], "users"],
  [["/users/admin/*"], "admin"],
  [["/exact"], "exact"],
  [["/dir/*"], "dir-glob"],
  [["/dir/"], "dir-exact"],
  [["/"], "root"],
];

/** Hosts of every kind; the `rev.com` matcher lists the same rules in reverse to show order does not matter. */
const hostsMap: UrlMapModel = {
  name: "hosts",
  defaultBackend: "map-default",
  hostRules: [
    { hosts: ["*.foo.com"], pathMatcher: "wild-foo" },
    { hosts: ["foo.com", "www.foo.com"], pathMatcher: "foo" },
    { hosts: ["*.api.foo.com"], pathMatcher: "wild-api" },
    { hosts: ["*-dev.bar.com"], pathMatcher: "dash" },
    { hosts: ["rev.com"], pathMatcher: "rev" },
    { hosts: ["Shop.Example.com"], pathMatcher: "shop" },
  ],
  pathMatchers: [
    matcher("foo", "foo-default", fooRules),
    matcher("rev", "rev-default", [...fooRules].reverse()),
    matcher("wild-foo", "wild-foo-default", [[["/w/*"], "wild"]]),
    matcher("wild-api", "wild-api-default", []),
    matcher("dash", "dash-default", []),
    matcher("shop", "shop-default", [[["/Cart"], "cart"]]),
  ],
  tests: [],
};

/** A `*` host rule next to an exact one. */
const starMap: UrlMapModel = {
  name: "star",
  defaultBackend: "map-default",
  hostRules: [
    { hosts: ["*"], pathMatcher: "all" },
    { hosts: ["only.com"], pathMatcher: "only" },
  ],
  pathMatchers: [matcher("all", "all-default", [[["/a/*"], "all-a"]]), matcher("only", "only-default", [])],
  tests: [],
};

/** Nothing but a default: every request goes there. */
const emptyMap: UrlMapModel = {
  name: "empty",
  defaultBackend: "only-default",
  hostRules: [],
  pathMatchers: [],
  tests: [],
};

interface Case {
  name: string;
  urlMap: UrlMapModel;
  host: string;
  path: string;
  backend: string;
  hostRule?: string;
  pathMatcher?: string;
  pathPattern?: string;
  rule: string;
}

const cases: Case[] = [
  // Path rules.
  {
    name: "a /x/* pattern matches a path below it",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/users/42",
    backend: "users",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/users/*",
    rule: "host foo.com, path /users/*",
  },
  {
    name: "/x/* matches /x/ itself",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/users/",
    backend: "users",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/users/*",
    rule: "host foo.com, path /users/*",
  },
  {
    name: "/x/* matches any depth below /x/",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/users/a/b/c",
    backend: "users",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/users/*",
    rule: "host foo.com, path /users/*",
  },
  {
    name: "/x/* does not match /x: the path matcher default serves it",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/users",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "/x/* does not match a longer first element (/usersx)",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/usersx/1",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "the longest pattern wins though the shorter one comes first",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/users/admin/panel",
    backend: "admin",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/users/admin/*",
    rule: "host foo.com, path /users/admin/*",
  },
  {
    name: "the longest pattern wins with the rules in reverse order",
    urlMap: hostsMap,
    host: "rev.com",
    path: "/users/admin/panel",
    backend: "admin",
    hostRule: "rev.com",
    pathMatcher: "rev",
    pathPattern: "/users/admin/*",
    rule: "host rev.com, path /users/admin/*",
  },
  {
    name: "the shorter pattern still serves what the longer does not match, in reverse order",
    urlMap: hostsMap,
    host: "rev.com",
    path: "/users/adminx",
    backend: "users",
    hostRule: "rev.com",
    pathMatcher: "rev",
    pathPattern: "/users/*",
    rule: "host rev.com, path /users/*",
  },
  {
    name: "a pattern without * matches the path exactly",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/exact",
    backend: "exact",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/exact",
    rule: "host foo.com, path /exact",
  },
  {
    name: "a pattern without * does not match the path with a trailing slash",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/exact/",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "a pattern without * does not match paths below it",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/exact/more",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "paths are case-sensitive",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/EXACT",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "an exact /x/ beats /x/* on the path /x/",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/dir/",
    backend: "dir-exact",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/dir/",
    rule: "host foo.com, path /dir/",
  },
  {
    name: "an exact /x/ beats /x/* whatever the order",
    urlMap: hostsMap,
    host: "rev.com",
    path: "/dir/",
    backend: "dir-exact",
    hostRule: "rev.com",
    pathMatcher: "rev",
    pathPattern: "/dir/",
    rule: "host rev.com, path /dir/",
  },
  {
    name: "/x/* serves below /x/ next to an exact /x/",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/dir/file",
    backend: "dir-glob",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/dir/*",
    rule: "host foo.com, path /dir/*",
  },
  {
    name: "the pattern / matches only the root",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/",
    backend: "root",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/",
    rule: "host foo.com, path /",
  },
  {
    name: "the pattern / does not match other paths",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/other",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "an empty path is /",
    urlMap: hostsMap,
    host: "foo.com",
    path: "",
    backend: "root",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/",
    rule: "host foo.com, path /",
  },
  {
    name: "the query string is not part of the path",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/exact?next=/users/1",
    backend: "exact",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/exact",
    rule: "host foo.com, path /exact",
  },
  {
    name: "the fragment is not part of the path",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/exact#users/",
    backend: "exact",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/exact",
    rule: "host foo.com, path /exact",
  },
  {
    name: "a query string alone leaves the path /",
    urlMap: hostsMap,
    host: "foo.com",
    path: "?q=1",
    backend: "root",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/",
    rule: "host foo.com, path /",
  },
  // Host rules.
  {
    name: "hosts compare case-insensitively and without port",
    urlMap: hostsMap,
    host: "FOO.com:8443",
    path: "/exact",
    backend: "exact",
    hostRule: "foo.com",
    pathMatcher: "foo",
    pathPattern: "/exact",
    rule: "host foo.com, path /exact",
  },
  {
    name: "a host pattern in mixed case matches the lower-case host",
    urlMap: hostsMap,
    host: "shop.example.com",
    path: "/Cart",
    backend: "cart",
    hostRule: "Shop.Example.com",
    pathMatcher: "shop",
    pathPattern: "/Cart",
    rule: "host Shop.Example.com, path /Cart",
  },
  {
    name: "case-insensitive host, case-sensitive path",
    urlMap: hostsMap,
    host: "SHOP.EXAMPLE.COM",
    path: "/cart",
    backend: "shop-default",
    hostRule: "Shop.Example.com",
    pathMatcher: "shop",
    rule: "host Shop.Example.com, path matcher default",
  },
  {
    name: "*.foo.com matches one label",
    urlMap: hostsMap,
    host: "a.foo.com",
    path: "/w/1",
    backend: "wild",
    hostRule: "*.foo.com",
    pathMatcher: "wild-foo",
    pathPattern: "/w/*",
    rule: "host *.foo.com, path /w/*",
  },
  {
    name: "*.foo.com matches any depth of subdomain",
    urlMap: hostsMap,
    host: "a.b.c.foo.com",
    path: "/w/1",
    backend: "wild",
    hostRule: "*.foo.com",
    pathMatcher: "wild-foo",
    pathPattern: "/w/*",
    rule: "host *.foo.com, path /w/*",
  },
  {
    name: "*.foo.com does not match foo.com, which its exact rule serves",
    urlMap: hostsMap,
    host: "foo.com",
    path: "/w/1",
    backend: "foo-default",
    hostRule: "foo.com",
    pathMatcher: "foo",
    rule: "host foo.com, path matcher default",
  },
  {
    name: "an exact host beats a wildcard that also matches it",
    urlMap: hostsMap,
    host: "www.foo.com",
    path: "/exact",
    backend: "exact",
    hostRule: "www.foo.com",
    pathMatcher: "foo",
    pathPattern: "/exact",
    rule: "host www.foo.com, path /exact",
  },
  {
    name: "the longer wildcard suffix wins",
    urlMap: hostsMap,
    host: "v1.api.foo.com",
    path: "/w/1",
    backend: "wild-api-default",
    hostRule: "*.api.foo.com",
    pathMatcher: "wild-api",
    rule: "host *.api.foo.com, path matcher default",
  },
  {
    name: "the longer wildcard suffix wins at any depth",
    urlMap: hostsMap,
    host: "x.v1.api.foo.com",
    path: "/",
    backend: "wild-api-default",
    hostRule: "*.api.foo.com",
    pathMatcher: "wild-api",
    rule: "host *.api.foo.com, path matcher default",
  },
  {
    name: "a wildcard needs something before its suffix: api.foo.com falls to *.foo.com",
    urlMap: hostsMap,
    host: "api.foo.com",
    path: "/w/x",
    backend: "wild",
    hostRule: "*.foo.com",
    pathMatcher: "wild-foo",
    pathPattern: "/w/*",
    rule: "host *.foo.com, path /w/*",
  },
  {
    name: "a wildcard may end at a dash",
    urlMap: hostsMap,
    host: "web-dev.bar.com",
    path: "/",
    backend: "dash-default",
    hostRule: "*-dev.bar.com",
    pathMatcher: "dash",
    rule: "host *-dev.bar.com, path matcher default",
  },
  {
    name: "* stands only for letters, digits, dots and dashes",
    urlMap: hostsMap,
    host: "a_b.foo.com",
    path: "/w/1",
    backend: "map-default",
    rule: "url map default",
  },
  {
    name: "a suffix that is not on a label boundary does not match",
    urlMap: hostsMap,
    host: "notfoo.com",
    path: "/users/1",
    backend: "map-default",
    rule: "url map default",
  },
  {
    name: "no host rule matched: the URL map default",
    urlMap: hostsMap,
    host: "other.org",
    path: "/users/1",
    backend: "map-default",
    rule: "url map default",
  },
  {
    name: "an empty host matches no named host",
    urlMap: hostsMap,
    host: "",
    path: "/users/1",
    backend: "map-default",
    rule: "url map default",
  },
  {
    name: "* matches any host",
    urlMap: starMap,
    host: "anything.example.org",
    path: "/a/b",
    backend: "all-a",
    hostRule: "*",
    pathMatcher: "all",
    pathPattern: "/a/*",
    rule: "host *, path /a/*",
  },
  {
    name: "* matches an empty host",
    urlMap: starMap,
    host: "",
    path: "/z",
    backend: "all-default",
    hostRule: "*",
    pathMatcher: "all",
    rule: "host *, path matcher default",
  },
  {
    name: "an exact host beats *",
    urlMap: starMap,
    host: "only.com",
    path: "/a/b",
    backend: "only-default",
    hostRule: "only.com",
    pathMatcher: "only",
    rule: "host only.com, path matcher default",
  },
  {
    name: "a URL map without host rules sends everything to its default",
    urlMap: emptyMap,
    host: "foo.com",
    path: "/users/1",
    backend: "only-default",
    rule: "url map default",
  },
];

describe("routing/gcp: evaluateUrlMap", () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(evaluateUrlMap(c.urlMap, { host: c.host, path: c.path }), {
        backend: c.backend,
        hostRule: c.hostRule,
        pathMatcher: c.pathMatcher,
        pathPattern: c.pathPattern,
        defaultBackend: c.pathPattern === undefined,
        rule: c.rule,
      });
    });
  }
});

describe("routing/gcp: compileUrlMap refuses what GCP refuses", () => {
  const refused: { name: string; urlMap: UrlMapModel; message: RegExp }[] = [
    ...["/foo*", "/foo/*/bar", "/*/x", "foo/*", "/a?b", "/a#b"].map((pattern) => ({
      name: `path pattern ${pattern}`,
      urlMap: {
        ...emptyMap,
        hostRules: [{ hosts: ["a.com"], pathMatcher: "m" }],
        pathMatchers: [matcher("m", "d", [[[pattern], "b"]])],
      },
      message: new RegExp(`path pattern "${pattern.replace(/[*?]/g, "\\$&")}"`),
    })),
    ...["foo.*.com", "*foo.com", "**.foo.com", ""].map((host) => ({
      name: `host pattern "${host}"`,
      urlMap: {
        ...emptyMap,
        hostRules: [{ hosts: [host], pathMatcher: "m" }],
        pathMatchers: [matcher("m", "d", [])],
      },
      message: /host pattern/,
    })),
    {
      name: "a host rule naming an absent path matcher",
      urlMap: { ...emptyMap, hostRules: [{ hosts: ["a.com"], pathMatcher: "missing" }] },
      message: /path matcher missing/,
    },
  ];
  for (const c of refused) {
    it(c.name, () => {
      assert.throws(() => compileUrlMap(c.urlMap), c.message);
    });
  }
});

/** The rules stated directly, one pattern at a time, to check the compiled lookup against. */
function referenceEvaluate(urlMap: UrlMapModel, host: string, path: string): string {
  const name = host.toLowerCase().split(":")[0];
  const patterns = urlMap.hostRules.flatMap((rule) => rule.hosts.map((pattern) => ({ pattern, rule })));
  const exactHost = patterns.find((p) => p.pattern.toLowerCase() === name);
  const wildcards = patterns
    .filter(({ pattern }) => pattern.startsWith("*") && pattern !== "*")
    .filter(({ pattern }) => {
      const suffix = pattern.slice(1).toLowerCase();
      const star = name.slice(0, name.length - suffix.length);
      return name.endsWith(suffix) && /^[a-z0-9.-]+$/.test(star);
    })
    .sort((a, b) => b.pattern.length - a.pattern.length);
  const hostRule = exactHost ?? wildcards[0] ?? patterns.find((p) => p.pattern === "*");
  if (!hostRule) {
    return urlMap.defaultBackend;
  }
  const pm = urlMap.pathMatchers.find((m) => m.name === hostRule.rule.pathMatcher)!;
  let best: { length: number; exact: boolean; backend: string } | undefined;
  for (const rule of pm.pathRules) {
    for (const pattern of rule.paths) {
      const glob = pattern.endsWith("/*");
      const matches = glob ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
      const length = glob ? pattern.length - 1 : pattern.length;
      if (matches && (!best || length > best.length || (length === best.length && !glob && !best.exact))) {
        best = { length, exact: !glob, backend: rule.backend };
      }
    }
  }
  return best ? best.backend : pm.defaultBackend;
}

function firstOfEach<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    const fresh = !seen.has(k);
    seen.add(k);
    return fresh;
  });
}

describe("routing/gcp: the compiled lookup agrees with the rules stated one pattern at a time", () => {
  const segment = fc.constantFrom("a", "b", "ab", "users", "");
  const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join("/")}`);
  const pattern = fc.tuple(path, fc.constantFrom("", "/", "/*")).map(([p, end]) => {
    const base = end === "" ? p : p.replace(/\/$/, "") + end;
    return base === "" ? "/" : base;
  });
  const label = fc.constantFrom("a", "b", "x-y");
  const host = fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => labels.join("."));
  const hostPattern = fc.oneof(
    host,
    host.map((h) => `*.${h}`),
    host.map((h) => `*-${h}`),
    fc.constant("*"),
  );
  const urlMap: fc.Arbitrary<UrlMapModel> = fc
    .array(
      fc.tuple(hostPattern, fc.array(fc.tuple(pattern, fc.constantFrom("s1", "s2", "s3")), { maxLength: 8 })),
      {
        maxLength: 8,
      },
    )
    .map((entries) => {
      // GCP refuses a host or a path pattern twice; keep the first.
      const usable = firstOfEach(entries, ([h]) => h);
      return {
        name: "prop",
        defaultBackend: "map-default",
        hostRules: usable.map(([h], i) => ({ hosts: [h], pathMatcher: `m${i}` })),
        pathMatchers: usable.map(([, rules], i) => {
          const unique = firstOfEach(rules, ([p]) => p);
          return matcher(
            `m${i}`,
            `m${i}-default`,
            unique.map(([p, backend]) => [[p], backend]),
          );
        }),
        tests: [],
      };
    });

  it("for random URL maps and requests", () => {
    fc.assert(
      fc.property(urlMap, host, path, (map, h, p) => {
        assert.equal(evaluateUrlMap(map, { host: h, path: p }).backend, referenceEvaluate(map, h, p));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("routing/gcp: scale", () => {
  it("evaluates 100,000 requests against 5,000 path rules quickly and correctly", () => {
    const rules: [string[], string][] = [];
    for (let i = 0; i < 5000; i++) {
      rules.push([[`/svc${i}/*`], `b${i}`]);
    }
    const urlMap: UrlMapModel = {
      name: "big",
      defaultBackend: "map-default",
      hostRules: [{ hosts: ["*"], pathMatcher: "big" }],
      pathMatchers: [matcher("big", "big-default", rules)],
      tests: [],
    };
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) {
      const n = (i * 7919) % 5000;
      const decision = evaluateUrlMap(urlMap, { host: "h.example.com", path: `/svc${n}/item/${i}` });
      if (decision.backend !== `b${n}`) {
        assert.fail(`request ${i} went to ${decision.backend}, expected b${n}`);
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // A scan of every pattern would take minutes here; a compiled lookup takes well under a second.
    assert.ok(seconds < 5, `took ${seconds.toFixed(2)} s`);
  });
});
