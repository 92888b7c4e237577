import { strict as assert } from "node:assert";
import * as k8s from "@pulumi/kubernetes";
import { recordPlan } from "../../lib/plan/engine";
import { CLUSTER_SECRET_KEYS } from "../../lib/plan/placeholders";

describe("offline reads of Kubernetes objects", () => {
  it("a read Secret's data gets readable stand-ins for every key it may be read for; a created one none", async () => {
    const run = await recordPlan(() => {
      k8s.core.v1.Secret.get("read", "shop/tls");
      new k8s.core.v1.Secret("created", { metadata: { name: "x" }, stringData: { a: "b" } });
    });
    const [read, created] = run.resources.filter((r) => r.type === "kubernetes:core/v1:Secret");
    const data = run.placeholders.find((p) => p.urn === read.urn && p.property === "data")?.value as Record<
      string,
      string
    >;
    assert.deepEqual(Object.keys(data), [...CLUSTER_SECRET_KEYS]);
    assert.equal(
      Buffer.from(data["tls.key"], "base64").toString(),
      "placeholder tls.key of Secret shop/tls, read at deploy time",
    );
    assert.equal(
      run.placeholders.find((p) => p.urn === created.urn && p.property === "data"),
      undefined,
    );
  });

  it("readState seeds a read before the placeholder table: a read Service's unset nodePorts get placeholders", async () => {
    let ports: unknown;
    const run = await recordPlan(
      () => {
        const service = k8s.core.v1.Service.get("users", "shop/users");
        service.spec.ports.apply((p) => (ports = p));
      },
      {
        readState: (type, id) =>
          type === "kubernetes:core/v1:Service" && id === "shop/users"
            ? {
                metadata: { name: "users", namespace: "shop" },
                spec: {
                  type: "NodePort",
                  ports: [
                    { name: "http", port: 80 },
                    { port: 81, nodePort: 30081 },
                  ],
                },
              }
            : undefined,
      },
    );
    const filled = run.placeholders.filter((p) => /nodePort/.test(p.property));
    assert.deepEqual(
      filled.map((p) => p.property),
      ["spec.ports[0].nodePort"],
    );
    assert.deepEqual(
      (ports as { port: number; nodePort: number }[]).map((p) => [p.port, p.nodePort]),
      [
        [80, filled[0].value],
        [81, 30081],
      ],
    );
  });

  it("without readState a read starts empty", async () => {
    let spec: unknown = "unset";
    await recordPlan(() => {
      k8s.core.v1.Service.get("users", "shop/users").spec.apply((s) => (spec = s));
    });
    assert.equal(spec, undefined);
  });
});
