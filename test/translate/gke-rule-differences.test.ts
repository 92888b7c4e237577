import { strict as assert } from "node:assert";
import { gkeRuleDifferences } from "../../lib/translate/gke-rule-differences";
import { ingress } from "./fixtures";

describe("gkeRuleDifferences: where GKE reads rules otherwise than Kubernetes", () => {
  it("nothing to say of distinct hosts with paths", () => {
    const ing = ingress([
      { host: "a.example.com", paths: [["/", "Prefix", "web"]] },
      { host: "b.example.com", paths: [["/", "Prefix", "web"]] },
    ]);
    assert.deepEqual(gkeRuleDifferences(ing), []);
  });

  it("a rule without http: GKE skips it", () => {
    const [warning] = gkeRuleDifferences(ingress([{ host: "a.example.com", paths: [] }]));
    assert.equal(warning.code, "rule-without-http");
    assert.match(
      warning.message,
      /rule 0 of Ingress default\/hello-ingress \(host a\.example\.com\) has no http paths: GKE skips it/,
    );
  });

  it("the same host in two rules: both kept here, GKE keeps the last", () => {
    const warnings = gkeRuleDifferences(
      ingress([
        { host: "a.example.com", paths: [["/x", "Prefix", "web"]] },
        { paths: [["/", "Prefix", "web"]] },
        { host: "a.example.com", paths: [["/y", "Prefix", "web"]] },
      ]),
    );
    assert.deepEqual(
      warnings.map((w) => [w.code, w.origin?.field]),
      [["gke-drops-earlier-rule", "spec.rules[2]"]],
    );
    assert.match(warnings[0].message, /rules 0 and 2 .* GKE's controller keeps only rule 2's/);
  });
});
