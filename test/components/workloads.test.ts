import { strict as assert } from "node:assert";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { parseManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { T } from "../resource-types";

const GROUP = "https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instanceGroups/nodes";

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
`;

const template = (path: string) => `  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: node:20-alpine
          ports: [{containerPort: 8080}]
          readinessProbe: {httpGet: {path: ${path}, port: 8080}}`;

async function plan(workload: string): Promise<PlannedResource[]> {
  const manifests = parseManifests(`${INGRESS}---\n${workload}`, "app.yaml");
  const run = await recordPlan(() => {
    new IngressManifests("c", { manifests, instanceGroups: [GROUP], nodeTags: ["nodes"] });
  });
  return run.resources;
}

const webHealthCheck = (resources: PlannedResource[]) =>
  resources.find(
    (r) => r.type === T.healthCheck && !r.name.includes("default-backend") && r.name.includes("web"),
  );

describe("IngressManifests: workloads of every kind", () => {
  const cases: [string, string, string][] = [
    [
      "StatefulSet",
      "kubernetes:apps/v1:StatefulSet",
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n  selector: {matchLabels: {app: web}}\n${template("/from-statefulset")}\n`,
    ],
    [
      "DaemonSet",
      "kubernetes:apps/v1:DaemonSet",
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n${template("/from-daemonset")}\n`,
    ],
    [
      "ReplicaSet",
      "kubernetes:apps/v1:ReplicaSet",
      `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n${template("/from-replicaset")}\n`,
    ],
    [
      "ReplicationController",
      "kubernetes:core/v1:ReplicationController",
      `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n${template("/from-rc")}\n`,
    ],
    [
      "Pod",
      "kubernetes:core/v1:Pod",
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers:\n    - name: web\n      image: node:20-alpine\n      ports: [{containerPort: 8080}]\n      readinessProbe: {httpGet: {path: /from-pod, port: 8080}}\n`,
    ],
  ];
  for (const [kind, type, yaml] of cases) {
    it(`a ${kind} is registered, and its readiness probe gives the health check`, async () => {
      const resources = await plan(yaml);
      assert.equal(resources.filter((r) => r.type === type).length, 1, `one ${type}`);
      const check = webHealthCheck(resources);
      const path = (check?.inputs.httpHealthCheck as { requestPath?: string } | undefined)?.requestPath;
      assert.equal(path, `/from-${kind === "ReplicationController" ? "rc" : kind.toLowerCase()}`);
    });
  }

  it("an extensions/v1beta1 Deployment without a selector gets the one that version defaulted", async () => {
    const resources = await plan(
      `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${template("/ready")}\n`,
    );
    const deployment = resources.find((r) => r.type === T.deployment && r.name === "c-default/web");
    assert.deepEqual((deployment?.inputs.spec as { selector?: unknown }).selector, {
      matchLabels: { app: "web" },
    });
  });

  it("an apps/v1 Deployment without a selector is refused before anything is registered", async () => {
    let caught: unknown;
    const run = await recordPlan(() => {
      try {
        new IngressManifests("c", {
          manifests: parseManifests(
            `${INGRESS}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${template("/")}\n`,
            "app.yaml",
          ),
          instanceGroups: [GROUP],
          nodeTags: ["nodes"],
        });
      } catch (error) {
        caught = error;
      }
    });
    assert.match(
      String(caught),
      /app\.yaml:\d+: Deployment\/default\/web: spec\.selector: apps\/v1 requires spec\.selector/,
    );
    assert.deepEqual(
      run.resources.map((r) => r.type),
      ["pulumi:pulumi:Stack"],
    );
  });
});
