import { InputError, Origin } from "../errors";
import { quote } from "../quote";
import {
  FRONTEND_CONFIG_ANNOTATION,
  IngressAnnotations,
  MANAGED_CERTIFICATES_ANNOTATION,
  PRE_SHARED_CERT_ANNOTATION,
  readIngressAnnotations,
} from "../ingress/annotations";
import { FRONTEND_REDIRECT_CODES, frontendConfigFor, readFrontendConfig } from "../ingress/frontend-config";
import { FieldReader, formatFieldPath } from "../ingress/kube-object";
import { Manifest } from "../ingress/manifests";
import { NormalizedIngress } from "../ingress/types";
import { didYouMean, missingInNamespaceHint } from "../suggest";
import {
  EXPIRED_CERTIFICATE_POLICIES,
  ExpiredCertificatePolicy,
  checkCertificate,
  nameCovers,
} from "../tls/certificate";
import {
  ManifestLocation,
  SecretObject,
  TLS_SECRET_TYPE,
  TlsMaterial,
  TlsSecretRef,
  missingTlsSecretHint,
  readTlsSecret,
  tlsSecretInFiles,
} from "../tls/secret";
import { clusterReadName } from "./cluster-reads";
import { validateHost } from "./hosts";
import {
  CertificateModel,
  ClusterCertificateModel,
  HttpsFrontendModel,
  ManagedCertificateModel,
  MinTlsVersion,
  NameOrArg,
  PreSharedCertificateModel,
  QuicOverride,
  RedirectResponseCode,
  SslPolicyModel,
  SslProfile,
  Warning,
} from "./model";
import { GCP_NAME_PATTERN, shortHash } from "./names";
import { ResourceNames } from "./resource-names";

/** Google Cloud's limit of SSL certificates on one target HTTPS proxy. */
export const MAX_CERTIFICATES_PER_PROXY = 15;
/** Google Cloud's limit of domains on one Google-managed certificate. */
export const MAX_MANAGED_CERTIFICATE_DOMAINS = 100;
/** The SSL policy created when none is named: no TLS 1.0/1.1, no weak ciphers. */
export const DEFAULT_SSL_POLICY: { profile: SslProfile; minTlsVersion: MinTlsVersion } = {
  profile: "MODERN",
  minTlsVersion: "TLS_1_2",
};
export const SSL_PROFILES: readonly SslProfile[] = ["COMPATIBLE", "MODERN", "RESTRICTED"];
export const MIN_TLS_VERSIONS: readonly MinTlsVersion[] = ["TLS_1_0", "TLS_1_1", "TLS_1_2"];

/** A certificate and key in PEM, standing for the Kubernetes TLS Secret an Ingress's `tls[].secretName` names. */
export interface TlsCertificatePem {
  /** Name of the TLS Secret, as `tls[].secretName` names it. */
  secretName: string;
  /** Namespace of the Secret (an Ingress uses Secrets of its own namespace); `default`. */
  namespace?: string;
  /** The leaf certificate in PEM, optionally followed by its chain. */
  certificatePem: string;
  /** The unencrypted private key in PEM. Every resource that holds it gets it as a Pulumi secret. */
  privateKeyPem: string;
  /**
   * Where the PEM came from, named in errors instead of the Secret's `data.tls.crt` / `data.tls.key`:
   * file names, or stack config keys such as `ingress-glb:tlsPrivateKey`.
   */
  sources?: { certificate: string; privateKey: string };
}

/** A TLS Secret the Ingresses may name: read from a manifest, or made from PEM. */
export interface TlsSecretSource {
  /** The Secret object; for PEM, as `kubectl create secret tls` would make it. */
  object: SecretObject;
  /** File and line of the manifest, for errors. */
  location?: ManifestLocation;
  /** Set when the Secret is made from PEM given to the component rather than read from a manifest. */
  pem?: TlsCertificatePem;
}

/** Settings of the SSL policy the component creates. */
export interface SslPolicySettings {
  /** `MODERN` unless given. */
  profile?: SslProfile;
  /** `TLS_1_2` unless given. */
  minTlsVersion?: MinTlsVersion;
}

/** A Google-managed certificate requested through the typed API. */
export interface ManagedCertificateSpec {
  /** A name for it (part of the logical resource name). */
  name: string;
  /** The domains it covers; DNS for each must point at the load balancer's address before it provisions. */
  domains: string[];
}

/** HTTPS options of the typed API; each one wins over what the Ingress annotations or FrontendConfig say. */
export interface FrontendOptions {
  /** Answer :80 with a redirect to HTTPS (`true`: 301 Moved Permanently) instead of serving it. */
  redirectToHttps?: boolean | RedirectResponseCode;
  /**
   * The HTTPS proxy's SSL policy: the name of an existing policy, settings of one to create, or `false`
   * for none (Google's default, which accepts TLS 1.0). Default: a created MODERN policy, TLS 1.2 minimum.
   */
  sslPolicy?: NameOrArg | SslPolicySettings | false;
  /** QUIC (HTTP/3) on the HTTPS proxy: on, off, or Google's default when absent. */
  quic?: boolean;
  /** Names of existing Compute Engine SSL certificates, served after those of the pre-shared-cert annotation. */
  preSharedCertificates?: NameOrArg[];
  /** Google-managed certificates, besides those the `networking.gke.io/managed-certificates` annotation names. */
  managedCertificates?: ManagedCertificateSpec[];
}

/** What the HTTPS side of the translation reads besides the Ingresses. */
export interface FrontendInput extends FrontendOptions {
  /**
   * TLS Secrets that `tls[].secretName` may name; Secrets of other types are ignored unless named. A
   * named Secret not among them is read from the cluster at deploy time (`secret-read-from-cluster`).
   */
  secrets?: readonly TlsSecretSource[];
  /**
   * `namespace/name` of Secrets another tool owns: read from the cluster at deploy time even when
   * `secrets` holds them (their content in the files may be stale).
   */
  clusterSecrets?: readonly string[];
  /** FrontendConfig manifests the `networking.gke.io/v1beta1.FrontendConfig` annotation may name. */
  frontendConfigs?: readonly Manifest[];
  /** ManagedCertificate manifests the `networking.gke.io/managed-certificates` annotation may name. */
  managedCertificateObjects?: readonly Manifest[];
  /** The time certificates are checked against; the caller reads the clock, the translation never does. */
  now: Date;
  /** What an expired certificate of a TLS Secret gives: `error` (the default) or a `certificate-expired` warning. */
  expiredCertificate?: ExpiredCertificatePolicy;
}

/** The Ingresses of one load balancer and the frontend input, as `translate` has them. */
export interface HttpsFrontendSource {
  /** Base logical name of the load balancer. */
  name: string;
  /** How names derive from it (and from an earlier base); a plain `name` derivation when absent. */
  names?: ResourceNames;
  ingresses: readonly NormalizedIngress[];
  frontend?: FrontendInput;
}

/** The Secret object `kubectl create secret tls NAME --cert --key` makes: type kubernetes.io/tls, base64 data. */
export function tlsSecretObject(pem: TlsCertificatePem): SecretObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: pem.secretName, namespace: pem.namespace ?? "default" },
    type: TLS_SECRET_TYPE,
    data: {
      "tls.crt": Buffer.from(pem.certificatePem, "utf8").toString("base64"),
      "tls.key": Buffer.from(pem.privateKeyPem, "utf8").toString("base64"),
    },
  };
}

export function secretSourceFromPem(pem: TlsCertificatePem): TlsSecretSource {
  return { object: tlsSecretObject(pem), pem };
}

export function secretSourceFromManifest(m: Manifest): TlsSecretSource {
  return { object: m.object as SecretObject, location: { file: m.origin.file, line: m.origin.line } };
}

/** The certificate and key of a source, with the fields errors name. Does not check the PEM. */
export function readTlsSource(source: TlsSecretSource): TlsMaterial {
  if (!source.pem) return readTlsSecret(source.object, source.location);
  const { pem } = source;
  return {
    certificatePem: pem.certificatePem,
    privateKeyPem: pem.privateKeyPem,
    origin: { object: `Secret/${pem.namespace ?? "default"}/${pem.secretName}` },
    fields: {
      certificate: pem.sources?.certificate ?? "data.tls.crt",
      privateKey: pem.sources?.privateKey ?? "data.tls.key",
    },
  };
}

/** `namespace/name` of a source's Secret. */
export function secretKey(source: TlsSecretSource): string {
  const namespace = source.object.metadata?.namespace || "default";
  return `${namespace}/${source.object.metadata?.name ?? ""}`;
}

interface IngressFrontend {
  ing: NormalizedIngress;
  values: IngressAnnotations;
}

/**
 * The HTTPS side of one load balancer: certificates (pre-shared first, then Google-managed, then those of
 * TLS Secrets), the SSL policy, QUIC and the HTTP-to-HTTPS redirect. Certificates are checked here, so
 * bad material fails before anything is registered; their warnings go to `warnings`. Undefined when the
 * load balancer has no certificate at all.
 */
export function httpsFrontend(
  source: HttpsFrontendSource,
  warnings: Warning[],
): HttpsFrontendModel | undefined {
  // Absent, there are no Secrets, so no certificate to check and no clock needed.
  const input: Partial<FrontendInput> = source.frontend ?? {};
  const ingresses: IngressFrontend[] = source.ingresses.map((ing) => ({
    ing,
    values: readIngressAnnotations(ing),
  }));

  checkExpiredCertificatePolicy(input.expiredCertificate);
  const names = source.names ?? new ResourceNames(source.name);
  const preShared = preSharedCertificates(ingresses, input);
  const managed = managedCertificates(names, ingresses, input, warnings);
  const { certificates, clusterCertificates } = secretCertificates(
    names,
    ingresses,
    source.frontend,
    warnings,
  );
  checkCertificateCount(preShared, managed, [...certificates, ...clusterCertificates]);

  const config = frontendConfigChoice(ingresses, input.frontendConfigs ?? []);
  const redirectCode = redirectOf(input.redirectToHttps, config.redirect?.code);
  const http = ingresses.some((i) => i.values.allowHttp);
  const total = preShared.length + managed.length + certificates.length + clusterCertificates.length;

  if (total === 0) {
    if (redirectCode) {
      throw new InputError(
        "a redirect to HTTPS is asked for, but the load balancer has no certificate to serve HTTPS with",
        config.redirect?.origin ?? { field: "redirectToHttps" },
        "add spec.tls with a secretName, a pre-shared or a managed certificate",
      );
    }
    for (const [option, given] of [
      ["sslPolicy", input.sslPolicy !== undefined],
      ["quic", input.quic !== undefined],
    ] as const) {
      if (given) {
        warnings.push({
          code: "https-option-unused",
          message: `${option} is set but the load balancer serves no HTTPS: it has no certificate`,
          origin: { field: option },
        });
      }
    }
    for (const { ing } of ingresses) {
      for (const entry of ing.tls.filter((t) => t.secretName === undefined)) {
        warnings.push({
          code: "tls-without-certificate",
          message: `a tls entry of Ingress ${ing.namespace}/${ing.name} names no secretName and the Ingress has no other certificate: no HTTPS is served`,
          origin: entry.origin,
        });
      }
    }
    return undefined;
  }

  if (redirectCode && !http) {
    const first = ingresses[0].ing;
    throw new InputError(
      'a redirect to HTTPS answers on :80, but kubernetes.io/ingress.allow-http is "false" so nothing listens there',
      { ...first.origin, field: 'metadata.annotations["kubernetes.io/ingress.allow-http"]' },
      'drop allow-http "false" to redirect, or drop the redirect',
    );
  }

  // A certificate read from the cluster covers names unknown offline, as a pre-shared one does.
  if (clusterCertificates.length === 0) {
    warnHostsWithoutCertificate(ingresses, preShared, managed, certificates, warnings);
  }
  return {
    proxyName: names.of(["https-proxy"]),
    forwardingRuleName: names.of(["https"]),
    preSharedCertificates: preShared,
    managedCertificates: managed,
    certificates,
    ...(clusterCertificates.length > 0 ? { clusterCertificates } : {}),
    ...(redirectCode
      ? {
          redirectToHttps: {
            urlMapName: names.of(["https-redirect"]),
            responseCode: redirectCode,
          },
        }
      : {}),
    ...sslPolicyOf(names, input.sslPolicy, config.sslPolicy),
    quic: quicOf(input.quic),
  };
}

const annotationField = (name: string) => `metadata.annotations${formatFieldPath([name])}`;

function preSharedCertificates(
  ingresses: IngressFrontend[],
  input: Partial<FrontendInput>,
): PreSharedCertificateModel[] {
  const found = new Map<string, PreSharedCertificateModel>();
  const add = (name: NameOrArg, origin: Origin) => {
    // An output's name is GCP's to check; a repeat of it cannot be seen.
    if (typeof name !== "string") {
      found.set(`arg:${name.arg}`, { name, origin });
      return;
    }
    if (!GCP_NAME_PATTERN.test(name) || name.length > 63) {
      throw new InputError(
        `"${name}" is not a valid Compute Engine SSL certificate name`,
        origin,
        "names are lowercase letters, digits and '-', at most 63 characters",
      );
    }
    if (!found.has(name)) found.set(name, { name, origin });
  };
  for (const { ing, values } of ingresses) {
    for (const name of values.preSharedCerts) {
      add(name, { ...ing.origin, field: annotationField(PRE_SHARED_CERT_ANNOTATION) });
    }
  }
  (input.preSharedCertificates ?? []).forEach((name, i) =>
    add(name, { field: `preSharedCertificates[${i}]` }),
  );
  return [...found.values()];
}

function managedCertificates(
  names: ResourceNames,
  ingresses: IngressFrontend[],
  input: Partial<FrontendInput>,
  warnings: Warning[],
): ManagedCertificateModel[] {
  const found = new Map<string, ManagedCertificateModel>();
  const add = (name: string, domains: string[], origin: Origin, domainField: (i: number) => Origin) => {
    if (domains.length === 0)
      throw new InputError("a managed certificate needs at least one domain", domainField(0));
    if (domains.length > MAX_MANAGED_CERTIFICATE_DOMAINS) {
      throw new InputError(
        `${domains.length} domains on one managed certificate; Google Cloud allows at most ${MAX_MANAGED_CERTIFICATE_DOMAINS}`,
        domainField(MAX_MANAGED_CERTIFICATE_DOMAINS),
      );
    }
    domains.forEach((domain, i) => {
      validateHost(domain, domainField(i));
      if (domain.startsWith("*.")) {
        throw new InputError(
          `Google-managed certificates do not cover wildcard domains ("${domain}")`,
          domainField(i),
          "upload a wildcard certificate in a TLS Secret instead",
        );
      }
    });
    const logical = names.of([name, shortHash([...domains].sort().join(","))]);
    if (found.has(logical)) return;
    found.set(logical, { name: logical, domains, origin });
    warnings.push({
      code: "managed-certificate-provisioning",
      message: `the Google-managed certificate for ${domains.join(", ")} provisions only after DNS for each domain points at the load balancer's address; until it is ACTIVE (often 15-60 minutes), HTTPS handshakes for those names fail`,
      origin,
    });
  };

  const objects = input.managedCertificateObjects ?? [];
  for (const { ing, values } of ingresses) {
    for (const name of values.managedCertificates) {
      const field = { ...ing.origin, field: annotationField(MANAGED_CERTIFICATES_ANNOTATION) };
      const m = objects.find((candidate) => candidate.namespace === ing.namespace && candidate.name === name);
      if (!m) {
        throw new InputError(
          `ManagedCertificate "${name}" not found in namespace "${ing.namespace}"`,
          field,
          missingInNamespaceHint(
            { kind: "ManagedCertificate", name, namespace: ing.namespace, user: "an Ingress" },
            objects,
          ),
        );
      }
      const r = new FieldReader(m.origin, m.lineOf);
      const spec = r.record(m.object.spec, ["spec"]) ?? r.fail(["spec"], "missing spec");
      const domains = (r.array(spec.domains, ["spec", "domains"]) ?? []).map(
        (d, i) => r.string(d, ["spec", "domains", i]) ?? r.fail(["spec", "domains", i], "must be a string"),
      );
      add(name, domains, m.origin, (i) => r.at(["spec", "domains", i]));
    }
  }
  (input.managedCertificates ?? []).forEach((spec, n) =>
    add(spec.name, spec.domains, { field: `managedCertificates[${n}]` }, (i) => ({
      field: `managedCertificates[${n}].domains[${i}]`,
    })),
  );
  return [...found.values()];
}

/** One TLS Secret named by the Ingresses, with every host the entries naming it list. */
interface NamedSecret {
  source: TlsSecretSource;
  hosts: string[];
  /** The first Ingress field naming it. */
  origin: Origin;
}

/** The certificates of the TLS Secrets the Ingresses name: from the files, and read from the cluster. */
interface SecretCertificates {
  certificates: CertificateModel[];
  clusterCertificates: ClusterCertificateModel[];
}

function secretCertificates(
  names: ResourceNames,
  ingresses: IngressFrontend[],
  input: FrontendInput | undefined,
  warnings: Warning[],
): SecretCertificates {
  const sources = input?.secrets ?? [];
  const objects = sources.map((s) => s.object);
  const fromCluster = new Set(input?.clusterSecrets ?? []);
  const named = new Map<string, NamedSecret>();
  const cluster = new Map<string, ClusterCertificateModel>();
  for (const { ing } of ingresses) {
    for (const entry of ing.tls) {
      if (entry.secretName === undefined) continue;
      const ref = { secretName: entry.secretName, namespace: ing.namespace, origin: entry.origin };
      const key = `${ing.namespace}/${entry.secretName}`;
      const object = fromCluster.has(key) ? undefined : tlsSecretInFiles(ref, objects);
      if (!object) {
        const existing = cluster.get(key);
        if (existing) {
          existing.hosts.push(...entry.hosts.filter((h) => !existing.hosts.includes(h)));
          continue;
        }
        const name = names.of([entry.secretName, CLUSTER_CERTIFICATE_MARK]);
        cluster.set(key, {
          name,
          readName: clusterReadName(names.base, key),
          secret: key,
          hosts: [...new Set(entry.hosts)],
          origin: entry.origin,
        });
        warnings.push(secretReadFromClusterWarning(ref, fromCluster.has(key), objects));
        continue;
      }
      const source = sources[objects.indexOf(object)];
      const existing = named.get(key);
      if (existing) existing.hosts.push(...entry.hosts.filter((h) => !existing.hosts.includes(h)));
      else named.set(key, { source, hosts: [...new Set(entry.hosts)], origin: entry.origin });
    }
  }
  const clusterCertificates = [...cluster.values()];
  // Without a frontend input there is no Secret in the files: every one named is read from the cluster.
  if (!input) return { certificates: [], clusterCertificates };

  // Two Secrets holding the same certificate share one GCP certificate, as GKE does.
  const byFingerprint = new Map<string, CertificateModel>();
  for (const [key, { source, hosts }] of named) {
    const material = readTlsSource(source);
    const check = checkCertificate({
      certificatePem: material.certificatePem,
      privateKeyPem: material.privateKeyPem,
      hosts,
      now: input.now,
      expiredCertificate: input.expiredCertificate,
      origin: material.origin,
      fields: material.fields,
    });
    warnings.push(...check.warnings);
    const certOrigin = { ...material.origin, field: material.fields.certificate };
    if (check.selfSigned) {
      warnings.push({
        code: "certificate-self-signed",
        message: `the certificate of Secret ${key} is self-signed: browsers and clients reject it unless told to trust it (curl -k)`,
        origin: certOrigin,
      });
    }
    const fingerprint = check.fingerprint;
    const same = byFingerprint.get(fingerprint);
    if (same) {
      same.hosts.push(...hosts.filter((h) => !same.hosts.includes(h)));
      continue;
    }
    const secretName = key.slice(key.indexOf("/") + 1);
    byFingerprint.set(fingerprint, {
      // `<lb>-<secret>-<fingerprint>`: when it does not fit, gcpName shortens the head and appends a
      // hash of all parts, which changes with the fingerprint too.
      name: names.of([secretName, fingerprint]),
      secret: key,
      fingerprint,
      hosts: [...hosts],
      names: check.names,
      notAfter: check.notAfter.toISOString(),
      origin: material.origin,
    });
  }
  return { certificates: [...byFingerprint.values()], clusterCertificates };
}

/**
 * Ends the logical name of a certificate read from the cluster where a fingerprint ends the others:
 * not hex, so it never equals a fingerprint, and one name whatever the Secret holds.
 */
export const CLUSTER_CERTIFICATE_MARK = "cluster";

/** The `secret-read-from-cluster` warning: which Secret, why, and a near name in the files (a typo?). */
function secretReadFromClusterWarning(
  ref: TlsSecretRef,
  owned: boolean,
  objects: readonly SecretObject[],
): Warning {
  const why = owned ? "another tool owns it (existing)" : "it is not in the files";
  const hint = owned ? undefined : missingTlsSecretHint(ref, objects);
  return {
    code: "secret-read-from-cluster",
    message: `TLS Secret ${ref.namespace}/${ref.secretName} is read from the cluster at deploy time (${why}); the deployment fails if it is missing there or lacks tls.crt or tls.key, and its certificate is not checked offline${hint ? ` (${hint})` : ""}`,
    origin: ref.origin,
  };
}

/** The typed API's policy, checked at run time too: a JavaScript caller may spell it freely. */
function checkExpiredCertificatePolicy(option: ExpiredCertificatePolicy | undefined): void {
  if (option === undefined || EXPIRED_CERTIFICATE_POLICIES.includes(option)) return;
  throw new InputError(
    `unknown expired certificate policy ${JSON.stringify(option)}`,
    { field: "expiredCertificate" },
    didYouMean(option, EXPIRED_CERTIFICATE_POLICIES) ??
      `expected one of ${EXPIRED_CERTIFICATE_POLICIES.join(", ")}`,
  );
}

function checkCertificateCount(
  preShared: PreSharedCertificateModel[],
  managed: ManagedCertificateModel[],
  certificates: (CertificateModel | ClusterCertificateModel)[],
): void {
  const all = [...preShared, ...managed, ...certificates];
  if (all.length <= MAX_CERTIFICATES_PER_PROXY) return;
  const first = all[MAX_CERTIFICATES_PER_PROXY];
  throw new InputError(
    `${all.length} certificates for one HTTPS proxy (${preShared.length} pre-shared, ${managed.length} managed, ${certificates.length} from Secrets); Google Cloud allows at most ${MAX_CERTIFICATES_PER_PROXY}`,
    first.origin,
    "use certificates with several names (SANs), or split the Ingresses over several load balancers",
  );
}

/** What the FrontendConfig of the load balancer's Ingresses asks for, with where it says so. */
interface FrontendConfigChoice {
  redirect?: { code: RedirectResponseCode; origin: Origin };
  sslPolicy?: { name: string; origin: Origin };
}

/**
 * Reads the FrontendConfig each Ingress names (`redirectToHttps`, `sslPolicy`). Ingresses sharing one
 * load balancer must agree, since they share its proxies.
 */
function frontendConfigChoice(
  ingresses: IngressFrontend[],
  manifests: readonly Manifest[],
): FrontendConfigChoice {
  const configs = manifests.map((m) => readFrontendConfig(m.object, m.origin, m.lineOf));
  let settled: { choice: FrontendConfigChoice; from: string } | undefined;
  for (const { ing } of ingresses) {
    const choice: FrontendConfigChoice = {};
    const settings = frontendConfigFor(ing, configs);
    if (settings) {
      const info = configs.find(
        (c) =>
          c.namespace === ing.namespace && c.name === ing.annotations[FRONTEND_CONFIG_ANNOTATION]?.trim(),
      );
      const at = (field: string): Origin => ({ ...info?.origin, field });
      if (settings.redirectToHttps?.enabled) {
        choice.redirect = {
          code: settings.redirectToHttps.responseCodeName ?? "MOVED_PERMANENTLY_DEFAULT",
          origin: at("spec.redirectToHttps"),
        };
      }
      if (settings.sslPolicy) choice.sslPolicy = { name: settings.sslPolicy, origin: at("spec.sslPolicy") };
    }
    const from = `${ing.namespace}/${ing.name}`;
    if (settled && !sameChoice(settled.choice, choice)) {
      throw new InputError(
        `Ingresses ${settled.from} and ${from} share one load balancer but their FrontendConfigs differ (redirect or SSL policy)`,
        { ...ing.origin, field: annotationField(FRONTEND_CONFIG_ANNOTATION) },
        "give them the same FrontendConfig",
      );
    }
    settled ??= { choice, from };
  }
  return settled?.choice ?? {};
}

function sameChoice(a: FrontendConfigChoice, b: FrontendConfigChoice): boolean {
  const key = (c: FrontendConfigChoice) =>
    JSON.stringify([c.redirect?.code ?? null, c.sslPolicy?.name ?? null]);
  return key(a) === key(b);
}

function redirectOf(
  option: FrontendOptions["redirectToHttps"],
  fromConfig: RedirectResponseCode | undefined,
): RedirectResponseCode | undefined {
  if (option === false) return undefined;
  if (option === true) return "MOVED_PERMANENTLY_DEFAULT";
  if (option !== undefined) {
    if (!FRONTEND_REDIRECT_CODES.includes(option)) {
      throw new InputError(
        `unknown redirect response code ${quote(String(option))}`,
        { field: "redirectToHttps" },
        didYouMean(option, FRONTEND_REDIRECT_CODES) ??
          `expected one of ${FRONTEND_REDIRECT_CODES.join(", ")}`,
      );
    }
    return option;
  }
  return fromConfig;
}

function sslPolicyOf(
  names: ResourceNames,
  option: FrontendOptions["sslPolicy"],
  fromConfig: { name: string } | undefined,
): { sslPolicy?: SslPolicyModel } {
  if (option === false) return {};
  // An output's name is GCP's to check.
  if (typeof option === "object" && "arg" in option) return { sslPolicy: { kind: "existing", name: option } };
  if (typeof option === "string") {
    if (!GCP_NAME_PATTERN.test(option) || option.length > 63) {
      throw new InputError(`"${option}" is not a valid SSL policy name`, { field: "sslPolicy" });
    }
    return { sslPolicy: { kind: "existing", name: option } };
  }
  if (option === undefined && fromConfig) return { sslPolicy: { kind: "existing", name: fromConfig.name } };
  const profile = option?.profile ?? DEFAULT_SSL_POLICY.profile;
  const minTlsVersion = option?.minTlsVersion ?? DEFAULT_SSL_POLICY.minTlsVersion;
  if (!SSL_PROFILES.includes(profile)) {
    throw new InputError(
      `unknown SSL profile ${quote(String(profile))}`,
      { field: "sslPolicy.profile" },
      `expected one of ${SSL_PROFILES.join(", ")}`,
    );
  }
  if (!MIN_TLS_VERSIONS.includes(minTlsVersion)) {
    throw new InputError(
      `unknown minimum TLS version ${quote(String(minTlsVersion))}`,
      { field: "sslPolicy.minTlsVersion" },
      `expected one of ${MIN_TLS_VERSIONS.join(", ")}`,
    );
  }
  return { sslPolicy: { kind: "create", name: names.of(["ssl-policy"]), profile, minTlsVersion } };
}

function quicOf(option: boolean | undefined): QuicOverride {
  if (option === undefined) return "NONE";
  return option ? "ENABLE" : "DISABLE";
}

/**
 * A host routed over HTTPS that no known certificate covers gets the proxy's first certificate, which
 * clients reject. Pre-shared certificates are not visible offline, so with any of them nothing is said.
 */
function warnHostsWithoutCertificate(
  ingresses: IngressFrontend[],
  preShared: PreSharedCertificateModel[],
  managed: ManagedCertificateModel[],
  certificates: CertificateModel[],
  warnings: Warning[],
): void {
  if (preShared.length > 0) return;
  const names = [...certificates.flatMap((c) => c.names), ...managed.flatMap((m) => m.domains)];
  const seen = new Set<string>();
  for (const { ing } of ingresses) {
    for (const rule of ing.rules) {
      if (rule.host === undefined || seen.has(rule.host)) continue;
      seen.add(rule.host);
      if (names.some((name) => nameCovers(name, rule.host as string))) continue;
      warnings.push({
        code: "host-without-certificate",
        message: `host "${rule.host}" is served over HTTPS, but none of the load balancer's certificates covers it (names: ${names.join(", ") || "none"})`,
        origin: rule.origin,
      });
    }
  }
}
