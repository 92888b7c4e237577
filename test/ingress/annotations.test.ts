import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  ALLOW_HTTP_ANNOTATION,
  GLOBAL_STATIC_IP_ANNOTATION,
  INGRESS_CLASS_ANNOTATION,
  MANAGED_CERTIFICATES_ANNOTATION,
  PRE_SHARED_CERT_ANNOTATION,
  readIngressAnnotations,
  REGIONAL_STATIC_IP_ANNOTATION,
} from "../../lib/ingress/annotations";
import { loadManifests, parseManifests } from "../../lib/ingress/manifests";
import { normalizeIngress } from "../../lib/ingress/normalize";
import { expectInputError } from "./expect-input-error";

const SEED = path.resolve(__dirname, "../fixtures/seed");
const FIXTURES = path.resolve(__dirname, "../fixtures/manifests");

/** Reads the annotations of an Ingress written with `annotations` (YAML lines, already indented). */
function annotationsOf(lines: string[]) {
  const text = [
    "apiVersion: networking.k8s.io/v1",
    "kind: Ingress",
    "metadata:",
    "  name: web",
    "  annotations:",
    ...lines.map((line) => `    ${line}`),
    "spec:",
    "  defaultBackend: {service: {name: web, port: {number: 80}}}",
  ].join("\n");
  const manifest = parseManifests(text, "ing.yaml").ingresses[0];
  return readIngressAnnotations(
    normalizeIngress(manifest.object, manifest.origin, manifest.lineOf),
    manifest.lineOf,
  );
}

describe("readIngressAnnotations", () => {
  it("reads the seed's static IP name, with GKE's defaults for the rest", () => {
    const manifest = loadManifests([path.join(SEED, "hello-ingress-staticip.yaml")]).ingresses[0];
    assert.deepEqual(readIngressAnnotations(normalizeIngress(manifest.object, manifest.origin)), {
      staticIpName: "hello-ingress-ip",
      allowHttp: true,
      preSharedCerts: [],
      managedCertificates: [],
      misspelt: [],
    });
  });

  it("reads allow-http false from the v1 fixture", () => {
    const manifest = loadManifests([path.join(FIXTURES, "shop", "ingress.yaml")]).ingresses[0];
    const read = readIngressAnnotations(normalizeIngress(manifest.object, manifest.origin));
    assert.equal(read.allowHttp, false);
    assert.equal(read.staticIpName, "shop-ip");
  });

  it("splits certificate lists on commas, trimming and dropping empty entries", () => {
    const read = annotationsOf([
      `${PRE_SHARED_CERT_ANNOTATION}: " cert-a, cert-b ,,"`,
      `${MANAGED_CERTIFICATES_ANNOTATION}: shop-cert`,
    ]);
    assert.deepEqual(read.preSharedCerts, ["cert-a", "cert-b"]);
    assert.deepEqual(read.managedCertificates, ["shop-cert"]);
  });

  it("reads the FrontendConfig as written (the class is decided in ingress-class.ts)", () => {
    const read = annotationsOf([
      "networking.gke.io/v1beta1.FrontendConfig: shop-frontend",
      `${INGRESS_CLASS_ANNOTATION}: nginx`,
    ]);
    assert.equal(read.frontendConfig, "shop-frontend");
    assert.deepEqual(read.misspelt, []);
  });

  it("accepts the spellings of true and false that GKE accepts", () => {
    for (const text of ["false", "False", "FALSE", "0", "f"]) {
      assert.equal(annotationsOf([`${ALLOW_HTTP_ANNOTATION}: "${text}"`]).allowHttp, false, text);
    }
    for (const text of ["true", "True", "1", "t"]) {
      assert.equal(annotationsOf([`${ALLOW_HTTP_ANNOTATION}: "${text}"`]).allowHttp, true, text);
    }
  });

  it("refuses an allow-http value that is not a boolean, naming the annotation and its line", () => {
    expectInputError(() => annotationsOf(["foo: bar", `${ALLOW_HTTP_ANNOTATION}: "no"`]), {
      file: "ing.yaml",
      line: 7,
      object: "Ingress/default/web",
      field: `metadata.annotations["${ALLOW_HTTP_ANNOTATION}"]`,
      problem: 'must be "true" or "false", found "no"',
    });
  });

  it("refuses a regional static IP, pointing to the global annotation", () => {
    expectInputError(() => annotationsOf([`${REGIONAL_STATIC_IP_ANNOTATION}: shop-ip`]), {
      file: "ing.yaml",
      line: 6,
      object: "Ingress/default/web",
      field: `metadata.annotations["${REGIONAL_STATIC_IP_ANNOTATION}"]`,
      problem: "a regional static IP cannot serve a global load balancer",
      hint: GLOBAL_STATIC_IP_ANNOTATION,
    });
  });

  it("refuses both a regional and a global static IP", () => {
    expectInputError(
      () =>
        annotationsOf([
          `${GLOBAL_STATIC_IP_ANNOTATION}: shop-ip`,
          `${REGIONAL_STATIC_IP_ANNOTATION}: shop-regional-ip`,
        ]),
      {
        file: "ing.yaml",
        line: 7,
        field: `metadata.annotations["${REGIONAL_STATIC_IP_ANNOTATION}"]`,
        problem: "both a regional and a global static IP are set",
        hint: `remove ${REGIONAL_STATIC_IP_ANNOTATION}`,
      },
    );
  });

  it("flags annotations that look like a typo of one we read, but not GKE's status annotations", () => {
    const read = annotationsOf([
      "kubernetes.io/ingress.global-static-ip: shop-ip",
      "ingress.kubernetes.io/ssl-cert: k8s2-cr-abc",
      "kubectl.kubernetes.io/last-applied-configuration: '{}'",
    ]);
    assert.equal(read.staticIpName, undefined);
    assert.deepEqual(read.misspelt, [
      {
        annotation: "kubernetes.io/ingress.global-static-ip",
        hint: `did you mean "${GLOBAL_STATIC_IP_ANNOTATION}"?`,
      },
    ]);
  });
});
