import { strict as assert } from "assert";
import { BackendApp } from "../../lib/components/backend-app";
import { IngressLoadBalancer } from "../../lib/components/load-balancer";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { diffPlans } from "../../lib/plan/diff";
import { seedIngress, seedServices } from "../translate/fixtures";
import { T } from "../resource-types";

const GROUPS = [
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-pool-a-grp",
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-b/instanceGroups/gke-pool-b-grp",
];

/** The seed through the typed API: two BackendApps and the load balancer. */
async function planSeed(
  extra: Partial<ConstructorParameters<typeof IngressLoadBalancer>[1]> = {},
  annotations = {},
) {
  const run = await recordPlan(() => {
    const app = (name: string) =>
      new BackendApp(name, { serviceName: `${name}-node-svc`, image: "node:20-alpine", containerPort: 8080 });
    new IngressLoadBalancer("hello-ingress", {
      ingresses: [seedIngress({ annotations })],
      backends: [app("users"), app("products")],
      instanceGroups: GROUPS,
      nodeTags: ["gke-node"],
      ...extra,
    });
  });
  const of = (type: string) => run.resources.filter((r) => r.type === type);
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  return { run, of, byUrn };
}

type Plan = Awaited<ReturnType<typeof planSeed>>;

/** The nodePort the recorded Service was given (allocated placeholder), by Service name. */
function nodePorts(plan: Plan): Map<string, number> {
  const ports = new Map<string, number>();
  for (const p of plan.run.placeholders) {
    const service = plan.byUrn.get(p.urn);
    if (service?.type === T.service && /nodePort/.test(p.property)) {
      ports.set((service.inputs.metadata as { name: string }).name, p.value as number);
    }
  }
  return ports;
}

describe("IngressLoadBalancer (recorded under a Pulumi mock monitor)", () => {
  let plan: Plan;
  before(async () => {
    plan = await planSeed();
  });

  it("registers the seed's full resource set", () => {
    const count = (type: string) => plan.of(type).length;
    assert.equal(count(T.backendService), 3, "users, products and the built-in default");
    assert.equal(count(T.healthCheck), 3);
    assert.equal(count(T.namedPort), 6, "one per backend per instance group");
    assert.equal(count(T.firewall), 1);
    assert.equal(count(T.urlMap), 1);
    assert.equal(count(T.httpProxy), 1);
    assert.equal(count(T.forwardingRule), 1);
    assert.equal(count(T.address), 1);
    assert.equal(count(T.service), 3);
    assert.equal(count(T.deployment), 3);
  });

  it("each backend service's portName is a named port made for its Service's nodePort, on every group", () => {
    const ports = nodePorts(plan);
    assert.equal(ports.size, 3);
    for (const bs of plan.of(T.backendService)) {
      const portName = bs.inputs.portName as string;
      const named = plan
        .of(T.namedPort)
        .filter((np) => np.inputs.name === portName && bs.dependencies.includes(np.urn));
      assert.equal(named.length, GROUPS.length, `${bs.name} has a named port ${portName} on each group`);
      const port = Number(portName.replace(/^port/, ""));
      assert.ok([...ports.values()].includes(port), `${portName} is a Service's nodePort`);
      for (const np of named) assert.equal(np.inputs.port, port);
      const groups = (bs.inputs.backends as { group: string }[]).map((b) => b.group);
      assert.deepEqual(groups, GROUPS);
      assert.deepEqual(
        named.map((np) => [np.inputs.zone, np.inputs.group]),
        [
          ["asia-northeast3-a", "gke-pool-a-grp"],
          ["asia-northeast3-b", "gke-pool-b-grp"],
        ],
      );
    }
  });

  it("each health check probes its backend's nodePort", () => {
    for (const bs of plan.of(T.backendService)) {
      const hc = plan.of(T.healthCheck).find((h) => bs.dependencies.includes(h.urn));
      assert.ok(hc, `${bs.name} depends on its health check`);
      const http = hc.inputs.httpHealthCheck as { port: number; requestPath: string };
      assert.equal(`port${http.port}`, bs.inputs.portName);
      assert.equal(hc.inputs.checkIntervalSec, 5);
      assert.equal(hc.inputs.healthyThreshold, 2);
    }
  });

  it("the firewall opens exactly the NodePorts in use, only to Google's ranges, on the node tags", () => {
    const [fw] = plan.of(T.firewall);
    assert.deepEqual(fw.inputs.sourceRanges, ["130.211.0.0/22", "35.191.0.0/16"]);
    assert.deepEqual(fw.inputs.targetTags, ["gke-node"]);
    const allowed = (fw.inputs.allows as { protocol: string; ports: string[] }[]).flatMap((a) => a.ports);
    const expected = [...nodePorts(plan).values()].sort((a, b) => a - b).map(String);
    assert.deepEqual(allowed, expected);
    assert.ok(!JSON.stringify(fw.inputs).includes("0.0.0.0/0"));
  });

  it("the URL map sends the seed's paths to the right backend services", () => {
    const [urlMap] = plan.of(T.urlMap);
    const idOf = (serviceName: string) => {
      const bs = plan
        .of(T.backendService)
        .find((b) => (b.inputs.description as string).includes(`/${serviceName}:`));
      assert.ok(bs);
      return `${bs.name}-id`;
    };
    const matchers = urlMap.inputs.pathMatchers as { pathRules: { paths: string[]; service: string }[] }[];
    const rules = matchers[0].pathRules.map((r) => [r.paths, r.service]);
    assert.deepEqual(rules, [
      [["/users/*"], idOf("users-node-svc")],
      [["/products/*"], idOf("products-node-svc")],
    ]);
    assert.equal(urlMap.inputs.defaultService, idOf("hello-ingress-default-backend"));
    assert.ok((urlMap.inputs.tests as unknown[]).length > 0, "URL map tests pin the routing");
  });

  it("the forwarding rule serves :80 on the reserved address through the HTTP proxy", () => {
    const [rule] = plan.of(T.forwardingRule);
    const [address] = plan.of(T.address);
    const [proxy] = plan.of(T.httpProxy);
    assert.equal(rule.inputs.portRange, "80");
    assert.equal(rule.inputs.loadBalancingScheme, "EXTERNAL");
    assert.ok(rule.dependencies.includes(address.urn));
    assert.ok(rule.dependencies.includes(proxy.urn));
    assert.ok(!address.read);
  });

  it("every GCP resource is a child of the component", () => {
    const [lb] = plan.run.resources.filter((r) => r.type === "ingress-glb:index:IngressLoadBalancer");
    const gcpResources = plan.run.resources.filter((r) => r.type.startsWith("gcp:"));
    assert.ok(gcpResources.every((r: PlannedResource) => r.parent === lb.urn));
  });

  it("a named existing static IP is looked up and never created", async () => {
    const existing = await planSeed(
      {},
      { "kubernetes.io/ingress.global-static-ip-name": "hello-ingress-ip" },
    );
    const addresses = existing.of(T.address);
    assert.equal(addresses.length, 1);
    assert.equal(addresses[0].read, true);
    const [rule] = existing.of(T.forwardingRule);
    assert.ok(rule.dependencies.includes(addresses[0].urn));
  });

  it("ignores a model passed through the public args: it decides, with every check, itself", async () => {
    const { decideLoadBalancer } = await import("../../lib/components/load-balancer");
    const run = await recordPlan(() => {
      const app = (name: string) =>
        new BackendApp(name, { serviceName: `${name}-node-svc`, image: "i", containerPort: 8080 });
      const args = {
        ingresses: [seedIngress()],
        backends: [app("users"), app("products")],
        instanceGroups: GROUPS,
        nodeTags: ["n"],
      };
      const model = decideLoadBalancer("hello-ingress", { ...args, now: new Date() });
      // Decided again, an Ingress without rules gives a URL map without paths: the model would count.
      const broken = seedIngress({ rules: [] });
      new IngressLoadBalancer("hello-ingress", { ...args, ingresses: [broken], model } as typeof args);
    });
    const [urlMap] = run.resources.filter((r) => r.type === T.urlMap);
    assert.deepEqual(urlMap.inputs.pathMatchers ?? [], []);
  });

  it("a model passed through the public args does not spare a bad spec its refusal", async () => {
    const { decideLoadBalancer } = await import("../../lib/components/load-balancer");
    let caught: unknown;
    const run = await recordPlan(() => {
      const app = new BackendApp("users", { serviceName: "users-node-svc", image: "i", containerPort: 8080 });
      const products = new BackendApp("products", {
        serviceName: "products-node-svc",
        image: "i",
        containerPort: 8080,
      });
      const args = {
        ingresses: [seedIngress()],
        backends: [app, products],
        instanceGroups: GROUPS,
        nodeTags: ["n"],
      };
      const model = decideLoadBalancer("lb", { ...args, now: new Date() });
      try {
        // Without tags the firewall rule would reach every instance of the network.
        new IngressLoadBalancer("lb", { ...args, nodeTags: [], model } as typeof args);
      } catch (err) {
        caught = err;
      }
    });
    assert.match(String(caught), /no network tag given/);
    assert.equal(run.resources.filter((r) => r.type === T.firewall).length, 0);
  });

  it("hands a decided model on only from decideLoadBalancer, to a load balancer of the same name", async () => {
    const { decideLoadBalancer, withDecidedModel } = await import("../../lib/components/load-balancer");
    const args = { ingresses: [seedIngress()], backends: [], instanceGroups: GROUPS, nodeTags: ["n"] };
    const services = seedServices();
    const model = decideLoadBalancer("hello-ingress", { ...args, now: new Date() }, services);
    assert.throws(() => withDecidedModel(args, { ...model }), /only takes a model decideLoadBalancer made/);
    let caught: unknown;
    await recordPlan(() => {
      try {
        // Another name: the model is not this load balancer's, so it decides (and finds no Service).
        new IngressLoadBalancer("other", withDecidedModel({ ...args }, model));
      } catch (err) {
        caught = err;
      }
    });
    assert.match(String(caught), /Service "users-node-svc" not found/);
  });

  it("refuses a bad spec before registering anything", async () => {
    let caught: unknown;
    const run = await recordPlan(() => {
      try {
        new IngressLoadBalancer("lb", {
          ingresses: [seedIngress()],
          backends: [],
          instanceGroups: GROUPS,
          nodeTags: ["n"],
        });
      } catch (err) {
        caught = err;
      }
    });
    assert.match(String(caught), /Service "users-node-svc" not found/);
    assert.deepEqual(
      run.resources.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
});

describe("IngressLoadBalancer: the address across a change", () => {
  const asPlan = (plan: Plan) => ({
    resources: plan.run.resources,
    routes: [],
    warnings: [],
    placeholders: plan.run.placeholders,
  });

  it("a reserved address switched for a named one: the rule is replaced on another IP, the address released", async () => {
    const diff = diffPlans(asPlan(await planSeed()), asPlan(await planSeed({ staticIpName: "shop-ip" })));
    const rule = diff.resources.find((change) => change.type === T.forwardingRule);
    assert.equal(rule?.op, "replace");
    assert.deepEqual(rule?.replaceCauses, ["ipAddress"]);
    assert.deepEqual(
      diff.risks.map((risk) => risk.kind),
      ["address-released", "ip-change"],
    );
    assert.match(diff.risks[1].message, /changes from 203\.0\.113\.\d+ to 203\.0\.113\.\d+/);
  });

  it("two named addresses are two IPs: switching between them is an IP change too", async () => {
    const diff = diffPlans(
      asPlan(await planSeed({ staticIpName: "old-ip" })),
      asPlan(await planSeed({ staticIpName: "new-ip" })),
    );
    assert.deepEqual(
      diff.risks.map((risk) => risk.kind),
      ["ip-change"],
    );
  });
});
