import { strict as assert } from "assert";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import { ServiceBackendSource } from "../../lib/components/backend-source";
import { IngressManifests, IngressManifestsArgs } from "../../lib/components/ingress-manifests";
import { IngressLoadBalancer } from "../../lib/components/load-balancer";
import { normalizeIngress } from "../../lib/ingress/normalize";
import { loadManifests, parseManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { T } from "../resource-types";

const NEG_FOLDER = path.resolve(__dirname, "../fixtures/neg");
const SEED = path.resolve(__dirname, "../fixtures/seed");
const groupIn = (zone: string) =>
  `https://www.googleapis.com/compute/v1/projects/p/zones/${zone}/instanceGroups/gke-pool-grp`;
const GROUPS = [groupIn("asia-northeast3-a"), groupIn("asia-northeast3-b")];
const negLink = (project: string, zone: string, name: string) =>
  `https://www.googleapis.com/compute/v1/projects/${project}/zones/${zone}/networkEndpointGroups/${name}`;

type Extra = Partial<Omit<IngressManifestsArgs, "manifests">>;

async function plan(paths: string[], extra: Extra = {}) {
  const run = await recordPlan(() => {
    new IngressManifests("shop", {
      manifests: loadManifests(paths),
      instanceGroups: GROUPS,
      nodeTags: ["gke-node"],
      project: "shop-project",
      ...extra,
    });
  });
  const of = (type: string) => run.resources.filter((r) => r.type === type);
  const named = (type: string, fragment: RegExp): PlannedResource => {
    const found = of(type).filter((r) => fragment.test(r.name));
    assert.equal(
      found.length,
      1,
      `one ${type} named ${fragment}, found ${found.map((r) => r.name).join(", ")}`,
    );
    return found[0];
  };
  return { run, of, named };
}

describe("NEG backends (container-native load balancing), as registered", () => {
  it("puts each zone's NEG in the backend service, balanced RATE per endpoint, with no port name", async () => {
    const { named } = await plan([NEG_FOLDER]);
    const web = named(T.backendService, /-default-web-80-/);
    const webNeg = JSON.parse(
      (named(T.service, /default\/web$/).inputs.metadata as { annotations: Record<string, string> })
        .annotations["cloud.google.com/neg"],
    ).exposed_ports["80"].name as string;
    assert.match(webNeg, /^shop-default-web-80-[0-9a-f]{8}$/);
    assert.deepEqual(web.inputs.backends, [
      {
        group: negLink("shop-project", "asia-northeast3-a", webNeg),
        balancingMode: "RATE",
        maxRatePerEndpoint: 1,
        capacityScaler: 1,
      },
      {
        group: negLink("shop-project", "asia-northeast3-b", webNeg),
        balancingMode: "RATE",
        maxRatePerEndpoint: 1,
        capacityScaler: 1,
      },
    ]);
    assert.equal(web.inputs.portName, undefined);
    const api = named(T.backendService, /-default-api-8080-/);
    assert.deepEqual(
      (api.inputs.backends as { group: string }[]).map((b) => b.group),
      [
        negLink("shop-project", "asia-northeast3-a", "shop-api-neg"),
        negLink("shop-project", "asia-northeast3-b", "shop-api-neg"),
      ],
    );
  });

  it("waits for the Service, whose annotations ask for the NEGs by name and wait for their status", async () => {
    const { named } = await plan([NEG_FOLDER]);
    const service = named(T.service, /default\/api$/);
    const annotations = (service.inputs.metadata as { annotations: Record<string, string> }).annotations;
    assert.deepEqual(JSON.parse(annotations["cloud.google.com/neg"]), {
      ingress: true,
      exposed_ports: { "8080": { name: "shop-api-neg" } },
    });
    assert.equal(
      annotations["pulumi.com/waitFor"],
      "jsonpath={.metadata.annotations['cloud.google.com/neg-status']}",
    );
    assert.equal(annotations["pulumi.com/timeoutSeconds"], "600");
    assert.ok(named(T.backendService, /-default-api-8080-/).dependencies.includes(service.urn));
  });

  it("health-checks the Pods' serving port (USE_SERVING_PORT), with the readiness probe's path", async () => {
    const { named } = await plan([NEG_FOLDER]);
    assert.deepEqual(named(T.healthCheck, /-default-web-80-.*-hc$/).inputs.httpHealthCheck, {
      portSpecification: "USE_SERVING_PORT",
      requestPath: "/healthz",
    });
    assert.deepEqual(named(T.healthCheck, /-default-api-8080-.*-hc$/).inputs.httpHealthCheck, {
      portSpecification: "USE_SERVING_PORT",
      requestPath: "/",
    });
  });

  it("opens the Pods' target ports (a named one resolved) to Google's ranges, and no named port for NEGs", async () => {
    const { of, named } = await plan([NEG_FOLDER]);
    const ports = (named(T.firewall, /allow-glb/).inputs.allows as { ports: string[] }[])[0].ports;
    // web targets "web-http" = 8080 on its Pods, api 9000; the third is the built-in 404 backend's nodePort.
    assert.ok(ports.includes("8080") && ports.includes("9000"), ports.join(","));
    assert.equal(ports.length, 3);
    const namedPorts = of(T.namedPort);
    assert.equal(namedPorts.length, GROUPS.length);
    assert.ok(namedPorts.every((r) => /-default-backend-port-80-/.test(r.name)));
  });

  it("makes NEG backends in the zones given, else in the instance groups' zones", async () => {
    const { named } = await plan([NEG_FOLDER], { zones: ["asia-northeast3-c"] });
    assert.deepEqual(
      (named(T.backendService, /-default-api-8080-/).inputs.backends as { group: string }[]).map(
        (b) => b.group,
      ),
      [negLink("shop-project", "asia-northeast3-c", "shop-api-neg")],
    );
  });

  it("links the NEGs in the provider's project when none is given (the health check's)", async () => {
    const { named } = await plan([NEG_FOLDER], { project: undefined });
    const groups = (named(T.backendService, /-default-api-8080-/).inputs.backends as { group: string }[]).map(
      (b) => b.group,
    );
    assert.deepEqual(groups, [
      negLink("placeholder-project", "asia-northeast3-a", "shop-api-neg"),
      negLink("placeholder-project", "asia-northeast3-b", "shop-api-neg"),
    ]);
  });

  it("refuses a ClusterIP Service with negDefault false before anything is registered", async () => {
    await assert.rejects(
      plan([NEG_FOLDER], { negDefault: false }),
      /Service "default\/web" is of type ClusterIP/,
    );
  });
});

describe("NodePort stacks are planned as before", () => {
  it("the seed registers the same resources whatever the NEG fact and zones, and nothing of NEGs", async () => {
    const seed = ["hello-ingress.yaml", "users-svc-nodeport.yaml", "products-svc-nodeport.yaml"].map((f) =>
      path.join(SEED, f),
    );
    const base = (await plan(seed, { negDefault: false })).run.resources;
    for (const extra of [{}, { negDefault: true }, { zones: ["asia-northeast3-c"] }] as Extra[]) {
      assert.deepEqual((await plan(seed, extra)).run.resources, base, JSON.stringify(extra));
    }
    const text = JSON.stringify(base);
    assert.ok(!text.includes("networkEndpointGroups") && !text.includes("pulumi.com/waitFor"));
    assert.ok(!text.includes("USE_SERVING_PORT") && !text.includes("cloud.google.com/neg"));
  });
});

describe("IngressLoadBalancer alone with a NEG backend", () => {
  /** A ClusterIP Service of the user's own, as a backend source. */
  function clusterIpSource(name: string, extra: Partial<ServiceBackendSource> = {}): ServiceBackendSource {
    const resource = new k8s.core.v1.Service(name, {
      metadata: { name },
      spec: { type: "ClusterIP", selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    return {
      serviceInfo: {
        name,
        namespace: "default",
        type: "ClusterIP",
        ports: [{ port: 80, targetPort: 8080 }],
        annotations: {},
        origin: { object: `Service/default/${name}` },
      },
      resource,
      nodePort: () => {
        throw new Error("a NEG backend reads no nodePort");
      },
      ...extra,
    };
  }
  const ingresses = () => [
    normalizeIngress({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: "default" },
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    }),
  ];

  it("refuses a NEG it named when nothing registers the Service's request for it", async () => {
    await assert.rejects(
      recordPlan(() => {
        new IngressLoadBalancer("lb", {
          ingresses: ingresses(),
          backends: [clusterIpSource("web")],
          instanceGroups: GROUPS,
          nodeTags: ["gke-node"],
        });
      }),
      /backend default\/web:80 is served through network endpoint groups, but nothing asks GKE for them.*negServiceAnnotations/,
    );
  });

  it("serves it when the source says its Service carries the request", async () => {
    const run = await recordPlan(() => {
      new IngressLoadBalancer("lb", {
        ingresses: ingresses(),
        backends: [clusterIpSource("web", { requestsNegs: true })],
        instanceGroups: GROUPS,
        nodeTags: ["gke-node"],
      });
    });
    const backends = run.resources.filter((r) => r.type === T.backendService);
    assert.equal(backends.length, 1);
    assert.match(
      (backends[0].inputs.backends as { group: string }[])[0].group,
      /networkEndpointGroups\/lb-default-web-80-/,
    );
  });
});

describe("a stack whose every backend is a NEG", () => {
  const ALL_NEG = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;
  const planAllNeg = (extra: Extra) =>
    recordPlan(() => {
      new IngressManifests("shop", {
        manifests: parseManifests(ALL_NEG, "web.yaml"),
        instanceGroups: [],
        nodeTags: ["gke-node"],
        project: "shop-project",
        ...extra,
      });
    });

  it("needs no instance group when zones are given, and registers no named port", async () => {
    const run = await planAllNeg({ zones: ["europe-west1-b"] });
    assert.equal(run.resources.filter((r) => r.type === T.namedPort).length, 0);
    const [backend] = run.resources.filter((r) => r.type === T.backendService);
    assert.match(
      (backend.inputs.backends as { group: string }[])[0].group,
      /zones\/europe-west1-b\/networkEndpointGroups\//,
    );
  });

  it("refuses neither zones nor instance groups, naming zones", async () => {
    await assert.rejects(planAllNeg({}), (err: Error) =>
      /zones: no zone for the network endpoint groups/.test(err.message),
    );
  });
});
