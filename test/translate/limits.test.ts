import { strict as assert } from "assert";
import { InputError } from "../../lib/errors";
import { checkInstanceGroupCount, URL_MAP_SIZE_LIMIT } from "../../lib/translate/limits";
import { LoadBalancingScheme } from "../../lib/translate/model";
import { translate } from "../../lib/translate/translate";
import { PathSpec, ingress, nodePortService } from "./fixtures";

/** An Ingress with `count` Prefix paths spread over 10 Services. */
function manyPaths(count: number, scheme: LoadBalancingScheme) {
  const services = Array.from({ length: 10 }, (_, i) => nodePortService(`svc-${i}`));
  const paths: PathSpec[] = Array.from({ length: count }, (_, i) => [
    `/section-${i}`,
    "Prefix",
    `svc-${i % 10}`,
  ]);
  return () =>
    translate({ name: "lb", ingresses: [ingress([{ host: "shop.example.com", paths }])], services, scheme });
}

describe("GCP limits checked before apply", () => {
  it("the limits are GCP's: 64 KB for the classic scheme, 1 MB for EXTERNAL_MANAGED", () => {
    assert.equal(URL_MAP_SIZE_LIMIT.EXTERNAL, 65536);
    assert.equal(URL_MAP_SIZE_LIMIT.EXTERNAL_MANAGED, 1048576);
  });

  it("a few hundred paths fit the classic URL map without a warning", () => {
    assert.ok(!manyPaths(300, "EXTERNAL")().warnings.some((w) => w.code === "url-map-size"));
  });

  it("refuses a classic URL map past 64 KB, pointing at EXTERNAL_MANAGED", () => {
    assert.throws(manyPaths(3000, "EXTERNAL"), (err: Error) => {
      assert.ok(err instanceof InputError);
      assert.match(
        err.message,
        /URL map would be about \d+ KB \(6000 path patterns\), over the 64 KB GCP allows a EXTERNAL/,
      );
      assert.match(err.message, /use the EXTERNAL_MANAGED scheme/);
      return true;
    });
  });

  it("the same paths fit EXTERNAL_MANAGED's 1 MB", () => {
    assert.equal(manyPaths(3000, "EXTERNAL_MANAGED")().urlMap.pathMatchers[0].pathRules.length, 10);
  });

  it("warns when the URL map comes near the limit", () => {
    const model = manyPaths(1000, "EXTERNAL")();
    assert.deepEqual(
      model.warnings.filter((w) => w.code === "url-map-size").map((w) => /near the 64 KB/.test(w.message)),
      [true],
    );
  });

  it("refuses more than 50 instance groups on a backend service", () => {
    assert.doesNotThrow(() => checkInstanceGroupCount(50));
    assert.throws(() => checkInstanceGroupCount(51), /51 instance groups given; GCP allows at most 50/);
  });
});
