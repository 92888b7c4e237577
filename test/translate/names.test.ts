import { strict as assert } from "assert";
import { GCP_NAME_PATTERN, LOGICAL_NAME_MAX, gcpName } from "../../lib/translate/names";
import { pathMatcherName } from "../../lib/translate/translate";

describe("GCP names", () => {
  const table: [string[], string][] = [
    [["hello-ingress", "url-map"], "hello-ingress-url-map"],
    [["Hello_Ingress", "UM"], "hello-ingress-um"],
    [["9lives", "x"], "n-9lives-x"],
  ];
  for (const [parts, expected] of table) {
    it(`${parts.join("+")} -> ${expected}`, () => assert.equal(gcpName(parts), expected));
  }

  it("shortens long names with a hash, never by plain truncation, and keeps them distinct", () => {
    const ns = "a-very-long-namespace-name-for-a-team-that-likes-long-names";
    const one = gcpName(["lb", ns, "service-one-with-a-long-name", "80"]);
    const two = gcpName(["lb", ns, "service-one-with-a-long-name", "8080"]);
    for (const name of [one, two]) {
      assert.ok(name.length <= LOGICAL_NAME_MAX, name);
      assert.match(name, GCP_NAME_PATTERN);
    }
    assert.notEqual(one, two);
  });

  it("is stable: the same identity gives the same name", () => {
    assert.equal(gcpName(["x".repeat(80)]), gcpName(["x".repeat(80)]));
  });

  it("hashes identities that sanitizing would merge when asked to", () => {
    assert.notEqual(gcpName(["a-b", "c"], 48, true), gcpName(["a", "b-c"], 48, true));
  });

  for (const host of [
    "*",
    "foo.com",
    "*.foo.com",
    "*.a-really-long-subdomain-name.and-another-one.example.com",
  ]) {
    it(`path matcher name for ${host} is a valid GCP name`, () => {
      const name = pathMatcherName(host);
      assert.match(name, GCP_NAME_PATTERN);
      assert.ok(name.length <= 63);
    });
  }

  it("path matcher names of *.foo.com and foo.com differ", () => {
    assert.notEqual(pathMatcherName("*.foo.com"), pathMatcherName("foo.com"));
  });
});
