import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";

/** The directory `pulumi package add` is given: PulumiPlugin.yaml, and package.json naming the entry. */
export const PLUGIN_DIR = path.resolve(__dirname, "../../provider");

export interface AnalyzedPackage {
  /** Names of the component classes the entry exports, as the nodejs plugin host collects them. */
  components: string[];
  /** The schema the installed component analyzer makes of them: what every language's SDK is generated from. */
  schema: PackageSpec;
}

let analyzed: Promise<AnalyzedPackage> | undefined;

/**
 * Does in-process what the nodejs plugin host (`@pulumi/pulumi/cmd/run-plugin`) does when the CLI loads
 * the plugin directory: requires it (package.json `main`), collects the exported ComponentResource classes,
 * names the package after package.json's `name`, and asks the component provider for its schema, which
 * runs the installed analyzer over the TypeScript source. Done once per test run (the TypeScript program
 * it builds takes seconds).
 */
export function analyzedPackage(): Promise<AnalyzedPackage> {
  analyzed ??= analyze();
  return analyzed;
}

async function analyze(): Promise<AnalyzedPackage> {
  const packageJson = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "package.json"), "utf8")) as {
    name: string;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const components = getPulumiComponents(require(PLUGIN_DIR));
  // As run-plugin names it: the name without its npm scope, which becomes the namespace.
  const [, scope, bare] = /^(?:@([^/]+)\/)?(.+)$/.exec(packageJson.name) ?? [];
  const provider = new ComponentProvider({
    name: bare.replace(/[^-a-zA-Z0-9_]/g, "-"),
    namespace: scope,
    dirname: PLUGIN_DIR,
    components,
  });
  const schema = JSON.parse(await provider.getSchema()) as PackageSpec;
  return { components: components.map((c) => c.name), schema };
}
