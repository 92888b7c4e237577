import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlanProgram } from "../lib/plan/engine";
import { parsePropertyPath, PathSegment } from "../lib/plan/property-path";
import { Placeholder, PlannedResource } from "../lib/plan/types";

type ResourceClass = {
  new (
    name: string,
    args: Record<string, unknown>,
    opts?: pulumi.CustomResourceOptions,
  ): pulumi.CustomResource;
  get(name: string, id: string, state?: unknown, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource;
};

/** The SDK class of a type token: `gcp:compute/healthCheck:HealthCheck`, `kubernetes:apps/v1:Deployment`. */
export function resourceClass(type: string): ResourceClass {
  const [pkg, module, name] = type.split(":");
  const root: unknown = pkg === "gcp" ? gcp : pkg === "kubernetes" ? k8s : undefined;
  // gcp modules are `compute/healthCheck` (the file), kubernetes ones `apps/v1` (both levels).
  const path = pkg === "gcp" ? [module.split("/")[0], name] : [...module.split("/"), name];
  const found = path.reduce<unknown>(
    (node, key) => (node as Record<string, unknown> | undefined)?.[key],
    root,
  );
  if (typeof found !== "function") throw new Error(`no SDK class for ${type}`);
  return found as ResourceClass;
}

/** What the flat program replays: a plan's resources and the placeholders standing for cloud-decided outputs. */
export interface RecordedProgram {
  resources: PlannedResource[];
  placeholders: Placeholder[];
}

interface Candidate {
  urn: string;
  text: string;
  output: () => pulumi.Output<unknown>;
  used?: boolean;
}

/** An output of a resource by property path (`id`, `selfLink`, `spec.ports[0].nodePort`). */
function outputAt(resource: pulumi.CustomResource, path: PathSegment[]): pulumi.Output<unknown> {
  const [head, ...rest] = path;
  const root: pulumi.Output<unknown> = pulumi.output(
    (resource as unknown as Record<string, pulumi.Input<unknown>>)[head as string],
  );
  return rest.length === 0
    ? root
    : root.apply((value) =>
        rest.reduce<unknown>((node, key) => (node as Record<PathSegment, unknown>)?.[key], value),
      );
}

/**
 * Puts outputs back where the recorded inputs hold a value only the cloud decides (an ID, a self link, a
 * nodePort, an address), whole or inside a string (`port30080`): a hand-written program cannot know them
 * and must wire the resource's output there, as ours does.
 */
function wireOutputs(value: unknown, candidates: Candidate[]): unknown {
  if (typeof value === "number" || typeof value === "string") {
    const text = String(value);
    const whole = candidates.find((c) => c.text === text);
    if (whole) whole.used = true;
    if (whole) return typeof value === "number" ? whole.output().apply(Number) : whole.output().apply(String);
    if (typeof value !== "string") return value;
    const inside = candidates.find((c) => c.text.length >= 5 && value.includes(c.text));
    if (!inside) return value;
    inside.used = true;
    const [before, ...after] = value.split(inside.text);
    return pulumi.interpolate`${before}${inside.output()}${after.join(inside.text)}`;
  }
  if (Array.isArray(value)) return value.map((v) => wireOutputs(v, candidates));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireOutputs(v, candidates)]));
  }
  return value;
}

/**
 * The flat program the overhead is measured against: the same custom resources (types, names, inputs and
 * dependencies, in the same order) registered directly with @pulumi/gcp and @pulumi/kubernetes, with no
 * component, manifest reading or translation of ours. Values the cloud decides come from the outputs of
 * the resources they depend on, as they must in any real program; the rest are plain values.
 */
export function flatProgram(recorded: RecordedProgram): PlanProgram {
  const custom = recorded.resources.filter((r) => !r.component && r.type !== "pulumi:pulumi:Stack");
  const classes = custom.map((r) => resourceClass(r.type));
  const placeholders = new Map<string, Placeholder[]>();
  for (const p of recorded.placeholders) {
    // The project is configuration, not an output; short numbers and names would match by accident.
    if (p.property === "project" || (typeof p.value !== "string" && typeof p.value !== "number")) continue;
    if (typeof p.value === "number" && p.value < 1024) continue;
    placeholders.set(p.urn, [...(placeholders.get(p.urn) ?? []), p]);
  }
  return () => {
    const byUrn = new Map<string, pulumi.CustomResource>();
    custom.forEach((r, i) => {
      const deps = r.dependencies.filter((urn) => byUrn.has(urn));
      const candidates = deps.flatMap((urn) =>
        (placeholders.get(urn) ?? []).map((p): Candidate => ({
          urn,
          text: String(p.value),
          output: () => outputAt(byUrn.get(urn) as pulumi.CustomResource, parsePropertyPath(p.property)),
        })),
      );
      const inputs = wireOutputs(r.inputs, candidates) as Record<string, unknown>;
      // A dependency no wired output carries needs an explicit dependsOn, as ours gives named ports.
      const implicit = new Set(candidates.filter((c) => c.used).map((c) => c.urn));
      const dependsOn = deps
        .filter((urn) => !implicit.has(urn))
        .map((urn) => byUrn.get(urn) as pulumi.CustomResource);
      const opts: pulumi.CustomResourceOptions = dependsOn.length > 0 ? { dependsOn } : {};
      const resource = r.read
        ? classes[i].get(r.name, r.id ?? r.name, undefined, opts)
        : new classes[i](r.name, inputs, opts);
      byUrn.set(r.urn, resource);
    });
  };
}
