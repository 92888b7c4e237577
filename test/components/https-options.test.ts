import { strict as assert } from "node:assert";
import { IngressManifests, IngressManifestsArgs } from "../../lib/components/ingress-manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CLUSTER, one, seedTlsManifests, tlsSecretYaml } from "./https-fixtures";
import { T } from "../resource-types";

describe("HTTPS frontend options on the registered resources", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  /** The seed with its Secret through IngressManifests, annotations added to its Ingress. */
  async function plan(
    options: Partial<IngressManifestsArgs> = {},
    annotations: Record<string, string> = {},
  ): Promise<PlannedResource[]> {
    const manifests = seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed));
    manifests.ingresses[0].object.metadata.annotations = annotations;
    const run = await recordPlan(() => {
      new IngressManifests("hello", { manifests, ...CLUSTER, ...options });
    });
    return run.resources;
  }

  it('allow-http "false": only the :443 rule and the HTTPS proxy, on the address', async () => {
    const resources = await plan({}, { "kubernetes.io/ingress.allow-http": "false" });
    const rules = resources.filter((r) => r.type === T.forwardingRule);
    assert.deepEqual(
      rules.map((r) => r.inputs.portRange),
      ["443"],
    );
    assert.equal(resources.filter((r) => r.type === T.httpProxy).length, 0);
    assert.ok(rules[0].dependencies.includes(one(resources, T.httpsProxy).urn));
  });

  it("an existing SSL policy is looked up, never created, and set on the proxy", async () => {
    const resources = await plan({ sslPolicy: "corp-tls", project: "hello-project" });
    const policies = resources.filter((r) => r.type === T.sslPolicy);
    assert.equal(policies.length, 1);
    assert.equal(policies[0].read, true);
    const proxy = one(resources, T.httpsProxy);
    assert.equal(proxy.inputs.sslPolicy, "projects/hello-project/global/sslPolicies/corp-tls");
    assert.ok(proxy.dependencies.includes(policies[0].urn));
  });

  it("a policy of its own settings is created; `false` attaches none", async () => {
    const restricted = one(await plan({ sslPolicy: { profile: "RESTRICTED" } }), T.sslPolicy);
    assert.deepEqual([restricted.inputs.profile, restricted.inputs.minTlsVersion], ["RESTRICTED", "TLS_1_2"]);
    const none = await plan({ sslPolicy: false });
    assert.equal(none.filter((r) => r.type === T.sslPolicy).length, 0);
    assert.equal(one(none, T.httpsProxy).inputs.sslPolicy, undefined);
  });

  it("QUIC on and off reach the proxy's quicOverride", async () => {
    assert.equal(one(await plan({ quic: true }), T.httpsProxy).inputs.quicOverride, "ENABLE");
    assert.equal(one(await plan({ quic: false }), T.httpsProxy).inputs.quicOverride, "DISABLE");
  });

  it("pre-shared first, then Google-managed, then the Secret's certificate on the proxy", async () => {
    const resources = await plan(
      { project: "hello-project", managedCertificates: [{ name: "www", domains: ["www.example.com"] }] },
      { "ingress.gcp.kubernetes.io/pre-shared-cert": "legacy-cert" },
    );
    const managed = one(resources, T.managedCertificate);
    assert.deepEqual(managed.inputs.managed, { domains: ["www.example.com"] });
    assert.equal(managed.inputs.type, "MANAGED");
    const certificate = one(resources, T.certificate);
    assert.deepEqual(one(resources, T.httpsProxy).inputs.sslCertificates, [
      "projects/hello-project/global/sslCertificates/legacy-cert",
      `${managed.name}-id`,
      `${certificate.name}-id`,
    ]);
  });
});
