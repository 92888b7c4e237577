import { IngressPath, NormalizedIngress, PathType, ServiceBackendRef } from "../ingress/types";
import { RouteRequest, normalizeHost, requestPath } from "./url";

/** A Service port that serves a request, in the Ingress's namespace. */
export interface IngressBackendTarget {
  namespace: string;
  service: string;
  port: number | string;
}

/** The Ingress path that matched a request. */
export interface IngressPathMatch {
  /** The rule's host as written (`foo.com`, `*.foo.com`), undefined for a rule without host. */
  host: string | undefined;
  path: string;
  pathType: PathType;
}

/** Where Kubernetes Ingress semantics send one request. */
export interface IngressDecision {
  /** `namespace/name` of the Ingress whose path or default backend serves the request; undefined for the built-in 404. */
  ingress: string | undefined;
  /** undefined when the request lands on the built-in 404 default backend. */
  backend: IngressBackendTarget | undefined;
  /** undefined when no path matched and a default backend serves the request. */
  matched: IngressPathMatch | undefined;
}

/** The Ingresses prepared for many evaluations. */
export interface CompiledIngresses {
  evaluate(request: RouteRequest): IngressDecision;
}

interface PathEntry {
  ingress: string;
  host: string | undefined;
  path: IngressPath;
  backend: IngressBackendTarget;
}

/**
 * The paths of every rule that shares one host (or of every rule without host), from all Ingresses.
 * Matching is case-sensitive. The longest match wins, measured in the characters the path pins down
 * (a Prefix path without its trailing slash, a `/x/*` path without its `*`); an exact match wins ties,
 * and among equal paths the first given keeps its place.
 */
class HostGroup {
  /** Exact paths, and ImplementationSpecific paths without `*` (GKE sends them to GCP as exact patterns). */
  private readonly exact = new Map<string, PathEntry>();
  /** Prefix paths keyed without trailing slashes, so `/` is the empty key. */
  private readonly prefix = new Map<string, PathEntry>();
  /** ImplementationSpecific `/x/*` paths keyed by `/x/`, matched as GCP matches them. */
  private readonly globs = new Map<string, PathEntry>();

  add(entry: PathEntry): void {
    const { path, pathType } = entry.path;
    if (pathType === "Prefix") {
      addFirst(this.prefix, path.replace(/\/+$/, ""), entry);
    } else if (pathType === "Exact") {
      addFirst(this.exact, path, entry);
    } else if (path === "" || path.endsWith("/*")) {
      // GKE reads an empty ImplementationSpecific path as `/*`.
      addFirst(this.globs, path === "" ? "/" : path.slice(0, -1), entry);
    } else {
      addFirst(this.exact, path, entry);
    }
  }

  match(path: string): PathEntry | undefined {
    // An exact match covers the whole path; no prefix-style path is longer.
    const exact = this.exact.get(path);
    if (exact !== undefined) {
      return exact;
    }
    const prefix = this.longestPrefix(path);
    const glob = this.longestGlob(path);
    if (prefix === undefined || glob === undefined) {
      return prefix?.entry ?? glob?.entry;
    }
    return glob.length > prefix.length ? glob.entry : prefix.entry;
  }

  /** Element-wise: key `/a/b` matches `/a/b` and `/a/b/...`, never `/a/bc`. */
  private longestPrefix(path: string): { entry: PathEntry; length: number } | undefined {
    if (this.prefix.size === 0) {
      return undefined;
    }
    const whole = this.prefix.get(path);
    if (whole !== undefined) {
      return { entry: whole, length: path.length };
    }
    // Every `/` ends an element, so the text before it is a candidate key; longest first.
    for (const slash of slashesFromRight(path)) {
      const entry = this.prefix.get(path.slice(0, slash));
      if (entry !== undefined) {
        return { entry, length: slash };
      }
    }
    return undefined;
  }

  /** `/x/*` matches every path that starts with `/x/`. */
  private longestGlob(path: string): { entry: PathEntry; length: number } | undefined {
    if (this.globs.size === 0) {
      return undefined;
    }
    for (const slash of slashesFromRight(path)) {
      const entry = this.globs.get(path.slice(0, slash + 1));
      if (entry !== undefined) {
        return { entry, length: slash + 1 };
      }
    }
    return undefined;
  }
}

function addFirst<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) {
    map.set(key, value);
  }
}

function* slashesFromRight(path: string): Generator<number> {
  for (
    let slash = path.lastIndexOf("/");
    slash >= 0;
    slash = slash === 0 ? -1 : path.lastIndexOf("/", slash - 1)
  ) {
    yield slash;
  }
}

function target(ingress: NormalizedIngress, ref: ServiceBackendRef): IngressBackendTarget {
  return { namespace: ingress.namespace, service: ref.service, port: ref.port };
}

/**
 * Prepares Ingresses that share one load balancer; their rules are merged, earlier Ingresses first.
 *
 * Host precedence (the Ingress API says only that a rule with a host applies to that host): the request's
 * host selects ONE group of paths, the most specific that exists: the rules whose host equals it, else the
 * rules whose `*.suffix` host matches it (exactly one label: `*.foo.com` takes `bar.foo.com`, not
 * `a.bar.foo.com` or `foo.com`), else the rules without host. Only that group's paths are searched, as
 * ingress-nginx's per-host servers and GKE do: a host with rules never falls through to the host-less
 * rules. When no path of the group matches, the first Ingress (in the given order) that has a default
 * backend serves the request, else the built-in 404. Hosts compare case-insensitively and without port.
 */
export function compileIngresses(ingresses: readonly NormalizedIngress[]): CompiledIngresses {
  const exactHosts = new Map<string, HostGroup>();
  /** Keyed by the wildcard's suffix with its leading dot (`.foo.com`). */
  const wildcardHosts = new Map<string, HostGroup>();
  const hostless = new HostGroup();
  let fallback: IngressDecision = { ingress: undefined, backend: undefined, matched: undefined };
  let fallbackFound = false;

  for (const ingress of ingresses) {
    const id = `${ingress.namespace}/${ingress.name}`;
    if (ingress.defaultBackend && !fallbackFound) {
      fallback = { ingress: id, backend: target(ingress, ingress.defaultBackend), matched: undefined };
      fallbackFound = true;
    }
    for (const rule of ingress.rules) {
      const group = groupFor(rule.host);
      for (const path of rule.paths) {
        group.add({ ingress: id, host: rule.host, path, backend: target(ingress, path.backend) });
      }
    }
  }

  function groupFor(host: string | undefined): HostGroup {
    if (host === undefined || host === "") {
      return hostless;
    }
    const lower = host.toLowerCase();
    const table = lower.startsWith("*.") ? wildcardHosts : exactHosts;
    const key = lower.startsWith("*.") ? lower.slice(1) : lower;
    let group = table.get(key);
    if (group === undefined) {
      group = new HostGroup();
      table.set(key, group);
    }
    return group;
  }

  return {
    evaluate(request: RouteRequest): IngressDecision {
      const host = normalizeHost(request.host);
      const path = requestPath(request.path);
      const firstDot = host.indexOf(".");
      const groups = [
        host === "" ? undefined : exactHosts.get(host),
        firstDot > 0 ? wildcardHosts.get(host.slice(firstDot)) : undefined,
        hostless,
      ];
      const group = groups.find((candidate) => candidate !== undefined);
      const entry = group?.match(path);
      {
        if (entry !== undefined) {
          return {
            ingress: entry.ingress,
            backend: { ...entry.backend },
            matched: { host: entry.host, path: entry.path.path, pathType: entry.path.pathType },
          };
        }
      }
      // Copies, so a caller that edits a decision cannot change later ones.
      return { ...fallback, backend: fallback.backend && { ...fallback.backend } };
    },
  };
}

const compiled = new WeakMap<readonly NormalizedIngress[], CompiledIngresses>();

/**
 * Where Kubernetes Ingress semantics send `request` (see compileIngresses for the rules). The compiled
 * form is kept per array object, so the array and its Ingresses must not change between calls.
 */
export function evaluateIngresses(
  ingresses: readonly NormalizedIngress[],
  request: RouteRequest,
): IngressDecision {
  let matcher = compiled.get(ingresses);
  if (matcher === undefined) {
    matcher = compileIngresses(ingresses);
    compiled.set(ingresses, matcher);
  }
  return matcher.evaluate(request);
}
