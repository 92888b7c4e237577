import { strict as assert } from "node:assert";
import * as path from "node:path";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { loadManifests, parseManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { T } from "../resource-types";

const EXAMPLE = path.resolve(__dirname, "../../examples/hello-ingress/manifests");
const SEED = path.resolve(__dirname, "../fixtures/seed");
const GROUPS = ["a", "b"].map(
  (zone) => `https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-${zone}/instanceGroups/nodes`,
);
const cluster = { instanceGroups: GROUPS, nodeTags: ["nodes"] };
const seedFiles = (...names: string[]) => loadManifests(names.map((name) => path.join(SEED, name)));

describe("identities across components and load balancers", () => {
  it("two IngressManifests in one program (staging and prod) coexist: every URN distinct", async () => {
    const run = await recordPlan(() => {
      new IngressManifests("staging", { manifests: loadManifests([EXAMPLE]), ...cluster });
      new IngressManifests("prod", { manifests: loadManifests([EXAMPLE]), ...cluster });
    });
    const urns = run.resources.map((r) => r.urn);
    assert.equal(new Set(urns).size, urns.length);
    const lbs = run.resources.filter((r) => r.type === T.lb).map((r) => r.name);
    assert.deepEqual(lbs, ["staging-default-hello-ingress", "prod-default-hello-ingress"]);
  });

  it("the same Ingress name in two namespaces, and names a.b and a-b, plan side by side", async () => {
    const yaml = (namespace: string, name: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${namespace}}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;
    const manifests = parseManifests(
      [
        yaml("one", "web"),
        yaml("two", "web"),
        `${yaml("three", "a.b")}---\n${yaml("three", "a-b").split("---")[0]}`,
      ].join("---\n"),
      "many.yaml",
    );
    const run = await recordPlan(() => {
      new IngressManifests("c", { manifests, ...cluster });
    });
    const lbs = run.resources.filter((r) => r.type === T.lb).map((r) => r.name);
    assert.equal(lbs.length, 4, lbs.join(", "));
    assert.equal(new Set(run.resources.map((r) => r.urn)).size, run.resources.length);
  });

  describe("named ports", () => {
    let both: PlannedResource[];
    let one: PlannedResource[];
    before(async () => {
      const plan = async (files: string[]) =>
        (
          await recordPlan(() => {
            new IngressManifests("c", { manifests: seedFiles(...files), ...cluster });
          })
        ).resources;
      both = await plan([
        "hello-ingress.yaml",
        "hello-ingress-staticip.yaml",
        "users-svc-nodeport.yaml",
        "products-svc-nodeport.yaml",
      ]);
      one = await plan([
        "hello-ingress-staticip.yaml",
        "users-svc-nodeport.yaml",
        "products-svc-nodeport.yaml",
      ]);
    });
    const namedPorts = (resources: PlannedResource[]) =>
      resources
        .filter((r) => r.type === T.namedPort)
        .map(
          (r) =>
            `${String(r.inputs.group)}@${String(r.inputs.zone)} ${String(r.inputs.name)}:${String(r.inputs.port)}`,
        );

    it("one InstanceGroupNamedPort per (group, port) though two load balancers serve the Services", () => {
      const ports = namedPorts(both);
      assert.equal(new Set(ports).size, ports.length, ports.join("\n"));
      // users, products, and each load balancer's own 404 backend, on each of the two groups.
      assert.equal(ports.length, 2 * 4);
      const component = both.find((r) => r.type === "ingress-glb:index:IngressManifests");
      for (const port of both.filter((r) => r.type === T.namedPort))
        assert.equal(port.parent, component?.urn);
    });

    it("removing one load balancer keeps the ports the other uses, under the same URNs", () => {
      const urnsOf = (resources: PlannedResource[]) =>
        new Set(resources.filter((r) => r.type === T.namedPort).map((r) => r.urn));
      const kept = urnsOf(one);
      const before = urnsOf(both);
      assert.equal(kept.size, 2 * 3);
      for (const urn of kept) assert.ok(before.has(urn), urn);
    });

    it("each backend service waits for the named ports of its Service", () => {
      for (const service of both.filter((r) => r.type === T.backendService)) {
        const ports = both.filter((r) => r.type === T.namedPort && service.dependencies.includes(r.urn));
        assert.equal(ports.length, 2, service.name);
        assert.ok(ports.every((p) => p.inputs.name === service.inputs.portName));
      }
    });
  });

  describe("the reserved address's protection", () => {
    const addressOf = async (opts: Record<string, unknown>, args: Record<string, unknown> = {}) => {
      const run = await recordPlan(() => {
        new IngressManifests("c", { manifests: loadManifests([EXAMPLE]), ...cluster, ...args }, opts);
      });
      const [address] = run.resources.filter((r) => r.type === T.address);
      return address.options ?? {};
    };

    it("inherits protect: true from the component, as every other child does", async () => {
      assert.equal((await addressOf({ protect: true })).protect, true);
    });

    it("is unprotected by default (pulumi destroy releases it: the README says how to keep it)", async () => {
      assert.notEqual((await addressOf({})).protect, true);
    });

    it("protectAddress and retainAddressOnDelete set it alone", async () => {
      const options = await addressOf({}, { protectAddress: true, retainAddressOnDelete: true });
      assert.equal(options.protect, true);
      assert.equal(options.retainOnDelete, true);
      assert.equal((await addressOf({ protect: true }, { protectAddress: false })).protect, false);
    });
  });
});

describe("cluster args through the library", () => {
  it("refuses nodeTags: [] before registering anything: a firewall rule without target tags reaches every instance", async () => {
    let caught: unknown;
    const run = await recordPlan(() => {
      try {
        new IngressManifests("c", {
          manifests: loadManifests([EXAMPLE]),
          instanceGroups: GROUPS,
          nodeTags: [],
        });
      } catch (error) {
        caught = error;
      }
    });
    assert.match(String(caught), /nodeTags/);
    assert.deepEqual(
      run.resources.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
});
