import { InputError, Origin } from "../errors";
import { NEG_ANNOTATION, NEG_STATUS_ANNOTATION } from "../ingress/neg-annotation";
import { PodTemplateInfo } from "../ingress/pod-template";
import { ServiceInfo, ServicePortInfo } from "../ingress/types";
import { BackendOptions } from "./backend-options";
import { BackendModel, NegBackendModel, Warning } from "./model";
import { GCP_NAME_MAX, gcpName } from "./names";

/** Service types whose ports have a nodePort, which instance-group backends need. */
const NODE_PORT_TYPES = ["NodePort", "LoadBalancer"];

/** What decides whether a Service port is served through NEGs, beyond the Service itself. */
export interface NegChoice {
  /**
   * The cluster fact: ClusterIP Services without a `cloud.google.com/neg` annotation are served through
   * NEGs, Google's documented default on VPC-native clusters.
   */
  negDefault: boolean;
  /** What derived NEG names start with: the component owning the Services, so every load balancer agrees. */
  scope: string;
  /** Pod templates, to resolve a named targetPort to the number the firewall opens. */
  workloads?: readonly PodTemplateInfo[];
}

/**
 * Whether a backend's Service port is served through NEGs, and how, as GKE decides it: the annotation's
 * `"ingress": true` or an `exposed_ports` entry for the port; with no annotation, a ClusterIP Service
 * when the cluster defaults to NEGs. A NodePort (or LoadBalancer) Service otherwise keeps its instance
 * groups. Anything else is refused, naming the Service and the way out.
 */
export function negBackend(
  service: ServiceInfo,
  port: ServicePortInfo,
  refOrigin: Origin,
  choice: NegChoice,
  warnings: Warning[],
): NegBackendModel | undefined {
  const neg = service.neg;
  const served = neg
    ? neg.ingress || neg.exposedPorts.has(port.port)
    : service.type === "ClusterIP" && choice.negDefault;
  if (!served) {
    if (NODE_PORT_TYPES.includes(service.type)) return undefined;
    throw new InputError(
      `Service "${service.namespace}/${service.name}" is of type ${service.type} and not served through network endpoint groups (${clusterIpReason(service)}); instance-group backends reach Services through their nodePorts`,
      refOrigin,
      neg
        ? `add "ingress": true to its ${NEG_ANNOTATION} annotation (VPC-native cluster), or set spec.type: NodePort on the Service`
        : `annotate it ${NEG_ANNOTATION}: '{"ingress": true}' (VPC-native cluster), or set spec.type: NodePort on the Service`,
    );
  }
  const asked = neg?.exposedPorts.get(port.port)?.name;
  const targetPort = resolveTargetPort(service, port, choice.workloads ?? []);
  if (targetPort === undefined) {
    warnings.push({
      code: "neg-target-port-unresolved",
      message: `Service ${service.namespace}/${service.name} port ${port.port} targets the container port named "${String(port.targetPort)}", which no workload among the manifests declares: the firewall rule cannot open it (write targetPort as a number)`,
      origin: service.origin,
    });
  }
  return {
    name: asked ?? negName(choice.scope, service, port),
    nameSource: asked !== undefined ? "annotation" : "derived",
    ...(targetPort !== undefined ? { targetPort } : {}),
  };
}

function clusterIpReason(service: ServiceInfo): string {
  if (service.neg) return `its ${NEG_ANNOTATION} annotation does not ask for them for this port`;
  if (service.type !== "ClusterIP") return `only ClusterIP Services default to them`;
  // A ClusterIP Service without annotation is refused only when the cluster does not default to NEGs.
  return "negDefault is off: the cluster is said not to serve ClusterIP Services through NEGs by default";
}

/**
 * The stable name of the NEGs of one Service port: the same in every zone and for every load balancer
 * of the component, with a hash of the identity so that names cut to GCP's 63 characters stay distinct.
 */
export function negName(scope: string, service: ServiceInfo, port: ServicePortInfo): string {
  return gcpName([scope, service.namespace, service.name, String(port.port)], GCP_NAME_MAX, true);
}

/** The targetPort as a number: as written, or the named container port of the Pods the Service selects. */
function resolveTargetPort(
  service: ServiceInfo,
  port: ServicePortInfo,
  workloads: readonly PodTemplateInfo[],
): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const selector = Object.entries(service.selector ?? {});
  if (selector.length === 0) return undefined;
  for (const template of workloads) {
    if (template.namespace !== service.namespace) continue;
    if (!selector.every(([key, value]) => template.labels[key] === value)) continue;
    for (const container of template.containers) {
      const found = container.ports.find((p) => p.name === target);
      if (found) return found.containerPort;
    }
  }
  return undefined;
}

/** pulumi-kubernetes' await annotations (`pulumi.com/waitFor` replaces the Service's own readiness check). */
export const WAIT_FOR_ANNOTATION = "pulumi.com/waitFor";
export const TIMEOUT_ANNOTATION = "pulumi.com/timeoutSeconds";
/** How long `pulumi up` waits for the NEG controller, unless the Service says otherwise: pulumi-kubernetes' default. */
export const NEG_WAIT_SECONDS = 600;

/**
 * The annotations a NEG-backed Service is registered with, over the ones written: its
 * `cloud.google.com/neg` with an `exposed_ports` entry naming the NEGs of each port (a name the user gave
 * stays; every other key is kept), and the wait for the NEG controller's `cloud.google.com/neg-status`,
 * unless the Service already says how to wait.
 */
export function negServiceAnnotations(
  service: ServiceInfo,
  ports: readonly { port: number; name: string }[],
): Record<string, string> {
  const written = service.neg?.written ?? {};
  const exposed = { ...((written.exposed_ports as Record<string, Record<string, unknown>>) ?? {}) };
  for (const { port, name } of [...ports].sort((a, b) => a.port - b.port)) {
    const attributes = exposed[String(port)] ?? {};
    exposed[String(port)] = { ...attributes, name: (attributes.name as string) || name };
  }
  const annotations: Record<string, string> = {
    [NEG_ANNOTATION]: JSON.stringify({ ...written, exposed_ports: exposed }),
  };
  if (service.annotations[WAIT_FOR_ANNOTATION] === undefined) {
    annotations[WAIT_FOR_ANNOTATION] = `jsonpath={.metadata.annotations['${NEG_STATUS_ANNOTATION}']}`;
    if (service.annotations[TIMEOUT_ANNOTATION] === undefined) {
      annotations[TIMEOUT_ANNOTATION] = String(NEG_WAIT_SECONDS);
    }
  }
  return annotations;
}

/**
 * The NEGs each Service port must be asked for, by Service (`namespace/name`), across every load
 * balancer's model: one entry per port, whichever load balancers serve it.
 */
export function negRequests(
  models: readonly { backends: readonly BackendModel[] }[],
): Map<string, { port: number; name: string }[]> {
  const requests = new Map<string, Map<number, string>>();
  for (const model of models) {
    for (const backend of model.backends) {
      if (!backend.neg) continue;
      const key = `${backend.namespace}/${backend.service}`;
      const ports = requests.get(key) ?? new Map<number, string>();
      requests.set(key, ports);
      ports.set(backend.servicePort, backend.neg.name);
    }
  }
  return new Map(
    [...requests].map(([key, ports]) => [key, [...ports].map(([port, name]) => ({ port, name }))]),
  );
}

/**
 * The typed `balancing` option speaks of instances (UTILIZATION, max rate per instance): a NEG backend
 * is balanced RATE per endpoint, as GKE sets it, so asking otherwise is refused rather than ignored.
 */
export function checkNegBalancing(key: string, options: BackendOptions | undefined): void {
  const balancing = options?.balancing;
  if (!balancing) return;
  throw new InputError(
    `backend ${key} is served through network endpoint groups, balanced RATE per endpoint as GKE does; balancing ${balancing.mode} is for instance groups`,
    { field: `backendOptions["${key}"].balancing` },
    "drop balancing, or serve the Service through instance groups (NodePort, no NEG annotation)",
  );
}

/**
 * A NEG backend whose name ingress-glb derived needs its Service registered with the request for it
 * (`negServiceAnnotations`), or GKE makes no NEG of that name and the backend service names nothing.
 * `requests(serviceKey)` says whether the Service's registration carries it (IngressManifests' do).
 */
export function checkNegRequested(
  backends: readonly BackendModel[],
  requests: (serviceKey: string) => boolean,
): void {
  for (const backend of backends) {
    if (backend.neg?.nameSource !== "derived") continue;
    if (requests(`${backend.namespace}/${backend.service}`)) continue;
    throw new InputError(
      `backend ${backend.key} is served through network endpoint groups, but nothing asks GKE for them: its Service is not registered by IngressManifests`,
      {
        object: `Service/${backend.namespace}/${backend.service}`,
        field: `metadata.annotations["${NEG_ANNOTATION}"]`,
      },
      `register the Service with negServiceAnnotations(...) (its exposed_ports name "${backend.neg.name}", and the wait), or let IngressManifests register it`,
    );
  }
}
