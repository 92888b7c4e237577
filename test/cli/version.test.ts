import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageVersion } from "../../lib/version";
import { removeTempDirs, runCli, tempDir } from "./run-cli";

describe("ingress-glb --version", () => {
  after(removeTempDirs);

  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as {
    version: string;
  };

  for (const flag of ["--version", "-V"]) {
    it(`${flag} prints package.json's version and exits 0`, async () => {
      const result = await runCli(flag);
      assert.deepEqual(result, { code: 0, out: `${manifest.version}\n`, err: "" });
    });
  }

  it("finds the package.json above dist/lib, as when installed", () => {
    const root = tempDir();
    fs.writeFileSync(
      path.join(root, "package.json"),
      JSON.stringify({ name: "ingress-glb", version: "9.8.7" }),
    );
    const distLib = path.join(root, "dist", "lib");
    fs.mkdirSync(distLib, { recursive: true });
    // A package.json of another name on the way up (e.g. a nested module) is passed over.
    fs.writeFileSync(
      path.join(root, "dist", "package.json"),
      JSON.stringify({ name: "other", version: "1.0.0" }),
    );
    assert.equal(packageVersion(distLib), "9.8.7");
  });

  it("says so when no package.json of ingress-glb is above", () => {
    assert.throws(() => packageVersion(tempDir()), /no package\.json of ingress-glb above/);
  });
});
