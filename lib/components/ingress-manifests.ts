import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { readIngressAnnotations } from "../ingress/annotations";
import { Manifest, ManifestSet } from "../ingress/manifests";
import { normalizeIngress, normalizeService } from "../ingress/normalize";
import { NormalizedIngress } from "../ingress/types";
import { secretSourceFromManifest, secretSourceFromPem } from "../translate/frontend";
import { kubernetesSecret, kubernetesTlsSecret } from "./https-frontend";
import { IngressLoadBalancer, IngressLoadBalancerArgs, decideLoadBalancer } from "./load-balancer";
import { ManifestService } from "./manifest-service";
import { readBackendConfig } from "../ingress/backend-config";
import { readPodTemplate } from "../ingress/pod-template";
import { iapCredentialsFromManifests } from "./backend-args";

export interface IngressManifestsArgs extends Omit<
  IngressLoadBalancerArgs,
  | "ingresses"
  | "backends"
  | "model"
  | "tlsSecrets"
  | "frontendConfigs"
  | "managedCertificateObjects"
  | "backendConfigs"
  | "deployments"
> {
  /** Manifests as loaded by `loadManifests`: Ingresses, Services, Deployments, ConfigMaps, Secrets. */
  manifests: ManifestSet;
}

/** Ingresses that become one load balancer, and its name. */
export interface LoadBalancerGroup {
  name: string;
  ingresses: NormalizedIngress[];
}

/**
 * Groups Ingresses into load balancers: those naming the same global static IP share one (one address,
 * URL map, proxies and forwarding rules); each other Ingress gets its own, named after it.
 */
export function groupIngresses(ingresses: NormalizedIngress[]): LoadBalancerGroup[] {
  const nameCount = new Map<string, number>();
  for (const ing of ingresses) nameCount.set(ing.name, (nameCount.get(ing.name) ?? 0) + 1);
  const ownName = (ing: NormalizedIngress) =>
    (nameCount.get(ing.name) ?? 0) > 1 ? `${ing.namespace}-${ing.name}` : ing.name;
  const groups: LoadBalancerGroup[] = [];
  const byAddress = new Map<string, LoadBalancerGroup>();
  for (const ing of ingresses) {
    const address = readIngressAnnotations(ing).staticIpName;
    const shared = address ? byAddress.get(address) : undefined;
    if (shared) {
      // A shared load balancer is named after the address its Ingresses name.
      shared.name = address as string;
      shared.ingresses.push(ing);
      continue;
    }
    const group = { name: ownName(ing), ingresses: [ing] };
    groups.push(group);
    if (address) byAddress.set(address, group);
  }
  return groups;
}

/**
 * Everything a set of Kubernetes manifests describes: their Services, Deployments, ConfigMaps and
 * Secrets in the cluster, and a Google Cloud load balancer per Ingress (or per shared static IP).
 * `ingress-glb plan` runs exactly this component, so the CLI and `pulumi up` register the same graph.
 */
export class IngressManifests extends pulumi.ComponentResource {
  readonly loadBalancers: IngressLoadBalancer[] = [];
  /** The manifests' Ingresses, normalized. */
  readonly ingresses: NormalizedIngress[];
  readonly services: ManifestService[] = [];

  constructor(name: string, args: IngressManifestsArgs, opts?: pulumi.ComponentResourceOptions) {
    const { manifests, tlsCertificates, ...lbArgs } = args;
    const ingresses = manifests.ingresses.map((m) => normalizeIngress(m.object, m.origin, m.lineOf));
    const services = manifests.services.map((m) => ({
      info: normalizeService(m.object, m.origin, m.lineOf),
      m,
    }));
    const groups = groupIngresses(ingresses);
    // Every load balancer sees the manifests' Secrets and the PEM ones; the Secrets are registered here, once.
    const https = {
      tlsSecrets: [
        ...manifests.secrets.map(secretSourceFromManifest),
        ...(tlsCertificates ?? []).map(secretSourceFromPem),
      ],
      frontendConfigs: manifests.frontendConfigs,
      managedCertificateObjects: manifests.managedCertificates,
    };
    // BackendConfigs and the workloads' readiness probes, read once for every load balancer.
    const backendInputs = {
      backendConfigs: manifests.backendConfigs.map((m) => readBackendConfig(m.object, m.origin, m.lineOf)),
      deployments: manifests.deployments.map((m) => readPodTemplate(m.object, m.origin, m.lineOf)),
    };
    const iapCredentials = iapCredentialsFromManifests(
      backendInputs.backendConfigs,
      manifests.secrets,
      lbArgs.iapCredentials,
    );
    const lbArgsOf = (group: LoadBalancerGroup) => ({
      ...lbArgs,
      ...https,
      ...backendInputs,
      iapCredentials,
      ingresses: group.ingresses,
    });
    // Decide every load balancer before registering anything, so a mistake plans nothing.
    const serviceInfos = services.map((s) => s.info);
    const models = groups.map((group) => decideLoadBalancer(group.name, lbArgsOf(group), serviceInfos));
    // Namespaces among the manifests come first: every Kubernetes object of the component, the load
    // balancers' own included, waits for its namespace (a transformation reaches the children of children).
    const namespaces = new Map<string, pulumi.Resource>();
    const waitForNamespaces: pulumi.ResourceTransformation = (resource) => {
      if (!resource.type.startsWith("kubernetes:") || resource.type === "kubernetes:core/v1:Namespace")
        return undefined;
      const namespace = (resource.props.metadata as { namespace?: unknown } | undefined)?.namespace;
      // A namespace only known later (an output) waits for all of them.
      const waitFor = typeof namespace === "string" ? [namespaces.get(namespace)] : [...namespaces.values()];
      const dependsOn = waitFor.filter((r): r is pulumi.Resource => r !== undefined);
      return dependsOn.length > 0
        ? { props: resource.props, opts: pulumi.mergeOptions(resource.opts, { dependsOn }) }
        : undefined;
    };
    super(
      "ingress-glb:index:IngressManifests",
      name,
      {},
      {
        ...opts,
        transformations: [...(opts?.transformations ?? []), waitForNamespaces],
      },
    );
    this.ingresses = ingresses;
    const child = { parent: this };
    for (const m of manifests.others) {
      if (m.object.kind !== "Namespace" || m.object.apiVersion !== "v1") continue;
      namespaces.set(m.name, new k8s.core.v1.Namespace(m.name, { metadata: m.object.metadata }, child));
    }

    for (const { info, m } of services) this.services.push(new ManifestService(info, m.object, child));
    for (const m of manifests.configMaps) {
      new k8s.core.v1.ConfigMap(
        resourceName(m),
        { metadata: metadataOf(m), data: m.object.data as never },
        child,
      );
    }
    for (const m of manifests.secrets) kubernetesSecret(m, child);
    for (const pem of tlsCertificates ?? []) kubernetesTlsSecret(pem, child);
    for (const m of manifests.deployments) {
      new k8s.apps.v1.Deployment(
        resourceName(m),
        { metadata: metadataOf(m), spec: m.object.spec as never },
        child,
      );
    }
    groups.forEach((group, index) => {
      const groupArgs = { ...lbArgsOf(group), backends: this.services, model: models[index] };
      this.loadBalancers.push(new IngressLoadBalancer(group.name, groupArgs, child));
    });
    this.registerOutputs({ ipAddresses: this.loadBalancers.map((lb) => lb.ipAddress) });
  }
}

function resourceName(m: Manifest): string {
  return `${m.namespace}-${m.name}`;
}

function metadataOf(m: Manifest) {
  return { ...m.object.metadata, namespace: m.namespace };
}
