import { InputError, Origin } from "../errors";
import { quote } from "../quote";
import { missingInNamespaceHint } from "../suggest";
import { CertificateFields } from "./certificate";

export const TLS_SECRET_TYPE = "kubernetes.io/tls";

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

/** Reads the certificate and key of a `kubernetes.io/tls` Secret. Does not check the PEM itself. */
export function readTlsSecret(secret: SecretObject, location: ManifestLocation = {}): TlsMaterial {
  const origin: Origin = { ...location, object: secretObjectName(secret) };
  const at = (field: string): Origin => ({ ...origin, field });

  if (secret.kind !== undefined && secret.kind !== "Secret") {
    throw new InputError(`expected kind Secret, found ${quote(String(secret.kind))}`, at("kind"));
  }
  if (secret.type !== TLS_SECRET_TYPE) {
    const found =
      secret.type === undefined
        ? "has no type (Kubernetes defaults it to Opaque)"
        : `has type ${quote(String(secret.type))}`;
    throw new InputError(
      `the Secret ${found}, but a TLS Secret must have type ${TLS_SECRET_TYPE}`,
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
  const candidates = secrets.filter((secret) => secret.kind === undefined || secret.kind === "Secret");
  const sameNamespace = candidates.filter((secret) => namespaceOf(secret) === ref.namespace);
  const found = sameNamespace.find((secret) => nameOf(secret) === ref.secretName);
  if (found) return found;

  const hint = missingInNamespaceHint(
    { kind: "Secret", name: ref.secretName, namespace: ref.namespace, user: "an Ingress" },
    candidates.map((secret) => ({ name: nameOf(secret), namespace: namespaceOf(secret) })),
  );
  throw new InputError(
    `Secret "${ref.secretName}" not found in namespace "${ref.namespace}"`,
    ref.origin,
    hint,
  );
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
