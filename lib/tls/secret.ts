import { InputError, Origin } from "../errors";
import { quote } from "../quote";
import { missingInNamespaceHint } from "../suggest";
import { CertificateFields } from "./certificate";

export const TLS_SECRET_TYPE = "kubernetes.io/tls";
/** What Kubernetes makes a Secret without `type`. */
export const OPAQUE_SECRET_TYPE = "Opaque";
/**
 * The Secret types whose `tls.crt` and `tls.key` give a certificate: GKE reads those two keys of the
 * Secret whatever its type (ingress-gce's translator checks only the keys), so an Opaque Secret with
 * them serves as well as a `kubernetes.io/tls` one. Other built-in types are refused: they mean
 * something else, and are a likely mistake.
 */
export const TLS_SECRET_TYPES: readonly string[] = [TLS_SECRET_TYPE, OPAQUE_SECRET_TYPE];

/** A Secret as parsed from YAML or JSON; values are checked at run time, since manifests are user input. */
export interface SecretObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** Where a manifest object was read from; the object and field are filled in here. */
export type ManifestLocation = Pick<Origin, "file" | "line">;

/** The PEM material of a TLS Secret, with where each part came from. */
export interface TlsMaterial {
  certificatePem: string;
  privateKeyPem: string;
  /** The Secret (`Secret/<namespace>/<name>`), with its file and line when known. */
  origin: Origin;
  /** The fields the PEM came from: `data.tls.crt` or `stringData.tls.crt`, and so for the key. */
  fields: Required<CertificateFields>;
}

/** How an Ingress names its TLS Secret (`spec.tls[i].secretName`). */
export interface TlsSecretRef {
  secretName: string;
  /** The Ingress's namespace: an Ingress can only use Secrets of its own namespace. */
  namespace: string;
  /** The Ingress field holding the name, e.g. `spec.tls[0].secretName`. */
  origin: Origin;
}

const CERT_KEY = "tls.crt";
const PRIVATE_KEY = "tls.key";

/** `Secret/<namespace>/<name>`, with Kubernetes' default namespace. */
export function secretObjectName(secret: SecretObject): string {
  return `Secret/${namespaceOf(secret)}/${nameOf(secret) || "(unnamed)"}`;
}

/**
 * Reads the certificate and key of a `kubernetes.io/tls` Secret (or of an Opaque one holding `tls.crt`
 * and `tls.key`, as GKE accepts). Does not check the PEM itself.
 */
export function readTlsSecret(secret: SecretObject, location: ManifestLocation = {}): TlsMaterial {
  const origin: Origin = { ...location, object: secretObjectName(secret) };
  const at = (field: string): Origin => ({ ...origin, field });

  if (secret.kind !== undefined && secret.kind !== "Secret") {
    throw new InputError(`expected kind Secret, found ${quote(String(secret.kind))}`, at("kind"));
  }
  if (!TLS_SECRET_TYPES.includes(secret.type ?? OPAQUE_SECRET_TYPE)) {
    throw new InputError(
      `the Secret has type ${quote(String(secret.type))}, but a TLS Secret must have type ${TLS_SECRET_TYPE} (or Opaque, which GKE accepts too)`,
      at("type"),
      "create it with `kubectl create secret tls NAME --cert=FILE --key=FILE`",
    );
  }
  const data = mapField(secret.data, at("data"));
  const stringData = mapField(secret.stringData, at("stringData"));

  const certificate = readEntry(CERT_KEY, data, stringData, at);
  const privateKey = readEntry(PRIVATE_KEY, data, stringData, at);
  return {
    certificatePem: certificate.value,
    privateKeyPem: privateKey.value,
    origin,
    fields: { certificate: certificate.field, privateKey: privateKey.field },
  };
}

/**
 * Finds the Secret an Ingress TLS entry names, among the Secrets of the manifests. A missing one is
 * an error pointing at the Ingress field, with the nearest existing name when it looks like a typo.
 */
export function findTlsSecret(ref: TlsSecretRef, secrets: readonly SecretObject[]): SecretObject {
  const found = tlsSecretInFiles(ref, secrets);
  if (found) return found;
  throw new InputError(
    `Secret "${ref.secretName}" not found in namespace "${ref.namespace}"`,
    ref.origin,
    missingTlsSecretHint(ref, secrets),
  );
}

/** The Secret an Ingress TLS entry names among `secrets` (same namespace, same name), if there. */
export function tlsSecretInFiles(
  ref: TlsSecretRef,
  secrets: readonly SecretObject[],
): SecretObject | undefined {
  return secrets
    .filter((secret) => secret.kind === undefined || secret.kind === "Secret")
    .find((secret) => namespaceOf(secret) === ref.namespace && nameOf(secret) === ref.secretName);
}

/** Why a Secret is not among `secrets`: one of that name in another namespace, or a near name (a typo). */
export function missingTlsSecretHint(
  ref: TlsSecretRef,
  secrets: readonly SecretObject[],
): string | undefined {
  const candidates = secrets.filter((secret) => secret.kind === undefined || secret.kind === "Secret");
  return missingInNamespaceHint(
    { kind: "Secret", name: ref.secretName, namespace: ref.namespace, user: "an Ingress" },
    candidates.map((secret) => ({ name: nameOf(secret), namespace: namespaceOf(secret) })),
  );
}

/**
 * The certificate and key of a TLS Secret read from the cluster at deploy time (its `data`, base64 as
 * the API returns it). A missing key fails the deployment with the Secret and the key named, as GKE
 * refuses such a Secret; values are never echoed.
 */
export function tlsPemFromClusterData(
  data: Record<string, string> | undefined,
  secret: string,
): { certificatePem: string; privateKeyPem: string } {
  const value = (key: string) => {
    const raw = data?.[key];
    const decoded = typeof raw === "string" ? decodeBase64Strict(raw) : undefined;
    if (decoded === undefined || decoded.trim() === "") {
      throw new Error(
        `Secret ${secret} read from the cluster has no ${key}${raw === undefined ? "" : " (or it is not base64)"}: a TLS Secret holds the certificate in tls.crt and the key in tls.key`,
      );
    }
    return decoded;
  };
  return { certificatePem: value(CERT_KEY), privateKeyPem: value(PRIVATE_KEY) };
}

function nameOf(secret: SecretObject): string {
  return typeof secret.metadata?.name === "string" ? secret.metadata.name : "";
}

function namespaceOf(secret: SecretObject): string {
  const namespace = secret.metadata?.namespace;
  return typeof namespace === "string" && namespace !== "" ? namespace : "default";
}

function mapField(value: unknown, origin: Origin): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new InputError("expected a map of keys to values", origin);
  }
  return value as Record<string, unknown>;
}

/** Kubernetes writes `stringData` over `data`, so a key in both takes the `stringData` value. */
function readEntry(
  key: string,
  data: Record<string, unknown>,
  stringData: Record<string, unknown>,
  at: (field: string) => Origin,
): { value: string; field: string } {
  if (key in stringData) {
    const field = `stringData.${key}`;
    const value = stringData[key];
    if (typeof value !== "string") throw new InputError("expected a string", at(field));
    if (value.trim() === "") throw new InputError(`${key} is empty`, at(field));
    return { value, field };
  }
  const field = `data.${key}`;
  if (!(key in data)) {
    throw new InputError(
      `the Secret has no ${key}`,
      at(field),
      `a ${TLS_SECRET_TYPE} Secret holds the certificate in tls.crt and the key in tls.key`,
    );
  }
  const value = data[key];
  if (typeof value !== "string") throw new InputError("expected a base64 string", at(field));
  const decoded = decodeBase64Strict(value);
  if (decoded === undefined) {
    // The value is never echoed: it may be a private key.
    const hint = value.includes("-----BEGIN")
      ? "it holds PEM in clear; put that under stringData, or base64-encode it"
      : "expected standard base64 (A-Z, a-z, 0-9, +, /, = padding)";
    throw new InputError(`${key} is not valid base64`, at(field), hint);
  }
  if (decoded.trim() === "") throw new InputError(`${key} is empty`, at(field));
  return { value: decoded, field };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard padded base64, refusing what `Buffer.from` would silently skip or truncate.
 * Line breaks are allowed, as the API server's decoder ignores them.
 */
export function decodeBase64Strict(text: string): string | undefined {
  const compact = text.replace(/\r?\n/g, "");
  if (!BASE64.test(compact)) return undefined;
  return Buffer.from(compact, "base64").toString("utf8");
}
