import * as fs from "node:fs";
import { InputError } from "../errors";
import { describeValue, FieldPath, FieldReader, isRecord } from "../ingress/kube-object";
import { MAX_NESTING, tooDeepAt } from "../nesting";
import { hasControlCharacters } from "../quote";
import { safeWarning } from "./render-plan";
import { Plan } from "./types";

const HINT = "write plans with `ingress-glb plan --json`";

/**
 * Reads a plan file given to `diff`. It is user input like a manifest: every field the diff reads is
 * checked for its type, and nesting is bounded (the diff compares values recursively), so a hand-edited
 * or truncated plan is one error line naming the field, never a crash in the diff.
 */
export function readPlan(file: string): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`cannot read the plan: ${(err as Error).message}`, { file });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Node's message may quote the text near the mistake (`, "..." is not valid JSON`): drop it, and
    // turn the position into a line.
    const message = (err as Error).message;
    const position = /at position (\d+)/.exec(message);
    const problem = message
      .replace(/, ".*" is not valid JSON$/s, "")
      .replace(/ in JSON at position \d+.*$/s, "")
      .split("\n")[0];
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
    throw new InputError(`not JSON: ${problem}`, line ? { file, line } : { file }, HINT);
  }
  return checkPlan(value, file);
}

/** Checks the shape of a parsed plan file; absent `warnings` (plans before they existed) read as none. */
export function checkPlan(value: unknown, file: string): Plan {
  const r = new PlanReader({ file });
  if (!isRecord(value) || !Array.isArray(value.resources) || !Array.isArray(value.routes)) {
    throw new InputError("not an ingress-glb plan", { file, field: "resources" }, HINT);
  }
  const deep = tooDeepAt(value);
  if (deep !== undefined) r.fail(deep.slice(0, 3), `nested more than ${MAX_NESTING} levels deep`);
  value.resources.forEach((resource, i) => checkResource(r, resource, ["resources", i]));
  value.routes.forEach((route, i) => checkRoute(r, route, ["routes", i]));
  const warnings = r.array(value.warnings, ["warnings"]) ?? [];
  warnings.forEach((warning, i) => checkWarning(r, warning, ["warnings", i]));
  (r.array(value.placeholders, ["placeholders"]) ?? []).forEach((placeholder, i) => {
    const at: FieldPath = ["placeholders", i];
    const p = r.required(placeholder, at);
    r.requiredString(p.urn, [...at, "urn"]);
    r.requiredString(p.property, [...at, "property"]);
  });
  // The diff prints warnings as they are: the same filter as our own output.
  return { ...(value as unknown as Plan), warnings: (warnings as Plan["warnings"]).map(safeWarning) };
}

function checkResource(r: PlanReader, value: unknown, at: FieldPath): void {
  const resource = r.required(value, at);
  for (const field of ["type", "name", "urn"]) r.requiredString(resource[field], [...at, field]);
  if (resource.parent !== null) r.requiredString(resource.parent, [...at, "parent"]);
  if (r.record(resource.inputs, [...at, "inputs"]) === undefined) r.fail([...at, "inputs"], "missing inputs");
  for (const field of ["dependencies", "secretPaths"]) r.strings(resource[field], [...at, field]);
  for (const field of ["read", "component"]) r.boolean(resource[field], [...at, field]);
  r.string(resource.id, [...at, "id"]);
  const options = r.record(resource.options, [...at, "options"]);
  if (options) {
    for (const field of ["protect", "deleteBeforeReplace", "retainOnDelete"]) {
      r.boolean(options[field], [...at, "options", field]);
    }
    for (const field of ["aliases", "replaceOnChanges", "ignoreChanges"]) {
      r.strings(options[field], [...at, "options", field]);
    }
  }
}

function checkRoute(r: PlanReader, value: unknown, at: FieldPath): void {
  const route = r.required(value, at);
  for (const field of ["host", "path", "backendService"]) r.requiredString(route[field], [...at, field]);
  for (const field of ["service", "namespace"]) r.string(route[field], [...at, field]);
  if (route.port !== null && route.port !== undefined && typeof route.port !== "number") {
    r.fail([...at, "port"], `must be a number or null, found ${describeValue(route.port)}`);
  }
}

function checkWarning(r: PlanReader, value: unknown, at: FieldPath): void {
  const warning = r.required(value, at);
  r.requiredString(warning.code, [...at, "code"]);
  // A message may quote anything; it is escaped on reading rather than refused.
  if (typeof warning.message !== "string") {
    r.fail([...at, "message"], `must be a string, found ${describeValue(warning.message)}`);
  }
  const origin = r.record(warning.origin, [...at, "origin"]);
  if (origin) {
    for (const field of ["file", "object", "field"]) r.string(origin[field], [...at, "origin", field]);
    if (origin.line !== undefined && typeof origin.line !== "number") {
      r.fail([...at, "origin", "line"], `must be a number, found ${describeValue(origin.line)}`);
    }
  }
}

/** FieldReader with the plan's value kinds; every refusal carries the hint to regenerate the plan. */
class PlanReader extends FieldReader {
  override fail(path: FieldPath, problem: string): never {
    return super.fail(path, `not an ingress-glb plan: ${problem}`, HINT);
  }

  required(value: unknown, path: FieldPath): Record<string, unknown> {
    return this.record(value, path) ?? this.fail(path, "must be a mapping, found nothing");
  }

  requiredString(value: unknown, path: FieldPath): string {
    return this.string(value, path) ?? this.fail(path, "missing");
  }

  /** Names, URNs, hosts and paths are printed as they are; ours never hold control characters. */
  override string(value: unknown, path: FieldPath): string | undefined {
    const text = super.string(value, path);
    if (text !== undefined && hasControlCharacters(text)) this.fail(path, "holds control characters");
    return text;
  }

  boolean(value: unknown, path: FieldPath): void {
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      this.fail(path, `must be true or false, found ${describeValue(value)}`);
    }
  }

  strings(value: unknown, path: FieldPath): void {
    (this.array(value, path) ?? []).forEach((item, i) => this.requiredString(item, [...path, i]));
  }
}
