/**
 * How deep input may nest. Kubernetes manifests and plans stay under 20 levels; past this, readers that
 * walk values recursively (the YAML library, Pulumi's serializer, the plan diff) would exhaust the stack,
 * so deeper input is refused as a mistake instead.
 */
export const MAX_NESTING = 100;

/**
 * The path to the first point where `value` nests deeper than `limit` lists and mappings, or undefined
 * when it does not. Iterative, so that the check itself survives any depth.
 */
export function tooDeepAt(value: unknown, limit: number = MAX_NESTING): (string | number)[] | undefined {
  // Each entry links to its parent: the path is built only when found, so a large plan makes little garbage.
  interface Entry {
    value: object;
    depth: number;
    key?: string | number;
    up?: Entry;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const stack: Entry[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    if (entry.depth >= limit) return pathOf(entry);
    const push = (key: string | number, item: unknown) => {
      if (typeof item === "object" && item !== null) {
        stack.push({ value: item, depth: entry.depth + 1, key, up: entry });
      }
    };
    if (Array.isArray(entry.value)) entry.value.forEach((item, i) => push(i, item));
    else for (const key in entry.value) push(key, (entry.value as Record<string, unknown>)[key]);
  }
  return undefined;
}

function pathOf(entry: {
  key?: string | number;
  up?: { key?: string | number; up?: unknown };
}): (string | number)[] {
  const path: (string | number)[] = [];
  for (
    let at: typeof entry | undefined = entry;
    at?.key !== undefined;
    at = at.up as typeof entry | undefined
  ) {
    path.unshift(at.key);
  }
  return path;
}

/** True for the RangeError V8 throws when recursion exhausts the stack. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && isStackOverflowMessage(err.message);
}

/** True for V8's message of a stack overflow, which some libraries catch and report as their own error. */
export function isStackOverflowMessage(message: string): boolean {
  return /maximum call stack size exceeded/i.test(message);
}
