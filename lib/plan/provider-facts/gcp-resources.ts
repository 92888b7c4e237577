/**
 * The GCP resource types the library creates and the Terraform resources @pulumi/gcp bridges them
 * from; scripts/provider-facts.ts reads the replacement facts of each into gcp-force-new.json.
 */
export interface GcpResourceSource {
  /** The Terraform resource type. */
  terraform: string;
  /** The Go function in terraform-provider-google-beta that builds its schema. */
  constructor: string;
  /** The .d.ts of the installed @pulumi/gcp with the `<Type>Args` interface. */
  sdkFile: string;
}

export const GCP_RESOURCES: Readonly<Record<string, GcpResourceSource>> = {
  "gcp:compute/globalAddress:GlobalAddress": {
    terraform: "google_compute_global_address",
    constructor: "ResourceComputeGlobalAddress",
    sdkFile: "compute/globalAddress.d.ts",
  },
  "gcp:compute/healthCheck:HealthCheck": {
    terraform: "google_compute_health_check",
    constructor: "ResourceComputeHealthCheck",
    sdkFile: "compute/healthCheck.d.ts",
  },
  "gcp:compute/backendService:BackendService": {
    terraform: "google_compute_backend_service",
    constructor: "ResourceComputeBackendService",
    sdkFile: "compute/backendService.d.ts",
  },
  "gcp:compute/uRLMap:URLMap": {
    terraform: "google_compute_url_map",
    constructor: "ResourceComputeUrlMap",
    sdkFile: "compute/urlmap.d.ts",
  },
  "gcp:compute/targetHttpProxy:TargetHttpProxy": {
    terraform: "google_compute_target_http_proxy",
    constructor: "ResourceComputeTargetHttpProxy",
    sdkFile: "compute/targetHttpProxy.d.ts",
  },
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
    terraform: "google_compute_target_https_proxy",
    constructor: "ResourceComputeTargetHttpsProxy",
    sdkFile: "compute/targetHttpsProxy.d.ts",
  },
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
    terraform: "google_compute_global_forwarding_rule",
    constructor: "ResourceComputeGlobalForwardingRule",
    sdkFile: "compute/globalForwardingRule.d.ts",
  },
  "gcp:compute/sSLCertificate:SSLCertificate": {
    terraform: "google_compute_ssl_certificate",
    constructor: "ResourceComputeSslCertificate",
    sdkFile: "compute/sslcertificate.d.ts",
  },
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
    terraform: "google_compute_managed_ssl_certificate",
    constructor: "ResourceComputeManagedSslCertificate",
    sdkFile: "compute/managedSslCertificate.d.ts",
  },
  "gcp:compute/sSLPolicy:SSLPolicy": {
    terraform: "google_compute_ssl_policy",
    constructor: "ResourceComputeSslPolicy",
    sdkFile: "compute/sslpolicy.d.ts",
  },
  "gcp:compute/firewall:Firewall": {
    terraform: "google_compute_firewall",
    constructor: "ResourceComputeFirewall",
    sdkFile: "compute/firewall.d.ts",
  },
  "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort": {
    terraform: "google_compute_instance_group_named_port",
    constructor: "ResourceComputeInstanceGroupNamedPort",
    sdkFile: "compute/instanceGroupNamedPort.d.ts",
  },
  // The regional load balancers' types (RegionalIngressLoadBalancer, IngressManifests' proxy-only subnet).
  "gcp:compute/address:Address": {
    terraform: "google_compute_address",
    constructor: "ResourceComputeAddress",
    sdkFile: "compute/address.d.ts",
  },
  "gcp:compute/regionHealthCheck:RegionHealthCheck": {
    terraform: "google_compute_region_health_check",
    constructor: "ResourceComputeRegionHealthCheck",
    sdkFile: "compute/regionHealthCheck.d.ts",
  },
  "gcp:compute/regionBackendService:RegionBackendService": {
    terraform: "google_compute_region_backend_service",
    constructor: "ResourceComputeRegionBackendService",
    sdkFile: "compute/regionBackendService.d.ts",
  },
  "gcp:compute/regionUrlMap:RegionUrlMap": {
    terraform: "google_compute_region_url_map",
    constructor: "ResourceComputeRegionUrlMap",
    sdkFile: "compute/regionUrlMap.d.ts",
  },
  "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy": {
    terraform: "google_compute_region_target_http_proxy",
    constructor: "ResourceComputeRegionTargetHttpProxy",
    sdkFile: "compute/regionTargetHttpProxy.d.ts",
  },
  "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy": {
    terraform: "google_compute_region_target_https_proxy",
    constructor: "ResourceComputeRegionTargetHttpsProxy",
    sdkFile: "compute/regionTargetHttpsProxy.d.ts",
  },
  "gcp:compute/regionSslCertificate:RegionSslCertificate": {
    terraform: "google_compute_region_ssl_certificate",
    constructor: "ResourceComputeRegionSslCertificate",
    sdkFile: "compute/regionSslCertificate.d.ts",
  },
  "gcp:compute/forwardingRule:ForwardingRule": {
    terraform: "google_compute_forwarding_rule",
    constructor: "ResourceComputeForwardingRule",
    sdkFile: "compute/forwardingRule.d.ts",
  },
  "gcp:compute/subnetwork:Subnetwork": {
    terraform: "google_compute_subnetwork",
    constructor: "ResourceComputeSubnetwork",
    sdkFile: "compute/subnetwork.d.ts",
  },
  "gcp:compute/regionSslPolicy:RegionSslPolicy": {
    terraform: "google_compute_region_ssl_policy",
    constructor: "ResourceComputeRegionSslPolicy",
    sdkFile: "compute/regionSslPolicy.d.ts",
  },
};

/** What one resource's entry in gcp-force-new.json holds; paths use the plan's input names. */
export interface GcpResourceFacts {
  terraform: string;
  /** The Go file the facts were read from. */
  file: string;
  /** Inputs marked `ForceNew: true`; a path covers everything below it. */
  forceNew: string[];
  /** Write-only inputs: never stored, so a change shows only through their `...Version` input. */
  writeOnly: string[];
  /** Every input the provider accepts (to check that the library sets only known ones); `a.*` is any key of map `a`. */
  inputs: string[];
}

export interface GcpForceNewTable {
  source: { repository: string; tag: string; commit: string; names: string };
  resources: Record<string, GcpResourceFacts>;
}
