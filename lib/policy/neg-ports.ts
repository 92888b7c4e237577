import { NEG_ANNOTATION } from "../ingress/neg-annotation";
import { isUnknown, PolicySubject } from "./subject";

const BACKEND_SERVICE = "gcp:compute/backendService:BackendService";
const SERVICE = "kubernetes:core/v1:Service";
/** Kinds whose Pods a Service may select: where a named targetPort is declared. */
const WORKLOADS = [
  "kubernetes:apps/v1:Deployment",
  "kubernetes:apps/v1:StatefulSet",
  "kubernetes:apps/v1:DaemonSet",
  "kubernetes:apps/v1:ReplicaSet",
  "kubernetes:core/v1:ReplicationController",
];
const POD = "kubernetes:core/v1:Pod";

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The Pods' ports the stack's NEG backends send to (container-native load balancing reaches endpoints,
 * not nodePorts): for every NEG a backend service names, the targetPort of the Service port whose
 * `cloud.google.com/neg` asks for a NEG of that name, a named one read from the Pods the Service
 * selects. `unknown` when a backend's groups are not known yet.
 */
export function negEndpointPorts(resources: readonly PolicySubject[]): { ports: number[]; unknown: boolean } {
  let unknown = false;
  const used = new Set<string>();
  for (const service of resources.filter((r) => r.type === BACKEND_SERVICE && !r.read)) {
    const backends = service.props.backends;
    if (isUnknown(backends)) {
      unknown = true;
      continue;
    }
    for (const backend of arr(backends)) {
      const group = obj(backend).group;
      if (isUnknown(group)) unknown = true;
      const match = typeof group === "string" ? /\/networkEndpointGroups\/([^/]+)$/.exec(group) : null;
      if (match) used.add(match[1]);
    }
  }
  const ports: number[] = [];
  if (used.size === 0) return { ports, unknown };
  for (const service of resources.filter((r) => r.type === SERVICE)) {
    const metadata = obj(service.props.metadata);
    const spec = obj(service.props.spec);
    const exposed = exposedPorts(obj(metadata.annotations)[NEG_ANNOTATION]);
    for (const [port, name] of exposed) {
      if (!used.has(name)) continue;
      const entry = arr(spec.ports)
        .map(obj)
        .find((p) => p.port === port);
      if (!entry) continue;
      const target = entry.targetPort ?? port;
      if (typeof target === "number") ports.push(target);
      else if (typeof target === "string") {
        const found = namedContainerPort(resources, metadata.namespace, obj(spec.selector), target);
        if (found !== undefined) ports.push(found);
      }
    }
  }
  return { ports, unknown };
}

/** `exposed_ports` entries with a name, as (Service port, NEG name); nothing when the annotation is not readable. */
function exposedPorts(annotation: unknown): [number, string][] {
  if (typeof annotation !== "string") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch {
    return [];
  }
  return Object.entries(obj(obj(parsed).exposed_ports)).flatMap(([port, attrs]) => {
    const name = obj(attrs).name;
    return typeof name === "string" && name !== "" ? [[Number(port), name] as [number, string]] : [];
  });
}

function namedContainerPort(
  resources: readonly PolicySubject[],
  namespace: unknown,
  selector: Obj,
  portName: string,
): number | undefined {
  const wanted = Object.entries(selector);
  if (wanted.length === 0) return undefined;
  for (const r of resources) {
    const isPod = r.type === POD;
    if (!isPod && !WORKLOADS.includes(r.type)) continue;
    if ((obj(r.props.metadata).namespace ?? "default") !== (namespace ?? "default")) continue;
    const template = isPod ? r.props : obj(obj(r.props.spec).template);
    const labels = obj(obj(template.metadata).labels);
    if (!wanted.every(([key, value]) => labels[key] === value)) continue;
    for (const container of arr(obj(template.spec).containers)) {
      const port = arr(obj(container).ports)
        .map(obj)
        .find((p) => p.name === portName);
      if (typeof port?.containerPort === "number") return port.containerPort;
    }
  }
  return undefined;
}
