import { strict as assert } from "node:assert";
import { readBackendConfig } from "../../lib/ingress/backend-config";
import { parseManifests } from "../../lib/ingress/manifests";
import { readPodTemplate } from "../../lib/ingress/pod-template";
import { ServiceInfo } from "../../lib/ingress/types";
import { DEFAULT_HEALTH_CHECK } from "../../lib/translate/default-backend";
import { checkHealthCheckDefaults, resolveHealthCheck } from "../../lib/translate/health-check";
import { translate, TranslateInput } from "../../lib/translate/translate";
import { expectInputError } from "../ingress/expect-input-error";
import { ingress, nodePortService } from "./fixtures";

/** GCP's bounds checked before apply: health check seconds, address names, fixed health check ports. */

const fail = (path: readonly (string | number)[], problem: string): never => {
  throw new Error(`${path.join(".")}: ${problem}`);
};

const web = (extra: Partial<ServiceInfo> = {}): ServiceInfo =>
  nodePortService("web", "default", {
    ports: [{ name: "http", port: 80, targetPort: 8080, nodePort: 30080 }],
    selector: { app: "web" },
    ...extra,
  });

function input(extra: Partial<TranslateInput> = {}): TranslateInput {
  return {
    name: "lb",
    ingresses: [ingress([{ paths: [["/", "Prefix", "web"]] }])],
    services: [web()],
    ...extra,
  };
}

/** The workload behind `web`, its readiness probe on 8080 with `timeoutSeconds`. */
function probedDeployment(timeoutSeconds: number) {
  const [m] = parseManifests(
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          ports: [{containerPort: 8080}]
          readinessProbe: {httpGet: {path: /ready, port: 8080}, timeoutSeconds: ${timeoutSeconds}}`,
    "web.yaml",
  ).workloads;
  return readPodTemplate(m.object, m.origin, m.lineOf);
}

function backendConfig(spec: string) {
  const [m] = parseManifests(
    `apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata: {name: web-config}\nspec:\n${spec}`,
    "config.yaml",
  ).backendConfigs;
  return readBackendConfig(m.object, m.origin, m.lineOf);
}

const withConfig = (): ServiceInfo =>
  web({ annotations: { "cloud.google.com/backend-config": '{"default": "web-config"}' } });

describe("health check seconds within GCP's 1-300 s, wherever they come from", () => {
  it("a readiness probe timeout of 1000 s is refused at the probe, with the way out", () => {
    expectInputError(() => translate(input({ workloads: [probedDeployment(1000)] })), {
      file: "web.yaml",
      line: 12,
      object: "Deployment/default/web",
      field: "spec.template.spec.containers[0].readinessProbe.timeoutSeconds",
      problem: "GCP allows at most 300 s",
      hint: "spec.healthCheck.timeoutSec (1-300) in a BackendConfig",
    });
  });

  it("300 s is GCP's maximum: the interval is raised to it, with the usual warning", () => {
    const model = translate(input({ workloads: [probedDeployment(300)] }));
    const backend = model.backends.find((b) => b.service === "web");
    assert.equal(backend?.healthCheck.timeoutSec, 300);
    assert.equal(backend?.healthCheck.checkIntervalSec, 300);
    assert.ok(model.warnings.some((w) => w.code === "health-check-interval-raised"));
  });

  it("a BackendConfig timeout wins over the probe's, so the probe's 1000 s is not used", () => {
    const model = translate(
      input({
        services: [withConfig()],
        workloads: [probedDeployment(1000)],
        backendConfigs: [backendConfig("  healthCheck: {timeoutSec: 5}")],
      }),
    );
    assert.equal(model.backends.find((b) => b.service === "web")?.healthCheck.timeoutSec, 5);
  });

  it("a BackendConfig outside 1-300 s is refused at its field", () => {
    expectInputError(
      () =>
        translate(
          input({
            services: [withConfig()],
            backendConfigs: [backendConfig("  healthCheck: {checkIntervalSec: 301}")],
          }),
        ),
      { file: "config.yaml", field: "spec.healthCheck.checkIntervalSec", problem: "301" },
    );
  });

  const defaults: [Partial<typeof DEFAULT_HEALTH_CHECK>, string][] = [
    [{ checkIntervalSec: 0 }, "healthCheck.checkIntervalSec"],
    [{ checkIntervalSec: 1000 }, "healthCheck.checkIntervalSec"],
    [{ timeoutSec: 301 }, "healthCheck.timeoutSec"],
    [{ timeoutSec: 2.5 }, "healthCheck.timeoutSec"],
    [{ healthyThreshold: 11 }, "healthCheck.healthyThreshold"],
    [{ unhealthyThreshold: 0 }, "healthCheck.unhealthyThreshold"],
    [{ port: 70000 }, "healthCheck.port"],
    [{ requestPath: "ready" }, "healthCheck.requestPath"],
    [{ checkIntervalSec: 5, timeoutSec: 10 }, "healthCheck.timeoutSec"],
  ];
  for (const [settings, field] of defaults) {
    it(`the library's healthCheck ${JSON.stringify(settings)} is refused at ${field}`, () => {
      expectInputError(() => translate(input({ healthCheck: settings })), { field });
    });
  }

  it("the library's healthCheck within bounds is taken as is", () => {
    checkHealthCheckDefaults({ checkIntervalSec: 300, timeoutSec: 300, healthyThreshold: 10 });
    const model = translate(input({ healthCheck: { checkIntervalSec: 1, timeoutSec: 1 } }));
    assert.equal(model.backends[0].healthCheck.checkIntervalSec, 1);
  });

  it("resolveHealthCheck refuses a found probe above 300 s and keeps one at 300 s", () => {
    const probe = { kind: "found" as const, requestPath: "/", source: "s", origin: { field: "p" } };
    expectInputError(
      () => resolveHealthCheck(DEFAULT_HEALTH_CHECK, { ...probe, timeoutSec: 301 }, undefined, fail),
      { field: "p.timeoutSeconds" },
    );
    const ok = resolveHealthCheck(DEFAULT_HEALTH_CHECK, { ...probe, timeoutSec: 300 }, undefined, fail);
    assert.equal(ok.healthCheck.timeoutSec, 300);
  });
});

describe("static IP names are GCP address names", () => {
  const annotated = (name: string) =>
    ingress([{ paths: [["/", "Prefix", "web"]] }], {
      annotations: { "kubernetes.io/ingress.global-static-ip-name": name },
    });

  for (const [name, nearest] of [
    ["My_IP Address", "my-ip-address"],
    ["1-ip", "ip"],
    ["__", undefined],
    ["ip-", "ip"],
    ["a".repeat(64), "a".repeat(63)],
  ] as const) {
    it(`the annotation ${JSON.stringify(name.slice(0, 20))} is refused${nearest ? `, suggesting ${nearest.slice(0, 20)}` : ""}`, () => {
      const error = expectInputError(() => translate(input({ ingresses: [annotated(name)] })), {
        object: "Ingress/default/hello-ingress",
        field: 'metadata.annotations["kubernetes.io/ingress.global-static-ip-name"]',
        problem: "is not a valid GCP address name",
      });
      if (nearest) assert.ok(error.message.includes(`did you mean "${nearest.slice(0, 40)}`), error.message);
      else assert.ok(!error.message.includes("did you mean"), error.message);
    });
  }

  it("a valid name is used as the existing address", () => {
    const model = translate(input({ ingresses: [annotated("web-ip-1")] }));
    assert.deepEqual(model.frontend.staticIp, { kind: "existing", name: "web-ip-1" });
  });

  it("the library's staticIpName is checked the same way, at field staticIpName", () => {
    expectInputError(() => translate(input({ staticIpName: "Web IP" })), {
      field: "staticIpName",
      hint: 'did you mean "web-ip"?',
    });
  });
});

describe("a fixed health check port no backend serves is opened to Google's ranges: warned", () => {
  it("BackendConfig healthCheck.port 22: warning health-check-port-opened at the BackendConfig's field", () => {
    const model = translate(
      input({
        services: [withConfig()],
        backendConfigs: [backendConfig("  healthCheck:\n    port: 22")],
      }),
    );
    const warning = model.warnings.find((w) => w.code === "health-check-port-opened");
    assert.ok(warning, JSON.stringify(model.warnings));
    assert.match(warning.message, /port 22, which no backend serves/);
    assert.match(warning.message, /tcp:22/);
    assert.match(warning.message, /130\.211\.0\.0\/22, 35\.191\.0\.0\/16/);
    assert.equal(warning.origin?.file, "config.yaml");
    assert.equal(warning.origin?.field, "spec.healthCheck.port");
    assert.equal(warning.origin?.line, 6);
  });

  it("a fixed port that is a backend's own nodePort opens nothing new: no warning", () => {
    const model = translate(
      input({
        services: [withConfig()],
        backendConfigs: [backendConfig("  healthCheck: {port: 30080}")],
      }),
    );
    assert.ok(!model.warnings.some((w) => w.code === "health-check-port-opened"));
  });

  it("a port set by backendOptions is warned at its backendOptions field", () => {
    const model = translate(
      input({ backendOptions: { "default/web:80": { healthCheck: { port: 10256 } } } }),
    );
    const warning = model.warnings.find((w) => w.code === "health-check-port-opened");
    assert.equal(warning?.origin?.field, 'backendOptions["default/web:80"].healthCheck.port');
  });
});
