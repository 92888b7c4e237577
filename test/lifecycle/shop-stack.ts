import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { loadManifests } from "../../lib/ingress/manifests";
import { PlanDiff } from "../../lib/plan/diff";
import { recordPlan } from "../../lib/plan/engine";
import { ClusterOptions, planManifests } from "../../lib/plan/plan-manifests";
import { Plan } from "../../lib/plan/types";
import { tlsSecretYaml } from "../components/https-fixtures";
import { EXAMPLE_WIRING } from "./example-stacks";
import { TEST_CERTIFICATE } from "./test-certificates";

/** A folder of manifests as file name -> text, edited in memory and planned from disk. */
export type Files = Map<string, string>;

const SHOP = path.resolve(__dirname, "../fixtures/lifecycle/shop");

/** The shop: web (HTTPS, Secret), api (on the existing address shop-ip, managed certificate), ops/admin. */
export function shopFiles(): Files {
  const files: Files = new Map();
  for (const name of fs.readdirSync(SHOP).sort())
    files.set(name, fs.readFileSync(path.join(SHOP, name), "utf8"));
  files.set("web-tls.yaml", tlsSecretYaml("web-tls", TEST_CERTIFICATE));
  return files;
}

/** The cluster every plan of the catalogue uses, and the component's name as a program would give it. */
export const SHOP_CLUSTER: ClusterOptions = {
  instanceGroups: EXAMPLE_WIRING.instanceGroups,
  nodeTags: EXAMPLE_WIRING.nodeTags,
  name: "shop",
};

const made: string[] = [];

/** Writes the files into a fresh folder (sub-folders allowed) and returns it. */
export function writeFiles(files: Files): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ingress-glb-lifecycle-"));
  made.push(dir);
  for (const [name, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function removeWrittenFiles(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** `ingress-glb plan` of the folder, as the CLI runs it. */
export async function planFiles(files: Files, cluster: ClusterOptions = SHOP_CLUSTER): Promise<Plan> {
  return (await planManifests(loadManifests([writeFiles(files)]), cluster)).plan;
}

/** The program with a second IngressManifests (another cluster's copy of the same folder) beside the first. */
export async function planTwoComponents(files: Files): Promise<Plan> {
  const dir = writeFiles(files);
  const wiring = { instanceGroups: EXAMPLE_WIRING.instanceGroups, nodeTags: EXAMPLE_WIRING.nodeTags };
  const run = await recordPlan(() => {
    new IngressManifests("shop", { manifests: loadManifests([dir]), ...wiring });
    new IngressManifests("shop-eu", { manifests: loadManifests([dir]), ...wiring });
  });
  return { resources: run.resources, routes: [], warnings: [], placeholders: run.placeholders };
}

/** A diff's operations as `Type name` lines per operation, sorted: what a catalogue entry pins. */
export function operationsOf(diff: PlanDiff): Record<string, string[]> {
  const ops: Record<string, string[]> = {};
  for (const change of diff.resources) {
    const type = change.type.slice(change.type.lastIndexOf(":") + 1);
    (ops[change.op] ??= []).push(`${type} ${change.name}`);
  }
  for (const list of Object.values(ops)) list.sort();
  return ops;
}
