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
export { nodePoolInstanceGroups, parseInstanceGroupUrl } from "./components/instance-groups";
