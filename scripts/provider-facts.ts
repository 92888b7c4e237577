/**
 * Builds lib/plan/provider-facts/gcp-force-new.json: for every GCP resource type the library creates,
 * the inputs whose change makes the provider replace the resource (`ForceNew: true` in the Terraform
 * provider that @pulumi/gcp bridges), read from the provider's Go source at a pinned tag, with the
 * Pulumi names of the installed @pulumi/gcp.
 *
 *   npx ts-node --transpile-only scripts/provider-facts.ts <git dir of hashicorp/terraform-provider-google-beta> [tag]
 *
 * The git dir is a clone or mirror (read with `git show`, no work tree needed). pulumi-gcp builds from
 * terraform-provider-google-beta (its `upstream` submodule), so that is the repository to read.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { GoAttribute, readResourceSchema } from "./provider-facts/go-schema";
import { PulumiProperty, pulumiNameOf, readArgsInterface } from "./provider-facts/pulumi-names";
import { GCP_RESOURCES, GcpForceNewTable, GcpResourceFacts } from "../lib/plan/provider-facts/gcp-resources";

/**
 * Resources whose CustomizeDiff forces a replacement in cases read by hand (v7.45.0): the forwarding
 * rule on a PSC target change, a closed PSC connection, and allow_global_access under INTERNAL_MANAGED;
 * the subnetwork when ip_cidr_range shrinks. The cases the library can meet are cautions.
 */
const REVIEWED_CUSTOMIZE_DIFF = ["google_compute_forwarding_rule", "google_compute_subnetwork"];

const OUTPUT = path.join(__dirname, "..", "lib", "plan", "provider-facts", "gcp-force-new.json");
const GCP_PACKAGE = path.dirname(require.resolve("@pulumi/gcp/package.json"));

async function main(argv: string[]): Promise<void> {
  const [gitDir, tag = "v7.45.0"] = argv;
  if (!gitDir) throw new Error("usage: provider-facts.ts <terraform-provider-google-beta git dir> [tag]");
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", gitDir, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const commit = git("rev-parse", `${tag}^{commit}`).trim();
  const gcpVersion = (
    JSON.parse(fs.readFileSync(path.join(GCP_PACKAGE, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

  const resources: Record<string, GcpResourceFacts> = {};
  for (const [token, entry] of Object.entries(GCP_RESOURCES)) {
    const file = `google-beta/services/compute/resource_${entry.terraform.replace(/^google_/, "")}.go`;
    const goSource = git("show", `${commit}:${file}`);
    // A CustomizeDiff may force a replacement the schema does not show: refuse to miss one silently,
    // unless it was read and its case is a caution in replace-properties.ts (REVIEWED_CUSTOMIZE_DIFF).
    if (/\.ForceNew\(|ForceNewIf/.test(goSource) && !REVIEWED_CUSTOMIZE_DIFF.includes(entry.terraform))
      throw new Error(`${file}: ForceNew in a CustomizeDiff`);
    const attributes = readResourceSchema(goSource, entry.constructor);
    const pulumi = readArgsInterface(path.join(GCP_PACKAGE, entry.sdkFile), `${token.split(":")[2]}Args`);
    const forceNew: string[] = [];
    const inputs: string[] = [];
    const writeOnly: string[] = [];
    walk(attributes, pulumi, [], { forceNew, inputs, writeOnly }, `${entry.terraform}`);
    resources[token] = { terraform: entry.terraform, file, forceNew, writeOnly, inputs };
  }
  const table: GcpForceNewTable = {
    source: {
      repository: "hashicorp/terraform-provider-google-beta",
      tag,
      commit,
      names: `@pulumi/gcp ${gcpVersion} (installed .d.ts)`,
    },
    resources,
  };
  const options = { ...(await prettier.resolveConfig(OUTPUT)), filepath: OUTPUT };
  fs.writeFileSync(OUTPUT, await prettier.format(JSON.stringify(table), options));
  const counts = Object.values(resources).map((r) => r.forceNew.length);
  console.log(
    `${path.relative(process.cwd(), OUTPUT)}: ${Object.keys(resources).length} types, ` +
      `${counts.reduce((a, b) => a + b, 0)} ForceNew paths from ${tag} (${commit.slice(0, 12)})`,
  );
}

interface Collected {
  forceNew: string[];
  inputs: string[];
  writeOnly: string[];
}

/** Adds the Pulumi paths of the inputs below `prefix`; a ForceNew block covers everything below it. */
function walk(
  attributes: GoAttribute[],
  pulumi: readonly PulumiProperty[],
  prefix: string[],
  out: Collected,
  where: string,
): void {
  for (const attribute of attributes) {
    const input = attribute.optional || attribute.required;
    if (!input) continue; // outputs only: never in a plan's inputs
    if (attribute.opaque) throw new Error(`${where}.${attribute.name}: not a literal (${attribute.opaque})`);
    const property = pulumiNameOf(attribute.name, pulumi);
    if (!property) throw new Error(`${where}.${attribute.name}: no Pulumi input of that name`);
    const segment = property.array ? `${property.name}[*]` : property.name;
    const here = [...prefix, property.name];
    out.inputs.push(here.join("."));
    if (attribute.type === "schema.TypeMap") out.inputs.push(`${here.join(".")}.*`); // any key
    if (attribute.forceNew) out.forceNew.push(here.join("."));
    if (attribute.writeOnly) out.writeOnly.push(here.join("."));
    if (attribute.children) {
      walk(
        attribute.children,
        property.children ?? [],
        [...prefix, segment],
        out,
        `${where}.${attribute.name}`,
      );
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
