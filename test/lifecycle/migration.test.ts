import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadManifests } from "../../lib/ingress/manifests";
import { diffPlans } from "../../lib/plan/diff";
import { planManifests } from "../../lib/plan/plan-manifests";
import { Plan } from "../../lib/plan/types";
import { EXAMPLE_STACKS, V010_STACKS, planExampleStack } from "./example-stacks";

const V010 = path.resolve(__dirname, "../fixtures/v0.1.0");
const SEED = path.resolve(__dirname, "../fixtures/seed");
const readPlan = (file: string): Plan => JSON.parse(fs.readFileSync(path.join(V010, file), "utf8"));
const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/**
 * The one update 0.1.0 stacks see: team-a's BackendConfig enables CDN, and GKE pins every CDN field it
 * leaves out. These three are GCP's own defaults, so the cloud already holds them: an update in place of
 * the backend service that changes nothing it serves.
 */
const CDN_PINNED = [
  { path: "cdnPolicy.requestCoalescing", kind: "add", after: true },
  { path: "cdnPolicy.serveWhileStale", kind: "add", after: 86400 },
  { path: "cdnPolicy.signedUrlCacheMaxAgeSec", kind: "add", after: 0 },
];

function cdnPinnedOnly(base: Plan, head: Plan): string[] {
  const updates = diffPlans(base, head).resources.filter((change) => change.op === "update");
  for (const change of updates) {
    assert.deepEqual(
      change.properties.map(({ path, kind, after }) => ({ path, kind, after })),
      CDN_PINNED,
      nameOf(change.urn),
    );
  }
  return updates.map((change) => `${change.type} ${nameOf(change.urn)}`);
}

/** What the offline diff shows for a stack made by 0.1.0 when it runs this release, by operation. */
function operations(base: Plan, head: Plan): Record<string, string[]> {
  const diff = diffPlans(base, head);
  const ops: Record<string, string[]> = {};
  for (const change of diff.resources) (ops[change.op] ??= []).push(`${change.type} ${nameOf(change.urn)}`);
  for (const list of Object.values(ops)) list.sort();
  return ops;
}

describe("stacks made by 0.1.0 upgrade through aliases", () => {
  it("every example stack 0.1.0 recorded is still an example stack, and only those have a 0.1.0 plan", () => {
    for (const stack of V010_STACKS) assert.ok(EXAMPLE_STACKS[stack], stack);
    for (const stack of Object.keys(EXAMPLE_STACKS)) {
      assert.equal(fs.existsSync(path.join(V010, `${stack}.plan.json`)), V010_STACKS.includes(stack), stack);
    }
  });

  for (const stack of V010_STACKS) {
    it(`${stack}: nothing is created, replaced or deleted; only GKE's CDN defaults update in place`, async () => {
      const base = readPlan(`${stack}.plan.json`);
      const head = await planExampleStack(stack);
      const ops = operations(base, head);
      // A lookup cannot be aliased: Pulumi reads the same address under the new name and forgets the old
      // read, which touches nothing in the cloud.
      const lookups = stack.startsWith("multi-team")
        ? {
            read: ["gcp:compute/globalAddress:GlobalAddress multi-team-multi-team-ip-ip"],
            discard: ["gcp:compute/globalAddress:GlobalAddress multi-team-ip-ip"],
            update: [
              "gcp:compute/backendService:BackendService multi-team-multi-team-ip-team-a-web-80-a40c5098",
            ],
          }
        : {};
      assert.deepEqual(ops, lookups);
      // GKE's default access logging is for new backend services only: no existing one is updated for it.
      assert.deepEqual(cdnPinnedOnly(base, head), lookups.update ?? []);
      // And no serving risk: nothing the diff would call out to a reviewer.
      assert.deepEqual(diffPlans(base, head).risks, []);
    });
  }

  it("the CLI's plans of the example folders, with --name as the program names the component", async () => {
    for (const example of ["hello-ingress", "multi-team"]) {
      const { plan } = await planManifests(
        loadManifests([path.resolve(__dirname, "../../examples", example, "manifests")]),
        { name: "ingress-glb" },
      );
      const base = readPlan(`cli-${example}.plan.json`);
      const ops = operations(base, plan);
      for (const op of ["create", "replace", "delete"]) assert.equal(ops[op], undefined, `${example} ${op}`);
      assert.deepEqual(
        cdnPinnedOnly(base, plan),
        example === "multi-team"
          ? ["gcp:compute/backendService:BackendService ingress-glb-multi-team-ip-team-a-web-80-f71f2261"]
          : [],
      );
      assert.deepEqual(diffPlans(base, plan).risks, [], example);
    }
  });

  it("the seed's two Ingresses: only the static-IP one's 404 backend is renamed, and 0.1.0's duplicate named ports go", async () => {
    const files = [
      "hello-ingress.yaml",
      "hello-ingress-staticip.yaml",
      "users-svc-nodeport.yaml",
      "products-svc-nodeport.yaml",
    ];
    const { plan } = await planManifests(loadManifests(files.map((f) => path.join(SEED, f))));
    const ops = operations(readPlan("cli-seed.plan.json"), plan);
    // 0.1.0 named that load balancer after the Ingress; it is now named after its static IP from the
    // first Ingress on, and so is its built-in 404 backend's Service (created before the old one goes).
    assert.deepEqual(ops.replace, [
      "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort ingress-glb-default-hello-ingress-port-80-5cf73fde-np0",
      "kubernetes:apps/v1:Deployment ingress-glb-hello-ingress-ip-default-backend",
      "kubernetes:core/v1:Service ingress-glb-hello-ingress-ip-default-backend",
    ]);
    // 0.1.0 registered the users and products named ports once per load balancer, and GCP refused the
    // second: those never reached a stack, so deleting them from the plan deletes nothing.
    assert.deepEqual(ops.delete, [
      "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort hello-ingress-default-products-node-s-80-aff59494-np0",
      "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort hello-ingress-s-default-users-node-svc-80-bb48730f-np0",
    ]);
    assert.equal(ops.create, undefined);
  });
});
