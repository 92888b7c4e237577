import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { IngressGlb, IngressGlbArgs } from "../../lib/facade";
import { recordPlan } from "../../lib/plan/engine";
import { CLUSTER } from "../components/https-fixtures";
import { TEST_CERTIFICATE } from "../lifecycle/test-certificates";
import { T } from "../resource-types";
import { AnalyzedPackage, PLUGIN_DIR, analyzedPackage } from "./package-schema";

const EXAMPLE_DIR = path.resolve(__dirname, "../../examples/yaml");

/** What the checks read of a Pulumi YAML program. */
interface YamlProgram {
  packages?: Record<string, string>;
  config?: Record<string, unknown>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
  outputs?: Record<string, unknown>;
}

/** A schema property or type, as the analyzer writes them. */
interface SchemaType {
  type?: string;
  $ref?: string;
  items?: SchemaType;
  properties?: Record<string, SchemaType>;
  required?: string[];
  enum?: { value: unknown }[];
}

const program = () => parse(fs.readFileSync(path.join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8")) as YamlProgram;

/** `fn::readFile` paths, `${...}` interpolations and other `fn::` calls: values decided when the program runs. */
function expression(value: unknown): { readFile?: string; references?: string[] } | undefined {
  if (typeof value === "string" && value.includes("${")) {
    return { references: [...value.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]) };
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const [key, ...rest] = Object.keys(value);
    if (key?.startsWith("fn::") && rest.length === 0) {
      const argument = (value as Record<string, unknown>)[key];
      return key === "fn::readFile" && typeof argument === "string" ? { readFile: argument } : {};
    }
  }
  return undefined;
}

/**
 * What in `value` the schema type `type` does not accept, one line each: unknown properties, missing
 * required ones, values of the wrong kind or outside an enum. Expressions are only checked for what
 * they name (files that exist, config keys and resource outputs that are declared).
 */
function mismatches(
  schema: AnalyzedPackage["schema"],
  type: SchemaType,
  value: unknown,
  at: string,
  checkExpression: (e: NonNullable<ReturnType<typeof expression>>, at: string) => string[],
): string[] {
  const e = expression(value);
  if (e) return checkExpression(e, at);
  if (type.$ref) {
    const named = schema.types[type.$ref.replace("#/types/", "")] as SchemaType | undefined;
    if (!named) return [`${at}: ${type.$ref} is not in the schema`];
    return mismatches(schema, named, value, at, checkExpression);
  }
  if (type.enum) {
    const values = type.enum.map((m) => m.value);
    return values.includes(value)
      ? []
      : [`${at}: ${JSON.stringify(value)} is not one of ${values.join(", ")}`];
  }
  switch (type.type) {
    case "array":
      return Array.isArray(value)
        ? value.flatMap((item, i) =>
            mismatches(schema, type.items ?? {}, item, `${at}[${i}]`, checkExpression),
          )
        : [`${at}: not a list`];
    case "object": {
      if (value === null || typeof value !== "object") return [`${at}: not an object`];
      const given = value as Record<string, unknown>;
      return [
        ...(type.required ?? []).filter((k) => !(k in given)).map((k) => `${at}.${k}: required, missing`),
        ...Object.entries(given).flatMap(([k, v]) =>
          type.properties?.[k]
            ? mismatches(schema, type.properties[k], v, `${at}.${k}`, checkExpression)
            : [`${at}.${k}: no such property`],
        ),
      ];
    }
    case "string":
    case "boolean":
      return typeof value === type.type ? [] : [`${at}: not a ${type.type}`];
    case "number":
    case "integer":
      return typeof value === "number" ? [] : [`${at}: not a number`];
    default:
      return [`${at}: unexpected schema type ${JSON.stringify(type)}`];
  }
}

describe("examples/yaml/Pulumi.yaml against the analyzed schema (the YAML program itself is not run here)", () => {
  let analyzed: AnalyzedPackage;
  before(async function () {
    this.timeout(300_000);
    analyzed = await analyzedPackage();
  });

  it("names the package by the path of provider/, whose PulumiPlugin.yaml runs on nodejs", () => {
    const packages = program().packages ?? {};
    assert.deepEqual(Object.keys(packages), [analyzed.schema.name]);
    assert.equal(path.resolve(EXAMPLE_DIR, packages[analyzed.schema.name]), PLUGIN_DIR);
    const plugin = parse(fs.readFileSync(path.join(PLUGIN_DIR, "PulumiPlugin.yaml"), "utf8")) as {
      runtime: unknown;
    };
    assert.equal(plugin.runtime, "nodejs");
  });

  it("uses only types, properties and values the schema has, files that exist and declared names", () => {
    const { schema } = analyzed;
    const yaml = program();
    const declared = new Set(Object.keys(yaml.config ?? {}));
    const resourceTypes = new Map(Object.entries(yaml.resources).map(([name, r]) => [name, r.type]));
    const checkExpression = (e: NonNullable<ReturnType<typeof expression>>, at: string): string[] => {
      if (e.readFile !== undefined) {
        return fs.existsSync(path.resolve(EXAMPLE_DIR, e.readFile)) ? [] : [`${at}: no file ${e.readFile}`];
      }
      return (e.references ?? []).flatMap((reference) => {
        const [head, property] = reference.split(/[.[]/);
        const type = resourceTypes.get(head);
        if (type === undefined) return declared.has(head) ? [] : [`${at}: ${head} is not declared`];
        return schema.resources[type]?.properties?.[property]
          ? []
          : [`${at}: ${type} has no output ${property}`];
      });
    };
    const problems: string[] = [];
    let ours = 0;
    for (const [name, resource] of Object.entries(yaml.resources)) {
      const component = schema.resources[resource.type];
      if (!component) {
        problems.push(`resources.${name}: ${resource.type} is not in the schema`);
        continue;
      }
      ours++;
      const inputs: SchemaType = {
        type: "object",
        properties: component.inputProperties as Record<string, SchemaType>,
        required: component.requiredInputs,
      };
      problems.push(
        ...mismatches(schema, inputs, resource.properties ?? {}, `resources.${name}`, checkExpression),
      );
    }
    for (const [name, value] of Object.entries(yaml.outputs ?? {})) {
      const e = expression(value);
      if (e) problems.push(...checkExpression(e, `outputs.${name}`));
    }
    assert.equal(ours, 1);
    assert.deepEqual(problems, []);
  });

  it("the manifests it reads plan with IngressGlb: one load balancer with HTTPS and the :80 redirect", async function () {
    this.timeout(120_000);
    const hello = program().resources.hello.properties as Record<string, unknown>;
    const manifests = (hello.manifests as { "fn::readFile": string }[]).map((item) =>
      fs.readFileSync(path.resolve(EXAMPLE_DIR, item["fn::readFile"]), "utf8"),
    );
    const args: IngressGlbArgs = {
      manifests,
      ...CLUSTER,
      scheme: hello.scheme as IngressGlbArgs["scheme"],
      redirectToHttps: hello.redirectToHttps as boolean,
      tlsCertificates: [
        {
          secretName: "hello-ingress-secret",
          certificatePem: TEST_CERTIFICATE.certificatePem,
          privateKeyPem: pulumi.secret(TEST_CERTIFICATE.privateKeyPem),
        },
      ],
    };
    const run = await recordPlan(() => {
      new IngressGlb("hello", args);
    });
    const count = (type: string) => run.resources.filter((r) => r.type === type).length;
    assert.equal(
      count(program().resources.hello.type),
      1,
      "the component registers the type the program names",
    );
    assert.deepEqual(
      [count(T.lb), count(T.httpsProxy), count(T.certificate), count(T.secret), count(T.deployment)],
      [1, 1, 1, 1, 3],
    );
    // The :80 proxy serves a second URL map, the redirect, rather than the routes.
    assert.notEqual(
      run.resources.find((r) => r.type === T.httpProxy)?.inputs.urlMap,
      run.resources.find((r) => r.type === T.httpsProxy)?.inputs.urlMap,
    );
  });
});
