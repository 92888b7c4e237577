import { placeholderId } from "./placeholders";
import { Plan, PlannedResource } from "./types";

/**
 * A resource of the head plan that continues a base resource is the same cloud object: it keeps its ID,
 * name, self link, IP and nodePorts. Offline, placeholders derive from the URN (a new one under an alias)
 * or from an allocation that other resources can shift (a nodePort or IP probed past a collision); this
 * maps every such head placeholder back to the base's, so that what refers to the resource compares equal
 * instead of showing a change that `pulumi up` would never make. A replaced resource's referrers are
 * still marked, from the unmapped references, as unknown until it is replaced.
 */
export type OutputMapping = (inputs: Record<string, unknown>) => Record<string, unknown>;

export function continuedOutputMapping(
  base: Plan,
  head: Plan,
  pairs: ReadonlyMap<string, PlannedResource>,
): OutputMapping {
  const strings = new Map<string, string>();
  const numbers = new Map<number, number>();
  const placeholdersOf = (plan: Plan) => {
    const byUrn = new Map<string, Map<string, unknown>>();
    for (const p of plan.placeholders ?? []) {
      const values = byUrn.get(p.urn) ?? new Map<string, unknown>();
      values.set(p.property, p.value);
      byUrn.set(p.urn, values);
    }
    return byUrn;
  };
  const headValues = placeholdersOf(head);
  const baseValues = placeholdersOf(base);
  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  for (const [headUrn, previous] of pairs) {
    const resource = headByUrn.get(headUrn);
    // A lookup of another object, or a managed object that became a lookup, is not the same object.
    if (!resource || resource.read !== previous.read || (resource.read && resource.id !== previous.id))
      continue;
    if (headUrn !== previous.urn && !resource.component && !resource.read) {
      strings.set(placeholderId(resource.name), placeholderId(previous.name));
    }
    const before = baseValues.get(previous.urn);
    for (const [property, value] of headValues.get(headUrn) ?? []) {
      const old = before?.get(property);
      if (old === undefined || old === value) continue;
      if (typeof value === "string" && typeof old === "string" && value !== "") strings.set(value, old);
      if (typeof value === "number" && typeof old === "number") numbers.set(value, old);
    }
  }
  if (strings.size === 0 && numbers.size === 0) return (inputs) => inputs;

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Longest first, so a self link is replaced whole before the name inside it.
  const stringPattern =
    strings.size > 0
      ? new RegExp(
          [...strings.keys()]
            .sort((a, b) => b.length - a.length)
            .map(escape)
            .join("|"),
          "g",
        )
      : undefined;
  const numberPattern =
    numbers.size > 0 ? new RegExp(`(?<!\\d)(${[...numbers.keys()].join("|")})(?!\\d)`, "g") : undefined;
  const mapString = (text: string) => {
    let out = stringPattern ? text.replace(stringPattern, (match) => strings.get(match) ?? match) : text;
    if (numberPattern)
      out = out.replace(numberPattern, (match) => String(numbers.get(Number(match)) ?? match));
    return out;
  };
  const map = (value: unknown): unknown => {
    if (typeof value === "string") return mapString(value);
    if (typeof value === "number") return numbers.get(value) ?? value;
    if (Array.isArray(value)) return value.map(map);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item)]));
    }
    return value;
  };
  return (inputs) => map(inputs) as Record<string, unknown>;
}
