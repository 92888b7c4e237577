/** GKE's global external Application Load Balancer. */
export const GCE_CLASS = "gce";
/** GKE's other classes: a regional internal and a regional external Application Load Balancer. */
export const REGIONAL_GCE_CLASSES = ["gce-internal", "gce-regional-external"] as const;
export type RegionalGceClass = (typeof REGIONAL_GCE_CLASSES)[number];

/** The regional class an Ingress class name is, if any. */
export function regionalClassNamed(name: string | undefined): RegionalGceClass | undefined {
  return REGIONAL_GCE_CLASSES.find((regional) => regional === name);
}
