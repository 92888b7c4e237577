import { Origin } from "../errors";
import { PathType } from "../ingress/types";
import type { BackendOptions, HealthCheckType } from "./backend-options";

/** `EXTERNAL` is the classic global external load balancer GKE Ingress makes; `EXTERNAL_MANAGED` the current one. */
export type LoadBalancingScheme = "EXTERNAL" | "EXTERNAL_MANAGED";
/** Regional Application Load Balancers: `INTERNAL_MANAGED` (class `gce-internal`) or `EXTERNAL_MANAGED` (`gce-regional-external`). */
export type RegionalScheme = "INTERNAL_MANAGED" | "EXTERNAL_MANAGED";

/**
 * A value an arg of the components gives as a Pulumi output (another resource's name, say), known only at
 * deploy time. The model holds no output: only the arg's field path. The component passes that arg's own
 * value to the resource, and GCP checks it.
 */
export interface ArgOutput {
  /** The arg's field path, as errors name it: `staticIpName`, `preSharedCertificates[1]`. */
  arg: string;
}

/** The GCP name of an existing resource: known when planning, or given by an arg as an output. */
export type NameOrArg = string | ArgOutput;

/** Something the user should know about the generated load balancer; never fatal. */
export interface Warning {
  /** Stable identifier, e.g. `wildcard-host-depth`. */
  code: string;
  message: string;
  origin?: Origin;
}

/** Health check settings of one backend (GCP `HealthCheck.httpHealthCheck` + timings). */
export interface HealthCheckModel {
  requestPath: string;
  /** Host header sent by the probe, when set. */
  host?: string;
  checkIntervalSec: number;
  timeoutSec: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** Probe protocol; HTTP when absent. */
  type?: HealthCheckType;
  /** Fixed port to probe; the backend's nodePort when absent. */
  port?: number;
  /** Where the settings came from: GKE's rules put a BackendConfig over the readiness probe over the defaults. */
  source?: "default" | "readiness-probe" | "backend-config";
}

/** One GCP backend service: one per distinct (namespace, Service, service port). */
export interface BackendModel {
  /** Identity used across the model: `namespace/service:port` (the service port number). */
  key: string;
  /** Logical resource name: valid GCP name of at most 55 characters (Pulumi autonaming adds 8). */
  name: string;
  namespace: string;
  service: string;
  servicePort: number;
  /** The Service port's name, when it has one. */
  servicePortName?: string;
  /** Pinned nodePort from the Service spec; undefined when the cluster allocates it. */
  nodePort?: number;
  /** The built-in 404 backend that the URL map's default points at when no Ingress gives a default. */
  builtinDefault: boolean;
  healthCheck: HealthCheckModel;
  /** BackendConfig and typed options of the backend service; absent for the built-in default backend. */
  options?: BackendOptions;
  /** What the backend service speaks to the Pods (the Service's `app-protocols`); HTTP when absent. */
  protocol?: "HTTPS" | "HTTP2";
  /**
   * Container-native: served through zonal network endpoint groups (GCE_VM_IP_PORT) reaching the Pods
   * directly. Absent: through the nodes' instance groups on the nodePort (the seed's path).
   */
  neg?: NegBackendModel;
}

/** The standalone NEGs of one Service port, which GKE's NEG controller makes in every zone of the cluster. */
export interface NegBackendModel {
  /** Their name, the same in every zone: asked for in the Service's `cloud.google.com/neg` annotation. */
  name: string;
  /** `annotation`: the user's `exposed_ports` gave it; `derived`: ingress-glb's stable name. */
  nameSource: "annotation" | "derived";
  /** The Pods' port the NEG endpoints use, which the firewall opens; absent when a named targetPort cannot be resolved. */
  targetPort?: number;
}

/** Which Ingress path produced a GCE path rule. */
export interface PathSource {
  /** `namespace/name` of the Ingress. */
  ingress: string;
  /** The Ingress rule's host, or undefined for a rule without host. */
  host?: string;
  path: string;
  pathType: PathType;
  origin: Origin;
}

/** A GCE path rule: GCP path patterns (`/x`, `/x/*`) sent to one backend. */
export interface PathRuleModel {
  paths: string[];
  /** Backend key. */
  backend: string;
  sources: PathSource[];
}

export interface PathMatcherModel {
  /** Valid GCP name, derived from the host (wildcards included). */
  name: string;
  /** Backend key for requests on these hosts that match no path rule. */
  defaultBackend: string;
  pathRules: PathRuleModel[];
}

export interface HostRuleModel {
  /** GCP host patterns: `foo.com`, `*.foo.com`, or `*` for rules without host. */
  hosts: string[];
  pathMatcher: string;
}

/** A GCP URL map `tests` entry: GCP refuses an update under which any test would route differently. */
export interface UrlMapTestModel {
  host: string;
  path: string;
  /** Backend key expected. */
  backend: string;
  description: string;
}

export interface UrlMapModel {
  name: string;
  /** Backend key of the URL map's default service. */
  defaultBackend: string;
  hostRules: HostRuleModel[];
  pathMatchers: PathMatcherModel[];
  tests: UrlMapTestModel[];
}

/** The address the forwarding rules use: global, or regional when the model is `regional`. */
export type StaticIpModel =
  /** Reserved by the component under this logical name. */
  | { kind: "reserve"; name: string }
  /**
   * An existing address, looked up by its GCP name and never created. Only the address's ID depends on
   * it: its logical name is the load balancer's, so an output name moves no URN.
   */
  | { kind: "existing"; name: NameOrArg };

export interface FrontendModel {
  staticIp: StaticIpModel;
  /** Serve plain HTTP on :80 (false with `kubernetes.io/ingress.allow-http: "false"`). */
  http: boolean;
  /** HTTPS on :443 of the same address; absent when the load balancer has no certificate. */
  https?: HttpsFrontendModel;
  /** A second, IPv6, global address reserved under this logical name, served by the same proxies. */
  ipv6?: { kind: "reserve"; name: string };
}

/** A certificate uploaded from a TLS Secret. The model names the Secret; it never holds the PEM. */
export interface CertificateModel {
  /**
   * Logical name of the `SSLCertificate`, ending in the certificate's fingerprint: new content gets a new
   * name, so Pulumi creates the new certificate, repoints the proxy, and only then deletes the old one.
   */
  name: string;
  /** `namespace/name` of the TLS Secret holding the certificate and key. */
  secret: string;
  /** Short SHA-256 of the leaf certificate (`certificateFingerprint`). */
  fingerprint: string;
  /** The `tls[].hosts` that name this Secret (may be empty, as in the seed). */
  hosts: string[];
  /** DNS names the certificate covers (SANs, or the subject CN). */
  names: string[];
  /** End of validity, ISO 8601. */
  notAfter: string;
  /** The Secret (file, line, object) or the Ingress field that named it. */
  origin: Origin;
}

/**
 * A certificate uploaded from a TLS Secret read from the cluster at deploy time (one the files do not
 * hold, or one `existing` says another tool owns). Its content is unknown when planning, so its logical
 * name cannot carry a fingerprint: it is stable, and the certificate is autonamed and never
 * `deleteBeforeReplace`. New content changes `certificate` and `privateKey`, which force a replacement,
 * and Pulumi replaces by creating the new certificate (a new autoname) and repointing the proxy before
 * deleting the old one.
 */
export interface ClusterCertificateModel {
  /** Logical name of the `SSLCertificate`: `<lb>-<secret>-cluster` ("cluster" is no fingerprint: not hex). */
  name: string;
  /** Logical name of the Secret's read (`k8s.core.v1.Secret.get`) when the load balancer reads it itself (`clusterReadName`). */
  readName: string;
  /** `namespace/name` of the Secret, also the ID it is read by. */
  secret: string;
  /** The `tls[].hosts` that name this Secret. */
  hosts: string[];
  /** The Ingress field that named it. */
  origin: Origin;
}

/** An existing Compute Engine SSL certificate, referenced by name (`ingress.gcp.kubernetes.io/pre-shared-cert`). */
export interface PreSharedCertificateModel {
  name: NameOrArg;
  origin: Origin;
}

/** A Google-managed certificate (`ManagedSslCertificate`) for named domains. */
export interface ManagedCertificateModel {
  /** Logical name, ending in a hash of the domains (the resource is immutable: new domains, new name). */
  name: string;
  domains: string[];
  /** The ManagedCertificate object or option it came from. */
  origin: Origin;
}

export type SslProfile = "COMPATIBLE" | "MODERN" | "RESTRICTED";
export type MinTlsVersion = "TLS_1_0" | "TLS_1_1" | "TLS_1_2";

/** The SSL policy of the HTTPS proxy (one per proxy). */
export type SslPolicyModel =
  /** Created by the component under this logical name. */
  | { kind: "create"; name: string; profile: SslProfile; minTlsVersion: MinTlsVersion }
  /** An existing policy, by its GCP name (FrontendConfig `spec.sslPolicy`, or the `sslPolicy` arg). */
  | { kind: "existing"; name: NameOrArg };

/** GCP URL map redirect response codes, as FrontendConfig `redirectToHttps.responseCodeName` names them. */
export type RedirectResponseCode =
  "MOVED_PERMANENTLY_DEFAULT" | "FOUND" | "SEE_OTHER" | "TEMPORARY_REDIRECT" | "PERMANENT_REDIRECT";

/** `TargetHttpsProxy.quicOverride`: NONE leaves it to Google's default. */
export type QuicOverride = "NONE" | "ENABLE" | "DISABLE";

/** The HTTPS side: a target HTTPS proxy on the main URL map and a forwarding rule on :443. */
export interface HttpsFrontendModel {
  proxyName: string;
  forwardingRuleName: string;
  /** Served first, in the annotation's order, as GKE does. */
  preSharedCertificates: PreSharedCertificateModel[];
  /** Served after the pre-shared ones. */
  managedCertificates: ManagedCertificateModel[];
  /** Uploaded from TLS Secrets of the files; served after the managed ones. */
  certificates: CertificateModel[];
  /** Uploaded from TLS Secrets read from the cluster at deploy time; served last. Absent when none. */
  clusterCertificates?: ClusterCertificateModel[];
  /** When set, :80 answers every request with a redirect to HTTPS from a URL map of its own. */
  redirectToHttps?: { urlMapName: string; responseCode: RedirectResponseCode };
  /** Absent: the proxy gets no policy (Google's default, TLS 1.0 and up). */
  sslPolicy?: SslPolicyModel;
  quic: QuicOverride;
}

/** A route a request takes on the generated URL map: one per GCE path rule pattern. */
export interface RouteModel {
  /** GCP host pattern (`*` for all hosts). */
  host: string;
  /** GCE path pattern. */
  path: string;
  backend: string;
}

/**
 * What makes a load balancer regional (GKE's `gce-internal` and `gce-regional-external` classes): the
 * same URL map, backends and certificates, on regional resources in the cluster's region.
 */
export interface RegionalModel {
  className: "gce-internal" | "gce-regional-external";
  /** `INTERNAL`: a private address of the cluster's subnetwork; `EXTERNAL`: a regional public one. */
  addressType: "INTERNAL" | "EXTERNAL";
  /**
   * Network tier of the address and forwarding rules: internal ones are PREMIUM; regional external
   * ones STANDARD, as GKE's controller reserves them.
   */
  networkTier: "PREMIUM" | "STANDARD";
}

/**
 * The whole load balancer, decided by the pure translation. The components, the CLI and the routing
 * evaluator all read this one model.
 */
export interface LoadBalancerModel {
  /** Base logical name of the load balancer's resources. */
  name: string;
  /** Its name in resource descriptions: stable for as long as the load balancer is the same one. */
  label: string;
  /** A global model's is a `LoadBalancingScheme`; a regional model's a `RegionalScheme`. */
  scheme: LoadBalancingScheme | RegionalScheme;
  /** Set for a regional load balancer; absent for a global one. */
  regional?: RegionalModel;
  /** `namespace/name` of every Ingress served by this load balancer. */
  ingresses: string[];
  backends: BackendModel[];
  urlMap: UrlMapModel;
  frontend: FrontendModel;
  routes: RouteModel[];
  warnings: Warning[];
  /**
   * When the base name changed since ingress-glb 0.1.0: that release's base name, and for every logical
   * name derived from the new one, the name 0.1.0 derived from the old (the components alias them).
   */
  legacy?: { name: string; aliases: Record<string, string> };
}
