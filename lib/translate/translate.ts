import { InputError, Origin } from "../errors";
import { readIngressAnnotations } from "../ingress/annotations";
import { IngressPath, NormalizedIngress, ServiceBackendRef, ServiceInfo } from "../ingress/types";
import { DEFAULT_HEALTH_CHECK, builtinDefaultBackend, defaultBackendServiceName } from "./default-backend";
import { ResourceNames } from "./resource-names";
import { gkeRuleDifferences } from "./gke-rule-differences";
import { validateHost, isWildcardHost } from "./hosts";
import {
  BackendModel,
  HealthCheckModel,
  LoadBalancerModel,
  LoadBalancingScheme,
  NameOrArg,
  PathMatcherModel,
  PathRuleModel,
  PathSource,
  RouteModel,
  StaticIpModel,
  Warning,
} from "./model";
import { BACKEND_NAME_MAX, gcpName, GCP_NAME_MAX } from "./names";
import { checkUrlMapSize } from "./limits";
import { checkHealthCheckDefaults } from "./health-check";
import { healthCheckPortWarnings } from "./health-check-ports";
import { nearestResourceName, resourceNameProblem } from "./gcp-identifiers";
import { quote } from "../quote";
import { gcePathPatterns } from "./paths";
import { resolveBackend } from "./resolve-backend";
import { checkNegBalancing, negBackend } from "./neg";
import { generateUrlMapTests } from "./url-map-tests";
import { FrontendInput, httpsFrontend } from "./frontend";
import { BackendConfigInfo } from "../ingress/backend-config";
import { PodTemplateInfo } from "../ingress/pod-template";
import { BackendOptions } from "./backend-options";
import { backendSettings, checkBackendOptionKeys } from "./backend-settings";
import {
  REGIONAL_SHAPES,
  checkRegionalModel,
  regionalClassOf,
  regionalStaticIpOf,
  ruleSchemeOf,
} from "./regional";

export interface TranslateInput {
  /** Base logical name of the load balancer's resources (the component's name). */
  name: string;
  /** Its name in resource descriptions; `name` by default. */
  label?: string;
  /** The Ingresses served by this one load balancer (usually one). */
  ingresses: readonly NormalizedIngress[];
  /** Every Service the Ingresses may name. */
  services: readonly ServiceInfo[];
  /**
   * Load balancing scheme of a global load balancer; `EXTERNAL` (classic, what GKE Ingress makes) by
   * default. A regional class's Ingresses get their class's scheme whatever this says.
   */
  scheme?: LoadBalancingScheme;
  /** Name of an existing global address; wins over the Ingress annotation. An output is left to GCP. */
  staticIpName?: NameOrArg;
  /** Health check settings applied to every backend, over the defaults. */
  healthCheck?: Partial<HealthCheckModel>;
  /** TLS Secrets, FrontendConfigs, managed certificates and HTTPS options (see `httpsFrontend`). */
  frontend?: FrontendInput;
  /** Pod templates of the workloads behind the Services: their readiness probes give the health checks. */
  workloads?: readonly PodTemplateInfo[];
  /** BackendConfigs the Services' `cloud.google.com/backend-config` annotations may name. */
  backendConfigs?: readonly BackendConfigInfo[];
  /** Typed options per backend key (`namespace/service:port`); each top-level option replaces the BackendConfig's. */
  backendOptions?: Record<string, BackendOptions>;
  /** Also reserve a global IPv6 address, served by the same proxies. */
  ipv6?: boolean;
  /**
   * The base name an earlier release gave these same resources: every name derived from `name` also
   * records its counterpart under this one, in the model's `aliases`.
   */
  legacyName?: string;
  /** Where the built-in 404 backend lives, when no Ingress gives a default backend. */
  builtinBackend?: BuiltinBackendPlacement;
  /**
   * The cluster fact: ClusterIP Services without a `cloud.google.com/neg` annotation are served through
   * network endpoint groups, as GKE does on VPC-native clusters. Default true.
   */
  negDefault?: boolean;
  /** What derived NEG names start with (the component owning the Services). Default: `name`. */
  negScope?: string;
}

/** Where the built-in 404 backend's Service and Deployment live. */
export interface BuiltinBackendPlacement {
  /** Its namespace. Default: the first of the Ingresses' namespaces in alphabetical order. */
  namespace?: string;
  /** Name of its Service and Deployment. Default `<name>-default-backend`. */
  serviceName?: string;
}

/** How a GCE path pattern came to be, for precedence: an Exact path beats a Prefix's derived pattern. */
type PatternKind = "exact" | "derived";

interface PatternClaim {
  backend: string;
  kind: PatternKind;
  source: PathSource;
}

/**
 * The pure heart of ingress-glb: one or more normalized Ingresses and their Services in, the whole load
 * balancer model out. Throws InputError for any mistake, before anything is registered.
 */
export function translate(input: TranslateInput): LoadBalancerModel {
  if (input.ingresses.length === 0) throw new InputError("no Ingress to translate");
  checkBackendOptionKeys(input.backendOptions, input.services);
  const warnings: Warning[] = [];
  const names = new ResourceNames(input.name, input.legacyName);
  checkHealthCheckDefaults(input.healthCheck);
  checkStaticIpArg(input.staticIpName);
  const backends = new Map<string, BackendModel>();
  const healthCheckPorts = new Map<string, Origin>();
  const healthCheck = { ...DEFAULT_HEALTH_CHECK, ...input.healthCheck };
  const annotations = input.ingresses.map((ing) => ({ ing, values: readIngressAnnotations(ing) }));
  const regionalClass = regionalClassOf(annotations);
  const regional = regionalClass !== undefined ? REGIONAL_SHAPES[regionalClass] : undefined;
  const scheme = regional?.scheme ?? input.scheme ?? "EXTERNAL";

  const backendFor = (ref: ServiceBackendRef, ingress: NormalizedIngress): string => {
    const { service, port } = resolveBackend(ref, ingress, input.services);
    const key = `${service.namespace}/${service.name}:${port.port}`;
    if (!backends.has(key)) {
      const neg = negBackend(
        service,
        port,
        ref.serviceOrigin ?? ref.origin,
        {
          negDefault: input.negDefault ?? true,
          scope: input.negScope ?? input.name,
          workloads: input.workloads,
        },
        warnings,
      );
      const settings = backendSettings(
        {
          service,
          port,
          key,
          scheme: ruleSchemeOf(scheme),
          base: healthCheck,
          workloads: input.workloads,
          backendConfigs: input.backendConfigs,
          override: input.backendOptions?.[key],
        },
        warnings,
      );
      if (neg) checkNegBalancing(key, settings.options);
      backends.set(key, {
        key,
        name: names.of([service.namespace, service.name, String(port.port)], BACKEND_NAME_MAX, true),
        namespace: service.namespace,
        service: service.name,
        servicePort: port.port,
        servicePortName: port.name,
        // A NEG backend reaches the Pods directly: no nodePort is involved.
        nodePort: neg ? undefined : port.nodePort,
        builtinDefault: false,
        healthCheck: settings.healthCheck,
        options: settings.options,
        ...(settings.protocol !== undefined && settings.protocol !== "HTTP"
          ? { protocol: settings.protocol }
          : {}),
        ...(neg ? { neg } : {}),
      });
      if (settings.healthCheckPortOrigin) healthCheckPorts.set(key, settings.healthCheckPortOrigin);
    }
    return key;
  };

  // host pattern -> GCE path pattern -> who claims it.
  const hosts = new Map<string, Map<string, PatternClaim>>();
  for (const ingress of input.ingresses) {
    const ingressId = `${ingress.namespace}/${ingress.name}`;
    warnings.push(...gkeRuleDifferences(ingress));
    for (const rule of ingress.rules) {
      if (rule.host !== undefined) {
        validateHost(rule.host, fieldOf(rule.origin, "host"));
        if (isWildcardHost(rule.host)) {
          warnings.push({
            code: "wildcard-host-depth",
            message: `host "${rule.host}" of Ingress ${ingressId}: GCP matches a wildcard host at any depth (a.b${rule.host.slice(1)} too), Kubernetes only one label deep`,
            origin: rule.origin,
          });
        }
      }
      const hostPattern = rule.host ?? "*";
      const claims = hosts.get(hostPattern) ?? new Map<string, PatternClaim>();
      hosts.set(hostPattern, claims);
      for (const path of rule.paths) {
        const backend = backendFor(path.backend, ingress);
        const source: PathSource = {
          ingress: ingressId,
          host: rule.host,
          path: path.path,
          pathType: path.pathType,
          origin: path.origin,
        };
        for (const pattern of gcePathPatterns(path.path, path.pathType, pathField(path))) {
          claimPattern(claims, pattern, { backend, kind: kindOf(path, pattern), source });
        }
      }
    }
  }

  const defaultBackend = chooseDefaultBackend(input, names, backendFor, backends, healthCheck);
  const builtin = backends.get(defaultBackend);
  const namespaces = [...new Set(input.ingresses.map((ing) => ing.namespace))].sort();
  if (builtin?.builtinDefault && namespaces.length > 1 && input.builtinBackend?.namespace === undefined) {
    warnings.push({
      code: "default-backend-namespace",
      message: `the built-in 404 backend of the Ingresses of namespaces ${namespaces.join(", ")} lives in ${builtin.namespace}, the first alphabetically: an Ingress joining from a namespace before it would move (replace) it; set defaultBackendNamespace to pin it`,
      origin: input.ingresses[0].origin,
    });
  }
  warnings.push(...healthCheckPortWarnings([...backends.values()], healthCheckPorts));
  const https = httpsFrontend({ ...input, names }, warnings);
  const { staticIp, http } = frontendOf(input, names, annotations, https !== undefined);
  const pathMatchers: PathMatcherModel[] = [];
  const hostRules = [...hosts.entries()].map(([host, claims]) => {
    const matcher: PathMatcherModel = {
      name: pathMatcherName(host),
      defaultBackend,
      pathRules: groupPathRules(claims),
    };
    pathMatchers.push(matcher);
    return { hosts: [host], pathMatcher: matcher.name };
  });

  const routes: RouteModel[] = pathMatchers.flatMap((matcher, index) =>
    matcher.pathRules.flatMap((rule) =>
      rule.paths.map((path) => ({ host: hostRules[index].hosts[0], path, backend: rule.backend })),
    ),
  );
  const urlMap = {
    name: names.of(["url-map"]),
    defaultBackend,
    hostRules,
    pathMatchers,
    tests: [],
  };
  const fullUrlMap = { ...urlMap, tests: generateUrlMapTests(urlMap) };
  const backendNames = new Map([...backends.values()].map((b) => [b.key, b.name]));
  checkUrlMapSize(fullUrlMap, backendNames, ruleSchemeOf(scheme), input.ingresses[0].origin, warnings);
  const model: LoadBalancerModel = {
    name: input.name,
    label: input.label ?? input.name,
    scheme,
    ...(regional
      ? {
          regional: {
            className: regional.className,
            addressType: regional.addressType,
            networkTier: regional.networkTier,
          },
        }
      : {}),
    ingresses: input.ingresses.map((ing) => `${ing.namespace}/${ing.name}`),
    backends: [...backends.values()],
    urlMap: fullUrlMap,
    frontend: {
      staticIp,
      http,
      ...(https ? { https } : {}),
      ...(input.ipv6 ? { ipv6: { kind: "reserve" as const, name: names.of(["ipv6"]) } } : {}),
    },
    routes,
    warnings,
    ...(input.legacyName !== undefined
      ? { legacy: { name: input.legacyName, aliases: Object.fromEntries(names.aliases) } }
      : {}),
  };
  warnings.push(...checkRegionalModel(model, input));
  return model;
}

/** The library's `staticIpName` names an existing global address: GCP's name rules apply (an output's are GCP's to check). */
function checkStaticIpArg(name: NameOrArg | undefined): void {
  if (typeof name !== "string") return;
  const problem = resourceNameProblem(name);
  if (problem === undefined) return;
  const nearest = nearestResourceName(name);
  throw new InputError(
    `${quote(name)} is not a valid GCP address name: ${problem}`,
    { field: "staticIpName" },
    nearest !== undefined ? `did you mean ${quote(nearest)}?` : undefined,
  );
}

function pathField(path: IngressPath) {
  return fieldOf(path.origin, "path");
}

/** normalizeIngress already points a rule's origin at `.host` and a path's at `.path`: add it only when missing. */
function fieldOf(origin: Origin, leaf: string): Origin {
  const field = origin.field ?? "spec.rules[]";
  return { ...origin, field: field.endsWith(`.${leaf}`) ? field : `${field}.${leaf}` };
}

/**
 * Exact paths and literal ImplementationSpecific paths claim a pattern outright; the patterns a Prefix
 * derives (and `/x/*` globs) yield to them.
 */
function kindOf(path: IngressPath, pattern: string): PatternKind {
  if (path.pathType === "Exact") return "exact";
  if (path.pathType === "Prefix") return "derived";
  return pattern.endsWith("*") ? "derived" : "exact";
}

/**
 * Records who routes `pattern`. Kubernetes says Exact beats Prefix on the same path whatever the order,
 * so an Exact claim displaces a Prefix-derived one; any other clash of different backends, or any
 * clash between two Ingresses, is an error naming both.
 */
function claimPattern(claims: Map<string, PatternClaim>, pattern: string, claim: PatternClaim): void {
  const existing = claims.get(pattern);
  if (!existing) {
    claims.set(pattern, claim);
    return;
  }
  if (existing.source.ingress !== claim.source.ingress) {
    throw new InputError(
      `host "${claim.source.host ?? "*"}" path "${claim.source.path}" is claimed by both Ingress ${existing.source.ingress} (${existing.source.origin.field ?? "?"}) and Ingress ${claim.source.ingress}`,
      claim.source.origin,
      "two Ingresses sharing one load balancer must not route the same host and path",
    );
  }
  if (existing.kind !== claim.kind) {
    if (claim.kind === "exact") claims.set(pattern, claim);
    return;
  }
  if (existing.backend !== claim.backend) {
    throw new InputError(
      `host "${claim.source.host ?? "*"}" path "${claim.source.path}" (${claim.source.pathType}) is given twice with different backends: ${existing.backend} at ${existing.source.origin.field ?? "an earlier path"} and ${claim.backend}`,
      claim.source.origin,
    );
  }
}

/** One path rule per backend, its patterns sorted, so the URL map is stable under reordering. */
function groupPathRules(claims: Map<string, PatternClaim>): PathRuleModel[] {
  const byBackend = new Map<string, PathRuleModel>();
  // A Set per rule: searching the sources list per pattern is quadratic when one backend has many paths.
  const seen = new Set<PathSource>();
  for (const [pattern, claim] of claims) {
    const rule = byBackend.get(claim.backend) ?? { paths: [], backend: claim.backend, sources: [] };
    byBackend.set(claim.backend, rule);
    rule.paths.push(pattern);
    if (!seen.has(claim.source)) {
      seen.add(claim.source);
      rule.sources.push(claim.source);
    }
  }
  for (const rule of byBackend.values()) rule.paths.sort();
  return [...byBackend.values()];
}

/** GCP path matcher names follow the resource name rule, so hosts like `*.foo.com` get a derived name. */
export function pathMatcherName(host: string): string {
  return host === "*" ? "any-host" : gcpName(["host", host], GCP_NAME_MAX, true);
}

function chooseDefaultBackend(
  input: TranslateInput,
  names: ResourceNames,
  backendFor: (ref: ServiceBackendRef, ingress: NormalizedIngress) => string,
  backends: Map<string, BackendModel>,
  healthCheck: HealthCheckModel,
): string {
  const withDefault = input.ingresses.filter((ing) => ing.defaultBackend);
  const keys = withDefault.map((ing) => backendFor(ing.defaultBackend as ServiceBackendRef, ing));
  const distinct = [...new Set(keys)];
  if (distinct.length > 1) {
    throw new InputError(
      `Ingresses ${withDefault.map((ing) => `${ing.namespace}/${ing.name}`).join(" and ")} share one load balancer but give different default backends (${distinct.join(", ")})`,
      withDefault[1].defaultBackend?.origin ?? withDefault[1].origin,
    );
  }
  if (distinct.length === 1) return distinct[0];
  // Not the first Ingress's namespace: reordering files or folders must not move the backend.
  const namespace = input.builtinBackend?.namespace ?? input.ingresses.map((ing) => ing.namespace).sort()[0];
  const builtin = builtinDefaultBackend(names, {
    namespace,
    serviceName: input.builtinBackend?.serviceName ?? defaultBackendServiceName(input.name),
    healthCheck,
  });
  backends.set(builtin.key, builtin);
  return builtin.key;
}

function frontendOf(
  input: TranslateInput,
  names: ResourceNames,
  annotations: { ing: NormalizedIngress; values: ReturnType<typeof readIngressAnnotations> }[],
  https: boolean,
): { staticIp: StaticIpModel; http: boolean } {
  const regionalIp = regionalStaticIpOf(annotations);
  const named = [...new Set(annotations.map((a) => a.values.staticIpName).filter((n): n is string => !!n))];
  if (regionalIp !== undefined) named.push(regionalIp);
  if (!input.staticIpName && named.length > 1) {
    throw new InputError(
      `Ingresses sharing one load balancer name different static IPs: ${named.join(", ")}`,
      annotations[0].ing.origin,
    );
  }
  const existing = input.staticIpName ?? named[0];
  const staticIp: StaticIpModel = existing
    ? { kind: "existing", name: existing }
    : { kind: "reserve", name: names.of(["ip"]) };
  const http = annotations.some((a) => a.values.allowHttp);
  // One :80 listener serves every host of a shared address: an Ingress that said no to HTTP would be
  // served in clear all the same.
  const refusing = annotations.find((a) => !a.values.allowHttp);
  const allowing = annotations.find((a) => a.values.allowHttp);
  if (refusing && allowing) {
    throw new InputError(
      `Ingress ${refusing.ing.namespace}/${refusing.ing.name} says allow-http "false" but shares its address with Ingress ${allowing.ing.namespace}/${allowing.ing.name}, which allows HTTP: its hosts would be served on :80`,
      { ...refusing.ing.origin, field: 'metadata.annotations["kubernetes.io/ingress.allow-http"]' },
      "give both the same kubernetes.io/ingress.allow-http, or different static IPs",
    );
  }
  if (!http && !https) {
    throw new InputError(
      'kubernetes.io/ingress.allow-http is "false" but the Ingress has no TLS: nothing would be served',
      { ...annotations[0].ing.origin, field: 'metadata.annotations["kubernetes.io/ingress.allow-http"]' },
      "add spec.tls or allow HTTP",
    );
  }
  return { staticIp, http };
}
