import { strict as assert } from "assert";
import * as path from "path";
import { helloIngress } from "../../examples/hello-ingress";
import { loadManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { planManifests } from "../../lib/plan/plan-manifests";
import { PlannedResource } from "../../lib/plan/types";

const SEED = path.resolve(__dirname, "../fixtures/seed");
const GROUP =
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-hello-grp";
const wiring = { instanceGroups: [GROUP], nodeTags: ["gke-hello-node"], network: "default" };

/** What a resource is, independent of which component program registered it. */
const identity = (r: PlannedResource) => ({ type: r.type, name: r.name, inputs: r.inputs });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const gcpOf = (resources: PlannedResource[]) =>
  resources
    .filter((r) => r.type.startsWith("gcp:"))
    .map(identity)
    .sort(byName);
const ofType = (resources: PlannedResource[], type: string) =>
  resources
    .filter((r) => r.type === type)
    .map(identity)
    .sort(byName);

describe("examples/hello-ingress", () => {
  let example: PlannedResource[];
  let outputs: ReturnType<typeof helloIngress> | undefined;
  before(async () => {
    const run = await recordPlan(() => {
      outputs = helloIngress(wiring);
    });
    example = run.resources;
  });

  it("one truth: the CLI's plan of the seed's manifests registers the same load balancer as the example", async () => {
    const files = ["hello-ingress.yaml", "users-svc-nodeport.yaml", "products-svc-nodeport.yaml"];
    const { plan } = await planManifests(loadManifests(files.map((f) => path.join(SEED, f))), {
      instanceGroups: wiring.instanceGroups,
      nodeTags: wiring.nodeTags,
      // As the example names its IngressManifests: the plan's URNs are the stack's.
      name: "hello-ingress",
    });
    assert.deepEqual(gcpOf(plan.resources), gcpOf(example));
    assert.deepEqual(
      ofType(plan.resources, "kubernetes:core/v1:Service"),
      ofType(example, "kubernetes:core/v1:Service"),
    );
    // The seed leaves the Deployments out ("Deployment 스크립트는 생략"); the example adds them and the server code.
    const extra = example
      .filter((r) => !plan.resources.some((p) => p.type === r.type && p.name === r.name))
      .map((r) => `${r.type} ${r.name}`);
    assert.deepEqual(extra.sort(), [
      "kubernetes:apps/v1:Deployment hello-ingress-default/products",
      "kubernetes:apps/v1:Deployment hello-ingress-default/users",
      "kubernetes:core/v1:ConfigMap hello-ingress-default/products-server",
      "kubernetes:core/v1:ConfigMap hello-ingress-default/users-server",
    ]);
  });

  it("runs the seed's server.js from a ConfigMap on a stock Node.js image", () => {
    const users = example.find((r) => r.name === "hello-ingress-default/users-server");
    assert.match(String((users?.inputs.data as Record<string, string>)["server.js"]), /I'm User server/);
    const deployment = example.find((r) => r.name === "hello-ingress-default/users");
    const text = JSON.stringify(deployment?.inputs);
    assert.match(text, /"image":"node:20-alpine"/);
    assert.match(text, /"command":\["node","\/app\/server.js"\]/);
  });

  it("outputs the IP, the URLs of /users/ and /products/, and the backends", () => {
    assert.ok(outputs);
    assert.deepEqual(outputs.backends, [
      "default/users-node-svc:80",
      "default/products-node-svc:80",
      "default/hello-ingress-default-backend:80",
    ]);
  });

  it("can create its own GKE cluster: the node pool's instance groups feed the named ports", async () => {
    const { clusterFromConfig } = await import("../../examples/cluster");
    const pulumi = await import("@pulumi/pulumi");
    const created = await recordPlan(
      () => {
        helloIngress(clusterFromConfig(new pulumi.Config("ingress-glb")));
      },
      {
        config: { "ingress-glb:cluster": "create", "ingress-glb:zones": '["asia-northeast3-a"]' },
        newResource: (args) =>
          args.type === "gcp:container/nodePool:NodePool"
            ? { outputs: { managedInstanceGroupUrls: [GROUP] } }
            : undefined,
      },
    );
    const types = created.resources.map((r) => r.type);
    for (const type of [
      "gcp:container/cluster:Cluster",
      "gcp:container/nodePool:NodePool",
      "pulumi:providers:kubernetes",
    ]) {
      assert.ok(types.includes(type), type);
    }
    const namedPorts = created.resources.filter(
      (r) => r.type === "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort",
    );
    assert.ok(namedPorts.length > 0 && namedPorts.every((np) => np.inputs.group === "gke-hello-grp"));
    const provider = created.resources.find((r) => r.type === "pulumi:providers:kubernetes");
    assert.ok(provider?.secretPaths.includes("kubeconfig"), "the kubeconfig is a secret");
  });
});
