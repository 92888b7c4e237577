import { strict as assert } from "node:assert";
import { ManifestPlan, planManifests } from "../../lib/plan/plan-manifests";
import { gcpName } from "../../lib/translate/names";
import { SECRET_MARKER } from "../../lib/plan/types";
import { certificateFingerprint } from "../../lib/tls/certificate";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CLUSTER, one, seedTlsManifests, tlsSecretYaml } from "./https-fixtures";
import { T } from "../resource-types";

describe("the seed's hello-ingress-tls.yaml with its Secret, as `ingress-glb plan` runs it", () => {
  let fx: TlsFixtures;
  let planned: ManifestPlan;
  before(async function () {
    this.timeout(120_000);
    fx = tlsFixtures();
    planned = await planManifests(seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)), CLUSTER);
  });

  const resources = () => planned.plan.resources;
  const placeholder = (urn: string, property: string) =>
    planned.plan.placeholders?.find((p) => p.urn === urn && p.property === property)?.value;

  it("registers a certificate, an HTTPS proxy, an SSL policy, :443 beside :80, and the Kubernetes Secret", () => {
    const count = (type: string) => resources().filter((r) => r.type === type).length;
    assert.equal(count(T.certificate), 1);
    assert.equal(count(T.httpsProxy), 1);
    assert.equal(count(T.httpProxy), 1);
    assert.equal(count(T.sslPolicy), 1);
    assert.equal(count(T.address), 1);
    assert.equal(count(T.secret), 1);
    assert.deepEqual(
      resources()
        .filter((r) => r.type === T.forwardingRule)
        .map((r) => r.inputs.portRange)
        .sort(),
      ["443", "80"],
    );
  });

  it("serves :80 and :443 on one address", () => {
    const address = one(resources(), T.address);
    const ip = placeholder(address.urn, "address");
    assert.ok(typeof ip === "string" && ip !== "");
    for (const rule of resources().filter((r) => r.type === T.forwardingRule)) {
      assert.equal(rule.inputs.ipAddress, ip, `${rule.name} is on the shared address`);
      assert.ok(rule.dependencies.includes(address.urn));
    }
  });

  it("the :443 rule targets the HTTPS proxy, which serves the main URL map with the certificate", () => {
    const proxy = one(resources(), T.httpsProxy);
    const certificate = one(resources(), T.certificate);
    const https = resources().find((r) => r.type === T.forwardingRule && r.inputs.portRange === "443");
    assert.ok(https?.dependencies.includes(proxy.urn));
    assert.equal(https?.inputs.target, `${proxy.name}-id`);
    assert.deepEqual(proxy.inputs.sslCertificates, [`${certificate.name}-id`]);
    assert.ok(proxy.dependencies.includes(certificate.urn));
    assert.equal(
      proxy.inputs.urlMap,
      one(resources(), T.httpProxy).inputs.urlMap,
      "both proxies serve the same URL map",
    );
    assert.equal(proxy.inputs.quicOverride, "NONE");
    const policy = one(resources(), T.sslPolicy);
    assert.deepEqual([policy.inputs.profile, policy.inputs.minTlsVersion], ["MODERN", "TLS_1_2"]);
    assert.equal(proxy.inputs.sslPolicy, `${policy.name}-id`);
  });

  it("the certificate: named after its fingerprint, autonamed, key secret, never delete-before-replace", () => {
    const certificate = one(resources(), T.certificate);
    // `<lb>-<secret>-<fingerprint>`, or shortened with a hash of all three when that is too long.
    const fingerprint = certificateFingerprint(fx.seed.certificatePem);
    assert.equal(
      certificate.name,
      gcpName(["ingress-glb-default-hello-ingress-tls", "hello-ingress-secret", fingerprint]),
    );
    assert.equal(
      certificate.inputs.name,
      undefined,
      "no fixed GCP name: a replacement could not create first",
    );
    assert.equal(certificate.inputs.privateKey, SECRET_MARKER);
    assert.ok(certificate.secretPaths.includes("privateKey"));
    assert.notEqual(certificate.options?.deleteBeforeReplace, true);
  });

  it("the Kubernetes TLS Secret keeps its name and type, its data a secret", () => {
    const secret = one(resources(), T.secret);
    assert.deepEqual(secret.inputs.metadata, { name: "hello-ingress-secret", namespace: "default" });
    assert.equal(secret.inputs.type, "kubernetes.io/tls");
    assert.equal(secret.inputs.data, SECRET_MARKER);
    assert.ok(secret.secretPaths.includes("data"));
  });

  it("routes as the HTTP seed does, and warns that the seed's certificate is self-signed", () => {
    assert.deepEqual(
      planned.plan.routes.map((r) => [r.path, r.service]),
      [
        ["/users/*", "users-node-svc"],
        ["/products/*", "products-node-svc"],
      ],
    );
    assert.ok(planned.plan.warnings.some((w) => w.code === "certificate-self-signed"));
  });
});
