import { strict as assert } from "node:assert";
import { diffPlans } from "../../lib/plan/diff";
import { Plan } from "../../lib/plan/types";
import { addDocument, replaceIn } from "./edits";
import { Files, planFiles, removeWrittenFiles, shopFiles } from "./shop-stack";

const USERS_BACKENDS = /BackendService::.*-users-svc-/;

/** The shop with users-svc's BackendConfig `logging` section as given (none: no BackendConfig at all). */
function shopWithLogging(logging: string | undefined): Files {
  const files = shopFiles();
  if (logging === undefined) return files;
  replaceIn(
    files,
    "services.yaml",
    "metadata:\n  name: users-svc\n",
    'metadata:\n  name: users-svc\n  annotations:\n    cloud.google.com/backend-config: \'{"default": "logs"}\'\n',
  );
  addDocument(
    files,
    "backend-config.yaml",
    `apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata: {name: logs}\nspec:\n  timeoutSec: 40\n${logging}`,
  );
  return files;
}

const usersBackends = (plan: Plan) => plan.resources.filter((r) => USERS_BACKENDS.test(r.urn));

/** GKE writes its default logging when it creates a backend service and leaves it alone afterwards. */
describe("access logging through a stack's life, as GKE does it", () => {
  after(removeWrittenFiles);

  it("a new backend service is created with logging on at rate 1.0, kept thereafter (ignoreChanges)", async () => {
    const backends = usersBackends(await planFiles(shopWithLogging(undefined)));
    assert.equal(backends.length, 2);
    for (const backend of backends) {
      assert.deepEqual(backend.inputs.logConfig, { enable: true, sampleRate: 1 });
      assert.deepEqual(backend.options?.ignoreChanges, ["logConfig"]);
    }
  });

  it("a BackendConfig's logging is applied on every run (no ignoreChanges)", async () => {
    const backends = usersBackends(
      await planFiles(shopWithLogging("  logging: {enable: true, sampleRate: 0.5}\n")),
    );
    for (const backend of backends) {
      assert.deepEqual(backend.inputs.logConfig, { enable: true, sampleRate: 0.5 });
      assert.equal(backend.options?.ignoreChanges, undefined);
    }
  });

  it("dropping the logging section leaves the backend services' logging as it is (GKE does not revert it)", async () => {
    const base = await planFiles(shopWithLogging("  logging: {enable: false}\n"));
    const head = await planFiles(shopWithLogging(""));
    const changed = diffPlans(base, head).resources.filter((change) => USERS_BACKENDS.test(change.urn));
    assert.deepEqual(changed, []);
  });

  it("turning logging off is an update in place of the backend services alone, with no serving risk", async () => {
    const base = await planFiles(shopWithLogging(""));
    const diff = diffPlans(base, await planFiles(shopWithLogging("  logging: {enable: false}\n")));
    const changed = diff.resources.filter((change) => USERS_BACKENDS.test(change.urn));
    assert.deepEqual(
      changed.map((change) => [change.op, change.properties.map((p) => `${p.path} ${String(p.after)}`)]),
      [
        ["update", ["logConfig.enable false", "logConfig.sampleRate undefined"]],
        ["update", ["logConfig.enable false", "logConfig.sampleRate undefined"]],
      ],
    );
    assert.deepEqual(diff.risks, []);
  });
});
