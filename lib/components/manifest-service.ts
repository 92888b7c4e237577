import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceInfo } from "../ingress/types";
import { ServiceBackendSource, nodePortOf } from "./backend-source";

/** A Service from a manifest, registered as written; its nodePorts feed the load balancer. */
export class ManifestService implements ServiceBackendSource {
  readonly resource: k8s.core.v1.Service;

  constructor(
    readonly serviceInfo: ServiceInfo,
    object: { metadata: Record<string, unknown>; spec?: Record<string, unknown> },
    logicalName: string,
    opts: pulumi.CustomResourceOptions,
  ) {
    this.resource = new k8s.core.v1.Service(
      logicalName,
      { metadata: { ...object.metadata, namespace: serviceInfo.namespace }, spec: object.spec },
      opts,
    );
  }

  nodePort(servicePort: number): pulumi.Output<number> {
    return nodePortOf(this.resource.spec.ports, this.serviceInfo.name, servicePort);
  }
}
