import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ClusterWiring, deployManifests } from "../cluster";

/**
 * The seed's walk-through as a program: the users and products servers, their NodePort Services and the
 * Ingress sending /users/* and /products/* to them, read from `manifests/` as `kubectl` would take them.
 * `ingress-glb plan examples/hello-ingress/manifests` plans exactly this.
 */
export function helloIngress(cluster: ClusterWiring) {
  const app = deployManifests("hello-ingress", path.join(__dirname, "manifests"), cluster);
  const lb = app.loadBalancers[0];
  return {
    ip: lb.ipAddress,
    usersUrl: pulumi.interpolate`http://${lb.ipAddress}/users/`,
    productsUrl: pulumi.interpolate`http://${lb.ipAddress}/products/`,
    backends: lb.model.backends.map((b) => b.key),
  };
}
