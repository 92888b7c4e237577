import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan } from "../../lib/plan/types";
import { EXAMPLE_STACKS, planExampleStack } from "./example-stacks";
import { ledgerUrns } from "./urn-ledger";

const LEDGER: Record<string, string[]> = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../golden/urns.json"), "utf8"),
);

/**
 * Every URN an example stack ever had (test/golden/urns.json, 0.1.0's included) must still be in the
 * stack, as a URN or as an alias: a stack made by any release then upgrades without losing a resource.
 */
describe("golden URNs of the example stacks", () => {
  for (const stack of Object.keys(EXAMPLE_STACKS)) {
    describe(stack, () => {
      let plan: Plan;
      before(async () => {
        plan = await planExampleStack(stack);
      });

      it("reaches every URN of the ledger, as a URN or through an alias", () => {
        const reachable = new Set(plan.resources.flatMap((r) => [r.urn, ...(r.options?.aliases ?? [])]));
        const lost = (LEDGER[stack] ?? []).filter((urn) => !reachable.has(urn));
        assert.deepEqual(lost, [], "these URNs would be deleted: alias them in the same commit");
      });

      it("has every URN of the stack in the ledger (npx ts-node --transpile-only scripts/golden-urns.ts)", () => {
        const known = new Set(LEDGER[stack] ?? []);
        assert.deepEqual(
          ledgerUrns(plan).filter((urn) => !known.has(urn)),
          [],
        );
      });

      it("aliases each old URN from one resource only (the engine refuses two claims)", () => {
        const urns = new Set(plan.resources.map((r) => r.urn));
        const claims = new Map<string, string>();
        for (const r of plan.resources.filter((r) => !r.read)) {
          for (const alias of r.options?.aliases ?? []) {
            if (!(LEDGER[stack] ?? []).includes(alias) || urns.has(alias)) continue;
            assert.equal(
              claims.get(alias),
              undefined,
              `${alias} is claimed by ${claims.get(alias)} and ${r.urn}`,
            );
            claims.set(alias, r.urn);
          }
        }
      });
    });
  }
});
