import { strict as assert } from "node:assert";

import * as compute from "@pulumi/gcp/compute";
import { Provider as GcpProvider } from "@pulumi/gcp/provider";
import * as appsv1 from "@pulumi/kubernetes/apps/v1";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../../lib/errors";
import { recordPlan, RecordedRun } from "../../lib/plan/engine";
import { UniqueAllocator } from "../../lib/plan/placeholders";
import { formatPropertyPath } from "../../lib/plan/property-path";
import { PlannedResource, SECRET_MARKER } from "../../lib/plan/types";

const STACK_URN = "urn:pulumi:plan::ingress-glb::pulumi:pulumi:Stack::ingress-glb-plan";
const PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----not-really-a-key";
const TLS_KEY = "tls-key-material-that-must-not-leak";
const DB_PASSWORD = "hunter2-db-password";

class Frontend extends pulumi.ComponentResource {
  readonly backend: compute.BackendService;
  readonly nodePort: pulumi.Output<number>;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Frontend", name, {}, opts);
    const service = new corev1.Service(
      "users",
      {
        metadata: { name: "users", namespace: "default" },
        spec: { type: "NodePort", selector: { app: "users" }, ports: [{ port: 80, targetPort: 8080 }] },
      },
      { parent: this },
    );
    this.nodePort = service.spec.ports[0].nodePort;
    const healthCheck = new compute.HealthCheck(
      "users-hc",
      { httpHealthCheck: { port: this.nodePort, requestPath: "/healthz" } },
      { parent: this },
    );
    this.backend = new compute.BackendService(
      "users-be",
      {
        portName: this.nodePort.apply((port) => `port${port}`),
        healthChecks: healthCheck.selfLink,
        protocol: "HTTP",
      },
      { parent: this },
    );
    new compute.SSLCertificate(
      "cert",
      { certificate: "CERT", privateKey: pulumi.secret(PRIVATE_KEY) },
      { parent: this },
    );
    new corev1.Secret(
      "tls",
      { metadata: { name: "tls" }, type: "kubernetes.io/tls", stringData: { "tls.key": TLS_KEY } },
      { parent: this },
    );
    this.registerOutputs({ backend: this.backend.selfLink });
  }
}

function frontendProgram() {
  new Frontend("web");
  const ip = compute.GlobalAddress.get("ip", "hello-ingress-ip");
  new appsv1.Deployment("api", {
    metadata: { name: "api" },
    spec: {
      selector: { matchLabels: { app: "api" } },
      template: {
        metadata: { labels: { app: "api" } },
        spec: {
          containers: [
            {
              name: "api",
              image: "api:1",
              env: [
                { name: "MODE", value: "prod" },
                { name: "DB_PASSWORD", value: pulumi.secret(DB_PASSWORD) },
              ],
            },
          ],
        },
      },
    },
  });
  new compute.GlobalForwardingRule("http", {
    ipAddress: ip.address,
    target: "placeholder-proxy",
    portRange: "80",
  });
  return { address: ip.address, password: pulumi.secret(DB_PASSWORD) };
}

function find(run: RecordedRun, type: string, name: string): PlannedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `no ${type} named ${name} in ${run.resources.map((r) => r.urn).join(", ")}`);
  return found;
}

function placeholder(run: RecordedRun, urn: string, property: string): unknown {
  const found = run.placeholders.find((p) => p.urn === urn && p.property === property);
  assert.ok(found, `no placeholder ${property} for ${urn}`);
  return found.value;
}

describe("plan engine: recordPlan", () => {
  let run: RecordedRun;

  before(async () => {
    run = await recordPlan(frontendProgram, { config: { "gcp:project": "hello-project" } });
  });

  it("records the root stack, components and their children with type tokens, URNs and parents", () => {
    assert.deepEqual(run.resources[0], {
      type: "pulumi:pulumi:Stack",
      name: "ingress-glb-plan",
      urn: STACK_URN,
      parent: null,
      inputs: {},
      dependencies: [],
      secretPaths: [],
      component: true,
    });
    const frontend = find(run, "test:index:Frontend", "web");
    assert.equal(frontend.urn, "urn:pulumi:plan::ingress-glb::test:index:Frontend::web");
    assert.equal(frontend.parent, STACK_URN);
    assert.equal(frontend.component, true);
    const backend = find(run, "gcp:compute/backendService:BackendService", "users-be");
    assert.equal(
      backend.urn,
      "urn:pulumi:plan::ingress-glb::test:index:Frontend$gcp:compute/backendService:BackendService::users-be",
    );
    assert.equal(backend.parent, frontend.urn);
    assert.equal(backend.component, undefined);
    assert.equal(find(run, "kubernetes:apps/v1:Deployment", "api").parent, STACK_URN);
    assert.equal(run.resources.length, 10);
  });

  it("takes dependencies from the registration, not from the parent", () => {
    const service = find(run, "kubernetes:core/v1:Service", "users");
    const healthCheck = find(run, "gcp:compute/healthCheck:HealthCheck", "users-hc");
    const backend = find(run, "gcp:compute/backendService:BackendService", "users-be");
    assert.deepEqual(backend.dependencies, [healthCheck.urn, service.urn].sort());
    assert.deepEqual(healthCheck.dependencies, [service.urn]);
    assert.deepEqual(service.dependencies, []);
    const ip = find(run, "gcp:compute/globalAddress:GlobalAddress", "ip");
    assert.deepEqual(
      find(run, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "http").dependencies,
      [ip.urn],
    );
  });

  it("flows the Service's placeholder nodePort into the dependent BackendService inputs", () => {
    const service = find(run, "kubernetes:core/v1:Service", "users");
    const nodePort = placeholder(run, service.urn, "spec.ports[0].nodePort");
    assert.equal(typeof nodePort, "number");
    assert.ok((nodePort as number) >= 30000 && (nodePort as number) <= 32767);
    const backend = find(run, "gcp:compute/backendService:BackendService", "users-be");
    assert.equal(backend.inputs.portName, `port${nodePort}`);
    const healthCheck = find(run, "gcp:compute/healthCheck:HealthCheck", "users-hc");
    assert.deepEqual(healthCheck.inputs.httpHealthCheck, { port: nodePort, requestPath: "/healthz" });
    // The registered inputs are what the program sent: the nodePort stays an output, not an input.
    assert.deepEqual(service.inputs.spec, {
      type: "NodePort",
      selector: { app: "users" },
      ports: [{ port: 80, targetPort: 8080 }],
    });
  });

  it("fills GCP ids, autonames and self links from the project config", () => {
    const healthCheck = find(run, "gcp:compute/healthCheck:HealthCheck", "users-hc");
    assert.equal(placeholder(run, healthCheck.urn, "id"), "users-hc-id");
    const name = placeholder(run, healthCheck.urn, "name") as string;
    assert.match(name, /^users-hc-[0-9a-f]{7}$/);
    assert.equal(
      placeholder(run, healthCheck.urn, "selfLink"),
      `https://www.googleapis.com/compute/v1/projects/hello-project/global/healthChecks/${name}`,
    );
    const backend = find(run, "gcp:compute/backendService:BackendService", "users-be");
    assert.equal(backend.inputs.healthChecks, placeholder(run, healthCheck.urn, "selfLink"));
  });

  it("replaces every secret by the marker, lists its path, and never shows it in clear", () => {
    const cert = find(run, "gcp:compute/sSLCertificate:SSLCertificate", "cert");
    assert.equal(cert.inputs.privateKey, SECRET_MARKER);
    assert.ok(cert.secretPaths.includes("privateKey"));
    const secret = find(run, "kubernetes:core/v1:Secret", "tls");
    assert.equal(secret.inputs.stringData, SECRET_MARKER);
    assert.deepEqual(secret.secretPaths, ["stringData"]);
    const deployment = find(run, "kubernetes:apps/v1:Deployment", "api");
    assert.deepEqual(deployment.secretPaths, ["spec.template.spec.containers[0].env[1].value"]);
    const containers = (
      deployment.inputs as { spec: { template: { spec: { containers: { env: unknown[] }[] } } } }
    ).spec.template.spec.containers;
    assert.deepEqual(containers[0].env, [
      { name: "MODE", value: "prod" },
      { name: "DB_PASSWORD", value: SECRET_MARKER },
    ]);
    assert.equal(run.outputs?.password, SECRET_MARKER);
    const text = JSON.stringify(run);
    for (const secretText of [PRIVATE_KEY, TLS_KEY, DB_PASSWORD]) {
      assert.ok(!text.includes(secretText), `${secretText} leaked into the plan`);
    }
  });

  it("marks a Resource.get lookup as read and resolves its outputs from the ID", () => {
    const ip = find(run, "gcp:compute/globalAddress:GlobalAddress", "ip");
    assert.equal(ip.read, true);
    assert.equal(ip.parent, STACK_URN);
    assert.equal(
      run.placeholders.some((p) => p.urn === ip.urn && p.property === "id"),
      false,
      "a read keeps the ID it was given",
    );
    assert.equal(placeholder(run, ip.urn, "name"), "hello-ingress-ip");
    const address = placeholder(run, ip.urn, "address") as string;
    assert.match(address, /^203\.0\.113\.([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$/);
    assert.equal(
      find(run, "gcp:compute/globalForwardingRule:GlobalForwardingRule", "http").inputs.ipAddress,
      address,
    );
    assert.equal(find(run, "gcp:compute/healthCheck:HealthCheck", "users-hc").read, undefined);
  });

  it("returns the root stack outputs", () => {
    assert.deepEqual(run.outputs, {
      address: placeholder(run, find(run, "gcp:compute/globalAddress:GlobalAddress", "ip").urn, "address"),
      password: SECRET_MARKER,
    });
  });

  it("produces the same plan, placeholders included, on every run", async () => {
    const again = await recordPlan(frontendProgram, { config: { "gcp:project": "hello-project" } });
    assert.deepEqual(again, run);
  });

  it("keeps one run's resources out of the next", async () => {
    const other = await recordPlan(() => {
      new compute.HealthCheck("only", { httpHealthCheck: { port: 80 } });
    });
    assert.deepEqual(
      other.resources.map((r) => r.urn),
      [STACK_URN, "urn:pulumi:plan::ingress-glb::gcp:compute/healthCheck:HealthCheck::only"],
    );
    assert.equal(
      other.placeholders.every((p) => p.urn.endsWith("::only")),
      true,
    );
    assert.equal(other.outputs, undefined);
    const third = await recordPlan(frontendProgram, { config: { "gcp:project": "hello-project" } });
    assert.deepEqual(third, run);
  });
});

describe("plan engine: errors", () => {
  it("rejects with the very error the program throws", async () => {
    const error = new InputError("unknown service", { file: "ingress.yaml", field: "spec.rules[0]" });
    await assert.rejects(
      recordPlan(() => {
        new compute.HealthCheck("before-the-error", { httpHealthCheck: { port: 80 } });
        throw error;
      }),
      (thrown) => thrown === error,
    );
    assert.equal(error.message, "ingress.yaml: spec.rules[0]: unknown service");
  });

  it("rejects with the error thrown inside an apply, with its own message", async () => {
    const error = new InputError("port 0 is out of range", { object: "Service/default/users" });
    await assert.rejects(
      recordPlan(() => {
        const port = pulumi.output(0).apply((p) => {
          if (p === 0) throw error;
          return p;
        });
        new compute.HealthCheck("hc", { httpHealthCheck: { port } });
      }),
      (thrown) => thrown === error,
    );
    assert.equal(error.message, "Service/default/users: port 0 is out of range");
  });

  it("rejects a second resource with the same URN, as the engine does", async () => {
    await assert.rejects(
      recordPlan(() => {
        new compute.HealthCheck("twice", {});
        new compute.HealthCheck("twice", {});
      }),
      /duplicate resource URN urn:pulumi:plan::ingress-glb::gcp:compute\/healthCheck:HealthCheck::twice/,
    );
  });

  it("names the provider function it cannot answer offline", async () => {
    await assert.rejects(
      recordPlan(() => {
        const network = compute.getNetworkOutput({ name: "default" });
        new compute.Firewall("fw", { network: network.selfLink, allows: [{ protocol: "tcp" }] });
      }),
      /gcp:compute\/getNetwork:getNetwork/,
    );
  });

  it("reports a program whose registrations never finish instead of hanging", async () => {
    await assert.rejects(
      recordPlan(
        () => {
          new compute.HealthCheck("waits-forever", { name: new Promise<string>(() => undefined) });
        },
        { stallTimeoutMs: 200 },
      ),
      /did not finish within 200 ms/,
    );
  });

  it("refuses a concurrent run, since the runtime is process-wide", async () => {
    const first = recordPlan(() => {
      new compute.HealthCheck("a", {});
    });
    await assert.rejects(
      recordPlan(() => undefined),
      /already running/,
    );
    await first;
  });

  it("plans normally after a failed run", async () => {
    await assert.rejects(
      recordPlan(() => {
        throw new Error("first run fails");
      }),
      /first run fails/,
    );
    const next = await recordPlan(() => {
      new compute.HealthCheck("after", {});
    });
    assert.deepEqual(
      next.resources.map((r) => r.name),
      ["ingress-glb-plan", "after"],
    );
  });
});

describe("plan engine: options, providers and hooks", () => {
  it("records only the resource options that were set", async () => {
    const run = await recordPlan(() => {
      const parent = new pulumi.ComponentResource("test:index:Group", "group");
      new compute.BackendService(
        "guarded",
        { protocol: "HTTP" },
        {
          parent,
          protect: true,
          deleteBeforeReplace: true,
          retainOnDelete: true,
          ignoreChanges: ["description"],
          replaceOnChanges: ["protocol"],
          aliases: [{ name: "old-name" }, { parent: pulumi.rootStackResource }],
        },
      );
      new compute.BackendService("plain", { protocol: "HTTP" });
    });
    assert.deepEqual(find(run, "gcp:compute/backendService:BackendService", "guarded").options, {
      protect: true,
      deleteBeforeReplace: true,
      retainOnDelete: true,
      ignoreChanges: ["description"],
      replaceOnChanges: ["protocol"],
      aliases: [
        "urn:pulumi:plan::ingress-glb::test:index:Group$gcp:compute/backendService:BackendService::old-name",
        "urn:pulumi:plan::ingress-glb::gcp:compute/backendService:BackendService::guarded",
      ],
    });
    assert.equal(find(run, "gcp:compute/backendService:BackendService", "plain").options, undefined);
  });

  it("expands aliases as the engine does: through an aliased parent, and the parent's own onto its children", async () => {
    const run = await recordPlan(() => {
      const group = new pulumi.ComponentResource(
        "test:index:Group",
        "newapp",
        {},
        { aliases: [{ name: "app" }] },
      );
      // Named after the parent: inherits `app-fn` from the parent's alias.
      new compute.BackendService("newapp-fn", { protocol: "HTTP" }, { parent: group });
      // Its own alias under another parent, itself aliased: the alias stands under both of its URNs.
      const other = new pulumi.ComponentResource(
        "test:index:Other",
        "other-new",
        {},
        { aliases: [{ name: "other-old" }] },
      );
      new compute.HealthCheck(
        "hc-new",
        { httpHealthCheck: { port: 80 } },
        { parent: group, aliases: [{ name: "hc-old", parent: other }] },
      );
    });
    const urn = (chain: string, name: string) => `urn:pulumi:plan::ingress-glb::${chain}::${name}`;
    const backend = find(run, "gcp:compute/backendService:BackendService", "newapp-fn");
    assert.deepEqual(backend.options?.aliases, [
      urn("test:index:Group$gcp:compute/backendService:BackendService", "app-fn"),
    ]);
    const hc = find(run, "gcp:compute/healthCheck:HealthCheck", "hc-new");
    assert.deepEqual(
      [...(hc.options?.aliases ?? [])].sort(),
      [
        urn("test:index:Group$gcp:compute/healthCheck:HealthCheck", "hc-old"),
        urn("test:index:Other$gcp:compute/healthCheck:HealthCheck", "hc-old"),
      ].sort(),
    );
  });

  it("expands an alias given as a URN through the parent's aliases, as the engine does a spec", async () => {
    const urn = (name: string) =>
      `urn:pulumi:plan::ingress-glb::test:index:Group$gcp:compute/backendService:BackendService::${name}`;
    const run = await recordPlan(() => {
      const group = new pulumi.ComponentResource(
        "test:index:Group",
        "newapp",
        {},
        { aliases: [{ name: "app" }] },
      );
      new compute.BackendService(
        "newapp-fn",
        { protocol: "HTTP" },
        { parent: group, aliases: [urn("newapp-fn-old")] },
      );
    });
    const backend = find(run, "gcp:compute/backendService:BackendService", "newapp-fn");
    assert.deepEqual(backend.options?.aliases, [urn("newapp-fn-old"), urn("app-fn"), urn("app-fn-old")]);
  });

  it("records explicit providers and passes stack config to them", async () => {
    const run = await recordPlan(
      () => {
        const config = new pulumi.Config("gcp");
        const provider = new GcpProvider("gcp-eu", {
          project: config.require("project"),
          region: "europe-west1",
        });
        new compute.HealthCheck("hc", { httpHealthCheck: { port: 80 } }, { provider });
      },
      { config: { "gcp:project": "from-config" } },
    );
    const provider = find(run, "pulumi:providers:gcp", "gcp-eu");
    assert.equal(provider.inputs.project, "from-config");
    assert.equal(provider.inputs.region, "europe-west1");
    assert.equal(placeholder(run, provider.urn, "id"), "gcp-eu-id");
  });

  it("keeps explicit NodePorts and gives every Service of a plan its own", async () => {
    const run = await recordPlan(() => {
      new corev1.Service("fixed", {
        spec: { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] },
      });
      for (let i = 0; i < 40; i++) {
        new corev1.Service(`svc-${i}`, {
          spec: { type: "NodePort", ports: [{ port: 80 }, { port: 443 }] },
        });
      }
      new corev1.Service("internal", { spec: { type: "ClusterIP", ports: [{ port: 80 }] } });
    });
    const nodePorts = run.placeholders.filter((p) => p.property.endsWith(".nodePort"));
    assert.equal(nodePorts.length, 80);
    assert.equal(new Set(nodePorts.map((p) => p.value)).size, 80);
    assert.ok(!nodePorts.some((p) => p.value === 30080));
    assert.ok(!run.placeholders.some((p) => p.urn.endsWith("::internal") && p.property.includes("nodePort")));
    const fixed = find(run, "kubernetes:core/v1:Service", "fixed");
    assert.ok(!run.placeholders.some((p) => p.urn === fixed.urn && p.property.includes("nodePort")));
    assert.match(placeholder(run, fixed.urn, "metadata.name") as string, /^fixed-[0-9a-f]{8}$/);
  });

  it("answers functions through the invoke hook and extra outputs through the newResource hook", async () => {
    const run = await recordPlan(
      () => {
        const network = compute.getNetworkOutput({ name: "default" });
        const firewall = new compute.Firewall("fw", {
          network: network.selfLink,
          allows: [{ protocol: "tcp" }],
        });
        new compute.HealthCheck("hc", { description: firewall.creationTimestamp });
      },
      {
        invoke: ({ token, args }) => {
          assert.equal(token, "gcp:compute/getNetwork:getNetwork");
          return { selfLink: `networks/${String(args.name)}`, name: args.name };
        },
        newResource: ({ type }) =>
          type === "gcp:compute/firewall:Firewall"
            ? { outputs: { creationTimestamp: "1970-01-01" } }
            : undefined,
      },
    );
    const firewall = find(run, "gcp:compute/firewall:Firewall", "fw");
    assert.equal(firewall.inputs.network, "networks/default");
    assert.equal(placeholder(run, firewall.urn, "creationTimestamp"), "1970-01-01");
    assert.equal(find(run, "gcp:compute/healthCheck:HealthCheck", "hc").inputs.description, "1970-01-01");
  });

  it("sets isDryRun only in preview mode, and outputs still resolve", async () => {
    let dryRun: boolean | undefined;
    const run = await recordPlan(
      () => {
        dryRun = pulumi.runtime.isDryRun();
        const hc = new compute.HealthCheck("hc", {});
        new compute.BackendService("be", { healthChecks: hc.selfLink });
      },
      { preview: true },
    );
    assert.equal(dryRun, true);
    assert.match(
      String(find(run, "gcp:compute/backendService:BackendService", "be").inputs.healthChecks),
      /hc-/,
    );
  });
});

describe("plan engine: helpers", () => {
  it("writes property paths the way Pulumi does", () => {
    assert.equal(formatPropertyPath(["spec", "ports", 0, "nodePort"]), "spec.ports[0].nodePort");
    assert.equal(formatPropertyPath(["data", "tls.key"]), 'data["tls.key"]');
    assert.equal(formatPropertyPath(["privateKey"]), "privateKey");
  });

  it("probes to the next free value on a collision, deterministically", () => {
    const pool = new UniqueAllocator(30000, 30002);
    pool.reserve(30001);
    assert.equal(pool.allocate(0), 30000);
    assert.equal(pool.allocate(0), 30002);
    assert.throws(() => pool.allocate(0), /no free placeholder value/);
  });
});
