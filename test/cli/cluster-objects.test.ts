import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan, PlannedResource, SECRET_MARKER } from "../../lib/plan/types";
import { T } from "../resource-types";
import { EXAMPLE_DIR, parseJson, removeTempDirs, runCli, tempDir } from "./run-cli";

const FIXTURES = "test/fixtures/cluster-objects";
/** The TLS example with an IAP backend, its TLS and OAuth Secrets in the files. */
const IN_FILES = `${FIXTURES}/secrets-in-files`;
const SECRET_FILES = ["hello-ingress-secret.yaml", "users-oauth-secret.yaml"];

/** A plan with its resources and placeholders sorted by URN (and property), for order-free comparison. */
const inUrnOrder = (plan: Plan): Plan => ({
  ...plan,
  resources: [...plan.resources].sort((a, b) => a.urn.localeCompare(b.urn)),
  placeholders: [...(plan.placeholders ?? [])].sort(
    (a, b) => a.urn.localeCompare(b.urn) || a.property.localeCompare(b.property),
  ),
});
const reads = (plan: Plan) => plan.resources.filter((r) => r.read);
const created = (plan: Plan) => plan.resources.filter((r) => !r.read);
const ofType = (list: PlannedResource[], type: string) => list.filter((r) => r.type === type);

/** The folder without its Secret files, as most teams keep theirs (the Secrets live in the cluster). */
function withoutSecrets(): string {
  const dir = tempDir();
  for (const file of fs.readdirSync(IN_FILES).filter((f) => !SECRET_FILES.includes(f))) {
    fs.copyFileSync(path.join(IN_FILES, file), path.join(dir, file));
  }
  return dir;
}

describe("ingress-glb plan: Secrets the files lack are read from the cluster", () => {
  after(removeTempDirs);

  it("a folder with its Secrets in the files plans exactly as before (recorded before Secrets could be read from the cluster)", async () => {
    const result = await runCli("plan", IN_FILES, "--json");
    assert.equal(result.code, 0, result.err);
    const before = JSON.parse(fs.readFileSync(`${FIXTURES}/secrets-in-files.plan.json`, "utf8")) as Plan;
    // The same resources, inputs, placeholders, routes and warnings; registration order is not the contract.
    assert.deepEqual(inUrnOrder(parseJson<Plan>(result)), inUrnOrder(before));
    assert.deepEqual(reads(before), []);
  });

  it("without them: one read per Secret, the certificate and the IAP client secret, a warning naming each", async () => {
    const result = await runCli("plan", withoutSecrets(), "--json");
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    assert.deepEqual(
      reads(plan).map((r) => [r.type, r.name, r.id]),
      [
        [T.secret, "ingress-glb-read:default/hello-ingress-secret", "default/hello-ingress-secret"],
        [T.secret, "ingress-glb-read:default/users-oauth", "default/users-oauth"],
      ],
    );
    assert.deepEqual(ofType(created(plan), T.secret), [], "no Secret is created");
    const [cert] = ofType(plan.resources, T.certificate);
    assert.match(cert.name, /-cluster-[0-9a-f]{8}$|-cluster$/);
    assert.equal(cert.inputs.certificate, SECRET_MARKER);
    assert.equal(cert.inputs.privateKey, SECRET_MARKER);
    assert.deepEqual(cert.dependencies, [reads(plan)[0].urn]);
    assert.equal(cert.options?.deleteBeforeReplace, undefined, "create-before-delete on a new content");
    const users = ofType(plan.resources, T.backendService).find((r) => r.name.includes("users"));
    assert.deepEqual(users?.inputs.iap, {
      enabled: true,
      oauth2ClientId: SECRET_MARKER,
      oauth2ClientSecret: SECRET_MARKER,
    });
    assert.ok(users?.dependencies.includes(reads(plan)[1].urn), "the IAP client comes from the read");
    const warned = plan.warnings.filter((w) => w.code === "secret-read-from-cluster");
    assert.deepEqual(
      warned.map((w) => [
        /(TLS|IAP OAuth client) Secret (\S+)/.exec(w.message)?.[2],
        path.basename(w.origin?.file ?? ""),
        w.origin?.field,
      ]),
      [
        ["default/users-oauth", "users-svc-nodeport.yaml", "spec.iap.oauthclientCredentials.secretName"],
        ["default/hello-ingress-secret", "hello-ingress-tls.yaml", "spec.tls[0].secretName"],
      ],
    );
    // The placeholders of a read Secret are stand-ins, never file content.
    const placeholder = plan.placeholders?.find((p) => p.urn === reads(plan)[0].urn && p.property === "data");
    const data = placeholder?.value as Record<string, string>;
    assert.match(
      Buffer.from(data["tls.crt"], "base64").toString(),
      /^placeholder tls\.crt of Secret default\/hello-ingress-secret/,
    );
  });

  it("as text: the reads are marked, the warning names the Secret", async () => {
    const result = await runCli("plan", withoutSecrets());
    assert.equal(result.code, 0, result.err);
    assert.match(
      result.out,
      /> kubernetes:core\/v1:Secret {2}ingress-glb-read:default\/hello-ingress-secret \(read\)/,
    );
    assert.match(result.out, /Resources: \d+ to create, 2 to read/);
    assert.match(
      result.out,
      /warning secret-read-from-cluster: TLS Secret default\/hello-ingress-secret is read from the cluster at deploy time \(it is not in the files\)/,
    );
  });

  it("the seed's typo plans with a read of the misspelt name, and the warning gives the near name", async () => {
    const result = await runCli("plan", `${FIXTURES}/tls-secret-missing.yaml`, "--json");
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    assert.deepEqual(
      reads(plan).map((r) => r.id),
      ["default/hello-ingress-serect"],
    );
    const warning = plan.warnings.find((w) => w.code === "secret-read-from-cluster");
    assert.match(
      warning?.message ?? "",
      /default\/hello-ingress-serect .*did you mean "hello-ingress-secret"\?/,
    );
    assert.equal(warning?.origin?.field, "spec.tls[0].secretName");
    assert.equal(warning?.origin?.line, 8);
    // The Secret of the files is still created (nobody said another tool owns it), its key never printed.
    assert.equal(ofType(created(plan), T.secret).length, 1);
    assert.ok(!result.out.includes("PRIVATE KEY") && !result.out.includes("LS0tLS1CRUdJTiBQUklW"));
  });

  it("--existing secrets: the Secrets of the files are read, not created, their content unused", async () => {
    const result = await runCli("plan", IN_FILES, "--existing", "secrets", "--json");
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    assert.deepEqual(
      reads(plan).map((r) => r.id),
      ["default/hello-ingress-secret", "default/users-oauth"],
    );
    assert.deepEqual(ofType(created(plan), T.secret), []);
    assert.ok(
      plan.warnings.some((w) => w.code === "object-read-from-cluster" && /2 Secrets/.test(w.message)),
    );
    assert.ok(!result.out.includes("test-only-client-secret"), "the files' OAuth secret printed");
  });
});

describe("ingress-glb diff: a created object that becomes a read", () => {
  after(removeTempDirs);

  it("taking the Secret out of the files: the certificate is replaced create-before-delete, and the deleted Secret is a serving risk", async () => {
    const dir = tempDir();
    const base = path.join(dir, "base.json");
    const head = path.join(dir, "head.json");
    fs.writeFileSync(base, (await runCli("plan", IN_FILES, "--json")).out);
    fs.writeFileSync(head, (await runCli("plan", withoutSecrets(), "--json")).out);
    const result = await runCli("diff", base, head, "--json");
    const diff = JSON.parse(result.out) as {
      resources: { op: string; type: string; urn: string; deleteBeforeReplace?: boolean }[];
      risks: { kind: string; message: string }[];
    };
    const cert = diff.resources.find((r) => r.type === T.certificate);
    assert.equal(cert?.op, "replace");
    assert.deepEqual(
      diff.resources.filter((r) => r.op === "delete").map((r) => r.type),
      [T.secret, T.secret],
    );
    const risks = diff.risks.filter((r) => r.kind === "read-object-deleted");
    assert.deepEqual(risks.map((r) => /^Secret (\S+)/.exec(r.message)?.[1]).sort(), [
      "default/hello-ingress-secret",
      "default/users-oauth",
    ]);
    assert.match(risks[0].message, /pulumi state delete/);
  });

  it("no such risk when the Secret was never the stack's", async () => {
    const dir = tempDir();
    const plan = path.join(dir, "plan.json");
    fs.writeFileSync(plan, (await runCli("plan", withoutSecrets(), "--json")).out);
    const result = await runCli("diff", plan, plan, "--json");
    assert.deepEqual((JSON.parse(result.out) as { risks: unknown[] }).risks, []);
  });
});

describe("ingress-glb plan --existing: objects other tools own are read, not created", () => {
  let base: Plan;
  before(async () => {
    base = parseJson<Plan>(await runCli("plan", EXAMPLE_DIR, "--json"));
  });

  it("--existing services: each Service read (no create), its nodePorts the read's placeholders", async () => {
    const result = await runCli("plan", EXAMPLE_DIR, "--existing", "services", "--json");
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    const services = ofType(reads(plan), T.service);
    assert.deepEqual(
      services.map((r) => [r.name, r.id]),
      [
        ["ingress-glb-read:default/products-node-svc", "default/products-node-svc"],
        ["ingress-glb-read:default/users-node-svc", "default/users-node-svc"],
      ],
    );
    // Only the built-in 404 backend's Service is created.
    assert.deepEqual(
      ofType(created(plan), T.service).map((r) => r.name),
      ["ingress-glb-default-hello-ingress-default-backend"],
    );
    // The backend service's named port is the nodePort of the read, a placeholder of the read.
    for (const read of services) {
      const nodePort = plan.placeholders?.find(
        (p) => p.urn === read.urn && p.property === "spec.ports[0].nodePort",
      )?.value;
      assert.equal(typeof nodePort, "number");
      const backend = ofType(plan.resources, T.backendService).find((r) => r.dependencies.includes(read.urn));
      assert.equal(backend?.inputs.portName, `port${nodePort}`);
    }
    // Everything else has the URN it had without the option.
    const urns = (p: Plan) =>
      p.resources.filter((r) => r.type !== T.service || r.name.includes("default-backend")).map((r) => r.urn);
    assert.deepEqual(
      urns(plan)
        .filter((u) => !u.includes("-read:"))
        .sort(),
      urns(base).sort(),
    );
  });

  it("--existing workloads and a single Service: reads for those, every other object created", async () => {
    const result = await runCli(
      "plan",
      EXAMPLE_DIR,
      "--existing",
      "workloads",
      "--existing",
      "Service/default/users-node-svc",
      "--json",
    );
    assert.equal(result.code, 0, result.err);
    const plan = parseJson<Plan>(result);
    assert.deepEqual(
      reads(plan).map((r) => `${r.type} ${r.id}`),
      [
        `${T.service} default/users-node-svc`,
        `${T.deployment} default/products`,
        `${T.deployment} default/users`,
      ],
    );
    assert.ok(
      ofType(created(plan), T.service).some((r) => r.name === "ingress-glb-default/products-node-svc"),
    );
    assert.equal(
      plan.warnings.filter((w) => w.code === "object-read-from-cluster").length,
      2,
      "one warning per kind",
    );
  });

  it("without the option nothing is read", () => {
    assert.deepEqual(reads(base), []);
  });

  for (const [flag, says] of [
    [
      "Service/default/user-node-svc",
      'Service default/user-node-svc is listed as existing but is not in the files (did you mean "Service/default/users-node-svc"?)',
    ],
    [
      "Service/default/nothing",
      "Service default/nothing is listed as existing but is not in the files (its ports and annotations are needed",
    ],
    [
      "servces",
      '--existing takes services, workloads, secrets or Kind/namespace/name, not "servces" (did you mean "services"?)',
    ],
    ["ConfigMap/default/x", 'existing reads Services, Secrets and workloads, not "ConfigMap"'],
    ["Service/users", '"Service/users" is not Kind/namespace/name'],
  ] as const) {
    it(`--existing ${flag}: one line, exit 2, nothing planned`, async () => {
      const result = await runCli("plan", EXAMPLE_DIR, "--existing", flag);
      assert.equal(result.code, 2, result.err);
      assert.equal(result.out, "");
      assert.ok(result.err.startsWith("ingress-glb: "), result.err);
      assert.ok(result.err.includes(says), result.err);
      assert.equal(result.err.indexOf("\n"), result.err.length - 1, "one line");
    });
  }
});
