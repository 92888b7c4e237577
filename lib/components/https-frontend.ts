import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../errors";
import { Manifest } from "../ingress/manifests";
import { ExpiredCertificatePolicy } from "../tls/certificate";
import { TLS_SECRET_TYPE, tlsPemFromClusterData } from "../tls/secret";
import {
  FrontendInput,
  FrontendOptions,
  SslPolicySettings,
  TlsCertificatePem,
  TlsSecretSource,
  readTlsSource,
  secretKey,
  secretSourceFromPem,
  tlsSecretObject,
} from "../translate/frontend";
import { HttpsFrontendModel, LoadBalancingScheme, NameOrArg } from "../translate/model";
import { ResourceNames } from "../translate/resource-names";
import { LegacyNames, aliasedOptions } from "./aliases";
import { ArgOutputs } from "./arg-outputs";
import { globalListener } from "./forwarding-rule";

/** The HTTPS arguments of IngressLoadBalancer: where certificates come from, and the frontend options. */
export interface HttpsArgs extends Omit<FrontendOptions, "sslPolicy" | "preSharedCertificates"> {
  /**
   * The HTTPS proxy's SSL policy: the name of an existing policy (an output of another resource too),
   * settings of one to create, or `false` for none (Google's default, which accepts TLS 1.0). Default: a
   * created MODERN policy, TLS 1.2 minimum. A plain name is checked against GCP's name rules before
   * anything is registered; an output is checked by GCP at deploy time.
   */
  sslPolicy?: pulumi.Input<string> | SslPolicySettings | false;
  /**
   * Names of existing Compute Engine SSL certificates (outputs too), served after those of the
   * `ingress.gcp.kubernetes.io/pre-shared-cert` annotation. Plain names are checked and deduplicated
   * before anything is registered; outputs are checked by GCP.
   */
  preSharedCertificates?: pulumi.Input<string>[];
  /**
   * TLS Secrets the Ingresses' `tls[].secretName` may name, registered elsewhere (IngressManifests
   * registers those of its manifests). Their PEM becomes the GCP certificates.
   */
  tlsSecrets?: TlsSecretSource[];
  /**
   * Certificates and keys in PEM (files, stack config secrets), each standing for the TLS Secret an
   * Ingress names. The component creates that Secret in the cluster, as `kubectl create secret tls` would.
   */
  tlsCertificates?: TlsCertificatePem[];
  /**
   * `namespace/name` of TLS Secrets another tool owns (Helm, Argo CD, cert-manager, kubectl): read from
   * the cluster at deploy time even when `tlsSecrets` holds them. A Secret an Ingress names that is in
   * neither `tlsSecrets` nor `tlsCertificates` is read from the cluster too.
   */
  clusterSecrets?: string[];
  /**
   * Secrets already read from the cluster (`k8s.core.v1.Secret.get`), by `namespace/name`: IngressManifests
   * reads each one once for all its load balancers. The load balancer reads any other it needs itself.
   */
  clusterSecretReads?: Record<string, k8s.core.v1.Secret>;
  /** FrontendConfig manifests the Ingresses' `networking.gke.io/v1beta1.FrontendConfig` annotation may name. */
  frontendConfigs?: Manifest[];
  /** ManagedCertificate manifests the Ingresses' `networking.gke.io/managed-certificates` annotation may name. */
  managedCertificateObjects?: Manifest[];
  /**
   * What a TLS Secret's expired certificate gives. Default `warn`: the load balancer is still planned,
   * with a `certificate-expired` warning in `pulumi preview`/`up`, so a deploy of an unrelated change is
   * not blocked by the clock. `error` refuses it before anything is registered (what `ingress-glb plan` does).
   */
  expiredCertificate?: ExpiredCertificatePolicy;
  /** The time certificates are checked against. Default: the time the component is constructed. */
  now?: Date;
}

/** The components' default: an expired certificate warns, it does not block a deploy. */
export const COMPONENT_EXPIRED_CERTIFICATE_POLICY: ExpiredCertificatePolicy = "warn";

/**
 * The translation's frontend input from the component arguments, checked against `now` (the component
 * reads the clock, the translation never does); refuses a Secret given twice. Names given as outputs
 * reach the translation as references to their args, recorded in `outputs`.
 */
export function frontendInputOf(args: HttpsArgs, now: Date, outputs: ArgOutputs): FrontendInput {
  const secrets = [...(args.tlsSecrets ?? []), ...(args.tlsCertificates ?? []).map(secretSourceFromPem)];
  const seen = new Set<string>();
  for (const source of secrets) {
    const key = secretKey(source);
    if (seen.has(key)) {
      throw new InputError(
        `TLS Secret ${key} is given twice`,
        { object: `Secret/${key}`, field: "tlsCertificates" },
        "give each Secret once: as a manifest or as PEM, not both",
      );
    }
    seen.add(key);
  }
  return {
    secrets,
    clusterSecrets: args.clusterSecrets,
    frontendConfigs: args.frontendConfigs,
    managedCertificateObjects: args.managedCertificateObjects,
    redirectToHttps: args.redirectToHttps,
    sslPolicy: sslPolicyInput(args.sslPolicy, outputs),
    quic: args.quic,
    preSharedCertificates: args.preSharedCertificates?.map((name, i) =>
      outputs.name(name, `preSharedCertificates[${i}]`),
    ),
    managedCertificates: args.managedCertificates,
    now,
    expiredCertificate: args.expiredCertificate ?? COMPONENT_EXPIRED_CERTIFICATE_POLICY,
  };
}

/** The `sslPolicy` arg for the translation: a name (or a reference to an output one), settings, or `false`. */
function sslPolicyInput(option: HttpsArgs["sslPolicy"], outputs: ArgOutputs): FrontendInput["sslPolicy"] {
  if (option === undefined || option === false || typeof option === "string") return option;
  if (pulumi.Output.isInstance(option) || option instanceof Promise) return outputs.name(option, "sslPolicy");
  return option as SslPolicySettings;
}

/** What the HTTPS side hangs on: the load balancer's main URL map and address. */
export interface HttpsFrontendWiring {
  /** The load balancer's name: logical names of lookups start with it, so two load balancers never clash. */
  name: string;
  project?: pulumi.Input<string>;
  scheme: LoadBalancingScheme;
  /** The main URL map; the HTTPS proxy serves it. */
  urlMap: gcp.compute.URLMap;
  /** The load balancer's address: :443 shares it with :80. */
  address: gcp.compute.GlobalAddress;
  /** Where each certificate's PEM comes from, by `namespace/name` of its Secret. */
  secrets: readonly TlsSecretSource[];
  /** Secrets already read from the cluster, by `namespace/name`; the others are read here. */
  clusterSecretReads?: Record<string, k8s.core.v1.Secret>;
  /** How the load balancer derives names; a plain derivation from `name` when absent. */
  names?: ResourceNames;
  /** Earlier logical names of the children (the load balancer's base name changed since 0.1.0). */
  legacyOf?: LegacyNames;
  /** The value of a name the model holds as a reference to an arg given as an output. Default: plain names only. */
  resolve?: (name: NameOrArg) => pulumi.Input<string>;
}

/** The resources of the HTTPS side. */
export interface HttpsFrontendResources {
  /** The target HTTPS proxy: the certificates and the SSL policy, serving the main URL map. */
  readonly proxy: gcp.compute.TargetHttpsProxy;
  /** The global forwarding rule on :443 of the load balancer's address. */
  readonly forwardingRule: gcp.compute.GlobalForwardingRule;
  /** Certificates uploaded from the TLS Secrets of the files and from PEM, in the model's order. */
  readonly certificates: gcp.compute.SSLCertificate[];
  /** Those of TLS Secrets read from the cluster. */
  readonly clusterCertificates: gcp.compute.SSLCertificate[];
  /** Google-managed certificates. */
  readonly managedCertificates: gcp.compute.ManagedSslCertificate[];
  /** The TLS Secrets this side read from the cluster itself (those not given in `clusterSecretReads`), by `namespace/name`. */
  readonly secretReads: Record<string, k8s.core.v1.Secret>;
  /** The created policy, or the existing one looked up. */
  readonly sslPolicy?: gcp.compute.SSLPolicy;
  /** Set with redirectToHttps: the :80 proxy serves this map instead of the main one. */
  readonly redirectUrlMap?: gcp.compute.URLMap;
}

/**
 * Maps the HTTPS model onto resources: certificates, SSL policy, target HTTPS proxy, :443 forwarding
 * rule on the shared address, and the redirect URL map. Certificates are autonamed under a logical name
 * holding their fingerprint and never `deleteBeforeReplace`: a rotation creates the new certificate,
 * updates the proxy in place, then deletes the old one.
 */
export function registerHttpsFrontend(
  model: HttpsFrontendModel,
  wiring: HttpsFrontendWiring,
  opts: pulumi.CustomResourceOptions,
): HttpsFrontendResources {
  const { project } = wiring;
  const named = (logical: string) => aliasedOptions(opts, logical, wiring.legacyOf);
  const resolve =
    wiring.resolve ??
    ((name: NameOrArg) => {
      if (typeof name !== "string") throw new Error(`no value for arg ${name.arg}`);
      return name;
    });
  const sources = new Map(wiring.secrets.map((source) => [secretKey(source), source]));

  const certificates = model.certificates.map((cert) => {
    const source = sources.get(cert.secret);
    if (!source) throw new Error(`no TLS material for Secret ${cert.secret}`);
    const material = readTlsSource(source);
    return new gcp.compute.SSLCertificate(
      cert.name,
      {
        project,
        description: `TLS Secret ${cert.secret}, SHA-256 ${cert.fingerprint}`,
        certificate: material.certificatePem,
        privateKey: pulumi.secret(material.privateKeyPem),
      },
      named(cert.name),
    );
  });
  // A Secret read from the cluster: its PEM, decoded at deploy time, never leaves a secret output.
  const secretReads: Record<string, k8s.core.v1.Secret> = {};
  const clusterCertificates = (model.clusterCertificates ?? []).map((cert) => {
    const secret =
      wiring.clusterSecretReads?.[cert.secret] ??
      (secretReads[cert.secret] = k8s.core.v1.Secret.get(cert.readName, cert.secret, named(cert.readName)));
    const pem = pulumi.secret(secret.data).apply((data) => tlsPemFromClusterData(data, cert.secret));
    return new gcp.compute.SSLCertificate(
      cert.name,
      {
        project,
        description: `TLS Secret ${cert.secret}, read from the cluster`,
        certificate: pulumi.secret(pem.certificatePem),
        privateKey: pulumi.secret(pem.privateKeyPem),
      },
      named(cert.name),
    );
  });
  const managedCertificates = model.managedCertificates.map(
    (managed) =>
      new gcp.compute.ManagedSslCertificate(
        managed.name,
        { project, type: "MANAGED", managed: { domains: managed.domains } },
        named(managed.name),
      ),
  );

  let sslPolicy: gcp.compute.SSLPolicy | undefined;
  const policy = model.sslPolicy;
  if (policy?.kind === "create") {
    sslPolicy = new gcp.compute.SSLPolicy(
      policy.name,
      { project, profile: policy.profile, minTlsVersion: policy.minTlsVersion },
      named(policy.name),
    );
  } else if (policy?.kind === "existing") {
    const lookup = (wiring.names ?? new ResourceNames(wiring.name)).of(["ssl-policy"]);
    const policyName = resolve(policy.name);
    sslPolicy = gcp.compute.SSLPolicy.get(
      lookup,
      project ? pulumi.interpolate`projects/${project}/global/sslPolicies/${policyName}` : policyName,
      undefined,
      named(lookup),
    );
  }

  // GKE's order: pre-shared first, then managed, then the Secrets' (the first one is served without SNI).
  const preShared = model.preSharedCertificates.map((cert) => {
    const certName = resolve(cert.name);
    return project ? pulumi.interpolate`projects/${project}/global/sslCertificates/${certName}` : certName;
  });
  const proxy = new gcp.compute.TargetHttpsProxy(
    model.proxyName,
    {
      project,
      urlMap: wiring.urlMap.id,
      sslCertificates: [
        ...preShared,
        ...managedCertificates.map((c) => c.id),
        ...certificates.map((c) => c.id),
        ...clusterCertificates.map((c) => c.id),
      ],
      sslPolicy: sslPolicy?.id,
      quicOverride: model.quic,
    },
    named(model.proxyName),
  );
  const forwardingRule = globalListener(
    model.forwardingRuleName,
    { project, proxy, address: wiring.address, port: 443, scheme: wiring.scheme },
    named(model.forwardingRuleName),
  );

  const redirect = model.redirectToHttps;
  const redirectUrlMap = redirect
    ? new gcp.compute.URLMap(
        redirect.urlMapName,
        {
          project,
          description: "Redirects every HTTP request to HTTPS",
          defaultUrlRedirect: {
            httpsRedirect: true,
            redirectResponseCode: redirect.responseCode,
            stripQuery: false,
          },
        },
        named(redirect.urlMapName),
      )
    : undefined;
  return {
    proxy,
    forwardingRule,
    certificates,
    clusterCertificates,
    managedCertificates,
    secretReads,
    sslPolicy,
    redirectUrlMap,
  };
}

/** Logical name of a namespaced object a load balancer registers itself (IngressManifests names its own). */
function objectResourceName(namespace: string, name: string): string {
  return `${namespace}-${name}`;
}

/** The TLS Secret `kubectl create secret tls` would make from the PEM; its data is a Pulumi secret. */
export function kubernetesTlsSecret(
  pem: TlsCertificatePem,
  opts: pulumi.CustomResourceOptions,
  logicalName = objectResourceName(pem.namespace ?? "default", pem.secretName),
): k8s.core.v1.Secret {
  const object = tlsSecretObject(pem);
  const namespace = pem.namespace ?? "default";
  return new k8s.core.v1.Secret(
    logicalName,
    {
      metadata: { name: pem.secretName, namespace },
      type: TLS_SECRET_TYPE,
      data: pulumi.secret(object.data as Record<string, string>),
    },
    opts,
  );
}

/** `kubectl apply` keeps the whole object, data included, in clear in this annotation. */
const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** A Secret manifest as written, its data and stringData as Pulumi secrets. */
export function kubernetesSecret(
  m: Manifest,
  opts: pulumi.CustomResourceOptions,
  logicalName = objectResourceName(m.namespace, m.name),
): k8s.core.v1.Secret {
  const { data, stringData, type, immutable, metadata } = m.object as {
    data?: Record<string, string>;
    stringData?: Record<string, string>;
    type?: string;
    immutable?: boolean;
    metadata: Record<string, unknown>;
  };
  const annotations = { ...((metadata.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  const cleaned: Record<string, unknown> = { ...metadata, namespace: m.namespace, annotations };
  if (Object.keys(annotations).length === 0) delete cleaned.annotations;
  return new k8s.core.v1.Secret(
    logicalName,
    {
      metadata: cleaned,
      ...(type !== undefined ? { type } : {}),
      ...(immutable !== undefined ? { immutable } : {}),
      ...(data !== undefined ? { data: pulumi.secret(data) } : {}),
      ...(stringData !== undefined ? { stringData: pulumi.secret(stringData) } : {}),
    },
    opts,
  );
}
