import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CORPUS_DIR, corpusCases, expectedFile, observeCase, readExpected } from "./corpus";

/**
 * The GKE corpus: realistic manifest folders (test/fixtures/gke-corpus), each planned through the CLI
 * in-process and reduced to its shape (exit code or first error line, resource counts, backend protocols
 * and health checks, warning codes, routes). After a change, `npx ts-node --transpile-only
 * scripts/corpus-expectations.ts` rewrites the expected files for review; this test never does.
 */
describe("GKE corpus: each folder plans to its expected shape", () => {
  const cases = corpusCases();

  it("has at least 15 cases, each with manifests, case.yaml and expected.yaml, each in the README", () => {
    assert.ok(cases.length >= 15, String(cases.length));
    const readme = fs.readFileSync(path.join(CORPUS_DIR, "README.md"), "utf8");
    for (const name of cases) {
      for (const file of ["manifests", "case.yaml", "expected.yaml"])
        assert.ok(fs.existsSync(path.join(CORPUS_DIR, name, file)), `${name}/${file}`);
      assert.match(readme, new RegExp(`^### \`${name}\`( |$)`, "m"), `README.md has no section for ${name}`);
    }
  });

  for (const name of cases) {
    it(name, async () => {
      assert.ok(fs.existsSync(expectedFile(name)), `${name} has no expected.yaml`);
      assert.deepEqual(await observeCase(name), readExpected(name));
    });
  }
});
