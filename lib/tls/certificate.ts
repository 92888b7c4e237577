import { KeyObject, X509Certificate, createHash, createPrivateKey, createPublicKey } from "node:crypto";
import { InputError, Origin } from "../errors";
import { Warning } from "../translate/model";

/** Where the certificate and the key sit inside their object, for error fields. */
export interface CertificateFields {
  /** Defaults to `data.tls.crt`. */
  certificate?: string;
  /** Defaults to `data.tls.key`. */
  privateKey?: string;
}

export interface CertificateInput {
  /** The leaf certificate in PEM, optionally followed by its chain. */
  certificatePem: string;
  /** The unencrypted private key of the leaf, in PEM. */
  privateKeyPem: string;
  /** Hosts the certificate should serve (Ingress `tls[].hosts`); each one not covered gives a warning. */
  hosts?: string[];
  /** The time to check validity against: the caller reads the clock, so the check is repeatable. */
  now: Date;
  /** What an expired certificate gives; `error` by default. */
  expiredCertificate?: ExpiredCertificatePolicy;
  /** The object the certificate came from; the field is set by the check. */
  origin: Origin;
  fields?: CertificateFields;
}

export interface CertificateCheck {
  /** The DNS subject alternative names, or the subject CN when there are none. */
  names: string[];
  notAfter: Date;
  /** SHA-256 fingerprint of the leaf, as Node prints it (`AB:CD:...`). */
  fingerprint256: string;
  /** The short fingerprint resource names carry (`certificateFingerprint`). */
  fingerprint: string;
  /** Issued by its own key: clients reject it unless told to trust it. */
  selfSigned: boolean;
  warnings: Warning[];
}

/**
 * What an expired certificate gives: `error` refuses it (an InputError, nothing planned), `warn` plans it
 * with a `certificate-expired` warning, so a deploy of an unrelated change is not blocked by the clock.
 */
export type ExpiredCertificatePolicy = "error" | "warn";

export const EXPIRED_CERTIFICATE_POLICIES: readonly ExpiredCertificatePolicy[] = ["error", "warn"];

/** Certificates expiring within this many days give `certificate-expires-soon`. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const MIN_RSA_BITS = 2048;
/** The curves Google Cloud load balancers accept for ECDSA certificates, by their OpenSSL names. */
const ACCEPTED_CURVES: Record<string, string> = { prime256v1: "P-256", secp384r1: "P-384" };

/**
 * Checks a certificate and its key the way Google Cloud would before accepting them as an
 * `SSLCertificate`, so that bad material fails before anything is planned.
 */
export function checkCertificate(input: CertificateInput): CertificateCheck {
  const certField = { ...input.origin, field: input.fields?.certificate ?? "data.tls.crt" };
  const keyField = { ...input.origin, field: input.fields?.privateKey ?? "data.tls.key" };

  const leaf = parseLeaf(input.certificatePem, certField);
  const key = parsePrivateKey(input.privateKeyPem, keyField);

  // Compare public keys rather than trusting the PEM pairing: a key from another certificate is the usual mistake.
  const certSpki = leaf.publicKey.export({ type: "spki", format: "der" });
  const keySpki = createPublicKey(key).export({ type: "spki", format: "der" });
  if (!certSpki.equals(keySpki)) {
    throw new InputError(
      "the private key does not match the certificate",
      keyField,
      "the first certificate in tls.crt must be the leaf issued for this key",
    );
  }

  checkKeyStrength(key, keyField);

  const { now } = input;
  const notAfter = new Date(leaf.validTo);
  const notBefore = new Date(leaf.validFrom);
  const expired = notAfter.getTime() < now.getTime();
  if (expired && (input.expiredCertificate ?? "error") === "error") {
    throw new InputError(`the certificate expired on ${notAfter.toISOString()}`, certField, "renew it");
  }

  const names = certificateNames(leaf);
  const warnings: Warning[] = [];
  const daysLeft = (notAfter.getTime() - now.getTime()) / DAY_MS;
  if (expired) {
    warnings.push({
      code: "certificate-expired",
      message: `the certificate for ${names.join(", ") || "(no name)"} expired on ${notAfter.toISOString()}: clients reject it until it is renewed`,
      origin: certField,
    });
  } else if (daysLeft < EXPIRY_WARNING_DAYS) {
    warnings.push({
      code: "certificate-expires-soon",
      message: `the certificate for ${names.join(", ") || "(no name)"} expires on ${notAfter.toISOString()}, in ${Math.floor(daysLeft)} days`,
      origin: certField,
    });
  }
  if (notBefore.getTime() > now.getTime()) {
    warnings.push({
      code: "certificate-not-yet-valid",
      message: `the certificate is not valid before ${notBefore.toISOString()}; clients will reject it until then`,
      origin: certField,
    });
  }
  for (const host of input.hosts ?? []) {
    if (!names.some((name) => nameCovers(name, host))) {
      warnings.push({
        code: "certificate-host-not-covered",
        message: `host "${host}" is not covered by the certificate (names: ${names.join(", ") || "none"})`,
        origin: certField,
      });
    }
  }

  return {
    names,
    notAfter,
    fingerprint256: leaf.fingerprint256,
    fingerprint: shortFingerprint(leaf),
    selfSigned: leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey),
    warnings,
  };
}

/**
 * A short stable hash of the leaf certificate, for resource names: a rotated certificate gets a new
 * name, so the new GCP certificate is created before the old one is deleted.
 */
export function certificateFingerprint(certificatePem: string, length = 8, origin: Origin = {}): string {
  return shortFingerprint(parseLeaf(certificatePem, origin), length);
}

function shortFingerprint(leaf: X509Certificate, length = 8): string {
  return createHash("sha256").update(leaf.raw).digest("hex").slice(0, length);
}

/** True when the certificate name (possibly a `*.` wildcard) covers the host (possibly a wildcard too). */
export function nameCovers(certName: string, host: string): boolean {
  const name = normalizeHost(certName);
  const wanted = normalizeHost(host);
  if (name === wanted) return true;
  // A wildcard host is only covered by the same wildcard: `*.foo.com` does not cover every `*.x.foo.com`.
  if (!name.startsWith("*.") || wanted.startsWith("*.")) return false;
  // RFC 6125: the wildcard stands for exactly one non-empty label.
  const suffix = name.slice(1);
  if (!wanted.endsWith(suffix)) return false;
  const label = wanted.slice(0, wanted.length - suffix.length);
  return label.length > 0 && !label.includes(".");
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

function parseLeaf(pem: string, origin: Origin): X509Certificate {
  try {
    // X509Certificate reads the first PEM block, which is the leaf in a chain.
    return new X509Certificate(pem);
  } catch {
    // Never echo the value: a swapped Secret would put the key in this message.
    const hint = looksLikePrivateKey(pem)
      ? "it holds a private key; are tls.crt and tls.key swapped?"
      : "expected a PEM block beginning with -----BEGIN CERTIFICATE-----";
    throw new InputError("the certificate does not parse as an X.509 certificate", origin, hint);
  }
}

function looksLikePrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

function parsePrivateKey(pem: string, origin: Origin): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === "ERR_MISSING_PASSPHRASE" ||
      code === "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED" ||
      /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)
    ) {
      throw new InputError(
        "the private key is encrypted",
        origin,
        "Google Cloud needs the unencrypted key; decrypt it with `openssl pkey`",
      );
    }
    const hint = /-----BEGIN CERTIFICATE-----/.test(pem)
      ? "it holds a certificate; are tls.crt and tls.key swapped?"
      : "expected a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)";
    throw new InputError("the private key does not parse", origin, hint);
  }
}

function checkKeyStrength(key: KeyObject, origin: Origin): void {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa": {
      const bits = details.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) {
        throw new InputError(
          `the RSA key is too weak: ${bits} bits, at least ${MIN_RSA_BITS} are required`,
          origin,
          "generate a new key with `openssl genrsa 2048`",
        );
      }
      return;
    }
    case "ec": {
      const curve = details.namedCurve ?? "unknown";
      if (!(curve in ACCEPTED_CURVES)) {
        throw new InputError(
          `the EC key uses curve ${curve}, which Google Cloud does not accept`,
          origin,
          "use P-256 (prime256v1) or P-384 (secp384r1)",
        );
      }
      return;
    }
    default:
      throw new InputError(
        `the key type ${key.asymmetricKeyType ?? "unknown"} is not supported by Google Cloud load balancers`,
        origin,
        "use an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key",
      );
  }
}

/** DNS SANs when the certificate has any, else the subject CN (the rule clients apply, RFC 6125). */
function certificateNames(leaf: X509Certificate): string[] {
  const dns = subjectAltNames(leaf.subjectAltName)
    .filter((entry) => entry.type === "DNS")
    .map((entry) => entry.value);
  if (dns.length > 0) return dns;
  const cn = leaf.toLegacyObject().subject?.CN;
  if (Array.isArray(cn)) return cn;
  return cn ? [cn] : [];
}

/**
 * Splits Node's `subjectAltName` text (`DNS:a.com, DNS:"b,c"`): Node quotes a value as a JSON string
 * when it holds characters such as `,` that would make the list ambiguous.
 */
function subjectAltNames(text: string | undefined): { type: string; value: string }[] {
  const entries: { type: string; value: string }[] = [];
  let rest = text ?? "";
  while (rest.length > 0) {
    const colon = rest.indexOf(":");
    if (colon < 0) break;
    const type = rest.slice(0, colon).trim();
    rest = rest.slice(colon + 1);
    let value: string;
    if (rest.startsWith('"')) {
      const end = closingQuote(rest);
      value = JSON.parse(rest.slice(0, end + 1)) as string;
      rest = rest.slice(end + 1);
    } else {
      const comma = rest.indexOf(", ");
      value = comma < 0 ? rest : rest.slice(0, comma);
      rest = comma < 0 ? "" : rest.slice(comma);
    }
    entries.push({ type, value });
    rest = rest.replace(/^, /, "");
  }
  return entries;
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
