import * as pulumi from "@pulumi/pulumi";
import { NegStatusPort } from "../ingress/neg-annotation";
import { ServiceInfo } from "../ingress/types";

/**
 * A Kubernetes Service the load balancer can send traffic to: what the translation needs to know of it,
 * and the nodePort each service port is served on (allocated by the cluster, so an output).
 */
export interface ServiceBackendSource {
  readonly serviceInfo: ServiceInfo;
  /** The nodePort that serves `servicePort`; resolves once the cluster has allocated it. */
  nodePort(servicePort: number): pulumi.Output<number>;
  /** The resource that owns the Service, for dependencies. */
  readonly resource: pulumi.Resource;
  /**
   * True when the Service is registered with the request for the NEGs of its NEG backends
   * (`negServiceAnnotations`), as IngressManifests' are: a load balancer refuses NEG backends of
   * names it derived otherwise, since nothing would ask GKE for them.
   */
  readonly requestsNegs?: boolean;
  /**
   * For a Service another tool owns (read from the cluster): the NEG the cluster made for a Service port
   * and its zones, from the Service's `cloud.google.com/neg-status`. Absent: the load balancer names its NEGs.
   */
  clusterNeg?(servicePort: number): pulumi.Output<NegStatusPort>;
}

/** Reads the nodePort of `servicePort` from a Service's `spec.ports` output. */
export function nodePortOf(
  ports: pulumi.Output<{ port: number; nodePort?: number }[] | undefined>,
  serviceName: string,
  servicePort: number,
): pulumi.Output<number> {
  return ports.apply((list) => {
    // A Service read from the cluster may have no ports at all.
    const found = (list ?? []).find((p) => p.port === servicePort);
    if (!found?.nodePort) throw new Error(`Service ${serviceName} has no nodePort for port ${servicePort}`);
    return found.nodePort;
  });
}
