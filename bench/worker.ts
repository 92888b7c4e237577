/**
 * One benchmark cell in its own process, so its peak RSS is its own: `ours` plans a synthetic spec with
 * planManifests (the CLI's `plan`), `flat` replays the same resources with no component (bench/flat.ts).
 * Reads a JSON job from argv[2], prints one JSON result line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { recordPlan } from "../lib/plan/engine";
import { planManifests } from "../lib/plan/plan-manifests";
import { PlannedResource } from "../lib/plan/types";
import { flatProgram, RecordedProgram } from "./flat";
import { syntheticManifests } from "./spec";

export interface WorkerJob {
  mode: "ours" | "flat";
  backends: number;
  paths: number;
  runs: number;
  /** `ours` writes the recorded resources here; `flat` replays them from here. */
  resourcesFile: string;
}

export interface WorkerResult {
  mode: WorkerJob["mode"];
  backends: number;
  paths: number;
  /** Custom resources registered (components and the stack left out). */
  resources: number;
  /** Every registration, components included. */
  registrations: number;
  timesMs: number[];
  /** CPU time (user + system, all threads) of each run: steadier than wall time on a busy machine. */
  cpuMs: number[];
  peakRssMb: number;
  /** RSS after loading the modules and a warm-up plan, before the measured runs. */
  baselineRssMb: number;
}

function countCustom(resources: PlannedResource[]): number {
  return resources.filter((r) => !r.component && r.type !== "pulumi:pulumi:Stack").length;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  // Warm-up: loads the SDK modules and compiles the hot paths on a tiny spec.
  const warm = await planManifests(syntheticManifests({ backends: 1, paths: 10 }));
  if (job.mode === "flat") {
    await recordPlan(
      flatProgram({ resources: warm.plan.resources, placeholders: warm.plan.placeholders ?? [] }),
    );
  }

  let run: () => Promise<RecordedProgram>;
  if (job.mode === "ours") {
    const manifests = syntheticManifests(job);
    run = async () => {
      // Thousands of paths exceed the classic scheme's 64 KB URL map: plan them as GCP would accept them.
      const { plan } = await planManifests(manifests, { scheme: "EXTERNAL_MANAGED" });
      return { resources: plan.resources, placeholders: plan.placeholders ?? [] };
    };
  } else {
    const program = flatProgram(JSON.parse(readFileSync(job.resourcesFile, "utf8")) as RecordedProgram);
    run = async () => recordPlan(program);
  }
  gc();
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  const timesMs: number[] = [];
  const cpuMs: number[] = [];
  let recorded: RecordedProgram = { resources: [], placeholders: [] };
  for (let i = 0; i < job.runs; i++) {
    recorded = { resources: [], placeholders: [] };
    gc();
    const cpu = process.cpuUsage();
    const started = performance.now();
    recorded = await run();
    timesMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  if (job.mode === "ours") writeFileSync(job.resourcesFile, JSON.stringify(recorded));
  const result: WorkerResult = {
    mode: job.mode,
    backends: job.backends,
    paths: job.paths,
    resources: countCustom(recorded.resources),
    registrations: recorded.resources.length,
    timesMs,
    cpuMs,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    baselineRssMb,
  };
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
