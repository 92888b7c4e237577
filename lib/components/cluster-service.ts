import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NEG_STATUS_ANNOTATION, NegStatusPort, readNegStatus } from "../ingress/neg-annotation";
import { ServiceInfo } from "../ingress/types";
import { ServiceBackendSource, nodePortOf } from "./backend-source";

/**
 * A Service another tool owns, read from the cluster (`existing`): the load balancer plans from its
 * manifest in the files, and takes the nodePorts the cluster allocated from the read object.
 */
export class ClusterService implements ServiceBackendSource {
  readonly resource: k8s.core.v1.Service;

  constructor(
    readonly serviceInfo: ServiceInfo,
    logicalName: string,
    opts: pulumi.CustomResourceOptions,
  ) {
    this.resource = k8s.core.v1.Service.get(
      logicalName,
      `${serviceInfo.namespace}/${serviceInfo.name}`,
      opts,
    );
  }

  nodePort(servicePort: number): pulumi.Output<number> {
    return nodePortOf(this.resource.spec.ports, this.serviceInfo.name, servicePort);
  }

  /** Its NEGs are the ones the cluster's NEG controller made, whatever they are named. */
  clusterNeg(servicePort: number): pulumi.Output<NegStatusPort> {
    const service = `${this.serviceInfo.namespace}/${this.serviceInfo.name}`;
    return this.resource.metadata.annotations.apply((annotations) =>
      readNegStatus(annotations?.[NEG_STATUS_ANNOTATION], service, servicePort),
    );
  }
}
