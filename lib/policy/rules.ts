import { GOOGLE_FRONT_END_RANGES } from "../components/google-ranges";
import { negEndpointPorts } from "./neg-ports";
import { resolveReference } from "./references";
import { isUnknown, PolicySubject } from "./subject";

/**
 * The guardrails of an ingress-glb stack, as pure functions over the stack's resources. The CrossGuard
 * pack (`policy/`) and `ingress-glb plan --policy` both run these.
 */

/** CrossGuard's levels: a mandatory violation blocks `pulumi up`; an advisory one is only reported. */
export type EnforcementLevel = "mandatory" | "advisory";

export interface PolicyFinding {
  /** Name of the rule that found it. */
  policy: string;
  /**
   * The rule's level for a violation; advisory when the rule could not decide (a value unknown during
   * preview, or an object outside the stack whose settings are not visible).
   */
  level: EnforcementLevel;
  urn: string;
  type: string;
  name: string;
  message: string;
}

export interface PolicyRule {
  /** CrossGuard policy name: letters, digits, `-`, `_`, `.`. */
  name: string;
  description: string;
  check(resources: readonly PolicySubject[]): PolicyFinding[];
}

export const T = {
  address: "gcp:compute/globalAddress:GlobalAddress",
  backendService: "gcp:compute/backendService:BackendService",
  firewall: "gcp:compute/firewall:Firewall",
  forwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
  healthCheck: "gcp:compute/healthCheck:HealthCheck",
  httpHealthCheck: "gcp:compute/httpHealthCheck:HttpHealthCheck",
  httpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
  httpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
  namedPort: "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort",
  sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
  urlMap: "gcp:compute/uRLMap:URLMap",
} as const;

function finder(policy: string) {
  const at =
    (level: EnforcementLevel) =>
    (subject: PolicySubject, message: string): PolicyFinding => ({
      policy,
      level,
      urn: subject.urn,
      type: subject.type,
      name: subject.name,
      message,
    });
  return { violation: at("mandatory"), unchecked: at("advisory") };
}

/** A property as a list: outputs give an absent list or block as null, inputs leave it out. */
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

const managed = (resources: readonly PolicySubject[], type: string) =>
  resources.filter((r) => r.type === type && !r.read);

/** A printable name for a referenced resource: its cloud name when known, else its logical name. */
function label(resource: PolicySubject): string {
  const name = resource.props.name;
  return typeof name === "string" && name !== "" ? name : resource.name;
}

// --- HTTPS proxies: an SSL policy of MODERN or RESTRICTED, TLS 1.2 or later -------------------------

const STRONG_PROFILES = ["MODERN", "RESTRICTED"];
const STRONG_MIN_TLS = ["TLS_1_2", "TLS_1_3"];

export const httpsProxyModernTls: PolicyRule = {
  name: "https-proxy-modern-tls",
  description:
    "Every target HTTPS proxy has an SSL policy with profile MODERN or RESTRICTED and minimum TLS 1.2.",
  check(resources) {
    const { violation, unchecked } = finder(this.name);
    return managed(resources, T.httpsProxy).flatMap((proxy) => {
      const ref = resolveReference(resources, proxy, "sslPolicy", [T.sslPolicy]);
      if (ref.unknown) return [unchecked(proxy, "its SSL policy is not known yet; checked on the next run")];
      if (ref.external.length > 0) {
        return [
          unchecked(
            proxy,
            `SSL policy ${ref.external.join(", ")} is not in the stack: its profile and minimum TLS version cannot be checked`,
          ),
        ];
      }
      const [policy] = ref.resources;
      if (!policy) {
        return [
          violation(
            proxy,
            "no SSL policy: Google's default (COMPATIBLE profile) accepts TLS 1.0; give it one with profile MODERN and minimum TLS 1.2",
          ),
        ];
      }
      const { profile, minTlsVersion } = policy.props;
      if (isUnknown(profile) || isUnknown(minTlsVersion)) {
        return [unchecked(proxy, `SSL policy ${label(policy)}: its settings are not known yet`)];
      }
      if (policy.read && profile === undefined) {
        return [
          unchecked(
            proxy,
            `SSL policy ${label(policy)} is looked up, and the plan does not hold its settings`,
          ),
        ];
      }
      // Absent settings are GCP's defaults: COMPATIBLE and TLS 1.0.
      const effectiveProfile = typeof profile === "string" ? profile : "COMPATIBLE";
      const effectiveMin = typeof minTlsVersion === "string" ? minTlsVersion : "TLS_1_0";
      const problems = [
        ...(STRONG_PROFILES.includes(effectiveProfile)
          ? []
          : [
              `profile ${effectiveProfile}${effectiveProfile === "CUSTOM" ? " (its features are not checked)" : ""}, not MODERN or RESTRICTED`,
            ]),
        ...(STRONG_MIN_TLS.includes(effectiveMin) ? [] : [`minimum ${effectiveMin}, not TLS_1_2 or later`]),
      ];
      return problems.length > 0
        ? [violation(proxy, `SSL policy ${label(policy)}: ${problems.join("; ")}`)]
        : [];
    });
  },
};

// --- :80 on an address that serves HTTPS answers with a redirect ----------------------------------

function ports(rule: PolicySubject): string | undefined {
  const range = rule.props.portRange;
  if (typeof range === "number") return String(range);
  if (typeof range !== "string") return undefined;
  const [low, high] = range.split("-");
  return high === undefined || high === low ? low : range;
}

/** The address a forwarding rule listens on: the address resource's URN, or the literal IP. */
function addressKey(resources: readonly PolicySubject[], rule: PolicySubject): string | undefined {
  const ref = resolveReference(resources, rule, "ipAddress", [T.address]);
  if (ref.resources.length > 0) return ref.resources[0].urn;
  return ref.external[0];
}

function addressLabel(resources: readonly PolicySubject[], key: string): string {
  const address = resources.find((r) => r.urn === key);
  return address ? `address ${label(address)}` : key;
}

/** True for a URL map that only redirects to HTTPS (no host rule or path matcher serves anything). */
function redirectsToHttps(map: PolicySubject): boolean {
  const redirect = map.props.defaultUrlRedirect as Record<string, unknown> | null | undefined;
  return (
    redirect?.httpsRedirect === true &&
    list(map.props.hostRules).length === 0 &&
    list(map.props.pathMatchers).length === 0
  );
}

export const httpRedirectsToHttps: PolicyRule = {
  name: "http-redirects-to-https",
  description: "Port 80 of an address that serves HTTPS answers only with a redirect to HTTPS.",
  check(resources) {
    const { violation, unchecked } = finder(this.name);
    const rules = managed(resources, T.forwardingRule).map((rule) => {
      const target = resolveReference(resources, rule, "target", [T.httpProxy, T.httpsProxy]);
      return { rule, proxy: target.resources[0], key: addressKey(resources, rule), port: ports(rule) };
    });
    const httpsKeys = new Set(
      rules.filter((r) => r.proxy?.type === T.httpsProxy && r.port === "443" && r.key).map((r) => r.key),
    );
    return rules
      .filter((r) => r.proxy?.type === T.httpProxy && r.port === "80")
      .flatMap(({ rule, proxy, key }) => {
        if (key === undefined) {
          return httpsKeys.size > 0
            ? [unchecked(rule, "its address is not known yet: whether it also serves HTTPS is not checked")]
            : [];
        }
        if (!httpsKeys.has(key)) return [];
        const map = resolveReference(resources, proxy, "urlMap", [T.urlMap]);
        if (map.unknown || map.resources.length === 0) {
          return [
            unchecked(
              rule,
              `${addressLabel(resources, key)} serves HTTPS, and the :80 URL map is not in the stack`,
            ),
          ];
        }
        const [urlMap] = map.resources;
        if (redirectsToHttps(urlMap)) return [];
        return [
          violation(
            rule,
            `${addressLabel(resources, key)} serves HTTPS, but :80 serves URL map ${label(urlMap)} instead of redirecting to HTTPS (redirectToHttps)`,
          ),
        ];
      });
  },
};

// --- Firewall: Google's ranges only, to the ports in use, on tagged targets ------------------------

const GOOGLE_RANGES: readonly string[] = [...GOOGLE_FRONT_END_RANGES.ipv4, ...GOOGLE_FRONT_END_RANGES.ipv6];

const HEALTH_CHECK_BLOCKS = [
  "httpHealthCheck",
  "httpsHealthCheck",
  "http2HealthCheck",
  "tcpHealthCheck",
  "sslHealthCheck",
  "grpcHealthCheck",
];

/**
 * Ports the load balancers send to: named ports of the instance groups, health check ports, and the
 * Pods' ports of NEG backends.
 */
function portsInUse(resources: readonly PolicySubject[]): { ports: Set<number>; unknown: boolean } {
  const neg = negEndpointPorts(resources);
  const found: unknown[] = [
    ...neg.ports,
    ...managed(resources, T.namedPort).map((r) => r.props.port),
    ...managed(resources, T.httpHealthCheck).map((r) => r.props.port ?? 80),
    ...managed(resources, T.healthCheck).flatMap((r) =>
      HEALTH_CHECK_BLOCKS.map((block) => r.props[block] as Record<string, unknown> | null | undefined)
        .filter((block) => block !== undefined && block !== null)
        .map((block) => (isUnknown(block) ? block : block.port)),
    ),
  ];
  const ports = new Set(found.map(Number).filter((port) => Number.isInteger(port)));
  return { ports, unknown: neg.unknown || found.some(isUnknown) };
}

/** The ports of `[low, high]` not in use, or the whole entry when it cannot be read. */
function portsOutOfUse(entry: string, inUse: Set<number>): string | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(entry);
  if (!match) return entry;
  const low = Number(match[1]);
  const high = Number(match[2] ?? match[1]);
  for (let port = low; port <= high; port++) if (!inUse.has(port)) return entry;
  return undefined;
}

export const firewallGoogleRangesOnly: PolicyRule = {
  name: "firewall-google-ranges-only",
  description:
    "Ingress firewall rules allow only Google's front-end and health-check ranges (and the proxy-only subnet the stack creates for regional load balancers), only to the ports the load balancers use, and only on target tags.",
  check(resources) {
    const { violation, unchecked } = finder(this.name);
    const inUse = portsInUse(resources);
    // The regional load balancers' traffic comes from the region's proxy-only subnet the stack creates.
    const proxyRanges = managed(resources, "gcp:compute/subnetwork:Subnetwork")
      .filter((subnet) => subnet.props.purpose === "REGIONAL_MANAGED_PROXY")
      .map((subnet) => String(subnet.props.ipCidrRange));
    return managed(resources, T.firewall)
      .filter((fw) => fw.props.direction !== "EGRESS" && list(fw.props.allows).length > 0)
      .flatMap((fw) => {
        const findings: PolicyFinding[] = [];
        const sources = list(fw.props.sourceRanges);
        if (sources.some(isUnknown)) {
          findings.push(unchecked(fw, "its source ranges are not known yet"));
        } else if (sources.length === 0) {
          findings.push(violation(fw, "no source ranges: an ingress rule without them admits 0.0.0.0/0"));
        } else {
          const foreign = sources.filter(
            (range) => !GOOGLE_RANGES.includes(String(range)) && !proxyRanges.includes(String(range)),
          );
          if (foreign.length > 0) {
            findings.push(
              violation(
                fw,
                `source ranges ${foreign.join(", ")} are not Google's (${GOOGLE_RANGES.join(", ")})`,
              ),
            );
          }
        }
        for (const key of ["sourceTags", "sourceServiceAccounts"]) {
          if (list(fw.props[key]).length > 0)
            findings.push(violation(fw, `${key} admit sources other than Google's`));
        }
        const tags = list(fw.props.targetTags);
        if (tags.length === 0) {
          findings.push(violation(fw, "no target tags: it applies to every instance of the network"));
        }
        for (const allow of list(fw.props.allows)) {
          if (isUnknown(allow)) {
            findings.push(unchecked(fw, "its allowed ports are not known yet"));
            continue;
          }
          const { protocol, ports } = allow as Record<string, unknown>;
          if (isUnknown(protocol) || isUnknown(ports) || list(ports).some(isUnknown)) {
            findings.push(unchecked(fw, "its allowed ports are not known yet"));
            continue;
          }
          if (protocol !== "tcp") {
            findings.push(
              violation(fw, `allows protocol ${String(protocol)}; the load balancers need only tcp`),
            );
            continue;
          }
          if (list(ports).length === 0) {
            findings.push(violation(fw, "allows every tcp port; list the ports the load balancers use"));
            continue;
          }
          if (inUse.unknown) {
            findings.push(unchecked(fw, "the ports in use are not known yet"));
            continue;
          }
          const extra = list(ports)
            .map((entry) => portsOutOfUse(String(entry), inUse.ports))
            .filter((entry): entry is string => entry !== undefined);
          if (extra.length > 0) {
            findings.push(
              violation(
                fw,
                `allows tcp ${extra.join(", ")}, which no backend or health check uses (in use: ${[...inUse.ports].sort((a, b) => a - b).join(", ") || "none"})`,
              ),
            );
          }
        }
        return findings;
      });
  },
};

// --- A reserved address is protected ---------------------------------------------------------------

export const reservedAddressProtected: PolicyRule = {
  name: "reserved-address-protected",
  description:
    "An address the stack reserves (global, or a regional load balancer's) is protected (or retained on delete): DNS points at it, and a deleted address is gone for good.",
  check(resources) {
    const { violation } = finder(this.name);
    return [...managed(resources, T.address), ...managed(resources, "gcp:compute/address:Address")]
      .filter((address) => !address.protect && !address.retainOnDelete)
      .map((address) =>
        violation(
          address,
          "reserved address is not protected: destroying or replacing it releases the IP that DNS points at (protectAddress: true)",
        ),
      );
  },
};

// --- Every backend service is health-checked -------------------------------------------------------

export const backendServiceHealthCheck: PolicyRule = {
  name: "backend-service-health-check",
  description: "Every backend service names a health check.",
  check(resources) {
    const { violation } = finder(this.name);
    return managed(resources, T.backendService)
      .filter((service) => {
        const checks = service.props.healthChecks;
        // An unknown value is a health check still to be created.
        return !isUnknown(checks) && list(checks).filter((c) => c !== "" && c !== null).length === 0;
      })
      .map((service) =>
        violation(
          service,
          "no health check: the load balancer would send traffic to instances that are down",
        ),
      );
  },
};

/** Every rule, in the order they are reported. */
export const POLICY_RULES: readonly PolicyRule[] = [
  httpsProxyModernTls,
  httpRedirectsToHttps,
  firewallGoogleRangesOnly,
  reservedAddressProtected,
  backendServiceHealthCheck,
];
