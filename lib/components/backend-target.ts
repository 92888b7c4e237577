import * as pulumi from "@pulumi/pulumi";
import { NegStatusPort } from "../ingress/neg-annotation";
import { BackendModel } from "../translate/model";
import { ServiceBackendSource } from "./backend-source";

/** How a backend service (global or regional) reaches one backend of the model. */
export interface BackendTarget {
  /** The nodePort serving it (instance-group backends); absent for NEG backends. */
  nodePort?: pulumi.Output<number>;
  /** What the firewall opens for it: the nodePort or the Pods' port, and a fixed health-check port. */
  firewallPorts: pulumi.Output<number>[];
  /** What its backend service waits for: the named ports, or the Service that waits for its NEGs. */
  dependsOn: pulumi.Resource[];
  /** The NEGs a Service another tool owns reports (`backendsArgs` takes them over our names). */
  clusterNeg?: pulumi.Output<NegStatusPort>;
}

/**
 * The instance-group or NEG side of a backend: `namedPortsOf` registers (or finds) the named ports of a
 * nodePort, which the backend service must wait for.
 */
export function backendTarget(
  backend: BackendModel,
  source: ServiceBackendSource,
  namedPortsOf: (nodePort: pulumi.Output<number>) => pulumi.Resource[],
): BackendTarget {
  // A BackendConfig may probe a fixed port instead: the firewall rule must open it too.
  const checkPort = backend.healthCheck.port !== undefined ? [pulumi.output(backend.healthCheck.port)] : [];
  if (backend.neg) {
    return {
      // The firewall opens the Pods' port (GKE: the endpoints' target ports), not a nodePort.
      firewallPorts: [
        ...(backend.neg.targetPort !== undefined ? [pulumi.output(backend.neg.targetPort)] : []),
        ...checkPort,
      ],
      // The Service waits for the NEG controller's status: once it is ready, the NEGs exist.
      dependsOn: [source.resource],
      ...(source.clusterNeg ? { clusterNeg: source.clusterNeg(backend.servicePort) } : {}),
    };
  }
  const nodePort = source.nodePort(backend.servicePort);
  // The named port must exist on the groups before the backend service uses it.
  return { nodePort, firewallPorts: [nodePort, ...checkPort], dependsOn: namedPortsOf(nodePort) };
}

/** The firewall's `allows` for the backends' ports: TCP, each port once, in order. */
export function firewallAllows(ports: pulumi.Output<number>[]) {
  return [
    {
      protocol: "tcp",
      ports: pulumi.all(ports).apply((list) => [...new Set(list)].sort((a, b) => a - b).map(String)),
    },
  ];
}
