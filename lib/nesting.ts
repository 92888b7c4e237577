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
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= limit) return path;
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((item, i) => [i, item])
      : Object.entries(current);
    for (const [key, item] of entries) stack.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

/** True for the RangeError V8 throws when recursion exhausts the stack. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && isStackOverflowMessage(err.message);
}

/** True for V8's message of a stack overflow, which some libraries catch and report as their own error. */
export function isStackOverflowMessage(message: string): boolean {
  return /maximum call stack size exceeded/i.test(message);
}
