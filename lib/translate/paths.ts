import { InputError, Origin } from "../errors";
import { PathType } from "../ingress/types";
import { hasControlCharacters, quote } from "../quote";

/** Characters GCP refuses in a path rule. */
const FORBIDDEN = /[?#]/;

function fail(problem: string, origin: Origin, hint?: string): never {
  throw new InputError(problem, origin, hint);
}

/**
 * GCE path patterns for one Ingress path, by GKE's translation rules (design.md's path table).
 * `origin.field` should point at the path; errors name it.
 */
export function gcePathPatterns(path: string, pathType: PathType, origin: Origin): string[] {
  if (/\s/.test(path) || hasControlCharacters(path)) {
    // A request path has none (they travel percent-encoded), and a raw newline would break the output.
    fail(`path ${quote(path)} may not contain spaces or control characters`, origin, "percent-encode them");
  }
  if (FORBIDDEN.test(path)) fail(`path "${path}" may not contain "?" or "#"`, origin);
  if (pathType === "ImplementationSpecific") {
    if (path === "") return ["/*"];
    requireLeadingSlash(path, origin);
    const star = path.indexOf("*");
    if (star !== -1 && (star !== path.length - 1 || !path.endsWith("/*"))) {
      fail(
        `path "${path}" has a "*" that is not at the end after a "/"`,
        origin,
        'GCP only allows "/prefix/*"',
      );
    }
    return [path];
  }
  const a = pathType === "Exact" ? "an" : "a";
  if (path === "") fail(`${a} ${pathType} path may not be empty`, origin);
  if (path.includes("*")) {
    fail(
      `${a} ${pathType} path may not contain "*" (got "${path}")`,
      origin,
      pathType === "Prefix"
        ? `Prefix already matches everything below it: use "${path.replace(/\/?\*+$/, "") || "/"}"`
        : "use pathType ImplementationSpecific for a GCE wildcard",
    );
  }
  requireLeadingSlash(path, origin);
  if (pathType === "Exact") return [path];
  if (path === "/") return ["/*"];
  const trimmed = path.replace(/\/+$/, "");
  return [trimmed, `${trimmed}/*`];
}

function requireLeadingSlash(path: string, origin: Origin): void {
  if (!path.startsWith("/")) fail(`path "${path}" must start with "/"`, origin, `did you mean "/${path}"?`);
}
