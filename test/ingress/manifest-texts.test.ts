import * as assert from "node:assert/strict";
import { parseManifestTexts } from "../../lib/ingress/manifests";
import { expectInputError } from "./expect-input-error";

const service = (name: string, namespace = "default") =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {type: NodePort, ports: [{port: 80}]}\n`;

describe("parseManifestTexts", () => {
  it("reads each text as a file of its own name, in the order given", () => {
    const set = parseManifestTexts([
      { text: `${service("a")}---\n${service("b")}`, name: "manifests[0]" },
      { text: service("a", "other"), name: "manifests[1]" },
    ]);
    assert.deepEqual(
      set.services.map((m) => [m.origin.file, m.origin.line, m.origin.object]),
      [
        ["manifests[0]", 1, "Service/default/a"],
        ["manifests[0]", 6, "Service/default/b"],
        ["manifests[1]", 1, "Service/other/a"],
      ],
    );
  });

  it("refuses an object defined in two texts, naming where it was first", () => {
    expectInputError(
      () =>
        parseManifestTexts([
          { text: service("a"), name: "manifests[0]" },
          { text: `${service("b")}---\n${service("a")}`, name: "manifests[1]" },
        ]),
      {
        file: "manifests[1]",
        line: 6,
        object: "Service/default/a",
        problem: "defined twice",
        hint: "manifests[0]:1",
      },
    );
  });

  it("refuses a YAML mistake by the name of its text", () => {
    expectInputError(() => parseManifestTexts([{ text: "a: [b\n", name: "manifests[0]" }]), {
      file: "manifests[0]",
    });
  });
});
