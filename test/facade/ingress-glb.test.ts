import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { IngressGlb, IngressGlbArgs, LoadBalancerScheme } from "../../lib/facade";
import { InputError } from "../../lib/errors";
import { loadManifests } from "../../lib/ingress/manifests";
import { RecordedRun, recordPlan } from "../../lib/plan/engine";
import { offlineClusterObject } from "../../lib/plan/plan-manifests";
import { PlannedResource } from "../../lib/plan/types";
import { CLUSTER, SEED, keyMaterial } from "../components/https-fixtures";
import { TEST_CERTIFICATE } from "../lifecycle/test-certificates";
import { T } from "../resource-types";

const FACADE = "ingress-glb:index:IngressGlb";
const MANIFESTS = "ingress-glb:index:IngressManifests";
const SEED_FILES = fs
  .readdirSync(SEED)
  .sort()
  .map((f) => path.join(SEED, f));
const seedTexts = () => SEED_FILES.map((f) => fs.readFileSync(f, "utf8"));

/** The facade's args for the seed: its five files as text, the TLS Ingress's Secret as PEM. */
const seedArgs = (privateKeyPem: pulumi.Input<string> = TEST_CERTIFICATE.privateKeyPem): IngressGlbArgs => ({
  manifests: seedTexts(),
  ...CLUSTER,
  tlsCertificates: [
    { secretName: "hello-ingress-secret", certificatePem: TEST_CERTIFICATE.certificatePem, privateKeyPem },
  ],
});

/**
 * The registrations as they would be without IngressGlb above IngressManifests: the facade's type taken
 * out of every URN (its own, its parent's, its dependencies', its aliases'), IngressManifests made a root,
 * the offline engine's stand-ins for cloud values (derived from URNs) named after what they stand for, in
 * URN order (a secret resolves a tick later, so registrations may interleave differently).
 */
function withoutFacade(run: RecordedRun): unknown[] {
  const unnest = (text: string) => text.replaceAll(`${FACADE}$`, "");
  let text = JSON.stringify(run.resources.filter((r) => r.type !== FACADE && r.type !== T.stack));
  for (const p of run.placeholders.filter((p) => typeof p.value === "string")) {
    text = text.replaceAll(JSON.stringify(p.value), JSON.stringify(`<${unnest(p.urn)} ${p.property}>`));
  }
  return (JSON.parse(unnest(text)) as PlannedResource[])
    .map((r) => (r.type === MANIFESTS ? { ...r, parent: null } : r))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

async function planError(program: () => void): Promise<{ error: unknown; run?: RecordedRun }> {
  let caught: unknown;
  try {
    const run = await recordPlan(() => {
      try {
        program();
      } catch (err) {
        caught = err;
      }
    });
    return { error: caught, run };
  } catch (err) {
    return { error: err };
  }
}

describe("IngressGlb, IngressManifests for every language", () => {
  let direct: RecordedRun;
  let facade: RecordedRun;
  let secretKey: RecordedRun;
  before(async function () {
    this.timeout(300_000);
    direct = await recordPlan(() => {
      new IngressManifests("hello", {
        manifests: loadManifests(SEED_FILES),
        ...CLUSTER,
        tlsCertificates: [
          {
            ...TEST_CERTIFICATE,
            // The facade names the fields the PEM was given in; errors only, never registered.
            sources: {
              certificate: "tlsCertificates[0].certificatePem",
              privateKey: "tlsCertificates[0].privateKeyPem",
            },
          },
        ],
      });
    });
    const outputsOf = (lb: IngressGlb) => ({
      ipAddresses: lb.ipAddresses,
      loadBalancerNames: lb.loadBalancerNames,
      urlMapNames: lb.urlMapNames,
      warnings: lb.warnings,
      skippedIngresses: lb.skippedIngresses,
    });
    facade = await recordPlan(() => outputsOf(new IngressGlb("hello", seedArgs())));
    // As another language passes a key from stack config: a secret output.
    secretKey = await recordPlan(() =>
      outputsOf(new IngressGlb("hello", seedArgs(pulumi.secret(TEST_CERTIFICATE.privateKeyPem)))),
    );
  });

  it("registers the seed's objects and load balancers exactly as IngressManifests does, under itself", () => {
    assert.ok(direct.resources.length > 40, `${direct.resources.length} resources`);
    assert.deepEqual(withoutFacade(facade), withoutFacade(direct));
    const [own] = facade.resources.filter((r) => r.type === FACADE);
    assert.deepEqual([own.name, own.inputs], ["hello", {}], "no inputs of its own: they hold the secrets");
    const manifests = facade.resources.filter((r) => r.type === MANIFESTS);
    assert.deepEqual(
      manifests.map((r) => r.parent),
      [own.urn],
    );
  });

  it("registers the same resources when the TLS key arrives as a secret output", () => {
    assert.deepEqual(withoutFacade(secretKey), withoutFacade(facade));
    const text = JSON.stringify(secretKey);
    for (const fragment of keyMaterial(TEST_CERTIFICATE.privateKeyPem)) {
      assert.ok(!text.includes(fragment), "no key material in the recorded plan");
    }
    const certificate = secretKey.resources.find((r) => r.type === T.certificate);
    assert.ok(certificate?.secretPaths.includes("privateKey"));
  });

  it("outputs each load balancer's address, name and URL map, the warnings and the skipped Ingresses, none secret", () => {
    for (const run of [facade, secretKey]) {
      const outputs = run.outputs as Record<string, string[]>;
      const addresses = run.placeholders
        .filter((p) => p.property === "address" && p.urn.includes(T.address))
        .map((p) => p.value);
      const lbs = run.resources.filter((r) => r.type === T.lb);
      assert.equal(lbs.length, 3, "one per seed Ingress");
      assert.deepEqual(
        outputs.loadBalancerNames,
        lbs.map((r) => r.name),
      );
      assert.equal(outputs.ipAddresses.length, 3);
      // The reserved addresses' placeholders; the static-IP Ingress's looked-up address has its own.
      for (const ip of addresses) assert.ok(outputs.ipAddresses.includes(ip as string), `${ip}`);
      assert.deepEqual(
        outputs.urlMapNames,
        run.resources
          .filter((r) => r.type === T.urlMap)
          .map((r) => run.placeholders.find((p) => p.urn === r.urn && p.property === "name")?.value),
      );
      assert.ok(Array.isArray(outputs.warnings));
      assert.deepEqual(outputs.skippedIngresses, []);
    }
  });

  it("takes the names of an existing address, SSL policy and certificate as outputs, as another language passes them", async () => {
    const run = await recordPlan(() => {
      new IngressGlb("hello", {
        ...seedArgs(),
        staticIpName: pulumi.output("corp-ip"),
        sslPolicyName: pulumi.output("corp-tls"),
        preSharedCertificates: [pulumi.output("corp-cert")],
      });
    });
    const reads = (type: string) => run.resources.filter((r) => r.type === type && r.read).map((r) => r.id);
    // Every load balancer of the seed looks that address up; none reserves one.
    assert.deepEqual([...new Set(reads(T.address))], ["corp-ip"]);
    assert.equal(run.resources.filter((r) => r.type === T.address && !r.read).length, 0);
    // The pre-shared certificate gives each of them HTTPS, with that policy.
    const proxies = run.resources.filter((r) => r.type === T.httpsProxy);
    assert.equal(reads(T.sslPolicy).length, proxies.length);
    assert.deepEqual([...new Set(reads(T.sslPolicy))], ["corp-tls"]);
    for (const proxy of proxies) assert.equal((proxy.inputs.sslCertificates as string[])[0], "corp-cert");
  });

  it("outputs the warnings as `pulumi preview` logs them", () => {
    const logged = facade.logs.filter((l) => l.severity === "warning").map((l) => l.message);
    const outputs = facade.outputs as Record<string, string[]>;
    assert.ok(logged.length > 0, "the seed has warnings (old apiVersions...)");
    assert.deepEqual([...outputs.warnings].sort(), [...logged].sort());
  });
});

describe("IngressGlb refuses, naming the field", () => {
  const args = (over: Partial<IngressGlbArgs>): IngressGlbArgs => ({ ...seedArgs(), ...over });

  it("a YAML mistake, by item and line, before anything is registered", async () => {
    const { error, run } = await planError(
      () => new IngressGlb("bad", args({ manifests: [seedTexts()[0], "a: [b\n"] })),
    );
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^manifests\[1\]/);
    assert.deepEqual(
      run?.resources.map((r) => r.type),
      [T.stack],
    );
  });

  it("an object defined in two items", async () => {
    const [first] = seedTexts();
    const { error } = await planError(() => new IngressGlb("twice", args({ manifests: [first, first] })));
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^manifests\[1\]:1: .*defined twice \(first defined in manifests\[0\]:1\)/);
  });

  it("manifests that are not known text (an output)", async () => {
    const manifests = [pulumi.output("kind: Service")] as unknown as string[];
    const { error } = await planError(() => new IngressGlb("out", args({ manifests })));
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^manifests\[0\]: must be YAML text known when the component is constructed/);
  });

  it("a scheme no language's enum has, with the nearest", async () => {
    const scheme = "EXTERNAL_MANGED" as LoadBalancerScheme;
    const { error } = await planError(() => new IngressGlb("scheme", args({ scheme })));
    assert.equal(
      (error as Error).message,
      'scheme: "EXTERNAL_MANGED" is not one of EXTERNAL, EXTERNAL_MANAGED (did you mean "EXTERNAL_MANAGED"?)',
    );
  });

  it("a key that is not the certificate's, naming the facade's field and quoting no key", async () => {
    const other = fs.readFileSync(
      path.resolve(__dirname, "../fixtures/lifecycle/test-only-rotated.key"),
      "utf8",
    );
    const { error } = await planError(() => new IngressGlb("key", seedArgs(pulumi.secret(other))));
    assert.ok(error instanceof InputError);
    assert.match(error.message, /tlsCertificates\[0\]\.privateKeyPem/);
    for (const fragment of keyMaterial(other)) assert.ok(!error.message.includes(fragment));
  });

  it("an OAuth client given twice, in a list or in a secret output of a list", async () => {
    const client = { namespace: "default", secretName: "oauth", clientId: "id", clientSecret: "s" };
    const secretList = pulumi.secret([client, client]) as unknown as IngressGlbArgs["iapClients"];
    for (const iapClients of [[client, client], secretList]) {
      const { error } = await planError(() => new IngressGlb("iap", args({ iapClients })));
      assert.equal(
        (error as Error).message,
        "iapClients[1]: the OAuth client of Secret default/oauth is given twice",
      );
    }
  });

  it("instance groups whose number is not known at construction", async () => {
    const instanceGroups = pulumi.output(CLUSTER.instanceGroups) as unknown as string[];
    const { error } = await planError(() => new IngressGlb("groups", args({ instanceGroups })));
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^instanceGroups: must be a list known when the component is constructed/);
  });
});

describe("IngressGlb: NEG, regional and existing-object inputs reach IngressManifests", () => {
  it("plans a gce-internal Ingress on NEG backends in the given zones, reading the Services another tool owns", async () => {
    const mixed = path.resolve(__dirname, "../fixtures/regional/mixed");
    const run = await recordPlan(
      () => {
        new IngressGlb("glb", {
          manifests: ["internal.yaml", "services.yaml"].map((f) =>
            fs.readFileSync(path.join(mixed, f), "utf8"),
          ),
          instanceGroups: [
            "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b/instanceGroups/gke-nodes",
          ],
          nodeTags: ["gke-node"],
          zones: ["europe-west1-b"],
          region: "europe-west1",
          subnetwork: "gke-nodes",
          proxyOnlySubnet: { ipCidrRange: "10.129.0.0/23", exists: true },
          existing: { services: true },
        });
      },
      {
        // As the CLI does: the offline cluster holds the read Services as their manifests say.
        readState: (type, id) => offlineClusterObject(loadManifests([mixed]), type, id),
      },
    );
    const types = new Set(run.resources.map((r) => r.type));
    assert.ok(types.has("ingress-glb:index:RegionalIngressLoadBalancer"));
    assert.ok(!types.has("gcp:compute/globalForwardingRule:GlobalForwardingRule"));
    assert.ok(!types.has("gcp:compute/subnetwork:Subnetwork"), "the proxy-only subnet is said to exist");
    const rule = run.resources.find((r) => r.type === "gcp:compute/forwardingRule:ForwardingRule");
    assert.equal(rule?.inputs.region, "europe-west1");
    assert.equal(rule?.inputs.subnetwork, "gke-nodes");
    const services = run.resources.filter((r) => r.type === T.service);
    assert.ok(
      services.some((r) => r.read),
      "the manifests' Services are read",
    );
  });
});
