import { strict as assert } from "node:assert";
import * as path from "node:path";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { warningLogMessage } from "../../lib/components/log-warnings";
import { loadManifests, parseManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { T } from "../resource-types";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CLUSTER, SEED, keyMaterial, one, seedTlsManifests, tlsSecretYaml } from "./https-fixtures";

describe("components: the model's warnings reach pulumi preview and up through pulumi.log.warn", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  /** Plans IngressManifests `hello` and returns the run with the component. */
  async function plan(
    args: Omit<ConstructorParameters<typeof IngressManifests>[1], "instanceGroups" | "nodeTags">,
  ) {
    let component: IngressManifests | undefined;
    const run = await recordPlan(() => {
      component = new IngressManifests("hello", { ...CLUSTER, ...args });
    });
    assert.ok(component);
    return { run, component };
  }

  it("an expired certificate plans by default, with certificate-expired logged on its load balancer", async () => {
    const { run, component } = await plan({
      manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.expired)),
    });
    one(run.resources, T.certificate);
    one(run.resources, T.httpsProxy);
    const [lb] = component.loadBalancers;
    const expired = lb.model.warnings.find((w) => w.code === "certificate-expired");
    assert.ok(expired, lb.model.warnings.map((w) => w.code).join(", "));
    const lbUrn = one(run.resources, T.lb).urn;
    const logged = run.logs.filter((log) => log.message.startsWith("certificate-expired: "));
    assert.deepEqual(logged, [{ severity: "warning", urn: lbUrn, message: warningLogMessage(expired) }]);
    assert.match(
      logged[0].message,
      /expired on 2020-02-01T00:00:00\.000Z.* \[extra-0\.yaml:1: Secret\/default\/hello-ingress-secret: data\.tls\.crt\]$/,
    );
  });

  it("logs every warning of every model once, on the URN of its own IngressLoadBalancer", async () => {
    // The seed's three Ingresses (two on their own addresses, one with TLS) give three load balancers.
    const manifests = loadManifests([SEED]);
    const extra = parseManifests(tlsSecretYaml("hello-ingress-secret", fx.seed), "secret.yaml");
    manifests.secrets.push(...extra.secrets);
    const { run, component } = await plan({ manifests });
    assert.ok(component.loadBalancers.length > 1, "several load balancers");
    const lbUrns = new Map(run.resources.filter((r) => r.type === T.lb).map((r) => [r.name, r.urn]));
    const expected = component.loadBalancers.flatMap((lb) =>
      lb.model.warnings.map((w) => ({
        severity: "warning",
        urn: lbUrns.get(lb.model.name),
        message: warningLogMessage(w),
      })),
    );
    assert.ok(expected.length > 0, "the seed's certificate is self-signed, so at least one warning");
    const sortKey = (log: { urn?: string; message: string }) => `${log.urn} ${log.message}`;
    assert.deepEqual(run.logs.map(sortKey).sort(), expected.map(sortKey).sort());
    for (const log of run.logs) {
      for (const secret of keyMaterial(fx.seed.privateKeyPem)) assert.ok(!log.message.includes(secret));
    }
  });

  it("checks against the given time: before the certificate's end it only expires soon", async () => {
    const { run, component } = await plan({
      manifests: seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.expired)),
      now: new Date("2020-01-15T00:00:00Z"),
    });
    const codes = component.loadBalancers[0].model.warnings.map((w) => w.code);
    assert.ok(codes.includes("certificate-expires-soon"), codes.join(", "));
    assert.ok(!codes.includes("certificate-expired"), codes.join(", "));
    assert.ok(run.logs.some((log) => log.message.startsWith("certificate-expires-soon: ")));
  });

  it("the message reads code, message, then where", () => {
    assert.equal(
      warningLogMessage({
        code: "certificate-self-signed",
        message: "the certificate of Secret default/x is self-signed",
        origin: { file: "x.yaml", line: 3, object: "Secret/default/x", field: "data.tls.crt" },
      }),
      "certificate-self-signed: the certificate of Secret default/x is self-signed [x.yaml:3: Secret/default/x: data.tls.crt]",
    );
    assert.equal(warningLogMessage({ code: "c", message: "m" }), "c: m");
  });

  it("the manifests' own warnings (an Ingress left to nginx, an ignored kind) are logged on IngressManifests", async () => {
    const { run, component } = await plan({
      manifests: loadManifests([path.resolve(__dirname, "../fixtures/classes/side-by-side.yaml")]),
    });
    const codes = component.warnings.map((w) => w.code);
    assert.deepEqual(codes, ["ingress-class-skipped", "ingress-class-skipped"]);
    const componentUrn = one(run.resources, "ingress-glb:index:IngressManifests").urn;
    assert.deepEqual(
      run.logs.filter((log) => log.urn === componentUrn).map((log) => log.message),
      component.warnings.map(warningLogMessage),
    );
  });
});
