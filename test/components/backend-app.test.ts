import { strict as assert } from "assert";
import { BackendApp } from "../../lib/components/backend-app";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function plan(args: ConstructorParameters<typeof BackendApp>[1]) {
  let app: BackendApp | undefined;
  let nodePort: number | undefined;
  const run = await recordPlan(async () => {
    app = new BackendApp("users", args);
    nodePort = await new Promise<number>((done) => app?.nodePort(args.servicePort ?? 80).apply(done));
  });
  const one = (type: string) => run.resources.find((r: PlannedResource) => r.type === type)?.inputs as Inputs;
  return { run, app, nodePort, one };
}

describe("BackendApp", () => {
  it("a Deployment with a readiness probe behind a NodePort Service, labelled app.kubernetes.io/*", async () => {
    const { one, app } = await plan({
      image: "node:20-alpine",
      containerPort: 8080,
      readinessPath: "/ready",
    });
    const deployment = one("kubernetes:apps/v1:Deployment");
    const service = one("kubernetes:core/v1:Service");
    const container = deployment.spec.template.spec.containers[0];
    assert.deepEqual(container.readinessProbe.httpGet, { path: "/ready", port: 8080 });
    assert.equal(service.spec.type, "NodePort");
    assert.deepEqual(service.spec.ports[0], { name: "http", port: 80, targetPort: 8080, protocol: "TCP" });
    assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
    assert.equal(deployment.metadata.labels["app.kubernetes.io/managed-by"], "ingress-glb");
    assert.equal(deployment.spec.template.metadata.labels["app.kubernetes.io/name"], "users");
    assert.equal(app?.serviceInfo.type, "NodePort");
  });

  it("the nodePort the cluster allocates is an output", async () => {
    const { nodePort, run } = await plan({ image: "i", containerPort: 8080 });
    const allocated = run.placeholders.find((p) => /nodePort/.test(p.property));
    assert.ok(allocated && typeof nodePort === "number");
    assert.equal(nodePort, allocated.value);
  });

  it("a pinned nodePort is sent to the cluster and known to the translation", async () => {
    const { nodePort, one, app } = await plan({ image: "i", containerPort: 8080, nodePort: 31442 });
    assert.equal(one("kubernetes:core/v1:Service").spec.ports[0].nodePort, 31442);
    assert.equal(nodePort, 31442);
    assert.equal(app?.serviceInfo.ports[0].nodePort, 31442);
  });

  it("serves files from a ConfigMap mounted into the container", async () => {
    const { one } = await plan({
      image: "node:20-alpine",
      command: ["node", "/app/server.js"],
      containerPort: 8080,
      files: { "server.js": "require('http').createServer().listen(8080)" },
    });
    const configMap = one("kubernetes:core/v1:ConfigMap");
    const spec = one("kubernetes:apps/v1:Deployment").spec.template.spec;
    assert.match(configMap.data["server.js"], /listen\(8080\)/);
    assert.deepEqual(spec.containers[0].volumeMounts, [{ name: "files", mountPath: "/app", readOnly: true }]);
    assert.equal(spec.volumes[0].configMap.name, configMap.metadata.name);
  });
});
