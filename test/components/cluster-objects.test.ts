import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { BackendApp } from "../../lib/components/backend-app";
import { IngressManifests, IngressManifestsArgs } from "../../lib/components/ingress-manifests";
import { IngressLoadBalancer } from "../../lib/components/load-balancer";
import { InputError } from "../../lib/errors";
import { offlineClusterObject } from "../../lib/plan/plan-manifests";
import { recordPlan, RecordPlanOptions } from "../../lib/plan/engine";
import { SECRET_MARKER } from "../../lib/plan/types";
import { TlsFixtures, Pem, tlsFixtures } from "../tls/fixtures";
import { tlsIngress } from "../translate/frontend-fixtures";
import { CLUSTER, GROUP, keyMaterial, one, seedTlsManifests } from "./https-fixtures";
import { T } from "../resource-types";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** Answers a read Secret with `data` (what the cluster holds), and captures every certificate's inputs in clear. */
function cluster(data: Record<string, string> | undefined) {
  const certificates: Record<string, unknown>[] = [];
  const options: RecordPlanOptions = {
    newResource: (r) => {
      if (r.type === T.certificate) certificates.push(r.state);
      // The Kubernetes provider returns a Secret's data as a secret.
      if (r.read && r.type === T.secret && data) return { outputs: { data: pulumi.secret(data) } };
      return undefined;
    },
  };
  return { certificates, options };
}

const tlsData = (pem: Pem) => ({ "tls.crt": b64(pem.certificatePem), "tls.key": b64(pem.privateKeyPem) });

async function planManifests(
  args: Partial<IngressManifestsArgs> = {},
  options: RecordPlanOptions = {},
  ...yaml: string[]
) {
  return recordPlan(() => {
    new IngressManifests("hello", { ...CLUSTER, manifests: seedTlsManifests(...yaml), ...args });
  }, options);
}

describe("Secrets read from the cluster (recorded)", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  it("IngressManifests: one Secret.get by namespace/name, no Secret created, the certificate's inputs secret", async () => {
    const run = await planManifests();
    const read = one(run.resources, T.secret);
    assert.equal(read.read, true);
    assert.equal(read.id, "default/hello-ingress-secret");
    assert.equal(read.name, "hello-read:default/hello-ingress-secret");
    const cert = one(run.resources, T.certificate);
    assert.deepEqual(cert.secretPaths.sort(), ["certificate", "privateKey"]);
    assert.equal(cert.inputs.certificate, SECRET_MARKER);
    assert.deepEqual(cert.dependencies, [read.urn]);
    const proxy = one(run.resources, T.httpsProxy);
    assert.deepEqual(proxy.inputs.sslCertificates, [`${cert.name}-id`]);
    assert.ok(
      run.logs.some((l) => l.severity === "warning" && l.message.includes("secret-read-from-cluster")),
    );
  });

  it("at deploy time the certificate and key are the read Secret's, decoded, and never printed", async () => {
    const { certificates, options } = cluster(tlsData(fx.seed));
    const run = await planManifests({}, options);
    assert.equal(certificates.length, 1);
    assert.equal(certificates[0].certificate, fx.seed.certificatePem);
    assert.equal(certificates[0].privateKey, fx.seed.privateKeyPem);
    const printed = JSON.stringify(run);
    for (const piece of keyMaterial(fx.seed.privateKeyPem)) assert.ok(!printed.includes(piece), piece);
  });

  it("an Opaque Secret read from the cluster serves as well: only tls.crt and tls.key are read", async () => {
    const { certificates, options } = cluster({ ...tlsData(fx.valid), "ca.crt": b64("ca") });
    await planManifests({}, options);
    assert.equal(certificates[0].certificate, fx.valid.certificatePem);
  });

  it("a read Secret without tls.key fails the deployment naming the Secret and the key, no value", async () => {
    const { options } = cluster({ "tls.crt": b64(fx.seed.certificatePem) });
    // The failure is inside an output: the engine notices it when registrations stop.
    await assert.rejects(planManifests({}, { ...options, stallTimeoutMs: 1000 }), (err: Error) => {
      assert.match(err.message, /Secret default\/hello-ingress-secret read from the cluster has no tls\.key/);
      assert.ok(!err.message.includes(b64(fx.seed.certificatePem).slice(0, 40)));
      return true;
    });
  });

  it("rotation: new content in the cluster keeps the logical name (a replacement, create-before-delete)", async () => {
    const first = cluster(tlsData(fx.seed));
    const second = cluster(tlsData(fx.valid));
    const [a, b] = [await planManifests({}, first.options), await planManifests({}, second.options)];
    const [certA, certB] = [one(a.resources, T.certificate), one(b.resources, T.certificate)];
    assert.equal(certA.urn, certB.urn);
    assert.notEqual(first.certificates[0].certificate, second.certificates[0].certificate);
    // Autonamed (no `name`) and not deleteBeforeReplace: Pulumi creates the new certificate first.
    for (const cert of [certA, certB]) {
      assert.equal(cert.inputs.name, undefined);
      assert.notEqual(cert.options?.deleteBeforeReplace, true);
    }
  });

  it("a Secret in the files is created and uploaded as before: no read", async () => {
    const { tlsSecretYaml } = await import("./https-fixtures");
    const run = await planManifests({}, {}, tlsSecretYaml("hello-ingress-secret", fx.seed));
    assert.deepEqual(
      run.resources.filter((r) => r.read),
      [],
    );
    assert.match(one(run.resources, T.certificate).name, /-[0-9a-f]{8}$/);
  });

  it("IngressLoadBalancer alone reads the Secret it is not given itself, under its own name", async () => {
    const run = await recordPlan(() => {
      const app = (name: string) =>
        new BackendApp(name, {
          serviceName: `${name}-node-svc`,
          image: "node:20-alpine",
          containerPort: 8080,
        });
      new IngressLoadBalancer("hello-ingress-tls", {
        ingresses: [tlsIngress([{ secretName: "shop-tls" }])],
        backends: [app("users"), app("products")],
        instanceGroups: [GROUP],
        nodeTags: ["gke-node"],
      });
    });
    const read = one(run.resources, T.secret);
    assert.equal(read.read, true);
    assert.equal(read.name, "hello-ingress-tls-read:default/shop-tls");
    assert.equal(one(run.resources, T.certificate).name, "hello-ingress-tls-shop-tls-cluster");
  });
});

describe("existing: objects other tools own (recorded)", () => {
  it("existing.services: Service.get, no Service created for it, its nodePort from the read", async () => {
    const manifests = seedTlsManifests();
    // The cluster holds the Services as the files describe them (what `ingress-glb plan` assumes offline).
    const run = await planManifests(
      { existing: { services: true } },
      { readState: (type, id) => offlineClusterObject(manifests, type, id) },
    );
    const services = run.resources.filter((r) => r.type === T.service);
    const read = services.filter((r) => r.read);
    assert.deepEqual(read.map((r) => r.id).sort(), ["default/products-node-svc", "default/users-node-svc"]);
    assert.ok(services.filter((r) => !r.read).every((r) => r.name.includes("default-backend")));
    for (const service of read) {
      const nodePort = run.placeholders.find((p) => p.urn === service.urn && /nodePort/.test(p.property));
      const backend = run.resources.find(
        (r) => r.type === T.backendService && r.dependencies.includes(service.urn),
      );
      assert.equal(backend?.inputs.portName, `port${nodePort?.value}`);
    }
  });

  it("existing.objects naming an object the files lack is an InputError at the entry, before anything is registered", async () => {
    const registered: string[] = [];
    await assert.rejects(
      planManifests(
        { existing: { objects: ["Service/default/user-node-svc"] } },
        { newResource: (r) => void registered.push(r.name) },
      ),
      (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.equal(err.origin.field, "existing.objects[0]");
        assert.match(err.message, /did you mean "Service\/default\/users-node-svc"\?/);
        return true;
      },
    );
    assert.deepEqual(registered, []);
  });
});
