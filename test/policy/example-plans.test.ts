import { strict as assert } from "node:assert";
import * as path from "node:path";
import { IngressManifests } from "../../lib/components/ingress-manifests";
import { loadManifests } from "../../lib/ingress/manifests";
import { recordPlan } from "../../lib/plan/engine";
import { planManifests } from "../../lib/plan/plan-manifests";
import { Plan } from "../../lib/plan/types";
import { evaluatePolicies } from "../../lib/policy/evaluate";
import { planSubjects } from "../../lib/policy/plan-subjects";
import { PolicyFinding, T } from "../../lib/policy/rules";
import { CLUSTER, seedTlsManifests, tlsSecretYaml } from "../components/https-fixtures";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";

const EXAMPLES = path.resolve(__dirname, "../../examples");

/** Findings as `level policy name`, the shape compared exactly. */
const brief = (findings: PolicyFinding[]) => findings.map((f) => `${f.level} ${f.policy} ${f.urn}`);

/** The one managed resource of `type` (and `port`, for forwarding rules) in the plan: the rules name it. */
function urnOf(plan: Pick<Plan, "resources">, type: string, inputs: Record<string, unknown> = {}): string {
  const found = plan.resources.filter(
    (r) => r.type === type && !r.read && Object.entries(inputs).every(([k, v]) => r.inputs[k] === v),
  );
  assert.equal(
    found.length,
    1,
    `one ${type} ${JSON.stringify(inputs)}: ${found.map((r) => r.name).join(", ")}`,
  );
  return found[0].urn;
}

async function examplePlan(example: string): Promise<Plan> {
  const manifests = loadManifests([path.join(EXAMPLES, example, "manifests")]);
  return (await planManifests(manifests, {})).plan;
}

describe("policy rules on the example plans", () => {
  it("hello-ingress violates one rule: its reserved address is not protected", async () => {
    const plan = await examplePlan("hello-ingress");
    const report = evaluatePolicies(planSubjects(plan));
    assert.deepEqual(brief(report.findings), [
      `mandatory reserved-address-protected ${urnOf(plan, T.address)}`,
    ]);
    assert.deepEqual([report.mandatory, report.advisory], [1, 0]);
  });

  it("the container-native fixture violates only the unprotected address: its Pod ports are in use", async () => {
    const manifests = loadManifests([path.resolve(__dirname, "../fixtures/neg")]);
    const { plan } = await planManifests(manifests, {});
    const report = evaluatePolicies(planSubjects(plan));
    assert.deepEqual(brief(report.findings), [
      `mandatory reserved-address-protected ${urnOf(plan, T.address)}`,
    ]);
  });

  it("multi-team is clean: its address is looked up by name, every backend health-checked", async () => {
    const plan = await examplePlan("multi-team");
    assert.ok(
      plan.resources.some((r) => r.read && r.type === "gcp:compute/globalAddress:GlobalAddress"),
      "the example reads its address (kubernetes.io/ingress.global-static-ip-name)",
    );
    const report = evaluatePolicies(planSubjects(plan));
    assert.deepEqual(report.findings, []);
    assert.deepEqual([report.mandatory, report.advisory], [0, 0]);
  });

  describe("the seed's HTTPS step", () => {
    let fx: TlsFixtures;
    before(function () {
      this.timeout(120_000);
      fx = tlsFixtures();
    });
    const manifests = () => seedTlsManifests(tlsSecretYaml("hello-ingress-secret", fx.seed));

    it("as the seed writes it: :80 serves the routes instead of redirecting, and the address is unprotected", async () => {
      const { plan } = await planManifests(manifests(), CLUSTER);
      assert.deepEqual(brief(evaluatePolicies(planSubjects(plan)).findings), [
        `mandatory http-redirects-to-https ${urnOf(plan, T.forwardingRule, { portRange: "80" })}`,
        `mandatory reserved-address-protected ${urnOf(plan, T.address)}`,
      ]);
    });

    it("with redirectToHttps and protectAddress (and IPv6) it is clean; the default SSL policy passes", async () => {
      const run = await recordPlan(() => {
        new IngressManifests("hello", {
          manifests: manifests(),
          ...CLUSTER,
          redirectToHttps: true,
          protectAddress: true,
          ipv6: true,
        });
      });
      const subjects = planSubjects({ ...run, routes: [], warnings: [] });
      assert.equal(subjects.filter((s) => s.type === "gcp:compute/globalAddress:GlobalAddress").length, 2);
      assert.deepEqual(evaluatePolicies(subjects).findings, []);
    });

    it("a COMPATIBLE SSL policy is a violation; an existing one only looked up is advisory", async () => {
      const plan = async (sslPolicy: string | { profile: "COMPATIBLE" }) => {
        const run = await recordPlan(() => {
          new IngressManifests("hello", {
            manifests: manifests(),
            ...CLUSTER,
            redirectToHttps: true,
            protectAddress: true,
            sslPolicy,
          });
        });
        return {
          findings: evaluatePolicies(planSubjects({ ...run, routes: [], warnings: [] })).findings,
          run,
        };
      };
      const { findings: weak, run } = await plan({ profile: "COMPATIBLE" });
      const proxy = urnOf(run, T.httpsProxy);
      assert.deepEqual(brief(weak), [`mandatory https-proxy-modern-tls ${proxy}`]);
      assert.match(weak[0].message, /profile COMPATIBLE, not MODERN or RESTRICTED/);
      const { findings: existing } = await plan("corp-tls");
      assert.deepEqual(brief(existing), [`advisory https-proxy-modern-tls ${proxy}`]);
      assert.match(existing[0].message, /is looked up, and the plan does not hold its settings/);
    });
  });
});
