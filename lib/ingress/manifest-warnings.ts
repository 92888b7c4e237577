import { Warning } from "../translate/model";
import { readIngressAnnotations } from "./annotations";
import { SkippedIngress, skippedIngressMessage } from "./ingress-class";
import { Manifest, ManifestSet } from "./manifests";

/**
 * Warnings about the manifests themselves: kinds ingress-glb does not read, annotations that look like
 * a typo of one it reads (on GKE's own Ingresses only), and Ingresses left to another controller.
 */
export function manifestWarnings(
  manifests: ManifestSet,
  ours: readonly Manifest[],
  skipped: readonly SkippedIngress[],
): Warning[] {
  // Namespaces are created by IngressManifests, so they are read even though they sort under `others`.
  const warnings: Warning[] = manifests.others
    .filter((m) => m.object.kind !== "Namespace")
    .map((m) => ({
      code: "ignored-object",
      message: `${m.origin.object}: kind ${m.object.kind} is not read by ingress-glb`,
      origin: m.origin,
    }));
  for (const m of ours) {
    // The annotations alone (checked strings by the loader): normalizing the whole Ingress comes later.
    const annotations = readIngressAnnotations(
      { annotations: m.object.metadata.annotations ?? {}, origin: m.origin },
      m.lineOf,
    );
    for (const misspelt of annotations.misspelt) {
      warnings.push({
        code: "unknown-annotation",
        message: `${m.origin.object}: annotation "${misspelt.annotation}" is not read (${misspelt.hint})`,
        origin: m.origin,
      });
    }
  }
  for (const { manifest, decision } of skipped) {
    warnings.push({
      code: "ingress-class-skipped",
      message: skippedIngressMessage(manifest.origin.object ?? manifest.name, decision),
      origin: { ...manifest.origin, field: decision.field },
    });
  }
  return warnings;
}
