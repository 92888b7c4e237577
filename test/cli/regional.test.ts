import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PlanDiff } from "../../lib/plan/diff";
import { RouteResult } from "../../lib/plan/route-requests";
import { Plan } from "../../lib/plan/types";
import { parseJson, removeTempDirs, runCli, tempDir } from "./run-cli";

const MIXED = path.resolve(__dirname, "../fixtures/regional/mixed");
const file = (name: string) => path.join(MIXED, name);
const FLAGS = [
  "--region",
  "europe-west1",
  "--subnetwork",
  "gke-nodes",
  "--proxy-only-subnet",
  "10.129.0.0/23",
  "--zone",
  "europe-west1-b",
  "--node-tag",
  "gke-node",
];
const GLOBAL_RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule";
const REGIONAL_RULE = "gcp:compute/forwardingRule:ForwardingRule";

async function planJson(...args: string[]): Promise<Plan> {
  const result = await runCli("plan", ...args, "--json");
  assert.equal(result.code, 0, result.err);
  return parseJson<Plan>(result);
}

describe("ingress-glb plan, route, diff: regional Ingresses", () => {
  after(removeTempDirs);

  it("plans a gce-internal Ingress as an internal load balancer, with no global forwarding rule", async () => {
    const plan = await planJson(file("internal.yaml"), file("services.yaml"), ...FLAGS);
    const rules = plan.resources.filter((r) => r.type === REGIONAL_RULE);
    assert.deepEqual(
      rules.map((r) => [r.inputs.loadBalancingScheme, r.inputs.subnetwork, r.inputs.portRange]),
      [["INTERNAL_MANAGED", "gke-nodes", "80"]],
    );
    assert.ok(!plan.resources.some((r) => r.type === GLOBAL_RULE));
    assert.deepEqual(
      plan.routes.map((r) => [r.host, r.path, r.service]),
      [
        ["orders.internal.example", "/v1", "orders-api"],
        ["orders.internal.example", "/v1/*", "orders-api"],
        ["*.orders.internal.example", "/*", "orders-api"],
      ],
    );
    assert.ok(plan.routes.every((r) => r.backendService.includes("RegionBackendService")));
  });

  it("plans a gce-regional-external Ingress as a regional external load balancer", async () => {
    const plan = await planJson(file("regional-external.yaml"), file("services.yaml"), ...FLAGS);
    const [rule] = plan.resources.filter((r) => r.type === REGIONAL_RULE);
    assert.deepEqual(
      [rule.inputs.loadBalancingScheme, rule.inputs.networkTier, rule.inputs.subnetwork],
      ["EXTERNAL_MANAGED", "STANDARD", undefined],
    );
    assert.ok(!plan.resources.some((r) => r.type === GLOBAL_RULE));
  });

  it("plans a folder mixing public, internal and regional external Ingresses, saying whose routes are whose", async () => {
    const result = await runCli("plan", MIXED, ...FLAGS);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Routes of load balancer web \(default\/web\):\n/);
    assert.match(
      result.out,
      /Routes of load balancer orders-ilb-ip \(default\/orders\), internal \(gce-internal\): as a client inside the VPC, in the load balancer's region, sees it:/,
    );
    assert.match(result.out, /Routes of load balancer partners \(default\/partners\), regional external/);
    const plan = await planJson(MIXED, ...FLAGS);
    assert.equal(plan.resources.filter((r) => r.type === GLOBAL_RULE).length, 1);
    assert.equal(plan.resources.filter((r) => r.type === REGIONAL_RULE).length, 2);
    assert.equal(plan.resources.filter((r) => r.type === "gcp:compute/subnetwork:Subnetwork").length, 1);
    assert.ok(plan.warnings.some((w) => w.code === "regional-url-map-expressible"));
  });

  it("with no regional flags, plans on marked placeholders; a global folder gets none of those warnings", async () => {
    const plan = await planJson(MIXED);
    assert.deepEqual(
      plan.warnings
        .filter((w) => /^placeholder-(region|subnetwork|proxy-only-subnet)$/.test(w.code))
        .map((w) => w.code),
      ["placeholder-region", "placeholder-subnetwork", "placeholder-proxy-only-subnet"],
    );
    const global = await planJson(file("public.yaml"), file("services.yaml"));
    assert.ok(!global.warnings.some((w) => /^placeholder-(region|subnetwork|proxy-only)/.test(w.code)));
  });

  it("route answers for the internal load balancer as a client inside the VPC, and says so", async () => {
    const urls = [
      "http://orders.internal.example/v1/42",
      "http://shop.example.com/",
      "http://partners.example.com/api",
    ];
    const args = urls.flatMap((url) => ["--url", url]);
    const json = parseJson<{ results: RouteResult[] }>(
      await runCli("route", MIXED, ...FLAGS, ...args, "--json"),
    );
    const internal = json.results.filter((r) => r.loadBalancer === "orders-ilb-ip");
    assert.deepEqual(
      internal.map((r) => [r.url, r.service, r.reach]),
      urls.map((url) => [
        url,
        url.includes("orders") ? "orders-api" : null,
        "internal (gce-internal): as a client inside the VPC, in the load balancer's region, sees it",
      ]),
    );
    assert.ok(json.results.filter((r) => r.loadBalancer === "web").every((r) => r.reach === undefined));
    const text = await runCli("route", MIXED, ...FLAGS, ...args);
    assert.equal(text.code, 0, text.err);
    assert.match(
      text.out,
      /\nnote: load balancer orders-ilb-ip is internal \(gce-internal\): as a client inside the VPC, in the load balancer's region, sees it\n/,
    );
  });

  it("diff: naming a regional static IP releases the reserved private address and moves the listener's IP", async () => {
    const dir = tempDir();
    const withoutIp = path.join(dir, "internal.yaml");
    fs.writeFileSync(
      withoutIp,
      fs
        .readFileSync(file("internal.yaml"), "utf8")
        .replace(/\n\s+kubernetes.io\/ingress.regional-static-ip-name: .*\n/, "\n"),
    );
    const base = path.join(dir, "base.json");
    const head = path.join(dir, "head.json");
    fs.writeFileSync(base, JSON.stringify(await planJson(withoutIp, file("services.yaml"), ...FLAGS)));
    fs.writeFileSync(
      head,
      JSON.stringify(await planJson(file("internal.yaml"), file("services.yaml"), ...FLAGS)),
    );
    const result = await runCli("diff", base, head, "--json");
    assert.equal(result.code, 0, result.err);
    const diff = parseJson<PlanDiff>(result);
    assert.deepEqual(diff.risks.map((r) => r.kind).sort(), ["address-released", "ip-change"]);
    assert.match(
      diff.risks.find((r) => r.kind === "ip-change")?.message ?? "",
      /changes from 10\.128\.0\.\d+ to /,
    );
  });

  it("diff: turning a public Ingress internal releases its global address and says so", async () => {
    const dir = tempDir();
    const internalWeb = path.join(dir, "public.yaml");
    fs.writeFileSync(
      internalWeb,
      fs
        .readFileSync(file("public.yaml"), "utf8")
        .replace(
          "  name: web\n",
          "  name: web\n  annotations:\n    kubernetes.io/ingress.class: gce-internal\n",
        ),
    );
    const base = path.join(dir, "base.json");
    const head = path.join(dir, "head.json");
    fs.writeFileSync(
      base,
      JSON.stringify(await planJson(file("public.yaml"), file("services.yaml"), ...FLAGS)),
    );
    fs.writeFileSync(head, JSON.stringify(await planJson(internalWeb, file("services.yaml"), ...FLAGS)));
    const diff = parseJson<PlanDiff>(await runCli("diff", base, head, "--json"));
    const released = diff.risks.filter((r) => r.kind === "address-released");
    assert.equal(released.length, 1, JSON.stringify(diff.risks));
    assert.match(released[0].message, /the reserved address ingress-glb-default-web-ip .* is released/);
    assert.ok(
      diff.resources.some((c) => c.op === "delete" && c.type === GLOBAL_RULE) &&
        diff.resources.some((c) => c.op === "create" && c.type === REGIONAL_RULE),
    );
  });

  it("plan --policy: the created proxy-only subnet's range is admitted, a regional reserved address must be protected", async () => {
    const internalOnly = [file("internal.yaml"), file("services.yaml")];
    const withoutIp = path.join(tempDir(), "internal.yaml");
    fs.writeFileSync(
      withoutIp,
      fs
        .readFileSync(file("internal.yaml"), "utf8")
        .replace(/\n\s+kubernetes.io\/ingress.regional-static-ip-name: .*\n/, "\n"),
    );
    const created = await runCli("plan", ...internalOnly, ...FLAGS, "--policy");
    assert.doesNotMatch(created.out, /firewall-google-ranges-only/);
    // Said to exist, the range is nothing the plan can vouch for.
    const existing = await runCli(
      "plan",
      ...internalOnly,
      ...FLAGS,
      "--proxy-only-subnet-exists",
      "--policy",
    );
    assert.equal(existing.code, 4);
    assert.match(
      existing.out,
      /firewall-google-ranges-only: .*allow-proxies: source ranges 10\.129\.0\.0\/23 are not Google's/,
    );
    const reserved = await runCli("plan", withoutIp, file("services.yaml"), ...FLAGS, "--policy");
    assert.match(
      reserved.out,
      /reserved-address-protected: gcp:compute\/address:Address ingress-glb-default-orders-ip/,
    );
  });

  it("with no --region, plans in the nodes' region (from --zone or --instance-group), saying so", async () => {
    const plan = await planJson(
      file("regional-external.yaml"),
      file("services.yaml"),
      "--zone",
      "europe-west1-b",
    );
    const [rule] = plan.resources.filter((r) => r.type === REGIONAL_RULE);
    assert.equal(rule.inputs.region, "europe-west1");
    assert.match(
      plan.warnings.find((w) => w.code === "placeholder-region")?.message ?? "",
      /planned in europe-west1, the nodes' region/,
    );
  });

  const flagCases: [string[], RegExp][] = [
    [["--region", "europe-west1-b"], /--region: "europe-west1-b" is not a valid region/],
    [
      ["--proxy-only-subnet", "10.129.0.0/28"],
      /--proxy-only-subnet: "10.129.0.0\/28" is not a valid proxy-only subnet range: a proxy-only subnet needs \/26 or larger/,
    ],
    [
      ["--subnetwork", "Nodes_A"],
      /--subnetwork: "Nodes_A" is not a valid subnetwork: .*did you mean "nodes-a"\?/,
    ],
  ];
  for (const [flags, message] of flagCases) {
    it(`refuses ${flags.join(" ")} with exit 2`, async () => {
      const result = await runCli("plan", MIXED, ...flags);
      assert.equal(result.code, 2, result.out);
      assert.match(result.err, message);
    });
  }
});
