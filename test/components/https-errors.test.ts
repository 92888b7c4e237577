import { strict as assert } from "node:assert";
import { IngressManifests, IngressManifestsArgs } from "../../lib/components/ingress-manifests";
import { InputError } from "../../lib/errors";
import { recordPlan } from "../../lib/plan/engine";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CLUSTER, seedTlsManifests, tlsSecretYaml } from "./https-fixtures";

describe("bad TLS input fails before anything is registered", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  /** Runs IngressManifests under the engine; returns the error and every custom resource it saw registered. */
  async function attempt(args: Omit<IngressManifestsArgs, "instanceGroups" | "nodeTags">) {
    const registered: string[] = [];
    let error: unknown;
    try {
      await recordPlan(
        () => {
          new IngressManifests("hello", { ...CLUSTER, ...args });
        },
        {
          newResource: (r) => {
            registered.push(`${r.type} ${r.name}`);
            return undefined;
          },
        },
      );
    } catch (caught) {
      error = caught;
    }
    return { error, registered };
  }

  /** Like `attempt`, expecting an InputError. */
  async function refused(args: Omit<IngressManifestsArgs, "instanceGroups" | "nodeTags">) {
    const { error, registered } = await attempt(args);
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return { error, registered };
  }

  it("(control) the same program with a good Secret does register, through the same hook", async () => {
    const { error, registered } = await attempt({
      manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)),
    });
    assert.equal(error, undefined);
    assert.ok(
      registered.some((r) => r.startsWith("gcp:compute/sSLCertificate:SSLCertificate ")),
      registered.join(),
    );
  });

  it('an expired certificate, with expiredCertificate: "error" (the default warns)', async () => {
    const { error, registered } = await refused({
      manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.expired)),
      expiredCertificate: "error",
    });
    assert.match(
      error.message,
      /Secret\/default\/hello-ingress-secret: data\.tls\.crt: the certificate expired/,
    );
    assert.deepEqual(registered, []);
  });

  it("more than 15 certificates on the proxy", async () => {
    const preShared = Array.from({ length: 15 }, (_, i) => `cert-${i}`);
    const { error, registered } = await refused({
      manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)),
      preSharedCertificates: preShared,
    });
    assert.match(error.message, /16 certificates for one HTTPS proxy/);
    assert.deepEqual(registered, []);
  });

  it("a Secret given both as a manifest and as PEM", async () => {
    const { error, registered } = await refused({
      manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed)),
      tlsCertificates: [{ secretName: "hello-ingress-secret", ...fx.seed }],
    });
    assert.match(error.message, /TLS Secret default\/hello-ingress-secret is given twice/);
    assert.deepEqual(registered, []);
  });
});
