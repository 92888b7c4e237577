import { UrlMapModel, UrlMapTestModel } from "./model";

/** GCP accepts at most 100 tests on a URL map. */
export const MAX_URL_MAP_TESTS = 100;

const PROBE_SEGMENT = "ingress-glb-probe";

/**
 * URL map `tests` that pin the routing the Ingress promises: one request per path rule pattern and per
 * default, so GCP itself refuses an update that would send any of them elsewhere. Defaults come first,
 * then the path rules round-robin across path matchers, up to GCP's limit of 100.
 */
export function generateUrlMapTests(urlMap: Omit<UrlMapModel, "tests">): UrlMapTestModel[] {
  const allHosts = urlMap.hostRules.flatMap((rule) => rule.hosts);
  const defaults: UrlMapTestModel[] = [];
  const perMatcher: UrlMapTestModel[][] = [];

  if (!allHosts.includes("*")) {
    defaults.push({
      host: hostMatchingNoRule(allHosts),
      path: "/",
      backend: urlMap.defaultBackend,
      description: "a host no rule names goes to the URL map default",
    });
  }
  for (const hostRule of urlMap.hostRules) {
    const matcher = urlMap.pathMatchers.find((m) => m.name === hostRule.pathMatcher);
    if (!matcher) continue;
    const host = sampleHost(hostRule.hosts[0], allHosts);
    const patterns = new Set(matcher.pathRules.flatMap((rule) => rule.paths));
    if (!patterns.has("/*")) {
      defaults.push({
        host,
        path: `/${PROBE_SEGMENT}-unmatched`,
        backend: matcher.defaultBackend,
        description: `a path no rule of ${hostRule.hosts[0]} matches goes to the default`,
      });
    }
    perMatcher.push(
      matcher.pathRules.flatMap((rule) =>
        rule.paths.map((pattern) => ({
          host,
          path: samplePath(pattern, patterns),
          backend: rule.backend,
          description: `${hostRule.hosts[0]} ${pattern}`,
        })),
      ),
    );
  }
  const tests = [...defaults];
  for (let i = 0; tests.length < MAX_URL_MAP_TESTS && perMatcher.some((list) => i < list.length); i++) {
    for (const list of perMatcher) {
      if (i < list.length && tests.length < MAX_URL_MAP_TESTS) tests.push(list[i]);
    }
  }
  return tests.slice(0, MAX_URL_MAP_TESTS);
}

/** A path that pattern matches and no longer pattern of the same matcher does. */
function samplePath(pattern: string, patterns: Set<string>): string {
  if (!pattern.endsWith("*")) return pattern;
  let sample = `${pattern.slice(0, -1)}${PROBE_SEGMENT}`;
  while (patterns.has(sample)) sample += "-x";
  return sample;
}

/** A concrete host for a host pattern that no more specific pattern claims. */
function sampleHost(pattern: string, allHosts: string[]): string {
  if (pattern === "*") return hostMatchingNoRule(allHosts);
  if (!pattern.startsWith("*.")) return pattern;
  let label = PROBE_SEGMENT;
  while (allHosts.includes(`${label}${pattern.slice(1)}`)) label += "-x";
  return `${label}${pattern.slice(1)}`;
}

function hostMatchingNoRule(allHosts: string[]): string {
  const candidates = ["ingress-glb.invalid", "ingress-glb-probe.example", "probe.ingress-glb.test"];
  const free = candidates.find(
    (host) => !allHosts.some((h) => h === host || (h.startsWith("*.") && host.endsWith(h.slice(1)))),
  );
  return free ?? candidates[0];
}
