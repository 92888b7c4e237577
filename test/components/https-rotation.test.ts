import { strict as assert } from "node:assert";
import { PlanDiff, diffPlans } from "../../lib/plan/diff";
import { planManifests } from "../../lib/plan/plan-manifests";
import { Plan } from "../../lib/plan/types";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CLUSTER, one, seedTlsManifests, tlsSecretYaml } from "./https-fixtures";
import { T } from "../resource-types";

describe("certificate rotation without downtime (two plans, diffed)", () => {
  let fx: TlsFixtures;
  let base: Plan;
  let head: Plan;
  let diff: PlanDiff;
  before(async function () {
    this.timeout(120_000);
    fx = tlsFixtures();
    // Same Secret name, new certificate and key: what renewing a certificate looks like.
    base = (await planManifests(seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)), CLUSTER))
      .plan;
    head = (await planManifests(seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.valid)), CLUSTER))
      .plan;
    diff = diffPlans(base, head);
  });

  const changeOf = (type: string) => diff.resources.filter((c) => c.type === type);

  it("replaces the certificate under a new name, creating the new one before deleting the old", () => {
    const [change, ...more] = changeOf(T.certificate);
    assert.equal(more.length, 0, "one change: the old and new certificate are paired, not a bare delete");
    assert.equal(change.op, "replace");
    assert.equal(change.replaceMode, "create-before-delete");
    assert.equal(change.renamedFrom, one(base.resources, T.certificate).urn);
    assert.equal(change.urn, one(head.resources, T.certificate).urn);
    assert.notEqual(change.renamedFrom, change.urn);
  });

  it("updates the HTTPS proxy in place to point at the new certificate", () => {
    const [change, ...more] = changeOf(T.httpsProxy);
    assert.equal(more.length, 0);
    assert.equal(change.op, "update");
    assert.ok(
      change.properties.some((p) => p.path.startsWith("sslCertificates")),
      JSON.stringify(change.properties),
    );
  });

  it("leaves the forwarding rules, the address, the HTTP proxy and the URL map untouched", () => {
    for (const type of [T.forwardingRule, T.address, T.httpProxy, T.urlMap, T.sslPolicy]) {
      assert.deepEqual(changeOf(type), [], `${type} changes`);
    }
    assert.equal(head.resources.filter((r) => r.type === T.forwardingRule).length, 2);
  });

  it("changes no other load balancer resource, and none deletes before replacing", () => {
    const touched = diff.resources
      .filter((c) => c.type.startsWith("gcp:"))
      .map((c) => `${c.op} ${c.type}`)
      .sort();
    assert.deepEqual(touched, [`replace ${T.certificate}`, `update ${T.httpsProxy}`]);
    for (const r of [...base.resources, ...head.resources])
      assert.notEqual(r.options?.deleteBeforeReplace, true, r.urn);
  });
});
