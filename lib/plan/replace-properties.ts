import { ANY, PathSegment, formatPropertyPath, parsePropertyPath } from "./property-path";
import { GcpForceNewTable } from "./provider-facts/gcp-resources";
import gcpForceNew from "./provider-facts/gcp-force-new.json";
/**
 * Which input changes make Pulumi REPLACE a resource instead of updating it in place, per resource
 * type the library registers. For GCP types the facts are `ForceNew` in terraform-provider-google-beta
 * (which @pulumi/gcp bridges), read from its source by scripts/provider-facts.ts into
 * provider-facts/gcp-force-new.json at a pinned tag. For Kubernetes types it is pulumi-kubernetes' own
 * replacement list (`provider/pkg/provider/diff.go`, `forceNewProperties`).
 *
 * Property paths use the plan's input names: `a.b.c`, `a[0]` for an array item, `a[*]` (or `a[]`)
 * for any item and `*` for any key. A path also covers everything below it.
 */

interface RuleBase {
  /** The provider documentation or source the entry was taken from. */
  source: string;
  /** Updatable inputs whose change still needs care: path -> what to watch for. */
  cautions?: Readonly<Record<string, string>>;
}

/** Only the listed inputs force a replacement; every other input is updated in place. */
export interface ListedRule extends RuleBase {
  kind: "listed";
  replace: readonly string[];
  /**
   * Kubernetes ConfigMap and Secret payloads: pulumi-kubernetes replaces the object when they change
   * (so that pods pick the new content up), unless the provider is configured with the named setting
   * and the object is not `immutable: true`.
   */
  payload?: { paths: readonly string[]; mutableSetting: "enableConfigMapMutable" | "enableSecretMutable" };
}

export type ReplaceRule = ListedRule;

/** What the decision may depend on besides the type and the path. */
export interface ReplaceContext {
  /** Inputs of the new registration (Kubernetes `immutable: true` matters). */
  inputs?: Record<string, unknown>;
  /** pulumi-kubernetes provider settings; both are false unless the provider sets them, as in the provider. */
  kubernetes?: { enableConfigMapMutable?: boolean; enableSecretMutable?: boolean };
}

const KUBERNETES_IDENTITY = ["metadata.name", "metadata.namespace"];
const PULUMI_KUBERNETES_DIFF = "pulumi-kubernetes provider/pkg/provider/diff.go (forceNewProperties)";

/** Updatable GCP inputs that still need care, by type; the provider facts say nothing about these. */
const GCP_CAUTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "gcp:compute/backendService:BackendService": {
    loadBalancingScheme:
      "GCP accepts a scheme change in place only through externalManagedMigrationState (PREPARE, TEST_ALL_TRAFFIC); a direct flip is rejected at apply",
  },
  // The CustomizeDiff cases scripts/provider-facts.ts leaves out (REVIEWED_CUSTOMIZE_DIFF).
  "gcp:compute/forwardingRule:ForwardingRule": {
    allowGlobalAccess:
      "the provider replaces an INTERNAL_MANAGED forwarding rule when allowGlobalAccess changes: the listener stops answering meanwhile",
  },
  "gcp:compute/subnetwork:Subnetwork": {
    ipCidrRange:
      "GCP expands a subnet's range in place but never shrinks it: a smaller range replaces the proxy-only subnet, and the regional load balancers lose their proxies meanwhile",
  },
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
    loadBalancingScheme:
      "GCP accepts a scheme change in place only through the backend services' migration states; a direct flip is rejected at apply",
  },
};

/** One listed rule per GCP type of the provider-facts table; write-only inputs get a caution. */
function gcpRules(table: GcpForceNewTable): Record<string, ReplaceRule> {
  const rules: Record<string, ReplaceRule> = {};
  for (const [type, facts] of Object.entries(table.resources)) {
    const writeOnly = Object.fromEntries(
      facts.writeOnly.map((path) => [
        path,
        `write-only: the provider keeps no copy, so a new value alone changes nothing; change ${path}Version (which replaces)`,
      ]),
    );
    const cautions = { ...writeOnly, ...GCP_CAUTIONS[type] };
    rules[type] = {
      kind: "listed",
      replace: facts.forceNew,
      source: `${facts.terraform}: ForceNew in ${table.source.repository} ${table.source.tag} ${facts.file}`,
      ...(Object.keys(cautions).length > 0 ? { cautions } : {}),
    };
  }
  return rules;
}

/** The table, keyed by Pulumi type token. */
export const REPLACE_RULES: Readonly<Record<string, ReplaceRule>> = {
  ...gcpRules(gcpForceNew as GcpForceNewTable),
  "kubernetes:core/v1:Service": {
    kind: "listed",
    replace: [...KUBERNETES_IDENTITY, "spec.clusterIP"],
    source: `kubernetes.core.v1.Service (${PULUMI_KUBERNETES_DIFF})`,
  },
  "kubernetes:apps/v1:Deployment": {
    kind: "listed",
    replace: [...KUBERNETES_IDENTITY, "spec.selector"],
    source: `kubernetes.apps.v1.Deployment (${PULUMI_KUBERNETES_DIFF})`,
  },
  "kubernetes:core/v1:Secret": {
    kind: "listed",
    replace: [...KUBERNETES_IDENTITY, "type"],
    payload: { paths: ["data", "stringData"], mutableSetting: "enableSecretMutable" },
    source: `kubernetes.core.v1.Secret (${PULUMI_KUBERNETES_DIFF})`,
  },
  "kubernetes:core/v1:ConfigMap": {
    kind: "listed",
    replace: [...KUBERNETES_IDENTITY],
    payload: { paths: ["data", "binaryData"], mutableSetting: "enableConfigMapMutable" },
    source: `kubernetes.core.v1.ConfigMap (${PULUMI_KUBERNETES_DIFF})`,
  },
  "kubernetes:core/v1:Namespace": {
    kind: "listed",
    replace: ["metadata.name"],
    source: `kubernetes.core.v1.Namespace (${PULUMI_KUBERNETES_DIFF})`,
  },
};

/**
 * The rule for a type. For a type not in the table only a change of identity replaces: `name` and
 * `project` for GCP, `metadata.name`/`metadata.namespace` for Kubernetes, `name` otherwise. That
 * under-reports replacements of unknown types rather than crying wolf on every change.
 */
export function replaceRuleFor(type: string): ReplaceRule {
  const known = REPLACE_RULES[type];
  if (known) return known;
  const fallback = "fallback for a type outside the table: identity changes only";
  if (type.startsWith("gcp:")) return { kind: "listed", replace: ["name", "project"], source: fallback };
  if (type.startsWith("kubernetes:"))
    return { kind: "listed", replace: KUBERNETES_IDENTITY, source: fallback };
  return { kind: "listed", replace: ["name"], source: fallback };
}

/**
 * The input holding the autonameable name, when a given value makes the provider replace delete-first:
 * the Terraform bridge does so for any autonameable `name` that was not autonamed, changed or not
 * (pulumi-terraform-bridge `nameRequiresDeleteBeforeReplace`, for providers without unique-name
 * fields, as @pulumi/gcp; InstanceGroupNamedPort's `name` is autonameable too), pulumi-kubernetes for
 * a `metadata.name` kept in the same namespace.
 */
export function fixedNamePath(type: string): PathSegment[] | undefined {
  if (type.startsWith("gcp:")) return ["name"];
  if (type.startsWith("kubernetes:")) return ["metadata", "name"];
  return undefined;
}

/** The replace patterns of a listed rule that apply in this context (payload included or not). */
export function listedReplacePaths(rule: ListedRule, context: ReplaceContext = {}): string[] {
  const paths = [...rule.replace];
  if (rule.payload) {
    const mutable = context.kubernetes?.[rule.payload.mutableSetting] === true;
    const immutableObject = context.inputs?.["immutable"] === true;
    if (!mutable || immutableObject) paths.push(...rule.payload.paths);
  }
  return paths;
}

/** True when a change at `path` (at or below it) makes the provider replace a resource of `type`. */
export function forcesReplacement(
  type: string,
  path: string | readonly PathSegment[],
  context: ReplaceContext = {},
): boolean {
  const segments = typeof path === "string" ? parsePropertyPath(path) : path;
  const rule = replaceRuleFor(type);
  return listedReplacePaths(rule, context).some((pattern) =>
    isAtOrBelow(segments, parsePropertyPath(pattern)),
  );
}

/** The caution for an updatable change at `path`, if the table has one. */
export function cautionFor(type: string, path: readonly PathSegment[]): string | undefined {
  const cautions = replaceRuleFor(type).cautions ?? {};
  const key = Object.keys(cautions).find((pattern) => isAtOrBelow(path, parsePropertyPath(pattern)));
  return key === undefined ? undefined : cautions[key];
}

/**
 * The changes among `changed` that force a replacement, as printable paths. A changed path above a
 * replace pattern (say `spec` appeared as a whole, the pattern is `spec.clusterIP`) counts only when
 * the values under the pattern really differ.
 */
export function replaceCauses(
  type: string,
  changed: readonly (readonly PathSegment[])[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  context: ReplaceContext = {},
): string[] {
  const causes = new Set<string>();
  for (const path of changed) {
    if (forcesReplacement(type, path, context)) causes.add(formatPropertyPath(path));
  }
  for (const pattern of listedReplacePaths(replaceRuleFor(type), context)) {
    const parsed = parsePropertyPath(pattern);
    const above = changed.some((path) => path.length < parsed.length && isAtOrBelow(parsed, path));
    if (above && !sameValues(valuesAt(before, parsed), valuesAt(after, parsed))) causes.add(pattern);
  }
  return [...causes];
}

/** True when `path` is `pattern` or lies below it; ANY in the pattern matches any one segment. */
export function isAtOrBelow(path: readonly PathSegment[], pattern: readonly PathSegment[]): boolean {
  if (path.length < pattern.length) return false;
  return pattern.every((segment, index) => segment === ANY || segment === path[index]);
}

/** Every value a pattern reaches in `root` (missing ones as undefined), in a stable order. */
export function valuesAt(root: unknown, pattern: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of pattern) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment === ANY) {
        if (Array.isArray(value)) next.push(...value);
        else if (isPlainObject(value))
          next.push(
            ...Object.keys(value)
              .sort()
              .map((key) => value[key]),
          );
      } else if (Array.isArray(value) && typeof segment === "number") {
        next.push(value[segment]);
      } else if (isPlainObject(value) && typeof segment === "string") {
        next.push(value[segment]);
      } else {
        next.push(undefined);
      }
    }
    current = next;
  }
  return current;
}

function sameValues(left: unknown[], right: unknown[]): boolean {
  return left.length === right.length && left.every((value, index) => deepEqual(value, right[index]));
}

/** Structural equality of JSON-like values; two secret markers are equal strings, hence equal. */
export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((value, index) => deepEqual(value, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => deepEqual(left[key], right[key]));
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
