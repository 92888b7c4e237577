import { InputError } from "../errors";

/** A request as the routers see it: the Host header and the URL path. */
export interface RouteRequest {
  host: string;
  path: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Splits a URL given on the command line into the request's host and path. Accepts `http://host/path?q`,
 * `https://host:8443/p`, `host/path` and a bare `/path` (host then empty). The path keeps its raw form
 * (no dot-segment resolution or percent-decoding) because the load balancer matches the raw path; the
 * query string and fragment are dropped, and an empty path becomes `/`.
 */
export function parseRequestUrl(url: string): RouteRequest {
  const text = url.trim();
  if (text === "") {
    throw new InputError("the URL is empty", { field: "url" });
  }
  if (/\s/.test(text)) {
    throw new InputError(`the URL "${url}" contains white space`, { field: "url" });
  }
  let rest: string;
  if (text.startsWith("//")) {
    rest = text.slice(2);
  } else if (text.startsWith("/")) {
    return { host: "", path: requestPath(text) };
  } else {
    const scheme = SCHEME.exec(text)?.[0];
    if (scheme && !/^https?:\/\/$/i.test(scheme)) {
      throw new InputError(
        `the URL "${url}" is not http or https`,
        { field: "url" },
        "the load balancer serves HTTP(S)",
      );
    }
    rest = text.replace(SCHEME, "");
  }
  const authorityEnd = firstIndexOf(rest, "/?#");
  const authority = rest.slice(0, authorityEnd);
  const userInfoEnd = authority.lastIndexOf("@");
  return {
    host: normalizeHost(authority.slice(userInfoEnd + 1)),
    path: requestPath(rest.slice(authorityEnd)),
  };
}

/** The host name of a Host header: lower case (DNS names are case-insensitive), without the port. */
export function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) {
    // Bracketed IPv6 literal: the port, if any, follows the closing bracket.
    const close = lower.indexOf("]");
    return close < 0 ? lower : lower.slice(0, close + 1);
  }
  const colon = lower.indexOf(":");
  // More than one colon is a bare IPv6 address, which has no port to remove.
  if (colon < 0 || lower.indexOf(":", colon + 1) >= 0) {
    return lower;
  }
  return lower.slice(0, colon);
}

/** The part of a request target that path rules see: without query string and fragment, `/` when empty. */
export function requestPath(target: string): string {
  const path = target.slice(0, firstIndexOf(target, "?#"));
  return path === "" ? "/" : path;
}

/** Index of the first character of `text` that is one of `chars`, or the length of `text`. */
function firstIndexOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) {
    if (chars.includes(text[i])) {
      return i;
    }
  }
  return text.length;
}
