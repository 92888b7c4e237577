import { strict as assert } from "node:assert";
import * as compute from "@pulumi/gcp/compute";
import * as appsv1 from "@pulumi/kubernetes/apps/v1";
import * as pulumi from "@pulumi/pulumi";
import { aliasesAsUrns, childUrn, withAliasUrns } from "../../lib/components/alias-urns";
import { recordPlan } from "../../lib/plan/engine";

const PREFIX = "urn:pulumi:plan::ingress-glb::";
const HC = "gcp:compute/healthCheck:HealthCheck";
const http = { protocol: "HTTP" };

/**
 * Every form of alias a resource of ours may carry, under a top component whose options `root` gives:
 * renames, a type change, a move from the stack or from another parent, a parent that changed type, a
 * Deployment (whose SDK adds its old API versions as type aliases), another stack and project.
 */
function program(root: (opts: pulumi.ComponentResourceOptions) => pulumi.ComponentResourceOptions) {
  return () => {
    const top = new pulumi.ComponentResource(
      "test:index:Top",
      "new",
      {},
      root({ aliases: [{ name: "old" }] }),
    );
    const mid = new pulumi.ComponentResource(
      "test:index:Mid",
      "new-mid",
      {},
      { parent: top, aliases: [{ name: "mid-before" }] },
    );
    const check = { httpHealthCheck: { port: 80 } };
    new compute.HealthCheck("new-mid-hc", check, { parent: mid, aliases: [{ name: "hc-before" }] });
    new compute.HealthCheck("retyped-hc", check, { parent: mid, aliases: [{ type: "test:index:OldCheck" }] });
    new compute.BackendService("moved", http, {
      parent: mid,
      aliases: [{ parent: pulumi.rootStackResource }],
    });
    new compute.BackendService("adopted", http, {
      parent: mid,
      aliases: [{ name: "adopted-before", parent: top }],
    });
    new compute.BackendService("elsewhere", http, {
      parent: mid,
      aliases: [{ name: "elsewhere", stack: "prod", project: "shop" }],
    });
    // A parent that changed type: which old chain the engine takes depends on what the stack holds.
    const retyped = new pulumi.ComponentResource(
      "test:index:New",
      "retyped",
      {},
      { parent: top, aliases: [{ type: "test:index:Old" }] },
    );
    new compute.BackendService("under-retyped", http, {
      parent: top,
      aliases: [{ name: "under-retyped-before", parent: retyped }],
    });
    new appsv1.Deployment(
      "web",
      {
        spec: {
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } } },
        },
      },
      { parent: mid, aliases: [{ name: "web-before" }] },
    );
  };
}

const aliasesByUrn = async (root: Parameters<typeof program>[0]) =>
  Object.fromEntries((await recordPlan(program(root))).resources.map((r) => [r.urn, r.options?.aliases]));

describe("aliases handed to the SDK as URNs", () => {
  it("record the same aliases as the specs they replace, for every form of alias", async () => {
    const asSpecs = await aliasesByUrn((opts) => opts);
    const asUrns = await aliasesByUrn(withAliasUrns);
    assert.deepEqual(asUrns, asSpecs);
    // The program does alias what it says (the comparison is not between two empty lists).
    // Its own, then renamed as its parent was (`mid-before`, and `old-mid` from the top's `old`).
    const chain = `${PREFIX}test:index:Top$test:index:Mid$${HC}`;
    assert.deepEqual(asSpecs[`${chain}::new-mid-hc`], [
      `${chain}::hc-before`,
      `${chain}::mid-before-hc`,
      `${chain}::old-mid-hc`,
    ]);
  });

  it("gives the SDK a URN for each spec it can tell, and leaves the others", async () => {
    await recordPlan(() => {
      const top = new pulumi.ComponentResource("test:index:Top", "top", {}, withAliasUrns({}));
      const retyped = new pulumi.ComponentResource(
        "test:index:New",
        "retyped",
        {},
        { parent: top, aliases: [{ type: "test:index:Old" }] },
      );
      const name = pulumi.output("hc-later");
      const result = aliasesAsUrns({
        resource: new pulumi.ComponentResource("test:index:Probe", "probe", {}, { parent: top }),
        type: HC,
        name: "hc",
        props: {},
        opts: {
          parent: top,
          aliases: [
            { name: "hc-before" },
            { parent: pulumi.rootStackResource },
            { name: "hc-retyped", parent: retyped },
            { name },
          ],
        },
      });
      assert.deepEqual(result?.opts.aliases, [
        `${PREFIX}test:index:Top$${HC}::hc-before`,
        `${PREFIX}${HC}::hc`,
        { name: "hc-retyped", parent: retyped },
        { name },
      ]);
      assert.equal(childUrn(top, HC, "hc-before"), `${PREFIX}test:index:Top$${HC}::hc-before`);
      assert.equal(childUrn(retyped, HC, "hc-before"), undefined);
    });
  });

  it("leaves every alias as given under a parent built without it (a component of the user's above ours)", async () => {
    await recordPlan(() => {
      const users = new pulumi.ComponentResource("user:index:Platform", "platform");
      const ours = new pulumi.ComponentResource(
        "test:index:Top",
        "top",
        {},
        withAliasUrns({ parent: users }),
      );
      const opts = { parent: ours, aliases: [{ name: "hc-before" }] };
      const resource = new pulumi.ComponentResource("test:index:Probe", "probe", {}, { parent: ours });
      assert.equal(aliasesAsUrns({ resource, type: HC, name: "hc", props: {}, opts }), undefined);
      assert.equal(childUrn(ours, HC, "hc-before"), undefined);
    });
  });

  it("is added once: a component under one that has it inherits it", async () => {
    await recordPlan(() => {
      const top = new pulumi.ComponentResource("test:index:Top", "top", {}, withAliasUrns({}));
      assert.deepEqual(withAliasUrns({ parent: top }), { parent: top });
      const atTop: pulumi.ComponentResourceOptions = {};
      assert.deepEqual(withAliasUrns(atTop).transformations, [aliasesAsUrns]);
    });
  });
});
