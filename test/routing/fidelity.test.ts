import assert from "node:assert/strict";
import fc from "fast-check";
import { PathType } from "../../lib/ingress/types";
import { ingress } from "../translate/fixtures";
import {
  FidelityCase,
  caseArb,
  compareCase,
  describeDifference,
  explainDifference,
  requestsArb,
} from "./fidelity-cases";

/** Fails with the first unexplained difference of a case, as a readable counterexample. */
function assertExplained(c: FidelityCase): void {
  const outcome = compareCase(c);
  if (outcome.kind === "rejected") return;
  const unexplained = outcome.differences.find((d) => !d.explainedBy);
  if (unexplained) assert.fail(`unexplained difference:\n${describeDifference(c, unexplained)}`);
}

describe("Kubernetes fidelity: the GCP URL map against the Kubernetes reference", () => {
  it("every difference on generated specs and requests is one a warning names", () => {
    fc.assert(fc.property(caseArb, assertExplained), { numRuns: 5000, seed: 42 });
  });

  it("the generated cases reach the interesting corners (so the property above can fail)", () => {
    const stats = { compared: 0, differences: 0, exactPrefixPairs: 0, wildcardDeep: 0, prefixNotElement: 0 };
    for (const c of fc.sample(caseArb, { numRuns: 2000, seed: 7 })) {
      const outcome = compareCase(c);
      if (outcome.kind === "rejected") continue;
      stats.compared++;
      stats.differences += outcome.differences.length;
      for (const ing of c.ingresses) {
        for (const rule of ing.rules) {
          const exact = new Set(rule.paths.filter((p) => p.pathType === "Exact").map((p) => p.path));
          if (rule.paths.some((p) => p.pathType === "Prefix" && exact.has(p.path))) stats.exactPrefixPairs++;
        }
      }
      stats.wildcardDeep += c.requests.filter((r) =>
        /^[a-z]\.[a-z]\.(bar\.)?foo\.com$|\.[a-z]\.baz\.org$/i.test(r.host),
      ).length;
      stats.prefixNotElement += c.requests.filter((r) => /\/(a|b|ab|aa)(x|b)$/.test(r.path)).length;
    }
    assert.ok(stats.compared > 1900, `most specs translate: ${JSON.stringify(stats)}`);
    assert.ok(stats.differences > 100, `wildcard depth differences occur: ${JSON.stringify(stats)}`);
    assert.ok(stats.exactPrefixPairs > 50, `Exact and Prefix on one path occur: ${JSON.stringify(stats)}`);
    assert.ok(stats.wildcardDeep > 500, `deep wildcard hosts are requested: ${JSON.stringify(stats)}`);
    assert.ok(
      stats.prefixNotElement > 500,
      `prefix-but-not-element paths are requested: ${JSON.stringify(stats)}`,
    );
  });

  it("Exact and Prefix on the same path route as Kubernetes says, in any order and with any neighbours", () => {
    const segment = fc.constantFrom("a", "b", "ab");
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join("/")}`);
    const entry = fc.tuple(
      path,
      fc.constantFrom<PathType>("Exact", "Prefix"),
      fc.constantFrom<string>("s1", "s2", "s3"),
    );
    const spec = fc
      .tuple(path, fc.array(entry, { maxLength: 5 }), fc.boolean(), fc.nat())
      .map(([shared, others, exactFirst, at]) => {
        const pair: [string, PathType, string][] = [
          [shared, "Exact", "s1"],
          [shared, "Prefix", "s2"],
        ];
        if (!exactFirst) pair.reverse();
        // Only the first of two same-type entries on a path survives: a duplicate is an error, not a case.
        const seen = new Set(pair.map(([p, t]) => `${t} ${p}`));
        const rest = others.filter(([p, t]) => !seen.has(`${t} ${p}`) && (seen.add(`${t} ${p}`), true));
        rest.splice(at % (rest.length + 1), 0, ...pair);
        return {
          scheme: "EXTERNAL" as const,
          ingresses: [ingress([{ host: "foo.com", paths: rest }], { defaultBackend: undefined })],
        };
      });
    fc.assert(
      fc.property(
        spec.chain((s) => requestsArb(s).map((requests) => ({ ...s, requests }))),
        (c) => {
          const outcome = compareCase(c);
          assert.equal(outcome.kind, "compared", outcome.kind === "rejected" ? outcome.error.message : "");
          if (outcome.kind === "compared") {
            assert.deepEqual(
              outcome.differences.map((d) => describeDifference(c, d)),
              [],
            );
          }
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });

  it("a wildcard host warns, naming the host, and explains exactly its deeper requests", () => {
    const c: FidelityCase = {
      scheme: "EXTERNAL",
      ingresses: [
        ingress([{ host: "*.foo.com", paths: [["/", "Prefix", "s1"]] }, { paths: [["/", "Prefix", "s2"]] }]),
      ],
      requests: [
        { host: "a.foo.com", path: "/x" },
        { host: "b.a.foo.com", path: "/x" },
        { host: "foo.com", path: "/x" },
      ],
    };
    const outcome = compareCase(c);
    assert.equal(outcome.kind, "compared");
    if (outcome.kind !== "compared") return;
    assert.equal(outcome.agreeing, 2);
    assert.deepEqual(
      outcome.differences.map((d) => [
        d.request.host,
        d.gcpBackend,
        d.kubernetesBackend,
        d.explainedBy?.code,
      ]),
      [["b.a.foo.com", "default/s1:80", "default/s2:80", "wildcard-host-depth"]],
    );
    assert.match(outcome.differences[0].explainedBy?.message ?? "", /"\*\.foo\.com"/);
  });

  it("a difference without its warning is reported unexplained", () => {
    const c: FidelityCase = {
      scheme: "EXTERNAL",
      ingresses: [ingress([{ host: "*.foo.com", paths: [["/", "Prefix", "s1"]] }])],
      requests: [{ host: "b.a.foo.com", path: "/" }],
    };
    const outcome = compareCase(c);
    assert.equal(outcome.kind, "compared");
    if (outcome.kind !== "compared") return;
    assert.equal(outcome.differences.length, 1);
    assert.equal(outcome.differences[0].explainedBy?.code, "wildcard-host-depth");
    // The same difference against a plan without the warning is unexplained.
    const silent = {
      ...outcome.model,
      warnings: outcome.model.warnings.filter((w) => w.code !== "wildcard-host-depth"),
    };
    assert.equal(explainDifference(silent, c.requests[0], outcome.differences[0].gcp), undefined);
  });
});
