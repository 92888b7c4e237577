import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CERTIFICATE_KEY, PRIVATE_KEY_KEY, certificateFromConfig, helloIngressTls } from "../../examples/tls";
import { InputError } from "../../lib/errors";
import { loadManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { planManifests } from "../../lib/plan/plan-manifests";
import { PlannedResource } from "../../lib/plan/types";
import { checkCertificate } from "../../lib/tls/certificate";
import { readTlsSecret } from "../../lib/tls/secret";
import { removeTempDirs, tempDir } from "../cli/run-cli";
import { CLUSTER, keyMaterial } from "./https-fixtures";
import { T } from "../resource-types";

const EXAMPLE = path.resolve(__dirname, "../../examples/tls");
const wiring = { ...CLUSTER, network: "default" };

/** What a resource is, independent of which program registered it. */
const identity = (r: PlannedResource) => ({ type: r.type, name: r.name, inputs: r.inputs });
const loadBalancerOf = (resources: PlannedResource[]) =>
  resources
    .filter((r) => r.type.startsWith("gcp:") || r.type === T.secret)
    .map(identity)
    .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));

describe("examples/tls: the seed's TLS walk-through", () => {
  let out: string;
  let pem: { certificatePem: string; privateKeyPem: string };
  before(function () {
    this.timeout(120_000);
    out = tempDir();
    execFileSync("bash", [path.join(EXAMPLE, "make-cert.sh"), out], { stdio: ["ignore", "pipe", "pipe"] });
    pem = {
      certificatePem: fs.readFileSync(path.join(out, "hello-ingress.crt"), "utf8"),
      privateKeyPem: fs.readFileSync(path.join(out, "hello-ingress.key"), "utf8"),
    };
  });
  after(removeTempDirs);

  it("make-cert.sh: the seed's openssl flow gives a valid RSA certificate and the Secret kubectl would make", () => {
    const check = checkCertificate({ ...pem, now: new Date(), origin: { file: "hello-ingress.crt" } });
    assert.deepEqual(check.names, ["hello-ingress.example.com"]);
    const [secret] = loadManifests([path.join(out, "hello-ingress-secret.yaml")]).secrets;
    const material = readTlsSecret(secret.object as never);
    assert.equal(material.certificatePem, pem.certificatePem);
    assert.equal(material.privateKeyPem, pem.privateKeyPem);
    assert.equal(secret.name, "hello-ingress-secret");
  });

  it("make-cert.sh prints no key material", () => {
    const dir = tempDir();
    const printed = execFileSync("bash", [path.join(EXAMPLE, "make-cert.sh"), dir], { encoding: "utf8" });
    const key = fs.readFileSync(path.join(dir, "hello-ingress.key"), "utf8");
    for (const piece of keyMaterial(key)) assert.ok(!printed.includes(piece));
    assert.match(printed, /pulumi config set --secret ingress-glb:tlsPrivateKey/);
  });

  it("the stack program: certificate and key from config secrets, :443 beside :80, https URLs", async () => {
    let outputs: ReturnType<typeof helloIngressTls> | undefined;
    const run = await recordPlan(
      () => {
        const config = new pulumi.Config("ingress-glb");
        outputs = helloIngressTls(wiring, { certificate: certificateFromConfig(config) });
        return { usersUrl: outputs.usersUrl };
      },
      { config: { [CERTIFICATE_KEY]: pem.certificatePem, [PRIVATE_KEY_KEY]: pem.privateKeyPem } },
    );
    const types = run.resources.map((r) => r.type);
    for (const type of [T.certificate, T.httpsProxy, T.secret]) assert.ok(types.includes(type), type);
    assert.deepEqual(
      run.resources
        .filter((r) => r.type === T.forwardingRule)
        .map((r) => r.inputs.portRange)
        .sort(),
      ["443", "80"],
    );
    assert.match(String(run.outputs?.usersUrl), /^https:\/\/203\.0\.113\.\d+\/users\/$/);
    for (const piece of keyMaterial(pem.privateKeyPem)) assert.ok(!JSON.stringify(run).includes(piece));
  });

  it("without the config secrets: an error saying how to set them", async () => {
    await assert.rejects(
      recordPlan(() => {
        helloIngressTls(wiring, { certificate: certificateFromConfig(new pulumi.Config("ingress-glb")) });
      }),
      (error: unknown) =>
        error instanceof InputError &&
        error.message.includes(CERTIFICATE_KEY) &&
        error.message.includes("pulumi config set --secret"),
    );
  });

  it("one truth: `ingress-glb plan` of the manifests and the generated Secret registers what the stack does", async () => {
    const fromStack = await recordPlan(() => {
      helloIngressTls(wiring, { certificate: { secretName: "hello-ingress-secret", ...pem } });
    });
    const { plan } = await planManifests(
      loadManifests([path.join(EXAMPLE, "manifests"), path.join(out, "hello-ingress-secret.yaml")]),
      { ...CLUSTER, name: "hello-ingress-tls" },
    );
    assert.deepEqual(loadBalancerOf(plan.resources), loadBalancerOf(fromStack.resources));
  });
});
