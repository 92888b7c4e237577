import { isIP } from "net";
import { InputError, Origin } from "../errors";
import { hasControlCharacters, quote } from "../quote";

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks an Ingress host as Kubernetes does: a lowercase DNS name (RFC 1123), optionally with one
 * leading `*.` label; no IP address, port, `_` or uppercase.
 */
export function validateHost(host: string, origin: Origin): void {
  const fail = (problem: string, hint?: string): never => {
    throw new InputError(`invalid host ${quote(host)}: ${problem}`, origin, hint);
  };
  if (host === "") fail("empty");
  if (/\s/.test(host) || hasControlCharacters(host)) {
    fail("a host may not contain spaces or control characters");
  }
  if (isIP(host) !== 0) fail("an IP address is not allowed as an Ingress host", "omit host to match any");
  if (host.includes(":")) fail("a host may not carry a port");
  if (host !== host.toLowerCase()) fail("must be lowercase", `did you mean ${quote(host.toLowerCase())}?`);
  if (host.length > 253) fail("longer than 253 characters");
  const labels = host.split(".");
  labels.forEach((label, index) => {
    if (label === "*") {
      if (index !== 0) fail('"*" is only allowed as the whole first label, as in "*.example.com"');
      if (labels.length < 2) fail('a wildcard needs a domain after it, as in "*.example.com"');
      return;
    }
    if (label.includes("*")) fail('"*" is only allowed as the whole first label, as in "*.example.com"');
    if (label.length > 63) fail(`label ${quote(label)} is longer than 63 characters`);
    if (!LABEL.test(label)) {
      fail(`label ${quote(label)} may hold only a-z, 0-9 and "-", and not start or end with "-"`);
    }
  });
}

/** True for a host pattern of the form `*.domain`. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith("*.");
}
