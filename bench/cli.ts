/**
 * The CLI end to end, as a user runs it: a synthetic spec written as YAML files, then `ingress-glb plan`
 * and `ingress-glb diff` in fresh processes (start, loading the SDKs, reading, checking, translation,
 * registration, rendering). Wall and CPU time and peak RSS come from GNU time (`/usr/bin/time`).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { ManifestSet } from "../lib/ingress/manifests";
import { SpecOptions, syntheticManifests } from "./spec";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "ingress-glb.js");
const TIME = "/usr/bin/time";

/** One run of a command: wall and CPU (user + system) milliseconds, peak RSS in MB. */
export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

/** Writes the spec as one YAML file per kind (ingress.yaml, services.yaml, ...); returns the folder. */
export function writeSpec(dir: string, options: SpecOptions): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const set: ManifestSet = syntheticManifests(options);
  for (const [category, manifests] of Object.entries(set) as [keyof ManifestSet, ManifestSet["others"]][]) {
    if (manifests.length === 0) continue;
    const documents = manifests.map((manifest) => stringify(manifest.object, { lineWidth: 0 }));
    writeFileSync(path.join(dir, `${category}.yaml`), documents.join("---\n"));
  }
  return dir;
}

/** Runs `node bin/ingress-glb.js ...args` with its output to `outFile`; fails on a non-zero exit. */
export function runCli(args: string[], outFile: string): ProcessRun {
  const timing = `${outFile}.time`;
  const out = spawnSync(TIME, ["-f", "%e %U %S %M", "-o", timing, process.execPath, BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1024 * 2 ** 20,
  });
  if (out.error) throw new Error(`cannot run ${TIME} (GNU time): ${out.error.message}`);
  // `diff` exits 0 with or without changes (no --exit-code).
  if (out.status !== 0) {
    throw new Error(`ingress-glb ${args.join(" ")} exited ${out.status}:\n${out.stderr.slice(0, 2000)}`);
  }
  writeFileSync(outFile, out.stdout);
  const last = readFileSync(timing, "utf8").trim().split("\n").pop() ?? "";
  const [wall, user, system, maxRssKb] = last.split(" ").map(Number);
  return { wallMs: wall * 1000, cpuMs: (user + system) * 1000, peakRssMb: maxRssKb / 1024 };
}

/** The command line as printed beside the figures (paths relative to the repository). */
export function commandLine(args: string[]): string {
  return ["node", "bin/ingress-glb.js", ...args.map((arg) => path.relative(ROOT, arg) || arg)].join(" ");
}
