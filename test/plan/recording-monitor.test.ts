import { strict as assert } from "node:assert";
import { RecordingMonitor } from "../../lib/plan/recording-monitor";

describe("the recording monitor across SDK versions", () => {
  it("answers GetDeploymentInfo as unimplemented, so newer SDKs ask feature by feature", () => {
    // @pulumi/pulumi 3.27x asks GetDeploymentInfo first and falls back to SupportsFeature only on
    // UNIMPLEMENTED (code 12); any other answer fails the program (seen on 3.276.0 before this call existed).
    const monitor = new RecordingMonitor({ project: "p", stack: "s", config: () => undefined });
    let answer: (Error & { code?: number }) | null | undefined;
    monitor.getDeploymentInfo({}, (err) => (answer = err));
    assert.equal(answer?.code, 12);
  });
});
