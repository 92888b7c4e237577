import { strict as assert } from "node:assert";
import { checkClusterArgs, ClusterArgs } from "../../lib/translate/cluster-args";
import { expectInputError } from "../ingress/expect-input-error";

const GROUP =
  "https://www.googleapis.com/compute/v1/projects/my-project/zones/europe-west1-b/instanceGroups/gke-pool-grp";

/** Cluster args GCP would refuse, or take in a harmful way, refused before anything is registered. */
describe("checkClusterArgs: where the nodes are, as GCP accepts it", () => {
  const accepted: [string, ClusterArgs][] = [
    ["nothing given", {}],
    ["a project ID", { project: "my-project-123" }],
    ["a domain-scoped project", { project: "example.com:my-project" }],
    ["a network name", { network: "default" }],
    ["a network link", { network: "projects/my-project/global/networks/vpc-1" }],
    ["a network URL", { network: "https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc" }],
    ["network tags", { nodeTags: ["gke-node", "a", "x1-2"] }],
    ["a 63-character tag", { nodeTags: [`a${"b".repeat(62)}`] }],
    ["instance group URLs", { instanceGroups: [GROUP, GROUP.replace("gke-pool-grp", "other")] }],
    ["a relative instance group link", { instanceGroups: ["projects/p/zones/us-east1-b/instanceGroups/g"] }],
    ["zones", { zones: ["europe-west1-b", "us-central1-a"] }],
    ["values only known at apply time", { project: {}, nodeTags: [{}], instanceGroups: [{}, {}] }],
  ];
  for (const [what, args] of accepted) {
    it(`accepts ${what}`, () => checkClusterArgs(args));
  }

  const refused: [string, ClusterArgs, string, string, string?][] = [
    ["an empty nodeTags", { nodeTags: [] }, "nodeTags", "applies to every instance of the network"],
    ["an empty tag", { nodeTags: ["gke-node", ""] }, "nodeTags[1]", "is not a valid network tag"],
    [
      "an uppercase tag",
      { nodeTags: ["Gke_Node"] },
      "nodeTags[0]",
      "network tag",
      'did you mean "gke-node"?',
    ],
    ["a tag ending in -", { nodeTags: ["node-"] }, "nodeTags[0]", "network tag"],
    ["a 64-character tag", { nodeTags: [`a${"b".repeat(63)}`] }, "nodeTags[0]", "network tag"],
    ["a tag with a newline", { nodeTags: ["a\nb"] }, "nodeTags[0]", '"a\\nb"'],
    ["an empty network", { network: "" }, "network", "is not a valid network"],
    ["a network with spaces", { network: "My Net" }, "network", "network", 'did you mean "my-net"?'],
    ["a malformed network link", { network: "projects/p/networks/x" }, "network", "global/networks/NAME"],
    ["a project with a space", { project: "BAD PROJECT" }, "project", "is not a valid project ID"],
    ["a short project", { project: "abc" }, "project", "6-30"],
    ["a project ending in -", { project: "my-project-" }, "project", "project ID"],
    ["a bad zone", { zones: ["europe-west1"] }, "zones[0]", "is not a valid zone"],
    ["a malformed group URL", { instanceGroups: ["bad"] }, "instanceGroups[0]", "instance group URL"],
    [
      "an instance group manager URL",
      { instanceGroups: [GROUP.replace("instanceGroups", "instanceGroupManagers")] },
      "instanceGroups[0]",
      "managedInstanceGroupUrls",
    ],
    [
      "a group given twice",
      { instanceGroups: [GROUP, GROUP] },
      "instanceGroups[1]",
      '"gke-pool-grp" is given twice',
      "first at instanceGroups[0]",
    ],
    [
      "more than 50 groups",
      { instanceGroups: Array.from({ length: 51 }, (_, i) => `${GROUP}-${i}`) },
      "instanceGroups",
      "at most 50",
    ],
  ];
  for (const [what, args, field, problem, hint] of refused) {
    it(`refuses ${what}, naming ${field}`, () => {
      const error = expectInputError(() => checkClusterArgs(args), {
        field,
        problem,
        ...(hint ? { hint } : {}),
      });
      assert.ok(!error.message.includes("\n"), error.message);
    });
  }

  it("names the CLI's flags when given them", () => {
    expectInputError(
      () =>
        checkClusterArgs(
          { nodeTags: [""] },
          {
            project: "--project",
            network: "--network",
            nodeTags: "--node-tag",
            instanceGroups: "--instance-group",
            zones: "--zone",
          },
        ),
      { field: "--node-tag", problem: '"" is not a valid network tag' },
    );
  });
});
