import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BackendApp, BackendAppArgs } from "../../lib/components/backend-app";
import { IngressLoadBalancer, IngressLoadBalancerArgs } from "../../lib/components/load-balancer";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { loadManifests, parseManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { PlannedResource } from "../../lib/plan/types";
import { seedIngress } from "../translate/fixtures";
import { T } from "../resource-types";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const GROUPS = [
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-pool-a-grp",
  "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-b/instanceGroups/gke-pool-b-grp",
];
const MULTI_TEAM = path.resolve(__dirname, "../../examples/multi-team/manifests");

/** Resolves an output inside a recorded program. */
const value = <T>(output: pulumi.Output<T>) => new Promise<T>((done) => output.apply(done));

/** The seed's load balancer through the typed API, `extra` over its args; `before` may register other resources. */
async function planSeed(
  extra: (registered: Record<string, pulumi.Resource>) => Partial<IngressLoadBalancerArgs> = () => ({}),
  before: () => Record<string, pulumi.Resource> = () => ({}),
) {
  let lb: IngressLoadBalancer | undefined;
  let others: Record<string, pulumi.Resource> = {};
  const run = await recordPlan(async () => {
    others = before();
    const app = (name: string) =>
      new BackendApp(name, { serviceName: `${name}-node-svc`, image: "node:20-alpine", containerPort: 8080 });
    lb = new IngressLoadBalancer("hello-ingress", {
      ingresses: [seedIngress()],
      backends: [app("users"), app("products")],
      instanceGroups: GROUPS,
      nodeTags: ["gke-node"],
      ...extra(others),
    });
    await value(lb.urn);
  });
  const of = (type: string) => run.resources.filter((r) => r.type === type);
  return { run, of, lb: lb as IngressLoadBalancer, others };
}

describe("typed API: an output passed for an Input arg reaches the resource property", () => {
  async function planApp(args: Partial<BackendAppArgs>) {
    const run = await recordPlan(() => {
      new BackendApp("users", { image: "i", containerPort: 8080, ...args });
    });
    const one = (type: string) =>
      run.resources.find((r: PlannedResource) => r.type === type)?.inputs as Inputs;
    return { run, one };
  }

  it("BackendApp: image, command, env, files, labels, replicas and readiness path as outputs", async () => {
    const { one } = await planApp({
      image: pulumi.output("img:1"),
      command: pulumi.output(["node", pulumi.output("/app/server.js")]),
      env: pulumi.output({ MODE: pulumi.output("blue"), PLAIN: "x" }),
      files: pulumi.output({ "server.js": pulumi.output("listen(8080)") }),
      labels: pulumi.output({ team: pulumi.output("a"), "app.kubernetes.io/name": "not-ours" }),
      replicas: pulumi.output(3),
      readinessPath: pulumi.output("/ready"),
    });
    const deployment = one(T.deployment);
    const container = deployment.spec.template.spec.containers[0];
    assert.equal(container.image, "img:1");
    assert.deepEqual(container.command, ["node", "/app/server.js"]);
    assert.deepEqual(container.env, [
      { name: "MODE", value: "blue" },
      { name: "PLAIN", value: "x" },
    ]);
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(container.readinessProbe.httpGet.path, "/ready");
    assert.equal(one(T.configMap).data["server.js"], "listen(8080)");
    // The user's labels reach every object; the app.kubernetes.io ones stay ours (the selector needs them).
    for (const labels of [deployment.metadata.labels, one(T.service).metadata.labels]) {
      assert.equal(labels.team, "a");
      assert.equal(labels["app.kubernetes.io/name"], "users");
    }
    assert.deepEqual(deployment.spec.selector.matchLabels, one(T.service).spec.selector);
  });

  it("BackendApp: a secret env value stays secret", async () => {
    const { run } = await planApp({ env: { TOKEN: pulumi.secret("s3cret") } });
    const deployment = run.resources.find((r) => r.type === T.deployment) as PlannedResource;
    assert.ok(deployment.secretPaths.some((p) => p.startsWith("spec.template.spec.containers")));
    assert.doesNotMatch(JSON.stringify(deployment.inputs), /s3cret/);
  });

  it("staticIpName from another resource's output: that address is looked up, never created", async () => {
    const { of, others } = await planSeed(
      (r) => ({ staticIpName: (r.shared as gcp.compute.GlobalAddress).name }),
      () => ({ shared: new gcp.compute.GlobalAddress("shared-ip", { name: "shared-ip" }) }),
    );
    const sharedName = await value((others.shared as gcp.compute.GlobalAddress).name);
    const lookups = of(T.address).filter((r) => r.read);
    assert.equal(lookups.length, 1);
    assert.equal(lookups[0].id, sharedName);
    assert.equal(lookups[0].name, "hello-ingress-ip", "the lookup's logical name is the load balancer's");
    assert.equal(
      of(T.address).filter((r) => !r.read).length,
      1,
      "only the other program's own address is created",
    );
  });

  it("staticIpName: a plain name is still checked, an output is left to GCP", async () => {
    await assert.rejects(
      planSeed(() => ({ staticIpName: "Bad_Name" })),
      /"Bad_Name" is not a valid GCP address name/,
    );
    const { of } = await planSeed(() => ({ staticIpName: pulumi.output("Bad_Name") }));
    assert.equal(of(T.address).find((r) => r.read)?.id, "Bad_Name");
  });

  it("sslPolicy and preSharedCertificates as outputs reach the HTTPS proxy", async () => {
    const { of } = await planSeed(() => ({
      preSharedCertificates: ["plain-cert", pulumi.output("corp-cert")],
      sslPolicy: pulumi.output("corp-tls"),
      project: "hello-project",
    }));
    const [proxy] = of(T.httpsProxy);
    assert.deepEqual(proxy.inputs.sslCertificates, [
      "projects/hello-project/global/sslCertificates/plain-cert",
      "projects/hello-project/global/sslCertificates/corp-cert",
    ]);
    const policies = of(T.sslPolicy);
    assert.equal(policies.length, 1);
    assert.equal(policies[0].read, true);
    assert.equal(policies[0].id, "projects/hello-project/global/sslPolicies/corp-tls");
    assert.equal(proxy.inputs.sslPolicy, policies[0].id);
    // A plain name is still checked.
    await assert.rejects(
      planSeed(() => ({ preSharedCertificates: [pulumi.output("ok"), "Not_Valid"] })),
      /"Not_Valid" is not a valid Compute Engine SSL certificate name/,
    );
  });

  it("a security policy name from another resource's output reaches the backend service", async () => {
    const { of, others } = await planSeed(
      (r) => ({
        backendOptions: {
          "default/users-node-svc:80": {
            securityPolicy: { name: (r.armor as gcp.compute.SecurityPolicy).name },
            timeoutSec: 40,
          },
        },
      }),
      () => ({ armor: new gcp.compute.SecurityPolicy("armor", { name: "edge-armor" }) }),
    );
    const armorName = await value((others.armor as gcp.compute.SecurityPolicy).name);
    const users = of(T.backendService).find(
      (r) => r.inputs.description === "Kubernetes Service default/users-node-svc:80",
    );
    assert.equal(users?.inputs.securityPolicy, armorName);
    assert.equal(users?.inputs.timeoutSec, 40);
    assert.ok(users?.dependencies.includes(await value(others.armor.urn)));
    await assert.rejects(
      planSeed(() => ({
        backendOptions: { "default/users-node-svc:80": { securityPolicy: { name: "Bad Name" } } },
      })),
      /"Bad Name" is not a valid security policy name/,
    );
  });
});

/** The URNs of `resources`, resolved. */
const urns = (resources: pulumi.Resource[]) => Promise.all(resources.map((r) => value(r.urn)));
const sorted = (list: string[]) => [...list].sort();

describe("typed API: every child is exposed", () => {
  it("IngressLoadBalancer: every GCP resource under it is one of its fields, of its class", async () => {
    let fields: string[] = [];
    let lbUrn = "";
    const run = await recordPlan(async () => {
      const app = (name: string) =>
        new BackendApp(name, { serviceName: `${name}-node-svc`, image: "i", containerPort: 8080 });
      const lb = new IngressLoadBalancer("hello-ingress", {
        ingresses: [seedIngress()],
        backends: [app("users"), app("products")],
        instanceGroups: GROUPS,
        nodeTags: ["gke-node"],
        preSharedCertificates: ["corp-cert"],
        managedCertificates: [{ name: "www", domains: ["www.example.com"] }],
        sslPolicy: { profile: "RESTRICTED" },
        redirectToHttps: true,
        ipv6: true,
      });
      const https = lb.https;
      const ipv6 = lb.ipv6;
      assert.ok(https && ipv6 && lb.httpProxy && lb.httpForwardingRule && lb.defaultBackend);
      assert.ok(lb.firewall instanceof gcp.compute.Firewall);
      assert.ok(lb.address instanceof gcp.compute.GlobalAddress);
      assert.ok(lb.urlMap instanceof gcp.compute.URLMap);
      assert.ok(lb.httpProxy instanceof gcp.compute.TargetHttpProxy);
      assert.ok(lb.httpForwardingRule instanceof gcp.compute.GlobalForwardingRule);
      assert.ok(lb.defaultBackend instanceof BackendApp);
      assert.ok(https.sslPolicy instanceof gcp.compute.SSLPolicy);
      assert.ok(https.redirectUrlMap instanceof gcp.compute.URLMap);
      assert.ok(ipv6.address instanceof gcp.compute.GlobalAddress);
      assert.deepEqual(Object.keys(lb.healthChecks), Object.keys(lb.backendServices));
      for (const check of Object.values(lb.healthChecks)) assert.ok(check instanceof gcp.compute.HealthCheck);
      assert.deepEqual(Object.keys(lb.backendNamedPorts), Object.keys(lb.backendServices));
      for (const port of Object.values(lb.backendNamedPorts).flat()) {
        assert.ok(port instanceof gcp.compute.InstanceGroupNamedPort);
      }
      fields = await urns([
        ...Object.values(lb.backendServices),
        ...Object.values(lb.healthChecks),
        ...Object.values(lb.backendNamedPorts).flat(),
        lb.firewall,
        lb.urlMap,
        lb.address,
        lb.httpProxy,
        lb.httpForwardingRule,
        https.proxy,
        https.forwardingRule,
        ...https.certificates,
        ...https.managedCertificates,
        https.sslPolicy as gcp.compute.SSLPolicy,
        https.redirectUrlMap as gcp.compute.URLMap,
        ipv6.address,
        ...ipv6.forwardingRules,
        lb.defaultBackend,
      ]);
      lbUrn = await value(lb.urn);
    });
    const children = run.resources.filter((r) => r.parent === lbUrn).map((r) => r.urn);
    // 3 backend services, 3 health checks, 6 named ports, firewall, URL map, address, :80 proxy and rule,
    // :443 proxy and rule, managed certificate, SSL policy, redirect URL map, IPv6 address and 2 rules, 404 app.
    assert.equal(children.length, 26);
    assert.deepEqual(sorted(fields), sorted(children));
  });

  it("IngressManifests: every object under it is one of its fields, of its class", async () => {
    const manifests = loadManifests([MULTI_TEAM]);
    const extra = parseManifests(
      "apiVersion: v1\nkind: Secret\nmetadata: {name: api-token, namespace: team-a}\nstringData: {token: t}\n",
      "secret.yaml",
    );
    manifests.secrets.push(...extra.secrets);
    let fields: string[] = [];
    let componentUrn = "";
    const run = await recordPlan(async () => {
      const component = new IngressManifests("multi", {
        manifests,
        instanceGroups: GROUPS,
        nodeTags: ["gke-node"],
      });
      for (const ns of component.namespaces) assert.ok(ns instanceof k8s.core.v1.Namespace);
      for (const map of component.configMaps) assert.ok(map instanceof k8s.core.v1.ConfigMap);
      for (const secret of component.secrets) assert.ok(secret instanceof k8s.core.v1.Secret);
      for (const workload of component.workloads) assert.ok(workload instanceof k8s.apps.v1.Deployment);
      for (const lb of component.loadBalancers) assert.ok(lb instanceof IngressLoadBalancer);
      assert.deepEqual(
        [component.namespaces, component.configMaps, component.secrets, component.workloads].map(
          (l) => l.length,
        ),
        [2, 2, 1, 2],
      );
      fields = await urns([
        ...component.namespaces,
        ...component.configMaps,
        ...component.secrets,
        ...component.workloads,
        ...component.services.map((s) => s.resource),
        ...Object.values(component.secretReads),
        ...component.namedPorts.all(),
        ...component.loadBalancers,
      ]);
      componentUrn = await value(component.urn);
    });
    const children = run.resources.filter((r) => r.parent === componentUrn).map((r) => r.urn);
    assert.deepEqual(sorted(fields), sorted(children));
  });
});

describe("typed API: registered outputs", () => {
  type Registrar = { registerOutputs(this: pulumi.ComponentResource, outputs?: pulumi.Inputs): void };
  const prototype = pulumi.ComponentResource.prototype as unknown as Registrar;

  it("each component registers the outputs it exposes", async () => {
    const registered = new Map<pulumi.Resource, pulumi.Inputs>();
    const original = prototype.registerOutputs;
    prototype.registerOutputs = function (outputs) {
      if (outputs) registered.set(this, outputs);
      return original.call(this, outputs);
    };
    const seen: Record<string, unknown> = {};
    try {
      await recordPlan(async () => {
        const component = new IngressManifests("multi", {
          manifests: loadManifests([MULTI_TEAM]),
          instanceGroups: GROUPS,
          nodeTags: ["gke-node"],
          ipv6: true,
        });
        const [lb] = component.loadBalancers;
        const ofLb = registered.get(lb) ?? {};
        const ofComponent = registered.get(component) ?? {};
        seen.lbKeys = Object.keys(ofLb).sort();
        seen.componentKeys = Object.keys(ofComponent).sort();
        seen.ipAddress = [await value(pulumi.output(ofLb.ipAddress)), await value(lb.ipAddress)];
        seen.ipv6Address = [await value(pulumi.output(ofLb.ipv6Address)), await value(lb.ipv6Address!)];
        seen.ipAddresses = [
          await value(pulumi.output(ofComponent.ipAddresses)),
          await value(pulumi.all(component.ipAddresses)),
        ];
      });
    } finally {
      prototype.registerOutputs = original;
    }
    assert.deepEqual(seen.lbKeys, ["ipAddress", "ipv6Address", "urlMap"]);
    assert.deepEqual(seen.componentKeys, ["ipAddresses"]);
    for (const key of ["ipAddress", "ipv6Address", "ipAddresses"]) {
      const [registeredValue, field] = seen[key] as unknown[];
      assert.ok(registeredValue !== undefined, key);
      assert.deepEqual(registeredValue, field, key);
    }
  });
});
