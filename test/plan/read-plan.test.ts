import { strict as assert } from "node:assert";
import { checkPlan } from "../../lib/plan/read-plan";
import { expectInputError } from "../ingress/expect-input-error";

/** A plan file is user input: every field the diff reads is checked, nesting is bounded. */
describe("checkPlan: plan files given to diff", () => {
  const resource = {
    type: "gcp:compute/uRLMap:URLMap",
    name: "m",
    urn: "urn:pulumi:s::p::gcp:compute/uRLMap:URLMap::m",
    parent: null,
    inputs: { a: [1, { b: "c" }] },
    dependencies: [],
    secretPaths: [],
  };
  const route = {
    host: "*",
    path: "/*",
    service: "s",
    namespace: "default",
    port: 80,
    backendService: "urn:x",
  };
  const warning = { code: "c", message: "m", origin: { file: "f", line: 3 } };
  const plan = () => ({ resources: [{ ...resource }], routes: [{ ...route }], warnings: [{ ...warning }] });

  it("accepts a plan, and one without warnings (older plans) as having none", () => {
    assert.deepEqual(checkPlan(plan(), "p.json").resources[0].inputs, resource.inputs);
    const { warnings: _, ...older } = plan();
    assert.deepEqual(checkPlan(older, "p.json").warnings, []);
    assert.deepEqual(checkPlan({ ...plan(), warnings: null }, "p.json").warnings, []);
  });

  it("escapes and redacts warning messages, which the diff prints as they are", () => {
    const edited = {
      ...plan(),
      warnings: [{ code: "c", message: "a\u001b[2J\nb LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t" }],
    };
    assert.equal(checkPlan(edited, "p.json").warnings[0].message, "a\\u001b[2J\\nb [redacted]");
  });

  const nested = (depth: number) => {
    let value: unknown = 0;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  const refused: [string, (p: ReturnType<typeof plan>) => unknown, string, string][] = [
    [
      "a number for warnings",
      (p) => ({ ...p, warnings: 5 }),
      "warnings",
      "must be a list, found the number 5",
    ],
    [
      "a warning without message",
      (p) => ({ ...p, warnings: [{ code: "c" }] }),
      "warnings[0].message",
      "must be a string, found nothing",
    ],
    [
      "a name with an escape sequence",
      (p) => ({ ...p, resources: [{ ...resource, name: "a\u001b[2J" }] }),
      "resources[0].name",
      "holds control characters",
    ],
    [
      "a route host with a newline",
      (p) => ({ ...p, routes: [{ ...route, host: "a\nb" }] }),
      "routes[0].host",
      "holds control characters",
    ],
    ["a resource that is a number", (p) => ({ ...p, resources: [5] }), "resources[0]", "must be a mapping"],
    [
      "a resource without urn",
      (p) => ({ ...p, resources: [{ ...resource, urn: undefined }] }),
      "resources[0].urn",
      "missing",
    ],
    [
      "a number for inputs",
      (p) => ({ ...p, resources: [{ ...resource, inputs: 3 }] }),
      "resources[0].inputs",
      "must be a mapping",
    ],
    [
      "a string in dependencies",
      (p) => ({ ...p, resources: [{ ...resource, dependencies: "x" }] }),
      "resources[0].dependencies",
      "must be a list",
    ],
    [
      "an alias that is a number",
      (p) => ({ ...p, resources: [{ ...resource, options: { aliases: [1] } }] }),
      "resources[0].options.aliases[0]",
      "must be a string",
    ],
    [
      "protect as a string",
      (p) => ({ ...p, resources: [{ ...resource, options: { protect: "yes" } }] }),
      "resources[0].options.protect",
      "must be true or false",
    ],
    [
      "a route port as text",
      (p) => ({ ...p, routes: [{ ...route, port: "80" }] }),
      "routes[0].port",
      "must be a number or null",
    ],
    [
      "a placeholder without urn",
      (p) => ({ ...p, placeholders: [{ property: "x" }] }),
      "placeholders[0].urn",
      "missing",
    ],
    [
      "values nested 20,000 deep",
      (p) => ({ ...p, resources: [{ ...resource, inputs: { a: nested(20_000) } }] }),
      "resources[0].inputs",
      "nested more than 100 levels deep",
    ],
  ];
  for (const [what, change, field, problem] of refused) {
    it(`refuses ${what}, naming ${field}`, () => {
      const error = expectInputError(() => checkPlan(change(plan()), "p.json"), {
        file: "p.json",
        field,
        problem,
        hint: "write plans with `ingress-glb plan --json`",
      });
      assert.ok(error.message.includes("not an ingress-glb plan"), error.message);
    });
  }
});
