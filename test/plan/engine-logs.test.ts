import { strict as assert } from "node:assert";

import * as pulumi from "@pulumi/pulumi";

import { recordPlan } from "../../lib/plan/engine";
import { capturingOutput } from "./capture-output";

class Noisy extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Noisy", name, {}, opts);
    void pulumi.log.warn(`${name} warns`, this);
    void pulumi.log.info(`${name} informs`, this);
    void pulumi.log.debug(`${name} traces`, this);
    this.registerOutputs({});
  }
}

describe("plan engine: pulumi.log", () => {
  it("records each info, warning and error message with its resource's URN, in order", async () => {
    const run = await recordPlan(() => {
      const parent = new Noisy("outer");
      new Noisy("inner", { parent });
      void pulumi.log.error("no resource named");
    });
    assert.deepEqual(run.logs, [
      {
        severity: "warning",
        message: "outer warns",
        urn: "urn:pulumi:plan::ingress-glb::test:index:Noisy::outer",
      },
      {
        severity: "info",
        message: "outer informs",
        urn: "urn:pulumi:plan::ingress-glb::test:index:Noisy::outer",
      },
      {
        severity: "warning",
        message: "inner warns",
        urn: "urn:pulumi:plan::ingress-glb::test:index:Noisy$test:index:Noisy::inner",
      },
      {
        severity: "info",
        message: "inner informs",
        urn: "urn:pulumi:plan::ingress-glb::test:index:Noisy$test:index:Noisy::inner",
      },
      { severity: "error", message: "no resource named", urn: "" },
    ]);
  });

  it("prints nothing: without an engine the SDK would write `warning: [runtime] ...` to stderr", async () => {
    const { result, written } = await capturingOutput(() => recordPlan(() => void new Noisy("quiet")));
    assert.equal(result.logs.length, 2);
    assert.doesNotMatch(written, /quiet (warns|informs|traces)/);
  });

  it("keeps one run's messages out of the next, and gives the SDK its own engine back", async () => {
    await recordPlan(() => void new Noisy("first"));
    const second = await recordPlan(() => {
      void pulumi.log.warn("second only");
    });
    assert.deepEqual(second.logs, [{ severity: "warning", message: "second only", urn: "" }]);
    // Outside a run the SDK's own lookup is back: no engine address, so no engine.
    const settings = await import("@pulumi/pulumi/runtime/settings");
    assert.equal((settings as unknown as { getEngine: () => unknown }).getEngine(), undefined);
  });
});
