import { strict as assert } from "node:assert";
import { ExpiredCertificatePolicy } from "../../lib/tls/certificate";
import { expectInputError } from "../ingress/expect-input-error";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { secretSource, tlsIngress, translateTls } from "./frontend-fixtures";

const SECRET = "Secret/default/hello-ingress-secret";
/** Codes about the certificate's validity in time; the others (self-signed...) do not depend on the clock. */
const TIME_CODES = ["certificate-expired", "certificate-expires-soon", "certificate-not-yet-valid"];

/**
 * fx.expired is valid from 2020-01-01 to 2020-02-01 (UTC). Each row gives the translation its clock, so the
 * outcome depends only on the row: the translation never reads the real time.
 */
const cases: {
  name: string;
  now: string;
  policy?: ExpiredCertificatePolicy;
  want: { error: RegExp } | { codes: string[] };
}[] = [
  {
    name: "expired, no policy given: refused, as before (the core's default)",
    now: "2020-03-01T00:00:00Z",
    want: { error: /the certificate expired on 2020-02-01T00:00:00\.000Z/ },
  },
  {
    name: 'expired, policy "error": refused',
    now: "2020-03-01T00:00:00Z",
    policy: "error",
    want: { error: /the certificate expired on 2020-02-01T00:00:00\.000Z/ },
  },
  {
    name: 'expired, policy "warn": planned with certificate-expired, not also expires-soon',
    now: "2020-03-01T00:00:00Z",
    policy: "warn",
    want: { codes: ["certificate-expired"] },
  },
  {
    name: 'expired long ago, policy "warn": the same single warning',
    now: "2026-12-01T00:00:00Z",
    policy: "warn",
    want: { codes: ["certificate-expired"] },
  },
  {
    name: 'the very instant it expires is not yet expired, under "error" too',
    now: "2020-02-01T00:00:00Z",
    policy: "error",
    want: { codes: ["certificate-expires-soon"] },
  },
  {
    name: 'within its validity, policy "error": expires within 30 days',
    now: "2020-01-15T00:00:00Z",
    policy: "error",
    want: { codes: ["certificate-expires-soon"] },
  },
  {
    name: 'within its validity, policy "warn": the same',
    now: "2020-01-15T00:00:00Z",
    policy: "warn",
    want: { codes: ["certificate-expires-soon"] },
  },
  {
    name: "before its validity: not yet valid",
    now: "2019-12-31T00:00:00Z",
    policy: "warn",
    want: { codes: ["certificate-not-yet-valid"] },
  },
];

describe("translate: an expired certificate under each policy, against an injected clock", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  const translateAt = (now: string, policy?: ExpiredCertificatePolicy) =>
    translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], {
      secrets: [secretSource("hello-ingress-secret", fx.expired)],
      now: new Date(now),
      ...(policy !== undefined ? { expiredCertificate: policy } : {}),
    });

  for (const c of cases) {
    it(c.name, () => {
      if ("error" in c.want) {
        expectInputError(() => translateAt(c.now, c.policy), {
          object: SECRET,
          field: "data.tls.crt",
          problem: "expired",
          hint: "renew it",
        });
        assert.throws(() => translateAt(c.now, c.policy), c.want.error);
        return;
      }
      const model = translateAt(c.now, c.policy);
      const codes = model.warnings.map((w) => w.code).filter((code) => TIME_CODES.includes(code));
      assert.deepEqual(codes.sort(), c.want.codes);
      // The load balancer is planned with the certificate either way.
      assert.equal(model.frontend.https?.certificates.length, 1);
      assert.equal(model.frontend.https?.certificates[0].notAfter, "2020-02-01T00:00:00.000Z");
    });
  }

  it("the certificate-expired warning names the Secret's field and the date, and no key material", () => {
    const model = translateAt("2020-03-01T00:00:00Z", "warn");
    const warning = model.warnings.find((w) => w.code === "certificate-expired");
    assert.deepEqual(warning?.origin, {
      file: "secrets.yaml",
      line: 1,
      object: SECRET,
      field: "data.tls.crt",
    });
    assert.match(warning?.message ?? "", /expired\.example\.com expired on 2020-02-01T00:00:00\.000Z/);
    const keyLine = fx.expired.privateKeyPem.split("\n")[1];
    assert.ok(!JSON.stringify(model).includes(keyLine), "key material in the model");
  });

  it("refuses a policy it does not know, listing those it does", () => {
    expectInputError(
      () =>
        translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }])], {
          secrets: [secretSource("hello-ingress-secret", fx.valid)],
          expiredCertificate: "warning" as ExpiredCertificatePolicy,
        }),
      {
        field: "expiredCertificate",
        problem: 'unknown expired certificate policy "warning"',
        hint: "expected one of error, warn",
      },
    );
  });
});
