import { strict as assert } from "node:assert";
import { tooDeepAt } from "../lib/nesting";

/** `depth` levels of `{a: [ ... ]}` alternating mappings and lists, around a leaf. */
function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = depth - 1; i >= 0; i--) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe("how deep input nests (tooDeepAt)", () => {
  const cases: { what: string; value: unknown; limit: number; want: (string | number)[] | undefined }[] = [
    { what: "a scalar never", value: "x", limit: 0, want: undefined },
    { what: "within the limit", value: nested(4), limit: 4, want: undefined },
    {
      what: "one level past it: the path to where it gets too deep",
      value: nested(5),
      limit: 4,
      want: ["a", 0, "a", 0],
    },
    {
      what: "a too-deep branch among others (the last one walked)",
      value: { x: 1, b: [nested(2)], c: nested(3) },
      limit: 3,
      want: ["c", "a", 0],
    },
    { what: "empty lists and mappings count as a level", value: [[[]]], limit: 2, want: [0, 0] },
  ];
  for (const c of cases) it(c.what, () => assert.deepEqual(tooDeepAt(c.value, c.limit), c.want));

  it("survives 100,000 levels (iterative)", () => {
    assert.equal(tooDeepAt(nested(100_000), 100)?.length, 100);
  });
});
