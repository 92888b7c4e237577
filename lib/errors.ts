import { safeLine } from "./quote";

/** Where a user-supplied value came from, so an error can point at it. */
export interface Origin {
  /** The file the object was read from, when it came from a file. */
  file?: string;
  /** The object, as `Kind/namespace/name` (e.g. `Ingress/default/hello-ingress`). */
  object?: string;
  /** The field inside the object, as a path (e.g. `spec.rules[0].http.paths[1].path`). */
  field?: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/**
 * A mistake in the user's input. The CLI prints `message` alone (no stack) and exits 2; the components
 * throw it before registering anything. The message is one line with no key material, whatever a caller
 * quoted: control characters are escaped and PEM blocks or base64 keys redacted.
 */
export class InputError extends Error {
  readonly origin: Origin;
  readonly hint?: string;

  constructor(problem: string, origin: Origin = {}, hint?: string) {
    super(formatInputError(problem, origin, hint));
    this.name = "InputError";
    this.origin = origin;
    this.hint = hint;
  }
}

function formatInputError(problem: string, origin: Origin, hint?: string): string {
  const where = formatOrigin(origin);
  const head = where ? `${where}: ` : "";
  return safeLine(`${head}${problem}${hint ? ` (${hint})` : ""}`);
}

/** `file:line: Kind/namespace/name: field`, with whatever parts are known; empty when none is. */
export function formatOrigin(origin: Origin): string {
  return [
    origin.file ? (origin.line ? `${origin.file}:${origin.line}` : origin.file) : undefined,
    origin.object,
    origin.field,
  ]
    .filter((part): part is string => !!part)
    .join(": ");
}
