import { strict as assert } from "assert";
import { frontendConfigFor, readFrontendConfig } from "../../lib/ingress/frontend-config";
import { parseManifests } from "../../lib/ingress/manifests";
import { ingress } from "../translate/fixtures";
import { expectInputError } from "./expect-input-error";

function frontendConfig(spec: string, name = "fc", namespace = "default") {
  const yaml = `apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec}`;
  const [m] = parseManifests(yaml, "frontend.yaml").frontendConfigs;
  return readFrontendConfig(m.object, m.origin, m.lineOf);
}

describe("FrontendConfig", () => {
  it("reads sslPolicy and redirectToHttps with its response code", () => {
    const info = frontendConfig(
      "  sslPolicy: modern-tls\n  redirectToHttps: {enabled: true, responseCodeName: PERMANENT_REDIRECT}",
    );
    assert.deepEqual(info.settings, {
      sslPolicy: "modern-tls",
      redirectToHttps: { enabled: true, responseCodeName: "PERMANENT_REDIRECT" },
    });
  });

  it("a redirect without enabled is off, and an empty sslPolicy is none (GKE's reading)", () => {
    const info = frontendConfig('  sslPolicy: ""\n  redirectToHttps: {responseCodeName: FOUND}');
    assert.deepEqual(info.settings, { redirectToHttps: { enabled: false, responseCodeName: "FOUND" } });
  });

  const bad: { what: string; spec: string; field: string; text: string }[] = [
    {
      what: "an unknown response code, with the nearest",
      spec: "  redirectToHttps: {enabled: true, responseCodeName: PERMANENT_REDIRCT}",
      field: "spec.redirectToHttps.responseCodeName",
      text: 'did you mean "PERMANENT_REDIRECT"?',
    },
    {
      what: "a quoted enabled",
      spec: '  redirectToHttps: {enabled: "true"}',
      field: "spec.redirectToHttps.enabled",
      text: "without quotes",
    },
    {
      what: "an invalid policy name",
      spec: "  sslPolicy: Modern_TLS",
      field: "spec.sslPolicy",
      text: "not a valid SSL policy name",
    },
    {
      what: "a misspelt field",
      spec: "  redirectToHTTPS: {enabled: true}",
      field: "spec.redirectToHTTPS",
      text: 'did you mean "redirectToHttps"?',
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.what}, naming the object, field and line`, () => {
      const error = expectInputError(() => frontendConfig(c.spec), {
        file: "frontend.yaml",
        line: 5,
        object: "FrontendConfig/default/fc",
        field: c.field,
      });
      assert.ok(error.message.includes(c.text), error.message);
    });
  }

  it("finds the FrontendConfig an Ingress names in its namespace", () => {
    const configs = [frontendConfig("  sslPolicy: a", "fc"), frontendConfig("  sslPolicy: b", "fc", "other")];
    const ing = ingress([{ paths: [["/", "Prefix", "web"]] }], {
      annotations: { "networking.gke.io/v1beta1.FrontendConfig": "fc" },
    });
    assert.deepEqual(frontendConfigFor(ing, configs), { sslPolicy: "a" });
    assert.equal(frontendConfigFor(ingress([{ paths: [["/", "Prefix", "web"]] }]), configs), undefined);
  });

  it("an unknown name is an error naming the Ingress and the annotation, with the nearest name", () => {
    const ing = ingress([{ paths: [["/", "Prefix", "web"]] }], {
      annotations: { "networking.gke.io/v1beta1.FrontendConfig": "shop-frontnd" },
    });
    expectInputError(() => frontendConfigFor(ing, [frontendConfig("  sslPolicy: a", "shop-frontend")]), {
      object: "Ingress/default/hello-ingress",
      field: 'metadata.annotations["networking.gke.io/v1beta1.FrontendConfig"]',
      hint: 'did you mean "shop-frontend"?',
    });
  });
});
