/**
 * `npm run fuzz [-- --runs N --seed S]`: the mutation fuzz of the CLI's exit-code contract, at length
 * (5,000 mutations by default, seeded); test/cli/fuzz.test.ts runs a few of the same in `npm test`.
 * Prints the counts (mutations run, exit 0, exit 2, internal errors, secret leaks, other breaches of the
 * one-line contract) and the first examples of each failure. Exits 1 when any run breaks the contract.
 */
import fc from "fast-check";
import {
  buildCorpus,
  FuzzInput,
  fuzzInputArb,
  leakWindows,
  runFuzzInput,
  Verdict,
} from "../test/cli/fuzz-cases";

interface Options {
  runs: number;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 5_000, seed: 20_261_201 };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === "--runs" && Number.isInteger(value) && value > 0) options.runs = value;
    else if (argv[i] === "--seed" && Number.isInteger(value)) options.seed = value;
    else continue;
    i++;
  }
  return options;
}

async function main(): Promise<number> {
  const { runs, seed } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const corpus = await buildCorpus();
  const windows = leakWindows(corpus.secrets);
  const counts: Record<Verdict, number> = {
    "exit-0": 0,
    "exit-2": 0,
    "internal-error": 0,
    "secret-leak": 0,
    "broken-contract": 0,
  };
  const examples: string[] = [];
  // What the refusals were about, to see how far into the code the mutations reach.
  const refusals = new Map<string, number>();
  const inputs: FuzzInput[] = fc.sample(fuzzInputArb, { numRuns: runs, seed });
  for (const [i, input] of inputs.entries()) {
    const outcome = await runFuzzInput(corpus, windows, input);
    counts[outcome.verdict] += 1;
    if (outcome.verdict === "exit-2") {
      const kind = outcome.detail
        .replace(/^ingress-glb: /, "")
        .replace(/\/\S*ingress-glb-fuzz-[^/]+\//g, "")
        .replace(/(\.\w+):\d+/g, "$1")
        .replace(/"([^"\\]|\\.)*"/g, '"…"')
        .replace(/\d+/g, "N")
        .slice(0, 110);
      refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
    }
    if (outcome.verdict !== "exit-0" && outcome.verdict !== "exit-2" && examples.length < 20) {
      examples.push(
        `#${i} ${outcome.verdict}: ${JSON.stringify(input)}\n  ${outcome.detail.split("\n").slice(0, 6).join("\n  ")}`,
      );
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`mutations run:    ${inputs.length} (seed ${seed}, ${seconds} s)`);
  console.log(`exit 0:           ${counts["exit-0"]}`);
  console.log(`exit 2:           ${counts["exit-2"]}`);
  console.log(`internal errors:  ${counts["internal-error"]}`);
  console.log(`secret leaks:     ${counts["secret-leak"]}`);
  console.log(
    `other breaches:   ${counts["broken-contract"]} (exit 2 without exactly one clean stderr line, stderr on success)`,
  );
  console.log(`distinct refusals: ${refusals.size}; the most frequent:`);
  for (const [kind, n] of [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${String(n).padStart(5)}  ${kind}`);
  }
  for (const example of examples) console.log(`\n${example}`);
  return counts["internal-error"] + counts["secret-leak"] + counts["broken-contract"] > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
