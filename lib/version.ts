import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "ingress-glb";

/**
 * The version in this package's package.json, read at run time: the CLI runs from `lib/` in a checkout
 * and from `dist/lib/` when installed, so the file is found by walking up rather than by a fixed path.
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}
