import { IngressManifests } from "../components/ingress-manifests";
import { ExistingObjects, decideExistingObjects } from "../ingress/existing-objects";
import { Manifest, ManifestSet } from "../ingress/manifests";
import { normalizeService } from "../ingress/normalize";
import { NEG_ANNOTATION, NEG_STATUS_ANNOTATION } from "../ingress/neg-annotation";
import { NormalizedIngress } from "../ingress/types";
import { ExpiredCertificatePolicy } from "../tls/certificate";
import { checkClusterArgs, ClusterArgNames } from "../translate/cluster-args";
import { RegionalPlanArgs, regionalPlanArgs } from "./regional-placeholders";
import { LoadBalancerModel, LoadBalancingScheme, Warning } from "../translate/model";
import { recordPlan } from "./engine";
import { safeWarning } from "./render-plan";
import { Plan, PlannedResource, PlannedRoute } from "./types";

/** What the manifests cannot say: where the nodes are. Absent values get marked placeholders. */
export interface ClusterOptions {
  /** GCP project of the load balancer. */
  project?: string;
  /** Instance group URLs of the nodes. */
  instanceGroups?: string[];
  /** Zones of the nodes, when the instance group URLs are not known: one placeholder group per zone. */
  zones?: string[];
  /** Network tags of the nodes. */
  nodeTags?: string[];
  /** VPC network of the nodes. */
  network?: string;
  /** Load balancing scheme; `EXTERNAL` (classic, as GKE Ingress makes) by default. */
  scheme?: LoadBalancingScheme;
  /** Region of the cluster (regional classes). */
  region?: string;
  /** Subnetwork of the nodes (`gce-internal`). */
  subnetwork?: string;
  /** Range of the region's proxy-only subnet (regional classes). */
  proxyOnlySubnet?: string;
  /** The proxy-only subnet exists: none is created. */
  proxyOnlySubnetExists?: boolean;
  /**
   * ClusterIP Services without a `cloud.google.com/neg` annotation are served through NEGs (GKE's
   * default on VPC-native clusters). Default true.
   */
  negDefault?: boolean;
  /**
   * Name of the IngressManifests component, as the user's program gives it: every logical name (URN)
   * starts with it, so the plan's URNs are the stack's. Default `ingress-glb`.
   */
  name?: string;
  /** The time certificates are checked against. Default: the time of the run. */
  now?: Date;
  /**
   * What an expired certificate gives. Default `error`, unlike the components' `warn`: a plan is where
   * an expired certificate should stop you (exit 2), a deploy of an unrelated change is not.
   */
  expiredCertificate?: ExpiredCertificatePolicy;
  /** Objects of the files other tools own, read from the cluster instead of created (`--existing`). */
  existing?: ExistingObjects;
}

/** `ingress-glb plan`'s default: refuse an expired certificate, as before anything is deployed. */
export const PLAN_EXPIRED_CERTIFICATE_POLICY: ExpiredCertificatePolicy = "error";

/** The CLI flag of each cluster option, which errors name. */
export const CLUSTER_FLAGS: ClusterArgNames = {
  project: "--project",
  network: "--network",
  nodeTags: "--node-tag",
  instanceGroups: "--instance-group",
  zones: "--zone",
};

export const PLACEHOLDER_PROJECT = "placeholder-project";
export const PLACEHOLDER_ZONE = "us-central1-a";
export const PLACEHOLDER_NODE_TAG = "placeholder-node-tag";

/** A plan and the models behind it: the CLI's `plan`, `route` and the tests all start here. */
export interface ManifestPlan {
  plan: Plan;
  models: LoadBalancerModel[];
  /** The Ingresses as the component normalized them. */
  ingresses: NormalizedIngress[];
}

/** The name `ingress-glb plan` gives the IngressManifests component. */
export const PLAN_COMPONENT_NAME = "ingress-glb";

/**
 * Plans manifests offline: runs the IngressManifests component under the recording engine and adds the
 * routing table and warnings. A mistake in the manifests rejects with its InputError, nothing planned.
 */
export async function planManifests(
  manifests: ManifestSet,
  cluster: ClusterOptions = {},
): Promise<ManifestPlan> {
  // Empty lists mean "not given" here: placeholders stand in for them.
  checkClusterArgs(
    { ...cluster, nodeTags: cluster.nodeTags?.length ? cluster.nodeTags : undefined },
    CLUSTER_FLAGS,
  );
  // Checked here first, so a wrong entry names the CLI's flag rather than the component's argument.
  decideExistingObjects(cluster.existing, manifests, "--existing");
  const warnings: Warning[] = [];
  // Regional Ingresses need a region, subnetwork and proxy-only subnet: placeholders stand in for them too.
  const regional: RegionalPlanArgs = regionalPlanArgs(manifests, cluster, warnings);
  const project = cluster.project ?? PLACEHOLDER_PROJECT;
  let instanceGroups = cluster.instanceGroups;
  if (!instanceGroups || instanceGroups.length === 0) {
    const zones =
      cluster.zones && cluster.zones.length > 0
        ? cluster.zones
        : [cluster.region !== undefined ? `${cluster.region}-a` : PLACEHOLDER_ZONE];
    instanceGroups = zones.map(
      (zone) =>
        `https://www.googleapis.com/compute/v1/projects/${project}/zones/${zone}/instanceGroups/placeholder-nodes`,
    );
    warnings.push({
      code: "placeholder-instance-groups",
      message: `no instance groups given: planned with placeholders in ${zones.join(", ")} (--instance-group URL)`,
    });
  }
  const nodeTags =
    cluster.nodeTags && cluster.nodeTags.length > 0 ? cluster.nodeTags : [PLACEHOLDER_NODE_TAG];
  if (!cluster.nodeTags || cluster.nodeTags.length === 0) {
    warnings.push({
      code: "placeholder-node-tags",
      message: `no node network tags given: the firewall rule targets "${PLACEHOLDER_NODE_TAG}" (--node-tag TAG)`,
    });
  }

  // Where a read Service's NEGs are, offline: the zones given, else the instance groups'.
  const negZones =
    cluster.zones && cluster.zones.length > 0
      ? cluster.zones
      : [...new Set(instanceGroups.map((url) => /\/zones\/([^/]+)\//.exec(url)?.[1] ?? PLACEHOLDER_ZONE))];

  let loadBalancers: { model: LoadBalancerModel }[] = [];
  let ingresses: NormalizedIngress[] = [];
  const run = await recordPlan(
    () => {
      const component = new IngressManifests(cluster.name ?? PLAN_COMPONENT_NAME, {
        manifests,
        project: cluster.project,
        instanceGroups,
        nodeTags,
        network: cluster.network,
        ...regional,
        scheme: cluster.scheme,
        negDefault: cluster.negDefault,
        // NEGs are made in the zones given, else in the instance groups' zones.
        ...(cluster.zones && cluster.zones.length > 0 ? { zones: cluster.zones } : {}),
        now: cluster.now,
        expiredCertificate: cluster.expiredCertificate ?? PLAN_EXPIRED_CERTIFICATE_POLICY,
        existing: cluster.existing,
      });
      loadBalancers = [...component.loadBalancers, ...component.regionalLoadBalancers];
      ingresses = component.ingresses;
      warnings.unshift(...component.warnings);
    },
    {
      config: cluster.project ? { "gcp:project": cluster.project } : {},
      readState: (type, id) => offlineClusterObject(manifests, type, id, negZones),
    },
  );
  const models = loadBalancers.map((lb) => lb.model);
  for (const model of models) warnings.push(...model.warnings);
  return {
    plan: {
      resources: run.resources,
      routes: models.flatMap((model) => routesOf(model, run.resources)),
      warnings: warnings.map(safeWarning),
      placeholders: run.placeholders,
    },
    models,
    ingresses,
  };
}

/**
 * What a read finds in the offline cluster: a Service as its manifest describes it (the placeholder table
 * then gives its unset nodePorts), so the load balancer's nodePorts are the read's. Nothing else: a read
 * Secret's data is a placeholder, never the files' content.
 */
export function offlineClusterObject(
  manifests: ManifestSet,
  type: string,
  id: string,
  zones: readonly string[] = [PLACEHOLDER_ZONE],
): Record<string, unknown> | undefined {
  if (type !== "kubernetes:core/v1:Service") return undefined;
  const m = manifests.services.find((s) => `${s.namespace}/${s.name}` === id);
  if (!m) return undefined;
  const metadata = { ...m.object.metadata, namespace: m.namespace };
  const status = negStatusStandIn(m, zones);
  if (status === undefined) return { metadata, spec: m.object.spec };
  return {
    metadata: { ...metadata, annotations: { ...metadata.annotations, [NEG_STATUS_ANNOTATION]: status } },
    spec: m.object.spec,
  };
}

/**
 * The NEG controller's status a read Service would carry, offline: a stand-in NEG per Service port
 * (`placeholder-neg-<port>`, or the name its annotation asks for) in the plan's zones. Only for Services
 * that ask for NEGs or are ClusterIP (the cluster then decides; the plan assumes NEGs).
 */
function negStatusStandIn(m: Manifest, zones: readonly string[]): string | undefined {
  const spec = (m.object.spec ?? {}) as { type?: string };
  const annotations = (m.object.metadata?.annotations ?? {}) as Record<string, string>;
  if (annotations[NEG_ANNOTATION] === undefined && (spec.type ?? "ClusterIP") !== "ClusterIP")
    return undefined;
  // The annotation as the component read it (checked there already): the names it asks for.
  const { ports, neg } = normalizeService(m.object, m.origin, m.lineOf);
  const groups: Record<string, string> = {};
  for (const { port } of ports) {
    groups[String(port)] = neg?.exposedPorts.get(port)?.name ?? `placeholder-neg-${port}`;
  }
  return JSON.stringify({ network_endpoint_groups: groups, zones });
}

/** The plan's routing table: every GCE path rule, with the backend service that serves it. */
export function routesOf(model: LoadBalancerModel, resources: PlannedResource[]): PlannedRoute[] {
  const byKey = new Map(model.backends.map((b) => [b.key, b]));
  // One lookup table per call: a route per path rule against every resource would be quadratic.
  const urns = backendServiceUrns(resources);
  return model.routes.map((route) => {
    const backend = byKey.get(route.backend);
    if (!backend) throw new Error(`route to unknown backend ${route.backend}`);
    return {
      host: route.host,
      path: route.path,
      service: backend.builtinDefault ? null : backend.service,
      namespace: backend.builtinDefault ? null : backend.namespace,
      port: backend.builtinDefault ? null : backend.servicePort,
      backendService: backendServiceUrn(backend.name, resources, urns),
    };
  });
}

export function backendServiceUrn(
  name: string,
  resources: PlannedResource[],
  urns: Map<string, string> = backendServiceUrns(resources),
): string {
  const found = urns.get(name);
  if (!found) throw new Error(`no backend service ${name} was registered`);
  return found;
}

const BACKEND_SERVICE_TYPES = [
  "gcp:compute/backendService:BackendService",
  "gcp:compute/regionBackendService:RegionBackendService",
];

/** Backend service URNs by logical name; the first registered wins, as a search in order would find. */
function backendServiceUrns(resources: PlannedResource[]): Map<string, string> {
  const urns = new Map<string, string>();
  for (const r of resources) {
    if (BACKEND_SERVICE_TYPES.includes(r.type) && !urns.has(r.name)) urns.set(r.name, r.urn);
  }
  return urns;
}
