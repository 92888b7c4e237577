/**
 * `npx ts-node --transpile-only scripts/corpus-expectations.ts [case...]`: rewrites
 * test/fixtures/gke-corpus/<case>/expected.yaml from what the CLI does today, for every case (or those
 * named). Review the diff: test/corpus/gke-corpus.test.ts compares and never rewrites.
 */
import { corpusCases, observeCase, writeExpected } from "../test/corpus/corpus";

async function main(): Promise<void> {
  const named = process.argv.slice(2);
  for (const name of named.length > 0 ? named : corpusCases()) {
    const shape = await observeCase(name);
    writeExpected(name, shape);
    process.stdout.write(`${name}: exit ${shape.exit}${shape.error ? ` (${shape.error})` : ""}\n`);
  }
}

void main();
