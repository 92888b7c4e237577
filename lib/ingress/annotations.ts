import { quote } from "../quote";
import { didYouMean } from "../suggest";
import { nearestResourceName, resourceNameProblem } from "../translate/gcp-identifiers";
import { RegionalGceClass, regionalClassNamed } from "./class-names";
import { FieldReader, LineLocator } from "./kube-object";
import { NormalizedIngress } from "./types";

/** Name of an existing global address to serve on. */
export const GLOBAL_STATIC_IP_ANNOTATION = "kubernetes.io/ingress.global-static-ip-name";
/** Name of an existing regional address, for GKE's regional classes (`gce-internal`, `gce-regional-external`). */
export const REGIONAL_STATIC_IP_ANNOTATION = "kubernetes.io/ingress.regional-static-ip-name";
/** `"false"` leaves only HTTPS. */
export const ALLOW_HTTP_ANNOTATION = "kubernetes.io/ingress.allow-http";
/** Comma-separated names of existing Compute Engine SSL certificates. */
export const PRE_SHARED_CERT_ANNOTATION = "ingress.gcp.kubernetes.io/pre-shared-cert";
/** Comma-separated names of ManagedCertificate objects. */
export const MANAGED_CERTIFICATES_ANNOTATION = "networking.gke.io/managed-certificates";
/** Name of a FrontendConfig in the Ingress's namespace. */
export const FRONTEND_CONFIG_ANNOTATION = "networking.gke.io/v1beta1.FrontendConfig";
/** On a Service: the BackendConfig(s) of its ports (JSON). */
export const BACKEND_CONFIG_ANNOTATION = "cloud.google.com/backend-config";
export const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

const KNOWN_INGRESS_ANNOTATIONS = [
  GLOBAL_STATIC_IP_ANNOTATION,
  REGIONAL_STATIC_IP_ANNOTATION,
  ALLOW_HTTP_ANNOTATION,
  PRE_SHARED_CERT_ANNOTATION,
  MANAGED_CERTIFICATES_ANNOTATION,
  FRONTEND_CONFIG_ANNOTATION,
  INGRESS_CLASS_ANNOTATION,
];

/** What GKE does with `allow-http` is Go's `strconv.ParseBool`; accept exactly its spellings. */
const TRUE_VALUES = ["1", "t", "T", "TRUE", "true", "True"];
const FALSE_VALUES = ["0", "f", "F", "FALSE", "false", "False"];

/** The Ingress annotations we act on, typed. */
export interface IngressAnnotations {
  /** The global address (`gce` class). */
  staticIpName?: string;
  /** The Ingress's regional class, when it has one (`kubernetes.io/ingress.class`). */
  regionalClass?: RegionalGceClass;
  /** The regional address (regional classes only). */
  regionalStaticIpName?: string;
  /** False when HTTP is switched off; default true. */
  allowHttp: boolean;
  preSharedCerts: string[];
  managedCertificates: string[];
  frontendConfig?: string;
  /** Annotations that look like a typo of one we read (they would be silently ignored): warn. */
  misspelt: { annotation: string; hint: string }[];
}

/** Reads and checks the GKE annotations of an Ingress. `lineOf` (from `Manifest.lineOf`) adds lines to errors. */
export function readIngressAnnotations(
  ing: Pick<NormalizedIngress, "annotations" | "origin">,
  lineOf?: LineLocator,
): IngressAnnotations {
  const r: FieldReader = new FieldReader(ing.origin, lineOf);
  const value = (name: string): string | undefined => {
    const text = ing.annotations[name]?.trim();
    return text ? text : undefined;
  };
  const at = (name: string) => ["metadata", "annotations", name];

  const regionalClass = regionalClassNamed(value(INGRESS_CLASS_ANNOTATION));
  const nameProblem = (annotation: string, name: string) => {
    // GKE passes the name to GCP, which refuses it only when the load balancer is created.
    const problem = resourceNameProblem(name);
    if (problem === undefined) return;
    const nearest = nearestResourceName(name);
    r.fail(
      at(annotation),
      `${quote(name)} is not a valid GCP address name: ${problem}`,
      nearest !== undefined ? `did you mean ${quote(nearest)}?` : undefined,
    );
  };
  const regionalStaticIpName = value(REGIONAL_STATIC_IP_ANNOTATION);
  if (regionalClass !== undefined) {
    // A regional load balancer serves on a regional address only (GKE refuses both annotations too).
    if (value(GLOBAL_STATIC_IP_ANNOTATION) !== undefined) {
      r.fail(
        at(GLOBAL_STATIC_IP_ANNOTATION),
        `a global static IP cannot serve class "${regionalClass}", a regional load balancer`,
        `reserve an address in the cluster's region (gcloud compute addresses create NAME --region REGION${regionalClass === "gce-internal" ? " --subnet SUBNET" : ""}) and name it in ${REGIONAL_STATIC_IP_ANNOTATION}`,
      );
    }
    if (regionalStaticIpName !== undefined) nameProblem(REGIONAL_STATIC_IP_ANNOTATION, regionalStaticIpName);
  } else if (regionalStaticIpName !== undefined) {
    if (value(GLOBAL_STATIC_IP_ANNOTATION) !== undefined) {
      r.fail(
        at(REGIONAL_STATIC_IP_ANNOTATION),
        "both a regional and a global static IP are set; a global load balancer serves on the global one only",
        `remove ${REGIONAL_STATIC_IP_ANNOTATION}`,
      );
    }
    r.fail(
      at(REGIONAL_STATIC_IP_ANNOTATION),
      "a regional static IP cannot serve a global load balancer",
      `reserve a global address (gcloud compute addresses create NAME --global) and name it in ${GLOBAL_STATIC_IP_ANNOTATION}, or make the Ingress regional (${INGRESS_CLASS_ANNOTATION}: gce-internal or gce-regional-external)`,
    );
  }

  let allowHttp = true;
  const allow = ing.annotations[ALLOW_HTTP_ANNOTATION];
  if (allow !== undefined) {
    const text = allow.trim();
    if (FALSE_VALUES.includes(text)) allowHttp = false;
    else if (!TRUE_VALUES.includes(text)) {
      // GKE would quietly keep HTTP on here; a typo must not leave a port open unnoticed.
      r.fail(at(ALLOW_HTTP_ANNOTATION), `must be "true" or "false", found ${quote(allow)}`);
    }
  }

  const staticIpName = regionalClass === undefined ? value(GLOBAL_STATIC_IP_ANNOTATION) : undefined;
  if (staticIpName !== undefined) nameProblem(GLOBAL_STATIC_IP_ANNOTATION, staticIpName);
  const frontendConfig = value(FRONTEND_CONFIG_ANNOTATION);
  return {
    ...(staticIpName !== undefined ? { staticIpName } : {}),
    ...(regionalClass !== undefined ? { regionalClass } : {}),
    ...(regionalClass !== undefined && regionalStaticIpName !== undefined ? { regionalStaticIpName } : {}),
    allowHttp,
    preSharedCerts: commaList(ing.annotations[PRE_SHARED_CERT_ANNOTATION]),
    managedCertificates: commaList(ing.annotations[MANAGED_CERTIFICATES_ANNOTATION]),
    ...(frontendConfig !== undefined ? { frontendConfig } : {}),
    misspelt: misspelt(Object.keys(ing.annotations)),
  };
}

function commaList(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** GKE's controller writes its status under this prefix (kept in exported manifests); none are typos. */
const STATUS_PREFIX = "ingress.kubernetes.io/";

function misspelt(keys: string[]): { annotation: string; hint: string }[] {
  const found: { annotation: string; hint: string }[] = [];
  for (const key of keys) {
    if (KNOWN_INGRESS_ANNOTATIONS.includes(key) || key.startsWith(STATUS_PREFIX)) continue;
    const hint = didYouMean(key, KNOWN_INGRESS_ANNOTATIONS);
    if (hint) found.push({ annotation: key, hint });
  }
  return found;
}
