import { isUnknown, PolicySubject } from "./subject";

/** What a reference property (`sslPolicy`, `target`, `urlMap`, `ipAddress`...) points at. */
export interface Resolved {
  /** Resources of the stack it names. */
  resources: PolicySubject[];
  /** Values that name nothing in the stack (an existing object, or a literal IP address). */
  external: string[];
  /** Some of the value is not known yet (preview), and no dependency says what it is. */
  unknown: boolean;
}

// Self links come with or without the API prefix, depending on who wrote them.
const API_PREFIX = /^https:\/\/(www|compute)\.googleapis\.com\/compute\/(v1|beta|alpha)\//;

function normalize(ref: string): string {
  return ref.replace(API_PREFIX, "");
}

/** The strings a resource may be referred to by: ID, self link, name, IP address. */
function handles(resource: PolicySubject): string[] {
  const values = ["id", "selfLink", "name", "address"]
    .map((key) => resource.props[key])
    .filter((value): value is string => typeof value === "string" && value !== "");
  return values.map(normalize);
}

/**
 * Resolves `property` of `subject` to resources of `types`: by the engine's property dependencies when it
 * gave them (they hold even while the value is unknown), else by matching the value against the IDs,
 * self links, names and addresses of the stack's resources.
 */
export function resolveReference(
  resources: readonly PolicySubject[],
  subject: PolicySubject,
  property: string,
  types: readonly string[],
): Resolved {
  const ofType = resources.filter((r) => types.includes(r.type));
  const dependencies = subject.propertyDependencies?.[property] ?? [];
  const byDependency = ofType.filter((r) => dependencies.includes(r.urn));
  if (byDependency.length > 0) return { resources: byDependency, external: [], unknown: false };

  const value = subject.props[property];
  const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const resolved: Resolved = { resources: [], external: [], unknown: false };
  for (const item of values) {
    if (isUnknown(item)) {
      resolved.unknown = true;
    } else if (typeof item === "string" && item !== "") {
      const ref = normalize(item);
      const found = ofType.find((r) => handles(r).includes(ref));
      if (found) resolved.resources.push(found);
      else resolved.external.push(item);
    }
  }
  return resolved;
}
