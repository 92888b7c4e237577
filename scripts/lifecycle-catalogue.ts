/**
 * `npx ts-node --transpile-only scripts/lifecycle-catalogue.ts`: regenerates docs/lifecycle-catalogue.md
 * from the catalogue's plans (test/lifecycle/catalogue.test.ts checks the committed file is current).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalogueDocument } from "../test/lifecycle/catalogue-document";
import { removeWrittenFiles } from "../test/lifecycle/shop-stack";

async function main(): Promise<void> {
  fs.writeFileSync(path.resolve(__dirname, "../docs/lifecycle-catalogue.md"), await catalogueDocument());
  removeWrittenFiles();
}

void main();
