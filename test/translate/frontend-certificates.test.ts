import { strict as assert } from "node:assert";
import { InputError } from "../../lib/errors";
import { certificateFingerprint } from "../../lib/tls/certificate";
import { MAX_CERTIFICATES_PER_PROXY } from "../../lib/translate/frontend";
import { GCP_NAME_PATTERN, LOGICAL_NAME_MAX } from "../../lib/translate/names";
import { SEED_CN, TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { ingress } from "./fixtures";
import { gkeManifests, secretSource, tlsIngress, translateTls } from "./frontend-fixtures";

/** The base64 body of a PEM block (its second line): what a leak of the key would contain. */
const bodyLine = (pem: string) => pem.split("\n")[1];

describe("translate: HTTPS certificates", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  it("the seed: one certificate from hello-ingress-secret, named after its fingerprint, 443 beside 80", () => {
    const model = translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], {
      secrets: [secretSource("hello-ingress-secret", fx.seed)],
    });
    const fingerprint = certificateFingerprint(fx.seed.certificatePem);
    assert.equal(model.frontend.http, true);
    const https = model.frontend.https;
    assert.ok(https);
    assert.deepEqual(
      https.certificates.map((c) => ({
        name: c.name,
        secret: c.secret,
        fingerprint: c.fingerprint,
        names: c.names,
      })),
      [
        {
          name: `hello-ingress-tls-hello-ingress-secret-${fingerprint}`,
          secret: "default/hello-ingress-secret",
          fingerprint,
          names: [SEED_CN],
        },
      ],
    );
    assert.equal(https.proxyName, "hello-ingress-tls-https-proxy");
    assert.equal(https.forwardingRuleName, "hello-ingress-tls-https");
    assert.deepEqual(https.preSharedCertificates, []);
    assert.deepEqual(https.managedCertificates, []);
    assert.deepEqual(
      model.warnings.map((w) => w.code),
      ["certificate-self-signed"],
    );
  });

  it("keeps the PEM out of the model: it names the Secret, never holds the key or the certificate", () => {
    const model = translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], {
      secrets: [secretSource("hello-ingress-secret", fx.seed)],
    });
    const text = JSON.stringify(model);
    assert.ok(!text.includes(bodyLine(fx.seed.privateKeyPem)), "the key is in the model");
    assert.ok(!text.includes(bodyLine(fx.seed.certificatePem)), "the certificate is in the model");
    assert.ok(!text.includes("PRIVATE KEY"));
  });

  it("new certificate content gets a new name (create before delete); the same content keeps it", () => {
    const nameWith = (pem: typeof fx.seed) =>
      translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], {
        secrets: [secretSource("hello-ingress-secret", pem)],
      }).frontend.https?.certificates[0].name;
    const before = nameWith(fx.seed);
    const after = nameWith(fx.valid);
    assert.notEqual(before, after);
    assert.equal(nameWith(fx.seed), before);
    assert.ok(after?.endsWith(certificateFingerprint(fx.valid.certificatePem)));
  });

  it("long names stay valid GCP names that autonaming can extend, and still change with the content", () => {
    const long = "a-very-long-load-balancer-name-for-a-team-that-likes-long-names";
    const secret = "wildcard-certificate-of-the-apps-domain-renewed-every-quarter";
    const names = [fx.seed, fx.valid].map(
      (pem) =>
        translateTls([tlsIngress([{ secretName: secret }])], { secrets: [secretSource(secret, pem)] }, long)
          .frontend.https?.certificates[0].name ?? "",
    );
    for (const name of names) {
      assert.match(name, GCP_NAME_PATTERN);
      assert.ok(name.length <= LOGICAL_NAME_MAX, name);
    }
    assert.notEqual(names[0], names[1]);
  });

  it("several Secrets: one certificate each, in tls[] order", () => {
    const model = translateTls(
      [
        tlsIngress([
          { secretName: "hello", hosts: ["hello.example.com"] },
          { secretName: "ec", hosts: ["ec.example.com"] },
        ]),
      ],
      { secrets: [secretSource("ec", fx.ecP256), secretSource("hello", fx.valid)] },
    );
    assert.deepEqual(
      model.frontend.https?.certificates.map((c) => [c.secret, c.hosts]),
      [
        ["default/hello", ["hello.example.com"]],
        ["default/ec", ["ec.example.com"]],
      ],
    );
  });

  it("entries naming one Secret, and Secrets holding one certificate, share one GCP certificate", () => {
    const model = translateTls(
      [
        tlsIngress([
          { secretName: "hello", hosts: ["hello.example.com"] },
          { secretName: "hello", hosts: ["x.apps.example.com"] },
          { secretName: "hello-copy", hosts: ["y.apps.example.com"] },
        ]),
      ],
      { secrets: [secretSource("hello", fx.valid), secretSource("hello-copy", fx.valid)] },
    );
    const certificates = model.frontend.https?.certificates ?? [];
    assert.equal(certificates.length, 1);
    assert.deepEqual(certificates[0].hosts, [
      "hello.example.com",
      "x.apps.example.com",
      "y.apps.example.com",
    ]);
  });

  it("order on the proxy: pre-shared (annotation, then option) first, then managed, then the Secrets'", () => {
    const gke = gkeManifests(
      [
        "apiVersion: networking.gke.io/v1",
        "kind: ManagedCertificate",
        "metadata: {name: shop-cert}",
        "spec: {domains: [shop.example.com]}",
      ].join("\n"),
    );
    const model = translateTls(
      [
        tlsIngress([{ secretName: "hello" }], {
          "ingress.gcp.kubernetes.io/pre-shared-cert": "legacy-cert, partner-cert",
          "networking.gke.io/managed-certificates": "shop-cert",
        }),
      ],
      {
        ...gke,
        secrets: [secretSource("hello", fx.valid)],
        preSharedCertificates: ["extra-cert", "legacy-cert"],
        managedCertificates: [{ name: "api", domains: ["api.example.com", "www.example.com"] }],
      },
    );
    const https = model.frontend.https;
    assert.ok(https);
    assert.deepEqual(
      https.preSharedCertificates.map((c) => c.name),
      ["legacy-cert", "partner-cert", "extra-cert"],
    );
    assert.deepEqual(
      https.managedCertificates.map((c) => c.domains),
      [["shop.example.com"], ["api.example.com", "www.example.com"]],
    );
    assert.equal(https.certificates.length, 1);
    assert.equal(
      model.warnings.filter((w) => w.code === "managed-certificate-provisioning").length,
      2,
      "each managed certificate carries the provisioning caveat",
    );
  });

  it("a managed certificate's name changes with its domains (the resource cannot be edited)", () => {
    const nameFor = (domains: string[]) =>
      translateTls([tlsIngress([])], { managedCertificates: [{ name: "site", domains }] }).frontend.https
        ?.managedCertificates[0].name;
    assert.notEqual(nameFor(["a.example.com"]), nameFor(["a.example.com", "b.example.com"]));
    assert.equal(nameFor(["a.example.com", "b.example.com"]), nameFor(["b.example.com", "a.example.com"]));
  });

  it(`${MAX_CERTIFICATES_PER_PROXY} certificates plan; one more is refused, naming where it came from`, () => {
    const preShared = Array.from({ length: MAX_CERTIFICATES_PER_PROXY - 1 }, (_, i) => `cert-${i}`);
    const input = {
      secrets: [secretSource("hello-ingress-secret", fx.seed)],
      preSharedCertificates: preShared,
    };
    const ing = tlsIngress([{ secretName: "hello-ingress-secret" }]);
    const model = translateTls([ing], input);
    assert.equal(model.frontend.https?.preSharedCertificates.length, MAX_CERTIFICATES_PER_PROXY - 1);

    assert.throws(
      () =>
        translateTls([ing], {
          ...input,
          managedCertificates: [{ name: "www", domains: ["www.example.com"] }],
        }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /16 certificates for one HTTPS proxy .*at most 15/);
        assert.equal(error.origin.object, "Secret/default/hello-ingress-secret");
        return true;
      },
    );
  });

  it("hosts: tls[].hosts the certificate misses, and routed hosts no certificate covers, are warned about", () => {
    const ing = ingress(
      [
        { host: "hello.example.com", paths: [["/", "Prefix", "users-node-svc"]] },
        { host: "shop.other.com", paths: [["/", "Prefix", "products-node-svc"]] },
      ],
      {
        name: "hello-ingress-tls",
        tls: [
          {
            hosts: ["hello.example.com", "shop.other.com"],
            secretName: "hello",
            origin: { object: "Ingress/default/hello-ingress-tls", field: "spec.tls[0].secretName" },
          },
        ],
      },
    );
    const model = translateTls([ing], { secrets: [secretSource("hello", fx.valid)] });
    const codes = model.warnings.map((w) => w.code);
    assert.ok(codes.includes("certificate-host-not-covered"), codes.join());
    const uncovered = model.warnings.filter((w) => w.code === "host-without-certificate");
    assert.deepEqual(
      uncovered.map((w) => w.message.match(/host "([^"]+)"/)?.[1]),
      ["shop.other.com"],
    );
  });

  it("a certificate expiring within 30 days plans, with a warning", () => {
    const model = translateTls([tlsIngress([{ secretName: "soon" }])], {
      secrets: [secretSource("soon", fx.expiringSoon)],
    });
    assert.ok(model.frontend.https);
    assert.ok(model.warnings.some((w) => w.code === "certificate-expires-soon"));
  });

  it("no certificate at all: no HTTPS; a tls entry without secretName says why", () => {
    const model = translateTls([tlsIngress([{ hosts: ["hello.example.com"] }])], {});
    assert.equal(model.frontend.https, undefined);
    assert.equal(model.frontend.http, true);
    assert.deepEqual(
      model.warnings.map((w) => w.code),
      ["tls-without-certificate"],
    );
  });

  it("allow-http false with only a managed certificate serves HTTPS alone", () => {
    const model = translateTls([tlsIngress([], { "kubernetes.io/ingress.allow-http": "false" })], {
      managedCertificates: [{ name: "www", domains: ["www.example.com"] }],
    });
    assert.equal(model.frontend.http, false);
    assert.equal(model.frontend.https?.managedCertificates.length, 1);
  });
});
