import { InputError, Origin } from "../errors";
import { hasControlCharacters, quote } from "../quote";
import { looksLikeKeyMaterial } from "../redact";
import { didYouMean } from "../suggest";

/** `metadata` of a Kubernetes object, after the envelope checks of `checkKubeObject`. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** A Kubernetes object as read from a manifest: only the envelope is checked, the rest is loose. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Record<string, unknown>;
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A path inside an object, e.g. `["spec", "rules", 0, "host"]`. */
export type FieldPath = readonly (string | number)[];

/** The 1-based line of a field inside one object, when the source kept positions. */
export type LineLocator = (path: FieldPath) => number | undefined;

export const DEFAULT_NAMESPACE = "default";

/** Kinds without a namespace, so their label is `Kind/name`. */
const CLUSTER_SCOPED_KINDS = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "IngressClass",
  "PriorityClass",
]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `spec.rules[0].http.paths[1].path`; keys that are not plain words are quoted: `metadata.annotations["a/b.c"]`. */
export function formatFieldPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped kinds. */
export function objectLabel(kind: string, namespace: string, name: string): string {
  return CLUSTER_SCOPED_KINDS.has(kind) ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

export function namespaceOf(obj: KubeObject): string {
  return obj.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/**
 * How a value reads in a message: `a list`, `the number 5`, `the string "x"` (quoted, cut short). With
 * `secret`, a string or number is named by its type only: it came from a Secret's data.
 */
export function describeValue(value: unknown, secret = false): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (secret) return `a ${typeof value}`;
  if (typeof value === "string") {
    return looksLikeKeyMaterial(value)
      ? "a string that looks like key material (not shown)"
      : `the string ${quote(value)}`;
  }
  return `the ${typeof value} ${String(value)}`;
}

/** Fields of a Secret that hold its values, which no message may quote. */
const SECRET_VALUE_FIELDS = ["data", "stringData"];

/** True for a field inside a Secret's `data` or `stringData` (the object is labelled `Secret/...`). */
export function isSecretValueField(origin: Origin, path: FieldPath): boolean {
  return (
    (origin.object ?? "").startsWith("Secret/") &&
    typeof path[0] === "string" &&
    SECRET_VALUE_FIELDS.includes(path[0])
  );
}

/**
 * Reads the fields of one object, with errors that point at the exact field (path and, when known, line).
 * The line falls back to the object's own line when the source kept no positions.
 */
export class FieldReader {
  constructor(
    readonly origin: Origin,
    private readonly lineOf?: LineLocator,
  ) {}

  at(path: FieldPath): Origin {
    const origin: Origin = { ...this.origin, field: formatFieldPath(path) };
    const line = this.lineOf?.(path);
    if (line !== undefined) origin.line = line;
    return origin;
  }

  /**
   * Refuses keys of `value` outside `fields`, naming the nearest known one, since GKE drops unknown
   * fields silently; `unsupported` gives the reason for fields that exist upstream but are not served.
   */
  known(
    value: Record<string, unknown>,
    path: FieldPath,
    fields: readonly string[],
    unsupported: Readonly<Record<string, string>> = {},
  ): void {
    for (const key of Object.keys(value)) {
      if (fields.includes(key)) continue;
      if (unsupported[key]) this.fail([...path, key], unsupported[key]);
      this.fail(
        [...path, key],
        `unknown field ${quote(key)}`,
        didYouMean(key, fields) ?? `known: ${fields.join(", ")}`,
      );
    }
  }

  fail(path: FieldPath, problem: string, hint?: string): never {
    throw new InputError(problem, this.at(path), hint);
  }

  /** `describeValue`, naming only the type of a value from a Secret's data. */
  describe(value: unknown, path: FieldPath): string {
    return describeValue(value, isSecretValueField(this.origin, path));
  }

  /** A mapping, or undefined when absent (undefined or null). */
  record(value: unknown, path: FieldPath): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) this.fail(path, `must be a mapping, found ${this.describe(value, path)}`);
    return value;
  }

  /** A list, or undefined when absent. */
  array(value: unknown, path: FieldPath): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.fail(path, `must be a list, found ${this.describe(value, path)}`);
    return value;
  }

  /** A string, or undefined when absent. */
  string(value: unknown, path: FieldPath): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") this.fail(path, `must be a string, found ${this.describe(value, path)}`);
    return value;
  }

  /** A mapping of strings (labels, annotations, selectors), or undefined when absent. */
  stringMap(value: unknown, path: FieldPath): Record<string, string> | undefined {
    const map = this.record(value, path);
    if (map === undefined) return undefined;
    for (const [key, entry] of Object.entries(map)) {
      if (typeof entry !== "string") {
        // Kubernetes refuses unquoted `true`, `80` here; the fix is to quote them.
        const hint = isPrimitive(entry) ? `quote it: ${quote(String(entry))}` : undefined;
        this.fail([...path, key], `must be a string, found ${this.describe(entry, [...path, key])}`, hint);
      }
    }
    return map as Record<string, string>;
  }

  /** An integer in `min..max`, or undefined when absent. */
  integer(value: unknown, path: FieldPath, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string" && /^\d+$/.test(value)) {
      this.fail(
        path,
        `must be a number, found ${this.describe(value, path)}`,
        `write it without quotes: ${value}`,
      );
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.fail(path, `must be an integer, found ${this.describe(value, path)}`);
    }
    if (value < min || value > max) this.fail(path, `${value} is out of range ${min}-${max}`);
    return value;
  }

  /** One of `allowed`, with the nearest valid value as hint. */
  oneOf<T extends string>(value: unknown, path: FieldPath, allowed: readonly T[]): T | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      // Case slips (`tcp`) are too far for the edit distance of short names, yet the likeliest mistake.
      const sameLetters = allowed.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
      this.fail(
        path,
        `unknown value ${quote(text)}`,
        (sameLetters ? `did you mean "${sameLetters}"?` : didYouMean(text, allowed)) ??
          `expected one of ${allowed.join(", ")}`,
      );
    }
    return text as T;
  }
}

function isPrimitive(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean";
}

/**
 * Checks the envelope every Kubernetes object has (apiVersion, kind, metadata.name) and the types of the
 * metadata we read. `origin` gives the file and line of the object; the result's label is set by the caller.
 */
export function checkKubeObject(value: unknown, origin: Origin, lineOf?: LineLocator): KubeObject {
  const where: FieldReader = new FieldReader(origin, lineOf);
  if (!isRecord(value)) {
    throw new InputError(
      `expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found ${describeValue(value)}`,
      origin,
    );
  }
  const apiVersion = where.string(value.apiVersion, ["apiVersion"]);
  if (!apiVersion) where.fail(["apiVersion"], "missing apiVersion");
  const kind = where.string(value.kind, ["kind"]);
  if (!kind) where.fail(["kind"], "missing kind");

  const named: FieldReader = new FieldReader({ ...origin, object: origin.object ?? kind }, lineOf);
  const metadata = named.record(value.metadata, ["metadata"]);
  if (metadata === undefined) named.fail(["metadata"], "missing metadata");
  const name = named.string(metadata.name, ["metadata", "name"]);
  if (!name) {
    const hint =
      metadata.generateName !== undefined ? "generateName is not supported: set metadata.name" : undefined;
    named.fail(["metadata", "name"], "missing metadata.name", hint);
  }
  const namespace = named.string(metadata.namespace, ["metadata", "namespace"]);
  if (namespace === "") named.fail(["metadata", "namespace"], "must not be empty");
  // No kind accepts these in a name; they would also break the plan's lines.
  for (const [field, text] of [
    ["name", name],
    ["namespace", namespace ?? ""],
  ] as const) {
    if (/\s/.test(text) || hasControlCharacters(text)) {
      named.fail(["metadata", field], `${quote(text)} may not contain spaces or control characters`);
    }
  }

  const labelled: FieldReader = new FieldReader(
    { ...origin, object: objectLabel(kind, namespace ?? DEFAULT_NAMESPACE, name) },
    lineOf,
  );
  labelled.stringMap(metadata.labels, ["metadata", "labels"]);
  labelled.stringMap(metadata.annotations, ["metadata", "annotations"]);
  return value as KubeObject;
}

/** Refuses an apiVersion outside `accepted`, naming the nearest accepted one. */
export function checkApiVersion(
  obj: KubeObject,
  accepted: readonly string[],
  origin: Origin,
  lineOf?: LineLocator,
): void {
  if (accepted.includes(obj.apiVersion)) return;
  new FieldReader(origin, lineOf).fail(
    ["apiVersion"],
    `apiVersion ${quote(obj.apiVersion)} is not supported for ${obj.kind}`,
    didYouMean(obj.apiVersion, accepted) ?? `expected one of ${accepted.join(", ")}`,
  );
}

/** A GKE configuration object (BackendConfig, FrontendConfig) after its envelope checks. */
export interface ConfigObject {
  object: KubeObject;
  namespace: string;
  /** The object's own origin: `Kind/namespace/name` in the caller's file. */
  origin: Origin;
}

/** Checks the envelope, kind and apiVersion of a GKE configuration object. */
export function checkConfigObject(
  obj: unknown,
  kind: string,
  apiVersions: readonly string[],
  origin: Origin,
  lineOf?: LineLocator,
): ConfigObject {
  const object = checkKubeObject(obj, origin, lineOf);
  const namespace = namespaceOf(object);
  const self: Origin = { ...origin, object: objectLabel(object.kind, namespace, object.metadata.name) };
  if (object.kind !== kind)
    new FieldReader(self, lineOf).fail(["kind"], `expected a ${kind}, found ${object.kind}`);
  checkApiVersion(object, apiVersions, self, lineOf);
  return { object, namespace, origin: self };
}
