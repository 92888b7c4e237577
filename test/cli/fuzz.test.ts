import { strict as assert } from "node:assert";
import fc from "fast-check";
import { buildCorpus, FuzzCorpus, fuzzInputArb, judge, leakWindows, runFuzzInput } from "./fuzz-cases";

/**
 * The exit-code contract under mutation, bounded for `npm test` (a fixed seed, a few dozen runs, a time
 * cap); `npm run fuzz` runs thousands. Exit 0 or 2, one stderr line for 2, no stack, no secret byte.
 */
describe("the CLI under mutated manifests and plans (fuzz, bounded)", () => {
  let corpus: FuzzCorpus;
  let windows: Set<string>;
  before(async () => {
    corpus = await buildCorpus();
    windows = leakWindows(corpus.secrets);
  });

  it("the corpus has Secrets to leak: a TLS key, an IAP client secret, a bare key file", () => {
    assert.ok(corpus.secrets.some((s) => s.includes("PRIVATE KEY")));
    assert.ok(corpus.secrets.some((s) => s.startsWith("fuzz-oauth-client-secret")));
    assert.ok(windows.size > 1000);
  });

  it("the oracle sees an internal error, a leak, a second line and a stack trace", () => {
    const key = corpus.secrets.find((s) => s.includes("PRIVATE KEY")) as string;
    const keyLine = key.split("\n")[1];
    assert.equal(judge({ code: 1, out: "", err: "x" }, windows).verdict, "internal-error");
    assert.equal(
      judge({ code: 2, out: "", err: `ingress-glb: ${keyLine}\n` }, windows).verdict,
      "secret-leak",
    );
    assert.equal(judge({ code: 2, out: "", err: "ingress-glb: a\nb\n" }, windows).verdict, "broken-contract");
    assert.equal(
      judge({ code: 2, out: "", err: "ingress-glb: a\n    at f (x.ts:1)\n" }, windows).verdict,
      "broken-contract",
    );
    assert.equal(judge({ code: 2, out: "", err: "ingress-glb: a\n" }, windows).verdict, "exit-2");
  });

  it("every corpus case plans as it is: the mutations start from valid input", async () => {
    for (const c of corpus.manifestCases.filter((m) => m.name !== "key-file")) {
      const outcome = await runFuzzInput(corpus, windows, {
        kind: "manifests",
        caseIndex: corpus.manifestCases.indexOf(c),
        fileIndex: 0,
        mutations: [],
        planMutation: { target: 0, replacement: 0 },
        flags: 1,
        command: "plan",
      });
      assert.equal(outcome.verdict, "exit-0", `${c.name}: ${outcome.detail}`);
    }
  });

  it("every mutation exits 0 or 2, with one clean line for 2 and no secret byte", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fuzzInputArb, async (input) => {
        runs += 1;
        const outcome = await runFuzzInput(corpus, windows, input);
        assert.ok(
          outcome.verdict === "exit-0" || outcome.verdict === "exit-2",
          `${outcome.verdict}: ${outcome.detail}`,
        );
      }),
      { seed: 20_261_201, numRuns: 60, interruptAfterTimeLimit: 10_000, markInterruptAsFailure: false },
    );
    assert.ok(runs >= 20, `only ${runs} runs`);
  });
});
