import { Origin } from "../errors";
import { quote } from "../quote";
import { checkObjectName, portNameProblem } from "./api-validation";
import { NEG_ANNOTATION, readNegAnnotation } from "./neg-annotation";
import {
  checkApiVersion,
  checkKubeObject,
  FieldPath,
  FieldReader,
  KubeObject,
  LineLocator,
  namespaceOf,
  objectLabel,
} from "./kube-object";
import {
  IngressPath,
  IngressRule,
  IngressTls,
  NormalizedIngress,
  PATH_TYPES,
  PathType,
  ServiceBackendRef,
  ServiceInfo,
  ServicePortInfo,
} from "./types";

export const INGRESS_API_VERSIONS = [
  "networking.k8s.io/v1",
  "networking.k8s.io/v1beta1",
  "extensions/v1beta1",
] as const;
export const SERVICE_TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] as const;
export const SERVICE_PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;

const MAX_PORT = 65535;

/** Which shape of backend an Ingress uses: v1 `service: {name, port}` or v1beta1 `serviceName`/`servicePort`. */
type Dialect = "v1" | "v1beta1";

/**
 * Turns an Ingress of any supported apiVersion into the v1-shaped `NormalizedIngress`. Only types and shapes
 * are checked here; what paths and hosts mean is the translation's business. `origin` carries the file and
 * line of the object; `lineOf` (from `Manifest.lineOf`) lets errors name the line of the field.
 */
export function normalizeIngress(obj: unknown, origin: Origin = {}, lineOf?: LineLocator): NormalizedIngress {
  const object = checkKubeObject(obj, origin, lineOf);
  const namespace = namespaceOf(object);
  const self: Origin = { ...origin, object: objectLabel(object.kind, namespace, object.metadata.name) };
  const r: FieldReader = new FieldReader(self, lineOf);
  if (object.kind !== "Ingress") r.fail(["kind"], `expected an Ingress, found ${object.kind}`);
  checkApiVersion(object, INGRESS_API_VERSIONS, self, lineOf);
  const dialect: Dialect = object.apiVersion === "networking.k8s.io/v1" ? "v1" : "v1beta1";
  checkObjectName("Ingress", object.metadata.name, self, lineOf);

  const spec = r.record(object.spec, ["spec"]) ?? r.fail(["spec"], "missing spec");
  const defaultField = dialect === "v1" ? "defaultBackend" : "backend";
  const otherField = dialect === "v1" ? "backend" : "defaultBackend";
  if (spec[otherField] !== undefined && spec[otherField] !== null) {
    r.fail(
      ["spec", otherField],
      `${object.apiVersion} has no spec.${otherField}`,
      `did you mean "spec.${defaultField}"?`,
    );
  }
  const defaultBackend =
    spec[defaultField] === undefined || spec[defaultField] === null
      ? undefined
      : readBackend(r, spec[defaultField], ["spec", defaultField], dialect);

  const rules = (r.array(spec.rules, ["spec", "rules"]) ?? []).map((rule, i) =>
    readRule(r, rule, ["spec", "rules", i], dialect),
  );
  if (!defaultBackend && rules.length === 0) {
    r.fail(["spec"], `an Ingress needs spec.${defaultField} or spec.rules`);
  }
  const tls = (r.array(spec.tls, ["spec", "tls"]) ?? []).map((entry, i) =>
    readTls(r, entry, ["spec", "tls", i]),
  );

  return {
    name: object.metadata.name,
    namespace,
    annotations: { ...(object.metadata.annotations ?? {}) },
    ...(defaultBackend ? { defaultBackend } : {}),
    rules,
    tls,
    origin: self,
  };
}

function readRule(r: FieldReader, value: unknown, at: FieldPath, dialect: Dialect): IngressRule {
  const rule = r.record(value, at) ?? r.fail(at, "must be a mapping, found nothing");
  // An empty host means "every host", as in Kubernetes.
  const host = r.string(rule.host, [...at, "host"]) || undefined;
  // A rule with a host and no http is valid Kubernetes that routes nothing.
  const http = r.record(rule.http, [...at, "http"]);
  const rawPaths = http ? (r.array(http.paths, [...at, "http", "paths"]) ?? []) : [];
  // The API server requires at least one path under http.
  if (http && rawPaths.length === 0) {
    r.fail(
      [...at, "http", "paths"],
      "must list at least one path",
      `remove ${formatFieldLeaf(at)}.http, or add a path`,
    );
  }
  const paths = rawPaths.map((entry, j) => readPath(r, entry, [...at, "http", "paths", j], dialect));
  return {
    ...(host !== undefined ? { host } : {}),
    paths,
    origin: r.at(host !== undefined ? [...at, "host"] : at),
  };
}

function readPath(r: FieldReader, value: unknown, at: FieldPath, dialect: Dialect): IngressPath {
  const entry = r.record(value, at) ?? r.fail(at, "must be a mapping, found nothing");
  const path = r.string(entry.path, [...at, "path"]) ?? "";
  // v1 requires a pathType; before v1 there was none, and GKE reads its absence as ImplementationSpecific.
  const given = r.oneOf(entry.pathType, [...at, "pathType"], PATH_TYPES);
  const pathType: PathType = given ?? "ImplementationSpecific";
  if (entry.backend === undefined || entry.backend === null) {
    r.fail([...at, "backend"], "missing backend", backendHint(dialect));
  }
  const backend = readBackend(r, entry.backend, [...at, "backend"], dialect);
  // Checked after the backend, so a path broken in several ways names its backend first, as it reads.
  if (given === undefined && dialect === "v1") {
    r.fail(
      [...at, "pathType"],
      "networking.k8s.io/v1 requires a pathType",
      `one of ${PATH_TYPES.join(", ")}`,
    );
  }
  return { path, pathType, backend, origin: r.at([...at, "path"]) };
}

function readTls(r: FieldReader, value: unknown, at: FieldPath): IngressTls {
  const entry = r.record(value, at) ?? r.fail(at, "must be a mapping, found nothing");
  const hosts = (r.array(entry.hosts, [...at, "hosts"]) ?? []).map(
    (host, i) =>
      r.string(host, [...at, "hosts", i]) ?? r.fail([...at, "hosts", i], "must be a string, found nothing"),
  );
  const secretName = r.string(entry.secretName, [...at, "secretName"]) || undefined;
  return {
    hosts,
    ...(secretName !== undefined ? { secretName } : {}),
    origin: r.at(secretName !== undefined ? [...at, "secretName"] : at),
  };
}

function backendHint(dialect: Dialect): string {
  return dialect === "v1"
    ? "networking.k8s.io/v1 writes backend: {service: {name, port: {number}}}"
    : "this apiVersion writes backend: {serviceName, servicePort}";
}

function readBackend(r: FieldReader, value: unknown, at: FieldPath, dialect: Dialect): ServiceBackendRef {
  const backend = r.record(value, at) ?? r.fail(at, "missing backend", backendHint(dialect));
  if (backend.resource !== undefined && backend.resource !== null) {
    r.fail(
      [...at, "resource"],
      "resource backends are not supported: a Google Cloud load balancer sends traffic to Services only",
      "use service instead",
    );
  }
  return dialect === "v1" ? readV1Backend(r, backend, at) : readV1beta1Backend(r, backend, at);
}

function readV1Backend(r: FieldReader, backend: Record<string, unknown>, at: FieldPath): ServiceBackendRef {
  if (backend.serviceName !== undefined || backend.servicePort !== undefined) {
    const field = backend.serviceName !== undefined ? "serviceName" : "servicePort";
    r.fail([...at, field], `${field} is the extensions/v1beta1 form`, backendHint("v1"));
  }
  const servicePath = [...at, "service"];
  const service =
    r.record(backend.service, servicePath) ?? r.fail(servicePath, "missing service", backendHint("v1"));
  const name = r.string(service.name, [...servicePath, "name"]);
  if (!name) r.fail([...servicePath, "name"], "missing service name");
  const portPath = [...servicePath, "port"];
  const port =
    r.record(service.port, portPath) ??
    r.fail(portPath, "missing service port", "set port.number or port.name");
  const hasNumber = port.number !== undefined && port.number !== null;
  const hasName = port.name !== undefined && port.name !== null;
  if (hasNumber && hasName) r.fail(portPath, "port sets both number and name", "set only one of them");
  if (!hasNumber && !hasName)
    r.fail(portPath, "port has neither number nor name", "set port.number or port.name");
  const portField = [...portPath, hasNumber ? "number" : "name"];
  const portRef = hasNumber
    ? r.integer(port.number, portField, 1, MAX_PORT)!
    : readPortName(r, port.name, portField);
  return {
    service: name,
    port: portRef,
    origin: r.at(at),
    serviceOrigin: r.at([...servicePath, "name"]),
    portOrigin: r.at(portField),
  };
}

function readV1beta1Backend(
  r: FieldReader,
  backend: Record<string, unknown>,
  at: FieldPath,
): ServiceBackendRef {
  if (backend.service !== undefined) {
    r.fail([...at, "service"], "service is the networking.k8s.io/v1 form", backendHint("v1beta1"));
  }
  const name = r.string(backend.serviceName, [...at, "serviceName"]);
  if (!name) r.fail([...at, "serviceName"], "missing serviceName");
  const portPath = [...at, "servicePort"];
  const raw = backend.servicePort;
  if (raw === undefined || raw === null)
    r.fail(portPath, "missing servicePort", "a port number or a port name");
  const port =
    typeof raw === "number" ? r.integer(raw, portPath, 1, MAX_PORT)! : readPortName(r, raw, portPath);
  return {
    service: name,
    port,
    origin: r.at(at),
    serviceOrigin: r.at([...at, "serviceName"]),
    portOrigin: r.at(portPath),
  };
}

/** A named port; a quoted number is a mistake Kubernetes refuses too. */
function readPortName(r: FieldReader, value: unknown, at: FieldPath): string {
  if (typeof value === "string" && /^\d+$/.test(value)) {
    r.fail(at, `port name ${quote(value)} is a number in quotes`, `write it without quotes: ${value}`);
  }
  const name = r.string(value, at);
  if (!name) r.fail(at, "must not be empty");
  return name;
}

/**
 * What the translation needs of a Service, with the API server's defaults filled in (type ClusterIP,
 * protocol TCP, targetPort = port).
 */
export function normalizeService(obj: unknown, origin: Origin = {}, lineOf?: LineLocator): ServiceInfo {
  const object: KubeObject = checkKubeObject(obj, origin, lineOf);
  const namespace = namespaceOf(object);
  const self: Origin = { ...origin, object: objectLabel(object.kind, namespace, object.metadata.name) };
  const r: FieldReader = new FieldReader(self, lineOf);
  if (object.kind !== "Service") r.fail(["kind"], `expected a Service, found ${object.kind}`);
  checkApiVersion(object, ["v1"], self, lineOf);
  checkObjectName("Service", object.metadata.name, self, lineOf);

  const spec = r.record(object.spec, ["spec"]) ?? r.fail(["spec"], "missing spec");
  const type = r.oneOf(spec.type, ["spec", "type"], SERVICE_TYPES) ?? "ClusterIP";
  const rawPorts = r.array(spec.ports, ["spec", "ports"]);
  // Headless and ExternalName Services may have no ports; any other Service needs one.
  const portless = type === "ExternalName" || spec.clusterIP === "None";
  if ((rawPorts === undefined || rawPorts.length === 0) && !portless) {
    r.fail(["spec", "ports"], "missing spec.ports", "a Service needs at least one port");
  }
  const ports = (rawPorts ?? []).map((port, i) => readServicePort(r, port, ["spec", "ports", i]));
  checkServicePorts(r, ports);
  const selector = r.stringMap(spec.selector, ["spec", "selector"]);
  const annotations: Record<string, string> = { ...(object.metadata.annotations ?? {}) };
  const neg = readNegAnnotation(annotations[NEG_ANNOTATION], ports, (problem, hint) =>
    r.fail(["metadata", "annotations", NEG_ANNOTATION], problem, hint),
  );

  return {
    name: object.metadata.name,
    namespace,
    type,
    ports,
    annotations,
    ...(selector ? { selector: { ...selector } } : {}),
    ...(neg ? { neg } : {}),
    origin: self,
  };
}

function readServicePort(r: FieldReader, value: unknown, at: FieldPath): ServicePortInfo {
  const entry = r.record(value, at) ?? r.fail(at, "must be a mapping, found nothing");
  const name = r.string(entry.name, [...at, "name"]) || undefined;
  const port = r.integer(entry.port, [...at, "port"], 1, MAX_PORT);
  if (port === undefined) r.fail([...at, "port"], "missing port");
  const targetPort =
    entry.targetPort === undefined || entry.targetPort === null
      ? port
      : typeof entry.targetPort === "number"
        ? r.integer(entry.targetPort, [...at, "targetPort"], 1, MAX_PORT)!
        : readPortName(r, entry.targetPort, [...at, "targetPort"]);
  const nodePort = r.integer(entry.nodePort, [...at, "nodePort"], 1, MAX_PORT);
  const protocol = r.oneOf(entry.protocol, [...at, "protocol"], SERVICE_PROTOCOLS) ?? "TCP";
  return {
    ...(name !== undefined ? { name } : {}),
    port,
    targetPort,
    ...(nodePort !== undefined ? { nodePort } : {}),
    protocol,
  };
}

/** The API server's rules for a Service's ports: named when several, names and (port, protocol) unique. */
function checkServicePorts(r: FieldReader, ports: ServicePortInfo[]): void {
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  ports.forEach((port, i) => {
    const at = ["spec", "ports", i];
    if (port.name === undefined) {
      if (ports.length > 1) r.fail([...at, "name"], "a Service with several ports must name each of them");
    } else {
      const problem = portNameProblem(port.name);
      if (problem) r.fail([...at, "name"], `port name ${JSON.stringify(port.name)} ${problem}`);
      const first = names.get(port.name);
      if (first !== undefined)
        r.fail([...at, "name"], `port name ${JSON.stringify(port.name)} is also spec.ports[${first}]'s`);
      names.set(port.name, i);
    }
    const key = `${port.port}/${port.protocol}`;
    const same = numbers.get(key);
    if (same !== undefined) r.fail([...at, "port"], `port ${key} is also spec.ports[${same}]'s`);
    numbers.set(key, i);
    // The API server's default service-node-port-range.
    if (port.nodePort !== undefined && (port.nodePort < 30000 || port.nodePort > 32767)) {
      r.fail(
        [...at, "nodePort"],
        `nodePort ${port.nodePort} is outside the cluster's default range 30000-32767`,
      );
    }
  });
}

/** `spec.rules[2]` for the hint. */
function formatFieldLeaf(at: FieldPath): string {
  return at
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join("");
}
