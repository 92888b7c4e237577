import { strict as assert } from "node:assert";
import * as path from "node:path";
import { Plan } from "../../lib/plan/types";
import { T } from "../resource-types";
import { parseJson, runCli } from "./run-cli";

const SIDE_BY_SIDE = path.resolve(__dirname, "../fixtures/classes/side-by-side.yaml");

describe("ingress-glb plan: Ingress classes", () => {
  it("plans GKE's Ingress and leaves nginx's and traefik's to their controllers, saying so", async () => {
    const result = await runCli("plan", SIDE_BY_SIDE, "--json");
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    assert.deepEqual(
      plan.resources.filter((r) => r.type === T.lb).map((r) => r.name),
      ["ingress-glb-default-web"],
    );
    const skipped = plan.warnings.filter((w) => w.code === "ingress-class-skipped");
    assert.deepEqual(
      skipped.map((w) => [w.origin?.object, w.origin?.field]),
      [
        ["Ingress/default/grafana", "spec.ingressClassName"],
        ["Ingress/default/legacy", 'metadata.annotations["kubernetes.io/ingress.class"]'],
      ],
    );
    assert.match(
      skipped[0].message,
      /class "nginx" \(spec\.ingressClassName\) is not GKE's; ingress-glb leaves it to its controller/,
    );
  });
});
