import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/**
 * The region's proxy-only subnet, where the Envoy proxies of every regional Application Load Balancer
 * of the network (internal and external alike) take their addresses. GCP allows one ACTIVE subnet per
 * region and network, so it is given once: created here from its range, or said to exist.
 */
export interface ProxyOnlySubnetArgs {
  /** Its range: the firewall admits it to the nodes (GCP asks /26 or larger, recommends /23). */
  ipCidrRange: pulumi.Input<string>;
  /** It already exists in the region (made by another stack or by hand): nothing is created. Default false. */
  exists?: boolean;
}

/** Creates the proxy-only subnet, `REGIONAL_MANAGED_PROXY` and `ACTIVE`, in the nodes' network. */
export function proxyOnlySubnet(
  name: string,
  args: {
    project?: pulumi.Input<string>;
    region: pulumi.Input<string>;
    network?: pulumi.Input<string>;
    ipCidrRange: pulumi.Input<string>;
  },
  opts: pulumi.CustomResourceOptions,
): gcp.compute.Subnetwork {
  return new gcp.compute.Subnetwork(
    name,
    {
      project: args.project,
      region: args.region,
      network: args.network ?? "default",
      ipCidrRange: args.ipCidrRange,
      purpose: "REGIONAL_MANAGED_PROXY",
      role: "ACTIVE",
      description: "Proxy-only subnet of the regional Application Load Balancers",
    },
    opts,
  );
}
