import fc from "fast-check";
import { InputError } from "../../lib/errors";
import {
  IngressPath,
  NormalizedIngress,
  PathType,
  ServiceBackendRef,
  ServiceInfo,
} from "../../lib/ingress/types";
import { UrlMapDecision, compileUrlMap } from "../../lib/routing/gcp";
import { IngressDecision, compileIngresses } from "../../lib/routing/kubernetes";
import { RouteRequest, normalizeHost } from "../../lib/routing/url";
import { LoadBalancerModel, LoadBalancingScheme, Warning } from "../../lib/translate/model";
import { gcePathPatterns } from "../../lib/translate/paths";
import { translate } from "../../lib/translate/translate";

/**
 * Shared by the fidelity property tests, the URL map test agreement tests and `npm run fidelity`: small
 * Ingress specs drawn from pools that collide often (hosts, path segments, services), requests biased
 * towards what the spec names, and the comparison of the Kubernetes reference with the GCP evaluator.
 */

export const NAMESPACES = ["default", "other"] as const;
export const SERVICE_NAMES = ["s1", "s2", "s3"] as const;
/** Port 80 is also named `http`, 9000 `admin`: a number and a name reach the same backend. */
export const SERVICE_PORTS = [80, "http", 9000, "admin"] as const;
/** Rule hosts: none, exact, wildcards, and a wildcard nested in another's domain. */
export const HOST_POOL = [
  undefined,
  "foo.com",
  "bar.foo.com",
  "*.foo.com",
  "*.bar.foo.com",
  "baz.org",
  "*.baz.org",
] as const;
const SEGMENTS = ["a", "b", "ab", "aa"] as const;

/** The Services every generated backend may name: NodePort, in both namespaces. */
export function fidelityServices(): ServiceInfo[] {
  return NAMESPACES.flatMap((namespace) =>
    SERVICE_NAMES.map((name) => ({
      name,
      namespace,
      type: "NodePort",
      ports: [
        { name: "http", port: 80, targetPort: 8080 },
        { name: "admin", port: 9000, targetPort: 9000 },
      ],
      annotations: {},
      origin: { object: `Service/${namespace}/${name}` },
    })),
  );
}

export interface FidelitySpec {
  ingresses: NormalizedIngress[];
  scheme: LoadBalancingScheme;
}

export interface FidelityCase extends FidelitySpec {
  requests: RouteRequest[];
}

const segmentsArb = fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 3 });

/** An Ingress path valid for its pathType: Exact and Prefix never hold `*`; ImplementationSpecific may end in `/*`. */
const pathArb: fc.Arbitrary<{ path: string; pathType: PathType }> = fc.oneof(
  fc
    .tuple(fc.constantFrom<PathType>("Exact", "Prefix"), segmentsArb, fc.boolean())
    .map(([pathType, segments, slash]) => ({ pathType, path: joinPath(segments, slash) })),
  fc
    .tuple(segmentsArb, fc.constantFrom("literal", "glob", "glob", "empty"), fc.boolean())
    .map(([segments, kind, slash]) => ({
      pathType: "ImplementationSpecific" as PathType,
      path:
        kind === "empty"
          ? ""
          : kind === "glob"
            ? `${segments.map((s) => `/${s}`).join("")}/*`
            : joinPath(segments, slash),
    })),
);

function joinPath(segments: readonly string[], trailingSlash: boolean): string {
  const joined = segments.map((s) => `/${s}`).join("");
  return joined === "" ? "/" : trailingSlash ? `${joined}/` : joined;
}

const backendArb = fc.record({
  service: fc.constantFrom(...SERVICE_NAMES),
  port: fc.constantFrom<number | string>(...SERVICE_PORTS),
});

const ruleArb = fc.record({
  host: fc.constantFrom(...HOST_POOL),
  paths: fc.array(fc.tuple(pathArb, backendArb), { minLength: 1, maxLength: 4 }),
});

const ingressArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES, "default", "default"),
  withDefault: fc.boolean(),
  rules: fc.array(ruleArb, { minLength: 0, maxLength: 3 }),
});

/**
 * One to three Ingresses sharing a load balancer. What translate rightly refuses is mostly repaired rather
 * than generated, so most cases get compared: Ingresses of the first one's namespace may share its
 * default backend (distinct defaults are an error), a path whose GCE pattern another Ingress already
 * routes is dropped, and a same-kind duplicate within one Ingress takes the first one's backend.
 */
export const specArb: fc.Arbitrary<FidelitySpec> = fc
  .tuple(
    fc.array(ingressArb, { minLength: 1, maxLength: 3 }),
    fc.option(backendArb, { freq: 2 }),
    fc.constantFrom<LoadBalancingScheme>("EXTERNAL", "EXTERNAL_MANAGED"),
  )
  .map(([raw, sharedDefault, scheme]) => {
    const ingresses = raw.map((ing, i) => {
      const defaultBackend =
        sharedDefault && ing.withDefault && ing.namespace === raw[0].namespace ? sharedDefault : null;
      // An Ingress needs rules or a default backend.
      const rules = ing.rules.length > 0 || defaultBackend ? ing.rules : [{ host: undefined, paths: [] }];
      return buildIngress(`ing${i}`, { namespace: ing.namespace, defaultBackend, rules });
    });
    return { scheme, ingresses: repairClashes(ingresses) };
  });

function buildIngress(
  name: string,
  raw: {
    namespace: string;
    defaultBackend: { service: string; port: number | string } | null;
    rules: {
      host: string | undefined;
      paths: [{ path: string; pathType: PathType }, { service: string; port: number | string }][];
    }[];
  },
): NormalizedIngress {
  const object = `Ingress/${raw.namespace}/${name}`;
  const ref = (b: { service: string; port: number | string }, field: string): ServiceBackendRef => ({
    ...b,
    origin: { object, field },
  });
  return {
    name,
    namespace: raw.namespace,
    annotations: {},
    ...(raw.defaultBackend ? { defaultBackend: ref(raw.defaultBackend, "spec.defaultBackend") } : {}),
    rules: raw.rules.map((rule, r) => ({
      ...(rule.host !== undefined ? { host: rule.host } : {}),
      origin: { object, field: `spec.rules[${r}]` },
      paths: rule.paths.map(([p, backend], i): IngressPath => {
        const field = `spec.rules[${r}].http.paths[${i}]`;
        return { ...p, backend: ref(backend, `${field}.backend`), origin: { object, field } };
      }),
    })),
    tls: [],
    origin: { object },
  };
}

type PatternKind = "exact" | "derived";

/** Drops or aligns paths that translate would refuse as clashing (see specArb). */
function repairClashes(ingresses: NormalizedIngress[]): NormalizedIngress[] {
  const claims = new Map<
    string,
    { ingress: string; kind: PatternKind; backend: string; ref: ServiceBackendRef }
  >();
  return ingresses.map((ing) => ({
    ...ing,
    rules: ing.rules.map((rule) => ({
      ...rule,
      paths: rule.paths.flatMap((path): IngressPath[] => {
        const patterns = gcePathPatterns(path.path, path.pathType, path.origin).map((pattern) => ({
          key: `${rule.host ?? "*"} ${pattern}`,
          kind: patternKind(path, pattern),
        }));
        const clashes = patterns.map((p) => ({ p, claim: claims.get(p.key) })).filter((c) => c.claim);
        if (clashes.some((c) => c.claim?.ingress !== ing.name)) return [];
        const sameKind = clashes.filter((c) => c.claim?.kind === c.p.kind);
        const backends = new Set(sameKind.map((c) => c.claim?.backend));
        if (backends.size > 1) return [];
        const adopted = sameKind[0]?.claim?.ref;
        const repaired = adopted ? { ...path, backend: { ...adopted, origin: path.backend.origin } } : path;
        for (const p of patterns) {
          const claim = claims.get(p.key);
          if (!claim || (claim.kind === "derived" && p.kind === "exact")) {
            claims.set(p.key, {
              ingress: ing.name,
              kind: p.kind,
              backend: backendKey({ namespace: ing.namespace, ...repaired.backend }),
              ref: repaired.backend,
            });
          }
        }
        return [repaired];
      }),
    })),
  }));
}

/** As translate decides precedence: Exact paths and literal ImplementationSpecific ones beat derived patterns. */
function patternKind(path: IngressPath, pattern: string): PatternKind {
  if (path.pathType === "Exact") return "exact";
  if (path.pathType === "Prefix") return "derived";
  return pattern.endsWith("*") ? "derived" : "exact";
}

/** Hosts a request may carry for a rule host: itself, one and two labels under a wildcard, the bare domain. */
function hostVariants(host: string | undefined): string[] {
  if (host === undefined) return ["", "other.net"];
  if (!host.startsWith("*.")) return [host, `x.${host}`, host.toUpperCase(), `${host}:8080`];
  const domain = host.slice(2);
  return [`x.${domain}`, `y.x.${domain}`, `z.y.x.${domain}`, domain, `X.${domain}:443`];
}

/** Paths near an Ingress path: itself, with and without trailing slash, below it, and prefix-but-not-element. */
function pathVariants(path: string): string[] {
  const base = path.endsWith("/*") ? path.slice(0, -2) : path === "" ? "" : path.replace(/\/+$/, "");
  return [
    path === "" ? "/" : path.replace(/\*$/, "q"),
    base === "" ? "/" : base,
    `${base}/`,
    `${base}/a`,
    `${base}/ab/b`,
    `${base}x`,
    `${base}b`,
    `${base}/A`,
    `${base}?q=/a`,
    `${base}//a`,
  ];
}

const randomPathArb = fc
  .tuple(fc.array(fc.constantFrom(...SEGMENTS, "c", "A"), { maxLength: 4 }), fc.boolean())
  .map(([segments, slash]) => joinPath(segments, slash));

/** Requests for a spec: mostly hosts and paths near what it names, some anywhere. */
export function requestsArb(spec: FidelitySpec, maxLength = 16): fc.Arbitrary<RouteRequest[]> {
  const rules = spec.ingresses.flatMap((ing) => ing.rules);
  const hosts = [...new Set([...rules.map((r) => r.host), ...HOST_POOL].flatMap(hostVariants))];
  const specHosts = [...new Set(rules.flatMap((r) => hostVariants(r.host)))];
  const paths = [...new Set(rules.flatMap((r) => r.paths.flatMap((p) => pathVariants(p.path))))];
  const hostArb =
    specHosts.length > 0
      ? fc.oneof(fc.constantFrom(...specHosts), fc.constantFrom(...hosts))
      : fc.constantFrom(...hosts);
  const pathArbitrary = paths.length > 0 ? fc.oneof(fc.constantFrom(...paths), randomPathArb) : randomPathArb;
  return fc.array(fc.record({ host: hostArb, path: pathArbitrary }), { minLength: 1, maxLength });
}

export const caseArb: fc.Arbitrary<FidelityCase> = specArb.chain((spec) =>
  requestsArb(spec).map((requests) => ({ ...spec, requests })),
);

/** A request on which the GCP load balancer and Kubernetes disagree. */
export interface Difference {
  request: RouteRequest;
  gcp: UrlMapDecision;
  gcpBackend: string;
  kubernetesBackend: string;
  kubernetes: IngressDecision;
  /** The warning that names this difference, when the plan carries one. */
  explainedBy?: Warning;
}

export type CaseOutcome =
  | { kind: "rejected"; error: InputError }
  | { kind: "compared"; model: LoadBalancerModel; agreeing: number; differences: Difference[] };

/** Translates a spec; an InputError (a spec GKE would refuse too) makes the case `rejected`. */
export function translateSpec(spec: FidelitySpec): LoadBalancerModel | InputError {
  try {
    return translate({
      name: "lb",
      ingresses: spec.ingresses,
      services: fidelityServices(),
      scheme: spec.scheme,
    });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

/** Routes every request with both evaluators and keeps the differences, each with the warning that explains it. */
export function compareCase(c: FidelityCase): CaseOutcome {
  const model = translateSpec(c);
  if (model instanceof InputError) return { kind: "rejected", error: model };
  const gcp = compileUrlMap(model.urlMap);
  const kubernetes = compileIngresses(c.ingresses);
  const builtin = model.backends.find((b) => b.builtinDefault)?.key;
  const differences: Difference[] = [];
  let agreeing = 0;
  for (const request of c.requests) {
    const g = gcp.evaluate(request);
    const k = kubernetes.evaluate(request);
    const kubernetesBackend = k.backend ? backendKey(k.backend) : (builtin ?? "(no built-in default)");
    if (g.backend === kubernetesBackend) {
      agreeing++;
      continue;
    }
    differences.push({
      request,
      gcp: g,
      gcpBackend: g.backend,
      kubernetes: k,
      kubernetesBackend,
      explainedBy: explainDifference(model, request, g),
    });
  }
  return { kind: "compared", model, agreeing, differences };
}

/** The model's backend key for a Kubernetes target: the Service port's number, whether named or numbered. */
export function backendKey(target: { namespace: string; service: string; port: number | string }): string {
  const service = fidelityServices().find(
    (s) => s.namespace === target.namespace && s.name === target.service,
  );
  const port = service?.ports.find((p) =>
    typeof target.port === "number" ? p.port === target.port : p.name === target.port,
  );
  return `${target.namespace}/${target.service}:${port?.port ?? target.port}`;
}

/**
 * The warning that accounts for a difference, if any. The only difference GCP cannot avoid: a wildcard host
 * rule `*.d` also takes hosts two or more labels under `d`, which Kubernetes sends elsewhere; the plan's
 * `wildcard-host-depth` warning must name that host.
 */
export function explainDifference(
  model: LoadBalancerModel,
  request: RouteRequest,
  decision: UrlMapDecision,
): Warning | undefined {
  const pattern = decision.hostRule;
  if (pattern === undefined || !pattern.startsWith("*.")) return undefined;
  const host = normalizeHost(request.host);
  const suffix = pattern.slice(1);
  const labels = host.slice(0, host.length - suffix.length);
  if (!host.endsWith(suffix) || !labels.includes(".")) return undefined;
  return model.warnings.find((w) => w.code === "wildcard-host-depth" && w.message.includes(`"${pattern}"`));
}

/** A readable counterexample: the spec's rules, the request, both decisions. */
export function describeDifference(c: FidelitySpec, d: Difference): string {
  const spec = c.ingresses.map((ing) => ({
    ingress: `${ing.namespace}/${ing.name}`,
    defaultBackend: ing.defaultBackend && `${ing.defaultBackend.service}:${ing.defaultBackend.port}`,
    rules: ing.rules.map((r) => ({
      host: r.host ?? "(none)",
      paths: r.paths.map(
        (p) => `${p.pathType} ${JSON.stringify(p.path)} -> ${p.backend.service}:${p.backend.port}`,
      ),
    })),
  }));
  return [
    `request host=${JSON.stringify(d.request.host)} path=${JSON.stringify(d.request.path)}`,
    `  GCP:        ${d.gcpBackend} (${d.gcp.rule})`,
    `  Kubernetes: ${d.kubernetesBackend} (${d.kubernetes.matched ? `${d.kubernetes.matched.pathType} ${d.kubernetes.matched.path} on ${d.kubernetes.matched.host ?? "any host"}` : "default backend"})`,
    `  spec (${c.scheme}): ${JSON.stringify(spec)}`,
  ].join("\n");
}
