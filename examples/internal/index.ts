import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ClusterWiring, deployManifests } from "../cluster";

/** Where the internal load balancer lives, from the stack configuration. */
export interface InternalOptions {
  /** The cluster's region (`gcp:region`). */
  region: string;
  /** The nodes' subnetwork, where the private address is taken: `default` on the default network. */
  subnetwork: string;
  /** Range of the region's proxy-only subnet; created unless `proxyOnlySubnetExists`. */
  proxyOnlySubnet: string;
  /** The region already has its proxy-only subnet (GCP allows one per region and network). */
  proxyOnlySubnetExists?: boolean;
}

/**
 * The seed's public Ingress beside a private API on one cluster: hello-ingress stays a global external
 * load balancer, and orders-internal (class gce-internal) becomes a regional internal Application Load
 * Balancer on a private address of the nodes' subnetwork, reachable only inside the VPC.
 * `ingress-glb plan examples/internal/manifests --region R --subnetwork S --proxy-only-subnet CIDR`
 * plans exactly this.
 */
export function internal(cluster: ClusterWiring, options: InternalOptions) {
  const app = deployManifests("internal", path.join(__dirname, "manifests"), cluster, {
    region: options.region,
    subnetwork: options.subnetwork,
    proxyOnlySubnet: { ipCidrRange: options.proxyOnlySubnet, exists: options.proxyOnlySubnetExists },
  });
  const publicLb = app.loadBalancers[0];
  const privateLb = app.regionalLoadBalancers[0];
  return {
    ip: publicLb.ipAddress,
    usersUrl: pulumi.interpolate`http://${publicLb.ipAddress}/users/`,
    productsUrl: pulumi.interpolate`http://${publicLb.ipAddress}/products/`,
    internalIp: privateLb.ipAddress,
    ordersUrl: pulumi.interpolate`http://${privateLb.ipAddress}/orders`,
    backends: [...publicLb.model.backends, ...privateLb.model.backends].map((b) => b.key),
  };
}
