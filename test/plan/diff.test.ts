import { strict as assert } from "node:assert";
import {
  DiffOptions,
  PlanDiff,
  ResourceChange,
  changedPaths,
  diffPlans,
  hasChanges,
} from "../../lib/plan/diff";
import { Placeholder, Plan, PlannedResource, PlannedRoute, SECRET_MARKER } from "../../lib/plan/types";
import { Warning } from "../../lib/translate/model";
import { T } from "../resource-types";

const LB = "urn:pulumi:dev::ingress-glb::ingress-glb:index:LoadBalancer::web";

function urnOf(type: string, name: string, parent: string | null = LB): string {
  return parent
    ? `urn:pulumi:dev::ingress-glb::ingress-glb:index:LoadBalancer$${type}::${name}`
    : `urn:pulumi:dev::ingress-glb::${type}::${name}`;
}

function res(
  type: string,
  name: string,
  inputs: Record<string, unknown> = {},
  extra: Partial<PlannedResource> = {},
): PlannedResource {
  const parent = extra.parent === undefined ? LB : extra.parent;
  return {
    type,
    name,
    urn: urnOf(type, name, parent),
    parent,
    inputs,
    dependencies: [],
    secretPaths: [],
    ...extra,
  };
}

function plan(
  resources: PlannedResource[],
  more: { routes?: PlannedRoute[]; warnings?: Warning[]; placeholders?: Placeholder[] } = {},
): Plan {
  return {
    resources,
    routes: more.routes ?? [],
    warnings: more.warnings ?? [],
    placeholders: more.placeholders ?? [],
  };
}

function only(diff: PlanDiff): ResourceChange {
  assert.equal(diff.resources.length, 1, JSON.stringify(diff.resources, null, 2));
  return diff.resources[0];
}

function byName(diff: PlanDiff, name: string): ResourceChange {
  const found = diff.resources.find((change) => change.name === name);
  assert.ok(found, `no change for ${name} in ${JSON.stringify(diff.resources.map((change) => change.name))}`);
  return found;
}

describe("diffPlans", () => {
  describe("classifies each resource", () => {
    const cases: {
      title: string;
      base: PlannedResource[];
      head: PlannedResource[];
      options?: DiffOptions;
      expect: Partial<ResourceChange> | undefined;
    }[] = [
      {
        title: "same inputs: no change",
        base: [res(T.healthCheck, "users-hc", { checkIntervalSec: 60 })],
        head: [res(T.healthCheck, "users-hc", { checkIntervalSec: 60 })],
        expect: undefined,
      },
      {
        title: "only in head: create",
        base: [],
        head: [res(T.healthCheck, "users-hc", { checkIntervalSec: 60 })],
        expect: { op: "create", name: "users-hc", properties: [] },
      },
      {
        title: "only in base: delete",
        base: [res(T.healthCheck, "users-hc", { checkIntervalSec: 60 })],
        head: [],
        expect: { op: "delete", name: "users-hc", properties: [] },
      },
      {
        title: "an updatable input: update",
        base: [res(T.healthCheck, "users-hc", { checkIntervalSec: 5 })],
        head: [res(T.healthCheck, "users-hc", { checkIntervalSec: 60 })],
        expect: {
          op: "update",
          properties: [{ path: "checkIntervalSec", kind: "update", before: 5, after: 60 }],
        },
      },
      {
        title: "a ForceNew input: create-before-delete replacement",
        base: [res(T.forwardingRule, "web-http", { portRange: "80", target: "t" })],
        head: [res(T.forwardingRule, "web-http", { portRange: "8080", target: "t" })],
        expect: { op: "replace", replaceMode: "create-before-delete", replaceCauses: ["portRange"] },
      },
      {
        title: "a ForceNew input with deleteBeforeReplace: delete-before-replace",
        base: [res(T.forwardingRule, "web-http", { portRange: "80" })],
        head: [
          res(
            T.forwardingRule,
            "web-http",
            { portRange: "8080" },
            { options: { deleteBeforeReplace: true } },
          ),
        ],
        expect: { op: "replace", replaceMode: "delete-before-replace", replaceCauses: ["portRange"] },
      },
      {
        title: "a fixed GCP name makes the provider delete first",
        base: [
          res(T.certificate, "tls", { name: "web-tls", certificate: "PEM-A", privateKey: SECRET_MARKER }),
        ],
        head: [
          res(T.certificate, "tls", { name: "web-tls", certificate: "PEM-B", privateKey: SECRET_MARKER }),
        ],
        expect: { op: "replace", replaceMode: "delete-before-replace", replaceCauses: ["certificate"] },
      },
      {
        // The Terraform bridge deletes first for any given name (@pulumi/gcp has no unique-name fields here).
        title: "a changed GCP name is itself the cause; a given name is deleted first all the same",
        base: [res(T.backendService, "users", { name: "users-a", protocol: "HTTP" })],
        head: [res(T.backendService, "users", { name: "users-b", protocol: "HTTP" })],
        expect: { op: "replace", replaceMode: "delete-before-replace", replaceCauses: ["name"] },
      },
      {
        title: "an autonamed GCP resource is created before the old one goes",
        base: [res(T.certificate, "users", { certificate: "A" })],
        head: [res(T.certificate, "users", { certificate: "B" })],
        expect: { op: "replace", replaceMode: "create-before-delete", replaceCauses: ["certificate"] },
      },
      {
        title: "a fixed Kubernetes name in the same namespace makes the provider delete first",
        base: [
          res(T.service, "users", {
            metadata: { name: "users", namespace: "default" },
            spec: { clusterIP: "10.0.0.1" },
          }),
        ],
        head: [
          res(T.service, "users", {
            metadata: { name: "users", namespace: "default" },
            spec: { clusterIP: "10.0.0.2" },
          }),
        ],
        expect: { op: "replace", replaceMode: "delete-before-replace", replaceCauses: ["spec.clusterIP"] },
      },
      {
        title: "an autonamed Deployment whose selector changes: create-before-delete",
        base: [
          res(T.deployment, "users", { spec: { selector: { matchLabels: { app: "users" } }, replicas: 1 } }),
        ],
        head: [
          res(T.deployment, "users", {
            spec: { selector: { matchLabels: { app: "users-v2" } }, replicas: 1 },
          }),
        ],
        expect: {
          op: "replace",
          replaceMode: "create-before-delete",
          replaceCauses: ["spec.selector.matchLabels.app"],
        },
      },
      {
        title: "a Service type change is an update",
        base: [res(T.service, "users", { spec: { type: "NodePort" } })],
        head: [res(T.service, "users", { spec: { type: "ClusterIP" } })],
        expect: { op: "update" },
      },
      {
        title: "replaceOnChanges turns an updatable input into a replacement",
        base: [res(T.healthCheck, "users-hc", { checkIntervalSec: 5 })],
        head: [
          res(
            T.healthCheck,
            "users-hc",
            { checkIntervalSec: 60 },
            { options: { replaceOnChanges: ["checkIntervalSec"] } },
          ),
        ],
        expect: { op: "replace", replaceCauses: ["checkIntervalSec"] },
      },
      {
        title: 'replaceOnChanges "*" replaces on any input',
        base: [res(T.healthCheck, "users-hc", { timeoutSec: 5 })],
        head: [res(T.healthCheck, "users-hc", { timeoutSec: 6 }, { options: { replaceOnChanges: ["*"] } })],
        expect: { op: "replace", replaceCauses: ["timeoutSec"] },
      },
      {
        title: "ignoreChanges hides a change",
        base: [res(T.forwardingRule, "web-http", { portRange: "80" })],
        head: [
          res(
            T.forwardingRule,
            "web-http",
            { portRange: "8080" },
            { options: { ignoreChanges: ["portRange"] } },
          ),
        ],
        expect: undefined,
      },
      {
        title: "ConfigMap data replaces by default",
        base: [res(T.configMap, "site", { data: { index: "a" } })],
        head: [res(T.configMap, "site", { data: { index: "b" } })],
        expect: { op: "replace", replaceCauses: ["data.index"] },
      },
      {
        title: "ConfigMap data updates when the provider makes ConfigMaps mutable",
        base: [res(T.configMap, "site", { data: { index: "a" } })],
        head: [res(T.configMap, "site", { data: { index: "b" } })],
        options: { kubernetes: { enableConfigMapMutable: true } },
        expect: { op: "update" },
      },
    ];

    for (const { title, base, head, options, expect } of cases) {
      it(title, () => {
        const diff = diffPlans(plan(base), plan(head), options);
        if (expect === undefined) {
          assert.deepEqual(diff.resources, []);
          assert.equal(diff.summary.unchanged, head.length);
          return;
        }
        const change = only(diff);
        for (const [key, value] of Object.entries(expect)) {
          assert.deepEqual(change[key as keyof ResourceChange], value, `${key} of ${JSON.stringify(change)}`);
        }
      });
    }
  });

  it("says why a delete-before-replace leaves a gap", () => {
    const base = plan([res(T.certificate, "tls", { name: "web-tls", certificate: "A" })]);
    const head = plan([res(T.certificate, "tls", { name: "web-tls", certificate: "B" })]);
    const cautions = only(diffPlans(base, head)).cautions ?? [];
    assert.ok(
      cautions.some((text) => /the name "web-tls" is given, not autonamed/.test(text) && /gap/.test(text)),
      cautions.join("\n"),
    );
  });

  it("warns about deleting a protected or retained resource", () => {
    const address = res(
      T.address,
      "web-ip",
      { description: "x" },
      { options: { protect: true, retainOnDelete: true } },
    );
    const change = only(diffPlans(plan([address]), plan([])));
    assert.equal(change.op, "delete");
    assert.equal(change.cautions?.length, 2);
    assert.match(change.cautions?.[0] ?? "", /protected/);
  });

  it("flags a load balancing scheme flip as an update that needs the migration states", () => {
    const base = plan([res(T.backendService, "users", { loadBalancingScheme: "EXTERNAL" })]);
    const head = plan([res(T.backendService, "users", { loadBalancingScheme: "EXTERNAL_MANAGED" })]);
    const change = only(diffPlans(base, head));
    assert.equal(change.op, "update");
    assert.match(change.cautions?.[0] ?? "", /externalManagedMigrationState/);
  });

  describe("secrets", () => {
    it("cannot see a change behind two secret markers, so it reports none", () => {
      const secret = (crt: string) =>
        res(T.secret, "tls", {
          type: "kubernetes.io/tls",
          data: { "tls.crt": crt, "tls.key": SECRET_MARKER },
        });
      assert.deepEqual(diffPlans(plan([secret(SECRET_MARKER)]), plan([secret(SECRET_MARKER)])).resources, []);
    });

    it("still sees a value becoming secret", () => {
      const base = plan([res(T.secret, "tls", { data: { token: "abc" } })]);
      const head = plan([res(T.secret, "tls", { data: { token: SECRET_MARKER } })]);
      const change = only(diffPlans(base, head));
      assert.equal(change.op, "replace");
      assert.deepEqual(change.properties, [
        { path: "data.token", kind: "update", before: "abc", after: SECRET_MARKER },
      ]);
    });
  });

  describe("a rotated certificate (new fingerprint, new name)", () => {
    const oldCert = res(T.certificate, "web-tls-aaaa1111", {
      certificate: "PEM-OLD",
      privateKey: SECRET_MARKER,
    });
    const newCert = res(T.certificate, "web-tls-bbbb2222", {
      certificate: "PEM-NEW",
      privateKey: SECRET_MARKER,
    });
    const proxy = (cert: PlannedResource, reference: string) =>
      res(
        T.httpsProxy,
        "web-https-proxy",
        { urlMap: "web-map-id", sslCertificates: [reference] },
        { dependencies: [cert.urn] },
      );

    it("is one create-before-delete replacement renamed from the old certificate, and the proxy is updated", () => {
      const diff = diffPlans(
        plan([oldCert, proxy(oldCert, "web-tls-aaaa1111-id")]),
        plan([newCert, proxy(newCert, "web-tls-bbbb2222-id")]),
      );
      assert.deepEqual(
        diff.resources.map((change) => [change.op, change.name]),
        [
          ["replace", "web-tls-bbbb2222"],
          ["update", "web-https-proxy"],
        ],
      );
      const cert = byName(diff, "web-tls-bbbb2222");
      assert.equal(cert.renamedFrom, oldCert.urn);
      assert.equal(cert.replaceMode, "create-before-delete");
      assert.deepEqual(cert.replaceCauses, ["certificate"]);
      assert.deepEqual(byName(diff, "web-https-proxy").properties, [
        {
          path: "sslCertificates[0]",
          kind: "update",
          before: "web-tls-aaaa1111-id",
          after: "web-tls-bbbb2222-id",
        },
      ]);
      assert.equal(byName(diff, "web-https-proxy").via, undefined);
      assert.deepEqual(
        [diff.summary.replace, diff.summary.update, diff.summary.create, diff.summary.delete],
        [1, 1, 0, 0],
      );
    });

    it("pairs through a placeholder self link as well", () => {
      const link = (name: string) =>
        `https://www.googleapis.com/compute/v1/projects/p/global/sslCertificates/${name}`;
      const placeholders = (cert: PlannedResource): Placeholder[] => [
        { urn: cert.urn, property: "selfLink", value: link(`${cert.name}-0a1b2c3`) },
      ];
      const diff = diffPlans(
        plan([oldCert, proxy(oldCert, link("web-tls-aaaa1111-0a1b2c3"))], {
          placeholders: placeholders(oldCert),
        }),
        plan([newCert, proxy(newCert, link("web-tls-bbbb2222-0a1b2c3"))], {
          placeholders: placeholders(newCert),
        }),
      );
      assert.equal(byName(diff, "web-tls-bbbb2222").renamedFrom, oldCert.urn);
    });

    it("stays a create and a delete when no kept resource moved its reference", () => {
      const diff = diffPlans(plan([oldCert]), plan([newCert]));
      assert.deepEqual(diff.resources.map((change) => change.op).sort(), ["create", "delete"]);
    });

    it("stays a create and a delete across different parents", () => {
      const elsewhere = res(T.certificate, "web-tls-bbbb2222", { certificate: "PEM-NEW" }, { parent: null });
      const diff = diffPlans(
        plan([oldCert, proxy(oldCert, "web-tls-aaaa1111-id")]),
        plan([elsewhere, proxy(elsewhere, "web-tls-bbbb2222-id")]),
      );
      assert.deepEqual(diff.resources.map((change) => change.op).sort(), ["create", "delete", "update"]);
    });
  });

  describe("propagation to resources that point at a replaced one", () => {
    it("updates a backend service whose health check is replaced, and leaves the shared project alone", () => {
      const hc = (name: string) => res(T.healthCheck, "users-hc", { name, project: "p" });
      const backend = res(
        T.backendService,
        "users",
        { project: "p", healthChecks: "users-hc-id" },
        { dependencies: [urnOf(T.healthCheck, "users-hc")] },
      );
      const placeholders: Placeholder[] = [
        { urn: urnOf(T.healthCheck, "users-hc"), property: "project", value: "p" },
      ];
      const diff = diffPlans(
        plan([hc("hc-a"), backend], { placeholders }),
        plan([hc("hc-b"), backend], { placeholders }),
      );
      assert.equal(byName(diff, "users-hc").op, "replace");
      const change = byName(diff, "users");
      assert.equal(change.op, "update");
      assert.deepEqual(change.properties, []);
      assert.deepEqual(change.via, [{ path: "healthChecks", urn: urnOf(T.healthCheck, "users-hc") }]);
      assert.equal(diff.summary.unchanged, 0);
    });

    it("replaces a forwarding rule whose reserved address is replaced (ipAddress is ForceNew), then updates nothing else", () => {
      const address = (description: string) => res(T.address, "web-ip", { description });
      const placeholders: Placeholder[] = [
        { urn: urnOf(T.address, "web-ip"), property: "address", value: "203.0.113.7" },
      ];
      const rule = res(
        T.forwardingRule,
        "web-http",
        { ipAddress: "203.0.113.7", portRange: "80", target: "web-http-proxy-id" },
        { dependencies: [urnOf(T.address, "web-ip"), urnOf(T.httpProxy, "web-http-proxy")] },
      );
      const proxy = res(T.httpProxy, "web-http-proxy", { urlMap: "web-map-id" });
      const diff = diffPlans(
        plan([address("old"), proxy, rule], { placeholders }),
        plan([address("new"), proxy, rule], { placeholders }),
      );
      const change = byName(diff, "web-http");
      assert.equal(change.op, "replace");
      assert.deepEqual(change.replaceCauses, ["ipAddress"]);
      assert.deepEqual(change.via, [{ path: "ipAddress", urn: urnOf(T.address, "web-ip") }]);
      assert.deepEqual([diff.summary.replace, diff.summary.unchanged], [2, 1]);
    });

    it("follows a chain: a replaced proxy updates the forwarding rule's target", () => {
      const proxy = (description: string) =>
        res(T.httpProxy, "web-http-proxy", { description, urlMap: "web-map-id" });
      const rule = res(
        T.forwardingRule,
        "web-http",
        { target: "web-http-proxy-id" },
        { dependencies: [urnOf(T.httpProxy, "web-http-proxy")] },
      );
      const diff = diffPlans(plan([proxy("a"), rule]), plan([proxy("b"), rule]));
      assert.equal(byName(diff, "web-http-proxy").op, "replace");
      assert.equal(byName(diff, "web-http").op, "update");
    });

    it("matches numeric placeholders such as a NodePort", () => {
      const service = (clusterIP: string) =>
        res(T.service, "users", { spec: { clusterIP, type: "NodePort" } });
      const placeholders: Placeholder[] = [
        { urn: urnOf(T.service, "users"), property: "spec.ports[0].nodePort", value: 30123 },
      ];
      const hc = res(
        T.healthCheck,
        "users-hc",
        { httpHealthCheck: { port: 30123 } },
        { dependencies: [urnOf(T.service, "users")] },
      );
      const backend = res(
        T.backendService,
        "users-be",
        { portName: "port30123" },
        { dependencies: [urnOf(T.service, "users")] },
      );
      const diff = diffPlans(
        plan([service("10.0.0.1"), hc, backend], { placeholders }),
        plan([service("10.0.0.2"), hc, backend], { placeholders }),
      );
      assert.deepEqual(byName(diff, "users-hc").via, [
        { path: "httpHealthCheck.port", urn: urnOf(T.service, "users") },
      ]);
      assert.deepEqual(byName(diff, "users-be").via, [{ path: "portName", urn: urnOf(T.service, "users") }]);
    });

    it("skips an input under ignoreChanges", () => {
      const proxy = (description: string) => res(T.httpProxy, "web-http-proxy", { description });
      const rule = res(
        T.forwardingRule,
        "web-http",
        { target: "web-http-proxy-id" },
        { dependencies: [urnOf(T.httpProxy, "web-http-proxy")], options: { ignoreChanges: ["target"] } },
      );
      const diff = diffPlans(plan([proxy("a"), rule]), plan([proxy("b"), rule]));
      assert.deepEqual(
        diff.resources.map((change) => change.name),
        ["web-http-proxy"],
      );
    });

    it("ignores a name that is not a registered dependency", () => {
      const proxy = (description: string) => res(T.httpProxy, "web-http-proxy", { description });
      const rule = res(T.forwardingRule, "web-http", { target: "web-http-proxy-id" });
      const diff = diffPlans(plan([proxy("a"), rule]), plan([proxy("b"), rule]));
      assert.deepEqual(
        diff.resources.map((change) => change.name),
        ["web-http-proxy"],
      );
    });
  });

  describe("looked-up and component resources", () => {
    it("reads a new lookup, discards a dropped one, and does not count a kept one", () => {
      const lookup = (name: string) => res(T.address, name, {}, { read: true });
      const diff = diffPlans(
        plan([lookup("old-ip"), lookup("kept-ip")]),
        plan([lookup("new-ip"), lookup("kept-ip")]),
      );
      assert.deepEqual(
        diff.resources.map((change) => [change.op, change.name]),
        [
          ["read", "new-ip"],
          ["discard", "old-ip"],
        ],
      );
      assert.equal(diff.summary.unchanged, 1);
    });

    it("a managed resource that becomes a lookup is read, with a caution", () => {
      const change = only(
        diffPlans(plan([res(T.address, "ip", {})]), plan([res(T.address, "ip", {}, { read: true })])),
      );
      assert.equal(change.op, "read");
      assert.match(change.cautions?.[0] ?? "", /stops managing/);
    });

    it("a component is created with its flag, and its inputs never make an update", () => {
      const component = (inputs: Record<string, unknown>) =>
        res("ingress-glb:index:LoadBalancer", "web", inputs, { parent: null, component: true });
      assert.deepEqual(diffPlans(plan([component({ a: 1 })]), plan([component({ a: 2 })])).resources, []);
      const change = only(diffPlans(plan([]), plan([component({})])));
      assert.deepEqual([change.op, change.component], ["create", true]);
    });
  });

  it("follows an alias instead of deleting and creating", () => {
    const old = res(T.healthCheck, "users-hc", { checkIntervalSec: 5 });
    const renamed = res(
      T.healthCheck,
      "users-health",
      { checkIntervalSec: 60 },
      { options: { aliases: [old.urn] } },
    );
    const change = only(diffPlans(plan([old]), plan([renamed])));
    assert.deepEqual([change.op, change.urn], ["update", renamed.urn]);
  });

  describe("routes", () => {
    const route = (
      host: string,
      path: string,
      service: string | null,
      port: number | null = 80,
    ): PlannedRoute => ({
      host,
      path,
      service,
      namespace: service ? "default" : null,
      port,
      backendService: `urn:be:${service ?? "default"}`,
    });

    it("lists added, removed and moved routes by (host, path), sorted, omitting the unchanged", () => {
      const base = plan([], {
        routes: [
          route("*", "/users/*", "users"),
          route("*", "/old/*", "old"),
          route("a.com", "/x", "x"),
          route("*", "/keep", "keep"),
        ],
      });
      const head = plan([], {
        routes: [
          route("*", "/users/*", "users-v2"),
          route("*", "/new/*", "new"),
          route("a.com", "/x", "x", 8080),
          route("*", "/keep", "keep"),
        ],
      });
      const diff = diffPlans(base, head);
      assert.deepEqual(
        diff.routes.map((change) => [change.change, change.host, change.path]),
        [
          ["added", "*", "/new/*"],
          ["removed", "*", "/old/*"],
          ["moved", "*", "/users/*"],
          ["moved", "a.com", "/x"],
        ],
      );
      const moved = diff.routes.find((change) => change.path === "/users/*");
      assert.equal(moved?.before?.service, "users");
      assert.equal(moved?.after?.service, "users-v2");
      assert.equal(hasChanges(diff), true);
    });

    it("sees a route falling back to the 404 default backend", () => {
      const diff = diffPlans(
        plan([], { routes: [route("*", "/a", "a")] }),
        plan([], { routes: [route("*", "/a", null, null)] }),
      );
      assert.deepEqual(diff.routes[0].after, {
        service: null,
        namespace: null,
        port: null,
        backendService: "urn:be:default",
      });
    });
  });

  describe("warnings", () => {
    it("lists new and resolved warnings, matching them regardless of line numbers", () => {
      const warning = (code: string, line: number): Warning => ({
        code,
        message: `${code} happened`,
        origin: { file: "a.yaml", line },
      });
      const diff = diffPlans(
        plan([], { warnings: [warning("kept", 3), warning("gone", 4)] }),
        plan([], { warnings: [warning("kept", 9), warning("new", 10)] }),
      );
      assert.deepEqual(
        diff.warnings.added.map((w) => w.code),
        ["new"],
      );
      assert.deepEqual(
        diff.warnings.resolved.map((w) => w.code),
        ["gone"],
      );
      assert.equal(hasChanges(diff), false);
    });
  });

  it("counts every op and the unchanged resources", () => {
    const base = plan([
      res(T.healthCheck, "a", { checkIntervalSec: 5 }),
      res(T.forwardingRule, "b", { portRange: "80" }),
      res(T.urlMap, "c", {}),
      res(T.urlMap, "gone", {}),
    ]);
    const head = plan([
      res(T.healthCheck, "a", { checkIntervalSec: 6 }),
      res(T.forwardingRule, "b", { portRange: "81" }),
      res(T.urlMap, "c", {}),
      res(T.urlMap, "new", {}),
    ]);
    assert.deepEqual(diffPlans(base, head).summary, {
      create: 1,
      update: 1,
      replace: 1,
      delete: 1,
      read: 0,
      discard: 0,
      unchanged: 1,
    });
  });
});

describe("changedPaths", () => {
  const cases: { title: string; before: unknown; after: unknown; paths: (string | number)[][] }[] = [
    { title: "equal trees", before: { a: [1, { b: 2 }] }, after: { a: [1, { b: 2 }] }, paths: [] },
    { title: "a leaf", before: { a: { b: 1 } }, after: { a: { b: 2 } }, paths: [["a", "b"]] },
    { title: "a key added as a whole", before: {}, after: { spec: { x: 1 } }, paths: [["spec"]] },
    { title: "a longer array", before: { l: [1] }, after: { l: [1, 2] }, paths: [["l", 1]] },
    { title: "a type change", before: { a: "x" }, after: { a: ["x"] }, paths: [["a"]] },
  ];
  for (const { title, before, after, paths } of cases) {
    it(title, () => assert.deepEqual(changedPaths(before, after), paths));
  }
});

describe("diffPlans: looked-up resources", () => {
  const lookup = (id: string): Plan => ({
    resources: [
      {
        type: "gcp:compute/globalAddress:GlobalAddress",
        name: "lb-ip",
        urn: "urn:pulumi:s::p::gcp:compute/globalAddress:GlobalAddress::lb-ip",
        parent: null,
        inputs: {},
        dependencies: [],
        secretPaths: [],
        read: true,
        id,
      },
    ],
    routes: [],
    warnings: [],
  });

  it("a lookup of another existing object shows as a read with the id that changed", () => {
    const diff = diffPlans(lookup("old-ip"), lookup("new-ip"));
    assert.equal(diff.resources.length, 1);
    assert.equal(diff.resources[0].op, "read");
    assert.deepEqual(diff.resources[0].properties, [
      { path: "id", kind: "update", before: "old-ip", after: "new-ip" },
    ]);
  });

  it("the same lookup is no change", () => {
    assert.equal(diffPlans(lookup("ip"), lookup("ip")).resources.length, 0);
  });
});

describe("diffPlans: serving risks", () => {
  const kinds = (diff: PlanDiff) => diff.risks.map((risk) => risk.kind);

  it("a URL map replaced (a new project) is called out", () => {
    const base = plan([res(T.urlMap, "map", { project: "a", defaultService: "x" })]);
    const head = plan([res(T.urlMap, "map", { project: "b", defaultService: "x" })]);
    assert.deepEqual(kinds(diffPlans(base, head)), ["url-map-replaced"]);
  });

  it("a backend service replaced is called out; an update is not", () => {
    const base = plan([res(T.backendService, "be", { project: "a", protocol: "HTTP" })]);
    assert.deepEqual(
      kinds(diffPlans(base, plan([res(T.backendService, "be", { project: "b", protocol: "HTTP" })]))),
      ["backend-replaced"],
    );
    assert.deepEqual(
      kinds(diffPlans(base, plan([res(T.backendService, "be", { project: "a", protocol: "HTTPS" })]))),
      [],
    );
  });

  it("a backend service moving between instance groups and NEGs in place is called out, either way", () => {
    const ig = "https://www.googleapis.com/compute/v1/projects/p/zones/z/instanceGroups/nodes";
    const neg = "https://www.googleapis.com/compute/v1/projects/p/zones/z/networkEndpointGroups/web";
    const be = (group: string, scaler = 1) =>
      plan([
        res(T.backendService, "be", { protocol: "HTTP", backends: [{ group, capacityScaler: scaler }] }),
      ]);
    assert.deepEqual(kinds(diffPlans(be(ig), be(neg))), ["backends-swapped"]);
    assert.deepEqual(kinds(diffPlans(be(neg), be(ig))), ["backends-swapped"]);
    assert.match(
      diffPlans(be(ig), be(neg)).risks[0].message,
      /from instance groups to network endpoint groups/,
    );
    assert.deepEqual(kinds(diffPlans(be(ig), be(ig, 0.5))), []);
  });

  it("a forwarding rule on another IP: the IP changes, from and to", () => {
    const rule = (ip: string) =>
      res(T.forwardingRule, "http", { ipAddress: ip, portRange: "80", ipProtocol: "TCP" });
    const diff = diffPlans(plan([rule("203.0.113.1")]), plan([rule("203.0.113.2")]));
    assert.deepEqual(kinds(diff), ["ip-change"]);
    assert.match(diff.risks[0].message, /changes from 203\.0\.113\.1 to 203\.0\.113\.2/);
  });

  it("a reserved address deleted is released, and says when it is protected", () => {
    const address = res(T.address, "ip", { description: "x" }, { options: { protect: true } });
    const diff = diffPlans(plan([address]), plan([]));
    assert.deepEqual(kinds(diff), ["address-released"]);
    assert.match(diff.risks[0].message, /is released \(it is protected/);
  });

  it("a looked-up address dropped releases nothing", () => {
    const lookup = res(T.address, "ip", {}, { read: true, id: "shared-ip" });
    assert.deepEqual(kinds(diffPlans(plan([lookup]), plan([]))), []);
  });

  it("a scheme flip on several resources is one callout naming them all", () => {
    const be = (name: string, scheme: string) => res(T.backendService, name, { loadBalancingScheme: scheme });
    const diff = diffPlans(
      plan([be("a", "EXTERNAL"), be("b", "EXTERNAL")]),
      plan([be("a", "EXTERNAL_MANAGED"), be("b", "EXTERNAL_MANAGED")]),
    );
    assert.deepEqual(kinds(diff), ["scheme-change"]);
    assert.match(
      diff.risks[0].message,
      /^2 resources \(a, b\) change scheme from EXTERNAL to EXTERNAL_MANAGED/,
    );
  });
});
