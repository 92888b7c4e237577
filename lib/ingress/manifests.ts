import * as fs from "node:fs";
import * as path from "node:path";
import {
  Document,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  YAMLError,
} from "yaml";
import { InputError, Origin } from "../errors";
import { isStackOverflow, isStackOverflowMessage, MAX_NESTING, tooDeepAt } from "../nesting";
import {
  checkApiVersion,
  checkKubeObject,
  FieldPath,
  isRecord,
  KubeObject,
  LineLocator,
  namespaceOf,
  objectLabel,
} from "./kube-object";

/** One object read from a manifest, with where it came from. */
export interface Manifest {
  /** The object as written (no defaults filled in). */
  object: KubeObject;
  name: string;
  /** `metadata.namespace`, or `default`. */
  namespace: string;
  /** `file`, `object` (`Kind/namespace/name`) and `line` of the object's first line when known. */
  origin: Origin;
  /** Line of a field of this object (e.g. `["spec", "rules", 0]`); undefined when the source kept none. */
  lineOf: LineLocator;
}

/** Manifests sorted by what the load balancer needs from them, in reading order. */
export interface ManifestSet {
  ingresses: Manifest[];
  services: Manifest[];
  /** Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Pods. */
  workloads: Manifest[];
  secrets: Manifest[];
  configMaps: Manifest[];
  backendConfigs: Manifest[];
  frontendConfigs: Manifest[];
  managedCertificates: Manifest[];
  /** Objects of kinds we do not read; the CLI warns about them. */
  others: Manifest[];
}

type Category = Exclude<keyof ManifestSet, "others">;

/** The kinds we read, and the apiVersions we accept for each (old ones included: the seed uses them). */
const KINDS: Record<string, { category: Category; apiVersions: readonly string[] }> = {
  Ingress: {
    category: "ingresses",
    apiVersions: ["networking.k8s.io/v1", "networking.k8s.io/v1beta1", "extensions/v1beta1"],
  },
  Service: { category: "services", apiVersions: ["v1"] },
  // Workloads: anything with a pod template (or a bare Pod) whose readiness probe can give a health check.
  Deployment: {
    category: "workloads",
    apiVersions: ["apps/v1", "apps/v1beta2", "apps/v1beta1", "extensions/v1beta1"],
  },
  StatefulSet: { category: "workloads", apiVersions: ["apps/v1", "apps/v1beta2", "apps/v1beta1"] },
  DaemonSet: { category: "workloads", apiVersions: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"] },
  ReplicaSet: { category: "workloads", apiVersions: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"] },
  ReplicationController: { category: "workloads", apiVersions: ["v1"] },
  Pod: { category: "workloads", apiVersions: ["v1"] },
  Secret: { category: "secrets", apiVersions: ["v1"] },
  ConfigMap: { category: "configMaps", apiVersions: ["v1"] },
  BackendConfig: {
    category: "backendConfigs",
    apiVersions: ["cloud.google.com/v1", "cloud.google.com/v1beta1"],
  },
  FrontendConfig: { category: "frontendConfigs", apiVersions: ["networking.gke.io/v1beta1"] },
  ManagedCertificate: {
    category: "managedCertificates",
    apiVersions: ["networking.gke.io/v1", "networking.gke.io/v1beta2", "networking.gke.io/v1beta1"],
  },
};

const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export function emptyManifestSet(): ManifestSet {
  return {
    ingresses: [],
    services: [],
    workloads: [],
    secrets: [],
    configMaps: [],
    backendConfigs: [],
    frontendConfigs: [],
    managedCertificates: [],
    others: [],
  };
}

/**
 * Reads manifests from files and directories. Directories are walked recursively for *.yaml, *.yml and
 * *.json, skipping dot-entries (`.git`, `.github`), in sorted order so that a plan is deterministic.
 */
export function loadManifests(paths: readonly string[]): ManifestSet {
  const set = emptyManifestSet();
  const seen = new Map<string, Manifest>();
  for (const file of paths.flatMap((p) => listManifestFiles(p))) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      throw new InputError(`cannot read the file: ${(err as Error).message}`, { file });
    }
    addAll(set, parseManifests(text, file), seen);
  }
  return set;
}

/** Parses one file's text (YAML, or JSON when `file` ends in `.json`). `file` is used in origins only. */
export function parseManifests(text: string, file: string): ManifestSet {
  const set = emptyManifestSet();
  const entries = file.toLowerCase().endsWith(".json") ? parseJson(text, file) : parseYaml(text, file);
  const seen = new Map<string, Manifest>();
  for (const entry of entries) add(set, classify(entry, file), seen);
  return set;
}

/**
 * Parses several texts as if each were a file named `name` (for errors), refusing an object defined twice
 * across them as `loadManifests` does across files. For callers that hold manifests as text (the
 * any-language component takes YAML strings).
 */
export function parseManifestTexts(texts: readonly { text: string; name: string }[]): ManifestSet {
  const set = emptyManifestSet();
  const seen = new Map<string, Manifest>();
  for (const { text, name } of texts) addAll(set, parseManifests(text, name), seen);
  return set;
}

function listManifestFiles(given: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(given);
  } catch {
    throw new InputError("no such file or directory", { file: given });
  }
  if (!stat.isDirectory()) return [given];
  const found: string[] = [];
  walk(given, found, new Set());
  return found.sort();
}

function walk(dir: string, found: string[], visited: Set<string>): void {
  // Symbolic links may loop back to a directory already walked.
  const real = fs.realpathSync(dir);
  if (visited.has(real)) return;
  visited.add(real);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const full = path.join(dir, name);
    const stat = fs.statSync(full);
    if (stat.isDirectory()) walk(full, found, visited);
    else if (stat.isFile() && MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase())) found.push(full);
  }
}

/** A value found in a document, before it is checked, with the lines of its fields. */
interface RawEntry {
  value: unknown;
  locate: LineLocator;
}

/**
 * The YAML library's options: `logLevel: "error"` keeps its warnings (a complex key, say) off stderr,
 * where they would come before our one line; a small alias budget refuses "billion laughs" documents.
 */
const YAML_OPTIONS = { merge: true, logLevel: "error", maxAliasCount: 100 } as const;

const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep`;

function parseYaml(text: string, file: string): RawEntry[] {
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: lines }) as Document.Parsed[];
  } catch (err) {
    // The parser recurses into nested collections; thousands of `[` exhaust the stack.
    if (isStackOverflow(err)) throw new InputError(`YAML error: ${TOO_DEEP}`, { file });
    throw err;
  }
  const entries: RawEntry[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw syntaxError(error, file);
    checkYamlNodes(doc, lines, file);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
    } catch (err) {
      // e.g. too many aliases: the document parsed but does not resolve to plain data.
      const line = lines.linePos(rangeStart(doc.contents) ?? doc.range[0]).line;
      const problem = isStackOverflow(err) ? TOO_DEEP : libraryProblem((err as Error).message);
      throw new InputError(`YAML error: ${problem}`, { file, line });
    }
    // Aliases can nest a document deeper than its text shows.
    if (tooDeepAt(value) !== undefined) throw new InputError(`YAML error: ${TOO_DEEP}`, { file });
    // An empty document (only comments, or after a trailing `---`) holds nothing, as for kubectl.
    if (value === null || value === undefined) continue;
    expand(value, [], (item, base) => entries.push({ value: item, locate: locator(doc, lines, base) }));
  }
  return entries;
}

/**
 * Refuses what the YAML library would turn into something else than the text says, walking the nodes
 * without recursion: a key that is a mapping or a list (a "complex key", which Kubernetes refuses and
 * the library would stringify), and nesting deeper than MAX_NESTING.
 */
function checkYamlNodes(doc: Document, lines: LineCounter, file: string): void {
  const at = (node: unknown): Origin => {
    const offset = rangeStart(node);
    return offset !== undefined ? { file, line: lines.linePos(offset).line } : { file };
  };
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isCollection(node)) continue;
    if (depth >= MAX_NESTING) throw new InputError(`YAML error: ${TOO_DEEP}`, at(node));
    for (const item of node.items) {
      if (isPair(item)) {
        if (isCollection(item.key)) {
          throw new InputError(
            "YAML error: a key is a mapping or a list",
            at(item.key),
            "Kubernetes keys are strings; remove the `?` or the brackets",
          );
        }
        stack.push({ node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
}

function parseJson(text: string, file: string): RawEntry[] {
  const source = text.replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw jsonSyntaxError(err as Error, source, file);
  }
  if (tooDeepAt(value) !== undefined) throw new InputError(`JSON error: ${TOO_DEEP}`, { file });
  // The YAML parser also gives JSON objects their lines; without them errors name the file only.
  const lines = new LineCounter();
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter: lines });
  const entries: RawEntry[] = [];
  expand(value, [], (item, base) =>
    entries.push({
      value: item,
      locate: doc.errors.length === 0 ? locator(doc, lines, base) : () => undefined,
    }),
  );
  return entries;
}

function jsonSyntaxError(err: Error, source: string, file: string): InputError {
  // Node gives an offset for some mistakes only; for the others, the YAML parser under the JSON schema
  // (JSON is YAML) usually stops on the same line.
  const offset = /at position (\d+)/.exec(err.message);
  const line = offset
    ? source.slice(0, Number(offset[1])).split("\n").length
    : parseDocument(source, { ...YAML_OPTIONS, schema: "json" }).errors[0]?.linePos?.[0].line;
  // Drop Node's excerpt of the source: the message must stay on one line.
  const problem = err.message
    .replace(/, .*is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+.*$/s, "");
  return new InputError(`invalid JSON: ${problem}`, line ? { file, line } : { file });
}

/** Unwraps arrays and `kind: List` (as `kubectl get -o yaml` writes) into their items. */
function expand(value: unknown, base: FieldPath, emit: (value: unknown, base: FieldPath) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => expand(item, [...base, i], emit));
  } else if (
    isRecord(value) &&
    typeof value.kind === "string" &&
    /List$/.test(value.kind) &&
    Array.isArray(value.items)
  ) {
    value.items.forEach((item, i) => expand(item, [...base, "items", i], emit));
  } else {
    emit(value, base);
  }
}

/**
 * The YAML library's description of a problem, without the source it quotes: it appends " at line L,
 * column C:" and an excerpt of the line, and some messages end in ": " and the offending text (an
 * alias, a tag), which may be a line of a key. The origin already carries the line.
 */
function libraryProblem(message: string): string {
  return message
    .split(/ at line \d+, column \d+:?/)[0]
    .split("\n")[0]
    .split(": ")[0];
}

function syntaxError(error: YAMLError, file: string): InputError {
  const pos = error.linePos?.[0];
  const origin: Origin = pos ? { file, line: pos.line } : { file };
  // The library reports its own stack overflow on deeply nested flow collections as a parse error.
  if (isStackOverflowMessage(error.message)) return new InputError(`YAML error: ${TOO_DEEP}`, origin);
  const column = pos ? ` at column ${pos.col}` : "";
  return new InputError(`YAML syntax error${column}: ${libraryProblem(error.message)}`, origin);
}

/** Lines of fields in one document; a field that is absent gets the line of its nearest present parent. */
function locator(doc: Document, lines: LineCounter, base: FieldPath): LineLocator {
  return (fieldPath) => {
    const full = [...base, ...fieldPath];
    for (let n = full.length; n >= base.length; n--) {
      const offset = offsetOf(doc, full.slice(0, n));
      if (offset !== undefined) return lines.linePos(offset).line;
    }
    return undefined;
  };
}

function offsetOf(doc: Document, fieldPath: FieldPath): number | undefined {
  if (fieldPath.length === 0) return rangeStart(doc.contents);
  const parent = fieldPath.length === 1 ? doc.contents : doc.getIn(fieldPath.slice(0, -1), true);
  const last = fieldPath[fieldPath.length - 1];
  if (isMap(parent)) {
    // The key's line, not the value's: a nested mapping's value starts on the next line.
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last));
    return pair ? (rangeStart(pair.key) ?? rangeStart(pair.value)) : undefined;
  }
  if (isSeq(parent) && typeof last === "number") return rangeStart(parent.items[last]);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (!isRecord(node) || !Array.isArray(node.range)) return undefined;
  return typeof node.range[0] === "number" ? node.range[0] : undefined;
}

function classify(entry: RawEntry, file: string): { manifest: Manifest; category: keyof ManifestSet } {
  const start = entry.locate([]);
  const at: Origin = start !== undefined ? { file, line: start } : { file };
  const object = checkKubeObject(entry.value, at, entry.locate);
  const namespace = namespaceOf(object);
  const origin: Origin = { ...at, object: objectLabel(object.kind, namespace, object.metadata.name) };
  const manifest: Manifest = { object, name: object.metadata.name, namespace, origin, lineOf: entry.locate };

  const known = KINDS[object.kind];
  if (!known) return { manifest, category: "others" };
  // A kind of ours under another API group (a Knative Service, say) is someone else's: leave it.
  const groups = new Set(known.apiVersions.map(groupOf));
  if (
    !known.apiVersions.includes(object.apiVersion) &&
    !groups.has(groupOf(object.apiVersion)) &&
    object.kind !== "Ingress"
  ) {
    return { manifest, category: "others" };
  }
  checkApiVersion(object, known.apiVersions, origin, entry.locate);
  return { manifest, category: known.category };
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

function add(
  set: ManifestSet,
  item: { manifest: Manifest; category: keyof ManifestSet },
  seen: Map<string, Manifest>,
): void {
  const { manifest, category } = item;
  const key = `${category}:${category === "others" ? `${groupOf(manifest.object.apiVersion)}:` : ""}${manifest.origin.object}`;
  const earlier = seen.get(key);
  if (earlier) {
    const where = earlier.origin.line ? `${earlier.origin.file}:${earlier.origin.line}` : earlier.origin.file;
    throw new InputError("defined twice", manifest.origin, `first defined in ${where}`);
  }
  seen.set(key, manifest);
  set[category].push(manifest);
}

function addAll(set: ManifestSet, more: ManifestSet, seen: Map<string, Manifest>): void {
  for (const category of Object.keys(more) as (keyof ManifestSet)[]) {
    for (const manifest of more[category]) add(set, { manifest, category }, seen);
  }
}
