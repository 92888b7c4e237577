/**
 * Reads the attribute tree of a terraform-plugin-sdk resource from its Go source: the
 * `Schema: map[string]*schema.Schema{...}` literal of `func Resource<Name>() *schema.Resource` and the
 * `Elem: &schema.Resource{...}` (or `Elem: fn()`) blocks below it. Only literals are read; an attribute
 * built by a call is reported as `opaque` so that the caller can fail instead of guessing.
 */

export interface GoAttribute {
  name: string;
  forceNew: boolean;
  optional: boolean;
  required: boolean;
  computed: boolean;
  writeOnly: boolean;
  /** `schema.TypeList`, `schema.TypeString`, ... as written. */
  type: string;
  maxItems?: number;
  /** Attributes of a nested block. */
  children?: GoAttribute[];
  /** The value was not a literal (a helper call): its facts are unknown. */
  opaque?: string;
}

/** The top-level attributes of the resource built by `func <constructor>() *schema.Resource`. */
export function readResourceSchema(source: string, constructor: string): GoAttribute[] {
  const body = functionBody(source, constructor);
  const resource = literalAfter(body, /return\s+&schema\.Resource\{/);
  if (resource === undefined) throw new Error(`${constructor} does not return a &schema.Resource literal`);
  return readResource(source, resource);
}

function readResource(source: string, resourceBody: string): GoAttribute[] {
  const fields = keyedElements(resourceBody);
  const schema = fields.get("Schema");
  if (schema === undefined) throw new Error("a schema.Resource literal without Schema");
  const open = schema.match(/^map\[string\]\*schema\.Schema\{/);
  if (!open) throw new Error(`Schema is not a map literal: ${schema.slice(0, 60)}`);
  const map = schema.slice(open[0].length - 1);
  return [...keyedElements(inner(map, 0)).entries()].map(([key, value]) => readAttribute(source, key, value));
}

function readAttribute(source: string, quoted: string, value: string): GoAttribute {
  const name = JSON.parse(quoted) as string;
  if (!value.startsWith("{")) {
    return {
      name,
      forceNew: false,
      optional: false,
      required: false,
      computed: false,
      writeOnly: false,
      type: "",
      opaque: value,
    };
  }
  const fields = keyedElements(inner(value, 0));
  const flag = (key: string) => fields.get(key) === "true";
  const attribute: GoAttribute = {
    name,
    forceNew: flag("ForceNew"),
    optional: flag("Optional"),
    required: flag("Required"),
    computed: flag("Computed"),
    writeOnly: flag("WriteOnly"),
    type: fields.get("Type") ?? "",
  };
  const maxItems = fields.get("MaxItems");
  if (maxItems !== undefined) attribute.maxItems = Number(maxItems);
  const elem = fields.get("Elem");
  if (elem !== undefined) {
    const nested = elem.match(/^&schema\.Resource\{/);
    const call = elem.match(/^([A-Za-z_][A-Za-z0-9_.]*)\(\)$/);
    if (nested) attribute.children = readResource(source, inner(elem, nested[0].length - 1));
    else if (call) {
      const body = functionBody(source, call[1]);
      const resource = literalAfter(body, /return\s+&schema\.Resource\{/);
      if (resource === undefined) attribute.opaque = elem;
      else attribute.children = readResource(source, resource);
    } else if (!elem.startsWith("&schema.Schema{")) attribute.opaque = elem;
  }
  return attribute;
}

/** The body (between the braces) of a top-level function. */
function functionBody(source: string, name: string): string {
  const match = new RegExp(`\\nfunc ${name.replace(/\./g, "\\.")}\\(\\)[^{]*\\{`).exec(source);
  if (!match) throw new Error(`func ${name}() not found`);
  return inner(source, match.index + match[0].length - 1);
}

/** The body of the first composite literal opened by `pattern` (which must end with its `{`). */
function literalAfter(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  return inner(text, match.index + match[0].length - 1);
}

/** The text between the brace at `open` and its partner. */
function inner(text: string, open: number): string {
  if (text[open] !== "{") throw new Error(`expected "{" at ${open}: ${text.slice(open, open + 40)}`);
  return text.slice(open + 1, closing(text, open));
}

/** Index of the bracket closing the one at `open`; strings, runes and comments are skipped. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const skipped = skip(text, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = text[i];
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error("unbalanced brackets");
}

/** If a string, rune or comment starts at `i`, the index just after it; otherwise `i`. */
function skip(text: string, i: number): number {
  const c = text[i];
  if (c === "`") return text.indexOf("`", i + 1) + 1;
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (text[j] !== c) j += text[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  if (c === "/" && text[i + 1] === "/") {
    const end = text.indexOf("\n", i);
    return end === -1 ? text.length : end;
  }
  if (c === "/" && text[i + 1] === "*") return text.indexOf("*/", i + 2) + 2;
  return i;
}

/** The `key: value` elements of a composite literal body, split at top-level commas. */
function keyedElements(body: string): Map<string, string> {
  const elements = new Map<string, string>();
  let start = 0;
  let depth = 0;
  const flush = (end: number) => {
    const element = body.slice(start, end).replace(/^(\s|\/\/[^\n]*)+/, "");
    start = end + 1;
    if (element.trim() === "") return;
    const colon = topLevelColon(element);
    if (colon === -1) return;
    elements.set(element.slice(0, colon).trim(), element.slice(colon + 1).trim());
  };
  for (let i = 0; i < body.length; i++) {
    const skipped = skip(body, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = body[i];
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) flush(i);
  }
  flush(body.length);
  return elements;
}

function topLevelColon(element: string): number {
  for (let i = 0; i < element.length; i++) {
    const skipped = skip(element, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    if ("{([".includes(element[i])) return -1;
    if (element[i] === ":") return i;
  }
  return -1;
}
