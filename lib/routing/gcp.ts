import { PathMatcherModel, UrlMapModel } from "../translate/model";
import { RouteRequest, normalizeHost, requestPath } from "./url";

export { parseRequestUrl } from "./url";
export type { RouteRequest } from "./url";

/** Where the classic global external HTTP(S) load balancer sends one request, and why. */
export interface UrlMapDecision {
  /** Backend key of the backend service that serves the request. */
  backend: string;
  /** The host pattern that matched, or undefined when no host rule matched. */
  hostRule: string | undefined;
  /** Name of the path matcher the host rule chose, or undefined when no host rule matched. */
  pathMatcher: string | undefined;
  /** The path pattern that matched, or undefined when no path rule matched. */
  pathPattern: string | undefined;
  /** True when the request fell to a path matcher's or the URL map's default backend. */
  defaultBackend: boolean;
  /** Short human description, e.g. `host *.foo.com, path /users/*` or `url map default`. */
  rule: string;
}

/** A URL map prepared for many evaluations: lookups cost the length of the host and path, not the rule count. */
export interface CompiledUrlMap {
  readonly urlMap: UrlMapModel;
  evaluate(request: RouteRequest): UrlMapDecision;
}

interface PathHit {
  pattern: string;
  backend: string;
}

/** One path matcher, split by pattern kind so each lookup is a few map probes. */
class CompiledPathMatcher {
  /** Patterns without `*`: the whole path must be equal. */
  private readonly exact = new Map<string, string>();
  /** `/x/*` patterns keyed by `/x/`: any path starting with the key. */
  private readonly prefixGlobs = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly defaultBackend: string,
  ) {}

  add(pattern: string, backend: string): void {
    const table = pattern.endsWith("*") ? this.prefixGlobs : this.exact;
    const key = pattern.endsWith("*") ? pattern.slice(0, -1) : pattern;
    // GCP refuses duplicate patterns; should one slip through, the first keeps its place.
    if (!table.has(key)) {
      table.set(key, backend);
    }
  }

  match(path: string): PathHit | undefined {
    // An exact pattern that matches has matched every character of the path, which no `/x/*` pattern
    // can exceed, so it is the longest match (this also settles `/x/` against `/x/*` for `/x/`).
    const exact = this.exact.get(path);
    if (exact !== undefined) {
      return { pattern: path, backend: exact };
    }
    if (this.prefixGlobs.size === 0) {
      return undefined;
    }
    // Try the path's prefixes ending in `/`, longest first: the first hit is the longest pattern.
    for (
      let slash = path.lastIndexOf("/");
      slash >= 0;
      slash = slash === 0 ? -1 : path.lastIndexOf("/", slash - 1)
    ) {
      const key = path.slice(0, slash + 1);
      const backend = this.prefixGlobs.get(key);
      if (backend !== undefined) {
        return { pattern: `${key}*`, backend };
      }
    }
    return undefined;
  }
}

interface HostTarget {
  pattern: string;
  matcher: CompiledPathMatcher;
}

/** Characters the `*` of a host pattern may stand for. */
function isWildcardChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x2e // .
  );
}

/** The host rules: exact hosts, `*.suffix` / `*-suffix` wildcards, and `*`. */
class CompiledHostRules {
  private readonly exact = new Map<string, HostTarget>();
  /** Wildcard patterns keyed by what follows the `*` (`.foo.com`). */
  private readonly suffixes = new Map<string, HostTarget>();
  private any: HostTarget | undefined;

  add(pattern: string, target: HostTarget): void {
    const host = pattern.toLowerCase();
    // GCP refuses a host in two host rules; should one slip through, the first keeps its place.
    if (host === "*") {
      this.any ??= target;
    } else if (host.startsWith("*")) {
      const suffix = host.slice(1);
      if (!this.suffixes.has(suffix)) {
        this.suffixes.set(suffix, target);
      }
    } else if (!this.exact.has(host)) {
      this.exact.set(host, target);
    }
  }

  /** Exact beats wildcard; among wildcards the longest suffix wins; `*` comes last. */
  match(host: string): HostTarget | undefined {
    const exact = this.exact.get(host);
    if (exact !== undefined) {
      return exact;
    }
    if (this.suffixes.size > 0) {
      // A suffix starts at a `.` or `-` after at least one character that `*` may stand for; walking
      // left to right tries the longest suffix first, and stops where `*` can no longer reach.
      for (let start = 1; start < host.length && isWildcardChar(host.charCodeAt(start - 1)); start++) {
        const code = host.charCodeAt(start);
        if (code === 0x2e || code === 0x2d) {
          const target = this.suffixes.get(host.slice(start));
          if (target !== undefined) {
            return target;
          }
        }
      }
    }
    return this.any;
  }
}

/** What GCP would object to in a path pattern, if anything. */
function pathPatternProblem(pattern: string): string | undefined {
  if (!pattern.startsWith("/")) {
    return "must start with /";
  }
  if (/[?#]/.test(pattern)) {
    return "must not contain ? or #";
  }
  const star = pattern.indexOf("*");
  if (star >= 0 && (star !== pattern.length - 1 || pattern[star - 1] !== "/")) {
    return "may hold * only at the end, after /";
  }
  return undefined;
}

/** Checks what GCP checks on a path pattern, so the evaluator never answers for a URL map GCP would refuse. */
function checkPathPattern(urlMap: UrlMapModel, matcher: PathMatcherModel, pattern: string): void {
  const problem = pathPatternProblem(pattern);
  if (problem) {
    throw new Error(
      `URL map ${urlMap.name}: path matcher ${matcher.name}: path pattern "${pattern}" ${problem}`,
    );
  }
}

function checkHostPattern(urlMap: UrlMapModel, pattern: string): void {
  const star = pattern.indexOf("*");
  if (pattern === "" || (star >= 0 && pattern !== "*" && (star !== 0 || !/^\*[.-][^*]+$/.test(pattern)))) {
    throw new Error(
      `URL map ${urlMap.name}: host pattern "${pattern}" is not a host, *, or * followed by . or - and a suffix`,
    );
  }
}

/** Prepares a URL map for evaluation. Throws on a URL map that GCP would refuse. */
export function compileUrlMap(urlMap: UrlMapModel): CompiledUrlMap {
  const matchers = new Map<string, CompiledPathMatcher>();
  for (const model of urlMap.pathMatchers) {
    const matcher = new CompiledPathMatcher(model.name, model.defaultBackend);
    for (const rule of model.pathRules) {
      for (const pattern of rule.paths) {
        checkPathPattern(urlMap, model, pattern);
        matcher.add(pattern, rule.backend);
      }
    }
    if (!matchers.has(model.name)) {
      matchers.set(model.name, matcher);
    }
  }
  const hosts = new CompiledHostRules();
  for (const hostRule of urlMap.hostRules) {
    const matcher = matchers.get(hostRule.pathMatcher);
    if (matcher === undefined) {
      throw new Error(
        `URL map ${urlMap.name}: host rule names path matcher ${hostRule.pathMatcher}, which is absent`,
      );
    }
    for (const pattern of hostRule.hosts) {
      checkHostPattern(urlMap, pattern);
      hosts.add(pattern, { pattern, matcher });
    }
  }

  return {
    urlMap,
    evaluate(request: RouteRequest): UrlMapDecision {
      const target = hosts.match(normalizeHost(request.host));
      if (target === undefined) {
        return {
          backend: urlMap.defaultBackend,
          hostRule: undefined,
          pathMatcher: undefined,
          pathPattern: undefined,
          defaultBackend: true,
          rule: "url map default",
        };
      }
      const { matcher } = target;
      const hit = matcher.match(requestPath(request.path));
      return {
        backend: hit ? hit.backend : matcher.defaultBackend,
        hostRule: target.pattern,
        pathMatcher: matcher.name,
        pathPattern: hit?.pattern,
        defaultBackend: hit === undefined,
        rule: hit
          ? `host ${target.pattern}, path ${hit.pattern}`
          : `host ${target.pattern}, path matcher default`,
      };
    },
  };
}

const compiled = new WeakMap<UrlMapModel, CompiledUrlMap>();

/**
 * Where GCP's classic global external HTTP(S) load balancer sends `request` under `urlMap`. The compiled
 * form is kept per URL map object, so the model must not change between calls (compile it again if it does).
 */
export function evaluateUrlMap(urlMap: UrlMapModel, request: RouteRequest): UrlMapDecision {
  let matcher = compiled.get(urlMap);
  if (matcher === undefined) {
    matcher = compileUrlMap(urlMap);
    compiled.set(urlMap, matcher);
  }
  return matcher.evaluate(request);
}
