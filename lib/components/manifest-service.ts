import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceInfo } from "../ingress/types";
import { ServiceBackendSource, nodePortOf } from "./backend-source";

/**
 * A Service from a manifest, registered as written (with `annotations` over its own: a NEG backend's
 * request for its NEGs); its nodePorts feed the load balancer.
 */
export class ManifestService implements ServiceBackendSource {
  readonly resource: k8s.core.v1.Service;
  /** IngressManifests gives it the NEG requests of every load balancer's models. */
  readonly requestsNegs = true;

  constructor(
    readonly serviceInfo: ServiceInfo,
    object: { metadata: Record<string, unknown>; spec?: Record<string, unknown> },
    logicalName: string,
    opts: pulumi.CustomResourceOptions,
    annotations?: Record<string, string>,
  ) {
    const metadata = annotations
      ? {
          ...object.metadata,
          annotations: { ...(object.metadata.annotations as Record<string, string>), ...annotations },
        }
      : object.metadata;
    this.resource = new k8s.core.v1.Service(
      logicalName,
      { metadata: { ...metadata, namespace: serviceInfo.namespace }, spec: object.spec },
      opts,
    );
  }

  nodePort(servicePort: number): pulumi.Output<number> {
    return nodePortOf(this.resource.spec.ports, this.serviceInfo.name, servicePort);
  }
}
