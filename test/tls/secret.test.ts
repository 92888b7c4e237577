import assert from "node:assert/strict";
import { InputError, Origin } from "../../lib/errors";
import { checkCertificate } from "../../lib/tls/certificate";
import { SecretObject, decodeBase64Strict, findTlsSecret, readTlsSecret } from "../../lib/tls/secret";
import { TlsFixtures, tlsFixtures } from "./fixtures";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

function tlsSecret(
  name: string,
  data: Record<string, string>,
  extra: Partial<SecretObject> = {},
): SecretObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace: "default" },
    type: "kubernetes.io/tls",
    data,
    ...extra,
  };
}

/** Asserts an InputError naming the object and field, whose message matches `problem`. */
function expectInputError(run: () => unknown, object: string, field: string, problem: RegExp): InputError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.equal(caught.origin.object, object);
  assert.equal(caught.origin.field, field);
  assert.ok(caught.message.includes(`${object}: ${field}: `), caught.message);
  assert.match(caught.message, problem);
  return caught;
}

describe("readTlsSecret", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  const object = "Secret/default/hello-ingress-secret";

  it("decodes base64 data into PEM and records where it came from", () => {
    const secret = tlsSecret("hello-ingress-secret", {
      "tls.crt": b64(fx.seed.certificatePem),
      "tls.key": b64(fx.seed.privateKeyPem),
    });
    const material = readTlsSecret(secret, { file: "secret.yaml", line: 12 });
    assert.equal(material.certificatePem, fx.seed.certificatePem);
    assert.equal(material.privateKeyPem, fx.seed.privateKeyPem);
    assert.deepEqual(material.origin, { file: "secret.yaml", line: 12, object });
    assert.deepEqual(material.fields, { certificate: "data.tls.crt", privateKey: "data.tls.key" });
  });

  it("defaults the namespace to default", () => {
    const secret = tlsSecret("s", { "tls.crt": b64("x"), "tls.key": b64("y") }, { metadata: { name: "s" } });
    assert.equal(readTlsSecret(secret).origin.object, "Secret/default/s");
  });

  it("reads PEM in clear from stringData", () => {
    const secret = tlsSecret(
      "hello-ingress-secret",
      {},
      {
        stringData: { "tls.crt": fx.valid.certificatePem, "tls.key": fx.valid.privateKeyPem },
      },
    );
    delete secret.data;
    const material = readTlsSecret(secret);
    assert.equal(material.certificatePem, fx.valid.certificatePem);
    assert.deepEqual(material.fields, {
      certificate: "stringData.tls.crt",
      privateKey: "stringData.tls.key",
    });
  });

  it("lets stringData win over data, as the API server does", () => {
    const secret = tlsSecret(
      "hello-ingress-secret",
      { "tls.crt": b64("old"), "tls.key": b64(fx.valid.privateKeyPem) },
      { stringData: { "tls.crt": fx.valid.certificatePem } },
    );
    const material = readTlsSecret(secret);
    assert.equal(material.certificatePem, fx.valid.certificatePem);
    assert.deepEqual(material.fields, { certificate: "stringData.tls.crt", privateKey: "data.tls.key" });
  });

  it("accepts base64 wrapped over several lines", () => {
    const wrapped = b64(fx.valid.certificatePem).replace(/(.{76})/g, "$1\n");
    assert.ok(wrapped.includes("\n"));
    const secret = tlsSecret("s", { "tls.crt": wrapped, "tls.key": b64(fx.valid.privateKeyPem) });
    assert.equal(readTlsSecret(secret).certificatePem, fx.valid.certificatePem);
  });

  it("refuses a Secret without tls.crt", () => {
    const secret = tlsSecret("hello-ingress-secret", { "tls.key": b64(fx.valid.privateKeyPem) });
    expectInputError(() => readTlsSecret(secret), object, "data.tls.crt", /the Secret has no tls\.crt/);
  });

  it("refuses a Secret without tls.key", () => {
    const secret = tlsSecret("hello-ingress-secret", { "tls.crt": b64(fx.valid.certificatePem) });
    expectInputError(() => readTlsSecret(secret), object, "data.tls.key", /the Secret has no tls\.key/);
  });

  it("refuses a Secret with no data at all, naming tls.crt first", () => {
    const secret = tlsSecret("hello-ingress-secret", {});
    delete secret.data;
    expectInputError(() => readTlsSecret(secret), object, "data.tls.crt", /no tls\.crt/);
  });

  it("refuses empty values", () => {
    const secret = tlsSecret("hello-ingress-secret", {
      "tls.crt": "",
      "tls.key": b64(fx.valid.privateKeyPem),
    });
    expectInputError(() => readTlsSecret(secret), object, "data.tls.crt", /tls\.crt is empty/);
  });

  describe("base64", () => {
    const invalid: [string, string][] = [
      ["a character outside the alphabet", "YWJj$GVm"],
      ["missing padding", "YWI"],
      ["a space inside", "YWJj ZGVm"],
      ["URL-safe alphabet", "-_-_"],
      ["padding in the middle", "YQ==YWJj"],
    ];
    for (const [what, value] of invalid) {
      it(`refuses ${what}, without echoing the value`, () => {
        const secret = tlsSecret("hello-ingress-secret", {
          "tls.crt": b64(fx.valid.certificatePem),
          "tls.key": value,
        });
        const error = expectInputError(
          () => readTlsSecret(secret),
          object,
          "data.tls.key",
          /tls\.key is not valid base64/,
        );
        assert.ok(!error.message.includes(value), error.message);
      });
    }

    it("refuses what Buffer.from would quietly accept", () => {
      // The reason for the strict decoder: Node skips the bad characters and decodes the rest.
      assert.equal(Buffer.from("YW*Jj", "base64").toString(), "abc");
      assert.equal(decodeBase64Strict("YW*Jj"), undefined);
      assert.equal(decodeBase64Strict("YWJj"), "abc");
      assert.equal(decodeBase64Strict("YWI="), "ab");
      assert.equal(decodeBase64Strict("YQ==\r\n"), "a");
    });

    it("points PEM pasted in clear under data to stringData, without echoing the key", () => {
      const secret = tlsSecret("hello-ingress-secret", {
        "tls.crt": b64(fx.valid.certificatePem),
        "tls.key": fx.valid.privateKeyPem,
      });
      const error = expectInputError(() => readTlsSecret(secret), object, "data.tls.key", /not valid base64/);
      assert.match(error.hint ?? "", /stringData/);
      assert.doesNotMatch(error.message, /PRIVATE KEY|[A-Za-z0-9+/=]{32}/);
    });
  });

  it("refuses a Secret of another type, naming the type", () => {
    const secret = tlsSecret(
      "hello-ingress-secret",
      { "tls.crt": b64("x"), "tls.key": b64("y") },
      { type: "kubernetes.io/basic-auth" },
    );
    expectInputError(
      () => readTlsSecret(secret),
      object,
      "type",
      /type "kubernetes\.io\/basic-auth", but a TLS Secret must have type kubernetes\.io\/tls \(or Opaque/,
    );
  });

  it("reads an Opaque Secret with tls.crt and tls.key, as GKE does (typed Opaque, or without type)", () => {
    const typed = tlsSecret(
      "hello-ingress-secret",
      { "tls.crt": b64("c"), "tls.key": b64("k") },
      { type: "Opaque" },
    );
    assert.deepEqual([readTlsSecret(typed).certificatePem, readTlsSecret(typed).privateKeyPem], ["c", "k"]);
    const untyped = tlsSecret("hello-ingress-secret", { "tls.crt": b64("c"), "tls.key": b64("k") });
    delete untyped.type;
    assert.equal(readTlsSecret(untyped).certificatePem, "c");
    // Opaque or not, the keys are still needed.
    expectInputError(
      () => readTlsSecret(tlsSecret("hello-ingress-secret", { "tls.crt": b64("c") }, { type: "Opaque" })),
      object,
      "data.tls.key",
      /has no tls\.key/,
    );
  });

  it("refuses an object that is not a Secret", () => {
    const secret = tlsSecret("hello-ingress-secret", {}, { kind: "ConfigMap" });
    expectInputError(() => readTlsSecret(secret), object, "kind", /expected kind Secret, found "ConfigMap"/);
  });

  it("refuses data that is not a map", () => {
    const secret = {
      ...tlsSecret("hello-ingress-secret", {}),
      data: "tls.crt" as unknown as Record<string, string>,
    };
    expectInputError(() => readTlsSecret(secret), object, "data", /expected a map/);
  });

  it("feeds checkCertificate so its errors name the Secret and the stringData field", () => {
    const secret: SecretObject = {
      kind: "Secret",
      metadata: { name: "web", namespace: "shop" },
      type: "kubernetes.io/tls",
      stringData: { "tls.crt": fx.valid.certificatePem, "tls.key": fx.otherKeyPem },
    };
    const material = readTlsSecret(secret, { file: "shop.yaml" });
    const error = expectInputError(
      () => checkCertificate({ ...material, now: new Date() }),
      "Secret/shop/web",
      "stringData.tls.key",
      /private key does not match the certificate/,
    );
    assert.equal(error.origin.file, "shop.yaml");
  });
});

describe("findTlsSecret", () => {
  const ingressField: Origin = {
    file: "ingress.yaml",
    object: "Ingress/default/hello-ingress",
    field: "spec.tls[0].secretName",
  };
  const secret = (name: string, namespace?: string, kind = "Secret"): SecretObject => ({
    kind,
    metadata: { name, namespace },
    type: "kubernetes.io/tls",
  });
  const ref = (secretName: string, namespace = "default") => ({
    secretName,
    namespace,
    origin: ingressField,
  });

  it("finds the Secret of that name in the Ingress's namespace", () => {
    const wanted = secret("web", "shop");
    const found = findTlsSecret(ref("web", "shop"), [
      secret("web", "default"),
      wanted,
      secret("other", "shop"),
    ]);
    assert.equal(found, wanted);
  });

  it("treats a Secret without namespace as in default", () => {
    const wanted = secret("hello-ingress-secret");
    assert.equal(findTlsSecret(ref("hello-ingress-secret"), [wanted]), wanted);
  });

  it("suggests the nearest existing name for a typo, pointing at the Ingress field", () => {
    const error = expectInputError(
      () => findTlsSecret(ref("hello-ingress-secret"), [secret("hello-ingress-serect"), secret("unrelated")]),
      "Ingress/default/hello-ingress",
      "spec.tls[0].secretName",
      /Secret "hello-ingress-secret" not found in namespace "default" \(did you mean "hello-ingress-serect"\?\)/,
    );
    assert.equal(error.origin.file, "ingress.yaml");
  });

  it("does not suggest names from other namespaces, but says when the name exists there", () => {
    const error = expectInputError(
      () => findTlsSecret(ref("web", "shop"), [secret("web", "default"), secret("wab", "default")]),
      "Ingress/default/hello-ingress",
      "spec.tls[0].secretName",
      /not found in namespace "shop"/,
    );
    assert.match(error.hint ?? "", /exists in namespace "default".*own namespace/);
  });

  it("gives no suggestion when nothing is close", () => {
    const error = expectInputError(
      () => findTlsSecret(ref("hello-ingress-secret"), [secret("db-password")]),
      "Ingress/default/hello-ingress",
      "spec.tls[0].secretName",
      /not found/,
    );
    assert.equal(error.hint, undefined);
  });

  it("ignores objects that are not Secrets", () => {
    expectInputError(
      () => findTlsSecret(ref("web"), [secret("web", "default", "ConfigMap")]),
      "Ingress/default/hello-ingress",
      "spec.tls[0].secretName",
      /not found/,
    );
  });
});
