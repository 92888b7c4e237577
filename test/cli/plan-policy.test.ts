import { strict as assert } from "node:assert";
import * as path from "node:path";
import { EXIT } from "../../lib/cli";
import { Plan } from "../../lib/plan/types";
import { PolicyReport } from "../../lib/policy/evaluate";
import { CliResult, EXAMPLE_DIR, parseJson, runCli } from "./run-cli";

const ADDRESS = "gcp:compute/globalAddress:GlobalAddress";
const MULTI_TEAM_DIR = path.resolve(__dirname, "../../examples/multi-team/manifests");

describe("ingress-glb plan --policy (CLI, in-process)", () => {
  let violating: CliResult;
  let violatingJson: CliResult;
  let clean: CliResult;
  let cleanJson: CliResult;
  let plain: CliResult;

  before(async () => {
    violating = await runCli("plan", EXAMPLE_DIR, "--policy");
    violatingJson = await runCli("plan", EXAMPLE_DIR, "--policy", "--json");
    clean = await runCli("plan", MULTI_TEAM_DIR, "--policy");
    cleanJson = await runCli("plan", MULTI_TEAM_DIR, "--policy", "--json");
    plain = await runCli("plan", EXAMPLE_DIR, "--json");
  });

  it("exits 4 on a mandatory violation, a code of its own", () => {
    assert.equal(EXIT.policyViolation, 4);
    assert.ok(!([0, 1, 2, 3] as number[]).includes(EXIT.policyViolation));
    assert.equal(violating.code, EXIT.policyViolation, violating.err);
    assert.equal(violatingJson.code, EXIT.policyViolation, violatingJson.err);
    assert.equal(violating.err, "");
  });

  /** The example's one reserved address, as the plan names it. */
  const address = () => {
    const found = parseJson<Plan>(plain).resources.filter((r) => r.type === ADDRESS && !r.read);
    assert.equal(found.length, 1);
    return found[0];
  };

  it("appends the findings to the text plan", () => {
    const section = violating.out.slice(violating.out.lastIndexOf("\nPolicy ("));
    assert.equal(
      section,
      [
        "",
        "Policy (5 rules): 1 mandatory violation, 0 advisory findings",
        `  mandatory reserved-address-protected: ${ADDRESS} ${address().name}: reserved address is not protected: destroying or replacing it releases the IP that DNS points at (protectAddress: true)`,
        "",
      ].join("\n"),
    );
  });

  it("adds a policy field to --json, the plan otherwise unchanged", () => {
    const { policy, ...rest } = parseJson<Plan & { policy: PolicyReport }>(violatingJson);
    assert.deepEqual(rest, parseJson<Plan>(plain));
    assert.deepEqual(policy.rules, [
      "https-proxy-modern-tls",
      "http-redirects-to-https",
      "firewall-google-ranges-only",
      "reserved-address-protected",
      "backend-service-health-check",
    ]);
    assert.deepEqual(
      policy.findings.map((f) => [f.level, f.policy, f.type, f.name, f.urn]),
      [["mandatory", "reserved-address-protected", ADDRESS, address().name, address().urn]],
    );
    assert.deepEqual([policy.mandatory, policy.advisory], [1, 0]);
  });

  it("exits 0 on a clean plan and says so", () => {
    assert.equal(clean.code, EXIT.ok, clean.err);
    assert.ok(
      clean.out.endsWith("\nPolicy (5 rules): 0 mandatory violations, 0 advisory findings\n"),
      clean.out.slice(-300),
    );
    assert.equal(cleanJson.code, EXIT.ok);
    const { policy } = parseJson<Plan & { policy: PolicyReport }>(cleanJson);
    assert.deepEqual([policy.findings, policy.mandatory, policy.advisory], [[], 0, 0]);
  });

  it("without --policy, neither checks nor changes the exit code", () => {
    assert.equal(plain.code, EXIT.ok);
    assert.equal("policy" in parseJson<Plan>(plain), false);
  });
});
