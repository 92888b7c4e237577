// Records the URNs of every example stack in test/golden/urns.json: a ledger of the identities users'
// stacks may hold. It only adds: a URN that disappears must stay reachable through an alias (the
// golden test checks it), or be removed from the ledger by hand, in the commit that explains why.
import * as fs from "node:fs";
import * as path from "node:path";
import { EXAMPLE_STACKS, planExampleStack } from "../test/lifecycle/example-stacks";
import { ledgerUrns } from "../test/lifecycle/urn-ledger";

const FILE = path.resolve(__dirname, "../test/golden/urns.json");

async function main(): Promise<void> {
  const ledger: Record<string, string[]> = fs.existsSync(FILE)
    ? JSON.parse(fs.readFileSync(FILE, "utf8"))
    : {};
  for (const stack of Object.keys(EXAMPLE_STACKS)) {
    const urns = ledgerUrns(await planExampleStack(stack));
    const known = new Set(ledger[stack] ?? []);
    const added = urns.filter((urn) => !known.has(urn));
    ledger[stack] = [...known, ...added].sort();
    console.log(`${stack}: ${added.length} URNs added, ${ledger[stack].length} in the ledger`);
  }
  fs.writeFileSync(FILE, `${JSON.stringify(ledger, null, 2)}\n`);
}

void main();
