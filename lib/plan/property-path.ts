/** One step into a property value: an object key or an array index. */
export type PathSegment = string | number;

// Keys that read unambiguously after a dot; anything else (e.g. `tls.key`, `app.kubernetes.io/name`) is
// quoted in brackets, as Pulumi writes property paths (`data["tls.key"]`).
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Marks "any key or index" in a parsed pattern. */
export const ANY = "*";

/**
 * Formats a path the way Pulumi writes property paths: `spec.ports[0].nodePort`, `data["tls.key"]`;
 * ANY prints as `[*]`.
 */
export function formatPropertyPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      out += `[${segment}]`;
    } else if (segment === ANY) {
      out += "[*]";
    } else if (PLAIN_KEY.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/** Parses `a.b[0]["x.y"][*].c` into segments; `[*]`, `[]` and `*` become ANY. */
export function parsePropertyPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ".") {
      i += 1;
    } else if (char === "[") {
      const close = text.startsWith('["', i) ? text.indexOf('"]', i + 2) + 1 : text.indexOf("]", i);
      if (close <= i) throw new Error(`unclosed "[" in property path "${text}"`);
      const inner = text.slice(i + 1, close);
      if (inner === "" || inner === "*") segments.push(ANY);
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (inner.startsWith('"')) segments.push(JSON.parse(inner) as string);
      else segments.push(inner);
      i = close + 1;
    } else {
      let end = i;
      while (end < text.length && text[end] !== "." && text[end] !== "[") end += 1;
      segments.push(text.slice(i, end));
      i = end;
    }
  }
  return segments;
}
