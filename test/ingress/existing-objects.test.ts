import { strict as assert } from "node:assert";
import { readBackendConfig } from "../../lib/ingress/backend-config";
import {
  ExistingObjects,
  decideExistingObjects,
  parseExistingFlag,
} from "../../lib/ingress/existing-objects";
import { iapClientSources, oauthClientFromClusterData } from "../../lib/ingress/iap-client-sources";
import { parseManifests } from "../../lib/ingress/manifests";
import { tlsPemFromClusterData } from "../../lib/tls/secret";
import { expectInputError } from "./expect-input-error";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

const FILES = parseManifests(
  `
apiVersion: v1
kind: Service
metadata: {name: users, namespace: shop}
spec: {type: NodePort, selector: {app: users}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: users, namespace: shop}
spec: {selector: {matchLabels: {app: users}}, template: {metadata: {labels: {app: users}}, spec: {containers: [{name: u, image: u}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec: {selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: d, image: d}]}}}
---
apiVersion: v1
kind: Secret
metadata: {name: shop-tls, namespace: shop}
type: kubernetes.io/tls
stringData: {tls.crt: c, tls.key: k}
`,
  "shop.yaml",
);

const ids = (set: Set<{ object: { kind: string }; namespace: string; name: string }>) =>
  [...set].map((m) => `${m.object.kind}/${m.namespace}/${m.name}`).sort();

describe("existing: which objects of the files are read from the cluster", () => {
  const cases: { name: string; option: ExistingObjects | undefined; read: string[]; warnings: number }[] = [
    { name: "unset: nothing read, nothing warned", option: undefined, read: [], warnings: 0 },
    { name: "all switches off: the same", option: { services: false, objects: [] }, read: [], warnings: 0 },
    {
      name: "services: every Service",
      option: { services: true },
      read: ["Service/shop/users", "Service/shop/web"],
      warnings: 1,
    },
    {
      name: "workloads: every kind of workload",
      option: { workloads: true },
      read: ["Deployment/shop/users", "StatefulSet/shop/db"],
      warnings: 1,
    },
    { name: "secrets: every Secret", option: { secrets: true }, read: ["Secret/shop/shop-tls"], warnings: 1 },
    {
      name: "objects: just those, a Service and a Deployment of the same name kept apart",
      option: { objects: ["Service/shop/users", "Deployment/shop/users"] },
      read: ["Deployment/shop/users", "Service/shop/users"],
      warnings: 2,
    },
    {
      name: "a switch and an object of the same kind: listed once",
      option: { services: true, objects: ["Service/shop/web"] },
      read: ["Service/shop/users", "Service/shop/web"],
      warnings: 1,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const decision = decideExistingObjects(c.option, FILES);
      assert.deepEqual(
        [...ids(decision.services), ...ids(decision.workloads), ...ids(decision.secrets)].sort(),
        c.read,
      );
      assert.equal(decision.warnings.length, c.warnings);
      for (const w of decision.warnings) assert.equal(w.code, "object-read-from-cluster");
    });
  }

  it("the warning names every object read, and what it gives", () => {
    const [warning] = decideExistingObjects({ workloads: true }, FILES).warnings;
    assert.match(
      warning.message,
      /^2 workloads read from the cluster at deploy time \(existing\), not created: Deployment\/shop\/users, StatefulSet\/shop\/db; health checks follow the readiness probes of their manifests in the files/,
    );
    assert.deepEqual(decideExistingObjects({ secrets: true }, FILES).secretKeys, new Set(["shop/shop-tls"]));
  });

  const refusals: { entry: string; problem: string; hint: string }[] = [
    {
      entry: "Service/shop/user",
      problem: "Service shop/user is listed as existing but is not in the files",
      hint: 'did you mean "Service/shop/users"?',
    },
    {
      entry: "Service/other/nothing-alike",
      problem: "Service other/nothing-alike is listed as existing but is not in the files",
      hint: "its ports and annotations are needed to plan the load balancer",
    },
    {
      entry: "Secret/shop/oauth",
      problem: "Secret shop/oauth is listed as existing but is not in the files",
      hint: "is read from the cluster without listing it",
    },
    {
      entry: "DaemonSet/shop/agent",
      problem: "DaemonSet shop/agent is listed as existing but is not in the files",
      hint: "its readiness probe is read from its manifest",
    },
    {
      entry: "Service/users",
      problem: '"Service/users" is not Kind/namespace/name',
      hint: "Service/shop/users",
    },
    { entry: "Servce/shop/users", problem: 'not "Servce"', hint: 'did you mean "Service"?' },
    {
      entry: "Ingress/shop/web",
      problem: 'not "Ingress"',
      hint: "expected one of Service, Secret, Deployment",
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.entry} at its entry`, () => {
      expectInputError(() => decideExistingObjects({ objects: ["Service/shop/web", r.entry] }, FILES), {
        field: "existing.objects[1]",
        problem: r.problem,
        hint: r.hint,
      });
      // The CLI names its flag.
      expectInputError(() => decideExistingObjects({ objects: [r.entry] }, FILES, "--existing"), {
        field: "--existing",
      });
    });
  }
});

describe("--existing values", () => {
  const cases: [string[], ExistingObjects | undefined][] = [
    [[], undefined],
    [["services"], { services: true }],
    [["services,workloads", "secrets"], { services: true, workloads: true, secrets: true }],
    [
      ["Service/shop/users", "workloads, Secret/shop/tls"],
      { objects: ["Service/shop/users", "Secret/shop/tls"], workloads: true },
    ],
    [["services,"], { services: true }],
  ];
  for (const [values, want] of cases) {
    it(`${JSON.stringify(values)} -> ${JSON.stringify(want)}`, () => {
      assert.deepEqual(parseExistingFlag(values), want);
    });
  }

  it("an unknown word is an error naming the flag, with the nearest word", () => {
    expectInputError(() => parseExistingFlag(["service"]), {
      problem: '--existing takes services, workloads, secrets or Kind/namespace/name, not "service"',
      hint: 'did you mean "services"?',
    });
  });
});

describe("IAP OAuth clients: from the files or from the cluster", () => {
  const config = (secretName: string) =>
    readBackendConfig(
      {
        apiVersion: "cloud.google.com/v1",
        kind: "BackendConfig",
        metadata: { name: "admin", namespace: "shop" },
        spec: { iap: { enabled: true, oauthclientCredentials: { secretName } } },
      },
      { file: "admin.yaml", object: "BackendConfig/shop/admin" },
    );
  const secrets = parseManifests(
    `
apiVersion: v1
kind: Secret
metadata: {name: admin-oauth, namespace: shop}
stringData: {client_id: id-1, client_secret: s-1}
`,
    "oauth.yaml",
  ).secrets;

  const cases: {
    name: string;
    secretName: string;
    given?: string[];
    owned?: string[];
    files: string[];
    cluster: string[];
    warning?: RegExp;
  }[] = [
    { name: "in the files", secretName: "admin-oauth", files: ["shop/admin-oauth"], cluster: [] },
    {
      name: "not in the files: read, the near name in the warning",
      secretName: "admin-oauth2",
      files: [],
      cluster: ["shop/admin-oauth2"],
      warning:
        /IAP OAuth client Secret shop\/admin-oauth2 is read from the cluster at deploy time \(it is not in the files\).*did you mean "admin-oauth"\?/,
    },
    {
      name: "in the files but another tool's: read",
      secretName: "admin-oauth",
      owned: ["shop/admin-oauth"],
      files: [],
      cluster: ["shop/admin-oauth"],
      warning: /another tool owns it \(existing\)/,
    },
    {
      name: "given explicitly: neither",
      secretName: "elsewhere",
      given: ["shop/elsewhere"],
      files: [],
      cluster: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const sources = iapClientSources(
        [config(c.secretName)],
        secrets,
        new Set(c.given ?? []),
        new Set(c.owned ?? []),
      );
      assert.deepEqual(Object.keys(sources.fromFiles), c.files);
      assert.deepEqual(sources.fromCluster, c.cluster);
      assert.equal(sources.warnings.length, c.warning ? 1 : 0);
      if (c.warning) {
        assert.match(sources.warnings[0].message, c.warning);
        assert.equal(sources.warnings[0].origin?.field, "spec.iap.oauthclientCredentials.secretName");
      }
    });
  }
});

describe("Secrets read at deploy time: decoding the read's data", () => {
  it("a TLS Secret's certificate and key, whatever else it holds", () => {
    assert.deepEqual(
      tlsPemFromClusterData({ "tls.crt": b64("CERT"), "tls.key": b64("KEY"), "ca.crt": b64("CA") }, "a/b"),
      { certificatePem: "CERT", privateKeyPem: "KEY" },
    );
  });

  for (const [data, says] of [
    [undefined, /Secret a\/b read from the cluster has no tls\.crt:/],
    [{ "tls.crt": b64("CERT") }, /has no tls\.key:/],
    [
      { "tls.crt": b64("CERT"), "tls.key": "-----BEGIN PRIVATE KEY-----" },
      /has no tls\.key \(or it is not base64\)/,
    ],
    [{ "tls.crt": b64("  "), "tls.key": b64("KEY") }, /has no tls\.crt/],
  ] as const) {
    it(`refuses ${JSON.stringify(data)?.slice(0, 40)}, never echoing a value`, () => {
      assert.throws(
        () => tlsPemFromClusterData(data as Record<string, string> | undefined, "a/b"),
        (err: Error) => {
          assert.match(err.message, says);
          assert.ok(!err.message.includes("BEGIN") && !err.message.includes(b64("CERT")));
          return true;
        },
      );
    });
  }

  it("an IAP Secret's client id and secret", () => {
    assert.deepEqual(
      oauthClientFromClusterData({ client_id: b64("id"), client_secret: b64("s") }, "shop/o"),
      {
        clientId: "id",
        clientSecret: "s",
      },
    );
    assert.throws(
      () => oauthClientFromClusterData({ client_id: b64("id") }, "shop/o"),
      /Secret shop\/o read from the cluster has no client_secret/,
    );
  });
});
