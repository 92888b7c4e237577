import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { recordPlan } from "../../lib/plan/engine";
import { TEST_CERTIFICATE } from "../lifecycle/test-certificates";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "examples/index.ts");

interface Declaration {
  type: "string" | "boolean" | "array";
  items?: { type: string };
  default?: unknown;
  secret?: boolean;
  description?: string;
}
const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
  name: string;
  config: Record<string, Declaration>;
};
const declared = (key: string) => project.config[key.slice(`${project.name}:`.length)];

/** The type each Config getter reads a value as. */
const GETTER_TYPES: Record<string, Declaration["type"]> = {
  get: "string",
  require: "string",
  getBoolean: "boolean",
  requireBoolean: "boolean",
  getObject: "array",
  requireObject: "array",
};

/** Runs examples/index.ts with `config`, recording every key it reads through pulumi.Config and how. */
async function keysRead(config: Record<string, string>): Promise<Map<string, string>> {
  const reads = new Map<string, string>();
  const prototype = pulumi.Config.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = Object.fromEntries(Object.keys(GETTER_TYPES).map((name) => [name, prototype[name]]));
  let depth = 0; // getBoolean calls get inside: only the program's own call counts
  for (const name of Object.keys(GETTER_TYPES)) {
    prototype[name] = function (this: pulumi.Config, key: unknown, ...rest: unknown[]) {
      if (depth === 0) reads.set(`${this.name}:${String(key)}`, name);
      depth++;
      try {
        return saved[name].call(this, key, ...rest);
      } finally {
        depth--;
      }
    };
  }
  try {
    await recordPlan(
      () => {
        delete require.cache[require.resolve(PROGRAM)];
        // The program is a module run for its side effects: loaded afresh for each config.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require(PROGRAM);
      },
      { config, newResource: clusterOutputs, stallTimeoutMs: 5000 },
    );
  } finally {
    Object.assign(prototype, saved);
  }
  return reads;
}

/** Outputs of the created cluster and node pool that the placeholder table does not know. */
const clusterOutputs = (args: { type: string }) => {
  if (args.type === "gcp:container/cluster:Cluster") {
    return { outputs: { endpoint: "203.0.113.10", masterAuth: { clusterCaCertificate: "Y2E=" } } };
  }
  if (args.type === "gcp:container/nodePool:NodePool") {
    const group =
      "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-pool-grp";
    return { outputs: { managedInstanceGroupUrls: [group] } };
  }
  return undefined;
};

/** A stack file's config as the engine passes it: objects and lists as JSON text. */
function stackConfig(file: string): Record<string, string> {
  const stack = parse(fs.readFileSync(path.join(ROOT, "stacks", file), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(stack.config).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

const STACK_FILES = fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
const TLS = {
  "ingress-glb:tlsCertificate": TEST_CERTIFICATE.certificatePem,
  "ingress-glb:tlsPrivateKey": TEST_CERTIFICATE.privateKeyPem,
};
const EXISTING_CLUSTER = {
  "ingress-glb:cluster": "existing",
  "ingress-glb:instanceGroups": JSON.stringify([
    "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-hello-grp",
  ]),
  "ingress-glb:nodeTags": JSON.stringify(["gke-hello-node"]),
  "ingress-glb:network": "default",
};

describe("Pulumi.yaml config declarations and what examples/index.ts reads", () => {
  const reads = new Map<string, string>();
  before(async () => {
    const runs = [
      ...STACK_FILES.map((file) => ({ ...stackConfig(file), ...TLS })),
      { ...stackConfig("Pulumi.hello-ingress.yaml"), ...EXISTING_CLUSTER },
    ];
    for (const config of runs) for (const [key, how] of await keysRead(config)) reads.set(key, how);
  });

  it("every key the program reads is declared, and every declared key is read", () => {
    const read = [...reads.keys()].sort();
    const declaredKeys = Object.keys(project.config)
      .map((key) => `${project.name}:${key}`)
      .sort();
    assert.deepEqual(read, declaredKeys);
  });

  it("each is declared with the type the program reads it as", () => {
    for (const [key, getter] of reads)
      assert.equal(declared(key)?.type, GETTER_TYPES[getter], `${key} (${getter})`);
  });

  it("lists declare their item type, and defaults have the declared type", () => {
    for (const [key, declaration] of Object.entries(project.config)) {
      if (declaration.type === "array") assert.equal(declaration.items?.type, "string", key);
      if (declaration.default === undefined) continue;
      if (declaration.type === "array") assert.ok(Array.isArray(declaration.default), key);
      else assert.equal(typeof declaration.default, declaration.type, key);
    }
  });

  it("every declaration has a description", () => {
    for (const [key, declaration] of Object.entries(project.config))
      assert.match(declaration.description ?? "", /\S/, key);
  });

  it("the keys without a default are set in every stack", () => {
    for (const file of STACK_FILES) {
      const config = stackConfig(file);
      for (const [key, declaration] of Object.entries(project.config)) {
        if (declaration.default === undefined)
          assert.ok(`${project.name}:${key}` in config, `${file}: ${key}`);
      }
    }
  });

  it("every project key the stacks set is declared, with a value of its type", () => {
    for (const file of STACK_FILES) {
      const stack = parse(fs.readFileSync(path.join(ROOT, "stacks", file), "utf8")) as {
        config: Record<string, unknown>;
      };
      for (const [key, value] of Object.entries(stack.config)) {
        if (!key.startsWith(`${project.name}:`)) continue;
        const declaration = declared(key);
        assert.ok(declaration, `${file}: ${key} is not declared`);
        if (declaration.type === "array")
          assert.ok(Array.isArray(value) && value.every((v) => typeof v === "string"), `${file}: ${key}`);
        else if (declaration.type === "boolean")
          assert.ok(
            value === true || value === false || value === "true" || value === "false",
            `${file}: ${key}`,
          );
        else assert.equal(typeof value, "string", `${file}: ${key}`);
      }
    }
  });

  it("the private key and certificate are not given a value in any stack file in plain text", () => {
    for (const file of STACK_FILES) {
      const config = (
        parse(fs.readFileSync(path.join(ROOT, "stacks", file), "utf8")) as { config: Record<string, unknown> }
      ).config;
      for (const key of ["tlsCertificate", "tlsPrivateKey"]) {
        const value = config[`${project.name}:${key}`];
        assert.ok(
          value === undefined || (typeof value === "object" && value !== null && "secure" in value),
          `${file}: ${key}`,
        );
      }
    }
  });
});
