/**
 * `npm run bench [-- --quick] [-- --runs N] [-- --write] [-- --render]`: plan time and peak memory against
 * spec size, in memory against a flat program registering the same resources and end to end through the
 * CLI from YAML files (plan and diff, growing 1x to 8x), the seed's preview, the create's critical path,
 * the time-to-healthy bound and the blast radius of common edits. Prints markdown; the full run writes
 * BENCHMARKS.md (a quick run only with --write). Each (size, program) cell runs in its own process
 * (bench/worker.ts, or the CLI itself) so its peak RSS is its own; times are medians of the runs. The
 * figures are kept in .bench-tmp/results.json: `--render` rewrites BENCHMARKS.md from them (after an edit
 * of bench/findings.md) without measuring again.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diffPlans } from "../lib/plan/diff";
import { planManifests } from "../lib/plan/plan-manifests";
import { Plan } from "../lib/plan/types";
import { DEFAULT_HEALTH_CHECK } from "../lib/translate/default-backend";
import {
  BlastRadius,
  GKE_DEFAULTS,
  HealthTimings,
  blastRadius,
  criticalPath,
  gcpCount,
  healthBounds,
  median,
  plannedHealthTimings,
  shortType,
} from "./analysis";
import { ProcessRun, commandLine, runCli, writeSpec } from "./cli";
import { BenchCertificate, SpecEdit, SpecSize, syntheticManifests } from "./spec";
import { WorkerJob, WorkerResult } from "./worker";

const ROOT = path.resolve(__dirname, "..");
const TMP = path.join(ROOT, ".bench-tmp");
/** The issue's goal for the largest spec. */
const GOAL = { backends: 500, paths: 5000, seconds: 5, ratio: 1.5 };

/** Growth series: backends at 1x, 2x, 4x, 8x, with 5 paths each (8x: 8,010 resources). */
const GROWTH_BASE = 200;
const GROWTH_PATHS_PER_BACKEND = 5;
/** Beyond the series: the plan of 10,000 resources the issue asks to complete. */
const LARGEST_BACKENDS = 2000;
/** The goal for `diff` of 8,000 resources against itself, and for the seed's preview. */
const DIFF_GOAL_MS = 2000;
const PREVIEW_GOAL_MS = 1000;
const RATIO_GOAL = 1.2;
const RESULTS = path.join(TMP, "results.json");
const FINDINGS = path.join(__dirname, "findings.md");

interface Options {
  quick: boolean;
  runs: number;
  write: boolean;
  render: boolean;
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const runsAt = argv.indexOf("--runs");
  const runs = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 1) : quick ? 3 : 5;
  const render = argv.includes("--render");
  return { quick, runs, write: !quick || render || argv.includes("--write"), render };
}

interface Cell {
  size: SpecSize;
  ours: WorkerResult;
  flat: WorkerResult;
}

function runWorker(job: WorkerJob): WorkerResult {
  const out = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "-r",
      "ts-node/register/transpile-only",
      path.join(__dirname, "worker.ts"),
      JSON.stringify(job),
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
  );
  if (out.status !== 0) {
    throw new Error(`bench worker ${JSON.stringify(job)} failed:\n${out.stderr}`);
  }
  const lines = out.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as WorkerResult;
}

function measure(size: SpecSize, runs: number): Cell {
  const resourcesFile = path.join(TMP, `resources-${size.backends}-${size.paths}.json`);
  const ours = runWorker({ mode: "ours", ...size, runs, resourcesFile });
  const flat = runWorker({ mode: "flat", ...size, runs, resourcesFile });
  if (ours.resources !== flat.resources) {
    throw new Error(`the flat program registered ${flat.resources} resources, ours ${ours.resources}`);
  }
  process.stderr.write(
    `  ${size.backends} backends, ${size.paths} paths: ours ${median(ours.timesMs).toFixed(0)} ms, flat ${median(flat.timesMs).toFixed(0)} ms\n`,
  );
  return { size, ours, flat };
}

const ms = (values: number[]) => `${median(values).toFixed(0)}`;
const ratio = (cell: Cell) => median(cell.ours.timesMs) / median(cell.flat.timesMs);

/** A markdown table; columns whose cells are all figures are right-aligned. */
function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  // A "-" (not measured) leaves a column of figures right-aligned.
  const numeric = head.map((_, i) => rows.every((row) => /^([\d.,]+( s|x)?|-)$/.test(String(row[i]))));
  return [line(head), line(numeric.map((n) => (n ? "--:" : "---"))), ...rows.map(line)].join("\n");
}

function sizeTable(cells: Cell[]): string {
  return table(
    [
      "backends",
      "paths",
      "resources",
      "ours median ms",
      "flat median ms",
      "ours / flat",
      "CPU ours / flat",
      "ours peak RSS MB",
      "flat peak RSS MB",
      "ours runs ms",
    ],
    cells.map((c) => [
      c.size.backends,
      c.size.paths,
      c.ours.resources,
      ms(c.ours.timesMs),
      ms(c.flat.timesMs),
      `${ratio(c).toFixed(2)}x`,
      `${(median(c.ours.cpuMs) / median(c.flat.cpuMs)).toFixed(2)}x`,
      c.ours.peakRssMb.toFixed(0),
      c.flat.peakRssMb.toFixed(0),
      c.ours.timesMs.map((t) => t.toFixed(0)).join(", "),
    ]),
  );
}

/** Two self-signed certificates for *.bench.example.com, made with the openssl CLI; undefined without it. */
function benchCertificates(): [BenchCertificate, BenchCertificate] | undefined {
  const make = (tag: string): BenchCertificate => {
    const key = path.join(TMP, `${tag}.key`);
    const cert = path.join(TMP, `${tag}.crt`);
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365"],
        ...["-keyout", key, "-out", cert, "-subj", `/CN=h0.bench.example.com`],
        ...["-addext", "subjectAltName=DNS:*.bench.example.com"],
      ],
      { stdio: "ignore" },
    );
    return { certificatePem: readFileSync(cert, "utf8"), privateKeyPem: readFileSync(key, "utf8") };
  };
  try {
    return [make("bench-a"), make("bench-b")];
  } catch {
    return undefined;
  }
}

const EDITS: [SpecEdit, string][] = [
  ["add-path", "add a path (to an existing backend)"],
  ["add-backend", "add a backend (a Service, its Deployment and a path to it)"],
  ["change-port", "change a Service port (80 to 8080, and the Ingress with it)"],
  ["rotate-certificate", "rotate the TLS certificate (new Secret data)"],
  ["redirect", "turn on the HTTP-to-HTTPS redirect (FrontendConfig)"],
];

async function editTable(
  base: SpecSize,
  certificates: [BenchCertificate, BenchCertificate],
): Promise<string> {
  const plan = async (edit?: SpecEdit): Promise<Plan> =>
    (await planManifests(syntheticManifests({ ...base, certificates, edit }))).plan;
  const before = await plan();
  const rows: (string | number)[][] = [];
  for (const [edit, label] of EDITS) {
    const radius: BlastRadius = blastRadius(before, await plan(edit));
    rows.push([
      label,
      radius.create,
      radius.update,
      radius.replace,
      radius.delete,
      radius.routes,
      radius.changes.join("; ") || "none",
    ]);
  }
  return table(["edit", "created", "updated", "replaced", "deleted", "routes changed", "what changes"], rows);
}

function chainText(plan: Plan): string {
  const chain = criticalPath(plan.resources);
  return `${gcpCount(chain)} GCP resources: ${chain.map((r) => `${shortType(r.type)}`).join(" -> ")}`;
}

function healthTable(ours: HealthTimings): string {
  const row = (label: string, t: HealthTimings) => {
    const b = healthBounds(t);
    return [
      label,
      `${t.checkIntervalSec} s / ${t.timeoutSec} s / ${t.healthyThreshold} / ${t.unhealthyThreshold}`,
      `${b.healthy} s`,
      `${b.healthyWorst} s`,
      `${b.unhealthy} s`,
    ];
  };
  const gke = healthBounds(GKE_DEFAULTS).healthy;
  const mine = healthBounds(ours).healthy;
  return [
    table(
      [
        "health check",
        "interval / timeout / healthy / unhealthy",
        "ready to serving (interval x healthy)",
        "worst case (+ timeout)",
        "broken to drained (interval x unhealthy + timeout)",
      ],
      [row("ingress-glb (planned)", ours), row("GKE Ingress default", GKE_DEFAULTS)],
    ),
    "",
    `A ready backend takes traffic ${(gke / mine).toFixed(1)}x sooner than under GKE's default (${mine} s against ${gke} s).`,
  ].join("\n");
}

/** One size of the growth series: in memory (ours, flat) and the CLI (plan, diff) end to end. */
interface GrowthCell {
  scale: number;
  size: SpecSize;
  memory?: Cell;
  plan: ProcessRun[];
  planCommand: string;
  planJsonMb: number;
  diffSelf: ProcessRun[];
  diffSelfCommand: string;
  diffEdit: ProcessRun[];
  diffEditCommand: string;
  /** What the edit's diff found, from diffPlans in this process. */
  editSummary: string;
  resources: number;
}

const repeat = (runs: number, run: () => ProcessRun): ProcessRun[] => Array.from({ length: runs }, run);
const wall = (runs: ProcessRun[]) => median(runs.map((r) => r.wallMs));
const cpu = (runs: ProcessRun[]) => median(runs.map((r) => r.cpuMs));
const rss = (runs: ProcessRun[]) => Math.max(...runs.map((r) => r.peakRssMb));

function readPlanFile(file: string): Plan {
  return JSON.parse(readFileSync(file, "utf8")) as Plan;
}

function measureGrowth(scale: number, backends: number, runs: number, inMemory: boolean): GrowthCell {
  const size = { backends, paths: backends * GROWTH_PATHS_PER_BACKEND };
  const tag = `${size.backends}-${size.paths}`;
  const memory = inMemory ? measure(size, runs) : undefined;
  const specDir = writeSpec(path.join(TMP, `spec-${tag}`), size);
  const editDir = writeSpec(path.join(TMP, `spec-${tag}-add-backend`), { ...size, edit: "add-backend" });
  const basePlan = path.join(TMP, `plan-${tag}.json`);
  const editPlan = path.join(TMP, `plan-${tag}-add-backend.json`);
  const planArgs = (dir: string) => ["plan", dir, "--json", "--scheme", "EXTERNAL_MANAGED"];
  const plan = repeat(runs, () => runCli(planArgs(specDir), basePlan));
  runCli(planArgs(editDir), editPlan);
  const diffOut = path.join(TMP, `diff-${tag}.txt`);
  const selfArgs = ["diff", basePlan, basePlan];
  const editArgs = ["diff", basePlan, editPlan];
  const diffSelf = repeat(runs, () => runCli(selfArgs, diffOut));
  const diffEdit = repeat(runs, () => runCli(editArgs, diffOut));
  const base = readPlanFile(basePlan);
  const summary = diffPlans(base, readPlanFile(editPlan)).summary;
  const editSummary = (["create", "update", "replace", "delete"] as const)
    .map((op) => `${summary[op]} ${op}`)
    .join(", ");
  const resources = base.resources.filter((r) => !r.component && r.type !== "pulumi:pulumi:Stack").length;
  const cell: GrowthCell = {
    scale,
    size,
    memory,
    plan,
    planCommand: `${commandLine(planArgs(specDir))} > ${path.relative(ROOT, basePlan)}`,
    planJsonMb: statSync(basePlan).size / 2 ** 20,
    diffSelf,
    diffSelfCommand: commandLine(selfArgs),
    diffEdit,
    diffEditCommand: commandLine(editArgs),
    editSummary,
    resources,
  };
  process.stderr.write(
    `  growth ${scale}x (${backends} backends): plan ${wall(plan).toFixed(0)} ms, diff ${wall(diffSelf).toFixed(0)} ms\n`,
  );
  return cell;
}

interface Preview {
  command: string;
  runs: ProcessRun[];
  npmRuns: ProcessRun[];
}

/** The seed's `npm run preview`, after one run that fills the CLI's caches (.cache/). */
function measurePreview(runs: number): Preview {
  const args = ["plan", "examples/hello-ingress/manifests"];
  const out = path.join(TMP, "preview.txt");
  runCli(args, out);
  const npmRuns = repeat(runs, () => {
    const timing = path.join(TMP, "npm-preview.time");
    const done = spawnSync(
      "/usr/bin/time",
      ["-f", "%e %U %S %M", "-o", timing, "npm", "run", "--silent", "preview"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    if (done.status !== 0) throw new Error(`npm run preview failed:\n${done.stderr}`);
    const [seconds, user, system, kb] = readFileSync(timing, "utf8")
      .trim()
      .split("\n")
      .pop()!
      .split(" ")
      .map(Number);
    return { wallMs: seconds * 1000, cpuMs: (user + system) * 1000, peakRssMb: kb / 1024 };
  });
  return { command: commandLine(args), runs: repeat(runs, () => runCli(args, out)), npmRuns };
}

function growthPlanTable(cells: GrowthCell[], baselineMb: number): string {
  const first = cells[0];
  return table(
    [
      "scale",
      "backends",
      "paths",
      "resources",
      "in memory: ours ms",
      "in memory: flat ms",
      "ours / flat",
      "CPU ours / flat",
      "CLI plan ms",
      "CLI plan CPU ms",
      "CLI peak RSS MB",
      "KB per resource (computed)",
      "CLI time / 1x (computed)",
      "CLI runs ms",
    ],
    cells.map((c) => [
      `${c.scale}x`,
      c.size.backends,
      c.size.paths,
      c.resources,
      c.memory ? ms(c.memory.ours.timesMs) : "-",
      c.memory ? ms(c.memory.flat.timesMs) : "-",
      c.memory ? `${ratio(c.memory).toFixed(2)}x` : "-",
      c.memory ? `${(median(c.memory.ours.cpuMs) / median(c.memory.flat.cpuMs)).toFixed(2)}x` : "-",
      wall(c.plan).toFixed(0),
      cpu(c.plan).toFixed(0),
      rss(c.plan).toFixed(0),
      (((rss(c.plan) - baselineMb) * 1024) / c.resources).toFixed(0),
      `${(wall(c.plan) / wall(first.plan)).toFixed(2)}x`,
      c.plan.map((r) => r.wallMs.toFixed(0)).join(", "),
    ]),
  );
}

function growthDiffTable(cells: GrowthCell[]): string {
  return table(
    [
      "scale",
      "resources",
      "plan JSON MB",
      "diff itself ms",
      "diff itself CPU ms",
      "diff vs add-backend ms",
      "diff peak RSS MB",
      "diff / plan (computed)",
      "add-backend diff finds",
    ],
    cells.map((c) => [
      `${c.scale}x`,
      c.resources,
      c.planJsonMb.toFixed(1),
      wall(c.diffSelf).toFixed(0),
      cpu(c.diffSelf).toFixed(0),
      wall(c.diffEdit).toFixed(0),
      Math.max(rss(c.diffSelf), rss(c.diffEdit)).toFixed(0),
      `${(wall(c.diffSelf) / wall(c.plan)).toFixed(2)}x`,
      c.editSummary,
    ]),
  );
}

function machine(): string {
  const cpus = os.cpus();
  return [
    `- ${os.availableParallelism()} CPUs (${cpus[0]?.model ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `- Node.js ${process.version}`,
    `- load average when the run started: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")} (other jobs on the machine add noise; times are medians)`,
  ].join("\n");
}

/** Everything BENCHMARKS.md is written from; kept in .bench-tmp/results.json for `--render`. */
interface Results {
  quick: boolean;
  runs: number;
  date: string;
  machineText: string;
  backendSweep: Cell[];
  pathSweep: Cell[];
  growth: GrowthCell[];
  largest?: GrowthCell;
  preview: Preview;
  httpChain: string;
  httpsChain?: string;
  health: string;
  edits?: string;
  seconds: number;
}

async function measureAll(options: Options): Promise<Results> {
  const started = Date.now();
  const machineText = machine();
  process.stderr.write(`bench (${options.quick ? "quick" : "full"}, ${options.runs} runs per cell)\n`);
  const preview = measurePreview(options.quick ? 5 : 10);
  const backendSweep = [
    { backends: 1, paths: 10 },
    { backends: 10, paths: 100 },
    { backends: 100, paths: 1000 },
    { backends: GOAL.backends, paths: GOAL.paths },
  ].map((size) => measure(size, size.backends <= 10 ? options.runs * 3 : options.runs));
  const pathSweep = options.quick
    ? []
    : [10, 100, 1000, 5000].map((paths) =>
        measure({ backends: 10, paths }, paths <= 100 ? options.runs * 3 : options.runs),
      );
  // Fewer runs of the large sizes, so that the full bench stays within a quarter of an hour.
  const scales = options.quick ? [1, 2] : [1, 2, 4, 8];
  const growth = scales.map((scale) =>
    measureGrowth(
      scale,
      scale * GROWTH_BASE,
      scale >= 8 ? Math.min(options.runs, 2) : Math.min(options.runs, 3),
      true,
    ),
  );
  const largest = options.quick
    ? undefined
    : measureGrowth(LARGEST_BACKENDS / GROWTH_BASE, LARGEST_BACKENDS, 1, false);

  const certificates = benchCertificates();
  const httpPlan = (await planManifests(syntheticManifests({ backends: 10, paths: 100 }))).plan;
  const httpsPlan = certificates
    ? (await planManifests(syntheticManifests({ backends: 10, paths: 100, certificates, edit: "redirect" })))
        .plan
    : undefined;
  const edits = certificates ? await editTable({ backends: 10, paths: 100 }, certificates) : undefined;
  return {
    quick: options.quick,
    runs: options.runs,
    date: new Date().toISOString().slice(0, 10),
    machineText,
    backendSweep,
    pathSweep,
    growth,
    largest,
    preview,
    httpChain: chainText(httpPlan),
    httpsChain: httpsPlan ? chainText(httpsPlan) : undefined,
    health: healthTable(plannedHealthTimings(httpPlan.resources)),
    edits,
    seconds: (Date.now() - started) / 1000,
  };
}

const met = (ok: boolean) => (ok ? "met" : "NOT met");

function render(r: Results): string {
  const largest = r.backendSweep[r.backendSweep.length - 1];
  const largestSeconds = median(largest.ours.timesMs) / 1000;
  const baselineMb = rss(r.preview.runs);
  const eight = r.growth.find((c) => c.scale === 8) ?? r.growth[r.growth.length - 1];
  const overRatio = [
    ...r.backendSweep,
    ...r.pathSweep,
    ...r.growth.flatMap((c) => (c.memory ? [c.memory] : [])),
  ]
    .filter((c) => ratio(c) > RATIO_GOAL)
    .map((c) => `${c.size.backends} backends and ${c.size.paths} paths (${ratio(c).toFixed(2)}x)`);
  const first = r.growth[0];
  const last = r.growth[r.growth.length - 1];
  const slopeKb = ((rss(last.plan) - rss(first.plan)) * 1024) / Math.max(1, last.resources - first.resources);
  const growthCells = [...r.growth, ...(r.largest ? [r.largest] : [])];
  const previewMs = median(r.preview.runs.map((run) => run.wallMs));
  const npmPreviewMs = median(r.preview.npmRuns.map((run) => run.wallMs));
  const sections = [
    `# Benchmarks`,
    "",
    `Written by \`npm run bench\`${r.quick ? " (quick run)" : ""} on ${r.date} (it took ${r.seconds.toFixed(0)} s). Machine:`,
    "",
    // How TypeScript runs is said here (results of older runs described it in the machine text).
    ...r.machineText.split("\n").map((line) => line.replace(/^(- Node\.js v[\d.]+).*$/, "$1")),
    "- TypeScript: the CLI (bin/ingress-glb.js) transpiles with its cache in .cache/; the in-memory workers",
    "  run through ts-node (transpile only)",
    "",
    "Every table below was printed by `npm run bench`; the exact command of each CLI measurement is listed",
    "under its table. Columns marked (computed) are arithmetic on the measured ones, not measurements.",
    "",
    "## The seed's preview",
    "",
    `\`npm run preview\` (\`${r.preview.command}\`, after one run that fills the CLI's caches in .cache/),`,
    `${r.preview.runs.length} runs each:`,
    "",
    table(
      ["command", "median ms", "median CPU ms", "peak RSS MB", "runs ms"],
      [
        [
          `\`/usr/bin/time -f "%e %U %S %M" npm run --silent preview\``,
          npmPreviewMs.toFixed(0),
          cpu(r.preview.npmRuns).toFixed(0),
          rss(r.preview.npmRuns).toFixed(0),
          r.preview.npmRuns.map((run) => run.wallMs.toFixed(0)).join(", "),
        ],
        [
          `\`/usr/bin/time -f "%e %U %S %M" ${r.preview.command}\``,
          previewMs.toFixed(0),
          cpu(r.preview.runs).toFixed(0),
          baselineMb.toFixed(0),
          r.preview.runs.map((run) => run.wallMs.toFixed(0)).join(", "),
        ],
      ],
    ),
    "",
    `Goal: under ${PREVIEW_GOAL_MS} ms: \`npm run preview\` ${npmPreviewMs.toFixed(0)} ms wall-clock (${met(npmPreviewMs < PREVIEW_GOAL_MS)}), ` +
      `${cpu(r.preview.npmRuns).toFixed(0)} ms CPU (${met(cpu(r.preview.npmRuns) < PREVIEW_GOAL_MS)}); the CLI alone ` +
      `${previewMs.toFixed(0)} ms wall-clock (${met(previewMs < PREVIEW_GOAL_MS)}), ${cpu(r.preview.runs).toFixed(0)} ms CPU ` +
      `(${met(cpu(r.preview.runs) < PREVIEW_GOAL_MS)}). CPU is user + system time: wall-clock above it is waiting for a core.`,
    "",
    "## Growth: plan and diff end to end, 1x to 8x",
    "",
    `Specs of ${GROWTH_BASE} to ${8 * GROWTH_BASE} backends with ${GROWTH_PATHS_PER_BACKEND} paths each, written as YAML files`,
    "(one per kind) under .bench-tmp/. `CLI` is a fresh `ingress-glb plan` process, as a user runs it: start,",
    "loading the SDKs, reading the YAML, checking, translation, registration and writing the JSON plan;",
    "wall and CPU time and peak RSS from GNU time. `in memory` is the table below's `ours` and `flat`",
    "(planManifests on a spec built in memory, against the flat program). KB per resource (computed) is",
    `(peak RSS - ${baselineMb.toFixed(0)} MB, the seed's preview above: the loaded SDKs) / resources.`,
    ...(r.largest
      ? [`The last row is the plan of 10,000 resources (${r.largest.resources}), one run, CLI only.`]
      : []),
    "",
    growthPlanTable(growthCells, baselineMb),
    "",
    "Commands (each row: its spec folder):",
    "",
    ...growthCells.map((c) => `- \`/usr/bin/time -f "%e %U %S %M" ${c.planCommand}\``),
    "",
    `Memory (computed from the table): ${(((rss(first.plan) - baselineMb) * 1024) / first.resources).toFixed(0)} KB per resource at 1x, ` +
      `${(((rss(last.plan) - baselineMb) * 1024) / last.resources).toFixed(0)} at ${last.scale}x; between them each added resource cost ` +
      `${slopeKb.toFixed(0)} KB of peak RSS. Goal under 250 KB per resource: ` +
      `${met(growthCells.every((c) => ((rss(c.plan) - baselineMb) * 1024) / c.resources < 250))}.` +
      (r.largest
        ? ` The 10,000-resource plan completed: ${r.largest.resources} resources, ${rss(r.largest.plan).toFixed(0)} MB peak RSS.`
        : ""),
    "",
    "`diff` of each plan against itself and against the plan of the same spec with one more backend",
    "(a Service, its Deployment and a path: the `add-backend` edit), text output, in a fresh process:",
    "",
    growthDiffTable(growthCells),
    "",
    "Commands:",
    "",
    ...growthCells.flatMap((c) => [`- \`${c.diffSelfCommand}\``, `- \`${c.diffEditCommand}\``]),
    "",
    `Goal: \`diff\` at least as fast as \`plan\` at each size (${met(growthCells.every((c) => wall(c.diffSelf) <= wall(c.plan)))}); ` +
      `${eight.resources.toLocaleString("en-US")} resources under ${DIFF_GOAL_MS / 1000} s: ${wall(eight.diffSelf).toFixed(0)} ms wall-clock ` +
      `(${met(wall(eight.diffSelf) < DIFF_GOAL_MS)}), ${cpu(eight.diffSelf).toFixed(0)} ms CPU (${met(cpu(eight.diffSelf) < DIFF_GOAL_MS)}).`,
    "",
    "## Plan time and peak memory against spec size, in memory",
    "",
    "`ours` is `planManifests` (what `ingress-glb plan` runs: manifest reading, translation, the",
    "IngressManifests component and its children under the recording engine). `flat` registers the same",
    "custom resources (types, names, inputs, dependencies) straight from @pulumi/gcp and @pulumi/kubernetes",
    "classes under the same engine, with no component of ours; values only the cloud decides (IDs, self",
    "links, nodePorts, the address) come from the outputs of the resources they depend on, as in any real",
    "program. Both start from a spec built in memory: no YAML is read (the growth table above has the",
    "CLI from files). Each cell runs in a fresh process (`node --expose-gc -r ts-node/register/transpile-only",
    "bench/worker.ts JOB`) after a warm-up. Times are wall-clock medians of",
    `${r.runs} runs (${r.runs * 3} for the small specs); the CPU ratio (user + system time, all threads) is`,
    "steadier when other jobs share the machine. Peak RSS is the process's. Paths are Prefix paths, 100 to a",
    "host. The load balancers use the EXTERNAL_MANAGED scheme: past about a thousand paths a URL map outgrows",
    "the 64 KB the classic scheme allows (ingress-glb refuses it).",
    "",
    "Backends (10 paths per backend):",
    "",
    sizeTable(r.backendSweep),
    ...(r.pathSweep.length > 0 ? ["", "Paths (10 backends):", "", sizeTable(r.pathSweep)] : []),
    "",
    `Goal: ${GOAL.backends} backends and ${GOAL.paths.toLocaleString("en-US")} paths in under ${GOAL.seconds} s: ` +
      `${largestSeconds.toFixed(2)} s (${met(largestSeconds < GOAL.seconds)}). Every cell (these tables and the growth table) ` +
      `within ${RATIO_GOAL}x of the flat program: ` +
      (overRatio.length === 0
        ? "met."
        : `NOT met by ${overRatio.join("; ")}: see "What the figures showed".`),
    "",
    "## Critical path of a create",
    "",
    "The longest chain of GCP resources that must be created one after another, read off the recorded",
    "dependencies (10 backends):",
    "",
    `- HTTP only: ${r.httpChain}`,
    ...(r.httpsChain ? [`- HTTPS with the redirect: ${r.httpsChain}`] : []),
    "",
    "## Time to healthy",
    "",
    r.health,
    "",
    `(Defaults: ${DEFAULT_HEALTH_CHECK.checkIntervalSec} s interval, ${DEFAULT_HEALTH_CHECK.timeoutSec} s timeout, ` +
      `${DEFAULT_HEALTH_CHECK.healthyThreshold} healthy, ${DEFAULT_HEALTH_CHECK.unhealthyThreshold} unhealthy: the GCP API's own.)`,
    "",
    "## Blast radius of common edits",
    "",
    "`ingress-glb diff` between the plan of a base spec (10 backends, 100 paths, HTTPS from a TLS Secret)",
    "and the plan after one edit; counts are cloud and cluster resources (components left out).",
    "",
    r.edits ?? "(skipped: the openssl CLI, needed to make the test certificates, is not available)",
    "",
    readFileSync(FINDINGS, "utf8").trimEnd(),
  ];
  return `${sections.join("\n")}\n`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(TMP, { recursive: true });
  let results: Results;
  if (options.render) {
    if (!existsSync(RESULTS)) throw new Error(`no ${RESULTS}: run the bench first`);
    results = JSON.parse(readFileSync(RESULTS, "utf8")) as Results;
  } else {
    results = await measureAll(options);
    writeFileSync(RESULTS, JSON.stringify(results, null, 2));
  }
  const markdown = render(results);
  console.log(markdown);
  if (options.write) {
    writeFileSync(path.join(ROOT, "BENCHMARKS.md"), markdown);
    console.log("wrote BENCHMARKS.md");
  } else {
    console.log("(quick run: BENCHMARKS.md not written; `npm run bench` writes the full tables)");
  }
  const largest = results.backendSweep[results.backendSweep.length - 1];
  console.log(`bench took ${results.seconds.toFixed(0)} s`);
  console.log(
    `overhead vs flat program: ${ratio(largest).toFixed(2)}x (${largest.ours.resources} resources)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
