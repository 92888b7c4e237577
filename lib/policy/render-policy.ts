import { PolicyReport } from "./evaluate";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The text section `plan --policy` appends to the plan. */
export function renderPolicyText(report: PolicyReport): string {
  const head = `Policy (${plural(report.rules.length, "rule")}): ${plural(report.mandatory, "mandatory violation")}, ${plural(report.advisory, "advisory finding")}`;
  const lines = report.findings.map((f) => `  ${f.level} ${f.policy}: ${f.type} ${f.name}: ${f.message}`);
  return `${[head, ...lines].join("\n")}\n`;
}
