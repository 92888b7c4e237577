import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ClusterWiring, deployManifests } from "../cluster";

/** Options of the multi-team example, from the stack configuration. */
export interface MultiTeamOptions {
  /** Also serve on a reserved IPv6 address. Default false. */
  ipv6?: boolean;
}

/**
 * Two teams, two namespaces, one load balancer: team A's storefront (Cloud CDN, readiness-probe health
 * check) and team B's API (sticky sessions, its own health check), each with its Ingress and
 * BackendConfig, both Ingresses naming the static IP `multi-team-ip`. That shared name is what puts them
 * on one address, URL map and proxy; a path both claimed would be refused, naming both Ingresses.
 * `ingress-glb plan examples/multi-team/manifests` plans exactly this (with IPv6 off).
 */
export function multiTeam(cluster: ClusterWiring, options: MultiTeamOptions = {}) {
  const app = deployManifests("multi-team", path.join(__dirname, "manifests"), cluster, {
    ipv6: options.ipv6,
  });
  const lb = app.loadBalancers[0];
  return {
    ip: lb.ipAddress,
    ipv6: lb.ipv6Address,
    teamAUrl: pulumi.interpolate`http://${lb.ipAddress}/team-a/`,
    teamBUrl: pulumi.interpolate`http://${lb.ipAddress}/team-b/`,
    backends: lb.model.backends.map((b) => b.key),
  };
}
