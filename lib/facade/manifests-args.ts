import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../errors";
import { IapCredentials, iapCredentialsKey } from "../components/backend-args";
import { IngressManifestsArgs } from "../components/ingress-manifests";
import { ManifestSet, parseManifestTexts } from "../ingress/manifests";
import { didYouMean } from "../suggest";
import { TlsCertificatePem } from "../translate/frontend";
import { ExpiredCertificateAction, IapOAuthClient, IngressGlbArgs, LoadBalancerScheme } from "./args";

// IngressGlb's arguments as IngressManifests takes them. Only shapes change here: every check is
// IngressManifests' own, except those of the shapes themselves (a list given where text is expected, an
// enum value another language let through, an OAuth client given twice).

/** `tlsCertificates` and `iapClients` once known: the component waits for their (secret) values. */
export interface KnownInputs {
  tls: { secretName: string; namespace?: string; certificatePem: unknown; privateKeyPem: unknown }[];
  iapClients?: IapOAuthClient[];
}

/** Parses `manifests`, each item as a file named `manifests[N]` in errors. */
export function readManifestTexts(manifests: unknown): ManifestSet {
  if (!Array.isArray(manifests)) {
    throw new InputError("must be a list of YAML texts, one per file", { field: "manifests" });
  }
  return parseManifestTexts(
    manifests.map((text, i) => {
      const name = `manifests[${i}]`;
      if (typeof text !== "string") {
        // An output (a secret, or a value another resource computes) cannot be read before planning.
        throw new InputError(
          "must be YAML text known when the component is constructed",
          { field: name },
          "pass the file's contents (fn::readFile in YAML), not a secret or another resource's output",
        );
      }
      return { text, name };
    }),
  );
}

/** IngressManifests' arguments from IngressGlb's, with the TLS PEM now known. */
export function ingressManifestsArgs(
  args: IngressGlbArgs,
  manifests: ManifestSet,
  known: KnownInputs,
): IngressManifestsArgs {
  return {
    manifests,
    instanceGroups: list(args.instanceGroups, "instanceGroups"),
    nodeTags: list(args.nodeTags, "nodeTags"),
    network: args.network,
    project: args.project,
    scheme: enumValue(LoadBalancerScheme, args.scheme, "scheme"),
    staticIpName: args.staticIpName,
    tlsCertificates: args.tlsCertificates === undefined ? undefined : known.tls.map(tlsCertificatePem),
    iapCredentials: known.iapClients === undefined ? undefined : iapCredentials(known.iapClients),
    expiredCertificate: enumValue(ExpiredCertificateAction, args.expiredCertificate, "expiredCertificate"),
    redirectToHttps: args.redirectToHttps,
    quic: args.quic,
    sslPolicy: args.sslPolicyName,
    preSharedCertificates:
      args.preSharedCertificates === undefined
        ? undefined
        : list(args.preSharedCertificates, "preSharedCertificates"),
    managedCertificates: args.managedCertificates,
    healthCheck: args.healthCheck,
    defaultBackendNamespace: args.defaultBackendNamespace,
    protectAddress: args.protectAddress,
    retainAddressOnDelete: args.retainAddressOnDelete,
    ipv6: args.ipv6,
    ...(args.zones !== undefined ? { zones: list(args.zones, "zones") } : {}),
    negDefault: args.negDefault,
    region: args.region,
    subnetwork: args.subnetwork,
    proxyOnlySubnet: args.proxyOnlySubnet,
    existing: args.existing,
  };
}

function tlsCertificatePem(given: KnownInputs["tls"][number], i: number): TlsCertificatePem {
  const field = (name: string) => `tlsCertificates[${i}].${name}`;
  const text = (value: unknown, name: string) => {
    if (typeof value !== "string") throw new InputError("must be PEM text", { field: field(name) });
    return value;
  };
  return {
    secretName: given.secretName,
    namespace: given.namespace,
    certificatePem: text(given.certificatePem, "certificatePem"),
    privateKeyPem: text(given.privateKeyPem, "privateKeyPem"),
    // Errors about the PEM name the field it was given in, not the Secret's data keys.
    sources: { certificate: field("certificatePem"), privateKey: field("privateKeyPem") },
  };
}

function iapCredentials(clients: readonly IapOAuthClient[]): Record<string, IapCredentials> {
  const credentials: Record<string, IapCredentials> = {};
  clients.forEach((client, i) => {
    const key = iapCredentialsKey(client.namespace, client.secretName);
    if (credentials[key]) {
      throw new InputError(`the OAuth client of Secret ${key} is given twice`, { field: `iapClients[${i}]` });
    }
    credentials[key] = { clientId: client.clientId, clientSecret: pulumi.secret(client.clientSecret) };
  });
  return credentials;
}

/** A list whose length is known at construction (its items may be outputs): the model counts them. */
function list<T>(value: T[], field: string): T[] {
  if (!Array.isArray(value)) {
    throw new InputError(
      "must be a list known when the component is constructed (its items may be outputs)",
      {
        field,
      },
    );
  }
  return value;
}

/** `value` as one of a string enum's values; SDKs of other languages may pass any string. */
function enumValue<E extends Record<string, string>>(
  values: E,
  value: unknown,
  field: string,
): E[keyof E] | undefined {
  if (value === undefined) return undefined;
  const allowed: string[] = Object.values(values);
  if (typeof value === "string" && allowed.includes(value)) return value as E[keyof E];
  const hint = typeof value === "string" ? didYouMean(value, allowed) : undefined;
  throw new InputError(`${JSON.stringify(value)} is not one of ${allowed.join(", ")}`, { field }, hint);
}
