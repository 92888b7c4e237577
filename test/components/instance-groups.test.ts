import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
  clusterInstanceGroups,
  nodePoolInstanceGroups,
  parseInstanceGroupUrl,
} from "../../lib/components/instance-groups";
import { recordPlan } from "../../lib/plan/engine";

const GROUP_A =
  "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b/instanceGroups/gke-c-pool-1a2b-grp";
const GROUP_B =
  "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-c/instanceGroups/gke-c-pool-3c4d-grp";
const MANAGER =
  "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b/instanceGroupManagers/gke-c-pool-1a2b-grp";

/** Resolves outputs inside a recorded run (outputs only settle under a runtime). */
async function resolve(outputs: pulumi.Output<string>[]): Promise<string[]> {
  let values: string[] = [];
  await recordPlan(async () => {
    values = await new Promise((done) => pulumi.all(outputs).apply(done));
  });
  return values;
}

describe("instance groups", () => {
  it("parses zone and name from an instance group URL", () => {
    assert.deepEqual(parseInstanceGroupUrl(GROUP_A), {
      url: GROUP_A,
      zone: "europe-west1-b",
      name: "gke-c-pool-1a2b-grp",
    });
  });

  it("refuses an instance group manager URL, pointing at managedInstanceGroupUrls", () => {
    assert.throws(
      () => parseInstanceGroupUrl(MANAGER),
      /instance group manager URL; use the node pool's managedInstanceGroupUrls/,
    );
  });

  it("refuses something that is no instance group URL", () => {
    assert.throws(
      () => parseInstanceGroupUrl("gke-c-pool-grp"),
      /expected \.\.\.\/zones\/ZONE\/instanceGroups\/NAME/,
    );
  });

  it("takes a node pool's instance groups, one per zone", async () => {
    const groups = nodePoolInstanceGroups({ managedInstanceGroupUrls: [GROUP_A, GROUP_B] }, 2);
    assert.deepEqual(await resolve(groups), [GROUP_A, GROUP_B]);
  });

  it("takes the instance groups of a cluster's node pool by name", async () => {
    const cluster = {
      nodePools: [
        { name: "system", managedInstanceGroupUrls: [MANAGER] },
        { name: "web", managedInstanceGroupUrls: [GROUP_B, GROUP_A] },
      ],
    };
    assert.deepEqual(await resolve(clusterInstanceGroups(cluster, 2, "web")), [GROUP_B, GROUP_A]);
  });
});
