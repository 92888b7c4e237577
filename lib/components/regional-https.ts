import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { tlsPemFromClusterData } from "../tls/secret";
import { readTlsSource, secretKey, TlsSecretSource } from "../translate/frontend";
import { HttpsFrontendModel, NameOrArg } from "../translate/model";
import { ResourceNames } from "../translate/resource-names";

/** What the regional HTTPS side hangs on. */
export interface RegionalHttpsWiring {
  project?: pulumi.Input<string>;
  region: pulumi.Input<string>;
  urlMap: gcp.compute.RegionUrlMap;
  /** Where each certificate's PEM comes from, by `namespace/name` of its Secret. */
  secrets: readonly TlsSecretSource[];
  names: ResourceNames;
  /** Secrets IngressManifests already reads from the cluster, by `namespace/name`; read here otherwise. */
  clusterSecretReads?: Record<string, k8s.core.v1.Secret>;
  /** The value of a name the model holds as a reference to an arg given as an output. */
  resolve: (name: NameOrArg) => pulumi.Input<string>;
}

/** The resources of the regional HTTPS side (its forwarding rule is the load balancer's). */
export interface RegionalHttpsResources {
  proxy: gcp.compute.RegionTargetHttpsProxy;
  certificates: gcp.compute.RegionSslCertificate[];
  sslPolicy?: gcp.compute.RegionSslPolicy;
  /** Set with redirectToHttps: the :80 proxy serves this map instead of the main one. */
  redirectUrlMap?: gcp.compute.RegionUrlMap;
}

/**
 * Maps the HTTPS model onto regional resources: certificates uploaded from the TLS Secrets (named by
 * fingerprint, so a rotation creates the new one before the old one goes), the SSL policy, the target
 * HTTPS proxy and the redirect URL map. Pre-shared certificates are the region's, as GKE reads them;
 * managed certificates and QUIC were refused by the translation.
 */
export function registerRegionalHttps(
  model: HttpsFrontendModel,
  wiring: RegionalHttpsWiring,
  opts: pulumi.CustomResourceOptions,
): RegionalHttpsResources {
  const { project, region } = wiring;
  const sources = new Map(wiring.secrets.map((source) => [secretKey(source), source]));
  const certificates = model.certificates.map((cert) => {
    const source = sources.get(cert.secret);
    if (!source) throw new Error(`no TLS material for Secret ${cert.secret}`);
    const material = readTlsSource(source);
    return new gcp.compute.RegionSslCertificate(
      cert.name,
      {
        project,
        region,
        description: `TLS Secret ${cert.secret}, SHA-256 ${cert.fingerprint}`,
        certificate: material.certificatePem,
        privateKey: pulumi.secret(material.privateKeyPem),
      },
      opts,
    );
  });
  // A Secret read from the cluster: its PEM, decoded at deploy time, never leaves a secret output. One
  // autonamed logical name per Secret: a rotation replaces it, creating the new certificate first.
  for (const cert of model.clusterCertificates ?? []) {
    const secret =
      wiring.clusterSecretReads?.[cert.secret] ?? k8s.core.v1.Secret.get(cert.readName, cert.secret, opts);
    const pem = pulumi.secret(secret.data).apply((data) => tlsPemFromClusterData(data, cert.secret));
    certificates.push(
      new gcp.compute.RegionSslCertificate(
        cert.name,
        {
          project,
          region,
          description: `TLS Secret ${cert.secret}, read from the cluster`,
          certificate: pulumi.secret(pem.certificatePem),
          privateKey: pulumi.secret(pem.privateKeyPem),
        },
        opts,
      ),
    );
  }

  let sslPolicy: gcp.compute.RegionSslPolicy | undefined;
  const policy = model.sslPolicy;
  if (policy?.kind === "create") {
    sslPolicy = new gcp.compute.RegionSslPolicy(
      policy.name,
      { project, region, profile: policy.profile, minTlsVersion: policy.minTlsVersion },
      opts,
    );
  } else if (policy?.kind === "existing") {
    const lookup = wiring.names.of(["ssl-policy"]);
    const policyName = wiring.resolve(policy.name);
    sslPolicy = gcp.compute.RegionSslPolicy.get(
      lookup,
      project
        ? pulumi.interpolate`projects/${project}/regions/${region}/sslPolicies/${policyName}`
        : policyName,
      undefined,
      opts,
    );
  }

  // GKE's order: pre-shared first, then the Secrets' (the first one is served without SNI).
  const preShared = model.preSharedCertificates.map((cert) => {
    const certName = wiring.resolve(cert.name);
    return project
      ? pulumi.interpolate`projects/${project}/regions/${region}/sslCertificates/${certName}`
      : certName;
  });
  const proxy = new gcp.compute.RegionTargetHttpsProxy(
    model.proxyName,
    {
      project,
      region,
      urlMap: wiring.urlMap.id,
      sslCertificates: [...preShared, ...certificates.map((c) => c.id)],
      sslPolicy: sslPolicy?.id,
    },
    opts,
  );

  const redirect = model.redirectToHttps;
  const redirectUrlMap = redirect
    ? new gcp.compute.RegionUrlMap(
        redirect.urlMapName,
        {
          project,
          region,
          description: "Redirects every HTTP request to HTTPS",
          defaultUrlRedirect: {
            httpsRedirect: true,
            redirectResponseCode: redirect.responseCode,
            stripQuery: false,
          },
        },
        opts,
      )
    : undefined;
  return { proxy, certificates, sslPolicy, redirectUrlMap };
}
