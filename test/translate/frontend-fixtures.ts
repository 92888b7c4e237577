import { NormalizedIngress } from "../../lib/ingress/types";
import { parseManifests } from "../../lib/ingress/manifests";
import { FrontendInput, TlsSecretSource, tlsSecretObject } from "../../lib/translate/frontend";
import { LoadBalancerModel } from "../../lib/translate/model";
import { translate } from "../../lib/translate/translate";
import { Pem } from "../tls/fixtures";
import { seedIngress, seedServices } from "./fixtures";

/** A kubernetes.io/tls Secret source as a manifest would give it (base64 data, file and line). */
export function secretSource(name: string, pem: Pem, namespace = "default"): TlsSecretSource {
  return {
    object: tlsSecretObject({ secretName: name, namespace, ...pem }),
    location: { file: "secrets.yaml", line: 1 },
  };
}

/** One `tls[]` entry of the seed Ingress. */
export interface TlsEntrySpec {
  secretName?: string;
  hosts?: string[];
}

/** The seed's Ingress with `tls` entries and annotations, as hello-ingress-tls.yaml has it. */
export function tlsIngress(
  tls: TlsEntrySpec[],
  annotations: Record<string, string> = {},
  extra: Partial<NormalizedIngress> = {},
): NormalizedIngress {
  const name = extra.name ?? "hello-ingress-tls";
  const namespace = extra.namespace ?? "default";
  return seedIngress({
    name,
    namespace,
    annotations,
    tls: tls.map((entry, i) => ({
      hosts: entry.hosts ?? [],
      ...(entry.secretName !== undefined ? { secretName: entry.secretName } : {}),
      origin: { object: `Ingress/${namespace}/${name}`, field: `spec.tls[${i}].secretName` },
    })),
    ...extra,
  });
}

/** A frontend input whose `now` defaults to the real clock. */
export type ClockedFrontendInput = Omit<FrontendInput, "now"> & { now?: Date };

/**
 * Translates the seed's two services behind `ingresses` with the frontend input, checked against the
 * real clock unless `now` is given: the TLS fixtures are made relative to it.
 */
export function translateTls(
  ingresses: NormalizedIngress[],
  frontend: ClockedFrontendInput,
  name = "hello-ingress-tls",
): LoadBalancerModel {
  return translate({
    name,
    ingresses,
    services: seedServices(),
    frontend: { ...frontend, now: frontend.now ?? new Date() },
  });
}

/** FrontendConfig and ManagedCertificate manifests from YAML text. */
export function gkeManifests(yaml: string) {
  const set = parseManifests(yaml, "gke.yaml");
  return { frontendConfigs: set.frontendConfigs, managedCertificateObjects: set.managedCertificates };
}
