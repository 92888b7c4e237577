import { strict as assert } from "node:assert";
import { Plan } from "../../lib/plan/types";
import * as fs from "node:fs";
import * as path from "node:path";
import { catalogueDocument } from "./catalogue-document";
import { EDITS, diffEdit } from "./edits";
import { operationsOf, planFiles, removeWrittenFiles, shopFiles } from "./shop-stack";

/**
 * The lifecycle catalogue: realistic edits of one folder (test/fixtures/lifecycle/shop), each planned
 * before and after by the project's own plan and diff. Each pins every operation the diff shows (what
 * is not listed must not change) and the serving risks it calls out.
 */
describe("lifecycle catalogue: one stack through its edits", () => {
  let base: Plan;
  before(async () => {
    base = await planFiles(shopFiles());
  });
  after(removeWrittenFiles);

  it("has at least 25 edits", () => assert.ok(EDITS.length >= 25, String(EDITS.length)));

  for (const edit of EDITS) {
    it(edit.title, async () => {
      const diff = await diffEdit(base, edit);
      const ops = operationsOf(diff);
      if (edit.expect === "creates-only") {
        assert.deepEqual(Object.keys(ops).sort(), ["create", "read"]);
        const before = new Set(base.resources.map((r) => r.urn));
        for (const change of diff.resources) assert.ok(!before.has(change.urn), change.urn);
      } else {
        assert.deepEqual(ops, edit.expect);
      }
      assert.deepEqual([...new Set(diff.risks.map((risk) => risk.kind))].sort(), edit.risks);
    });
  }

  it("is what docs/lifecycle-catalogue.md shows (regenerate: npx ts-node --transpile-only scripts/lifecycle-catalogue.ts)", async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../docs/lifecycle-catalogue.md"), "utf8");
    assert.equal(committed, await catalogueDocument());
  });
});
