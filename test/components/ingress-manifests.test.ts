import { strict as assert } from "assert";
import * as path from "path";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { loadManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";

const EXAMPLE = path.resolve(__dirname, "../../examples/hello-ingress/manifests");
const group = (i: number) =>
  `https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instanceGroups/nodes-${i}`;

/** Runs the component, catching its error inside the program, and returns what was registered. */
async function registeredDespite(args: Partial<ConstructorParameters<typeof IngressManifests>[1]>) {
  let caught: unknown;
  const run = await recordPlan(() => {
    try {
      new IngressManifests("app", {
        manifests: loadManifests([EXAMPLE]),
        instanceGroups: [group(0)],
        nodeTags: ["n"],
        ...args,
      });
    } catch (err) {
      caught = err;
    }
  });
  return { caught, types: run.resources.map((r) => r.type) };
}

describe("IngressManifests", () => {
  it("checks what only the load balancer args say (instance groups) before registering anything", async () => {
    const { caught, types } = await registeredDespite({
      instanceGroups: Array.from({ length: 51 }, (_, i) => group(i)),
    });
    assert.match(String(caught), /51 instance groups given; GCP allows at most 50/);
    assert.deepEqual(types, ["pulumi:pulumi:Stack"]);
  });

  it("refuses a URL map too large for the classic scheme before registering anything", async () => {
    const paths = Array.from(
      { length: 1500 },
      (_, i) =>
        `      - path: /catalogue/section-${i}\n        pathType: Prefix\n        backend: {service: {name: users-node-svc, port: {number: 80}}}`,
    );
    const { parseManifests } = await import("../../lib/ingress/manifests");
    const manifests = loadManifests([EXAMPLE]);
    const big = parseManifests(
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: big}\nspec:\n  rules:\n  - http:\n      paths:\n${paths.join("\n")}\n`,
      "big.yaml",
    );
    manifests.ingresses.push(...big.ingresses);
    const { caught, types } = await registeredDespite({ manifests });
    assert.match(String(caught), /over the 64 KB GCP allows a EXTERNAL load balancer/);
    assert.deepEqual(types, ["pulumi:pulumi:Stack"]);
    const managed = await registeredDespite({ manifests, scheme: "EXTERNAL_MANAGED" });
    assert.equal(managed.caught, undefined);
  });
});
