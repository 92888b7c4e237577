import { Warning } from "../translate/model";
import { ANY, PathSegment, formatPropertyPath, parsePropertyPath } from "./property-path";
import {
  ReplaceContext,
  cautionFor,
  deepEqual,
  fixedNamePath,
  forcesReplacement,
  isAtOrBelow,
  isPlainObject,
  replaceCauses,
} from "./replace-properties";
import { SubstringMatcher } from "./substring-matcher";
import { Plan, PlannedResource, PlannedRoute } from "./types";
import { continuedOutputMapping } from "./continued-outputs";
import { ServingRisk, servingRisks } from "./serving-risks";

/**
 * What `pulumi up` would do to one resource, going from the base plan to the head plan. `read` and
 * `discard` are for looked-up resources (`read: true`): a new or changed lookup, a dropped lookup;
 * neither touches anything in the cloud.
 */
export type ResourceOp = "create" | "update" | "replace" | "delete" | "read" | "discard";

/** Order of a replacement: Pulumi's default, or `deleteBeforeReplace` (a gap while neither exists). */
export type ReplaceMode = "create-before-delete" | "delete-before-replace";

export type Primitive = string | number | boolean | null;

/** One changed input. Values are given for primitives only; secrets are already the plan's marker. */
export interface PropertyChange {
  path: string;
  kind: "add" | "delete" | "update";
  before?: Primitive;
  after?: Primitive;
}

export interface ResourceChange {
  op: ResourceOp;
  /** The head URN (the base URN for `delete` and `discard`). */
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  component?: boolean;
  /** Changed inputs, base to head; for a renamed replacement, old resource to new resource. */
  properties: PropertyChange[];
  /** For `replace`: the order Pulumi replaces in. */
  replaceMode?: ReplaceMode;
  /** For `replace`: the paths that force it (provider table, `replaceOnChanges`, or a replaced reference). */
  replaceCauses?: string[];
  /** For a replacement under a new name: URN of the base resource it replaces. */
  renamedFrom?: string;
  /** Inputs that change only because the resource they point at is replaced. */
  via?: { path: string; urn: string }[];
  /** What to watch for when applying this change. */
  cautions?: string[];
}

export interface RouteTarget {
  service: string | null;
  namespace: string | null;
  port: number | null;
  backendService: string;
}

/** A routing change, by GCE (host, path) pattern. `moved`: same pattern, another backend. */
export interface RouteChange {
  change: "added" | "removed" | "moved";
  host: string;
  path: string;
  before?: RouteTarget;
  after?: RouteTarget;
}

export type DiffSummary = Record<ResourceOp, number> & { unchanged: number };

/** The `diff --json` object. */
export interface PlanDiff {
  summary: DiffSummary;
  resources: ResourceChange[];
  routes: RouteChange[];
  /** Changes that interrupt or risk traffic, in a reviewer's words (see serving-risks). */
  risks: ServingRisk[];
  warnings: { added: Warning[]; resolved: Warning[] };
}

export interface DiffOptions {
  /** pulumi-kubernetes provider settings that change what replaces (see replace-properties). */
  kubernetes?: ReplaceContext["kubernetes"];
}

export { ServingRisk } from "./serving-risks";

/** True when the diff has a resource or a routing change; warnings alone do not count. */
export function hasChanges(diff: PlanDiff): boolean {
  return diff.resources.length > 0 || diff.routes.length > 0;
}

/**
 * Compares two plans resource by resource (matched by URN, or by a head alias naming a base URN)
 * and route by route.
 *
 * Limits, all from the plan alone:
 * - Secret inputs are the plan's marker on both sides, so a changed secret is invisible: two markers
 *   compare equal. A rotated certificate still shows, because the library names certificates after
 *   their fingerprint: that gives a delete + create pair, reported as one renamed replacement.
 * - Component resources have no provider and no input diff of their own: they appear only when they
 *   come or go.
 * - Propagation: an input that points at a replaced resource (by its URN, by a placeholder value of
 *   its outputs, or by an id/selfLink ending in its name) will read an unknown value during the
 *   update, as `pulumi preview` shows it. The referring resource is updated, or replaced when that
 *   input forces replacement, repeatedly until nothing changes.
 */
export function diffPlans(base: Plan, head: Plan, options: DiffOptions = {}): PlanDiff {
  const baseByUrn = new Map(base.resources.map((resource) => [resource.urn, resource]));
  const headUrns = new Set(head.resources.map((resource) => resource.urn));

  const pairs = new Map<string, PlannedResource>();
  for (const resource of head.resources) {
    const previous =
      baseByUrn.get(resource.urn) ??
      (resource.options?.aliases ?? [])
        .map((alias) => baseByUrn.get(alias))
        .find((found) => found && !headUrns.has(found.urn));
    if (previous) pairs.set(resource.urn, previous);
  }
  const matchedBase = new Set([...pairs.values()].map((resource) => resource.urn));

  const changes = new Map<string, ResourceChange>();
  let unchanged = 0;
  const sameOutputs = continuedOutputMapping(base, head, pairs);
  for (const resource of head.resources) {
    const previous = pairs.get(resource.urn);
    const change = previous
      ? compareResource(previous, { ...resource, inputs: sameOutputs(resource.inputs) }, options)
      : created(resource);
    if (change) changes.set(resource.urn, change);
    else unchanged += 1;
  }
  const deletions: ResourceChange[] = base.resources
    .filter((resource) => !matchedBase.has(resource.urn))
    .map((resource) => ({
      op: resource.read ? "discard" : "delete",
      ...identity(resource),
      properties: [],
      ...cautionsOf(deleteCautions(resource)),
    }));

  const baseRefs = referenceIndex(base);
  const headRefs = referenceIndex(head);
  const renamed = pairRenames(base, head, pairs, changes, deletions, baseRefs, headRefs, options);
  const renamedBase = new Set(renamed.map((rename) => rename.from.urn));
  const remainingDeletions = deletions.filter((change) => !renamedBase.has(change.urn));

  unchanged -= propagate(head, pairs, changes, headRefs, renamed, options);

  const resources = [
    ...head.resources.flatMap((resource) => changes.get(resource.urn) ?? []),
    ...remainingDeletions,
  ];
  const summary: DiffSummary = {
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
    read: 0,
    discard: 0,
    unchanged,
  };
  for (const change of resources) summary[change.op] += 1;

  const ops = new Map(resources.map((change) => [change.urn, change.op]));
  return {
    summary,
    resources,
    risks: servingRisks({ base, head, pairs, ops, headInputs: (resource) => sameOutputs(resource.inputs) }),
    routes: diffRoutes(base, head, new Map([...pairs].map(([urn, previous]) => [urn, previous.urn]))),
    warnings: {
      added: warningsNotIn(head.warnings, base.warnings),
      resolved: warningsNotIn(base.warnings, head.warnings),
    },
  };
}

function identity(
  resource: PlannedResource,
): Pick<ResourceChange, "urn" | "type" | "name" | "parent" | "component"> {
  return {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    parent: resource.parent,
    ...(resource.component ? { component: true } : {}),
  };
}

function cautionsOf(cautions: string[]): Pick<ResourceChange, "cautions"> {
  return cautions.length > 0 ? { cautions } : {};
}

function created(resource: PlannedResource): ResourceChange {
  return { op: resource.read ? "read" : "create", ...identity(resource), properties: [] };
}

function deleteCautions(resource: PlannedResource): string[] {
  const cautions: string[] = [];
  if (resource.options?.protect)
    cautions.push("protected: Pulumi refuses to delete it until protect is removed");
  if (resource.options?.retainOnDelete)
    cautions.push("retainOnDelete: the cloud object is kept, only Pulumi forgets it");
  return cautions;
}

function compareResource(
  previous: PlannedResource,
  resource: PlannedResource,
  options: DiffOptions,
): ResourceChange | undefined {
  if (resource.component && previous.component) return undefined;

  const ignored = (resource.options?.ignoreChanges ?? []).map(parsePropertyPath);
  const changed = changedPaths(previous.inputs, resource.inputs).filter(
    (path) => !ignored.some((pattern) => isAtOrBelow(path, pattern)),
  );

  if (resource.read) {
    // A lookup of another object (e.g. a different existing address) is a change even with equal inputs.
    const before = { ...previous.inputs, id: previous.id };
    const after = { ...resource.inputs, id: resource.id };
    const readChanged = changedPaths(before, after);
    if (readChanged.length === 0 && previous.read) return undefined;
    const cautions = previous.read
      ? []
      : ["was managed: Pulumi stops managing it and only reads it (read-replacement)"];
    return {
      op: "read",
      ...identity(resource),
      properties: propertyChanges(readChanged, before, after),
      ...cautionsOf(cautions),
    };
  }
  if (previous.read) {
    return {
      op: "create",
      ...identity(resource),
      properties: propertyChanges(changed, previous.inputs, resource.inputs),
      cautions: ["was only looked up: Pulumi now creates and manages it"],
    };
  }
  if (changed.length === 0) return undefined;

  const causes = causesOf(previous, resource, changed, options);
  const properties = propertyChanges(changed, previous.inputs, resource.inputs);
  const updateCautions = unique(changed.flatMap((path) => cautionFor(resource.type, path) ?? []));
  if (causes.length === 0)
    return { op: "update", ...identity(resource), properties, ...cautionsOf(updateCautions) };
  return replacement(previous, resource, properties, causes);
}

function causesOf(
  previous: PlannedResource,
  resource: PlannedResource,
  changed: PathSegment[][],
  options: DiffOptions,
): string[] {
  const context: ReplaceContext = { inputs: resource.inputs, kubernetes: options.kubernetes };
  const causes = replaceCauses(resource.type, changed, previous.inputs, resource.inputs, context);
  // `replaceOnChanges` is the engine's own rule on top of the provider's; `*` means any input.
  for (const pattern of resource.options?.replaceOnChanges ?? []) {
    const parsed = pattern === "*" ? [] : parsePropertyPath(pattern);
    for (const path of changed) if (isAtOrBelow(path, parsed)) causes.push(formatPropertyPath(path));
  }
  return unique(causes);
}

function replacement(
  previous: PlannedResource,
  resource: PlannedResource,
  properties: PropertyChange[],
  causes: string[],
): ResourceChange {
  const { mode, reason } = replaceModeOf(previous, resource);
  const cautions = deleteCautions(previous);
  if (mode === "delete-before-replace") {
    cautions.push(`deleted before its replacement exists (${reason}): expect a gap in service`);
  }
  return {
    op: "replace",
    ...identity(resource),
    properties,
    replaceMode: mode,
    replaceCauses: causes,
    ...cautionsOf(cautions),
  };
}

/** The resource option decides first; otherwise the provider deletes first when the name cannot change. */
function replaceModeOf(
  previous: PlannedResource,
  resource: PlannedResource,
): { mode: ReplaceMode; reason?: string } {
  if (resource.options?.deleteBeforeReplace)
    return { mode: "delete-before-replace", reason: "deleteBeforeReplace is set" };
  const namePath = fixedNamePath(resource.type);
  if (namePath) {
    const name = valueAt(resource.inputs, namePath);
    const namespacePath = ["metadata", "namespace"];
    const sameNamespace = deepEqual(
      valueAt(previous.inputs, namespacePath),
      valueAt(resource.inputs, namespacePath),
    );
    // The Terraform bridge deletes first whenever an autonameable name is given, changed or not;
    // pulumi-kubernetes only when the same name stays in the same namespace.
    const given = typeof name === "string";
    const kept = given && name === valueAt(previous.inputs, namePath) && sameNamespace;
    if (resource.type.startsWith("gcp:") ? given : kept) {
      return { mode: "delete-before-replace", reason: `the name "${String(name)}" is given, not autonamed` };
    }
  }
  return { mode: "create-before-delete" };
}

/** Paths where two input trees differ: leaves, or the highest path where one side lacks a value. */
export function changedPaths(before: unknown, after: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  if (deepEqual(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    const paths: PathSegment[][] = [];
    for (let index = 0; index < length; index += 1) {
      paths.push(...changedPaths(before[index], after[index], [...prefix, index]));
    }
    return paths;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], [...prefix, key]));
  }
  return [prefix];
}

function propertyChanges(changed: PathSegment[][], before: unknown, after: unknown): PropertyChange[] {
  return changed.map((path) => {
    const old = valueAt(before, path);
    const now = valueAt(after, path);
    const kind = old === undefined ? "add" : now === undefined ? "delete" : "update";
    return {
      path: formatPropertyPath(path),
      kind,
      ...(isPrimitive(old) ? { before: old } : {}),
      ...(isPrimitive(now) ? { after: now } : {}),
    };
  });
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === "number") value = value[segment];
    else if (isPlainObject(value) && typeof segment === "string") value = value[segment];
    else return undefined;
  }
  return value;
}

function isPrimitive(value: unknown): value is Primitive {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** One input of one resource that points at another resource. */
interface Reference {
  /** Concrete input path. */
  path: PathSegment[];
  /** The same path with array indices generalized, so a reference that moves in a list still pairs. */
  shape: string;
  urn: string;
}

/**
 * References of every resource of a plan, by the referring URN. Only registered dependencies count
 * (the SDK records every resource whose output flowed into an input), matched at the input that
 * holds the dependency's URN, one of its placeholder values (self link, autoname, IP, NodePort), or
 * an ID ending in its name.
 */
function referenceIndex(plan: Plan): Map<string, Reference[]> {
  const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
  const placeholderValues = new Map<string, (string | number)[]>();
  for (const placeholder of plan.placeholders ?? []) {
    // Every GCP resource of a stack shares its project: a project is no reference.
    if (placeholder.property === "project") continue;
    const value = placeholder.value;
    if ((typeof value === "string" && value !== "") || typeof value === "number") {
      placeholderValues.set(placeholder.urn, [...(placeholderValues.get(placeholder.urn) ?? []), value]);
    }
  }
  const candidates = candidateTargets(byUrn, placeholderValues);
  const index = new Map<string, Reference[]>();
  for (const resource of plan.resources) {
    const dependencies = unique(resource.dependencies)
      .filter((urn) => urn !== resource.urn)
      .map((urn) => byUrn.get(urn))
      .filter((found): found is PlannedResource => !!found);
    const position = new Map(dependencies.map((dependency, at) => [dependency.urn, at]));
    const references: Reference[] = [];
    if (dependencies.length > 0) {
      forEachLeaf(resource.inputs, [], (path, value) => {
        // Only the few dependencies the value could name are tested, in the order of the dependencies.
        let found: Set<number> | undefined;
        candidates(value, (urns) => {
          for (const urn of urns) {
            const at = position.get(urn);
            if (at !== undefined) (found ??= new Set()).add(at);
          }
        });
        if (!found) return;
        const shape = formatPropertyPath(
          path.map((segment) => (typeof segment === "number" ? ANY : segment)),
        );
        for (const at of [...found].sort((a, b) => a - b)) {
          const dependency = dependencies[at];
          if (pointsAt(value, dependency, placeholderValues.get(dependency.urn) ?? [])) {
            references.push({ path: [...path], shape, urn: dependency.urn });
          }
        }
      });
    }
    index.set(resource.urn, references);
  }
  return index;
}

/**
 * For an input value, the URNs of every resource `pointsAt` could match it with (a superset), found
 * by lookups rather than by testing every resource: its URN or a string placeholder inside the value
 * (SubstringMatcher), its name as the value's last `/` segment, a number placeholder equal to the
 * value or to a run of digits in it. Reported to `visit` in groups.
 */
function candidateTargets(
  byUrn: Map<string, PlannedResource>,
  placeholderValues: Map<string, (string | number)[]>,
): (value: string | number, visit: (urns: readonly string[]) => void) => void {
  const add = <K>(map: Map<K, string[]>, key: K, urn: string) => {
    const list = map.get(key);
    if (list) list.push(urn);
    else map.set(key, [urn]);
  };
  const texts: [string, string][] = [];
  // URNs of the usual form are looked for only in the rare values holding one.
  const urns: [string, string][] = [];
  const names = new Map<string, string[]>();
  for (const [urn, resource] of byUrn) {
    (urn.startsWith(URN_PREFIX) ? urns : texts).push([urn, urn]);
    add(names, resource.name, urn);
  }
  const numbers = new Map<number, string[]>();
  const digitRuns = new Map<string, string[]>();
  // A number that does not print as plain digits (negative, fractional) is left to its pattern.
  const otherNumbers: string[] = [];
  for (const [urn, values] of placeholderValues) {
    if (!byUrn.has(urn)) continue;
    let other = false;
    const strings = values.filter((value): value is string => typeof value === "string");
    for (const value of values) {
      if (typeof value === "string") {
        // A value holding this one (a self link holds the name) holds a shorter one of the same resource.
        if (!strings.some((shorter) => shorter.length < value.length && value.includes(shorter))) {
          texts.push([value, urn]);
        }
        continue;
      }
      add(numbers, value, urn);
      if (/^\d+$/.test(String(value))) add(digitRuns, String(value), urn);
      else other = true;
    }
    if (other) otherNumbers.push(urn);
  }
  const matcher = new SubstringMatcher(texts);
  let urnMatcher: SubstringMatcher<string> | undefined;
  const visitName = (name: string, visit: (urns: readonly string[]) => void) => {
    const owners = names.get(name);
    if (owners) visit(owners);
  };
  return (value, visit) => {
    if (typeof value === "number") {
      const owners = numbers.get(value);
      if (owners) visit(owners);
      return;
    }
    matcher.scan(value, visit);
    if (value.includes(URN_PREFIX)) (urnMatcher ??= new SubstringMatcher(urns)).scan(value, visit);
    // endsWithName: the last segment is the name, `<name>-id`, or `<name>-` and 7 or 8 characters.
    const last = value.slice(value.lastIndexOf("/") + 1);
    visitName(last, visit);
    if (last.endsWith("-id")) visitName(last.slice(0, -3), visit);
    if (last.length >= 8) visitName(last.slice(0, -8), visit);
    if (last.length >= 9) visitName(last.slice(0, -9), visit);
    if (digitRuns.size > 0) {
      for (let start = 0; start < value.length; start++) {
        if (!isDigit(value.charCodeAt(start))) continue;
        let end = start + 1;
        while (end < value.length && isDigit(value.charCodeAt(end))) end++;
        const owners = digitRuns.get(value.slice(start, end));
        if (owners) visit(owners);
        start = end;
      }
    }
    if (otherNumbers.length > 0) visit(otherNumbers);
  };
}

const URN_PREFIX = "urn:pulumi:";

/** An ASCII digit, as `\d` reads it. */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `(^|\D)<n>(\D|$)`: the number as a whole, not inside a longer one; compiled once per number. */
const numberPatterns = new Map<number, RegExp>();
function numberPattern(value: number): RegExp {
  let pattern = numberPatterns.get(value);
  if (!pattern) {
    pattern = new RegExp(`(^|\\D)${value}(\\D|$)`);
    numberPatterns.set(value, pattern);
  }
  return pattern;
}

function pointsAt(
  value: string | number,
  target: PlannedResource,
  placeholders: (string | number)[],
): boolean {
  if (typeof value === "number") return placeholders.includes(value);
  if (value.includes(target.urn) || endsWithName(value, target.name)) return true;
  return placeholders.some((placeholder) =>
    typeof placeholder === "string" ? value.includes(placeholder) : numberPattern(placeholder).test(value),
  );
}

/** Calls `visit` on every string and number in `value`, with its path (reused: copy it to keep it). */
function forEachLeaf(
  value: unknown,
  path: PathSegment[],
  visit: (path: PathSegment[], value: string | number) => void,
): void {
  if (typeof value === "string" || typeof value === "number") {
    visit(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      path.push(index);
      forEachLeaf(item, path, visit);
      path.pop();
    });
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      path.push(key);
      forEachLeaf(value[key], path, visit);
      path.pop();
    }
  }
}

/**
 * An ID or self link naming the resource: its last `/` segment is the logical name, the offline
 * placeholder ID `<name>-id`, or an autoname (`<name>-` and 7 hex digits for GCP, 8 characters for
 * Kubernetes).
 */
function endsWithName(text: string, name: string): boolean {
  const last = text.split("/").pop() ?? "";
  if (last === name || last === `${name}-id`) return true;
  return last.startsWith(`${name}-`) && /^([0-9a-f]{7}|[0-9a-z]{8})$/.test(last.slice(name.length + 1));
}

interface Rename {
  from: PlannedResource;
  to: PlannedResource;
}

/**
 * A delete and a create of the same type under the same parent, where a resource kept in both plans
 * pointed at the deleted one and now points at the created one at the same input, are one resource
 * replaced under a new name (a rotated certificate): reported as one create-before-delete replacement.
 */
function pairRenames(
  base: Plan,
  head: Plan,
  pairs: Map<string, PlannedResource>,
  changes: Map<string, ResourceChange>,
  deletions: ResourceChange[],
  baseRefs: Map<string, Reference[]>,
  headRefs: Map<string, Reference[]>,
  options: DiffOptions,
): Rename[] {
  const baseByUrn = new Map(base.resources.map((resource) => [resource.urn, resource]));
  const headByUrn = new Map(head.resources.map((resource) => [resource.urn, resource]));
  const deleted = new Set(deletions.filter((change) => change.op === "delete").map((change) => change.urn));
  const createdUrns = new Set(
    [...changes.values()].filter((change) => change.op === "create").map((change) => change.urn),
  );
  const renames: Rename[] = [];
  const used = new Set<string>();

  for (const [headUrn, previous] of pairs) {
    const oldRefs = (baseRefs.get(previous.urn) ?? []).filter((ref) => deleted.has(ref.urn));
    const newRefs = (headRefs.get(headUrn) ?? []).filter((ref) => createdUrns.has(ref.urn));
    for (const oldRef of oldRefs) {
      const from = baseByUrn.get(oldRef.urn);
      if (!from || used.has(from.urn) || from.component) continue;
      const match = newRefs.find((newRef) => {
        const to = headByUrn.get(newRef.urn);
        return (
          newRef.shape === oldRef.shape &&
          !used.has(newRef.urn) &&
          to !== undefined &&
          !to.component &&
          to.type === from.type &&
          to.parent === from.parent
        );
      });
      const to = match && headByUrn.get(match.urn);
      if (!to) continue;
      used.add(from.urn).add(to.urn);
      renames.push({ from, to });
    }
  }

  for (const { from, to } of renames) {
    const changed = changedPaths(from.inputs, to.inputs);
    changes.set(to.urn, {
      op: "replace",
      ...identity(to),
      properties: propertyChanges(changed, from.inputs, to.inputs),
      // A new name sidesteps the collision, so the new one always exists before the old one goes.
      replaceMode: "create-before-delete",
      replaceCauses: causesOf(from, to, changed, options),
      renamedFrom: from.urn,
      ...cautionsOf(deleteCautions(from)),
    });
  }
  return renames;
}

/**
 * Marks resources whose inputs point at a replaced resource. Returns how many previously unchanged
 * resources became changes.
 */
function propagate(
  head: Plan,
  pairs: Map<string, PlannedResource>,
  changes: Map<string, ResourceChange>,
  headRefs: Map<string, Reference[]>,
  renamed: Rename[],
  options: DiffOptions,
): number {
  // Renamed replacements already show as a changed reference in the referring inputs.
  const renamedUrns = new Set(renamed.map((rename) => rename.to.urn));
  const isReplaced = (urn: string) => changes.get(urn)?.op === "replace" && !renamedUrns.has(urn);
  // Rounds over the resources in order, as `pulumi preview` settles; a resource is visited only when a
  // resource it points at became replaced since its last visit (earlier in this round, or after it in
  // the last one): any other visit would find nothing fresh.
  const resources = head.resources;
  const referrers = new Map<string, number[]>();
  resources.forEach((resource, at) => {
    for (const ref of headRefs.get(resource.urn) ?? []) {
      const list = referrers.get(ref.urn) ?? [];
      if (list[list.length - 1] !== at) list.push(at);
      referrers.set(ref.urn, list);
    }
  });
  let round = new Uint8Array(resources.length);
  for (const urn of changes.keys()) {
    if (isReplaced(urn)) for (const at of referrers.get(urn) ?? []) round[at] = 1;
  }
  let newlyChanged = 0;
  let progress = round.includes(1);
  while (progress) {
    const nextRound = new Uint8Array(resources.length);
    for (let at = 0; at < resources.length; at++) {
      if (round[at] === 0) continue;
      const resource = resources[at];
      const previous = pairs.get(resource.urn);
      const existing = changes.get(resource.urn);
      // Created, read and component resources have nothing to update; a rename pair is already a replacement.
      if (
        !previous ||
        resource.component ||
        resource.read ||
        (existing && existing.op !== "update" && existing.op !== "replace")
      ) {
        continue;
      }
      const ignored = (resource.options?.ignoreChanges ?? []).map(parsePropertyPath);
      const seen = new Set((existing?.via ?? []).map((via) => `${via.urn} ${via.path}`));
      const fresh = (headRefs.get(resource.urn) ?? []).filter(
        (ref) =>
          isReplaced(ref.urn) &&
          !ignored.some((pattern) => isAtOrBelow(ref.path, pattern)) &&
          !seen.has(`${ref.urn} ${formatPropertyPath(ref.path)}`),
      );
      if (fresh.length === 0) continue;
      if (!existing) newlyChanged += 1;
      const wasReplaced = isReplaced(resource.urn);

      const context: ReplaceContext = { inputs: resource.inputs, kubernetes: options.kubernetes };
      const replaceOnChanges = (resource.options?.replaceOnChanges ?? []).map((pattern) =>
        pattern === "*" ? [] : parsePropertyPath(pattern),
      );
      const forcing = fresh
        .filter(
          (ref) =>
            forcesReplacement(resource.type, ref.path, context) ||
            replaceOnChanges.some((pattern) => isAtOrBelow(ref.path, pattern)),
        )
        .map((ref) => formatPropertyPath(ref.path));
      const via = [
        ...(existing?.via ?? []),
        ...fresh.map((ref) => ({ path: formatPropertyPath(ref.path), urn: ref.urn })),
      ];
      const properties = existing?.properties ?? [];

      let next: ResourceChange;
      if (existing?.op === "replace") {
        next = { ...existing, replaceCauses: unique([...(existing.replaceCauses ?? []), ...forcing]) };
      } else if (forcing.length > 0) {
        next = { ...replacement(previous, resource, properties, unique(forcing)) };
        if (existing?.cautions) next.cautions = unique([...existing.cautions, ...(next.cautions ?? [])]);
      } else {
        next = existing ?? { op: "update", ...identity(resource), properties };
      }
      changes.set(resource.urn, { ...next, via });
      if (!wasReplaced && isReplaced(resource.urn)) {
        for (const referrer of referrers.get(resource.urn) ?? []) {
          if (referrer > at) round[referrer] = 1;
          else nextRound[referrer] = 1;
        }
      }
    }
    round = nextRound;
    progress = round.includes(1);
  }
  return newlyChanged;
}

function routeTarget(route: PlannedRoute): RouteTarget {
  return {
    service: route.service,
    namespace: route.namespace,
    port: route.port,
    backendService: route.backendService,
  };
}

/**
 * Routes match by load balancer, host and path: two load balancers may route the same host and path (the
 * seed's two Ingresses do), and one's change must not hide behind the other's. A route's load balancer is
 * the parent of its backend service.
 */
function routeKeys(plan: Plan, baseUrnOf?: ReadonlyMap<string, string>): (route: PlannedRoute) => string {
  const parents = new Map(plan.resources.map((resource) => [resource.urn, resource.parent]));
  return (route) => {
    const parent = parents.get(route.backendService) ?? "";
    // A load balancer aliased to a base one is that one.
    return `${baseUrnOf?.get(parent) ?? parent}\u0000${route.host}\u0000${route.path}`;
  };
}

function diffRoutes(basePlan: Plan, headPlan: Plan, baseUrnOf: ReadonlyMap<string, string>): RouteChange[] {
  const baseKey = routeKeys(basePlan);
  const headKey = routeKeys(headPlan, baseUrnOf);
  const sameBackend = (target: RouteTarget) => ({
    ...target,
    backendService: baseUrnOf.get(target.backendService) ?? target.backendService,
  });
  const before = new Map(basePlan.routes.map((route) => [baseKey(route), route]));
  const after = new Map(headPlan.routes.map((route) => [headKey(route), route]));
  const changes: RouteChange[] = [];
  for (const [id, route] of after) {
    const old = before.get(id);
    if (!old)
      changes.push({ change: "added", host: route.host, path: route.path, after: routeTarget(route) });
    else if (!deepEqual(routeTarget(old), sameBackend(routeTarget(route)))) {
      changes.push({
        change: "moved",
        host: route.host,
        path: route.path,
        before: routeTarget(old),
        after: routeTarget(route),
      });
    }
  }
  for (const [id, route] of before) {
    if (!after.has(id))
      changes.push({ change: "removed", host: route.host, path: route.path, before: routeTarget(route) });
  }
  return changes.sort((a, b) => a.host.localeCompare(b.host) || a.path.localeCompare(b.path));
}

/** The warnings of `list` that `other` lacks; looked up by what sameWarning compares, not pairwise. */
function warningsNotIn(list: Warning[], other: Warning[]): Warning[] {
  // Equal fields print alike, so equal warnings share a key; sameWarning still decides.
  const key = (warning: Warning) =>
    [warning.code, warning.message, warning.origin?.file, warning.origin?.object, warning.origin?.field]
      .map((field) => `${typeof field}:${String(field)}`)
      .join("\u0000");
  const byKey = new Map<string, Warning[]>();
  for (const warning of other) {
    const bucket = byKey.get(key(warning));
    if (bucket) bucket.push(warning);
    else byKey.set(key(warning), [warning]);
  }
  return list.filter(
    (warning) => !(byKey.get(key(warning)) ?? []).some((candidate) => sameWarning(warning, candidate)),
  );
}

/** Line numbers move with unrelated edits, so warnings match on what and where, not the line. */
function sameWarning(a: Warning, b: Warning): boolean {
  return (
    a.code === b.code &&
    a.message === b.message &&
    a.origin?.file === b.origin?.file &&
    a.origin?.object === b.origin?.object &&
    a.origin?.field === b.origin?.field
  );
}
