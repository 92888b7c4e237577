import {
  PlanDiff,
  PropertyChange,
  ResourceChange,
  ResourceOp,
  RouteChange,
  RouteTarget,
  hasChanges,
} from "./diff";

/**
 * Exit status of `ingress-glb diff BASE.json HEAD.json`:
 * - 0: no resource and no routing change (new or resolved warnings alone do not count), or
 *   differences when the caller did not ask for a status (the CLI's `--exit-code`, as in git diff);
 * - 3: differences found, whatever the output format, when asked;
 * - 2: bad input (unreadable file, not a plan), with one message on stderr and nothing printed;
 * - 1: left to Node for an unexpected crash, so that CI never mistakes a crash for a difference.
 * diff(1) uses 1 for differences, but Node exits 1 on an uncaught error; 3 keeps the two apart.
 */
export const DIFF_EXIT_CODES = { same: 0, different: 3, badInput: 2 } as const;

export function diffExitCode(diff: PlanDiff): number {
  return hasChanges(diff) ? DIFF_EXIT_CODES.different : DIFF_EXIT_CODES.same;
}

/** `diff --json`: the PlanDiff itself. */
export function renderDiffJson(diff: PlanDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

/** The marks `pulumi preview` uses. */
const SYMBOLS: Record<ResourceOp, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  delete: "-",
  read: ">",
  discard: "<",
};

/** Most disruptive first: what a reviewer must look at. */
const SEVERITY: ResourceOp[] = ["replace", "delete", "update", "create", "read", "discard"];

const SUMMARY_LABELS: Record<ResourceOp, string> = {
  create: "to create",
  update: "to update",
  replace: "to replace",
  delete: "to delete",
  read: "to read",
  discard: "to discard",
};

/** The logical name at the end of a URN (`...::type::name`). */
function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** `gcp:compute/sSLCertificate:SSLCertificate` reads as `SSLCertificate`. */
function shortType(type: string): string {
  return type.slice(type.lastIndexOf(":") + 1);
}

function countsLine(diff: PlanDiff, mark: (op: ResourceOp, text: string) => string): string[] {
  return SEVERITY.filter((op) => diff.summary[op] > 0).map((op) =>
    mark(op, `${diff.summary[op]} ${SUMMARY_LABELS[op]}`),
  );
}

/** Longest value shown whole in the terminal: a PEM or a long URL would drown the diff. */
const MAX_VALUE = 72;

function formatValue(value: PropertyChange["before"]): string {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length <= MAX_VALUE
    ? text
    : `${text.slice(0, MAX_VALUE - 12)}…" (${String(value).length} chars)`;
}

function formatTarget(target: RouteTarget | undefined): string {
  if (!target) return "";
  if (target.service === null) return "404 default backend";
  const where = target.namespace ? `${target.namespace}/${target.service}` : target.service;
  return target.port === null ? where : `${where}:${target.port}`;
}

function replaceNote(change: ResourceChange, quote: (text: string) => string = (text) => text): string {
  const parts: string[] = [change.replaceMode ?? "create-before-delete"];
  if (change.renamedFrom) parts.push(`renamed from ${quote(nameOfUrn(change.renamedFrom))}`);
  return parts.join(", ");
}

function propertyLine(change: ResourceChange, property: PropertyChange): string {
  const mark = property.kind === "add" ? "+" : property.kind === "delete" ? "-" : "~";
  const values =
    property.kind === "update" && (property.before !== undefined || property.after !== undefined)
      ? `: ${formatValue(property.before) || "{...}"} => ${formatValue(property.after) || "{...}"}`
      : property.kind === "add" && property.after !== undefined
        ? `: ${formatValue(property.after)}`
        : property.kind === "delete" && property.before !== undefined
          ? `: ${formatValue(property.before)}`
          : "";
  const forces = change.replaceCauses?.includes(property.path) ? "  (forces replacement)" : "";
  return `        ${mark} ${property.path}${values}${forces}`;
}

/** Terminal output, in the manner of `pulumi preview --diff`. */
export function renderDiffText(diff: PlanDiff): string {
  const lines: string[] = [];
  if (!hasChanges(diff)) {
    lines.push(`No changes (${diff.summary.unchanged} unchanged).`);
  } else {
    if (diff.resources.length > 0) lines.push("Resources:");
    for (const change of diff.resources) {
      const note = change.op === "replace" ? `  (${replaceNote(change)})` : "";
      lines.push(
        ` ${SYMBOLS[change.op].padEnd(3)}${change.op.padEnd(8)} ${change.type}  ${change.name}${note}`,
      );
      for (const property of change.properties) lines.push(propertyLine(change, property));
      for (const via of change.via ?? []) {
        const forces = change.replaceCauses?.includes(via.path) ? "  (forces replacement)" : "";
        lines.push(`        ~ ${via.path}: unknown until ${nameOfUrn(via.urn)} is replaced${forces}`);
      }
      for (const caution of change.cautions ?? []) lines.push(`        ! ${caution}`);
    }
    if (diff.routes.length > 0) {
      if (lines.length > 0) lines.push("");
      lines.push("Routes:");
      for (const route of diff.routes) lines.push(routeLine(route));
    }
  }
  // Said even when nothing else changes: a risk is never hidden behind "No changes".
  if (diff.risks.length > 0) {
    lines.push("", "Serving risks:");
    for (const risk of diff.risks) lines.push(`  ! ${risk.kind}: ${risk.message}`);
  }
  if (diff.warnings.added.length > 0) {
    lines.push("", "New warnings:");
    for (const warning of diff.warnings.added) lines.push(`  ${warning.code}: ${warning.message}`);
  }
  if (diff.warnings.resolved.length > 0) {
    lines.push("", "Resolved warnings:");
    for (const warning of diff.warnings.resolved) lines.push(`  ${warning.code}: ${warning.message}`);
  }
  if (hasChanges(diff)) {
    const counts = countsLine(diff, (op, text) => `${SYMBOLS[op]} ${text}`);
    lines.push("", `Summary: ${[...counts, `${diff.summary.unchanged} unchanged`].join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

function routeLine(route: RouteChange): string {
  const where = `${route.host} ${route.path}`;
  if (route.change === "added") return ` +  ${where} -> ${formatTarget(route.after)}`;
  if (route.change === "removed") return ` -  ${where} (was ${formatTarget(route.before)})`;
  return ` ~  ${where}: ${formatTarget(route.before)} -> ${formatTarget(route.after)}`;
}

/** A table cell: no pipe or line break may leave it. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return text === "" ? "" : `\`${text.replace(/`/g, "'")}\``;
}

/** At most `limit` items, then how many more: a PR comment has to stay readable. */
function listCell(items: string[], limit = 5): string {
  const shown = items.slice(0, limit).map(code);
  if (items.length > limit) shown.push(`+${items.length - limit} more`);
  return cell(shown.join(", "));
}

function opCell(change: ResourceChange): string {
  if (change.op !== "replace") return change.op;
  return `⚠️ replaces (${replaceNote(change, code)})`;
}

/** A short pull-request comment: counts, replacements first, routing changes, new warnings. */
export function renderDiffMarkdown(diff: PlanDiff): string {
  const lines = ["### ingress-glb diff", ""];
  if (!hasChanges(diff)) {
    lines.push(`**No changes** (${diff.summary.unchanged} unchanged).`);
  } else {
    const counts = countsLine(diff, (op, text) => (op === "replace" ? `**⚠️ ${text}**` : text));
    lines.push([...counts, `${diff.summary.unchanged} unchanged`].join(" · "));
  }
  // Said even when nothing else changes: a risk is never hidden behind "No changes".
  if (diff.risks.length > 0) {
    lines.push(
      "",
      "> [!CAUTION]",
      `> **${diff.risks.length === 1 ? "This change interrupts or risks traffic" : `${diff.risks.length} changes interrupt or risk traffic`}.**`,
    );
    for (const risk of diff.risks) lines.push(`> - ${code(risk.kind)}: ${cell(risk.message)}.`);
  }
  if (hasChanges(diff)) {
    const replaced = diff.resources.filter((change) => change.op === "replace");
    if (replaced.length > 0) {
      lines.push(
        "",
        "> [!WARNING]",
        `> **${replaced.length} ${replaced.length === 1 ? "resource is" : "resources are"} replaced.**`,
      );
      for (const change of replaced) {
        const causes = change.replaceCauses?.length
          ? `, because of ${change.replaceCauses.map(code).join(", ")}`
          : "";
        const cautions = (change.cautions ?? []).map((text) => ` ${text}.`).join("");
        lines.push(
          `> - ${code(change.name)} (${code(shortType(change.type))}): ${replaceNote(change, code)}${causes}.${cautions}`,
        );
      }
    }

    if (diff.resources.length > 0) {
      lines.push("", "| Op | Resource | Type | Changed | Replace cause |", "|---|---|---|---|---|");
      const ordered = [...diff.resources].sort((a, b) => SEVERITY.indexOf(a.op) - SEVERITY.indexOf(b.op));
      for (const change of ordered) {
        const changed = [
          ...change.properties.map((property) => property.path),
          ...(change.via ?? []).map((via) => via.path),
        ];
        lines.push(
          `| ${cell(opCell(change))} | ${cell(code(change.name))} | ${cell(code(shortType(change.type)))} | ${listCell(
            unique(changed),
          )} | ${listCell(change.replaceCauses ?? [])} |`,
        );
      }
    }

    if (diff.routes.length > 0) {
      lines.push(
        "",
        "#### Routing changes",
        "",
        "| Change | Host | Path | Before | After |",
        "|---|---|---|---|---|",
      );
      for (const route of diff.routes) {
        lines.push(
          `| ${route.change} | ${cell(code(route.host))} | ${cell(code(route.path))} | ${cell(formatTarget(route.before))} | ${cell(
            formatTarget(route.after),
          )} |`,
        );
      }
    }
  }
  if (diff.warnings.added.length > 0) {
    lines.push("", "#### New warnings", "");
    for (const warning of diff.warnings.added)
      lines.push(`- ${code(warning.code)}: ${cell(warning.message)}`);
  }
  return `${lines.join("\n")}\n`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
