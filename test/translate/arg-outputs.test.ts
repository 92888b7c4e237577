import { strict as assert } from "node:assert";
import { BackendOptions, checkBackendOptions, OptionFail } from "../../lib/translate/backend-options";
import { FrontendInput } from "../../lib/translate/frontend";
import { translate } from "../../lib/translate/translate";
import { seedIngress, seedServices } from "./fixtures";

// Names the components' args give as outputs reach the pure core as references to their args: the core
// keeps them as they are and leaves their checks to GCP; plain names are checked as before.

const STATIC_IP = "kubernetes.io/ingress.global-static-ip-name";
const PRE_SHARED = "ingress.gcp.kubernetes.io/pre-shared-cert";

function model(extra: { staticIpName?: string | { arg: string }; frontend?: Partial<FrontendInput> } = {}) {
  return translate({
    name: "lb",
    ingresses: [seedIngress({ annotations: { [STATIC_IP]: "from-annotation", [PRE_SHARED]: "annotated" } })],
    services: seedServices(),
    staticIpName: extra.staticIpName,
    frontend: { now: new Date("2026-01-01T00:00:00Z"), ...extra.frontend },
  });
}

function securityPolicyFailure(name: string | { arg: string }): string | undefined {
  const fail: OptionFail = (_path, problem) => {
    throw new Error(problem);
  };
  try {
    checkBackendOptions({ securityPolicy: { name } } satisfies BackendOptions, fail);
    return undefined;
  } catch (caught) {
    return (caught as Error).message;
  }
}

describe("translate: names given as outputs (references to args)", () => {
  it("staticIpName: a reference wins over the annotation, as a plain name does", () => {
    assert.deepEqual(model({ staticIpName: { arg: "staticIpName" } }).frontend.staticIp, {
      kind: "existing",
      name: { arg: "staticIpName" },
    });
    assert.deepEqual(model({ staticIpName: "plain-ip" }).frontend.staticIp, {
      kind: "existing",
      name: "plain-ip",
    });
  });

  it("staticIpName: a plain name is checked, a reference is not", () => {
    assert.throws(() => model({ staticIpName: "Bad_Name" }), /not a valid GCP address name/);
    assert.doesNotThrow(() => model({ staticIpName: { arg: "staticIpName" } }));
  });

  it("preSharedCertificates: references are kept in order after the annotation's, plain names deduplicated", () => {
    const https = model({
      frontend: {
        preSharedCertificates: [
          { arg: "preSharedCertificates[0]" },
          "annotated",
          { arg: "preSharedCertificates[2]" },
        ],
      },
    }).frontend.https;
    assert.deepEqual(
      https?.preSharedCertificates.map((c) => c.name),
      ["annotated", { arg: "preSharedCertificates[0]" }, { arg: "preSharedCertificates[2]" }],
    );
    assert.deepEqual(
      https?.preSharedCertificates.slice(1).map((c) => c.origin.field),
      ["preSharedCertificates[0]", "preSharedCertificates[2]"],
    );
    assert.throws(
      () =>
        model({ frontend: { preSharedCertificates: [{ arg: "preSharedCertificates[0]" }, "Not_Valid"] } }),
      /"Not_Valid" is not a valid Compute Engine SSL certificate name/,
    );
  });

  it("sslPolicy: a reference is an existing policy, unchecked; a plain name is checked", () => {
    assert.deepEqual(model({ frontend: { sslPolicy: { arg: "sslPolicy" } } }).frontend.https?.sslPolicy, {
      kind: "existing",
      name: { arg: "sslPolicy" },
    });
    assert.throws(
      () => model({ frontend: { sslPolicy: "Bad_Policy" } }),
      /"Bad_Policy" is not a valid SSL policy name/,
    );
  });

  it("securityPolicy: a plain name is checked, a reference is not", () => {
    assert.match(securityPolicyFailure("Bad Name") ?? "", /not a valid security policy name/);
    assert.equal(securityPolicyFailure("edge-armor"), undefined);
    assert.equal(
      securityPolicyFailure({ arg: 'backendOptions["default/users-node-svc:80"].securityPolicy.name' }),
      undefined,
    );
  });
});
