import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { hasControlCharacters } from "../../lib/quote";
import { removeTempDirs, runCli, tempDir } from "./run-cli";

/** A hand-edited plan may hold escape sequences in its values; `diff` prints them escaped, not raw. */
describe("terminal output: no control character from a file reaches stdout", () => {
  after(removeTempDirs);

  const plan = (value: string) => ({
    resources: [
      {
        type: "kubernetes:core/v1:ConfigMap",
        name: "cm",
        urn: "urn:pulumi:s::p::kubernetes:core/v1:ConfigMap::cm",
        parent: null,
        inputs: { data: { mode: value } },
        dependencies: [],
        secretPaths: [],
      },
    ],
    routes: [],
    warnings: [],
  });

  for (const format of [[], ["--json"], ["--markdown"]]) {
    it(`diff ${format.join(" ") || "(text)"} escapes C0 and C1 controls in values, keeping its own lines`, async () => {
      const dir = tempDir();
      const base = path.join(dir, "base.json");
      const head = path.join(dir, "head.json");
      fs.writeFileSync(base, JSON.stringify(plan("plain")));
      fs.writeFileSync(head, JSON.stringify(plan("x\u009b31m\u001b[2Jy")));
      const { code, out, err } = await runCli("diff", base, head, ...format);
      assert.equal(code, 0, err);
      if (format[0] !== "--markdown") assert.ok(out.includes("\\u009b31m"), out);
      assert.ok(![...out].some((c) => c !== "\n" && hasControlCharacters(c)), JSON.stringify(out));
      if (format[0] === "--json") JSON.parse(out);
    });
  }
});
