import { LoadBalancerModel } from "../translate/model";

/**
 * Who can reach a load balancer, for the routes' headings and `route`'s answers: an internal one has a
 * private address of the VPC (no global access: clients in its region), so its routes are what such a
 * client gets; a global one (the default) needs no words.
 */
export function reachOf(model: Pick<LoadBalancerModel, "regional">): string | undefined {
  switch (model.regional?.className) {
    case "gce-internal":
      return "internal (gce-internal): as a client inside the VPC, in the load balancer's region, sees it";
    case "gce-regional-external":
      return "regional external (gce-regional-external)";
    default:
      return undefined;
  }
}
