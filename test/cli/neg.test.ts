import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan } from "../../lib/plan/types";
import { parseJson, removeTempDirs, runCli, SEED_FILES, tempDir } from "./run-cli";
import { T } from "../resource-types";

const NEG_FOLDER = path.resolve(__dirname, "../fixtures/neg");
const PROJECTS = "https://www.googleapis.com/compute/v1/projects";

describe("ingress-glb on ClusterIP Services (container-native load balancing)", () => {
  after(removeTempDirs);

  it("plans a folder of ClusterIP Services through NEGs in each --zone, by default", async () => {
    const result = await runCli(
      "plan",
      NEG_FOLDER,
      "--json",
      "--zone",
      "europe-west1-b",
      "--zone",
      "europe-west1-c",
    );
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    const backends = plan.resources
      .filter((r) => r.type === T.backendService)
      .map((r) => r.inputs.backends as { group: string; balancingMode: string }[]);
    const negs = backends.filter((list) => list.some((b) => b.group.includes("/networkEndpointGroups/")));
    assert.equal(negs.length, 2, "web and api");
    for (const list of negs) {
      assert.deepEqual(
        list.map((b) => [b.group.split("/")[8], b.balancingMode]),
        [
          ["europe-west1-b", "RATE"],
          ["europe-west1-c", "RATE"],
        ],
      );
    }
    // Without --project, the NEG links name the placeholder project the plan gives every resource.
    assert.ok(negs.flat().every((b) => b.group.startsWith(`${PROJECTS}/placeholder-project/zones/`)));
  });

  it("routes and diffs such a folder", async () => {
    const route = await runCli("route", NEG_FOLDER, "--url", "http://shop.example/api/v1");
    assert.equal(route.code, 0, route.err);
    assert.match(route.out, /default\/api:8080/);
    const dir = tempDir();
    const base = path.join(dir, "base.json");
    const head = path.join(dir, "head.json");
    fs.writeFileSync(base, (await runCli("plan", NEG_FOLDER, "--json", "--zone", "europe-west1-b")).out);
    fs.writeFileSync(
      head,
      (await runCli("plan", NEG_FOLDER, "--json", "--zone", "europe-west1-b", "--zone", "europe-west1-c"))
        .out,
    );
    const diff = await runCli("diff", base, head);
    assert.equal(diff.code, 0, diff.err);
    assert.match(diff.out, /update +gcp:compute\/backendService:BackendService +\S+-default-web-80-/);
  });

  it("with --no-neg-default refuses the ClusterIP Service in one line (exit 2)", async () => {
    const result = await runCli("plan", NEG_FOLDER, "--no-neg-default");
    assert.equal(result.code, 2);
    assert.equal(result.out, "");
    assert.equal(result.err.trim().split("\n").length, 1);
    assert.match(
      result.err,
      /clusterip\.yaml:15: Ingress\/default\/shop: spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: Service "default\/web" is of type ClusterIP.*set spec\.type: NodePort/,
    );
  });

  it("refuses a malformed cloud.google.com/neg in one line naming the Service and the annotation", async () => {
    const dir = tempDir();
    const text = fs
      .readFileSync(path.join(NEG_FOLDER, "clusterip.yaml"), "utf8")
      .replace(`'{"ingress": true, "exposed_ports"`, `'{"ingress": true "exposed_ports"`);
    fs.writeFileSync(path.join(dir, "shop.yaml"), text);
    const result = await runCli("plan", dir);
    assert.equal(result.code, 2);
    assert.match(
      result.err,
      /shop\.yaml:\d+: Service\/default\/api: metadata\.annotations\["cloud\.google\.com\/neg"\]: is not JSON/,
    );
    assert.equal(result.err.trim().split("\n").length, 1);
  });

  it("leaves the seed's plan as it was, with or without the NEG default", async () => {
    const on = await runCli("plan", ...SEED_FILES, "--json");
    const off = await runCli("plan", ...SEED_FILES, "--json", "--no-neg-default");
    assert.equal(on.code, 0, on.err);
    assert.equal(on.out, off.out);
    assert.ok(!on.out.includes("networkEndpointGroups"));
  });

  it("a Service another tool owns (--existing) is served through the NEGs its cluster reports, not ours", async () => {
    const result = await runCli(
      "plan",
      NEG_FOLDER,
      "--json",
      "--zone",
      "europe-west1-b",
      "--existing",
      "services",
    );
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    const groups = plan.resources
      .filter((r) => r.type === T.backendService)
      .flatMap((r) => (r.inputs.backends as { group: string }[]).map((b) => b.group))
      .filter((group) => group.includes("/networkEndpointGroups/"))
      .map((group) => group.split("/").slice(8).join("/"));
    // Offline the read Service carries a stand-in status: the name its annotation asks for, else a placeholder.
    assert.deepEqual(groups.sort(), [
      "europe-west1-b/networkEndpointGroups/placeholder-neg-80",
      "europe-west1-b/networkEndpointGroups/shop-api-neg",
    ]);
    // Nothing annotates a Service we do not create.
    assert.equal(
      plan.resources.filter((r) => r.type === T.service && !r.read).length,
      1,
      "only the 404 backend's",
    );
  });
});
