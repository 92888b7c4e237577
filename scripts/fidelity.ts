/**
 * `npm run fidelity [-- --cases N --seed S]`: compares the Kubernetes reference matcher with the GCP URL map
 * evaluator on generated Ingress specs and requests (100,000 cases by default, seeded) and prints the counts.
 * Exits 1 when any difference is not explained by a warning of the plan.
 */
import fc from "fast-check";
import { caseArb, compareCase, describeDifference, FidelityCase } from "../test/routing/fidelity-cases";

interface Options {
  cases: number;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { cases: 100_000, seed: 20_240_606 };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === "--cases" && Number.isInteger(value) && value > 0) options.cases = value;
    else if (argv[i] === "--seed" && Number.isInteger(value)) options.seed = value;
    else continue;
    i++;
  }
  return options;
}

function main(): number {
  const { cases, seed } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const counts = { cases: 0, rejected: 0, requests: 0, agreeing: 0, explained: 0, unexplained: 0 };
  const perCode = new Map<string, number>();
  const rejections = new Map<string, number>();
  const examples: string[] = [];

  const samples = fc.sample(caseArb, { numRuns: cases, seed });
  samples.forEach((c: FidelityCase) => {
    counts.cases++;
    const outcome = compareCase(c);
    if (outcome.kind === "rejected") {
      counts.rejected++;
      const reason = outcome.error.message
        .replace(/^.*?: (?=host "|Ingresses|Service)/, "")
        .replace(/"[^"]*"/g, '"…"');
      const key = reason.slice(0, 60);
      rejections.set(key, (rejections.get(key) ?? 0) + 1);
      return;
    }
    counts.requests += c.requests.length;
    counts.agreeing += outcome.agreeing;
    for (const d of outcome.differences) {
      if (d.explainedBy) {
        counts.explained++;
        perCode.set(d.explainedBy.code, (perCode.get(d.explainedBy.code) ?? 0) + 1);
      } else {
        counts.unexplained++;
        if (examples.length < 5) examples.push(describeDifference(c, d));
      }
    }
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rows: [string, number | string][] = [
    ["cases (specs)", counts.cases],
    ["rejected by translate (InputError)", counts.rejected],
    ["compared specs", counts.cases - counts.rejected],
    ["requests compared", counts.requests],
    ["agreeing", counts.agreeing],
    ["differing, explained by a warning", counts.explained],
    ...[...perCode.entries()].sort().map(([code, n]): [string, number] => [`  ${code}`, n]),
    ["differing, unexplained", counts.unexplained],
  ];
  console.log(`fidelity: ${cases} cases, seed ${seed}, ${seconds} s`);
  for (const [label, value] of rows) console.log(`${label.padEnd(40)} ${String(value).padStart(10)}`);
  if (rejections.size > 0) {
    console.log("rejections by reason:");
    for (const [reason, n] of [...rejections.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
      console.log(`  ${String(n).padStart(8)}  ${reason}`);
    }
  }
  for (const example of examples) console.log(`\nunexplained difference:\n${example}`);
  return counts.unexplained === 0 ? 0 : 1;
}

process.exitCode = main();
