import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan, PlannedResource } from "../../lib/plan/types";
import { parsePropertyPath } from "../../lib/plan/property-path";
import { SECRET_MARKER } from "../../lib/plan/types";
import { CliResult, EXAMPLE_DIR, parseJson, removeTempDirs, runCli, SEED_FILES, tempDir } from "./run-cli";
import { T } from "../resource-types";

describe("ingress-glb plan (CLI, in-process)", () => {
  // Each plan runs the Pulumi runtime (1-3 s): plan once per input and share the result.
  let json: CliResult;
  let text: CliResult;
  let plan: Plan;

  before(async () => {
    json = await runCli("plan", ...SEED_FILES, "--json");
    text = await runCli("plan", ...SEED_FILES);
    plan = parseJson<Plan>(json);
  });

  const lbNamed = (name: string) => {
    const found = plan.resources.find((r) => r.type === T.lb && r.name === name);
    assert.ok(found, `no load balancer ${name}`);
    return found;
  };
  const childrenOf = (parent: PlannedResource) => plan.resources.filter((r) => r.parent === parent.urn);

  describe("--json on the seed (hello-ingress, hello-ingress-staticip, two NodePort Services)", () => {
    it("exits 0 with one JSON object on stdout and nothing on stderr", () => {
      assert.equal(json.code, 0, json.err);
      assert.equal(json.err, "");
      assert.ok(json.out.endsWith("}\n"));
    });

    it("has the contract's shape: resources, routes, warnings", () => {
      assert.ok(Array.isArray(plan.resources) && plan.resources.length > 0);
      assert.ok(Array.isArray(plan.routes));
      assert.ok(Array.isArray(plan.warnings));
    });

    it("gives every resource type, name, urn, parent, inputs, dependencies and secretPaths", () => {
      const urns = new Set(plan.resources.map((r) => r.urn));
      assert.equal(urns.size, plan.resources.length, "URNs are unique");
      for (const r of plan.resources) {
        assert.match(r.type, /^[a-z0-9-]+:[A-Za-z0-9/]*:[A-Za-z0-9]+$/, `type token of ${r.urn}`);
        assert.equal(typeof r.name, "string");
        assert.ok(r.urn.startsWith("urn:pulumi:") && r.urn.endsWith(`${r.type}::${r.name}`), r.urn);
        assert.ok(r.parent === null || urns.has(r.parent), `parent of ${r.urn} is a planned resource`);
        assert.ok(r.inputs !== null && typeof r.inputs === "object" && !Array.isArray(r.inputs));
        assert.ok(Array.isArray(r.dependencies) && Array.isArray(r.secretPaths));
        for (const dep of r.dependencies) assert.ok(urns.has(dep), `${r.name} depends on unknown ${dep}`);
      }
    });

    it("roots everything in one stack, with one load balancer per Ingress", () => {
      const roots = plan.resources.filter((r) => r.parent === null);
      assert.deepEqual(
        roots.map((r) => r.type),
        [T.stack],
      );
      const lbs = plan.resources.filter((r) => r.type === T.lb).map((r) => r.name);
      // Named after the component and the Ingress, or the static IP the Ingress names.
      assert.deepEqual(lbs.sort(), ["ingress-glb-default-hello-ingress", "ingress-glb-hello-ingress-ip"]);
    });

    it("reads the named static IP of hello-ingress-staticip and creates none for it", () => {
      const read = plan.resources.filter((r) => r.read);
      assert.equal(read.length, 1, `read: ${read.map((r) => r.name).join(", ")}`);
      assert.equal(read[0].type, T.address);
      const staticIpLb = lbNamed("ingress-glb-hello-ingress-ip");
      assert.equal(read[0].parent, staticIpLb.urn);
      // The lookup is of the existing address the annotation names.
      const name = plan.placeholders?.find((p) => p.urn === read[0].urn && p.property === "name");
      assert.equal(name?.value, "hello-ingress-ip");
      const addresses = childrenOf(staticIpLb).filter((r) => r.type === T.address);
      assert.deepEqual(addresses, [read[0]]);
      const [rule] = childrenOf(staticIpLb).filter((r) => r.type === T.forwardingRule);
      assert.ok(rule.dependencies.includes(read[0].urn), "the forwarding rule serves on the read address");
    });

    it("reserves (creates) an address for hello-ingress, which names none", () => {
      const addresses = childrenOf(lbNamed("ingress-glb-default-hello-ingress")).filter(
        (r) => r.type === T.address,
      );
      assert.equal(addresses.length, 1);
      assert.notEqual(addresses[0].read, true);
    });

    it("routes /users/* and /products/* of each load balancer to backend services among the resources", () => {
      const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
      for (const lbName of ["ingress-glb-default-hello-ingress", "ingress-glb-hello-ingress-ip"]) {
        const lb = lbNamed(lbName);
        const routes = plan.routes.filter((route) => byUrn.get(route.backendService)?.parent === lb.urn);
        assert.deepEqual(
          routes.map(({ host, path, service, namespace, port }) => ({
            host,
            path,
            service,
            namespace,
            port,
          })),
          [
            { host: "*", path: "/users/*", service: "users-node-svc", namespace: "default", port: 80 },
            { host: "*", path: "/products/*", service: "products-node-svc", namespace: "default", port: 80 },
          ],
          lbName,
        );
      }
      assert.equal(plan.routes.length, 4, "no route outside the two load balancers");
      for (const route of plan.routes) assert.equal(byUrn.get(route.backendService)?.type, T.backendService);
      assert.equal(new Set(plan.routes.map((r) => r.backendService)).size, 4, "each LB has its own backends");
    });

    it("warns that the node groups and tags are placeholders, each warning with a code and a message", () => {
      const codes = plan.warnings.map((w) => w.code);
      assert.ok(codes.includes("placeholder-instance-groups"), codes.join(", "));
      assert.ok(codes.includes("placeholder-node-tags"), codes.join(", "));
      for (const w of plan.warnings)
        assert.ok(w.code !== "" && typeof w.message === "string" && w.message !== "");
    });

    it("never opens the firewall to the whole Internet", () => {
      for (const fw of plan.resources.filter((r) => r.type === T.firewall)) {
        assert.ok(!(fw.inputs.sourceRanges as string[]).includes("0.0.0.0/0"), fw.name);
      }
    });
  });

  describe("text on the seed", () => {
    it("exits 0 and lists the resource tree, marking the read address", () => {
      assert.equal(text.code, 0, text.err);
      assert.equal(text.err, "");
      assert.match(text.out, /^\+ pulumi:pulumi:Stack/);
      assert.match(
        text.out,
        /> gcp:compute\/globalAddress:GlobalAddress {2}ingress-glb-hello-ingress-ip-ip \(read\)/,
      );
      const created = plan.resources.filter((r) => !r.component && r.type !== T.stack && !r.read).length;
      assert.ok(text.out.includes(`Resources: ${created} to create, 1 to read`), text.out);
    });

    it("prints the routing table of each load balancer, default backend included", () => {
      for (const [lb, ingress] of [
        ["hello-ingress", "hello-ingress"],
        ["hello-ingress-ip", "hello-ingress-staticip"],
      ]) {
        const start = text.out.indexOf(`Routes of load balancer ${lb} (default/${ingress}):`);
        assert.ok(start >= 0, `no routing table for ${lb}`);
        const lines = text.out.slice(start).split("\n").slice(1, 5);
        assert.match(lines[0], /HOST\s+PATH\s+BACKEND/);
        assert.match(lines[1], /^\s+\*\s+\/users\/\*\s+default\/users-node-svc:80$/);
        assert.match(lines[2], /^\s+\*\s+\/products\/\*\s+default\/products-node-svc:80$/);
        assert.match(lines[3], /^\s+\(any other\)\s+built-in 404 .*\(default\)$/);
      }
    });

    it("ends with the warnings", () => {
      assert.match(text.out, /\nWarnings:\n {2}warning placeholder-instance-groups: /);
    });
  });

  describe("--json on examples/hello-ingress with the cluster options", () => {
    let example: Plan;
    let result: CliResult;
    before(async () => {
      result = await runCli(
        "plan",
        EXAMPLE_DIR,
        "--json",
        "--project",
        "my-project",
        "--zone",
        "europe-west1-b",
        "--node-tag",
        "gke-hello-node",
      );
      example = parseJson<Plan>(result);
    });

    it("plans the directory: the Ingress, the Services and the Deployments", () => {
      assert.equal(result.code, 0, result.err);
      const deployments = example.resources.filter((r) => r.type === T.deployment).map((r) => r.name);
      assert.ok(
        deployments.includes("ingress-glb-default/users") &&
          deployments.includes("ingress-glb-default/products"),
        deployments.join(),
      );
      assert.deepEqual(
        example.routes.map((r) => `${r.path} ${r.service}`),
        ["/users/* users-node-svc", "/products/* products-node-svc"],
      );
    });

    it("uses the given node tag and project, and so warns about no placeholder tag", () => {
      const [fw] = example.resources.filter((r) => r.type === T.firewall);
      assert.deepEqual(fw.inputs.targetTags, ["gke-hello-node"]);
      assert.equal(fw.inputs.project, "my-project");
      const codes = example.warnings.map((w) => w.code);
      assert.ok(!codes.includes("placeholder-node-tags"), codes.join(", "));
      // Only the zone was given, so the instance group is still a placeholder there.
      const groups = example.warnings.find((w) => w.code === "placeholder-instance-groups");
      assert.ok(groups?.message.includes("europe-west1-b"), groups?.message);
    });
  });

  describe("--json with a TLS Secret", () => {
    // The misspelt-Secret case, with the name spelt right: a real certificate and key.
    const source = path.resolve(__dirname, "../fixtures/cluster-objects/tls-secret-missing.yaml");
    let result: CliResult;
    let keyBase64: string;
    before(async () => {
      const text = fs.readFileSync(source, "utf8");
      keyBase64 = /tls\.key: (\S+)/.exec(text)?.[1] ?? "";
      const file = path.join(tempDir(), "tls.yaml");
      fs.writeFileSync(
        file,
        text.replace("secretName: hello-ingress-serect", "secretName: hello-ingress-secret"),
      );
      result = await runCli("plan", file, "--json");
    });
    after(removeTempDirs);

    it("never prints the private key, and lists where the secrets were", () => {
      assert.equal(result.code, 0, result.err);
      assert.ok(keyBase64.length > 100);
      assert.ok(!result.out.includes(keyBase64.slice(0, 40)), "the Secret's tls.key in clear");
      assert.ok(!result.out.includes("PRIVATE KEY"), "a PEM private key in clear");
      const withSecrets = parseJson<Plan>(result).resources.filter((r) => r.secretPaths.length > 0);
      assert.ok(withSecrets.length > 0);
      for (const r of withSecrets) {
        for (const secretPath of r.secretPaths) {
          const value = parsePropertyPath(secretPath).reduce<unknown>(
            (v, k) => (v as Record<string | number, unknown>)?.[k],
            r.inputs,
          );
          assert.equal(value, SECRET_MARKER, `${r.name} ${secretPath}`);
        }
      }
    });
  });
});
