// The public API of ingress-glb.
export * from "./errors";
export * from "./ingress/types";
export { loadManifests, parseManifests, ManifestSet, Manifest } from "./ingress/manifests";
export { normalizeIngress, normalizeService } from "./ingress/normalize";
export * from "./translate/model";
export { translate, TranslateInput } from "./translate/translate";
export { evaluateUrlMap } from "./routing/gcp";
export { BackendApp, BackendAppArgs } from "./components/backend-app";
export { ServiceBackendSource } from "./components/backend-source";
export { IngressLoadBalancer, IngressLoadBalancerArgs } from "./components/load-balancer";
export { IngressManifests, IngressManifestsArgs } from "./components/ingress-manifests";
// Types the components' args and fields name.
export { BackendOptionsArgs } from "./components/backend-args";
export { Ipv6FrontendResources } from "./components/ipv6-frontend";
export { NamedPorts, NamedPortAlias, NamedPortNaming } from "./components/named-ports";
export { ManifestService } from "./components/manifest-service";
export { SkippedIngress } from "./ingress/ingress-class";
export {
  RegionalArgs,
  RegionalIngressLoadBalancer,
  RegionalIngressLoadBalancerArgs,
  decideRegionalLoadBalancer,
} from "./components/regional-load-balancer";
export { ProxyOnlySubnetArgs } from "./components/regional-proxy-subnet";
export {
  clusterInstanceGroups,
  nodePoolInstanceGroups,
  parseInstanceGroupUrl,
} from "./components/instance-groups";
export {
  FrontendInput,
  FrontendOptions,
  ManagedCertificateSpec,
  SslPolicySettings,
  TlsCertificatePem,
  TlsSecretSource,
  httpsFrontend,
  secretSourceFromManifest,
  secretSourceFromPem,
  tlsSecretObject,
} from "./translate/frontend";
export { HttpsArgs, HttpsFrontendResources, registerHttpsFrontend } from "./components/https-frontend";
export { checkCertificate, certificateFingerprint, ExpiredCertificatePolicy } from "./tls/certificate";
export * from "./translate/backend-options";
export {
  BackendConfigInfo,
  BackendConfigRefs,
  OAuthClient,
  readBackendConfig,
  readBackendConfigRefs,
  readOAuthClient,
} from "./ingress/backend-config";
export { PodTemplateInfo, readPodTemplate } from "./ingress/pod-template";
export { findReadinessProbe, ProbeLookup } from "./translate/health-check";
export {
  FrontendConfigInfo,
  FrontendConfigSettings,
  frontendConfigFor,
  readFrontendConfig,
} from "./ingress/frontend-config";
export { IapCredentials } from "./components/backend-args";
export { negRequests, negServiceAnnotations, NegChoice } from "./translate/neg";
export { NEG_ANNOTATION, NEG_STATUS_ANNOTATION, readNegAnnotation } from "./ingress/neg-annotation";
// Objects read from the cluster: Secrets the files lack, and objects other tools own.
export { ExistingObjects, decideExistingObjects, parseExistingFlag } from "./ingress/existing-objects";
export { IapClientSources, iapClientSources } from "./ingress/iap-client-sources";
export { ClusterService } from "./components/cluster-service";
export { clusterReadName } from "./translate/cluster-reads";
