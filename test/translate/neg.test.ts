import * as assert from "node:assert/strict";
import { InputError } from "../../lib/errors";
import { PodTemplateInfo } from "../../lib/ingress/pod-template";
import { NegAnnotation, ServiceInfo } from "../../lib/ingress/types";
import { BackendModel, Warning } from "../../lib/translate/model";
import {
  checkNegBalancing,
  negBackend,
  negName,
  negRequests,
  negServiceAnnotations,
} from "../../lib/translate/neg";
import { translate } from "../../lib/translate/translate";
import { nodePortService, seedIngress } from "./fixtures";

/** The parsed annotation, as normalizeService gives it. */
function neg(written: Record<string, unknown>): NegAnnotation {
  const exposed = (written.exposed_ports ?? {}) as Record<string, { name?: string }>;
  return {
    ingress: written.ingress === true,
    exposedPorts: new Map(Object.entries(exposed).map(([port, attrs]) => [Number(port), { ...attrs }])),
    written,
  };
}

const svc = (type: string, annotation?: Record<string, unknown>, extra: Partial<ServiceInfo> = {}) =>
  nodePortService("web", "shop", { type, ...(annotation ? { neg: neg(annotation) } : {}), ...extra });

const REF = { field: "spec.rules[0].http.paths[0].backend.service.name" };

describe("negBackend: which Service ports are served through NEGs", () => {
  // [what, Service, negDefault, expected: "neg" | "ig" | refusal pattern]
  const cases: [string, ServiceInfo, boolean, "neg" | "ig" | RegExp][] = [
    ["a ClusterIP Service on a VPC-native cluster", svc("ClusterIP"), true, "neg"],
    [
      "a ClusterIP Service on a routes-based cluster",
      svc("ClusterIP"),
      false,
      /ClusterIP and not served through network endpoint groups/,
    ],
    [
      "a ClusterIP Service asking for NEGs on a routes-based cluster",
      svc("ClusterIP", { ingress: true }),
      false,
      "neg",
    ],
    [
      'a ClusterIP Service saying {"ingress": false}',
      svc("ClusterIP", { ingress: false }),
      true,
      /does not ask for them for this port.*add "ingress": true/,
    ],
    [
      "a ClusterIP Service exposing the port",
      svc("ClusterIP", { exposed_ports: { "80": {} } }),
      false,
      "neg",
    ],
    [
      "a ClusterIP Service exposing another port only",
      svc("ClusterIP", { exposed_ports: { "9090": {} } }),
      true,
      /does not ask for them for this port/,
    ],
    ["a NodePort Service (the seed's path)", svc("NodePort"), true, "ig"],
    ["a NodePort Service on a routes-based cluster", svc("NodePort"), false, "ig"],
    ["a LoadBalancer Service", svc("LoadBalancer"), true, "ig"],
    ['a NodePort Service with {"ingress": true}', svc("NodePort", { ingress: true }), true, "neg"],
    ["a NodePort Service exposing the port", svc("NodePort", { exposed_ports: { "80": {} } }), true, "neg"],
    ["a NodePort Service exposing another port", svc("NodePort", { exposed_ports: { "9": {} } }), true, "ig"],
    [
      "an ExternalName Service",
      svc("ExternalName"),
      true,
      /ExternalName and not served through network endpoint groups.*set spec.type: NodePort/,
    ],
  ];
  for (const [what, service, negDefault, want] of cases) {
    it(`${what}: ${want instanceof RegExp ? "refused" : want === "neg" ? "NEG" : "instance groups"}`, () => {
      const run = () => negBackend(service, service.ports[0], REF, { negDefault, scope: "lb" }, []);
      if (want instanceof RegExp) {
        assert.throws(run, (err: Error) => {
          assert.ok(err instanceof InputError);
          assert.match(err.message, want);
          assert.ok(err.message.includes(`Service "shop/web"`), err.message);
          assert.equal(err.origin.field, REF.field);
          return true;
        });
        return;
      }
      const result = run();
      assert.equal(result === undefined ? "ig" : "neg", want);
    });
  }

  it("names the NEGs after the scope, namespace, Service and port: stable, valid, distinct", () => {
    const web = svc("ClusterIP");
    const a = negBackend(web, web.ports[0], REF, { negDefault: true, scope: "ingress-glb" }, []);
    const b = negBackend(web, web.ports[0], REF, { negDefault: true, scope: "ingress-glb" }, []);
    assert.deepEqual(a, b);
    assert.equal(a?.nameSource, "derived");
    assert.match(a?.name ?? "", /^ingress-glb-shop-web-80-[0-9a-f]{8}$/);
    const other = svc("ClusterIP", undefined, { name: "web2" });
    assert.notEqual(negName("ingress-glb", other, other.ports[0]), a?.name);
    const long = svc("ClusterIP", undefined, { name: "x".repeat(63), namespace: "y".repeat(63) });
    const name = negName("z".repeat(40), long, long.ports[0]);
    assert.ok(name.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name), name);
  });

  it("takes the name the annotation gives for the port", () => {
    const web = svc("ClusterIP", { exposed_ports: { "80": { name: "web-neg" } } });
    assert.deepEqual(negBackend(web, web.ports[0], REF, { negDefault: true, scope: "lb" }, []), {
      name: "web-neg",
      nameSource: "annotation",
      targetPort: 8080,
    });
  });

  const template = (ports: { name?: string; containerPort: number }[]): PodTemplateInfo => ({
    kind: "Deployment",
    name: "web",
    namespace: "shop",
    labels: { app: "web" },
    containers: [{ name: "web", ports }],
    origin: { object: "Deployment/shop/web" },
  });
  const named = svc("ClusterIP", undefined, {
    ports: [{ name: "http", port: 80, targetPort: "web-http" }],
    selector: { app: "web" },
  });

  it("resolves a named targetPort from the Pods the Service selects, for the firewall", () => {
    const warnings: Warning[] = [];
    const result = negBackend(
      named,
      named.ports[0],
      REF,
      { negDefault: true, scope: "lb", workloads: [template([{ name: "web-http", containerPort: 8443 }])] },
      warnings,
    );
    assert.equal(result?.targetPort, 8443);
    assert.deepEqual(warnings, []);
  });

  it("warns when a named targetPort cannot be resolved, and leaves the port out", () => {
    const warnings: Warning[] = [];
    const result = negBackend(
      named,
      named.ports[0],
      REF,
      { negDefault: true, scope: "lb", workloads: [template([{ name: "other", containerPort: 1 }])] },
      warnings,
    );
    assert.equal(result?.targetPort, undefined);
    assert.deepEqual(
      warnings.map((w) => w.code),
      ["neg-target-port-unresolved"],
    );
    assert.match(warnings[0].message, /shop\/web port 80 .*"web-http"/);
  });
});

describe("negServiceAnnotations: what a NEG-backed Service is registered with", () => {
  it("asks for named standalone NEGs and waits for the NEG controller's status", () => {
    assert.deepEqual(negServiceAnnotations(svc("ClusterIP"), [{ port: 80, name: "lb-shop-web-80" }]), {
      "cloud.google.com/neg": '{"exposed_ports":{"80":{"name":"lb-shop-web-80"}}}',
      "pulumi.com/waitFor": "jsonpath={.metadata.annotations['cloud.google.com/neg-status']}",
      "pulumi.com/timeoutSeconds": "600",
    });
  });

  it("merges with what the user wrote: every key kept, a user-given name wins, ports in order", () => {
    const service = svc("ClusterIP", {
      ingress: true,
      zones: ["*"],
      exposed_ports: { "9090": { name: "admin-neg" }, "80": {} },
    });
    const value = negServiceAnnotations(service, [
      { port: 9090, name: "derived-admin" },
      { port: 80, name: "derived-web" },
      { port: 443, name: "derived-tls" },
    ])["cloud.google.com/neg"];
    assert.deepEqual(JSON.parse(value), {
      ingress: true,
      zones: ["*"],
      exposed_ports: {
        "80": { name: "derived-web" },
        "9090": { name: "admin-neg" },
        "443": { name: "derived-tls" },
      },
    });
  });

  it("keeps a wait (or timeout) the Service already gives", () => {
    const own = svc("ClusterIP", undefined, { annotations: { "pulumi.com/waitFor": "condition=Ready" } });
    const annotations = negServiceAnnotations(own, [{ port: 80, name: "n" }]);
    assert.equal(annotations["pulumi.com/waitFor"], undefined);
    assert.equal(annotations["pulumi.com/timeoutSeconds"], undefined);
    const longer = svc("ClusterIP", undefined, { annotations: { "pulumi.com/timeoutSeconds": "1200" } });
    const withTimeout = negServiceAnnotations(longer, [{ port: 80, name: "n" }]);
    assert.equal(withTimeout["pulumi.com/timeoutSeconds"], undefined);
    assert.ok(withTimeout["pulumi.com/waitFor"]);
  });
});

describe("NEG backends in the load balancer model", () => {
  const clusterIp = (name: string) => nodePortService(name, "default", { type: "ClusterIP" });

  it("serves ClusterIP Services through NEGs, NodePort ones through instance groups, in one load balancer", () => {
    const model = translate({
      name: "lb",
      ingresses: [seedIngress()],
      services: [nodePortService("users-node-svc"), clusterIp("products-node-svc")],
    });
    const byService = new Map(model.backends.map((b) => [b.service, b]));
    assert.equal(byService.get("users-node-svc")?.neg, undefined);
    assert.deepEqual(byService.get("products-node-svc")?.neg, {
      name: negName("lb", clusterIp("products-node-svc"), { port: 80 }),
      nameSource: "derived",
      targetPort: 8080,
    });
    assert.equal(byService.get("products-node-svc")?.nodePort, undefined);
  });

  it("names NEGs after negScope, so every load balancer of a component agrees", () => {
    const services = [clusterIp("users-node-svc"), clusterIp("products-node-svc")];
    const names = ["lb-a", "lb-b"].map(
      (name) =>
        translate({ name, negScope: "component", ingresses: [seedIngress()], services }).backends.find(
          (b) => b.service === "users-node-svc",
        )?.neg?.name,
    );
    assert.equal(names[0], names[1]);
    assert.match(names[0] ?? "", /^component-default-users-node-svc-80-/);
  });

  it("keeps the seed's model as it was: no NEG on NodePort Services, whatever the cluster fact", () => {
    for (const negDefault of [true, false]) {
      const model = translate({
        name: "lb",
        ingresses: [seedIngress()],
        services: [nodePortService("users-node-svc"), nodePortService("products-node-svc")],
        negDefault,
      });
      assert.ok(model.backends.every((b) => !("neg" in b)));
    }
  });

  it("refuses instance balancing options on a NEG backend, naming the option", () => {
    assert.throws(
      () =>
        translate({
          name: "lb",
          ingresses: [seedIngress()],
          services: [nodePortService("users-node-svc"), clusterIp("products-node-svc")],
          backendOptions: {
            "default/products-node-svc:80": { balancing: { mode: "UTILIZATION", maxUtilization: 0.8 } },
          },
        }),
      (err: Error) =>
        err instanceof InputError &&
        err.origin.field === 'backendOptions["default/products-node-svc:80"].balancing' &&
        /balanced RATE per endpoint/.test(err.message),
    );
    assert.doesNotThrow(() => checkNegBalancing("k", {}));
  });

  it("negRequests gathers each Service's NEG ports once across load balancers", () => {
    const backend = (service: string, port: number, name?: string) =>
      ({
        namespace: "default",
        service,
        servicePort: port,
        ...(name ? { neg: { name } } : {}),
      }) as BackendModel;
    const requests = negRequests([
      { backends: [backend("web", 80, "n-web-80"), backend("api", 8080)] },
      { backends: [backend("web", 80, "n-web-80"), backend("web", 443, "n-web-443")] },
    ]);
    assert.deepEqual(Object.fromEntries(requests), {
      "default/web": [
        { port: 80, name: "n-web-80" },
        { port: 443, name: "n-web-443" },
      ],
    });
  });
});
