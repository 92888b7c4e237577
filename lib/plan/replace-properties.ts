import { ANY, PathSegment, formatPropertyPath, parsePropertyPath } from "./property-path";
/**
 * Which input changes make Pulumi REPLACE a resource instead of updating it in place, per resource
 * type the library registers. For GCP types this is `ForceNew` in terraform-provider-google (which
 * @pulumi/gcp bridges); the provider generates it from Magic Modules: a property is `ForceNew` when
 * it is marked `immutable`, or when the whole resource is `immutable` and the property has no
 * `update_url` of its own. For Kubernetes types it is pulumi-kubernetes' own replacement list
 * (`provider/pkg/provider/diff.go`, `forceNewProperties`).
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

/** The provider treats the resource as immutable: every input forces a replacement except these. */
export interface ImmutableRule extends RuleBase {
  kind: "immutable";
  updatable: readonly string[];
}

export type ReplaceRule = ListedRule | ImmutableRule;

/** What the decision may depend on besides the type and the path. */
export interface ReplaceContext {
  /** Inputs of the new registration (Kubernetes `immutable: true` matters). */
  inputs?: Record<string, unknown>;
  /** pulumi-kubernetes provider settings; both are false unless the provider sets them, as in the provider. */
  kubernetes?: { enableConfigMapMutable?: boolean; enableSecretMutable?: boolean };
}

const KUBERNETES_IDENTITY = ["metadata.name", "metadata.namespace"];
const PULUMI_KUBERNETES_DIFF = "pulumi-kubernetes provider/pkg/provider/diff.go (forceNewProperties)";

/** The table, keyed by Pulumi type token. */
export const REPLACE_RULES: Readonly<Record<string, ReplaceRule>> = {
  // Pulumi registry gcp.compute.GlobalAddress; MMv1 GlobalAddress.yaml: immutable resource, labels via setLabels.
  "gcp:compute/globalAddress:GlobalAddress": {
    kind: "immutable",
    updatable: ["labels"],
    source: "gcp.compute.GlobalAddress (google_compute_global_address; MMv1 GlobalAddress.yaml)",
  },
  // MMv1 HealthCheck.yaml: updated with PUT; only the name is immutable.
  "gcp:compute/healthCheck:HealthCheck": {
    kind: "listed",
    replace: ["name", "project"],
    source: "gcp.compute.HealthCheck (google_compute_health_check; MMv1 HealthCheck.yaml)",
  },
  // MMv1 BackendService.yaml: updated with PUT; name, params and dynamicForwarding.ipPortSelection.enabled
  // are immutable. loadBalancingScheme became updatable with the classic-to-managed migration fields
  // (magic-modules PR 13926).
  "gcp:compute/backendService:BackendService": {
    kind: "listed",
    replace: ["name", "project", "params", "dynamicForwarding.ipPortSelection.enabled"],
    source: "gcp.compute.BackendService (google_compute_backend_service; MMv1 BackendService.yaml)",
    cautions: {
      loadBalancingScheme:
        "GCP accepts a scheme change in place only through externalManagedMigrationState (PREPARE, TEST_ALL_TRAFFIC); a direct flip is rejected at apply",
    },
  },
  // MMv1 UrlMap.yaml: updated with PUT; only the name is immutable.
  "gcp:compute/uRLMap:URLMap": {
    kind: "listed",
    replace: ["name", "project"],
    source: "gcp.compute.URLMap (google_compute_url_map; MMv1 UrlMap.yaml)",
  },
  // MMv1 TargetHttpProxy.yaml: immutable resource, urlMap via setUrlMap.
  "gcp:compute/targetHttpProxy:TargetHttpProxy": {
    kind: "immutable",
    updatable: ["urlMap"],
    source: "gcp.compute.TargetHttpProxy (google_compute_target_http_proxy; MMv1 TargetHttpProxy.yaml)",
  },
  // MMv1 TargetHttpsProxy.yaml: immutable resource; these have their own set* or PATCH update.
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
    kind: "immutable",
    updatable: [
      "urlMap",
      "sslCertificates",
      "certificateManagerCertificates",
      "certificateMap",
      "sslPolicy",
      "quicOverride",
      "serverTlsPolicy",
    ],
    source: "gcp.compute.TargetHttpsProxy (google_compute_target_https_proxy; MMv1 TargetHttpsProxy.yaml)",
  },
  // MMv1 GlobalForwardingRule.yaml: immutable resource; target via setTarget, labels via setLabels; the
  // scheme and the backend-bucket migration fields are updatable since magic-modules PR 13926.
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
    kind: "immutable",
    updatable: [
      "target",
      "labels",
      "loadBalancingScheme",
      "externalManagedBackendBucketMigrationState",
      "externalManagedBackendBucketMigrationTestingPercentage",
    ],
    source:
      "gcp.compute.GlobalForwardingRule (google_compute_global_forwarding_rule; MMv1 GlobalForwardingRule.yaml)",
    cautions: {
      loadBalancingScheme:
        "GCP accepts a scheme change in place only through the backend services' migration states; a direct flip is rejected at apply",
    },
  },
  // google_compute_ssl_certificate: every argument is ForceNew (GCP certificates cannot be edited).
  "gcp:compute/sSLCertificate:SSLCertificate": {
    kind: "immutable",
    updatable: [],
    source: "gcp.compute.SSLCertificate (google_compute_ssl_certificate; MMv1 SslCertificate.yaml)",
  },
  // MMv1 ManagedSslCertificate.yaml: immutable resource without any update_url.
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
    kind: "immutable",
    updatable: [],
    source:
      "gcp.compute.ManagedSslCertificate (google_compute_managed_ssl_certificate; MMv1 ManagedSslCertificate.yaml)",
  },
  // MMv1 SslPolicy.yaml: updated with PATCH; name and description are immutable.
  "gcp:compute/sSLPolicy:SSLPolicy": {
    kind: "listed",
    replace: ["name", "description", "project"],
    source: "gcp.compute.SSLPolicy (google_compute_ssl_policy; MMv1 SslPolicy.yaml)",
  },
  // resource_compute_firewall.go: name, direction, params and project are ForceNew; network is not
  // (the provider sends it in the PATCH).
  "gcp:compute/firewall:Firewall": {
    kind: "listed",
    replace: ["name", "direction", "params", "project"],
    source: "gcp.compute.Firewall (google_compute_firewall; resource_compute_firewall.go)",
  },
  // MMv1 InstanceGroupNamedPort.yaml: immutable resource, identity is (group, zone, port, name).
  "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort": {
    kind: "immutable",
    updatable: [],
    source:
      "gcp.compute.InstanceGroupNamedPort (google_compute_instance_group_named_port; MMv1 InstanceGroupNamedPort.yaml)",
  },
  // --- The regional load balancers' types (RegionalIngressLoadBalancer), from their MMv1 definitions,
  // which follow their global counterparts' (region is part of every identity).
  // MMv1 Address.yaml: immutable resource, labels via setLabels.
  "gcp:compute/address:Address": {
    kind: "immutable",
    updatable: ["labels"],
    source: "gcp.compute.Address (google_compute_address; MMv1 Address.yaml)",
  },
  // MMv1 RegionHealthCheck.yaml: updated with PUT; name and region are immutable.
  "gcp:compute/regionHealthCheck:RegionHealthCheck": {
    kind: "listed",
    replace: ["name", "project", "region"],
    source: "gcp.compute.RegionHealthCheck (google_compute_region_health_check; MMv1 RegionHealthCheck.yaml)",
  },
  // MMv1 RegionBackendService.yaml: updated with PUT; name, region, params and the scheme are immutable
  // (an internal and a regional external backend service are different products).
  "gcp:compute/regionBackendService:RegionBackendService": {
    kind: "listed",
    replace: ["name", "project", "region", "params", "loadBalancingScheme"],
    source:
      "gcp.compute.RegionBackendService (google_compute_region_backend_service; MMv1 RegionBackendService.yaml)",
  },
  // MMv1 RegionUrlMap.yaml: updated with PUT; name and region are immutable.
  "gcp:compute/regionUrlMap:RegionUrlMap": {
    kind: "listed",
    replace: ["name", "project", "region"],
    source: "gcp.compute.RegionUrlMap (google_compute_region_url_map; MMv1 RegionUrlMap.yaml)",
  },
  // MMv1 RegionTargetHttpProxy.yaml: immutable resource, urlMap via setUrlMap.
  "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy": {
    kind: "immutable",
    updatable: ["urlMap"],
    source:
      "gcp.compute.RegionTargetHttpProxy (google_compute_region_target_http_proxy; MMv1 RegionTargetHttpProxy.yaml)",
  },
  // MMv1 RegionTargetHttpsProxy.yaml: immutable resource; these have their own set* or PATCH update.
  "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy": {
    kind: "immutable",
    updatable: [
      "urlMap",
      "sslCertificates",
      "certificateManagerCertificates",
      "sslPolicy",
      "serverTlsPolicy",
    ],
    source:
      "gcp.compute.RegionTargetHttpsProxy (google_compute_region_target_https_proxy; MMv1 RegionTargetHttpsProxy.yaml)",
  },
  // MMv1 ForwardingRule.yaml: immutable resource; target via setTarget, labels via setLabels.
  "gcp:compute/forwardingRule:ForwardingRule": {
    kind: "immutable",
    updatable: ["target", "labels", "allowGlobalAccess"],
    source: "gcp.compute.ForwardingRule (google_compute_forwarding_rule; MMv1 ForwardingRule.yaml)",
  },
  // MMv1 RegionSslCertificate.yaml: every argument is immutable (certificates cannot be edited).
  "gcp:compute/regionSslCertificate:RegionSslCertificate": {
    kind: "immutable",
    updatable: [],
    source:
      "gcp.compute.RegionSslCertificate (google_compute_region_ssl_certificate; MMv1 RegionSslCertificate.yaml)",
  },
  // MMv1 RegionSslPolicy.yaml: updated with PATCH; name, description and region are immutable.
  "gcp:compute/regionSslPolicy:RegionSslPolicy": {
    kind: "listed",
    replace: ["name", "description", "project", "region"],
    source: "gcp.compute.RegionSslPolicy (google_compute_region_ssl_policy; MMv1 RegionSslPolicy.yaml)",
  },
  // MMv1 Subnetwork.yaml: name, network, purpose and region are immutable; the range only grows in place.
  "gcp:compute/subnetwork:Subnetwork": {
    kind: "listed",
    replace: ["name", "network", "purpose", "project", "region"],
    source: "gcp.compute.Subnetwork (google_compute_subnetwork; MMv1 Subnetwork.yaml)",
    cautions: {
      ipCidrRange:
        "GCP expands a subnet's range in place but never shrinks it: a smaller range replaces the proxy-only subnet, and the regional load balancers lose their proxies meanwhile",
    },
  },
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
  if (rule.kind === "immutable") {
    return !rule.updatable.some((updatable) => isAtOrBelow(segments, parsePropertyPath(updatable)));
  }
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
  const rule = replaceRuleFor(type);
  if (rule.kind === "listed") {
    for (const pattern of listedReplacePaths(rule, context)) {
      const parsed = parsePropertyPath(pattern);
      const above = changed.some((path) => path.length < parsed.length && isAtOrBelow(parsed, path));
      if (above && !sameValues(valuesAt(before, parsed), valuesAt(after, parsed))) causes.add(pattern);
    }
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
