import { Origin } from "../errors";

/** Kubernetes `pathType`. An absent pathType is treated as ImplementationSpecific, as GKE does. */
export type PathType = "Exact" | "Prefix" | "ImplementationSpecific";
export const PATH_TYPES: readonly PathType[] = ["Exact", "Prefix", "ImplementationSpecific"];

/** A backend reference: a Service in the Ingress's namespace and one of its ports (number or name). */
export interface ServiceBackendRef {
  service: string;
  port: number | string;
  origin: Origin;
  /** Where the Service's name is written (`...backend.service.name` or `...backend.serviceName`). */
  serviceOrigin?: Origin;
  /** Where the port is written (`...backend.service.port.number`, `.name`, or `...backend.servicePort`). */
  portOrigin?: Origin;
}

/** One `rules[].http.paths[]` entry, normalized to networking.k8s.io/v1 terms. */
export interface IngressPath {
  path: string;
  pathType: PathType;
  backend: ServiceBackendRef;
  origin: Origin;
}

/** One `rules[]` entry; `host` is undefined for a rule that matches every host. */
export interface IngressRule {
  host?: string;
  paths: IngressPath[];
  origin: Origin;
}

/** One `tls[]` entry. */
export interface IngressTls {
  hosts: string[];
  secretName?: string;
  origin: Origin;
}

/**
 * An Ingress after loading: both API versions (networking.k8s.io/v1 and extensions/v1beta1) end here,
 * with defaults filled in, so the translation sees one shape.
 */
export interface NormalizedIngress {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  /** `spec.defaultBackend` (v1) or `spec.backend` (v1beta1). */
  defaultBackend?: ServiceBackendRef;
  rules: IngressRule[];
  tls: IngressTls[];
  origin: Origin;
}

/** One port of a Service, as the translation needs it. */
export interface ServicePortInfo {
  name?: string;
  port: number;
  /** Container port (number or name) the Service forwards to. */
  targetPort?: number | string;
  /** Pinned nodePort; undefined when the cluster allocates it. */
  nodePort?: number;
  protocol?: string;
}

/** What the translation needs to know about a backend Service. */
export interface ServiceInfo {
  name: string;
  namespace: string;
  type: string;
  ports: ServicePortInfo[];
  annotations: Record<string, string>;
  /** Pod labels the Service selects, to find the Deployment (and its readiness probe). */
  selector?: Record<string, string>;
  /** Its `cloud.google.com/neg` annotation, parsed (normalizeService fills it); absent when not written. */
  neg?: NegAnnotation;
  origin: Origin;
}

/**
 * A Service's `cloud.google.com/neg` annotation (ingress-gce `NegAnnotation`): which ports GKE's NEG
 * controller serves through network endpoint groups.
 */
export interface NegAnnotation {
  /** `"ingress": true`: every port an Ingress names is served through NEGs. */
  ingress: boolean;
  /** `exposed_ports`: standalone NEGs, by Service port number, with the name asked for when one is. */
  exposedPorts: Map<number, { name?: string }>;
  /** The annotation's object as written, so that adding ports to it keeps every other key. */
  written: Record<string, unknown>;
}
