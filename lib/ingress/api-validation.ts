import { InputError, Origin } from "../errors";
import { LineLocator } from "./kube-object";

/**
 * The API server's own rules for what ingress-glb registers, checked before anything is: a plan that
 * passes here would not be refused by `kubectl apply` for these reasons. Each refusal names the field.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_MAX = 63;
const SUBDOMAIN_MAX = 253;
/** IANA service names, which Service and container port names must be (RFC 6335). */
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const IANA_SVC_NAME_MAX = 15;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** How the API server validates the names of each kind (`metadata.name`). */
export type NameRule = "dns1123-subdomain" | "dns1123-label" | "dns1035-label";

/** Services and Namespaces are DNS labels (a Service's name is a DNS name in the cluster); most kinds subdomains. */
export function nameRuleOf(kind: string): NameRule {
  if (kind === "Service") return "dns1035-label";
  if (kind === "Namespace") return "dns1123-label";
  return "dns1123-subdomain";
}

/** Why `name` breaks `rule`, or undefined when it is valid. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  if (name === "") return "must not be empty";
  if (rule === "dns1123-subdomain") {
    if (name.length > SUBDOMAIN_MAX) return `is ${name.length} characters long; at most ${SUBDOMAIN_MAX}`;
    const bad = name.split(".").some((label) => !DNS1123_LABEL.test(label));
    return bad
      ? "must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (RFC 1123)"
      : undefined;
  }
  if (name.length > LABEL_MAX) return `is ${name.length} characters long; at most ${LABEL_MAX}`;
  if (rule === "dns1123-label") {
    return DNS1123_LABEL.test(name)
      ? undefined
      : "must be lowercase letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)";
  }
  return DNS1035_LABEL.test(name)
    ? undefined
    : "must be lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (RFC 1035 label)";
}

/** A lowercase form that would pass `rule`, for the hint. */
function suggestion(name: string, rule: NameRule): string | undefined {
  const allowed = rule === "dns1123-subdomain" ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g;
  const fixed = name
    .toLowerCase()
    .replace(allowed, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return fixed && fixed !== name && nameProblem(fixed, rule) === undefined
    ? `for example "${fixed}"`
    : undefined;
}

/** Refuses an object name the API server would refuse, pointing at `metadata.name`. */
export function checkObjectName(kind: string, name: string, origin: Origin, lineOf?: LineLocator): void {
  const problem = nameProblem(name, nameRuleOf(kind));
  if (problem === undefined) return;
  throw new InputError(
    `${kind} name ${JSON.stringify(name)} ${problem}`,
    { ...origin, field: "metadata.name", line: lineOf?.(["metadata", "name"]) ?? origin.line },
    suggestion(name, nameRuleOf(kind)),
  );
}

/** Why a Service (or container) port name breaks the IANA service name rule, or undefined. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > IANA_SVC_NAME_MAX)
    return `is ${name.length} characters long; at most ${IANA_SVC_NAME_MAX}`;
  if (!IANA_SVC_NAME.test(name) || name.includes("--")) {
    return "must be lowercase letters, digits and single '-', starting and ending with a letter or digit";
  }
  if (!/[a-z]/.test(name)) return "must contain at least one letter";
  return undefined;
}

/** Why a label key breaks the rule (`[prefix/]name`), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && nameProblem(prefix, "dns1123-subdomain") !== undefined) {
    return "has a prefix that is not a DNS subdomain";
  }
  if (name.length === 0 || name.length > LABEL_MAX || !QUALIFIED_NAME.test(name)) {
    return `must be at most ${LABEL_MAX} letters, digits, '-', '_' and '.', starting and ending with a letter or digit (after an optional DNS prefix and '/')`;
  }
  return undefined;
}

/** Why a label value breaks the rule, or undefined (empty is allowed). */
export function labelValueProblem(value: string): string | undefined {
  if (value === "") return undefined;
  if (value.length > LABEL_MAX || !QUALIFIED_NAME.test(value)) {
    return `must be empty or at most ${LABEL_MAX} letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** What the check reads of a manifest. */
export interface ManifestObject {
  object: {
    kind: string;
    metadata: { name: string; labels?: unknown };
    data?: unknown;
    binaryData?: unknown;
  };
  origin: Origin;
  lineOf: LineLocator;
}

/**
 * The API server's checks of the objects ingress-glb registers as written: every name, every label, and
 * a ConfigMap's data. Ingresses and Services are checked as they are normalized; this covers the rest.
 */
export function checkRegisteredObject(m: ManifestObject): void {
  const { object, origin, lineOf } = m;
  checkObjectName(object.kind, object.metadata.name, origin, lineOf);
  const labels = object.metadata.labels;
  const fail = (path: (string | number)[], problem: string): never => {
    throw new InputError(problem, { ...origin, field: formatPath(path), line: lineOf(path) ?? origin.line });
  };
  if (labels !== undefined && labels !== null) {
    if (typeof labels !== "object" || Array.isArray(labels))
      fail(["metadata", "labels"], "must be a mapping");
    for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) fail(["metadata", "labels", key], `label key ${JSON.stringify(key)} ${keyProblem}`);
      if (typeof value !== "string") {
        fail(["metadata", "labels", key], `label values are strings; quote it: "${String(value)}"`);
      }
      const valueProblem = labelValueProblem(value as string);
      if (valueProblem)
        fail(["metadata", "labels", key], `label value ${JSON.stringify(value)} ${valueProblem}`);
    }
  }
  if (object.kind === "ConfigMap") {
    for (const field of ["data", "binaryData"] as const) {
      const entries = object[field];
      if (entries === undefined || entries === null) continue;
      if (typeof entries !== "object" || Array.isArray(entries))
        fail([field], "must be a mapping of strings");
      for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
        if (typeof value !== "string") {
          fail(
            [field, key],
            `ConfigMap ${field} values are strings; quote it (a YAML number or boolean is not)`,
          );
        }
      }
    }
  }
}

function formatPath(path: (string | number)[]): string {
  return path
    .map((segment, i) =>
      typeof segment === "number"
        ? `[${segment}]`
        : /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)
          ? `${i === 0 ? "" : "."}${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join("");
}
