import { diffPlans } from "../lib/plan/diff";
import { Plan, PlannedResource } from "../lib/plan/types";

/** `gcp:compute/backendService:BackendService` -> `BackendService`. */
export function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

function isCloudResource(r: PlannedResource): boolean {
  return !r.component && !r.read && r.type !== "pulumi:pulumi:Stack";
}

/**
 * The longest chain of GCP resources that must be created one after another, from the recorded
 * dependencies: each resource waits for everything it depends on. Kubernetes resources may sit on the
 * chain (a Service's nodePort feeds a health check) but only GCP resources are counted, since they are
 * what takes minutes to create.
 */
export function criticalPath(resources: readonly PlannedResource[]): PlannedResource[] {
  const nodes = new Map(resources.filter(isCloudResource).map((r) => [r.urn, r]));
  const memo = new Map<string, PlannedResource[]>();
  const longest = (urn: string, visiting: Set<string>): PlannedResource[] => {
    const cached = memo.get(urn);
    if (cached) return cached;
    const node = nodes.get(urn);
    if (!node || visiting.has(urn)) return [];
    visiting.add(urn);
    let best: PlannedResource[] = [];
    let bestWeight = -1;
    for (const dep of node.dependencies) {
      const chain = longest(dep, visiting);
      const weight = chain.filter((r) => r.type.startsWith("gcp:")).length;
      if (weight > bestWeight) {
        best = chain;
        bestWeight = weight;
      }
    }
    visiting.delete(urn);
    const chain = [...best, node];
    memo.set(urn, chain);
    return chain;
  };
  let result: PlannedResource[] = [];
  for (const urn of nodes.keys()) {
    const chain = longest(urn, new Set());
    if (gcpCount(chain) > gcpCount(result)) result = chain;
  }
  return result;
}

export function gcpCount(chain: readonly PlannedResource[]): number {
  return chain.filter((r) => r.type.startsWith("gcp:")).length;
}

export interface HealthTimings {
  checkIntervalSec: number;
  timeoutSec: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
}

/** The GCP API's defaults, which a HealthCheck without these inputs gets. */
export const GCP_API_DEFAULTS: HealthTimings = {
  checkIntervalSec: 5,
  timeoutSec: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
};

/** What GKE's Ingress controller sets on an instance-group backend's health check. */
export const GKE_DEFAULTS: HealthTimings = {
  checkIntervalSec: 60,
  timeoutSec: 60,
  healthyThreshold: 1,
  unhealthyThreshold: 10,
};

/** The health check settings a plan gives its backends (the slowest, when they differ). */
export function plannedHealthTimings(resources: readonly PlannedResource[]): HealthTimings {
  const checks = resources.filter((r) => r.type === "gcp:compute/healthCheck:HealthCheck");
  const value = (r: PlannedResource, key: keyof HealthTimings) =>
    typeof r.inputs[key] === "number" ? (r.inputs[key] as number) : GCP_API_DEFAULTS[key];
  const slowest = (key: keyof HealthTimings) => Math.max(...checks.map((r) => value(r, key)));
  return {
    checkIntervalSec: slowest("checkIntervalSec"),
    timeoutSec: slowest("timeoutSec"),
    healthyThreshold: slowest("healthyThreshold"),
    unhealthyThreshold: slowest("unhealthyThreshold"),
  };
}

/**
 * Bounds, in seconds, from the probe settings alone. A backend that starts answering is probed within one
 * interval and needs `healthyThreshold` successes in a row: interval x healthyThreshold, plus one timeout
 * if a probe sent just before it was ready hangs. A backend that stops answering is taken out after
 * `unhealthyThreshold` failed probes, the first within an interval, the last waiting out its timeout.
 */
export function healthBounds(t: HealthTimings): { healthy: number; healthyWorst: number; unhealthy: number } {
  return {
    healthy: t.checkIntervalSec * t.healthyThreshold,
    healthyWorst: t.checkIntervalSec * t.healthyThreshold + t.timeoutSec,
    unhealthy: t.checkIntervalSec * t.unhealthyThreshold + t.timeoutSec,
  };
}

export interface BlastRadius {
  create: number;
  update: number;
  replace: number;
  delete: number;
  routes: number;
  /** `op Type` of each changed resource, grouped: `replace SSLCertificate x1`. */
  changes: string[];
}

/** What `ingress-glb diff` says an edit does to the cloud and the cluster. */
export function blastRadius(base: Plan, head: Plan): BlastRadius {
  const diff = diffPlans(base, head);
  // Components have no cloud object: only the resources they hold count.
  const changes = diff.resources.filter((change) => !change.component);
  const grouped = new Map<string, number>();
  for (const change of changes) {
    const key = `${change.op} ${shortType(change.type)}`;
    grouped.set(key, (grouped.get(key) ?? 0) + 1);
  }
  const count = (op: string) => changes.filter((change) => change.op === op).length;
  return {
    create: count("create"),
    update: count("update"),
    replace: count("replace"),
    delete: count("delete"),
    routes: diff.routes.length,
    changes: [...grouped.entries()].map(([key, n]) => (n > 1 ? `${key} x${n}` : key)),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
