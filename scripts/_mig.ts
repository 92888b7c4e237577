import * as fs from "node:fs";
import { planExampleStack, EXAMPLE_STACKS } from "../test/lifecycle/example-stacks";
import { diffPlans } from "../lib/plan/diff";
import { renderDiffText } from "../lib/plan/render-diff";
(async () => {
  for (const name of Object.keys(EXAMPLE_STACKS)) {
    const base = JSON.parse(fs.readFileSync(`test/fixtures/v0.1.0/${name}.plan.json`, "utf8"));
    const head = await planExampleStack(name);
    const d = diffPlans(base, head);
    console.log("==", name, JSON.stringify(d.summary));
    if (process.argv[2]) console.log(renderDiffText(d));
  }
})();
