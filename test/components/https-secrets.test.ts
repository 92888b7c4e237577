import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { BackendApp } from "../../lib/components/backend-app";
import { IngressLoadBalancer } from "../../lib/components/load-balancer";
import { recordPlan } from "../../lib/plan/engine";
import { SECRET_MARKER } from "../../lib/plan/types";
import { runCli, removeTempDirs, tempDir } from "../cli/run-cli";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { tlsIngress } from "../translate/frontend-fixtures";
import { GROUP, SEED, SEED_TLS_FILES, keyMaterial, one, tlsSecretYaml } from "./https-fixtures";
import { T } from "../resource-types";

/** Fails naming the first piece of key material found in `text`. */
function assertNoKey(text: string, privateKeyPem: string, where: string): void {
  assert.ok(text.length > 0, `${where} is empty`);
  for (const piece of keyMaterial(privateKeyPem)) {
    assert.ok(!text.includes(piece), `${where} holds key material (${piece.slice(0, 12)}...)`);
  }
  assert.ok(!text.includes("PRIVATE KEY-----"), `${where} holds a PEM key header`);
}

describe("the private key is a secret everywhere: registered inputs, plans, CLI output", () => {
  let fx: TlsFixtures;
  let dir: string;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
    // The seed's TLS walk-through as a user has it on disk: the Ingress, the Services and the Secret.
    dir = tempDir();
    for (const file of SEED_TLS_FILES) fs.copyFileSync(path.join(SEED, file), path.join(dir, file));
    fs.writeFileSync(
      path.join(dir, "hello-ingress-secret.yaml"),
      tlsSecretYaml("hello-ingress-secret", fx.seed),
    );
  });
  after(removeTempDirs);

  it("`plan --json`: every resource's inputs masked where they hold the key, which appears nowhere", async () => {
    const result = await runCli("plan", dir, "--json");
    assert.equal(result.code, 0, result.err);
    assertNoKey(result.out + result.err, fx.seed.privateKeyPem, "plan --json");
    const plan = JSON.parse(result.out) as {
      resources: { type: string; inputs: Record<string, unknown>; secretPaths: string[] }[];
    };
    const certificate = plan.resources.find((r) => r.type === T.certificate);
    assert.equal(certificate?.inputs.privateKey, SECRET_MARKER);
    const secret = plan.resources.find((r) => r.type === T.secret);
    assert.equal(secret?.inputs.data, SECRET_MARKER);
  });

  it("`plan` as text, and `diff` of two plans in every format, print no key material", async () => {
    const text = await runCli("plan", dir);
    assert.equal(text.code, 0, text.err);
    assertNoKey(text.out + text.err, fx.seed.privateKeyPem, "plan");

    const base = path.join(dir, "..", `${path.basename(dir)}-base.json`);
    fs.writeFileSync(base, (await runCli("plan", dir, "--json")).out);
    fs.writeFileSync(
      path.join(dir, "hello-ingress-secret.yaml"),
      tlsSecretYaml("hello-ingress-secret", fx.valid),
    );
    const head = path.join(dir, "..", `${path.basename(dir)}-head.json`);
    fs.writeFileSync(head, (await runCli("plan", dir, "--json")).out);
    try {
      for (const format of [[], ["--json"], ["--markdown"]]) {
        const diff = await runCli("diff", base, head, ...format);
        assert.ok(diff.out.includes("SSLCertificate") || diff.out.includes(T.certificate), diff.out);
        for (const pem of [fx.seed, fx.valid])
          assertNoKey(diff.out + diff.err, pem.privateKeyPem, `diff ${format.join(" ")}`);
      }
    } finally {
      fs.rmSync(base, { force: true });
      fs.rmSync(head, { force: true });
      fs.writeFileSync(
        path.join(dir, "hello-ingress-secret.yaml"),
        tlsSecretYaml("hello-ingress-secret", fx.seed),
      );
    }
  });

  it("a key that does not match: exit 2, one line naming the Secret and the field, no key material", async () => {
    const bad = tempDir();
    for (const file of SEED_TLS_FILES) fs.copyFileSync(path.join(SEED, file), path.join(bad, file));
    fs.writeFileSync(
      path.join(bad, "hello-ingress-secret.yaml"),
      tlsSecretYaml("hello-ingress-secret", {
        certificatePem: fx.seed.certificatePem,
        privateKeyPem: fx.valid.privateKeyPem,
      }),
    );
    const result = await runCli("plan", bad);
    assert.equal(result.code, 2);
    assert.equal(result.out, "");
    assert.equal(result.err.trim().split("\n").length, 1, result.err);
    assert.match(
      result.err,
      /Secret\/default\/hello-ingress-secret: data\.tls\.key: the private key does not match/,
    );
    for (const pem of [fx.seed, fx.valid]) assertNoKey(result.err, pem.privateKeyPem, "stderr");
  });

  it("the typed API with PEM: the Kubernetes Secret as `kubectl create secret tls` makes it, its data secret", async () => {
    let clearData: Record<string, string> | undefined;
    let model: unknown;
    const run = await recordPlan(
      () => {
        const app = (name: string) =>
          new BackendApp(name, {
            serviceName: `${name}-node-svc`,
            image: "node:20-alpine",
            containerPort: 8080,
          });
        const lb = new IngressLoadBalancer("hello-ingress-tls", {
          ingresses: [tlsIngress([{ secretName: "hello-ingress-secret" }])],
          backends: [app("users"), app("products")],
          instanceGroups: [GROUP],
          nodeTags: ["gke-node"],
          tlsCertificates: [{ secretName: "hello-ingress-secret", ...fx.seed }],
        });
        model = lb.model;
      },
      {
        // The hook sees what the provider would get, secrets unwrapped: the base64 data kubectl writes.
        newResource: (args) => {
          if (args.type === T.secret) clearData = args.state.data as Record<string, string>;
          return undefined;
        },
      },
    );
    assertNoKey(JSON.stringify(run), fx.seed.privateKeyPem, "the recorded registrations");
    assertNoKey(JSON.stringify(model), fx.seed.privateKeyPem, "the model");
    const secret = one(run.resources, T.secret);
    assert.equal(secret.inputs.type, "kubernetes.io/tls");
    assert.equal(secret.inputs.data, SECRET_MARKER);
    assert.deepEqual(clearData, {
      "tls.crt": Buffer.from(fx.seed.certificatePem).toString("base64"),
      "tls.key": Buffer.from(fx.seed.privateKeyPem).toString("base64"),
    });
    const certificate = one(run.resources, T.certificate);
    assert.ok(certificate.secretPaths.includes("privateKey"));
    assert.deepEqual(one(run.resources, T.httpsProxy).inputs.sslCertificates, [`${certificate.name}-id`]);
  });
});
