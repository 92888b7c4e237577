import { strict as assert } from "node:assert";
import { REPLACE_RULES, forcesReplacement } from "../../lib/plan/replace-properties";
import gcpForceNew from "../../lib/plan/provider-facts/gcp-force-new.json";
import { GCP_RESOURCES, GcpForceNewTable } from "../../lib/plan/provider-facts/gcp-resources";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { CLUSTER, seedTlsManifests, tlsSecretYaml } from "../components/https-fixtures";
import { TEST_CERTIFICATE } from "../lifecycle/test-certificates";
import { EXAMPLE_STACKS, planExampleStack } from "../lifecycle/example-stacks";
import { T } from "../resource-types";

const table = gcpForceNew as GcpForceNewTable;

/** Every node of an input value as a table path: object keys joined by dots, list items as `[*]`. */
function inputPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => inputPaths(item, `${prefix}[*]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const here = prefix ? `${prefix}.${key}` : key;
    return [here, ...inputPaths(child, here)];
  });
}

/** True when the provider takes `path`: listed itself, or a key of a listed map (`labels.*`). */
function providerTakes(inputs: readonly string[], path: string): boolean {
  return (
    inputs.includes(path) ||
    inputs.some(
      (input) =>
        input.endsWith(".*") &&
        path.startsWith(input.slice(0, -1)) &&
        !path.slice(input.length - 1).includes("."),
    )
  );
}

describe("provider facts: GCP ForceNew table", () => {
  it("names its source: terraform-provider-google-beta v7.45.0 at its release commit", () => {
    assert.deepEqual(table.source, {
      repository: "hashicorp/terraform-provider-google-beta",
      tag: "v7.45.0",
      commit: "3dc173a397749158369ea839a2890d89f8c9c370",
      names: "@pulumi/gcp 9.37.0 (installed .d.ts)",
    });
  });

  it("has an entry for every GCP type the script reads, and no other", () => {
    assert.deepEqual(Object.keys(table.resources).sort(), Object.keys(GCP_RESOURCES).sort());
  });

  it("covers every GCP type the library can create", () => {
    const created = Object.values(T).filter((type) => type.startsWith("gcp:"));
    assert.deepEqual(
      created.filter((type) => !table.resources[type]),
      [],
      "add the type to lib/plan/provider-facts/gcp-resources.ts and rerun scripts/provider-facts.ts",
    );
  });

  it("is what replace-properties uses for every GCP type", () => {
    for (const [type, facts] of Object.entries(table.resources)) {
      assert.deepEqual(REPLACE_RULES[type].replace, facts.forceNew, type);
      assert.match(REPLACE_RULES[type].source, /v7\.45\.0/);
    }
  });

  describe("every input the example stacks and the HTTPS options set is an input the provider knows", () => {
    const planned: PlannedResource[] = [];
    before(async () => {
      for (const name of Object.keys(EXAMPLE_STACKS)) {
        planned.push(...(await planExampleStack(name)).resources);
      }
      // Google-managed certificates, a created SSL policy and the :80 redirect: no example has them.
      const manifests = seedTlsManifests(tlsSecretYaml("hello-ingress-secret", TEST_CERTIFICATE));
      const options = {
        ...CLUSTER,
        managedCertificates: [{ name: "www", domains: ["www.example.com"] }],
        sslPolicy: { profile: "RESTRICTED" as const },
        redirectToHttps: true,
      };
      const run = await recordPlan(() => {
        new IngressManifests("facts", { manifests, ...options });
      });
      planned.push(...run.resources);
    });

    it("with every GCP type the library creates among them", () => {
      const types = new Set(planned.filter((r) => r.type.startsWith("gcp:") && !r.read).map((r) => r.type));
      const created = Object.values(T).filter((type) => type.startsWith("gcp:"));
      assert.deepEqual(
        created.filter((type) => !types.has(type)),
        [],
      );
    });

    it("for each of them", () => {
      const unknown: string[] = [];
      for (const resource of planned) {
        if (!resource.type.startsWith("gcp:") || resource.read) continue;
        const facts = table.resources[resource.type];
        if (!facts) {
          unknown.push(`${resource.type} (no entry)`);
          continue;
        }
        for (const path of inputPaths(resource.inputs)) {
          if (path === "__defaults" || !providerTakes(facts.inputs, path))
            unknown.push(`${resource.type} ${path}`);
        }
      }
      assert.deepEqual([...new Set(unknown)], []);
    });
  });

  describe("the two fields the hand-kept table had wrong", () => {
    it("deletionPolicy is updated in place on every GCP type (the provider only records it)", () => {
      for (const type of Object.keys(table.resources)) {
        assert.equal(table.resources[type].inputs.includes("deletionPolicy"), true, type);
        assert.equal(forcesReplacement(type, "deletionPolicy"), false, type);
      }
    });

    it("privateKeyWo is write-only and not ForceNew; privateKeyWoVersion replaces the certificate", () => {
      const certificate = table.resources[T.certificate];
      assert.deepEqual(certificate.writeOnly, ["privateKeyWo"]);
      assert.equal(forcesReplacement(T.certificate, "privateKeyWo"), false);
      assert.equal(forcesReplacement(T.certificate, "privateKeyWoVersion"), true);
      assert.equal(forcesReplacement(T.certificate, "privateKey"), true);
      assert.match(REPLACE_RULES[T.certificate].cautions?.["privateKeyWo"] ?? "", /privateKeyWoVersion/);
    });
  });
});
