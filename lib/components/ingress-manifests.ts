import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Manifest, ManifestSet } from "../ingress/manifests";
import { BACKEND_NAME_MAX, gcpName } from "../translate/names";
import { checkAliasCollisions } from "../translate/resource-names";
import {
  LoadBalancerGroup,
  builtinServiceName,
  checkBuiltinBackendNames,
  groupIngresses,
} from "../translate/load-balancer-groups";
import { aliasedOptions } from "./aliases";
import { withAliasUrns } from "./alias-urns";
import { parseInstanceGroupUrl } from "./instance-groups";
import { NamedPorts } from "./named-ports";
import { normalizeIngress, normalizeService } from "../ingress/normalize";
import { NormalizedIngress } from "../ingress/types";
import { SkippedIngress, ingressesByClass } from "../ingress/ingress-class";
import { checkRegisteredObject } from "../ingress/api-validation";
import { manifestWarnings } from "../ingress/manifest-warnings";
import { WorkloadKind, workloadSpec } from "../ingress/workloads";
import { Warning } from "../translate/model";
import { logWarnings } from "./log-warnings";
import { BackendModel } from "../translate/model";
import { secretSourceFromManifest, secretSourceFromPem } from "../translate/frontend";
import { kubernetesSecret, kubernetesTlsSecret } from "./https-frontend";
import {
  IngressLoadBalancer,
  IngressLoadBalancerArgs,
  decideLoadBalancer,
  withDecidedModel,
} from "./load-balancer";
import { ManifestService } from "./manifest-service";
import { readBackendConfig } from "../ingress/backend-config";
import { readPodTemplate } from "../ingress/pod-template";
import { negRequests, negServiceAnnotations } from "../translate/neg";
import { iapCredentialsFromFiles } from "./backend-args";
import { ExistingObjects, decideExistingObjects } from "../ingress/existing-objects";
import { iapClientSources } from "../ingress/iap-client-sources";
import { clusterReadName } from "../translate/cluster-reads";
import { ClusterService } from "./cluster-service";
import { RegionalArgs, RegionalIngressLoadBalancer } from "./regional-load-balancer";
import { proxyOnlySubnet } from "./regional-proxy-subnet";
import { checkRegionalArgs } from "../translate/regional-args";

export interface IngressManifestsArgs
  extends
    RegionalArgs,
    Omit<
      IngressLoadBalancerArgs,
      | "ingresses"
      | "backends"
      | "namedPorts"
      | "tlsSecrets"
      | "frontendConfigs"
      | "managedCertificateObjects"
      | "backendConfigs"
      | "workloads"
      | "negScope"
      | "clusterSecrets"
      | "clusterSecretReads"
      | "clusterIapSecrets"
    > {
  /** Manifests as loaded by `loadManifests`: Ingresses, Services, Deployments, ConfigMaps, Secrets. */
  manifests: ManifestSet;
  /**
   * Objects of the files that another tool owns (Helm, Argo CD, kubectl): read from the cluster at
   * deploy time instead of created, per kind (`services`, `workloads`, `secrets`) or per object
   * (`objects: ["Service/shop/users"]`). Default: nothing is read, every object of the files is created.
   *
   * A read Service gives the nodePorts the cluster allocated (an output of the read); the load balancer
   * still plans from its manifest, which must be in the files. A read workload's readiness probe is
   * taken from its manifest when planning, not from the cluster. A read Secret gives its certificate
   * or OAuth client as a secret output. A Secret the Ingresses or BackendConfigs name that the files
   * lack is read from the cluster whether listed or not (`secret-read-from-cluster`). See
   * `ExistingObjects` for the rules, and docs/https.md for a plan.
   */
  existing?: ExistingObjects;
}

/**
 * Everything a set of Kubernetes manifests describes: their Services, Deployments, ConfigMaps and
 * Secrets in the cluster, and a Google Cloud load balancer per Ingress (or per shared static IP).
 * `ingress-glb plan` runs exactly this component, so the CLI and `pulumi up` register the same graph.
 * Every child is a readonly field below; `ipAddresses` (one per load balancer) is its registered output.
 */
export class IngressManifests extends pulumi.ComponentResource {
  /** One load balancer per Ingress, or per group of Ingresses sharing a static IP (the annotation's). */
  readonly loadBalancers: IngressLoadBalancer[] = [];
  /** The IPv4 address of each load balancer, in the order of `loadBalancers`. */
  readonly ipAddresses: pulumi.Output<string>[];
  /** The load balancers of the regional classes (`gce-internal`, `gce-regional-external`). */
  readonly regionalLoadBalancers: RegionalIngressLoadBalancer[] = [];
  /** The proxy-only subnet the regional load balancers share, when created here. */
  readonly proxyOnlySubnet?: pulumi.CustomResource;
  /** The manifests' Ingresses, normalized. */
  readonly ingresses: NormalizedIngress[];
  /** Ingresses of another class (nginx...), left to their controller. */
  readonly skippedIngresses: SkippedIngress[];
  /** Warnings about the manifests themselves (each load balancer logs its own). */
  readonly warnings: Warning[];
  /** The Services the load balancers serve: created from the files, or read from the cluster (`existing`). */
  readonly services: (ManifestService | ClusterService)[] = [];
  /** The named ports on the nodes' instance groups, shared by every load balancer of the component. */
  readonly namedPorts: NamedPorts;
  /** The manifests' Namespaces, created before every other object of the component. */
  readonly namespaces: k8s.core.v1.Namespace[] = [];
  /** The manifests' ConfigMaps. */
  readonly configMaps: k8s.core.v1.ConfigMap[] = [];
  /** The Secrets created: those of the manifests (other tools' are read instead), then those of `tlsCertificates`. */
  readonly secrets: k8s.core.v1.Secret[] = [];
  /** The workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Pods): created, or read from the cluster (`existing`). */
  readonly workloads: pulumi.CustomResource[] = [];
  /** Secrets read from the cluster once for every load balancer (TLS and IAP Secrets the files lack, other tools' Secrets), by `namespace/name`. */
  readonly secretReads: Record<string, k8s.core.v1.Secret>;

  constructor(name: string, args: IngressManifestsArgs, opts?: pulumi.ComponentResourceOptions) {
    const {
      manifests,
      tlsCertificates,
      existing: existingOption,
      region,
      subnetwork,
      proxyOnlySubnet: proxySubnetArgs,
      ...lbArgs
    } = args;
    // Which objects of the files other tools own: read from the cluster, not created.
    const existing = decideExistingObjects(existingOption, manifests);
    // The manifests' Namespaces, which the component creates first (other unread kinds are only warned about).
    const namespaceManifests = manifests.others.filter(
      (m) => m.object.kind === "Namespace" && m.object.apiVersion === "v1",
    );
    // What the API server would refuse of the objects registered as written, before anything is
    // (those read from the cluster are another tool's to write).
    const created = (m: Manifest) => !existing.workloads.has(m) && !existing.secrets.has(m);
    for (const m of [
      ...manifests.workloads,
      ...manifests.configMaps,
      ...manifests.secrets,
      ...namespaceManifests,
    ].filter(created)) {
      checkRegisteredObject(m);
    }
    const workloadSpecs = new Map(manifests.workloads.filter(created).map((m) => [m, workloadSpec(m)]));
    // Only GKE's own Ingresses are read further: another controller's may use what GKE refuses.
    const { ours, skipped } = ingressesByClass(manifests.ingresses);
    // Reads each Ingress's annotations with their lines first: a bad one is refused at its own line.
    const warnings = [...manifestWarnings(manifests, ours, skipped), ...existing.warnings];
    const ingresses = ours.map((m) => normalizeIngress(m.object, m.origin, m.lineOf));
    const services = manifests.services.map((m) => ({
      info: normalizeService(m.object, m.origin, m.lineOf),
      m,
    }));
    // 0.1.0 had no classes: it named load balancers counting every Ingress of the manifests.
    const groups = groupIngresses(
      name,
      ingresses,
      manifests.ingresses.map((m) => m.name),
    );
    // Read once, so every load balancer checks its certificates against the same time.
    const now = args.now ?? new Date();
    // Every load balancer sees the manifests' Secrets and the PEM ones; the Secrets are registered here, once.
    const https = {
      tlsSecrets: [
        ...manifests.secrets.map(secretSourceFromManifest),
        ...(tlsCertificates ?? []).map(secretSourceFromPem),
      ],
      clusterSecrets: [...existing.secretKeys],
      frontendConfigs: manifests.frontendConfigs,
      managedCertificateObjects: manifests.managedCertificates,
    };
    // BackendConfigs and the workloads' readiness probes, read once for every load balancer.
    const backendInputs = {
      backendConfigs: manifests.backendConfigs.map((m) => readBackendConfig(m.object, m.origin, m.lineOf)),
      workloads: manifests.workloads.map((m) => readPodTemplate(m.object, m.origin, m.lineOf)),
    };
    const iapSources = iapClientSources(
      backendInputs.backendConfigs,
      manifests.secrets,
      new Set(Object.keys(lbArgs.iapCredentials ?? {})),
      existing.secretKeys,
    );
    warnings.push(...iapSources.warnings);
    const iapCredentials = iapCredentialsFromFiles(iapSources, lbArgs.iapCredentials);
    const lbArgsOf = (group: LoadBalancerGroup) => ({
      ...lbArgs,
      now,
      ...https,
      ...backendInputs,
      iapCredentials,
      clusterIapSecrets: iapSources.fromCluster,
      ingresses: group.ingresses,
      // Every load balancer names a Service port's NEGs alike: after the component, which owns the Service.
      negScope: name,
    });
    // Decide every load balancer before registering anything, so a mistake plans nothing.
    const serviceInfos = services.map((s) => s.info);
    const models = groups.map((group) =>
      decideLoadBalancer(group.name, lbArgsOf(group), serviceInfos, {
        label: group.shortName,
        legacyName: group.regional ? undefined : group.legacyName,
        builtinServiceName: builtinServiceName(group),
      }),
    );
    checkBuiltinBackendNames(models, serviceInfos);
    // A regional load balancer needs its region, subnetwork and proxy-only subnet; global ones do not.
    checkRegionalArgs(models, {
      region,
      subnetwork,
      proxyOnlySubnet: proxySubnetArgs,
      instanceGroups: lbArgs.instanceGroups,
    });
    // New names that are other resources' 0.1.0 names would make their aliases claim the wrong URN.
    checkAliasCollisions([
      ...groups.map((group) => ({
        type: "IngressLoadBalancer",
        name: group.name,
        legacyName: group.legacyName,
        label: `the load balancer of Ingress ${group.ingresses.map((i) => `${i.namespace}/${i.name}`).join(", ")}`,
        origin: group.ingresses[0].origin,
      })),
      ...namespaceManifests.map((m) => ({
        type: "Namespace",
        name: objectLogicalName(name, undefined, m.name),
        legacyName: m.name,
        label: `Namespace ${m.name}`,
        origin: m.origin,
      })),
    ]);
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
      withAliasUrns({
        ...opts,
        transformations: [...(opts?.transformations ?? []), waitForNamespaces],
      }),
    );
    this.ingresses = ingresses;
    this.skippedIngresses = skipped;
    this.warnings = warnings;
    logWarnings(warnings, this);
    const child = { parent: this };
    // Kubernetes objects are named as yaml.ConfigFile names them with a resource prefix, aliased to 0.1.0's names.
    const registration = (namespace: string | undefined, objectName: string) => {
      const logical = objectLogicalName(name, namespace, objectName);
      const legacy = namespace === undefined ? objectName : `${namespace}-${objectName}`;
      return { logical, opts: aliasedOptions(child, logical, () => legacy) };
    };
    for (const m of namespaceManifests) {
      const { logical, opts } = registration(undefined, m.name);
      const namespace = new k8s.core.v1.Namespace(logical, { metadata: m.object.metadata }, opts);
      namespaces.set(m.name, namespace);
      this.namespaces.push(namespace);
    }
    // Services served through NEGs ask the NEG controller for them by name, and wait until it made them.
    const negs = negRequests(models);
    // Objects other tools own are read under names of their own (`clusterReadName`), never a created one's.
    const read = (key: string) => ({ logical: clusterReadName(name, key), opts: child });
    // Every Secret read from the cluster, once for every load balancer: those the files lack that a TLS
    // entry or an IAP BackendConfig names, and those another tool owns.
    const secretReads: Record<string, k8s.core.v1.Secret> = {};
    for (const key of new Set([
      ...models.flatMap((model) => (model.frontend.https?.clusterCertificates ?? []).map((c) => c.secret)),
      ...iapSources.fromCluster,
      ...existing.secretKeys,
    ])) {
      secretReads[key] = k8s.core.v1.Secret.get(read(key).logical, key, read(key).opts);
    }
    this.secretReads = secretReads;
    for (const { info, m } of services) {
      if (existing.services.has(m)) {
        const { logical, opts } = read(`${info.namespace}/${info.name}`);
        this.services.push(new ClusterService(info, logical, opts));
        continue;
      }
      const { logical, opts } = registration(info.namespace, info.name);
      const requests = negs.get(`${info.namespace}/${info.name}`);
      const annotations = requests ? negServiceAnnotations(info, requests) : undefined;
      this.services.push(new ManifestService(info, m.object, logical, opts, annotations));
    }
    for (const m of manifests.configMaps) {
      const { logical, opts } = registration(m.namespace, m.name);
      this.configMaps.push(
        new k8s.core.v1.ConfigMap(logical, { metadata: metadataOf(m), data: m.object.data as never }, opts),
      );
    }
    for (const m of manifests.secrets) {
      if (existing.secrets.has(m)) continue;
      const { logical, opts } = registration(m.namespace, m.name);
      this.secrets.push(kubernetesSecret(m, opts, logical));
    }
    for (const pem of tlsCertificates ?? []) {
      const { logical, opts } = registration(pem.namespace ?? "default", pem.secretName);
      this.secrets.push(kubernetesTlsSecret(pem, opts, logical));
    }
    for (const m of manifests.workloads) {
      const WorkloadClass = WORKLOAD_CLASSES[m.object.kind as WorkloadKind];
      if (existing.workloads.has(m)) {
        const { logical, opts } = read(`${m.namespace}/${m.name}`);
        this.workloads.push(WorkloadClass.get(logical, `${m.namespace}/${m.name}`, opts));
        continue;
      }
      const { logical, opts } = registration(m.namespace, m.name);
      this.workloads.push(
        new WorkloadClass(logical, { metadata: metadataOf(m), spec: workloadSpecs.get(m) as never }, opts),
      );
    }
    // One named port per instance group and Service port, whichever load balancers use it. Named after
    // the port's name (its number when the Service has one unnamed port): the API server keeps a
    // nodePort with its port's name, and two resources for one `port<NodePort>` would remove it from the
    // group when the old one goes.
    const portKey = (backend: BackendModel) => backend.servicePortName ?? String(backend.servicePort);
    this.namedPorts = new NamedPorts(
      lbArgs.instanceGroups.map((url) => pulumi.output(url).apply(parseInstanceGroupUrl)),
      (backend) =>
        gcpName(
          [name, backend.namespace, backend.service, `port-${portKey(backend)}`],
          BACKEND_NAME_MAX,
          true,
        ),
      child,
      lbArgs.project,
    );
    // One proxy-only subnet per region and network serves every regional load balancer of the component.
    const needsSubnet = models.some((m) => m.regional) && proxySubnetArgs && !proxySubnetArgs.exists;
    const subnet =
      needsSubnet && proxySubnetArgs && region !== undefined
        ? proxyOnlySubnet(
            gcpName([name, "proxy-only"], BACKEND_NAME_MAX),
            {
              project: lbArgs.project,
              region,
              network: lbArgs.network,
              ipCidrRange: proxySubnetArgs.ipCidrRange,
            },
            child,
          )
        : undefined;
    this.proxyOnlySubnet = subnet;
    groups.forEach((group, index) => {
      const groupArgs = {
        ...lbArgsOf(group),
        backends: this.services,
        clusterSecretReads: secretReads,
        namedPorts: this.namedPorts,
      };
      // The model decided above goes with these args, through a channel of the load balancer's module.
      if (models[index].regional) {
        this.regionalLoadBalancers.push(
          new RegionalIngressLoadBalancer(
            group.name,
            withDecidedModel(
              {
                ...groupArgs,
                region,
                subnetwork,
                proxyOnlySubnet: proxySubnetArgs,
                proxyOnlySubnetResource: subnet,
              },
              models[index],
            ),
            child,
          ),
        );
        return;
      }
      this.loadBalancers.push(
        new IngressLoadBalancer(
          group.name,
          withDecidedModel(groupArgs, models[index]),
          aliasedOptions(child, group.name, () => group.legacyName),
        ),
      );
    });
    this.ipAddresses = this.loadBalancers.map((lb) => lb.ipAddress);
    this.registerOutputs({
      ipAddresses: this.ipAddresses,
      // Only with regional load balancers: a global stack's outputs stay as they were.
      ...(this.regionalLoadBalancers.length > 0
        ? { regionalIpAddresses: this.regionalLoadBalancers.map((lb) => lb.ipAddress) }
        : {}),
    });
  }
}

/** The resource each workload kind is registered as (old API versions as their current one). */
const WORKLOAD_CLASSES = {
  Deployment: k8s.apps.v1.Deployment,
  StatefulSet: k8s.apps.v1.StatefulSet,
  DaemonSet: k8s.apps.v1.DaemonSet,
  ReplicaSet: k8s.apps.v1.ReplicaSet,
  ReplicationController: k8s.core.v1.ReplicationController,
  Pod: k8s.core.v1.Pod,
} satisfies Record<WorkloadKind, unknown>;

/**
 * Logical name of a Kubernetes object of the component `component`: `component-namespace/name`, or
 * `component-name` for a cluster-scoped object, as `yaml.ConfigFile` names objects under a resource prefix.
 */
export function objectLogicalName(component: string, namespace: string | undefined, name: string): string {
  return namespace === undefined ? `${component}-${name}` : `${component}-${namespace}/${name}`;
}

function metadataOf(m: Manifest) {
  return { ...m.object.metadata, namespace: m.namespace };
}
