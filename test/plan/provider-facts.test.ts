import { strict as assert } from "node:assert";
import { REPLACE_RULES, forcesReplacement } from "../../lib/plan/replace-properties";
import gcpForceNew from "../../lib/plan/provider-facts/gcp-force-new.json";
import { GCP_RESOURCES, GcpForceNewTable } from "../../lib/plan/provider-facts/gcp-resources";
import { PlannedResource } from "../../lib/plan/types";
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

/** True when the provider takes `path`: listed itself, or below a listed input with nothing listed below (a map). */
function providerTakes(inputs: readonly string[], path: string): boolean {
  const bare = path.replace(/\[\*\]/g, "");
  if (inputs.includes(bare)) return true;
  return inputs.some(
    (input) => bare.startsWith(`${input}.`) && !inputs.some((other) => other.startsWith(`${input}.`)),
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

  describe("every input the example stacks set is an input the provider knows", () => {
    const planned: PlannedResource[] = [];
    before(async () => {
      for (const name of Object.keys(EXAMPLE_STACKS))
        planned.push(...(await planExampleStack(name)).resources);
    });

    it("with the certificate, address, backend, firewall, URL map, proxies and forwarding rules among them", () => {
      const types = new Set(planned.filter((r) => r.type.startsWith("gcp:") && !r.read).map((r) => r.type));
      for (const type of [T.address, T.backendService, T.certificate, T.firewall, T.urlMap, T.httpsProxy]) {
        assert.ok(types.has(type), type);
      }
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
