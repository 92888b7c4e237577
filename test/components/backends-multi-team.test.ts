import { strict as assert } from "assert";
import * as path from "path";
import { multiTeam } from "../../examples/multi-team";
import { loadManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { planManifests } from "../../lib/plan/plan-manifests";
import { PlannedResource } from "../../lib/plan/types";

const MANIFESTS = path.resolve(__dirname, "../../examples/multi-team/manifests");
const GROUP =
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-pool-grp";
const wiring = { instanceGroups: [GROUP], nodeTags: ["gke-node"], network: "default" };

const identity = (r: PlannedResource) => ({ type: r.type, name: r.name, inputs: r.inputs });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const cloudAndCluster = (resources: PlannedResource[]) =>
  resources
    .filter((r) => r.type.startsWith("gcp:") || r.type.startsWith("kubernetes:"))
    .map(identity)
    .sort(byName);

describe("examples/multi-team", () => {
  let resources: PlannedResource[];
  let outputs: ReturnType<typeof multiTeam> | undefined;
  before(async () => {
    const run = await recordPlan(() => {
      outputs = multiTeam(wiring);
    });
    resources = run.resources;
  });
  const of = (type: string) => resources.filter((r) => r.type === type);
  const backendService = (team: string) => {
    const found = of("gcp:compute/backendService:BackendService").find((r) => r.name.includes(`-${team}-`));
    assert.ok(found, team);
    return found.inputs;
  };
  const healthCheck = (team: string) => {
    const found = of("gcp:compute/healthCheck:HealthCheck").find((r) => r.name.includes(`-${team}-`));
    assert.ok(found, team);
    return found.inputs;
  };

  it("puts both teams' Ingresses on one looked-up address, one URL map and one :80 rule", () => {
    assert.equal(of("gcp:compute/uRLMap:URLMap").length, 1);
    const rules = of("gcp:compute/globalForwardingRule:GlobalForwardingRule");
    assert.deepEqual(
      rules.map((r) => r.inputs.portRange),
      ["80"],
    );
    const [address] = of("gcp:compute/globalAddress:GlobalAddress");
    assert.equal(address.read, true);
    assert.match(String(address.urn), /multi-team-ip/);
    assert.deepEqual(outputs?.backends.sort(), [
      "team-a/multi-team-ip-default-backend:80",
      "team-a/web:80",
      "team-b/api:80",
    ]);
  });

  it("creates both namespaces, each team's objects waiting for its own", () => {
    const namespaces = new Map(of("kubernetes:core/v1:Namespace").map((n) => [n.name, n.urn]));
    assert.deepEqual([...namespaces.keys()].sort(), ["multi-team-team-a", "multi-team-team-b"]);
    for (const deployment of of("kubernetes:apps/v1:Deployment")) {
      const namespace = (deployment.inputs.metadata as { namespace: string }).namespace;
      assert.ok(
        deployment.dependencies.includes(namespaces.get(`multi-team-${namespace}`) as string),
        deployment.name,
      );
    }
  });

  it("team A: CDN, response header, logging and draining from its BackendConfig; health check from its probe", () => {
    const web = backendService("team-a");
    assert.equal(web.enableCdn, true);
    assert.equal((web.cdnPolicy as { cacheMode: string }).cacheMode, "CACHE_ALL_STATIC");
    assert.deepEqual(web.customResponseHeaders, ["X-Cache-Status: {cdn_cache_status}"]);
    assert.deepEqual(web.logConfig, { enable: true, sampleRate: 0.1 });
    assert.equal(web.connectionDrainingTimeoutSec, 30);
    const hc = healthCheck("team-a");
    assert.equal((hc.httpHealthCheck as { requestPath: string }).requestPath, "/healthz");
    assert.equal(hc.timeoutSec, 2);
  });

  it("team B: sticky sessions, request header, timeout; its BackendConfig's health check wins over the probe", () => {
    const api = backendService("team-b");
    assert.equal(api.sessionAffinity, "GENERATED_COOKIE");
    assert.equal(api.affinityCookieTtlSec, 1800);
    assert.deepEqual(api.customRequestHeaders, ["X-Client-Region: {client_region}"]);
    assert.equal(api.timeoutSec, 60);
    const hc = healthCheck("team-b");
    assert.equal((hc.httpHealthCheck as { requestPath: string }).requestPath, "/healthz", "the probe says /");
    assert.deepEqual(
      [hc.checkIntervalSec, hc.timeoutSec, hc.healthyThreshold, hc.unhealthyThreshold],
      [10, 5, 2, 3],
    );
  });

  it("one truth: `ingress-glb plan` of its manifests registers the same resources as the example", async () => {
    const { plan } = await planManifests(loadManifests([MANIFESTS]), { ...wiring, name: "multi-team" });
    assert.deepEqual(cloudAndCluster(plan.resources), cloudAndCluster(resources));
  });
});
