import assert from "node:assert/strict";
import { InputError } from "../../lib/errors";
import { normalizeHost, parseRequestUrl, requestPath } from "../../lib/routing/url";

describe("routing/url: parseRequestUrl", () => {
  const cases: { url: string; host: string; path: string }[] = [
    { url: "http://foo.com/users/1?x=1", host: "foo.com", path: "/users/1" },
    { url: "https://foo.com:8443/p", host: "foo.com", path: "/p" },
    { url: "HTTPS://Foo.COM/Path", host: "foo.com", path: "/Path" },
    { url: "foo.com/users", host: "foo.com", path: "/users" },
    { url: "foo.com", host: "foo.com", path: "/" },
    { url: "http://foo.com", host: "foo.com", path: "/" },
    { url: "http://foo.com?q=/a", host: "foo.com", path: "/" },
    { url: "http://foo.com#/a", host: "foo.com", path: "/" },
    { url: "/users/1?x", host: "", path: "/users/1" },
    { url: "/", host: "", path: "/" },
    { url: "//foo.com/a", host: "foo.com", path: "/a" },
    { url: "http://user:pw@foo.com:80/a", host: "foo.com", path: "/a" },
    { url: "http://[::1]:8080/a", host: "[::1]", path: "/a" },
    { url: "  http://foo.com/a  ", host: "foo.com", path: "/a" },
    // The load balancer sees the raw path: no dot-segment resolution, no decoding.
    { url: "http://foo.com/a/../b/%41", host: "foo.com", path: "/a/../b/%41" },
    { url: "http://foo.com/a//b/", host: "foo.com", path: "/a//b/" },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.url)} -> host ${JSON.stringify(c.host)}, path ${c.path}`, () => {
      assert.deepEqual(parseRequestUrl(c.url), { host: c.host, path: c.path });
    });
  }

  for (const url of ["", "   ", "http://foo.com/a b"]) {
    it(`refuses ${JSON.stringify(url)} with an input error`, () => {
      assert.throws(() => parseRequestUrl(url), InputError);
    });
  }
});

describe("routing/url: normalizeHost and requestPath", () => {
  const hosts: [string, string][] = [
    ["Foo.Com", "foo.com"],
    ["foo.com:8080", "foo.com"],
    ["[2001:db8::1]:443", "[2001:db8::1]"],
    ["2001:db8::1", "2001:db8::1"],
    ["", ""],
  ];
  for (const [input, expected] of hosts) {
    it(`host ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeHost(input), expected);
    });
  }
  const paths: [string, string][] = [
    ["/a?b#c", "/a"],
    ["/a#b?c", "/a"],
    ["", "/"],
    ["?x", "/"],
    ["/A/", "/A/"],
  ];
  for (const [input, expected] of paths) {
    it(`path ${JSON.stringify(input)} -> ${expected}`, () => {
      assert.equal(requestPath(input), expected);
    });
  }
});

describe("parseRequestUrl: schemes", () => {
  it("refuses a scheme the load balancer does not serve", () => {
    assert.throws(() => parseRequestUrl("ftp://files.example.com/x"), /is not http or https/);
  });
  it("takes HTTP and HTTPS in any case", () => {
    assert.deepEqual(parseRequestUrl("HTTPS://Shop.Example.com/a"), { host: "shop.example.com", path: "/a" });
  });
});
