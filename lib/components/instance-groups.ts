import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../errors";

/** The zone and name of an instance group, read from its URL. */
export interface InstanceGroupRef {
  url: string;
  zone: string;
  name: string;
}

const GROUP_URL = /\/zones\/([a-z0-9-]+)\/instanceGroups\/([a-z0-9-]+)$/;

/**
 * Parses `.../projects/P/zones/Z/instanceGroups/N`. An instance group *manager* URL is refused with a
 * hint, since backends and named ports need the groups themselves.
 */
export function parseInstanceGroupUrl(url: string): InstanceGroupRef {
  const match = GROUP_URL.exec(url);
  if (!match) {
    const hint = url.includes("/instanceGroupManagers/")
      ? "that is an instance group manager URL; use the node pool's managedInstanceGroupUrls, not instanceGroupUrls"
      : "expected .../zones/ZONE/instanceGroups/NAME";
    throw new InputError(`"${url}" is not an instance group URL`, { field: "instanceGroups" }, hint);
  }
  return { url, zone: match[1], name: match[2] };
}

/** The minimum of a GKE node pool this helper needs, so both NodePool and a looked-up pool fit. */
export interface NodePoolLike {
  managedInstanceGroupUrls: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * The instance group URLs of a GKE node pool, one per zone the pool runs in. The count must be known
 * when the program runs (the pool's zones), because each group gets its own named-port resource.
 * GKE's `instanceGroupUrls` names instance group managers; backends need `managedInstanceGroupUrls`.
 */
export function nodePoolInstanceGroups(pool: NodePoolLike, zoneCount: number): pulumi.Output<string>[] {
  const urls = pulumi.output(pool.managedInstanceGroupUrls);
  return Array.from({ length: zoneCount }, (_, index) =>
    urls.apply((list) => {
      if (index >= list.length) {
        throw new Error(
          `the node pool has ${list.length} instance groups, fewer than the ${zoneCount} zones given`,
        );
      }
      return list[index];
    }),
  );
}

/** The minimum of a GKE cluster this helper needs: its node pools' outputs. */
export interface ClusterLike {
  nodePools: pulumi.Input<{ name?: string; managedInstanceGroupUrls?: string[] }[]>;
}

/**
 * The instance group URLs of one node pool of a GKE cluster (by name; the first pool by default), one
 * per zone the pool runs in, for a cluster whose pools are declared inline.
 */
export function clusterInstanceGroups(
  cluster: ClusterLike,
  zoneCount: number,
  poolName?: string,
): pulumi.Output<string>[] {
  const pools = pulumi.output(cluster.nodePools);
  return nodePoolInstanceGroups(
    {
      managedInstanceGroupUrls: pools.apply((list) => {
        const pool = poolName === undefined ? list[0] : list.find((p) => p.name === poolName);
        if (!pool) {
          throw new Error(
            `the cluster has no node pool ${poolName ?? ""}; pools: ${list.map((p) => p.name).join(", ")}`,
          );
        }
        return pool.managedInstanceGroupUrls ?? [];
      }),
    },
    zoneCount,
  );
}
