import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlanProgram } from "../lib/plan/engine";
import { PlannedResource } from "../lib/plan/types";

type ResourceClass = {
  new (name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource;
  get(name: string, id: string, state?: unknown, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource;
};

/** The SDK class of a type token: `gcp:compute/healthCheck:HealthCheck`, `kubernetes:apps/v1:Deployment`. */
export function resourceClass(type: string): ResourceClass {
  const [pkg, module, name] = type.split(":");
  const root: unknown = pkg === "gcp" ? gcp : pkg === "kubernetes" ? k8s : undefined;
  // gcp modules are `compute/healthCheck` (the file), kubernetes ones `apps/v1` (both levels).
  const path = pkg === "gcp" ? [module.split("/")[0], name] : [...module.split("/"), name];
  const found = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
  if (typeof found !== "function") throw new Error(`no SDK class for ${type}`);
  return found as ResourceClass;
}

/**
 * The flat program the overhead is measured against: the same custom resources (types, names, inputs and
 * dependencies, in the same order) registered directly with @pulumi/gcp and @pulumi/kubernetes, from
 * plain values, with no component, manifest reading, translation or output plumbing of ours.
 */
export function flatProgram(recorded: readonly PlannedResource[]): PlanProgram {
  const custom = recorded.filter((r) => !r.component && r.type !== "pulumi:pulumi:Stack");
  const classes = custom.map((r) => resourceClass(r.type));
  return () => {
    const byUrn = new Map<string, pulumi.CustomResource>();
    custom.forEach((r, i) => {
      const dependsOn = r.dependencies.flatMap((urn) => byUrn.get(urn) ?? []);
      const opts: pulumi.CustomResourceOptions = dependsOn.length > 0 ? { dependsOn } : {};
      const resource = r.read
        ? classes[i].get(r.name, r.name, undefined, opts)
        : new classes[i](r.name, r.inputs, opts);
      byUrn.set(r.urn, resource);
    });
  };
}
