import assert from "node:assert/strict";
import fc from "fast-check";
import { SubstringMatcher } from "../../lib/plan/substring-matcher";

/** What the matcher must answer: every value whose string `includes` finds, each string once. */
function found(entries: [string, number][], text: string): number[][] {
  const seen: number[][] = [];
  new SubstringMatcher(entries).scan(text, (values) => seen.push([...values]));
  return seen.map((values) => values.sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
}

function expected(entries: [string, number][], text: string): number[][] {
  const byString = new Map<string, number[]>();
  for (const [string, value] of entries) byString.set(string, [...(byString.get(string) ?? []), value]);
  return [...byString]
    .filter(([string]) => text.includes(string))
    .map(([, values]) => values.sort((a, b) => a - b))
    .sort((a, b) => a[0] - b[0]);
}

describe("SubstringMatcher", () => {
  it("finds the strings inside a text, overlapping and nested ones included", () => {
    const entries: [string, number][] = [
      ["he", 1],
      ["she", 2],
      ["his", 3],
      ["hers", 4],
      ["backend-1", 5],
      ["backend-10", 6],
    ];
    assert.deepEqual(found(entries, "ushers"), [[1], [2], [4]]);
    assert.deepEqual(found(entries, "global/backendServices/backend-10"), [[5], [6]]);
    assert.deepEqual(found(entries, "no match"), []);
  });

  it("reports a string once per text, with every value given for it", () => {
    assert.deepEqual(
      found(
        [
          ["ab", 1],
          ["ab", 2],
        ],
        "ababab",
      ),
      [[1, 2]],
    );
  });

  it("the empty string occurs in every text, the empty text included", () => {
    assert.deepEqual(found([["", 7]], ""), [[7]]);
    assert.deepEqual(found([["", 7]], "x"), [[7]]);
  });

  it("agrees with String.includes on generated strings and texts", () => {
    // A small alphabet makes shared prefixes, suffixes and overlaps common.
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "/", "-", "é"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 6 }), (strings, texts) => {
        const entries = strings.map((string, index): [string, number] => [string, index]);
        for (const text of [...texts, texts.join(""), strings.join("")]) {
          assert.deepEqual(found(entries, text), expected(entries, text));
        }
      }),
      { numRuns: 2000, seed: 10 },
    );
  });
});
