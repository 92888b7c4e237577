import { PathMatcherModel, UrlMapModel, UrlMapTestModel } from "./model";

/** GCP accepts at most 100 tests on a URL map. */
export const MAX_URL_MAP_TESTS = 100;

const PROBE_SEGMENT = "ingress-glb-probe";
/** Hosts no Ingress can name (RFC 2606/6761 reserved names), for the URL map default. */
const NO_RULE_HOSTS = ["ingress-glb.invalid", "ingress-glb-probe.invalid", "probe.ingress-glb.test"];

interface MatcherProbe {
  host: string;
  label: string;
  matcher: PathMatcherModel;
  patterns: Set<string>;
}

/**
 * URL map `tests` that pin the routing the Ingress promises, so GCP itself refuses an update that would
 * send any of them elsewhere. Every request is one on which GCP and Kubernetes agree: a wildcard host is
 * probed one label deep, a `/x/*` pattern below `/x/`. Up to GCP's limit of 100, chosen in this order:
 *
 * 1. the URL map default (a host no rule names), when a request can reach it;
 * 2. a path rule for each backend not yet pinned, so every backend service is reached by some test;
 * 3. every other path rule (its first pattern), round-robin across hosts;
 * 4. each host's default (a path no rule of the host matches);
 * 5. the remaining patterns of every path rule, round-robin across hosts.
 *
 * The expected backend is read off the rule that owns the pattern; the probe path is chosen so that no
 * longer pattern of the same host takes it.
 */
export function generateUrlMapTests(urlMap: Omit<UrlMapModel, "tests">): UrlMapTestModel[] {
  const allHosts = urlMap.hostRules.flatMap((rule) => rule.hosts);
  const exactHosts = new Set(allHosts.filter((h) => !h.startsWith("*")));
  const matchers = new Map(urlMap.pathMatchers.map((m) => [m.name, m]));
  const tests: UrlMapTestModel[] = [];
  const full = () => tests.length >= MAX_URL_MAP_TESTS;

  if (!allHosts.includes("*")) {
    tests.push({
      host: hostMatchingNoRule(allHosts),
      path: "/",
      backend: urlMap.defaultBackend,
      description: "a host no rule names goes to the URL map default",
    });
  }

  const probes: MatcherProbe[] = [];
  for (const hostRule of urlMap.hostRules) {
    const matcher = matchers.get(hostRule.pathMatcher);
    if (!matcher) continue;
    const label = hostRule.hosts[0];
    probes.push({
      host: sampleHost(label, allHosts, exactHosts),
      label,
      matcher,
      patterns: new Set(matcher.pathRules.flatMap((rule) => rule.paths)),
    });
  }
  const patternTest = (probe: MatcherProbe, ruleIndex: number, patternIndex: number): UrlMapTestModel => {
    const rule = probe.matcher.pathRules[ruleIndex];
    const pattern = rule.paths[patternIndex];
    return {
      host: probe.host,
      path: samplePath(pattern, probe.patterns),
      backend: rule.backend,
      description: `${probe.label} ${pattern}`,
    };
  };

  // 2 and 3: the first pattern of each path rule; rules reaching a new backend first.
  const pinned = new Set(tests.map((t) => t.backend));
  const deferred: [MatcherProbe, number][][] = probes.map(() => []);
  for (let i = 0; !full() && probes.some((p) => i < p.matcher.pathRules.length); i++) {
    probes.forEach((probe, p) => {
      if (i >= probe.matcher.pathRules.length) return;
      if (pinned.has(probe.matcher.pathRules[i].backend) || full()) {
        deferred[p].push([probe, i]);
        return;
      }
      pinned.add(probe.matcher.pathRules[i].backend);
      tests.push(patternTest(probe, i, 0));
    });
  }
  roundRobin(
    deferred.map((list) =>
      list.map(
        ([probe, i]) =>
          () =>
            patternTest(probe, i, 0),
      ),
    ),
    tests,
  );

  // 4: a path no rule of the host matches, where a host has such paths.
  for (const probe of probes) {
    if (full()) break;
    if (probe.patterns.has("/*")) continue;
    let path = `/${PROBE_SEGMENT}-unmatched`;
    while (probe.patterns.has(path)) path += "-x";
    tests.push({
      host: probe.host,
      path,
      backend: probe.matcher.defaultBackend,
      description: `a path no rule of ${probe.label} matches goes to the default`,
    });
  }

  // 5: the other patterns.
  roundRobin(
    probes.map((probe) =>
      probe.matcher.pathRules.flatMap((rule, r) =>
        rule.paths.slice(1).map((_, i) => () => patternTest(probe, r, i + 1)),
      ),
    ),
    tests,
  );
  return tests.slice(0, MAX_URL_MAP_TESTS);
}

/** Appends one item of each list in turn until the lists run out or the tests are full. */
function roundRobin(lists: (() => UrlMapTestModel)[][], tests: UrlMapTestModel[]): void {
  for (let i = 0; tests.length < MAX_URL_MAP_TESTS && lists.some((list) => i < list.length); i++) {
    for (const list of lists) {
      if (i < list.length && tests.length < MAX_URL_MAP_TESTS) tests.push(list[i]());
    }
  }
}

/** A path that pattern matches and no longer pattern of the same matcher does. */
function samplePath(pattern: string, patterns: Set<string>): string {
  if (!pattern.endsWith("*")) return pattern;
  let sample = `${pattern.slice(0, -1)}${PROBE_SEGMENT}`;
  while (patterns.has(sample)) sample += "-x";
  return sample;
}

/**
 * A concrete host for a host pattern that no more specific pattern claims: a wildcard is probed one label
 * deep, where Kubernetes agrees with GCP.
 */
function sampleHost(pattern: string, allHosts: string[], exactHosts: Set<string>): string {
  if (pattern === "*") return hostMatchingNoRule(allHosts);
  if (!pattern.startsWith("*.")) return pattern;
  let label = PROBE_SEGMENT;
  while (exactHosts.has(`${label}${pattern.slice(1)}`)) label += "-x";
  return `${label}${pattern.slice(1)}`;
}

function hostMatchingNoRule(allHosts: string[]): string {
  const free = NO_RULE_HOSTS.find(
    (host) => !allHosts.some((h) => h === host || (h.startsWith("*.") && host.endsWith(h.slice(1)))),
  );
  return free ?? NO_RULE_HOSTS[0];
}
