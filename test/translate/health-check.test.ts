import { strict as assert } from "assert";
import { parseManifests } from "../../lib/ingress/manifests";
import { PodTemplateInfo, readPodTemplate } from "../../lib/ingress/pod-template";
import { ServiceInfo } from "../../lib/ingress/types";
import { OptionFail } from "../../lib/translate/backend-options";
import { DEFAULT_HEALTH_CHECK } from "../../lib/translate/default-backend";
import { findReadinessProbe, ProbeLookup, resolveHealthCheck } from "../../lib/translate/health-check";
import { translate } from "../../lib/translate/translate";
import { ingress, nodePortService } from "./fixtures";

/** A Deployment `web` in `namespace` labelled `app: web`, with one container (YAML, indented under `- `). */
function deployment(container: string, namespace = "default", labels = "{app: web}"): PodTemplateInfo {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers:
        - name: web
          image: web:1
${container.replace(/^/gm, "          ")}`;
  const [m] = parseManifests(yaml, "web.yaml").workloads;
  return readPodTemplate(m.object, m.origin, m.lineOf);
}

function webService(targetPort: number | string, extra: Partial<ServiceInfo> = {}): ServiceInfo {
  return nodePortService("web", "default", {
    ports: [{ name: "http", port: 80, targetPort }],
    selector: { app: "web" },
    ...extra,
  });
}

const lookup = (
  service: ServiceInfo,
  templates: PodTemplateInfo[],
  protocol?: "HTTP" | "HTTPS" | "HTTP2",
): ProbeLookup => findReadinessProbe(service, service.ports[0], templates, protocol);

describe("health checks from readiness probes (GKE's rules)", () => {
  const cases: {
    what: string;
    targetPort: number | string;
    container: string;
    /** The backend's protocol (app-protocols); HTTP when absent. */
    protocol?: "HTTP" | "HTTPS" | "HTTP2";
    want: Partial<ProbeLookup>;
  }[] = [
    {
      what: "an httpGet probe on the numeric target port gives path and timeout",
      targetPort: 8080,
      container:
        "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /ready, port: 8080}, timeoutSeconds: 3}",
      want: { kind: "found", requestPath: "/ready", timeoutSec: 3 },
    },
    {
      what: "a named target port and a named probe port match through the container port's name",
      targetPort: "web-http",
      container:
        "ports: [{name: web-http, containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /r, port: web-http}}",
      want: { kind: "found", requestPath: "/r" },
    },
    {
      what: "a numeric probe port matches a named target port's container port",
      targetPort: "web-http",
      container:
        "ports: [{name: web-http, containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /r, port: 8080}}",
      want: { kind: "found", requestPath: "/r" },
    },
    {
      what: "a Host header becomes the health check's host",
      targetPort: 8080,
      container:
        "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /, port: 8080, httpHeaders: [{name: Host, value: web.example}]}}",
      want: { kind: "found", requestPath: "/", host: "web.example" },
    },
    {
      what: "a path without a leading slash gets one, an absent path is /",
      targetPort: 8080,
      container: "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {port: 8080}}",
      want: { kind: "found", requestPath: "/" },
    },
    {
      what: "a probe on another port is passed over",
      targetPort: 8080,
      container:
        "ports: [{containerPort: 8080}, {containerPort: 9090}]\nreadinessProbe: {httpGet: {path: /r, port: 9090}}",
      want: { kind: "unusable" },
    },
    {
      what: "an exec probe is passed over",
      targetPort: 8080,
      container: "ports: [{containerPort: 8080}]\nreadinessProbe: {exec: {command: [cat, /ready]}}",
      want: { kind: "unusable", reason: "it is a exec probe, not httpGet" },
    },
    {
      what: "a probe sending another header is passed over",
      targetPort: 8080,
      container:
        "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /, port: 8080, httpHeaders: [{name: X-Probe, value: '1'}]}}",
      want: { kind: "unusable", reason: "it sends headers other than Host" },
    },
    {
      what: "an HTTPS probe is passed over (the backend service speaks HTTP)",
      targetPort: 8080,
      container:
        "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /, port: 8080, scheme: HTTPS}}",
      want: { kind: "unusable" },
    },
    {
      what: "an HTTPS probe gives an HTTPS backend its health check (GKE reads the backend's scheme)",
      targetPort: 8443,
      protocol: "HTTPS",
      container:
        "ports: [{containerPort: 8443}]\nreadinessProbe: {httpGet: {path: /ready, port: 8443, scheme: HTTPS}}",
      want: { kind: "found", requestPath: "/ready" },
    },
    {
      what: "an HTTP2 (gRPC) backend reads HTTPS probes, as GKE's getProbeScheme says",
      targetPort: 8443,
      protocol: "HTTP2",
      container:
        "ports: [{containerPort: 8443}]\nreadinessProbe: {httpGet: {path: /healthz, port: 8443, scheme: HTTPS}}",
      want: { kind: "found", requestPath: "/healthz" },
    },
    {
      what: "an HTTP probe on an HTTPS backend is passed over",
      targetPort: 8443,
      protocol: "HTTPS",
      container: "ports: [{containerPort: 8443}]\nreadinessProbe: {httpGet: {path: /ready, port: 8443}}",
      want: {
        kind: "unusable",
        reason: "its scheme is HTTP, and the backend service speaks HTTPS (GKE reads HTTPS probes only)",
      },
    },
    {
      what: "a probe on an undeclared container port is passed over, as GKE does",
      targetPort: 8080,
      container: "readinessProbe: {httpGet: {path: /r, port: 8080}}",
      want: { kind: "unusable" },
    },
    {
      what: "a container without a probe gives nothing",
      targetPort: 8080,
      container: "ports: [{containerPort: 8080}]",
      want: { kind: "none" },
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const found = lookup(webService(c.targetPort), [deployment(c.container)], c.protocol);
      for (const [key, value] of Object.entries(c.want)) {
        assert.deepEqual(
          (found as Record<string, unknown>)[key],
          value,
          `${key} of ${JSON.stringify(found)}`,
        );
      }
      if (found.kind === "found") {
        assert.equal(found.origin.field, "spec.template.spec.containers[0].readinessProbe");
        assert.equal(found.origin.object, "Deployment/default/web");
      }
    });
  }

  const probe = "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /ready, port: 8080}}";
  it("only workloads of the Service's namespace whose labels match its selector count", () => {
    assert.equal(lookup(webService(8080), [deployment(probe, "other")]).kind, "none");
    assert.equal(lookup(webService(8080), [deployment(probe, "default", "{app: api}")]).kind, "none");
    assert.equal(lookup(webService(8080, { selector: undefined }), [deployment(probe)]).kind, "none");
    const extraLabels = deployment(probe, "default", "{app: web, tier: front}");
    assert.equal(lookup(webService(8080), [extraLabels]).kind, "found");
  });
});

describe("health check precedence: BackendConfig over probe over defaults", () => {
  const fail: OptionFail = (path, problem) => {
    throw new Error(`${path.join(".")}: ${problem}`);
  };
  const probe: ProbeLookup = {
    kind: "found",
    requestPath: "/ready",
    host: "h",
    timeoutSec: 2,
    source: "x",
    origin: {},
  };

  it("defaults without probe or overrides", () => {
    const { healthCheck } = resolveHealthCheck(DEFAULT_HEALTH_CHECK, { kind: "none" }, undefined, fail);
    assert.deepEqual(healthCheck, { ...DEFAULT_HEALTH_CHECK, source: "default" });
  });

  it("the probe gives path, host and timeout; interval and thresholds stay", () => {
    const { healthCheck } = resolveHealthCheck(DEFAULT_HEALTH_CHECK, probe, undefined, fail);
    assert.deepEqual(healthCheck, {
      ...DEFAULT_HEALTH_CHECK,
      requestPath: "/ready",
      host: "h",
      timeoutSec: 2,
      source: "readiness-probe",
    });
  });

  it("BackendConfig fields win over the probe, field by field", () => {
    const { healthCheck } = resolveHealthCheck(
      DEFAULT_HEALTH_CHECK,
      probe,
      { requestPath: "/hc", port: 30001 },
      fail,
    );
    assert.equal(healthCheck.requestPath, "/hc");
    assert.equal(healthCheck.host, "h");
    assert.equal(healthCheck.timeoutSec, 2);
    assert.equal(healthCheck.port, 30001);
    assert.equal(healthCheck.source, "backend-config");
  });

  it("a probe timeout above the interval raises the interval", () => {
    const slow: ProbeLookup = { ...probe, timeoutSec: 8 } as ProbeLookup;
    const resolved = resolveHealthCheck(DEFAULT_HEALTH_CHECK, slow, undefined, fail);
    assert.equal(resolved.healthCheck.checkIntervalSec, 8);
    assert.equal(resolved.intervalRaisedFrom, 5);
  });

  it("a BackendConfig interval below the probe's timeout is an error at the BackendConfig", () => {
    const slow: ProbeLookup = { ...probe, timeoutSec: 8 } as ProbeLookup;
    assert.throws(
      () => resolveHealthCheck(DEFAULT_HEALTH_CHECK, slow, { checkIntervalSec: 4 }, fail),
      /healthCheck\.checkIntervalSec/,
    );
  });

  it("translate puts the probe's health check on the backend and warns about an unused probe", () => {
    const services = [webService(8080), nodePortService("api", "default", { selector: { app: "api" } })];
    const templates = [
      deployment(
        "ports: [{containerPort: 8080}]\nreadinessProbe: {httpGet: {path: /ready, port: 8080}, timeoutSeconds: 4}",
      ),
      {
        ...deployment(
          "ports: [{containerPort: 8080}]\nreadinessProbe: {tcpSocket: {port: 8080}}",
          "default",
          "{app: api}",
        ),
      },
    ];
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          {
            paths: [
              ["/web", "Prefix", "web"],
              ["/api", "Prefix", "api"],
            ],
          },
        ]),
      ],
      services,
      workloads: templates,
    });
    const web = model.backends.find((b) => b.service === "web");
    assert.equal(web?.healthCheck.requestPath, "/ready");
    assert.equal(web?.healthCheck.timeoutSec, 4);
    assert.equal(web?.healthCheck.source, "readiness-probe");
    const api = model.backends.find((b) => b.service === "api");
    assert.equal(api?.healthCheck.source, "default");
    assert.deepEqual(
      model.warnings.map((w) => w.code),
      ["readiness-probe-unused"],
    );
    assert.match(model.warnings[0].message, /tcpSocket/);
  });
});
