import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PlanDiff, ResourceChange } from "../../lib/plan/diff";
import { BASE_FILES, EXAMPLE_FILE, exampleDocument, writeHeadManifests } from "../../scripts/example-diff";
import { CliResult, parseJson, removeTempDirs, runCli, SEED_FILES, tempDir } from "./run-cli";
import { T } from "../resource-types";

describe("ingress-glb diff (CLI, in-process)", () => {
  // Base: the seed's hello-ingress and its Services; head: the same plus /orders/* and an orders Service
  // (the manifests of scripts/example-diff.ts, so the committed example is checked against these plans).
  let basePlan: string;
  let headPlan: string;
  let text: CliResult;
  let json: CliResult;
  let markdown: CliResult;
  let diff: PlanDiff;

  before(async () => {
    const dir = tempDir();
    const headFiles = writeHeadManifests(path.join(dir, "head"));
    basePlan = path.join(dir, "base.json");
    headPlan = path.join(dir, "head.json");
    for (const [file, inputs] of [
      [basePlan, BASE_FILES],
      [headPlan, headFiles],
    ] as const) {
      const planned = await runCli("plan", ...inputs, "--json");
      assert.equal(planned.code, 0, planned.err);
      fs.writeFileSync(file, planned.out);
    }
    text = await runCli("diff", basePlan, headPlan);
    json = await runCli("diff", basePlan, headPlan, "--json");
    markdown = await runCli("diff", basePlan, headPlan, "--markdown");
    diff = parseJson<PlanDiff>(json);
  });
  after(removeTempDirs);

  const changesOf = (type: string) => diff.resources.filter((change) => change.type === type);
  const only = (type: string): ResourceChange => {
    const changes = changesOf(type);
    assert.equal(changes.length, 1, `${type}: ${JSON.stringify(changes)}`);
    return changes[0];
  };

  describe("--json", () => {
    it("exits 0 without --exit-code, nothing on stderr", () => {
      for (const result of [text, json, markdown]) {
        assert.equal(result.code, 0, result.err);
        assert.equal(result.err, "");
      }
    });

    it("creates the orders backend: backend service, health check, named port and the Service", () => {
      const created = diff.resources.filter((change) => change.op === "create");
      assert.deepEqual(created.map((change) => change.type).sort(), [
        T.backendService,
        T.healthCheck,
        T.namedPort,
        T.service,
      ]);
      // Each named after the orders Service (shortened with a hash where the name is long).
      for (const change of created) assert.match(change.name, /orders-node/);
    });

    it("updates the URL map in place, adding a path rule", () => {
      const urlMap = only(T.urlMap);
      assert.equal(urlMap.op, "update");
      assert.ok(
        urlMap.properties.some(
          (p) => p.kind === "add" && /^pathMatchers\[0\]\.pathRules\[\d+\]$/.test(p.path),
        ),
        JSON.stringify(urlMap.properties),
      );
    });

    it("updates the firewall in place, opening one more NodePort", () => {
      const firewall = only(T.firewall);
      assert.equal(firewall.op, "update");
      assert.ok(
        firewall.properties.every((p) => p.path.startsWith("allows[0].ports[")),
        JSON.stringify(firewall),
      );
      assert.ok(firewall.properties.some((p) => p.kind === "add"));
    });

    it("replaces and deletes nothing; the summary counts the same", () => {
      assert.deepEqual(
        diff.resources.filter((change) => change.op !== "create" && change.op !== "update"),
        [],
      );
      assert.equal(diff.summary.create, 4);
      assert.equal(diff.summary.update, 2);
      assert.equal(diff.summary.replace + diff.summary.delete, 0);
    });

    it("lists /orders/* as the one routing change, to the new backend service", () => {
      assert.equal(diff.routes.length, 1, JSON.stringify(diff.routes));
      const [route] = diff.routes;
      assert.equal(route.change, "added");
      assert.equal(route.host, "*");
      assert.equal(route.path, "/orders/*");
      assert.equal(route.after?.service, "orders-node-svc");
      assert.equal(route.after?.port, 80);
      assert.equal(route.after?.backendService, only(T.backendService).urn);
    });
  });

  describe("text", () => {
    it("marks each change and the new route, then a summary", () => {
      assert.match(text.out, /^Resources:\n/);
      assert.match(
        text.out,
        /\n \+ {2}create {3}gcp:compute\/backendService:BackendService {2}\S*orders-node-svc/,
      );
      assert.match(
        text.out,
        /\n ~ {2}update {3}gcp:compute\/uRLMap:URLMap {2}ingress-glb-default-hello-ingress-url-map\n/,
      );
      assert.match(text.out, /\nRoutes:\n \+ {2}\* \/orders\/\* -> default\/orders-node-svc:80\n/);
      assert.match(text.out, /\nSummary: ~ 2 to update, \+ 4 to create, \d+ unchanged\n$/);
    });
  });

  describe("--markdown", () => {
    it("gives the counts, a row per resource and the routing change", () => {
      assert.match(markdown.out, /^### ingress-glb diff\n\n2 to update · 4 to create · \d+ unchanged\n/);
      assert.match(markdown.out, /\n\| update \| `ingress-glb-default-hello-ingress-url-map` \| `URLMap` \|/);
      assert.match(
        markdown.out,
        /\n\| update \| `ingress-glb-default-hello-ingress-allow-glb` \| `Firewall` \|/,
      );
      assert.match(markdown.out, /\n\| create \| `[^`]*orders-node-svc[^`]*` \| `BackendService` \|/);
      assert.ok(
        markdown.out.includes("\n| added | `*` | `/orders/*` |  | default/orders-node-svc:80 |\n"),
        markdown.out,
      );
      assert.ok(!markdown.out.includes("[!WARNING]"), "nothing is replaced");
    });

    it("is what docs/examples/add-orders-path.md shows (regenerate: npx ts-node --transpile-only scripts/example-diff.ts)", () => {
      const committed = fs.readFileSync(EXAMPLE_FILE, "utf8");
      assert.equal(committed, exampleDocument(markdown.out));
    });
  });

  describe("--exit-code", () => {
    it("exits 3 when the plans differ, still printing the diff", async () => {
      const result = await runCli("diff", basePlan, headPlan, "--exit-code", "--json");
      assert.equal(result.code, 3);
      assert.deepEqual(parseJson<PlanDiff>(result), diff);
    });

    it("exits 0 for a plan compared with itself, and says there is no change", async () => {
      const result = await runCli("diff", basePlan, basePlan, "--exit-code");
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /^No changes \(\d+ unchanged\)\.\n$/);
    });
  });

  describe("the other way round", () => {
    it("deletes what was created and removes the route", async () => {
      const back = parseJson<PlanDiff>(await runCli("diff", headPlan, basePlan, "--json"));
      assert.equal(back.summary.delete, 4);
      assert.equal(back.summary.create, 0);
      assert.deepEqual(
        back.routes.map((r) => `${r.change} ${r.path}`),
        ["removed /orders/*"],
      );
    });
  });

  describe("bad input", () => {
    it("refuses a manifest given as a plan: exit 2, one line naming the file", async () => {
      const result = await runCli("diff", basePlan, BASE_FILES[0]);
      assert.equal(result.code, 2);
      assert.equal(result.out, "");
      assert.match(result.err, /^ingress-glb: [^\n]*hello-ingress\.yaml: not JSON[^\n]*\n$/);
    });

    it("refuses a missing plan file", async () => {
      const result = await runCli("diff", basePlan, path.join(path.dirname(basePlan), "nope.json"));
      assert.equal(result.code, 2);
      assert.equal(result.out, "");
      assert.match(result.err, /^ingress-glb: [^\n]*nope\.json: cannot read the plan[^\n]*\n$/);
    });

    it("refuses JSON that is not a plan", async () => {
      const file = path.join(tempDir(), "other.json");
      fs.writeFileSync(file, '{"results": []}');
      const result = await runCli("diff", file, basePlan);
      assert.equal(result.code, 2);
      assert.match(result.err, /^ingress-glb: [^\n]*other\.json: resources: not an ingress-glb plan/);
    });

    it("refuses --json with --markdown (usage error)", async () => {
      const result = await runCli("diff", basePlan, headPlan, "--json", "--markdown");
      assert.equal(result.code, 2);
      assert.equal(result.out, "");
    });
  });

  describe("two load balancers routing the same host and path (the seed)", () => {
    // hello-ingress and hello-ingress-staticip both route * /users/*; only the first one (in plan order) changes.
    let routes: PlanDiff["routes"];
    before(async () => {
      const dir = tempDir();
      const plans: string[] = [];
      for (const [name, files] of [
        ["base", SEED_FILES],
        ["head", SEED_FILES.map((file) => copyInto(dir, file))],
      ] as const) {
        const planned = await runCli("plan", ...files, "--json");
        assert.equal(planned.code, 0, planned.err);
        plans.push(path.join(dir, `${name}.json`));
        fs.writeFileSync(plans[plans.length - 1], planned.out);
      }
      routes = parseJson<PlanDiff>(await runCli("diff", plans[0], plans[1], "--json")).routes;
    });

    /** Copies a seed file; hello-ingress's /users/* goes to the products Service instead. */
    function copyInto(dir: string, file: string): string {
      const target = path.join(dir, path.basename(file));
      let text = fs.readFileSync(file, "utf8");
      if (path.basename(file) === "hello-ingress.yaml") {
        text = text.replace("serviceName: users-node-svc", "serviceName: products-node-svc");
      }
      fs.writeFileSync(target, text);
      return target;
    }

    it("shows the one that moved, not hidden behind the other's unchanged route", () => {
      assert.equal(routes.length, 1, JSON.stringify(routes));
      assert.equal(routes[0].change, "moved");
      assert.equal(routes[0].path, "/users/*");
      assert.equal(routes[0].before?.service, "users-node-svc");
      assert.equal(routes[0].after?.service, "products-node-svc");
      // The backend service of hello-ingress (named after the component, the namespace and the Ingress).
      assert.match(routes[0].after?.backendService ?? "", /::ingress-glb-de-default-products-node-s-80-/);
    });
  });
});
