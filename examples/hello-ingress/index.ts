import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { IngressManifests, loadManifests } from "../../lib";
import { ClusterWiring } from "../cluster";

/**
 * The seed's walk-through as a program: the users and products servers, their NodePort Services and the
 * Ingress sending /users/* and /products/* to them, read from `manifests/` as `kubectl` would take them.
 * `ingress-glb plan examples/hello-ingress/manifests` plans exactly this.
 */
export function helloIngress(cluster: ClusterWiring) {
  const manifests = loadManifests([path.join(__dirname, "manifests")]);
  const app = new IngressManifests(
    "hello-ingress",
    {
      manifests,
      instanceGroups: cluster.instanceGroups,
      nodeTags: cluster.nodeTags,
      network: cluster.network,
    },
    { providers: cluster.provider ? [cluster.provider] : [] },
  );
  const lb = app.loadBalancers[0];
  return {
    ip: lb.ipAddress,
    usersUrl: pulumi.interpolate`http://${lb.ipAddress}/users/`,
    productsUrl: pulumi.interpolate`http://${lb.ipAddress}/products/`,
    backends: lb.model.backends.map((b) => b.key),
  };
}
