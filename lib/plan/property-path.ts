/** One step into a property value: an object key or an array index. */
export type PathSegment = string | number;

// Keys that read unambiguously after a dot; anything else (e.g. `tls.key`, `app.kubernetes.io/name`) is
// quoted in brackets, as Pulumi writes property paths (`data["tls.key"]`).
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path the way Pulumi writes property paths: `spec.ports[0].nodePort`, `data["tls.key"]`. */
export function formatPropertyPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      out += `[${segment}]`;
    } else if (PLAIN_KEY.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}
