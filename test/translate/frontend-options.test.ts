import { strict as assert } from "node:assert";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { expectInputError } from "../ingress/expect-input-error";
import {
  ClockedFrontendInput,
  gkeManifests,
  secretSource,
  tlsIngress,
  translateTls,
} from "./frontend-fixtures";

const FRONTEND_CONFIG = "networking.gke.io/v1beta1.FrontendConfig";

/** A FrontendConfig manifest named `name` with `spec` (YAML flow mapping). */
const frontendConfig = (name: string, spec: string) =>
  [
    "apiVersion: networking.gke.io/v1beta1",
    "kind: FrontendConfig",
    `metadata: {name: ${name}}`,
    `spec: ${spec}`,
  ].join("\n");

describe("translate: HTTPS frontend options", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  /** The seed with its Secret, plus the options and annotations given. */
  const https = (options: ClockedFrontendInput = {}, annotations: Record<string, string> = {}) => {
    const model = translateTls([tlsIngress([{ secretName: "hello-ingress-secret" }], annotations)], {
      secrets: [secretSource("hello-ingress-secret", fx.seed)],
      ...options,
    });
    assert.ok(model.frontend.https, "HTTPS is served");
    return { model, https: model.frontend.https };
  };

  describe("SSL policy", () => {
    it("by default a created MODERN policy with TLS 1.2 minimum", () => {
      assert.deepEqual(https().https.sslPolicy, {
        kind: "create",
        name: "hello-ingress-tls-ssl-policy",
        profile: "MODERN",
        minTlsVersion: "TLS_1_2",
      });
    });

    it("an existing policy by name, from the option or the FrontendConfig; the option wins", () => {
      assert.deepEqual(https({ sslPolicy: "corp-tls" }).https.sslPolicy, {
        kind: "existing",
        name: "corp-tls",
      });
      const gke = gkeManifests(frontendConfig("fc", "{sslPolicy: gke-policy}"));
      assert.deepEqual(https(gke, { [FRONTEND_CONFIG]: "fc" }).https.sslPolicy, {
        kind: "existing",
        name: "gke-policy",
      });
      assert.deepEqual(
        https({ ...gke, sslPolicy: "corp-tls" }, { [FRONTEND_CONFIG]: "fc" }).https.sslPolicy,
        {
          kind: "existing",
          name: "corp-tls",
        },
      );
    });

    it("settings of its own, or none at all", () => {
      assert.deepEqual(https({ sslPolicy: { profile: "RESTRICTED" } }).https.sslPolicy, {
        kind: "create",
        name: "hello-ingress-tls-ssl-policy",
        profile: "RESTRICTED",
        minTlsVersion: "TLS_1_2",
      });
      assert.equal(https({ sslPolicy: false }).https.sslPolicy, undefined);
    });

    it("refuses an unknown profile or an invalid policy name", () => {
      expectInputError(() => https({ sslPolicy: { profile: "modern" as never } }), {
        field: "sslPolicy.profile",
        problem: 'unknown SSL profile "modern"',
      });
      expectInputError(() => https({ sslPolicy: "Corp_TLS" }), { field: "sslPolicy" });
    });
  });

  describe("QUIC", () => {
    it("on, off, or Google's default", () => {
      assert.equal(https({ quic: true }).https.quic, "ENABLE");
      assert.equal(https({ quic: false }).https.quic, "DISABLE");
      assert.equal(https().https.quic, "NONE");
    });
  });

  describe("HTTP to HTTPS redirect", () => {
    it("none by default: :80 serves the URL map", () => {
      assert.equal(https().https.redirectToHttps, undefined);
    });

    it("the option answers 301 from a redirect URL map of its own", () => {
      assert.deepEqual(https({ redirectToHttps: true }).https.redirectToHttps, {
        urlMapName: "hello-ingress-tls-https-redirect",
        responseCode: "MOVED_PERMANENTLY_DEFAULT",
      });
    });

    it("the FrontendConfig's redirectToHttps, with its response code; the option false wins", () => {
      const gke = gkeManifests(
        frontendConfig("fc", "{redirectToHttps: {enabled: true, responseCodeName: FOUND}}"),
      );
      assert.equal(https(gke, { [FRONTEND_CONFIG]: "fc" }).https.redirectToHttps?.responseCode, "FOUND");
      assert.equal(
        https({ ...gke, redirectToHttps: false }, { [FRONTEND_CONFIG]: "fc" }).https.redirectToHttps,
        undefined,
      );
      const off = gkeManifests(frontendConfig("fc", "{redirectToHttps: {enabled: false}}"));
      assert.equal(https(off, { [FRONTEND_CONFIG]: "fc" }).https.redirectToHttps, undefined);
    });

    it("refuses a redirect when allow-http is false: nothing listens on :80", () => {
      expectInputError(
        () => https({ redirectToHttps: true }, { "kubernetes.io/ingress.allow-http": "false" }),
        {
          object: "Ingress/default/hello-ingress-tls",
          field: 'metadata.annotations["kubernetes.io/ingress.allow-http"]',
        },
      );
    });

    it("refuses a redirect without any certificate to serve HTTPS with", () => {
      expectInputError(() => translateTls([tlsIngress([])], { redirectToHttps: true }), {
        field: "redirectToHttps",
        problem: "no certificate",
      });
    });

    it("refuses an unknown response code in the FrontendConfig, naming its field", () => {
      const gke = gkeManifests(
        frontendConfig("fc", "{redirectToHttps: {enabled: true, responseCodeName: MOVED}}"),
      );
      expectInputError(() => https(gke, { [FRONTEND_CONFIG]: "fc" }), {
        object: "FrontendConfig/default/fc",
        field: "spec.redirectToHttps.responseCodeName",
      });
    });
  });

  describe("allow-http", () => {
    it('"false" with a certificate: HTTPS only, no :80', () => {
      const { model } = https({}, { "kubernetes.io/ingress.allow-http": "false" });
      assert.equal(model.frontend.http, false);
    });
  });

  describe("FrontendConfig lookup", () => {
    it("refuses a missing FrontendConfig, with the nearest name", () => {
      const gke = gkeManifests(frontendConfig("hello-frontend", "{sslPolicy: p}"));
      expectInputError(() => https(gke, { [FRONTEND_CONFIG]: "hello-frontnd" }), {
        object: "Ingress/default/hello-ingress-tls",
        field: `metadata.annotations["${FRONTEND_CONFIG}"]`,
        hint: 'did you mean "hello-frontend"?',
      });
    });

    it("refuses Ingresses of one load balancer whose FrontendConfigs disagree", () => {
      const gke = gkeManifests(
        [frontendConfig("a", "{redirectToHttps: {enabled: true}}"), "---", frontendConfig("b", "{}")].join(
          "\n",
        ),
      );
      const ingresses = [
        tlsIngress([{ secretName: "hello-ingress-secret" }], { [FRONTEND_CONFIG]: "a" }),
        tlsIngress([], { [FRONTEND_CONFIG]: "b" }, { name: "other", rules: [], defaultBackend: undefined }),
      ];
      assert.throws(
        () => translateTls(ingresses, { ...gke, secrets: [secretSource("hello-ingress-secret", fx.seed)] }),
        /share one load balancer but their FrontendConfigs differ/,
      );
    });
  });

  it("options that need HTTPS, set without any certificate, are warned about", () => {
    const model = translateTls([tlsIngress([])], { sslPolicy: "corp-tls", quic: true });
    assert.equal(model.frontend.https, undefined);
    assert.deepEqual(
      model.warnings.filter((w) => w.code === "https-option-unused").map((w) => w.origin?.field),
      ["sslPolicy", "quic"],
    );
  });
});
