import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadManifests, Manifest, ManifestSet, parseManifests } from "../../lib/ingress/manifests";
import { expectInputError } from "./expect-input-error";

const SEED = path.resolve(__dirname, "../fixtures/seed");
const FIXTURES = path.resolve(__dirname, "../fixtures/manifests");

const labels = (list: Manifest[]) => list.map((m) => m.origin.object);

function counts(set: ManifestSet): Record<string, number> {
  return Object.fromEntries(Object.entries(set).map(([key, list]) => [key, (list as Manifest[]).length]));
}

describe("loadManifests", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ingress-glb-manifests-"));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const write = (relative: string, text: string): string => {
    const file = path.join(tmp, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  describe("the seed manifests", () => {
    it("reads the three Ingresses and two Services of the seed directory, in file name order", () => {
      const set = loadManifests([SEED]);
      assert.deepEqual(labels(set.ingresses), [
        "Ingress/default/hello-ingress-staticip",
        "Ingress/default/hello-ingress-tls",
        "Ingress/default/hello-ingress",
      ]);
      assert.deepEqual(labels(set.services), [
        "Service/default/products-node-svc",
        "Service/default/users-node-svc",
      ]);
      assert.equal(set.others.length, 0);
    });

    it("reads every seed file given one by one, with file, line and object in each origin", () => {
      const files = fs.readdirSync(SEED).map((name) => path.join(SEED, name));
      assert.equal(files.length, 5);
      const set = loadManifests(files);
      const all = [...set.ingresses, ...set.services];
      assert.equal(all.length, 5);
      for (const manifest of all) {
        assert.ok(files.includes(manifest.origin.file!));
        assert.equal(manifest.origin.line, 1);
        assert.equal(manifest.namespace, "default");
      }
      const users = set.services.find((m) => m.name === "users-node-svc")!;
      assert.deepEqual(users.origin, {
        file: path.join(SEED, "users-svc-nodeport.yaml"),
        line: 1,
        object: "Service/default/users-node-svc",
      });
    });

    it("keeps the raw object as written, without filling in defaults", () => {
      const set = loadManifests([path.join(SEED, "hello-ingress.yaml")]);
      const object = set.ingresses[0].object;
      assert.equal(object.apiVersion, "extensions/v1beta1");
      assert.equal(object.metadata.namespace, undefined);
      assert.deepEqual((object.spec as { rules: unknown[] }).rules.length, 1);
    });
  });

  describe("directories", () => {
    it("walks sub-directories and sorts objects by kind", () => {
      const set = loadManifests([FIXTURES]);
      assert.deepEqual(counts(set), {
        ingresses: 1,
        services: 2,
        workloads: 1,
        secrets: 1,
        configMaps: 1,
        backendConfigs: 1,
        frontendConfigs: 1,
        managedCertificates: 1,
        others: 1,
      });
      assert.deepEqual(labels(set.services), ["Service/store/web", "Service/store/cart"]);
      assert.deepEqual(labels(set.others), ["HorizontalPodAutoscaler/store/web"]);
      assert.equal(set.backendConfigs[0].origin.file, path.join(FIXTURES, "shop", "gke", "configs.yaml"));
    });

    it("gives each document of a multi-document file the line where its object starts", () => {
      const set = loadManifests([FIXTURES]);
      assert.deepEqual(
        [...set.services, ...set.workloads, ...set.others].map((m) => m.origin.line),
        [1, 18, 31, 52],
      );
      // A comment before the object is not part of it.
      assert.equal(set.ingresses[0].origin.line, 2);
    });

    it("reads .yaml, .yml and .json in sorted path order, skipping dot-entries and other files", () => {
      const service = (name: string) =>
        `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "${name}"}}`;
      write("b.yaml", service("b"));
      write("a/z.yml", service("a-z"));
      write("a.json", service("a-json"));
      write("c/d/e.YAML", service("c-d-e"));
      write(".hidden/x.yaml", service("hidden"));
      write(".github.yaml", service("dot-file"));
      write("notes.txt", service("txt"));
      const set = loadManifests([tmp]);
      assert.deepEqual(
        set.configMaps.map((m) => m.name),
        ["a-json", "a-z", "b", "c-d-e"],
      );
      assert.equal(set.configMaps[0].origin.file, path.join(tmp, "a.json"));
    });

    it("returns an empty set for a directory without manifests", () => {
      write("README.md", "# nothing here\n");
      assert.deepEqual(counts(loadManifests([tmp])), counts(loadManifests([])));
      assert.equal(loadManifests([tmp]).ingresses.length, 0);
    });

    it("names a path that does not exist", () => {
      const missing = path.join(tmp, "nope.yaml");
      expectInputError(() => loadManifests([missing]), {
        file: missing,
        problem: "no such file or directory",
      });
    });

    it("refuses the same object defined in two files, naming both places", () => {
      const first = write("one.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
      const second = write("two.yaml", "# again\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n");
      expectInputError(() => loadManifests([first, second]), {
        file: second,
        line: 2,
        object: "Service/default/web",
        problem: "defined twice",
        hint: `${first}:1`,
      });
    });
  });

  describe("JSON", () => {
    it("reads a single object", () => {
      const set = loadManifests([
        write("svc.json", '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}'),
      ]);
      assert.deepEqual(labels(set.secrets), ["Secret/default/s"]);
    });

    it("reads a List, giving each item its own line", () => {
      const text = JSON.stringify(
        {
          apiVersion: "v1",
          kind: "List",
          items: [
            {
              apiVersion: "v1",
              kind: "Service",
              metadata: { name: "a", namespace: "x" },
              spec: { ports: [] },
            },
            { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "b" } },
          ],
        },
        null,
        2,
      );
      const file = write("list.json", text);
      const set = loadManifests([file]);
      assert.deepEqual(labels(set.services), ["Service/x/a"]);
      assert.deepEqual(labels(set.workloads), ["Deployment/default/b"]);
      assert.equal(set.services[0].origin.line, 5);
      assert.equal(set.workloads[0].origin.line, 16);
      assert.equal(set.services[0].lineOf(["spec", "ports"]), 13);
    });

    it("reads an array of objects", () => {
      const set = parseManifests(
        '[{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}},\n' +
          ' {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}]',
        "arr.json",
      );
      assert.deepEqual(
        set.configMaps.map((m) => [m.name, m.origin.line]),
        [
          ["a", 1],
          ["b", 2],
        ],
      );
    });

    it("reports a syntax error with the file and line, on one line", () => {
      const err = expectInputError(
        () => parseManifests('{\n  "apiVersion": "v1",\n  "kind": }\n', "bad.json"),
        {
          file: "bad.json",
          line: 3,
          problem: "invalid JSON: Unexpected token '}'",
        },
      );
      assert.ok(!err.message.includes("\n"));
      expectInputError(() => parseManifests('{\n "a": 1\n "b": 2}', "bad.json"), {
        file: "bad.json",
        line: 3,
        problem: "invalid JSON: Expected ',' or '}' after property value",
      });
    });
  });

  describe("YAML", () => {
    it("reports a syntax error on the line where it is, in a later document", () => {
      const text = [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: a",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: [b",
        "data: {}",
      ].join("\n");
      const err = expectInputError(() => parseManifests(text, "broken.yaml"), {
        file: "broken.yaml",
        line: 10,
        problem: "YAML syntax error",
      });
      assert.ok(!err.message.includes("\n"), "one line, no code excerpt");
    });

    it("reports a duplicate key on its line", () => {
      const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
      expectInputError(() => parseManifests(text, "dup.yaml"), {
        file: "dup.yaml",
        line: 5,
        problem: "Map keys must be unique",
      });
    });

    it("expands a kind: List document", () => {
      const text = [
        "apiVersion: v1",
        "kind: List",
        "items:",
        "  - apiVersion: v1",
        "    kind: Service",
        "    metadata: {name: a}",
        "  - apiVersion: v1",
        "    kind: Service",
        "    metadata: {name: b}",
      ].join("\n");
      const set = parseManifests(text, "list.yaml");
      assert.deepEqual(
        set.services.map((m) => [m.origin.object, m.origin.line]),
        [
          ["Service/default/a", 4],
          ["Service/default/b", 7],
        ],
      );
    });

    it("resolves anchors and merge keys within a document, as kubectl does", () => {
      const text = [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: a",
        "  labels: &labels {app: shop}",
        "data:",
        "  <<: *labels",
        "  tier: web",
      ].join("\n");
      const [a] = parseManifests(text, "anchors.yaml").configMaps;
      assert.deepEqual(a.object.data, { app: "shop", tier: "web" });
      assert.equal(a.lineOf(["data", "tier"]), 8);
    });

    it("refuses an alias to an anchor of another document, naming the document's first line", () => {
      const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: &l {app: x}}\n---\nb: *l\n";
      expectInputError(() => parseManifests(text, "alias.yaml"), {
        file: "alias.yaml",
        line: 5,
        problem: "Unresolved alias",
      });
    });

    it("refuses an alias bomb (billion laughs) instead of expanding it", () => {
      const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 9; i++)
        lines.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(", ")}]`,
        );
      expectInputError(() => parseManifests(lines.join("\n"), "bomb.yaml"), {
        file: "bomb.yaml",
        problem: "Excessive alias count",
      });
    });

    it("refuses nesting deeper than 100 levels, in YAML and in JSON, as one error", () => {
      const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
      for (const [text, file] of [
        [`a: ${deep(3000)}`, "deep.yaml"],
        [`a: ${deep(101)}`, "deep.yaml"],
        [`{"a": ${deep(20000)}}`, "deep.json"],
      ]) {
        expectInputError(() => parseManifests(text, file), {
          file,
          problem: "nested more than 100 levels deep",
        });
      }
      assert.equal(
        parseManifests(
          `{apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {x: ${deep(50)}}}`,
          "ok.yaml",
        ).configMaps.length,
        1,
      );
    });

    it("refuses a complex key (a mapping as a key) without the library's warning on stderr", () => {
      let warned = false;
      const onWarning = () => (warned = true);
      process.on("warning", onWarning);
      try {
        expectInputError(() => parseManifests("? [a, b]\n: c\nkind: x\n", "complex.yaml"), {
          file: "complex.yaml",
          line: 1,
          problem: "a key is a mapping or a list",
        });
      } finally {
        process.removeListener("warning", onWarning);
      }
      assert.equal(warned, false);
    });

    it("names the YAML problem without the source it quotes (an alias name may be a key)", () => {
      const text =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  tls.key: *LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2U\n";
      const error = expectInputError(() => parseManifests(text, "s.yaml"), {
        file: "s.yaml",
        problem: "Unresolved alias",
      });
      assert.ok(!error.message.includes("LS0t"), error.message);
    });

    it("refuses a name with a newline, which would break the plan's lines", () => {
      expectInputError(
        () => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\\nb"}\n', "n.yaml"),
        {
          file: "n.yaml",
          field: "metadata.name",
          problem: '"a\\nb" may not contain spaces or control characters',
        },
      );
    });

    it("skips empty documents and comment-only files", () => {
      assert.equal(parseManifests("# nothing\n---\n---\n", "empty.yaml").others.length, 0);
      assert.equal(parseManifests("", "empty.yaml").ingresses.length, 0);
    });

    it("finds the line of a field, and of the nearest parent of a field that is absent", () => {
      const ingress = loadManifests([path.join(FIXTURES, "shop", "ingress.yaml")]).ingresses[0];
      assert.equal(ingress.lineOf(["spec", "rules", 0, "http", "paths", 1, "path"]), 32);
      assert.equal(ingress.lineOf(["spec", "rules", 0, "http", "paths", 1, "backend"]), 34);
      assert.equal(ingress.lineOf(["spec", "rules", 1, "host"]), 39);
      assert.equal(ingress.lineOf(["metadata", "annotations", "kubernetes.io/ingress.allow-http"]), 9);
      assert.equal(ingress.lineOf(["spec", "rules", 2, "http", "paths"]), 49);
      assert.equal(ingress.lineOf([]), 2);
    });
  });

  describe("the envelope of each object", () => {
    it("defaults the namespace to default and keeps a given one", () => {
      const set = parseManifests(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n  namespace: prod\n",
        "ns.yaml",
      );
      assert.deepEqual(
        set.services.map((m) => [m.namespace, m.origin.object]),
        [
          ["default", "Service/default/a"],
          ["prod", "Service/prod/b"],
        ],
      );
    });

    it("keeps unknown kinds, and our kinds under another API group, in others", () => {
      const set = parseManifests(
        [
          "apiVersion: serving.knative.dev/v1",
          "kind: Service",
          "metadata: {name: hello}",
          "---",
          "apiVersion: example.com/v1",
          "kind: Widget",
          "metadata: {name: w}",
        ].join("\n"),
        "mixed.yaml",
      );
      assert.deepEqual(labels(set.others), ["Service/default/hello", "Widget/default/w"]);
      assert.equal(set.services.length, 0);
    });

    it("refuses a document that is not an object", () => {
      expectInputError(() => parseManifests("apiVersion: v1\n---\njust a string\n", "scalar.yaml"), {
        file: "scalar.yaml",
        line: 1,
        field: "kind",
      });
      expectInputError(() => parseManifests("kind: A\n---\njust a string\n", "scalar.yaml"), {
        file: "scalar.yaml",
        line: 1,
        field: "apiVersion",
      });
      expectInputError(() => parseManifests("---\n42\n", "number.yaml"), {
        file: "number.yaml",
        line: 2,
        problem: "expected a Kubernetes object",
      });
    });

    it("names the missing metadata.name with the kind, file and line", () => {
      expectInputError(
        () => parseManifests("# c\napiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n", "x.yaml"),
        {
          file: "x.yaml",
          line: 4,
          object: "Service",
          field: "metadata.name",
          problem: "missing metadata.name",
        },
      );
    });

    it("points at metadata when it is absent", () => {
      expectInputError(() => parseManifests("apiVersion: v1\nkind: Service\nspec: {}\n", "x.yaml"), {
        file: "x.yaml",
        line: 1,
        object: "Service",
        field: "metadata",
      });
    });

    it("says generateName is not enough", () => {
      expectInputError(
        () => parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: cm-\n", "gen.yaml"),
        { file: "gen.yaml", line: 3, field: "metadata.name", hint: "generateName is not supported" },
      );
    });

    it("refuses an unquoted annotation value, as Kubernetes does, and says to quote it", () => {
      const text = [
        "apiVersion: networking.k8s.io/v1",
        "kind: Ingress",
        "metadata:",
        "  name: web",
        "  annotations:",
        "    kubernetes.io/ingress.allow-http: false",
      ].join("\n");
      expectInputError(() => parseManifests(text, "ing.yaml"), {
        file: "ing.yaml",
        line: 6,
        object: "Ingress/default/web",
        field: 'metadata.annotations["kubernetes.io/ingress.allow-http"]',
        hint: 'quote it: "false"',
      });
    });

    it("refuses an unknown apiVersion of a kind we read, naming the nearest", () => {
      expectInputError(
        () =>
          parseManifests("apiVersion: networking.k8s.io/v2\nkind: Ingress\nmetadata:\n  name: i\n", "i.yaml"),
        {
          file: "i.yaml",
          line: 1,
          object: "Ingress/default/i",
          field: "apiVersion",
          hint: 'did you mean "networking.k8s.io/v1"?',
        },
      );
      expectInputError(
        () => parseManifests("kind: Deployment\napiVersion: apps/v2\nmetadata:\n  name: d\n", "d.yaml"),
        {
          file: "d.yaml",
          line: 2,
          object: "Deployment/default/d",
          field: "apiVersion",
          hint: 'did you mean "apps/v1"?',
        },
      );
    });
  });
});
