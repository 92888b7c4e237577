import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { RouteResult } from "../../lib/plan/route-requests";
import { Warning } from "../../lib/translate/model";
import { CliResult, EXAMPLE_DIR, parseJson, removeTempDirs, runCli, SEED_FILES, tempDir } from "./run-cli";

interface RouteJson {
  results: RouteResult[];
  warnings: Warning[];
}

/** A v1 Ingress with a wildcard host, where GCP (any depth) and Kubernetes (one label) disagree. */
const WILDCARD = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: wildcard
spec:
  rules:
    - host: "*.foo.com"
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: web, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
    - port: 80
      targetPort: 8080
`;

/** [URL, expected host, path, service (null: the built-in 404), defaultBackend] on the seed. */
const SEED_CASES: [string, string, string, string | null, boolean][] = [
  ["http://x/users/x", "x", "/users/x", "users-node-svc", false],
  ["http://x/products/", "x", "/products/", "products-node-svc", false],
  ["http://x/", "x", "/", null, true],
  // GCP's /users/* does not match /users itself.
  ["http://x/users", "x", "/users", null, true],
  // The query string and fragment are not part of the matched path.
  ["http://x/users/1?tab=orders#top", "x", "/users/1", "users-node-svc", false],
  // The port is not part of the host; hosts compare in lower case.
  [
    "http://Shop.Example.com:8080/products/list",
    "shop.example.com",
    "/products/list",
    "products-node-svc",
    false,
  ],
];

describe("ingress-glb route (CLI, in-process)", () => {
  // One run per input: each plans the manifests under the Pulumi runtime first.
  let seed: CliResult;
  let seedJson: RouteJson;
  let text: CliResult;
  let wildcard: CliResult;
  let wildcardJson: RouteJson;

  before(async () => {
    seed = await runCli("route", ...SEED_FILES, "--json", ...SEED_CASES.flatMap(([url]) => ["--url", url]));
    seedJson = parseJson<RouteJson>(seed);
    text = await runCli("route", EXAMPLE_DIR, "--url", "http://x/users/1", "--url", "http://x/nowhere");
    const file = path.join(tempDir(), "wildcard.yaml");
    fs.writeFileSync(file, WILDCARD);
    wildcard = await runCli(
      "route",
      file,
      "--json",
      "--url",
      "http://a.b.foo.com/x",
      "--url",
      "http://a.foo.com/x",
      "--url",
      "http://foo.com/x",
    );
    wildcardJson = parseJson<RouteJson>(wildcard);
  });
  after(removeTempDirs);

  describe("--json on the seed", () => {
    it("exits 0 with {results, warnings} and nothing on stderr", () => {
      assert.equal(seed.code, 0, seed.err);
      assert.equal(seed.err, "");
      assert.ok(Array.isArray(seedJson.results) && Array.isArray(seedJson.warnings));
    });

    it("answers every URL once per load balancer (hello-ingress, and hello-ingress-ip of hello-ingress-staticip)", () => {
      assert.equal(seedJson.results.length, SEED_CASES.length * 2);
      for (const lb of ["hello-ingress", "hello-ingress-ip"]) {
        assert.deepEqual(
          seedJson.results.filter((r) => r.loadBalancer === lb).map((r) => r.url),
          SEED_CASES.map(([url]) => url),
        );
      }
    });

    for (const [url, host, requestPath, service, defaultBackend] of SEED_CASES) {
      it(`${url} -> ${service ?? "the built-in 404"}`, () => {
        for (const result of seedJson.results.filter((r) => r.url === url)) {
          assert.equal(result.host, host);
          assert.equal(result.path, requestPath);
          assert.equal(result.service, service);
          assert.equal(result.namespace, service === null ? null : "default");
          assert.equal(result.port, service === null ? null : 80);
          assert.equal(result.defaultBackend, defaultBackend);
          assert.match(
            result.rule,
            defaultBackend ? /default/ : new RegExp(`path /${service?.split("-")[0]}/\\*`),
          );
        }
      });
    }

    it("finds GCP and Kubernetes agree on the seed: no warning", () => {
      assert.deepEqual(seedJson.warnings, []);
    });
  });

  describe("text on examples/hello-ingress", () => {
    it("prints one row per URL: load balancer, backend, rule", () => {
      assert.equal(text.code, 0, text.err);
      const lines = text.out.trimEnd().split("\n");
      assert.match(lines[0], /^URL\s+LOAD BALANCER\s+BACKEND\s+RULE$/);
      assert.match(
        lines[1],
        /^http:\/\/x\/users\/1\s+hello-ingress\s+default\/users-node-svc:80\s+host \*, path \/users\/\*$/,
      );
      assert.match(lines[2], /^http:\/\/x\/nowhere\s+hello-ingress\s+built-in 404\s+.*\(default\)$/);
      assert.equal(lines.length, 3);
    });
  });

  describe("where GCP differs from Kubernetes: a wildcard host", () => {
    const resultFor = (url: string) => wildcardJson.results.find((r) => r.url === url);

    it("answers as GCP does: *.foo.com matches a.b.foo.com", () => {
      assert.equal(wildcard.code, 0, wildcard.err);
      assert.equal(resultFor("http://a.b.foo.com/x")?.service, "web");
      assert.equal(resultFor("http://a.foo.com/x")?.service, "web");
      // The apex is not under the wildcard in either.
      assert.equal(resultFor("http://foo.com/x")?.service, null);
    });

    it("warns about the request Kubernetes would send elsewhere, and only that one", () => {
      const differs = wildcardJson.warnings.filter((w) => w.code === "gcp-differs-from-kubernetes");
      assert.equal(differs.length, 1, JSON.stringify(wildcardJson.warnings));
      assert.ok(differs[0].message.startsWith("http://a.b.foo.com/x: "), differs[0].message);
      assert.match(
        differs[0].message,
        /GCP sends it to default\/web:80 .*Kubernetes semantics to the default backend/,
      );
    });

    it("warns about the wildcard host itself, pointing at its field", () => {
      const depth = wildcardJson.warnings.find((w) => w.code === "wildcard-host-depth");
      assert.ok(depth, JSON.stringify(wildcardJson.warnings));
      assert.equal(depth.origin?.object, "Ingress/default/wildcard");
      assert.equal(depth.origin?.field, "spec.rules[0].host");
      assert.equal(depth.origin?.line, 7);
    });
  });

  describe("bad requests", () => {
    it("refuses an empty URL: exit 2, one line on stderr, nothing on stdout", async () => {
      const result = await runCli("route", EXAMPLE_DIR, "--url", " ");
      assert.equal(result.code, 2);
      assert.equal(result.out, "");
      assert.match(result.err, /^ingress-glb: .*URL is empty\n$/);
    });

    it("needs --url (a usage error, exit 2)", async () => {
      const result = await runCli("route", EXAMPLE_DIR);
      assert.equal(result.code, 2);
      assert.equal(result.out, "");
      assert.match(result.err, /--url/);
    });
  });
});
