import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};
const SDKS = ["@pulumi/gcp", "@pulumi/kubernetes", "@pulumi/pulumi"];

describe("package.json: what a consumer installs", () => {
  it("takes the Pulumi SDKs as peer dependencies with a caret range from the floor", () => {
    assert.deepEqual(Object.keys(pkg.peerDependencies).sort(), SDKS);
    for (const sdk of SDKS) assert.match(pkg.peerDependencies[sdk], /^\^\d+\.\d+\.\d+$/, sdk);
  });

  it("tests on the floor itself: the same SDK versions pinned exactly as dev dependencies, and installed", () => {
    for (const sdk of SDKS) {
      const floor = pkg.peerDependencies[sdk].slice(1);
      assert.equal(pkg.devDependencies[sdk], floor, sdk);
      const installed = JSON.parse(
        fs.readFileSync(require.resolve(`${sdk}/package.json`, { paths: [ROOT] }), "utf8"),
      ) as { version: string };
      assert.equal(installed.version, floor, `${sdk} in node_modules`);
    }
  });

  it("installs neither an SDK nor TypeScript or ts-node as its own dependency", () => {
    for (const name of [...SDKS, "typescript", "ts-node"]) {
      assert.equal(pkg.dependencies[name], undefined, name);
    }
  });

  it("ships the built library and runs the CLI from it, with no TypeScript sources to transpile", () => {
    assert.ok(pkg.files.includes("dist/lib"));
    assert.ok(!pkg.files.some((file) => file === "lib" || file.startsWith("lib/")));
    const bin = fs.readFileSync(path.join(ROOT, "bin/ingress-glb.js"), "utf8");
    assert.match(bin, /dist", "lib", "cli\.js"/);
  });

  it("offers the consumer check as a script (it needs the npm registry, so it is not part of npm test)", () => {
    assert.equal(pkg.scripts["consumer-check"], "scripts/consumer-check/run.sh");
    assert.ok(fs.statSync(path.join(ROOT, "scripts/consumer-check/run.sh")).mode & 0o100);
  });
});
