import * as pulumi from "@pulumi/pulumi";

// The arguments of IngressGlb in the shapes Pulumi's component analyzer turns into a package schema (and so
// into Python, Go, C#, Java and YAML): named interfaces, TypeScript enums, plain values where the load
// balancer is decided at construction, `pulumi.Input` where a value only reaches a resource property.
// Every comment here becomes a description in the schema.

/** How Google Cloud builds the load balancer. */
export enum LoadBalancerScheme {
  /** The classic global external Application Load Balancer, as GKE Ingress makes it. */
  External = "EXTERNAL",
  /** The global external Application Load Balancer (Envoy-based). */
  ExternalManaged = "EXTERNAL_MANAGED",
}

/** What an expired certificate in a TLS Secret or in `tlsCertificates` gives. */
export enum ExpiredCertificateAction {
  /** Plan the load balancer anyway, with a `certificate-expired` warning. */
  Warn = "warn",
  /** Refuse it before anything is registered. */
  Error = "error",
}

/** A certificate and its key in PEM, standing for the TLS Secret an Ingress names in `tls[].secretName`. */
export interface TlsCertificate {
  /** Name of the TLS Secret, as the Ingress's `tls[].secretName` names it. */
  secretName: string;
  /** Namespace of the Secret (an Ingress uses the Secrets of its own namespace). Default `default`. */
  namespace?: string;
  /** The leaf certificate in PEM, optionally followed by its chain. */
  certificatePem: pulumi.Input<string>;
  /**
   * Secret: the unencrypted private key in PEM. It is checked against the certificate before anything is
   * registered, then held only as a Pulumi secret (the Kubernetes Secret and the GCP certificate).
   */
  privateKeyPem: pulumi.Input<string>;
}

/** The OAuth client of an IAP backend, for the Secret its BackendConfig names (`iap.oauthclientCredentials`). */
export interface IapOAuthClient {
  /** Namespace of the BackendConfig, and so of the Secret. */
  namespace: string;
  /** Name of the Secret the BackendConfig's `iap.oauthclientCredentials.secretName` names. */
  secretName: string;
  /** OAuth2 client ID. */
  clientId: pulumi.Input<string>;
  /** Secret: OAuth2 client secret, held only as a Pulumi secret. */
  clientSecret: pulumi.Input<string>;
}

/** A Google-managed certificate, besides those the `networking.gke.io/managed-certificates` annotation names. */
export interface ManagedCertificate {
  /** A name for it (part of the logical resource name). */
  name: string;
  /** The domains it covers; DNS for each must point at the load balancer's address before it provisions. */
  domains: string[];
}

/** Health check settings for every backend, over the defaults (a readiness probe or a BackendConfig wins). */
export interface HealthCheckSettings {
  /** Path the probe requests. Default `/`. */
  requestPath?: string;
  /** Seconds between probes. Default 5. */
  checkIntervalSec?: number;
  /** Seconds a probe waits for an answer. Default 5. */
  timeoutSec?: number;
  /** Successes in a row that make a backend healthy. Default 2. */
  healthyThreshold?: number;
  /** Failures in a row that make a backend unhealthy. Default 2. */
  unhealthyThreshold?: number;
}

/** The arguments of IngressGlb. */
/** The region's proxy-only subnet, which regional load balancers (`gce-internal`, `gce-regional-external`) need. */
export interface ProxyOnlySubnet {
  /** Its range (GCP asks /26 or larger, recommends /23); the firewall admits it to the backends. */
  ipCidrRange: pulumi.Input<string>;
  /** It already exists in the region and network: nothing is created. Default false. */
  exists?: boolean;
}

/** Objects another tool owns (Helm, Argo CD, kubectl): read from the cluster instead of created. */
export interface ExistingObjectsArgs {
  /** Read every Service of the manifests. Default false. */
  services?: boolean;
  /** Read every workload (Deployment, StatefulSet, ...) of the manifests. Default false. */
  workloads?: boolean;
  /** Read every Secret of the manifests. Default false. */
  secrets?: boolean;
  /** Single objects to read, as `Kind/namespace/name` (e.g. `Service/shop/users`). */
  objects?: string[];
}

export interface IngressGlbArgs {
  /**
   * Kubernetes manifests as YAML text, one item per file (an item may hold several documents separated by
   * `---`): Ingresses, Services, Deployments, ConfigMaps, Secrets, BackendConfigs, FrontendConfigs,
   * ManagedCertificates, Namespaces. Errors name an item as `manifests[N]` with its line.
   */
  manifests: string[];
  /** URLs of the instance groups of the cluster's nodes (not instance group managers), one per zone. */
  instanceGroups: pulumi.Input<string>[];
  /** Network tags of the nodes: the firewall rule opens the NodePorts to Google's front ends on them. */
  nodeTags: pulumi.Input<string>[];
  /** VPC network of the nodes, by name or self link. Default `default`. */
  network?: pulumi.Input<string>;
  /** GCP project; the provider's by default. */
  project?: pulumi.Input<string>;
  /** How Google Cloud builds the load balancers. Default `EXTERNAL`, as GKE Ingress. */
  scheme?: LoadBalancerScheme;
  /**
   * Name of an existing global address to use (an output of another resource too); wins over
   * `kubernetes.io/ingress.global-static-ip-name`. A known name is checked before anything is registered.
   */
  staticIpName?: pulumi.Input<string>;
  /** Certificates and keys for the TLS Secrets the Ingresses name; each becomes that Secret in the cluster. */
  tlsCertificates?: TlsCertificate[];
  /** OAuth clients of the IAP backends, when their Secrets are not among the manifests. */
  iapClients?: IapOAuthClient[];
  /** What an expired certificate gives. Default `warn`. */
  expiredCertificate?: ExpiredCertificateAction;
  /** Answer :80 with a 301 redirect to HTTPS instead of serving it. Default false. */
  redirectToHttps?: boolean;
  /** QUIC (HTTP/3) on the HTTPS proxies: on or off; Google's default when unset. */
  quic?: boolean;
  /**
   * Name of an existing SSL policy for the HTTPS proxies (an output of another resource too). Default: a
   * created MODERN policy, TLS 1.2 minimum.
   */
  sslPolicyName?: pulumi.Input<string>;
  /**
   * Names of existing Compute Engine SSL certificates (outputs of other resources too), served after those
   * of the pre-shared-cert annotation.
   */
  preSharedCertificates?: pulumi.Input<string>[];
  /** Google-managed certificates to create for every load balancer. */
  managedCertificates?: ManagedCertificate[];
  /** Health check settings for every backend. */
  healthCheck?: HealthCheckSettings;
  /** Namespace of the built-in 404 backend. Default: the first of the Ingresses' namespaces, alphabetically. */
  defaultBackendNamespace?: string;
  /** `protect` of the reserved addresses. Default: inherited from this component's options. */
  protectAddress?: boolean;
  /** Keep the reserved addresses in the cloud when Pulumi deletes them. Default false. */
  retainAddressOnDelete?: boolean;
  /** Also serve on a reserved global IPv6 address. Default false. */
  ipv6?: boolean;
  /** Zones of the cluster, where GKE makes the NEGs of container-native backends. Default: the instance groups' zones. */
  zones?: pulumi.Input<string>[];
  /**
   * ClusterIP Services without a `cloud.google.com/neg` annotation are served through NEGs, as GKE does on
   * VPC-native clusters. Default true; false refuses them (routes-based clusters).
   */
  negDefault?: boolean;
  /** The cluster's region, for regional Ingresses (`gce-internal`, `gce-regional-external`). */
  region?: pulumi.Input<string>;
  /** The nodes' subnetwork, where an internal load balancer takes its address. */
  subnetwork?: pulumi.Input<string>;
  /** The region's proxy-only subnet, created from its range or said to exist (regional Ingresses). */
  proxyOnlySubnet?: ProxyOnlySubnet;
  /** Objects of the manifests another tool owns: read from the cluster, not created. Default: all created. */
  existing?: ExistingObjectsArgs;
}
