import { strict as assert } from "node:assert";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { recordPlan } from "../../lib/plan/engine";
import { planManifests } from "../../lib/plan/plan-manifests";
import { PlannedResource } from "../../lib/plan/types";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CLUSTER, one, seedTlsManifests, tlsSecretYaml } from "./https-fixtures";
import { T } from "../resource-types";

/** Checks the redirect shape: :80 -> HTTP proxy -> redirect map (301); :443 -> HTTPS proxy -> main map. */
function assertRedirect(resources: PlannedResource[], responseCode: string): void {
  const maps = resources.filter((r) => r.type === T.urlMap);
  assert.equal(maps.length, 2, "the main URL map and the redirect one");
  const redirect = maps.find((m) => m.inputs.defaultUrlRedirect !== undefined);
  const main = maps.find((m) => m.inputs.defaultUrlRedirect === undefined);
  assert.ok(redirect && main);
  assert.deepEqual(redirect.inputs.defaultUrlRedirect, {
    httpsRedirect: true,
    redirectResponseCode: responseCode,
    stripQuery: false,
  });
  assert.equal(redirect.inputs.defaultService, undefined, "the redirect map sends nothing to a backend");

  const http = one(resources, T.httpProxy);
  const https = one(resources, T.httpsProxy);
  assert.equal(http.inputs.urlMap, `${redirect.name}-id`);
  assert.ok(http.dependencies.includes(redirect.urn));
  assert.equal(https.inputs.urlMap, `${main.name}-id`);

  const rules = resources.filter((r) => r.type === T.forwardingRule);
  const port = (p: string) => rules.find((r) => r.inputs.portRange === p);
  assert.ok(port("80")?.dependencies.includes(http.urn), ":80 serves the redirect");
  assert.ok(port("443")?.dependencies.includes(https.urn), ":443 serves the routes");
}

describe("HTTP to HTTPS redirect", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  it("the typed option: :80 answers 301 from a redirect URL map, :443 serves the main map", async () => {
    const run = await recordPlan(() => {
      new IngressManifests("hello", {
        manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)),
        ...CLUSTER,
        redirectToHttps: true,
      });
    });
    assertRedirect(run.resources, "MOVED_PERMANENTLY_DEFAULT");
  });

  it("a FrontendConfig named by the Ingress, as `ingress-glb plan` reads it", async () => {
    const manifests = seedTlsManifests(
      tlsSecretYaml("hello-ingress-secret", fx.seed),
      [
        "apiVersion: networking.gke.io/v1beta1",
        "kind: FrontendConfig",
        "metadata: {name: hello-frontend}",
        "spec: {redirectToHttps: {enabled: true, responseCodeName: PERMANENT_REDIRECT}}",
      ].join("\n"),
    );
    const ingress = manifests.ingresses[0].object;
    ingress.metadata.annotations = { "networking.gke.io/v1beta1.FrontendConfig": "hello-frontend" };
    const { plan } = await planManifests(manifests, CLUSTER);
    assertRedirect(plan.resources, "PERMANENT_REDIRECT");
  });

  it("without a redirect, both proxies serve the one URL map", async () => {
    const { plan } = await planManifests(
      seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)),
      CLUSTER,
    );
    const maps = plan.resources.filter((r) => r.type === T.urlMap);
    assert.equal(maps.length, 1);
    assert.equal(one(plan.resources, T.httpProxy).inputs.urlMap, `${maps[0].name}-id`);
    assert.equal(one(plan.resources, T.httpsProxy).inputs.urlMap, `${maps[0].name}-id`);
  });
});
