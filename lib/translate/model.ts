import { Origin } from "../errors";
import { PathType } from "../ingress/types";

/** `EXTERNAL` is the classic global external load balancer GKE Ingress makes; `EXTERNAL_MANAGED` the current one. */
export type LoadBalancingScheme = "EXTERNAL" | "EXTERNAL_MANAGED";

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

/** The global address the forwarding rules use. */
export type StaticIpModel =
  /** Reserved by the component under this logical name. */
  | { kind: "reserve"; name: string }
  /** An existing global address, looked up by its GCP name and never created. */
  | { kind: "existing"; name: string };

export interface FrontendModel {
  staticIp: StaticIpModel;
  /** Serve plain HTTP on :80 (false with `kubernetes.io/ingress.allow-http: "false"`). */
  http: boolean;
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
 * The whole load balancer, decided by the pure translation. The components, the CLI and the routing
 * evaluator all read this one model.
 */
export interface LoadBalancerModel {
  /** Base logical name of the load balancer's resources. */
  name: string;
  scheme: LoadBalancingScheme;
  /** `namespace/name` of every Ingress served by this load balancer. */
  ingresses: string[];
  backends: BackendModel[];
  urlMap: UrlMapModel;
  frontend: FrontendModel;
  routes: RouteModel[];
  warnings: Warning[];
}
