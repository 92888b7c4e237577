import { InputError } from "../errors";
import { Manifest } from "./manifests";

/** The workload kinds ingress-glb registers from manifests, as their apps/v1 (or v1) resources. */
export const WORKLOAD_KINDS = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Pod",
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Old API versions that filled `spec.selector` in from the pod template's labels. */
const SELECTOR_DEFAULTED = ["extensions/v1beta1", "apps/v1beta1"];

/**
 * The spec a workload is registered with: as written, except that a workload of an old API version
 * without a selector gets the one that version defaulted (the template's labels), since it is
 * registered as apps/v1, which requires one. An apps/v1 (or apps/v1beta2) workload without a selector
 * is refused, as the API server refuses it.
 */
export function workloadSpec(m: Manifest): Record<string, unknown> | undefined {
  const spec = m.object.spec as Record<string, unknown> | undefined;
  const kind = m.object.kind;
  if (kind === "Pod" || kind === "ReplicationController" || !spec) return spec;
  if (spec.selector !== undefined && spec.selector !== null) return spec;
  const template = spec.template as { metadata?: { labels?: Record<string, string> } } | undefined;
  const labels = template?.metadata?.labels;
  const field = { ...m.origin, field: "spec.selector", line: m.lineOf(["spec"]) ?? m.origin.line };
  if (!SELECTOR_DEFAULTED.includes(m.object.apiVersion)) {
    throw new InputError(
      `${m.object.apiVersion} requires spec.selector`,
      field,
      "match the pod template's labels",
    );
  }
  if (!labels || Object.keys(labels).length === 0) {
    throw new InputError(
      `${m.object.apiVersion} defaulted spec.selector from spec.template.metadata.labels, which has none`,
      field,
      "give the pod template labels, or a spec.selector",
    );
  }
  return { ...spec, selector: { matchLabels: { ...labels } } };
}
