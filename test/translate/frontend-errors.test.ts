import { strict as assert } from "node:assert";
import { InputError } from "../../lib/errors";
import { SecretObject } from "../../lib/tls/secret";
import { TlsCertificatePem, TlsSecretSource, secretSourceFromPem } from "../../lib/translate/frontend";
import { expectInputError, ExpectedInputError } from "../ingress/expect-input-error";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { gkeManifests, secretSource, tlsIngress, translateTls } from "./frontend-fixtures";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const SECRET = "Secret/default/hello-ingress-secret";

/** A Secret source whose object is `hello-ingress-secret` with the data given. */
function rawSecret(data: Record<string, string>, extra: Partial<SecretObject> = {}): TlsSecretSource {
  return {
    object: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "hello-ingress-secret", namespace: "default" },
      type: "kubernetes.io/tls",
      data,
      ...extra,
    },
    location: { file: "secret.yaml", line: 1 },
  };
}

describe("translate: bad TLS input is one clear error naming the Secret and the field", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  /** Every key of the fixtures, by the base64 body line a leak would show. */
  const keyLines = () =>
    [fx.seed, fx.valid, fx.expired].flatMap((pem) => [
      pem.privateKeyPem.split("\n")[1],
      b64(pem.privateKeyPem).slice(0, 40),
    ]);

  const cases: { name: string; secrets: () => TlsSecretSource[]; want: ExpectedInputError }[] = [
    {
      name: "a Secret without tls.crt",
      secrets: () => [rawSecret({ "tls.key": b64(fx.seed.privateKeyPem) })],
      want: { object: SECRET, field: "data.tls.crt", problem: "has no tls.crt" },
    },
    {
      name: "a Secret without tls.key",
      secrets: () => [rawSecret({ "tls.crt": b64(fx.seed.certificatePem) })],
      want: { object: SECRET, field: "data.tls.key", problem: "has no tls.key" },
    },
    {
      name: "bad base64",
      secrets: () => [
        rawSecret({ "tls.crt": b64(fx.seed.certificatePem), "tls.key": fx.seed.privateKeyPem }),
      ],
      want: { object: SECRET, field: "data.tls.key", problem: "not valid base64" },
    },
    {
      name: "a PEM that does not parse",
      secrets: () => [
        rawSecret({
          "tls.crt": b64("-----BEGIN CERTIFICATE-----\nnope\n"),
          "tls.key": b64(fx.seed.privateKeyPem),
        }),
      ],
      want: { object: SECRET, field: "data.tls.crt", problem: "does not parse" },
    },
    {
      name: "a key that does not match",
      secrets: () => [
        rawSecret({ "tls.crt": b64(fx.seed.certificatePem), "tls.key": b64(fx.valid.privateKeyPem) }),
      ],
      want: { object: SECRET, field: "data.tls.key", problem: "does not match" },
    },
    {
      name: "an expired certificate",
      secrets: () => [secretSource("hello-ingress-secret", fx.expired)],
      want: { object: SECRET, field: "data.tls.crt", problem: "expired" },
    },
    {
      name: "a Secret that is neither of type kubernetes.io/tls nor Opaque",
      secrets: () => [
        rawSecret(
          { "tls.crt": b64(fx.seed.certificatePem), "tls.key": b64(fx.seed.privateKeyPem) },
          { type: "kubernetes.io/basic-auth" },
        ),
      ],
      want: { object: SECRET, field: "type" },
    },
  ];

  for (const c of cases) {
    it(`${c.name}; the message holds no key material`, () => {
      const error: InputError = expectInputError(
        () => translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], { secrets: c.secrets() }),
        c.want,
      );
      for (const line of keyLines()) assert.ok(!error.message.includes(line), "key material in the message");
    });
  }

  it("PEM from stack config: errors name the config key instead of data.tls.key", () => {
    const pem: TlsCertificatePem = {
      secretName: "hello-ingress-secret",
      certificatePem: fx.seed.certificatePem,
      privateKeyPem: fx.valid.privateKeyPem,
      sources: { certificate: "ingress-glb:tlsCertificate", privateKey: "ingress-glb:tlsPrivateKey" },
    };
    expectInputError(
      () =>
        translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], {
          secrets: [secretSourceFromPem(pem)],
        }),
      { object: SECRET, field: "ingress-glb:tlsPrivateKey", problem: "does not match" },
    );
  });

  it("a ManagedCertificate the annotation names but the manifests lack, with the nearest name", () => {
    expectInputError(
      () =>
        translateTls(
          [tlsIngress([], { "networking.gke.io/managed-certificates": "shop-crt" })],
          gkeManifests(
            "apiVersion: networking.gke.io/v1\nkind: ManagedCertificate\nmetadata: {name: shop-cert}\nspec: {domains: [shop.example.com]}",
          ),
        ),
      {
        object: "Ingress/default/hello-ingress-tls",
        field: 'metadata.annotations["networking.gke.io/managed-certificates"]',
        problem: 'ManagedCertificate "shop-crt" not found',
        hint: 'did you mean "shop-cert"?',
      },
    );
  });

  it("a wildcard domain on a Google-managed certificate", () => {
    expectInputError(
      () =>
        translateTls([tlsIngress([])], {
          managedCertificates: [{ name: "apps", domains: ["*.apps.example.com"] }],
        }),
      { field: "managedCertificates[0].domains[0]", problem: "wildcard" },
    );
  });

  it("a pre-shared certificate name GCP would refuse", () => {
    expectInputError(
      () => translateTls([tlsIngress([], { "ingress.gcp.kubernetes.io/pre-shared-cert": "My_Cert" })], {}),
      {
        object: "Ingress/default/hello-ingress-tls",
        field: 'metadata.annotations["ingress.gcp.kubernetes.io/pre-shared-cert"]',
        problem: '"My_Cert" is not a valid',
      },
    );
  });
});
