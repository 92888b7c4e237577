import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { BackendModel } from "../translate/model";
import { childUrn } from "./alias-urns";
import { InstanceGroupRef } from "./instance-groups";

/** The logical name a backend's named ports start with (`-np<group index>` follows). */
export type NamedPortNaming = (backend: BackendModel) => string;

/** An earlier name of the named ports, under an earlier parent (ingress-glb 0.1.0 kept them per load balancer). */
export interface NamedPortAlias {
  name: string;
  /** The earlier parent (a load balancer, which kept its type chain). */
  parent: pulumi.Resource;
}

const NAMED_PORT_TYPE = "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort";

/**
 * The alias of a named port to its name under `alias.parent`: its URN when that is known here, else a spec
 * naming the parent by URN, not as the resource (the SDK resolves an alias deeply, and a resource drags
 * its whole tree of children along: quadratic in the number of backends).
 */
function namedPortAlias(alias: NamedPortAlias, name: string): pulumi.Input<string | pulumi.Alias> {
  return childUrn(alias.parent, NAMED_PORT_TYPE, name) ?? { name, parent: alias.parent.urn };
}

/**
 * The named ports `port<NodePort>` of Service ports on the nodes' instance groups, one
 * `InstanceGroupNamedPort` per (instance group, Service port) however many load balancers serve that
 * port: GCP keeps one entry per name on a group, so two resources for it would fight, and deleting either
 * would break the other. Load balancers of one IngressManifests share one set; removing a load balancer
 * keeps the ports the others use.
 */
export class NamedPorts {
  private readonly registered = new Map<string, gcp.compute.InstanceGroupNamedPort[]>();

  constructor(
    private readonly groups: pulumi.Output<InstanceGroupRef>[],
    private readonly naming: NamedPortNaming,
    private readonly opts: pulumi.CustomResourceOptions,
    private readonly project?: pulumi.Input<string>,
  ) {}

  /** Every named port registered so far, in the order they were. */
  all(): gcp.compute.InstanceGroupNamedPort[] {
    return [...this.registered.values()].flat();
  }

  /**
   * The named ports of `backend` (whose Service port is served on `nodePort`) on every group, registered
   * on first use. `alias` is honoured for the first user only: two resources may not claim one old one.
   */
  of(
    backend: BackendModel,
    nodePort: pulumi.Output<number>,
    alias?: NamedPortAlias,
  ): gcp.compute.InstanceGroupNamedPort[] {
    const known = this.registered.get(backend.key);
    if (known) return known;
    const base = this.naming(backend);
    const ports = this.groups.map(
      (group, index) =>
        new gcp.compute.InstanceGroupNamedPort(
          `${base}-np${index}`,
          {
            project: this.project,
            group: group.name,
            zone: group.zone,
            name: pulumi.interpolate`port${nodePort}`,
            port: nodePort,
          },
          alias ? { ...this.opts, aliases: [namedPortAlias(alias, `${alias.name}-np${index}`)] } : this.opts,
        ),
    );
    this.registered.set(backend.key, ports);
    return ports;
  }
}
