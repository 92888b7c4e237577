import { strict as assert } from "assert";
import { PathType } from "../../lib/ingress/types";
import { gcePathPatterns } from "../../lib/translate/paths";

const origin = { object: "Ingress/default/x", field: "spec.rules[0].http.paths[0].path" };

describe("GCE path patterns (design.md's path table)", () => {
  const table: [PathType, string, string[]][] = [
    ["Exact", "/test", ["/test"]],
    ["Exact", "/test/", ["/test/"]],
    ["Prefix", "/", ["/*"]],
    ["Prefix", "/test", ["/test", "/test/*"]],
    ["Prefix", "/test/", ["/test", "/test/*"]],
    ["Prefix", "/a/b", ["/a/b", "/a/b/*"]],
    ["ImplementationSpecific", "/test/*", ["/test/*"]],
    ["ImplementationSpecific", "/test", ["/test"]],
    ["ImplementationSpecific", "", ["/*"]],
    ["ImplementationSpecific", "/*", ["/*"]],
  ];
  for (const [pathType, path, expected] of table) {
    it(`${pathType} "${path}" -> ${expected.join(", ")}`, () => {
      assert.deepEqual(gcePathPatterns(path, pathType, origin), expected);
    });
  }

  const errors: [PathType, string, RegExp][] = [
    ["Exact", "/test/*", /Exact path may not contain "\*"/],
    ["Exact", "", /Exact path may not be empty/],
    ["Prefix", "/test/*", /Prefix path may not contain "\*".*use "\/test"/],
    ["Prefix", "", /Prefix path may not be empty/],
    ["ImplementationSpecific", "/a/*/b", /"\*" that is not at the end/],
    ["ImplementationSpecific", "/a*", /"\*" that is not at the end/],
    ["Prefix", "users", /must start with "\/".*did you mean "\/users"/],
    ["Exact", "/a?b=1", /may not contain "\?" or "#"/],
    ["ImplementationSpecific", "/a#frag", /may not contain "\?" or "#"/],
    ["Prefix", "/a b", /"\/a b" may not contain spaces or control characters/],
    ["Exact", "/a\nINJECTED", /"\/a\\nINJECTED" may not contain spaces or control characters/],
    ["ImplementationSpecific", "/x\u001b[2J/*", /\\u001b\[2J/],
  ];
  for (const [pathType, path, message] of errors) {
    it(`refuses ${pathType} "${path}" naming the field`, () => {
      assert.throws(
        () => gcePathPatterns(path, pathType, origin),
        (err: Error) => message.test(err.message) && err.message.includes("spec.rules[0].http.paths[0].path"),
      );
    });
  }
});
