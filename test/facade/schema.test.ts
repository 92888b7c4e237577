import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ExpiredCertificateAction, LoadBalancerScheme } from "../../lib/facade";
import { AnalyzedPackage, analyzedPackage } from "./package-schema";

const COMPONENT = "ingress-glb:index:IngressGlb";
const rootPackage = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as {
  version: string;
};

/** A schema property, with both of its forms (a type, or a reference to one) readable. */
interface Property {
  type?: string;
  $ref?: string;
  items?: Property;
  plain?: boolean;
  description?: string;
}
const typeRef = (name: string) => `#/types/ingress-glb:index:${name}`;

describe("the package schema Pulumi's component analyzer makes of provider/", () => {
  let analyzed: AnalyzedPackage;
  before(async function () {
    // The analyzer builds a TypeScript program of the package; on a shared machine that takes a while.
    this.timeout(300_000);
    analyzed = await analyzedPackage();
  });
  const schema = () => analyzed.schema;
  const component = () => schema().resources[COMPONENT];
  const input = (name: string) => component().inputProperties?.[name] as Property;
  const typeOf = (name: string) => {
    const type = schema().types[`ingress-glb:index:${name}`];
    return { ...type, properties: type.properties as Record<string, Property> | undefined };
  };

  it("finds IngressGlb alone in the entry, as package ingress-glb with no namespace", () => {
    assert.deepEqual(analyzed.components, ["IngressGlb"]);
    assert.equal(schema().name, "ingress-glb");
    assert.equal(schema().namespace, undefined);
    // provider/package.json gives the version; it is the library's own.
    assert.equal(schema().version, rootPackage.version);
    assert.deepEqual(Object.keys(schema().resources), [COMPONENT]);
    assert.equal(component().isComponent, true);
    assert.match(component().description ?? "", /YAML text/);
  });

  it("describes every input and output of every component, and every property of every object type", () => {
    const undescribed: string[] = [];
    const check = (where: string, properties: Record<string, Property> | undefined) => {
      for (const [name, property] of Object.entries(properties ?? {})) {
        if (!property.description?.trim()) undescribed.push(`${where}.${name}`);
      }
    };
    for (const [token, resource] of Object.entries(schema().resources)) {
      check(`${token} input`, resource.inputProperties);
      check(`${token} output`, resource.properties);
    }
    for (const [token, type] of Object.entries(schema().types)) {
      if (type.enum) {
        for (const member of type.enum) if (!member.description) undescribed.push(`${token}.${member.name}`);
      } else {
        check(token, type.properties);
      }
    }
    assert.deepEqual(undescribed, []);
  });

  it("has the inputs and outputs of IngressGlb, the manifests and the cluster required", () => {
    assert.deepEqual(Object.keys(component().inputProperties ?? {}).sort(), [
      "defaultBackendNamespace",
      "existing",
      "expiredCertificate",
      "healthCheck",
      "iapClients",
      "instanceGroups",
      "ipv6",
      "managedCertificates",
      "manifests",
      "negDefault",
      "network",
      "nodeTags",
      "preSharedCertificates",
      "project",
      "protectAddress",
      "proxyOnlySubnet",
      "quic",
      "redirectToHttps",
      "region",
      "retainAddressOnDelete",
      "scheme",
      "sslPolicyName",
      "staticIpName",
      "subnetwork",
      "tlsCertificates",
      "zones",
    ]);
    assert.deepEqual(component().requiredInputs, ["instanceGroups", "manifests", "nodeTags"]);
    const outputs = ["ipAddresses", "loadBalancerNames", "skippedIngresses", "urlMapNames", "warnings"];
    assert.deepEqual(Object.keys(component().properties ?? {}).sort(), outputs);
    assert.deepEqual(component().required, outputs);
    for (const name of outputs) {
      const output = component().properties?.[name] as Property;
      assert.deepEqual([output.type, output.items?.type], ["array", "string"], name);
    }
  });

  it("takes the manifests as plain YAML texts: every decision reads them at construction", () => {
    assert.deepEqual(
      { type: input("manifests").type, items: input("manifests").items, plain: input("manifests").plain },
      { type: "array", items: { type: "string", plain: true }, plain: true },
    );
  });

  it("takes the cluster's instance groups, tags, network and project as inputs (outputs of other resources)", () => {
    for (const name of ["instanceGroups", "nodeTags"]) {
      assert.deepEqual(input(name).items, { type: "string" }, `${name}: a list of inputs`);
    }
    for (const name of ["network", "project"]) {
      assert.deepEqual([input(name).type, input(name).plain], ["string", undefined], name);
    }
  });

  it("takes the names of an existing address, SSL policy and certificates as inputs (outputs of other resources)", () => {
    for (const name of ["staticIpName", "sslPolicyName"]) {
      assert.deepEqual([input(name).type, input(name).plain], ["string", undefined], name);
    }
    assert.deepEqual(input("preSharedCertificates").items, { type: "string" });
  });

  it("maps the scheme and the expired-certificate action to enums with the values the core reads", () => {
    assert.equal(input("scheme").$ref, typeRef("LoadBalancerScheme"));
    assert.deepEqual(
      typeOf("LoadBalancerScheme").enum?.map((m) => m.value),
      Object.values(LoadBalancerScheme),
    );
    assert.deepEqual(
      typeOf("LoadBalancerScheme").enum?.map((m) => m.value),
      ["EXTERNAL", "EXTERNAL_MANAGED"],
    );
    assert.equal(input("expiredCertificate").$ref, typeRef("ExpiredCertificateAction"));
    assert.deepEqual(
      typeOf("ExpiredCertificateAction").enum?.map((m) => m.value),
      Object.values(ExpiredCertificateAction),
    );
    assert.deepEqual(
      typeOf("ExpiredCertificateAction").enum?.map((m) => m.value),
      ["warn", "error"],
    );
  });

  it("takes TLS keys and OAuth client secrets as inputs, so a secret output can be passed, documented as secret", () => {
    assert.equal(input("tlsCertificates").items?.$ref, typeRef("TlsCertificate"));
    assert.equal(input("iapClients").items?.$ref, typeRef("IapOAuthClient"));
    const tls = typeOf("TlsCertificate").properties ?? {};
    const iap = typeOf("IapOAuthClient").properties ?? {};
    for (const [where, property] of [
      ["TlsCertificate.privateKeyPem", tls.privateKeyPem],
      ["TlsCertificate.certificatePem", tls.certificatePem],
      ["IapOAuthClient.clientSecret", iap.clientSecret],
      ["IapOAuthClient.clientId", iap.clientId],
    ] as const) {
      assert.deepEqual([property.type, property.plain], ["string", undefined], `${where}: an input`);
    }
    assert.match(tls.privateKeyPem.description ?? "", /^Secret: /);
    assert.match(iap.clientSecret.description ?? "", /^Secret: /);
    assert.deepEqual(typeOf("TlsCertificate").required, ["certificatePem", "privateKeyPem", "secretName"]);
  });

  it("has named object types for the health check and managed certificates (no inline object type)", () => {
    assert.equal(input("healthCheck").$ref, typeRef("HealthCheckSettings"));
    assert.deepEqual(Object.keys(typeOf("HealthCheckSettings").properties ?? {}).sort(), [
      "checkIntervalSec",
      "healthyThreshold",
      "requestPath",
      "timeoutSec",
      "unhealthyThreshold",
    ]);
    assert.equal(input("managedCertificates").items?.$ref, typeRef("ManagedCertificate"));
    assert.deepEqual(typeOf("ManagedCertificate").properties?.domains.items?.type, "string");
  });
});
