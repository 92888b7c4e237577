import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { Plan, PlannedResource } from "../../lib/plan/types";
import { parseJson, runCli } from "../cli/run-cli";

/** test/fixtures/gke-corpus: one folder per case, `manifests/`, `case.yaml` (input) and `expected.yaml`. */
export const CORPUS_DIR = path.resolve(__dirname, "../fixtures/gke-corpus");

/** The nodes every case is planned for, as a user passes them (no placeholder warnings). */
const CLUSTER_FLAGS = [
  "--instance-group",
  "https://www.googleapis.com/compute/v1/projects/corpus-project/zones/europe-west1-b/instanceGroups/gke-corpus-pool-grp",
  "--node-tag",
  "gke-corpus-node",
  "--project",
  "corpus-project",
];

/** What a case asks: URLs to route and extra CLI flags. */
interface CaseInput {
  urls?: string[];
  flags?: string[];
}

/** The shape of a plan that a reviewer checks: what is planned, not every property. */
export interface CaseShape {
  /** The CLI's exit code. */
  exit: number;
  /** The first line the CLI wrote to stderr when it refused the folder. */
  error?: string;
  /** Resources by type (`module:Type`, e.g. `compute/backendService:BackendService`; lookups apart). */
  resources?: Record<string, number>;
  /** Each backend service by its Kubernetes Service port: protocol, health check type and path. */
  backends?: Record<string, string>;
  /** Warning codes, sorted, one per warning. */
  warnings?: string[];
  /** Where each URL goes, per load balancer: `namespace/service:port`, the built-in 404 or a redirect. */
  routes?: Record<string, string[]>;
}

export function corpusCases(): string[] {
  return fs
    .readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function readCase(name: string): CaseInput {
  const file = path.join(CORPUS_DIR, name, "case.yaml");
  return fs.existsSync(file) ? ((parse(fs.readFileSync(file, "utf8")) as CaseInput | null) ?? {}) : {};
}

export function expectedFile(name: string): string {
  return path.join(CORPUS_DIR, name, "expected.yaml");
}

export function readExpected(name: string): CaseShape {
  return parse(fs.readFileSync(expectedFile(name), "utf8")) as CaseShape;
}

export function writeExpected(name: string, shape: CaseShape): void {
  const header =
    "# Written by scripts/corpus-expectations.ts from the CLI's behaviour; review its diff, never edit by hand.\n";
  fs.writeFileSync(expectedFile(name), header + stringify(shape, { lineWidth: 0 }));
}

/** `module:Type`, and ` (read)` for a lookup of an existing object. */
const typeOf = (resource: PlannedResource) =>
  resource.type.slice(resource.type.indexOf(":") + 1) + (resource.read ? " (read)" : "");

/** What a backend service sends traffic to: `instance groups x2` or `NEGs x3 (RATE)`. */
function groupsOf(bs: PlannedResource): string {
  const backends = (bs.inputs.backends ?? []) as { group?: string; balancingMode?: string }[];
  const negs = backends.filter((b) => /\/networkEndpointGroups\//.test(String(b.group)));
  if (negs.length > 0) return `NEGs x${negs.length} (${negs[0].balancingMode ?? "default balancing"})`;
  return `instance groups x${backends.length}`;
}

/** Global and regional (gce-internal, gce-regional-external) backend services and health checks. */
const BACKEND_SERVICE_TYPES = [
  "gcp:compute/backendService:BackendService",
  "gcp:compute/regionBackendService:RegionBackendService",
];
const HEALTH_CHECK_TYPES = [
  "gcp:compute/healthCheck:HealthCheck",
  "gcp:compute/regionHealthCheck:RegionHealthCheck",
];

/** `Kubernetes Service ns/svc:80` -> `ns/svc:80`; the health check names its backend the same way. */
function backendShapes(resources: PlannedResource[]): Record<string, string> {
  const checks = new Map<string, string>();
  for (const hc of resources.filter((r) => HEALTH_CHECK_TYPES.includes(r.type))) {
    const key = /^Health of (\S+) on/.exec(String(hc.inputs.description))?.[1];
    const block = (["httpHealthCheck", "httpsHealthCheck", "http2HealthCheck"] as const).find(
      (field) => hc.inputs[field] !== undefined,
    );
    if (key === undefined || block === undefined) continue;
    const probe = hc.inputs[block] as { requestPath?: string };
    const type = block.replace("HealthCheck", "").toUpperCase();
    checks.set(key, `${type} ${probe.requestPath ?? "/"}`);
  }
  const shapes: Record<string, string> = {};
  for (const bs of resources.filter((r) => BACKEND_SERVICE_TYPES.includes(r.type))) {
    const key = String(bs.inputs.description).replace(/^Kubernetes Service /, "");
    const extras = [
      bs.inputs.enableCdn ? "CDN" : undefined,
      (bs.inputs.iap as { enabled?: boolean } | undefined)?.enabled ? "IAP" : undefined,
      bs.inputs.securityPolicy !== undefined ? `Cloud Armor ${String(bs.inputs.securityPolicy)}` : undefined,
    ].filter((extra) => extra !== undefined);
    const hc = checks.get(key) ?? "no health check";
    shapes[key] = [`${String(bs.inputs.protocol)}, ${groupsOf(bs)}, health check ${hc}`, ...extras].join(
      ", ",
    );
  }
  return Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
}

interface RouteResult {
  url: string;
  loadBalancer: string;
  service?: string | null;
  namespace?: string | null;
  port?: number | string;
  defaultBackend?: boolean;
  redirect?: string;
}

/** Plans the case through the CLI, in-process, and reduces the plan to its shape. */
export async function observeCase(name: string): Promise<CaseShape> {
  const input = readCase(name);
  const manifests = path.join(CORPUS_DIR, name, "manifests");
  const flags = [...CLUSTER_FLAGS, ...(input.flags ?? [])];
  const planned = await runCli("plan", manifests, "--json", ...flags);
  if (planned.code !== 0) {
    // Paths relative to the case's folder, so the file reads the same on every machine.
    const error = planned.err
      .split("\n")[0]
      .split(`${path.join(CORPUS_DIR, name)}${path.sep}`)
      .join("");
    return { exit: planned.code, error };
  }
  // The corpus's private keys and its fake OAuth client secret must never reach a plan, even as JSON.
  for (const secret of ["PRIVATE KEY-----", "GOCSPX-corpus"]) {
    if (planned.out.includes(secret)) throw new Error(`${name}: the plan shows a Secret's value (${secret})`);
  }
  const plan = parseJson<Plan>(planned);
  const resources: Record<string, number> = {};
  for (const resource of plan.resources) {
    if (resource.type === "pulumi:pulumi:Stack") continue;
    resources[typeOf(resource)] = (resources[typeOf(resource)] ?? 0) + 1;
  }
  const shape: CaseShape = {
    exit: 0,
    resources: Object.fromEntries(Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))),
    backends: backendShapes(plan.resources),
    warnings: plan.warnings.map((warning) => warning.code).sort(),
  };
  if (input.urls?.length) {
    const routed = await runCli(
      "route",
      manifests,
      "--json",
      ...flags,
      ...input.urls.flatMap((u) => ["--url", u]),
    );
    if (routed.code !== 0) throw new Error(`route failed (exit ${routed.code}): ${routed.err}`);
    const results = parseJson<{ results: RouteResult[] }>(routed).results;
    shape.routes = Object.fromEntries(
      input.urls.map((url) => [
        url,
        results
          .filter((result) => result.url === url)
          .map((r) =>
            r.redirect !== undefined
              ? `${r.loadBalancer}: redirect to ${r.redirect}`
              : r.service === null || r.service === undefined
                ? `${r.loadBalancer}: built-in 404 (default backend)`
                : `${r.loadBalancer}: ${r.namespace}/${r.service}:${r.port}${r.defaultBackend ? " (default backend)" : ""}`,
          ),
      ]),
    );
  }
  return shape;
}
