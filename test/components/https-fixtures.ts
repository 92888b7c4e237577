import * as path from "node:path";
import { ManifestSet, loadManifests, parseManifests } from "../../lib/ingress/manifests";
import { PlannedResource } from "../../lib/plan/types";
import { Pem } from "../tls/fixtures";

export const SEED = path.resolve(__dirname, "../fixtures/seed");
/** The seed's TLS walk-through: the Ingress naming hello-ingress-secret and its two NodePort Services. */
export const SEED_TLS_FILES = [
  "hello-ingress-tls.yaml",
  "users-svc-nodeport.yaml",
  "products-svc-nodeport.yaml",
];

export const GROUP =
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-hello-grp";
export const CLUSTER = { instanceGroups: [GROUP], nodeTags: ["gke-hello-node"] };

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** The Secret manifest `kubectl create secret tls NAME -o yaml --dry-run=client` prints. */
export function tlsSecretYaml(name: string, pem: Pem): string {
  return [
    "apiVersion: v1",
    "kind: Secret",
    `metadata: {name: ${name}}`,
    "type: kubernetes.io/tls",
    "data:",
    `  tls.crt: ${b64(pem.certificatePem)}`,
    `  tls.key: ${b64(pem.privateKeyPem)}`,
  ].join("\n");
}

/** The seed's TLS manifests plus `extraYaml` (a Secret, a FrontendConfig...) as if in another file. */
export function seedTlsManifests(...extraYaml: string[]): ManifestSet {
  const set = loadManifests(SEED_TLS_FILES.map((f) => path.join(SEED, f)));
  for (const [i, text] of extraYaml.entries()) {
    const extra = parseManifests(text, `extra-${i}.yaml`);
    for (const key of Object.keys(extra) as (keyof ManifestSet)[]) set[key].push(...extra[key]);
  }
  return set;
}

/** Strings a leak of this key would show: PEM body lines and the base64 a Secret's data holds. */
export function keyMaterial(privateKeyPem: string): string[] {
  const lines = privateKeyPem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));
  return [...lines, b64(privateKeyPem).slice(0, 60), b64(privateKeyPem).slice(60, 120)];
}

/** The first of `type`, failing clearly when there is none. */
export function one(resources: PlannedResource[], type: string, name?: string): PlannedResource {
  const found = resources.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) {
    throw new Error(
      `expected one ${type}${name ? ` ${name}` : ""}, found ${found.map((r) => r.name).join(", ") || "none"}`,
    );
  }
  return found[0];
}
