import { reachOf } from "./regional-reach";
import { safeLine } from "../quote";
import { LoadBalancerModel, Warning } from "../translate/model";
import { Plan, PlannedResource } from "./types";

/** Resources that only group others: shown in the tree, not counted as cloud objects. */
function isGrouping(r: PlannedResource): boolean {
  return !!r.component || r.type === "pulumi:pulumi:Stack";
}

/**
 * `plan` for a terminal, in the manner of `pulumi preview`: the resource tree (type, name and what each
 * one points at), the routing table, then warnings.
 */
export function renderPlanText(plan: Plan, models: LoadBalancerModel[]): string {
  const lines: string[] = [];
  const children = new Map<string | null, PlannedResource[]>();
  for (const r of plan.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const nameOf = new Map(plan.resources.map((r) => [r.urn, r.name]));
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      const mark = r.read ? ">" : "+";
      const deps = r.dependencies
        .filter((urn) => urn !== r.parent && nameOf.has(urn))
        .map((urn) => nameOf.get(urn) as string);
      const pointsAt = deps.length > 0 ? `  -> ${deps.join(", ")}` : "";
      lines.push(`${"  ".repeat(depth)}${mark} ${r.type}  ${r.name}${r.read ? " (read)" : ""}${pointsAt}`);
      walk(r.urn, depth + 1);
    }
  };
  walk(null, 0);

  const cloud = plan.resources.filter((r) => !isGrouping(r));
  const reads = cloud.filter((r) => r.read).length;
  lines.push("", `Resources: ${cloud.length - reads} to create${reads ? `, ${reads} to read` : ""}`);

  for (const model of models) {
    const reach = reachOf(model);
    lines.push(
      "",
      `Routes of load balancer ${model.label} (${model.ingresses.join(", ")})${reach ? `, ${reach}` : ""}:`,
    );
    const backends = new Map(model.backends.map((b) => [b.key, b]));
    const rows = model.routes.map((route) => [
      route.host,
      route.path,
      describeBackend(backends.get(route.backend)),
    ]);
    rows.push(["(any other)", "", `${describeBackend(backends.get(model.urlMap.defaultBackend))} (default)`]);
    lines.push(...table([["HOST", "PATH", "BACKEND"], ...rows]).map((row) => `  ${row}`));
  }
  if (plan.warnings.length > 0) {
    lines.push("", "Warnings:");
    for (const warning of plan.warnings) lines.push(`  ${renderWarning(warning)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A warning as it may be printed or written to a plan: its message one line with no key material, like
 * an error's (warnings quote user values too: kinds, annotations, hosts).
 */
export function safeWarning(warning: Warning): Warning {
  return { ...warning, message: safeLine(warning.message) };
}

export function renderWarning(warning: Warning): string {
  const where = warning.origin?.file
    ? ` [${warning.origin.file}${warning.origin.line ? `:${warning.origin.line}` : ""}]`
    : "";
  return safeLine(`warning ${warning.code}: ${warning.message}${where}`);
}

function describeBackend(backend: { key: string; builtinDefault: boolean } | undefined): string {
  if (!backend) return "?";
  return backend.builtinDefault ? `built-in 404 (${backend.key})` : backend.key;
}

/** Left-aligned columns. */
export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => (row[col] ?? "").length)));
  return rows.map((row) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]))
      .join("  ")
      .trimEnd(),
  );
}
