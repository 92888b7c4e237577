import assert from "node:assert/strict";
import { X509Certificate, createHash } from "node:crypto";
import { InputError, Origin } from "../../lib/errors";
import {
  CertificateInput,
  certificateFingerprint,
  checkCertificate,
  nameCovers,
} from "../../lib/tls/certificate";
import { Pem, SEED_CN, TlsFixtures, tlsFixtures } from "./fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;
const origin: Origin = {
  file: "manifests/secret.yaml",
  object: "Secret/default/hello-ingress-secret",
  line: 3,
};

/** Checks against the real clock unless told: the fixtures are made relative to it. */
function check(pem: Pem, extra: Partial<CertificateInput> = {}) {
  return checkCertificate({ ...pem, origin, now: new Date(), ...extra });
}

/** Asserts an InputError on `field` whose message matches `problem`, and that no key material leaks into it. */
function expectInputError(run: () => unknown, field: string, problem: RegExp): InputError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.equal(caught.origin.field, field);
  assert.match(caught.message, problem);
  assert.ok(caught.message.includes(field), `message should name ${field}: ${caught.message}`);
  assert.doesNotMatch(caught.message, /PRIVATE KEY|[A-Za-z0-9+/=]{32}/);
  return caught;
}

describe("checkCertificate", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  describe("a valid certificate", () => {
    it("returns its DNS SANs, expiry and fingerprint, with no warnings", () => {
      const result = check(fx.valid, { hosts: ["hello.example.com", "api.apps.example.com"] });
      assert.deepEqual(result.names, ["hello.example.com", "*.apps.example.com"]);
      assert.equal(result.fingerprint256, new X509Certificate(fx.valid.certificatePem).fingerprint256);
      const daysLeft = (result.notAfter.getTime() - Date.now()) / DAY_MS;
      assert.ok(daysLeft > 363 && daysLeft <= 366, `notAfter ${result.notAfter.toISOString()}`);
      assert.deepEqual(result.warnings, []);
    });

    it("accepts ECDSA P-256 and P-384 keys", () => {
      assert.deepEqual(check(fx.ecP256).names, ["ec.example.com"]);
      assert.deepEqual(check(fx.ecP384).names, ["ec.example.com"]);
    });

    it("accepts the seed's openssl genrsa / req -new / x509 -req certificate and names it by its CN", () => {
      const result = check(fx.seed, { hosts: [SEED_CN] });
      assert.deepEqual(result.names, [SEED_CN]);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.selfSigned, true);
      assert.equal(result.fingerprint, certificateFingerprint(fx.seed.certificatePem));
    });
  });

  describe("chains", () => {
    it("takes the first PEM block as the leaf", () => {
      const result = check(fx.chain);
      assert.deepEqual(result.names, ["leaf.example.com"]);
      assert.equal(result.fingerprint256, new X509Certificate(fx.chain.certificatePem).fingerprint256);
      assert.notEqual(result.fingerprint256, new X509Certificate(fx.caCertificatePem).fingerprint256);
      assert.equal(result.selfSigned, false, "a CA-issued leaf is not self-signed");
    });

    it("refuses a chain whose first block is the CA rather than the leaf", () => {
      const leafPem = fx.chain.certificatePem.slice(0, fx.chain.certificatePem.indexOf(fx.caCertificatePem));
      const reversed = { ...fx.chain, certificatePem: fx.caCertificatePem + leafPem };
      const error = expectInputError(() => check(reversed), "data.tls.key", /does not match the certificate/);
      assert.match(error.hint ?? "", /leaf/);
    });
  });

  describe("errors", () => {
    it("keeps the given origin and names the field", () => {
      const error = expectInputError(
        () => check({ ...fx.valid, certificatePem: "not a certificate" }),
        "data.tls.crt",
        /does not parse/,
      );
      assert.deepEqual(error.origin, { ...origin, field: "data.tls.crt" });
      assert.ok(
        error.message.startsWith(
          "manifests/secret.yaml:3: Secret/default/hello-ingress-secret: data.tls.crt:",
        ),
      );
    });

    it("uses the fields it is given, e.g. stringData", () => {
      expectInputError(
        () =>
          check(
            { ...fx.valid, privateKeyPem: fx.otherKeyPem },
            { fields: { certificate: "stringData.tls.crt", privateKey: "stringData.tls.key" } },
          ),
        "stringData.tls.key",
        /does not match/,
      );
    });

    it("refuses a truncated certificate", () => {
      const pem = fx.valid.certificatePem;
      const truncated = pem.slice(0, pem.length / 2) + "\n-----END CERTIFICATE-----\n";
      expectInputError(
        () => check({ ...fx.valid, certificatePem: truncated }),
        "data.tls.crt",
        /does not parse/,
      );
    });

    it("refuses a private key that does not parse", () => {
      expectInputError(
        () => check({ ...fx.valid, privateKeyPem: "garbage" }),
        "data.tls.key",
        /does not parse/,
      );
    });

    it("spots tls.crt and tls.key swapped without echoing the key", () => {
      const swapped = { certificatePem: fx.valid.privateKeyPem, privateKeyPem: fx.valid.certificatePem };
      const error = expectInputError(() => check(swapped), "data.tls.crt", /does not parse/);
      assert.match(error.hint ?? "", /swapped/);
    });

    it("refuses an encrypted private key", () => {
      expectInputError(
        () => check({ ...fx.valid, privateKeyPem: fx.encryptedKeyPem }),
        "data.tls.key",
        /encrypted/,
      );
    });

    it("refuses a key that belongs to another certificate", () => {
      expectInputError(
        () => check({ ...fx.valid, privateKeyPem: fx.otherKeyPem }),
        "data.tls.key",
        /private key does not match the certificate/,
      );
      expectInputError(
        () => check({ ...fx.ecP256, privateKeyPem: fx.ecP384.privateKeyPem }),
        "data.tls.key",
        /does not match/,
      );
    });

    it("refuses a truly expired certificate, giving its expiry date", () => {
      expectInputError(
        () => check(fx.expired),
        "data.tls.crt",
        /certificate expired on 2020-02-01T00:00:00\.000Z/,
      );
    });

    it("refuses a certificate expired at the given time", () => {
      const now = new Date(Date.now() + 400 * DAY_MS);
      expectInputError(() => check(fx.valid, { now }), "data.tls.crt", /certificate expired on/);
    });

    it("refuses an RSA key under 2048 bits", () => {
      expectInputError(
        () => check(fx.rsa1024),
        "data.tls.key",
        /RSA key is too weak: 1024 bits, at least 2048/,
      );
    });

    it("refuses an EC curve other than P-256 and P-384", () => {
      expectInputError(() => check(fx.ecP521), "data.tls.key", /curve secp521r1/);
    });

    it("refuses key types Google Cloud does not serve", () => {
      expectInputError(() => check(fx.ed25519), "data.tls.key", /key type ed25519 is not supported/);
    });
  });

  describe("warnings", () => {
    it("warns about a certificate that really expires within 30 days", () => {
      const result = check(fx.expiringSoon);
      assert.deepEqual(
        result.warnings.map((w) => w.code),
        ["certificate-expires-soon"],
      );
      assert.match(result.warnings[0].message, /expires on .* in (9|10) days/);
      assert.equal(result.warnings[0].origin?.field, "data.tls.crt");
    });

    it("warns at 29 days left but not at 31", () => {
      const notAfter = check(fx.valid).notAfter.getTime();
      const at = (days: number) => check(fx.valid, { now: new Date(notAfter - days * DAY_MS) }).warnings;
      assert.deepEqual(
        at(29).map((w) => w.code),
        ["certificate-expires-soon"],
      );
      assert.deepEqual(at(31), []);
    });

    it("warns about a certificate that is not valid yet", () => {
      const now = new Date(Date.now() - 30 * DAY_MS);
      assert.deepEqual(
        check(fx.valid, { now }).warnings.map((w) => w.code),
        ["certificate-not-yet-valid"],
      );
    });

    it("warns about each host the certificate does not cover", () => {
      const hosts = ["other.example.com", "apps.example.com", "a.b.apps.example.com", "HELLO.example.com."];
      const warnings = check(fx.valid, { hosts }).warnings;
      assert.deepEqual(
        warnings.map((w) => w.code),
        ["certificate-host-not-covered", "certificate-host-not-covered", "certificate-host-not-covered"],
      );
      assert.match(warnings[0].message, /"other\.example\.com"/);
      assert.match(warnings[1].message, /"apps\.example\.com"/);
      assert.match(warnings[2].message, /"a\.b\.apps\.example\.com"/);
      assert.deepEqual(warnings[0].origin, { ...origin, field: "data.tls.crt" });
    });

    it("checks hosts against the CN when the certificate has no DNS SANs", () => {
      const warnings = check(fx.seed, { hosts: ["www.example.com"] }).warnings;
      assert.deepEqual(
        warnings.map((w) => w.code),
        ["certificate-host-not-covered"],
      );
    });

    it("ignores the CN when DNS SANs exist, as browsers do", () => {
      const result = check(fx.ecP256, { hosts: ["cn-only.example.com", "ec.example.com"] });
      assert.deepEqual(result.names, ["ec.example.com"]);
      assert.deepEqual(
        result.warnings.map((w) => w.message),
        ['host "cn-only.example.com" is not covered by the certificate (names: ec.example.com)'],
      );
    });
  });
});

describe("nameCovers", () => {
  const cases: [string, string, boolean][] = [
    ["foo.com", "foo.com", true],
    ["foo.com", "FOO.com.", true],
    ["foo.com", "www.foo.com", false],
    ["*.foo.com", "www.foo.com", true],
    ["*.foo.com", "WWW.Foo.Com", true],
    ["*.foo.com", "foo.com", false],
    ["*.foo.com", "a.b.foo.com", false],
    ["*.foo.com", ".foo.com", false],
    ["*.foo.com", "xfoo.com", false],
    ["*.foo.com", "*.foo.com", true],
    ["*.foo.com", "*.b.foo.com", false],
    ["www.foo.com", "*.foo.com", false],
  ];
  for (const [name, host, covered] of cases) {
    it(`${name} ${covered ? "covers" : "does not cover"} ${host}`, () => {
      assert.equal(nameCovers(name, host), covered);
    });
  }
});

describe("certificateFingerprint", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  it("is the first 8 hex characters of the SHA-256 of the leaf DER", () => {
    const raw = new X509Certificate(fx.valid.certificatePem).raw;
    const expected = createHash("sha256").update(raw).digest("hex").slice(0, 8);
    assert.equal(certificateFingerprint(fx.valid.certificatePem), expected);
    assert.match(expected, /^[0-9a-f]{8}$/);
  });

  it("is stable for the same certificate and changes when it is rotated", () => {
    assert.equal(
      certificateFingerprint(fx.valid.certificatePem),
      certificateFingerprint(fx.valid.certificatePem),
    );
    assert.notEqual(
      certificateFingerprint(fx.valid.certificatePem),
      certificateFingerprint(fx.seed.certificatePem),
    );
  });

  it("depends only on the leaf, not on the chain after it", () => {
    const leafPem = fx.chain.certificatePem.slice(0, fx.chain.certificatePem.indexOf(fx.caCertificatePem));
    assert.equal(certificateFingerprint(fx.chain.certificatePem), certificateFingerprint(leafPem));
  });

  it("throws an InputError for a certificate that does not parse", () => {
    assert.throws(
      () => certificateFingerprint("nope", 8, { object: "Secret/default/x", field: "data.tls.crt" }),
      (error: unknown) =>
        error instanceof InputError && /Secret\/default\/x: data\.tls\.crt/.test(error.message),
    );
  });
});
