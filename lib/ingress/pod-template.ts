import { Origin } from "../errors";
import {
  checkKubeObject,
  FieldPath,
  FieldReader,
  LineLocator,
  namespaceOf,
  objectLabel,
} from "./kube-object";

/** An HTTP GET probe, as the health check rules need it. */
export interface HttpGetProbe {
  /** As written; GKE adds a leading `/` when it is missing. */
  path?: string;
  /** Container port number or name. */
  port: number | string;
  /** `httpGet.host`: a probe that sets it is not used by GKE. */
  host?: string;
  /** `HTTP` when absent. */
  scheme?: string;
  httpHeaders: { name: string; value: string }[];
}

export interface ProbeInfo {
  httpGet?: HttpGetProbe;
  /** The probe's handler when it is not httpGet (`exec`, `tcpSocket`, `grpc`). */
  otherHandler?: string;
  periodSeconds?: number;
  timeoutSeconds?: number;
  /** The probe's field, e.g. `spec.template.spec.containers[0].readinessProbe`. */
  origin: Origin;
}

export interface ContainerInfo {
  name: string;
  ports: { name?: string; containerPort: number }[];
  readinessProbe?: ProbeInfo;
}

/** The pods a workload runs: what GKE looks at to derive a health check from a readiness probe. */
export interface PodTemplateInfo {
  /** The workload, e.g. `Deployment`. */
  kind: string;
  name: string;
  namespace: string;
  /** Labels of the pod template, which a Service's selector matches. */
  labels: Record<string, string>;
  containers: ContainerInfo[];
  origin: Origin;
}

/**
 * Reads the pod template of a Deployment (or any workload with `spec.template`), checking the types of the
 * fields the health check rules read and nothing else.
 */
export function readPodTemplate(obj: unknown, origin: Origin = {}, lineOf?: LineLocator): PodTemplateInfo {
  const object = checkKubeObject(obj, origin, lineOf);
  const namespace = namespaceOf(object);
  const self: Origin = { ...origin, object: objectLabel(object.kind, namespace, object.metadata.name) };
  const r: FieldReader = new FieldReader(self, lineOf);
  // A bare Pod is its own template; every other workload needs a spec with a pod template.
  const pod = object.kind === "Pod";
  const spec =
    r.record(object.spec, ["spec"]) ??
    r.fail(["spec"], `missing spec`, pod ? "a Pod needs spec.containers" : "a workload needs spec.template");
  const templateAt: FieldPath = pod ? [] : ["spec", "template"];
  const template = pod
    ? { metadata: object.metadata, spec }
    : (r.record(spec.template, templateAt) ?? r.fail(templateAt, "missing spec.template"));
  const metadata = r.record(template.metadata, [...templateAt, "metadata"]) ?? {};
  const labels = r.stringMap(metadata.labels, [...templateAt, "metadata", "labels"]) ?? {};
  const podSpec = r.record(template.spec, [...templateAt, "spec"]) ?? {};
  const at: FieldPath = [...templateAt, "spec", "containers"];
  const containers = (r.array(podSpec.containers, at) ?? []).map((value, i) =>
    readContainer(r, value, [...at, i]),
  );
  return {
    kind: object.kind,
    name: object.metadata.name,
    namespace,
    labels: { ...labels },
    containers,
    origin: self,
  };
}

function readContainer(r: FieldReader, value: unknown, at: FieldPath): ContainerInfo {
  const container = r.record(value, at) ?? r.fail(at, "must be a mapping, found nothing");
  const name = r.string(container.name, [...at, "name"]) ?? "";
  const ports = (r.array(container.ports, [...at, "ports"]) ?? []).map((entry, j) => {
    const port =
      r.record(entry, [...at, "ports", j]) ?? r.fail([...at, "ports", j], "must be a mapping, found nothing");
    const containerPort = r.integer(port.containerPort, [...at, "ports", j, "containerPort"], 1, 65535);
    if (containerPort === undefined) r.fail([...at, "ports", j, "containerPort"], "missing containerPort");
    const portName = r.string(port.name, [...at, "ports", j, "name"]) || undefined;
    return { ...(portName !== undefined ? { name: portName } : {}), containerPort };
  });
  const probe = r.record(container.readinessProbe, [...at, "readinessProbe"]);
  return {
    name,
    ports,
    ...(probe ? { readinessProbe: readProbe(r, probe, [...at, "readinessProbe"]) } : {}),
  };
}

function readProbe(r: FieldReader, probe: Record<string, unknown>, at: FieldPath): ProbeInfo {
  const periodSeconds = r.integer(probe.periodSeconds, [...at, "periodSeconds"], 1, 2_147_483_647);
  const timeoutSeconds = r.integer(probe.timeoutSeconds, [...at, "timeoutSeconds"], 1, 2_147_483_647);
  const info: ProbeInfo = {
    ...(periodSeconds !== undefined ? { periodSeconds } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    origin: r.at(at),
  };
  const httpGet = r.record(probe.httpGet, [...at, "httpGet"]);
  if (!httpGet) {
    const other = ["exec", "tcpSocket", "grpc"].find(
      (handler) => probe[handler] !== undefined && probe[handler] !== null,
    );
    return other ? { ...info, otherHandler: other } : info;
  }
  const get: FieldPath = [...at, "httpGet"];
  const rawPort = httpGet.port;
  const port =
    typeof rawPort === "number"
      ? r.integer(rawPort, [...get, "port"], 1, 65535)!
      : (r.string(rawPort, [...get, "port"]) ?? r.fail([...get, "port"], "missing port"));
  const headers = (r.array(httpGet.httpHeaders, [...get, "httpHeaders"]) ?? []).map((entry, k) => {
    const header = r.record(entry, [...get, "httpHeaders", k]) ?? {};
    return {
      name: r.string(header.name, [...get, "httpHeaders", k, "name"]) ?? "",
      value: r.string(header.value, [...get, "httpHeaders", k, "value"]) ?? "",
    };
  });
  const path = r.string(httpGet.path, [...get, "path"]);
  const host = r.string(httpGet.host, [...get, "host"]) || undefined;
  const scheme = r.string(httpGet.scheme, [...get, "scheme"]);
  return {
    ...info,
    httpGet: {
      ...(path !== undefined ? { path } : {}),
      port,
      ...(host !== undefined ? { host } : {}),
      ...(scheme !== undefined ? { scheme } : {}),
      httpHeaders: headers,
    },
  };
}
