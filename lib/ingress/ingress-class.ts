import { InputError } from "../errors";
import { Manifest } from "./manifests";
import { INGRESS_CLASS_ANNOTATION } from "./annotations";

import { GCE_CLASS, REGIONAL_GCE_CLASSES, RegionalGceClass, regionalClassNamed } from "./class-names";

export { GCE_CLASS, REGIONAL_GCE_CLASSES, RegionalGceClass };

/** Whose an Ingress is, decided as the GKE Ingress controller decides it (ingress-gce `IsGCEIngress`). */
export type IngressClassDecision =
  /** GKE's global external class: planned. */
  | { kind: "gce" }
  /** A regional GKE class: planned as a regional load balancer. */
  | { kind: "regional"; className: RegionalGceClass; field: string }
  /** Another controller's (nginx, traefik, a multi-cluster one...): left alone, with a note. */
  | { kind: "other"; className: string; field: string; hint?: string };

/** What the decision reads of an Ingress: the raw annotation and spec field, before anything else is read. */
export interface IngressClassInput {
  annotations: Readonly<Record<string, string>>;
  /** `spec.ingressClassName`, when set. */
  ingressClassName?: string;
}

const ANNOTATION_FIELD = `metadata.annotations["${INGRESS_CLASS_ANNOTATION}"]`;

/**
 * The annotation decides when it is set (and not empty); otherwise any `spec.ingressClassName` makes the
 * Ingress another controller's, since GKE defines no IngressClass of its own; neither means GKE's. Read
 * before the rest of the Ingress, so another controller's Ingress (nginx regex paths...) never fails a plan.
 */
export function decideIngressClass(input: IngressClassInput): IngressClassDecision {
  const annotated = input.annotations[INGRESS_CLASS_ANNOTATION]?.trim();
  if (annotated) {
    if (annotated === GCE_CLASS) return { kind: "gce" };
    const regional = regionalClassNamed(annotated);
    if (regional) return { kind: "regional", className: regional, field: ANNOTATION_FIELD };
    return { kind: "other", className: annotated, field: ANNOTATION_FIELD };
  }
  if (input.ingressClassName !== undefined) {
    const gkeName =
      input.ingressClassName === GCE_CLASS ||
      (REGIONAL_GCE_CLASSES as readonly string[]).includes(input.ingressClassName);
    return {
      kind: "other",
      className: input.ingressClassName,
      field: "spec.ingressClassName",
      ...(gkeName
        ? {
            hint: `GKE reads no spec.ingressClassName: set the ${INGRESS_CLASS_ANNOTATION} annotation to "${input.ingressClassName}" instead`,
          }
        : {}),
    };
  }
  return { kind: "gce" };
}

/** The note for an Ingress left to another controller. */
export function skippedIngressMessage(
  object: string,
  decision: Extract<IngressClassDecision, { kind: "other" }>,
): string {
  const hint = decision.hint ? ` (${decision.hint})` : "";
  return `${object}: class "${decision.className}" (${decision.field}) is not GKE's; ingress-glb leaves it to its controller${hint}`;
}

/** An Ingress left to another controller, and why. */
export interface SkippedIngress {
  manifest: Manifest;
  decision: Extract<IngressClassDecision, { kind: "other" }>;
}

/**
 * The manifests' Ingresses GKE's controller serves (its global class and its regional ones), and those
 * it leaves to another one.
 */
export function ingressesByClass(ingresses: readonly Manifest[]): {
  ours: Manifest[];
  skipped: SkippedIngress[];
} {
  const ours: Manifest[] = [];
  const skipped: SkippedIngress[] = [];
  for (const manifest of ingresses) {
    const spec = manifest.object.spec as { ingressClassName?: unknown } | undefined;
    const className = spec?.ingressClassName;
    if (className !== undefined && className !== null && typeof className !== "string") {
      throw new InputError("spec.ingressClassName must be a string", {
        ...manifest.origin,
        field: "spec.ingressClassName",
        line: manifest.lineOf(["spec", "ingressClassName"]) ?? manifest.origin.line,
      });
    }
    const decision = decideIngressClass({
      annotations: (manifest.object.metadata.annotations ?? {}) as Record<string, string>,
      ...(typeof className === "string" ? { ingressClassName: className } : {}),
    });
    if (decision.kind === "gce" || decision.kind === "regional") ours.push(manifest);
    else skipped.push({ manifest, decision });
  }
  return { ours, skipped };
}
