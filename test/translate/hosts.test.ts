import { strict as assert } from "assert";
import { validateHost } from "../../lib/translate/hosts";

const origin = { object: "Ingress/default/x", field: "spec.rules[0].host" };

describe("Ingress host validation", () => {
  for (const host of ["foo.com", "a-b.foo.com", "*.foo.com", "x1.y2.example.org", "localhost"]) {
    it(`accepts ${host}`, () => assert.doesNotThrow(() => validateHost(host, origin)));
  }
  const bad: [string, RegExp][] = [
    ["Foo.com", /lowercase.*did you mean "foo.com"/],
    ["foo_bar.com", /label "foo_bar"/],
    ["10.0.0.1", /IP address/],
    ["foo.*.com", /only allowed as the whole first label/],
    ["*foo.com", /only allowed as the whole first label/],
    ["*", /wildcard needs a domain/],
    ["foo.com:8080", /port/],
    ["-foo.com", /not start or end with "-"/],
    ["", /empty/],
  ];
  for (const [host, message] of bad) {
    it(`refuses "${host}" naming the field`, () => {
      assert.throws(
        () => validateHost(host, origin),
        (err: Error) => message.test(err.message) && err.message.includes("spec.rules[0].host"),
      );
    });
  }
});
