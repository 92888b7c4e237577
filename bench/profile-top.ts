/**
 * `npx ts-node --transpile-only bench/profile-top.ts FILE.cpuprofile [N] [PATTERN]`: the N functions with
 * the most self time in a profile written by `node --cpu-prof`, optionally only those whose file URL
 * matches the regular expression PATTERN (e.g. `/lib/(ingress|translate)/`). Prints milliseconds, the
 * share of the whole profile and `function file:line`. PATTERN `--packages` sums the self time by npm
 * package instead (`typescript`, `@pulumi/pulumi`; `node:` for Node's own code, `ours` for the rest).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The npm package a script URL belongs to; V8's own entries (GC, idle) by their name. */
function packageOf(url: string, functionName: string): string {
  const found = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (found) return found[1];
  if (url.startsWith("node:")) return "node:";
  return url === "" ? functionName : "ours";
}

function main(): void {
  const [file, count = "25", pattern = ""] = process.argv.slice(2);
  const packages = pattern === "--packages";
  const filter = new RegExp(packages ? "" : pattern);
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const microsByNode = new Map<number, number>();
  profile.samples.forEach((node, i) => {
    microsByNode.set(node, (microsByNode.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const micros = microsByNode.get(node.id) ?? 0;
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    if (!filter.test(url)) continue;
    const where = url.split("/").slice(-2).join("/");
    const key = packages
      ? packageOf(url, functionName)
      : `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  console.log(`total ${(total / 1000).toFixed(0)} ms`);
  for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
    console.log(
      `${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
}

main();
