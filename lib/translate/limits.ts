import { InputError, Origin } from "../errors";
import { LoadBalancingScheme, UrlMapModel, Warning } from "./model";
import { AUTONAME_SUFFIX } from "./names";

/**
 * GCP's size limit of one URL map: the classic load balancer (EXTERNAL) keeps 64 KB, the others 1 MB
 * ("URL map size and quota units" in the Cloud Load Balancing docs).
 */
export const URL_MAP_SIZE_LIMIT: Record<LoadBalancingScheme, number> = {
  EXTERNAL: 64 * 1024,
  EXTERNAL_MANAGED: 1024 * 1024,
};

/** Share of the limit past which the plan warns that the next paths may not fit. */
export const URL_MAP_SIZE_WARNING = 0.8;

/** GCP accepts at most 50 instance-group backends on one backend service. */
export const MAX_INSTANCE_GROUPS_PER_BACKEND = 50;

/** A backend service reference as GCP stores it: a self link with a 30-character project ID. */
function selfLinkLength(name: string): number {
  return (
    `https://www.googleapis.com/compute/v1/projects/${"p".repeat(30)}/global/backendServices/`.length +
    name.length +
    AUTONAME_SUFFIX
  );
}

/**
 * About how many bytes GCP counts for the URL map: its host rules, path matchers and tests serialized,
 * every backend named by its self link. An estimate (GCP does not publish the formula), so the plan
 * warns well before the limit and refuses only past it.
 */
export function estimateUrlMapBytes(urlMap: UrlMapModel, backendNames: ReadonlyMap<string, string>): number {
  const link = (key: string) => "x".repeat(selfLinkLength(backendNames.get(key) ?? key));
  return JSON.stringify({
    defaultService: link(urlMap.defaultBackend),
    hostRules: urlMap.hostRules,
    pathMatchers: urlMap.pathMatchers.map((m) => ({
      name: m.name,
      defaultService: link(m.defaultBackend),
      pathRules: m.pathRules.map((r) => ({ paths: r.paths, service: link(r.backend) })),
    })),
    tests: urlMap.tests.map((t) => ({
      host: t.host,
      path: t.path,
      service: link(t.backend),
      description: t.description,
    })),
  }).length;
}

/** Refuses a URL map GCP would refuse for its size under `scheme`, and warns when it comes close. */
export function checkUrlMapSize(
  urlMap: UrlMapModel,
  backendNames: ReadonlyMap<string, string>,
  scheme: LoadBalancingScheme,
  origin: Origin,
  warnings: Warning[],
): void {
  const bytes = estimateUrlMapBytes(urlMap, backendNames);
  const limit = URL_MAP_SIZE_LIMIT[scheme];
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  const paths = urlMap.pathMatchers.reduce(
    (n, m) => n + m.pathRules.reduce((k, r) => k + r.paths.length, 0),
    0,
  );
  if (bytes > limit) {
    throw new InputError(
      `the URL map would be about ${kb(bytes)} (${paths} path patterns), over the ${kb(limit)} GCP allows a ${scheme} load balancer`,
      origin,
      scheme === "EXTERNAL"
        ? "use the EXTERNAL_MANAGED scheme (1 MB), or fewer paths"
        : "use fewer paths or hosts",
    );
  }
  if (bytes > limit * URL_MAP_SIZE_WARNING) {
    warnings.push({
      code: "url-map-size",
      message: `the URL map is about ${kb(bytes)} (${paths} path patterns), near the ${kb(limit)} GCP allows a ${scheme} load balancer`,
      origin,
    });
  }
}

/** Refuses more instance groups than one backend service can take. */
export function checkInstanceGroupCount(count: number): void {
  if (count > MAX_INSTANCE_GROUPS_PER_BACKEND) {
    throw new InputError(
      `${count} instance groups given; GCP allows at most ${MAX_INSTANCE_GROUPS_PER_BACKEND} instance-group backends per backend service`,
      { field: "instanceGroups" },
    );
  }
}
