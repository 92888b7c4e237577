import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { parseAllDocuments } from "yaml";
import { run } from "../../lib/cli";
import { hasControlCharacters } from "../../lib/quote";
import { tlsSecretYaml } from "../components/https-fixtures";
import { TEST_CERTIFICATE } from "../lifecycle/test-certificates";

/**
 * The mutation fuzz of the CLI's exit-code contract (shared by test/cli/fuzz.test.ts and `npm run fuzz`):
 * the example and seed manifests, with Secrets of every kind added (a TLS key, an IAP client secret in a
 * block string, a bare private key file given as a manifest), and plans made from them, are mutated the
 * way hands and tools break files. Every run must end in exit 0 or 2; an exit 2 prints one line on
 * stderr, no stack trace; no output ever carries a byte of a Secret's values.
 */

const ROOT = path.resolve(__dirname, "../..");

/** Files of one `ingress-glb plan` invocation, by name relative to its directory. */
export interface ManifestCase {
  name: string;
  files: { name: string; text: string }[];
}

export interface FuzzCorpus {
  manifestCases: ManifestCase[];
  /** `plan --json` outputs, for `diff`. */
  plans: { name: string; text: string }[];
  /** Values of the corpus's Secrets (and the bare key), as they could leak. */
  secrets: string[];
}

function readTree(dir: string, base = dir): { name: string; text: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return readTree(full, base);
      return [{ name: path.relative(base, full), text: fs.readFileSync(full, "utf8") }];
    });
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** An IAP backend whose OAuth client Secret holds its client_secret as a block string. */
const IAP_CLIENT_SECRET = "fuzz-oauth-client-secret-7Hq2Lw9XzKd";
const IAP_MANIFESTS = `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: users-iap}
spec:
  iap:
    enabled: true
    oauthclientCredentials: {secretName: users-oauth}
  healthCheck:
    checkIntervalSec: 10
    timeoutSec: 5
    port: 30080
---
apiVersion: v1
kind: Secret
metadata: {name: users-oauth}
type: Opaque
stringData:
  client_id: 1234-fuzz.apps.googleusercontent.com
  client_secret: |
    ${IAP_CLIENT_SECRET}
`;

/** Builds the corpus: reads the examples and the seed, makes a key pair, plans two cases for `diff`. */
export async function buildCorpus(): Promise<FuzzCorpus> {
  const pem = TEST_CERTIFICATE;
  const tlsSecret = `${tlsSecretYaml(pem.secretName, pem)}\n`;
  const seed = readTree(path.join(ROOT, "test/fixtures/seed"));
  const iapSeed = seed
    .filter((f) => !f.name.includes("tls") && !f.name.includes("staticip"))
    .map((f) =>
      f.name === "users-svc-nodeport.yaml"
        ? {
            ...f,
            text: f.text.replace(
              /metadata:\n/,
              'metadata:\n  annotations:\n    cloud.google.com/backend-config: \'{"default": "users-iap"}\'\n',
            ),
          }
        : f,
    );
  const manifestCases: ManifestCase[] = [
    { name: "hello-ingress", files: readTree(path.join(ROOT, "examples/hello-ingress/manifests")) },
    { name: "multi-team", files: readTree(path.join(ROOT, "examples/multi-team/manifests")) },
    {
      name: "tls",
      files: [
        ...readTree(path.join(ROOT, "examples/tls/manifests")),
        { name: "hello-ingress-secret.yaml", text: tlsSecret },
      ],
    },
    { name: "seed", files: [...seed, { name: "hello-ingress-secret.yaml", text: tlsSecret }] },
    // The loader's fixture, made plannable: its ClusterIP Service a NodePort, its TLS Secret a real one.
    {
      name: "shop",
      files: readTree(path.join(ROOT, "test/fixtures/manifests/shop")).map((f) => ({
        ...f,
        text: f.text
          .replace("  selector:\n    app: cart", "  type: NodePort\n  selector:\n    app: cart")
          .replace(
            "stringData:\n  tls.crt: placeholder\n  tls.key: placeholder",
            `data:\n  tls.crt: ${b64(pem.certificatePem)}\n  tls.key: ${b64(pem.privateKeyPem)}`,
          ),
      })),
    },
    { name: "iap", files: [...iapSeed, { name: "iap.yaml", text: IAP_MANIFESTS }] },
    // `ingress-glb plan manifests/*` in a directory that also holds the key.
    {
      name: "key-file",
      files: [...seed.filter((f) => !f.name.includes("tls")), { name: "key.pem", text: pem.privateKeyPem }],
    },
  ];
  const plans: FuzzCorpus["plans"] = [];
  for (const c of manifestCases.filter((m) => m.name === "hello-ingress" || m.name === "tls")) {
    const result = await runFiles(c.files, ["plan", "--json"]);
    if (result.code !== 0) throw new Error(`the corpus's ${c.name} does not plan: ${result.err}`);
    plans.push({ name: `${c.name}.json`, text: result.out });
  }
  return { manifestCases, plans, secrets: secretValues(manifestCases) };
}

/** Every value of every Secret in the corpus, decoded and as written, and every PEM block. */
function secretValues(cases: ManifestCase[]): string[] {
  const values = new Set<string>();
  for (const { files } of cases) {
    for (const file of files) {
      for (const block of file.text.match(/-----BEGIN[\s\S]*?-----END[^\n]*/g) ?? []) values.add(block);
      if (!/kind:\s*Secret/.test(file.text)) continue;
      for (const doc of parseAllDocuments(file.text)) {
        const object = doc.toJS() as { kind?: string; data?: object; stringData?: object } | null;
        if (object?.kind !== "Secret") continue;
        for (const value of Object.values(object.data ?? {})) {
          values.add(String(value));
          values.add(Buffer.from(String(value), "base64").toString("utf8"));
        }
        for (const value of Object.values(object.stringData ?? {})) values.add(String(value));
      }
    }
  }
  // Short values (a client ID's domain) are not worth the false alarms; keys and client secrets are long.
  return [...values].map((v) => v.trim()).filter((v) => v.length >= LEAK_WINDOW);
}

/** A leak is any run of this many characters of a secret value found in the output. */
export const LEAK_WINDOW = 12;

/** Every window of LEAK_WINDOW characters of the secrets, PEM armour lines excepted (they are public). */
export function leakWindows(secrets: string[]): Set<string> {
  const windows = new Set<string>();
  for (const secret of secrets) {
    for (const line of secret.split("\n")) {
      if (line.startsWith("-----")) continue;
      for (let i = 0; i + LEAK_WINDOW <= line.length; i++) windows.add(line.slice(i, i + LEAK_WINDOW));
    }
  }
  return windows;
}

function leaks(output: string, windows: Set<string>): string | undefined {
  for (let i = 0; i + LEAK_WINDOW <= output.length; i++) {
    const window = output.slice(i, i + LEAK_WINDOW);
    if (windows.has(window)) return window;
  }
  if (/PRIVATE KEY/.test(output)) return "PRIVATE KEY";
  return undefined;
}

/** One way of breaking a text, at a relative position, with a choice among its variants. */
export interface Mutation {
  op: (typeof OPS)[number];
  /** Where, as a fraction of the text (or of its lines). */
  at: number;
  /** Second position, for swaps. */
  to: number;
  /** Which variant (token, value) to use. */
  pick: number;
}

const OPS = [
  "delete-line",
  "duplicate-line",
  "swap-lines",
  "indent",
  "dedent",
  "insert-token",
  "replace-value",
  "truncate",
  "delete-char",
  "nest",
  "typo-key",
  "alias-value",
  "break-line",
] as const;

/** Characters and snippets that break YAML in the ways people and tools do. */
const TOKENS = [
  "*",
  "&",
  ": ",
  "- ",
  '"',
  "'",
  "{",
  "[",
  "]",
  "}",
  "#",
  "|",
  ">",
  "\t",
  "\n",
  "\r",
  "\u001b[31m",
  "? ",
  "!!binary ",
  "!custom ",
  "%",
  "@",
  "`",
  "\u0000",
  "\u2028",
  "\u202e",
  "😀",
  "---\n",
  "<<: *x\n",
];

/** Values put where a scalar was. */
const VALUES = [
  "null",
  "~",
  '""',
  "[]",
  "{}",
  "-1",
  "0",
  "1000",
  "99999999999",
  "1e400",
  "true",
  '"80"',
  "x",
  "a".repeat(300),
  "*missing",
  "&a",
  ".nan",
  ".inf",
  "My_IP Address",
  '"a\\nb\\u001b[2J"',
  '"LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t"',
  "[[[[[[[[]]]]]]]]",
  "{a: {b: {c: {d: 1}}}}",
  "2.5",
  "-",
  "? x",
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...OPS),
  // Uniform positions: fc.double favours the edges (0, 1), which would mutate first and last lines mostly.
  at: fc.nat(999_999).map((n) => n / 1_000_000),
  to: fc.nat(999_999).map((n) => n / 1_000_000),
  pick: fc.nat(1000),
});

/** Applies one mutation to a text. Deterministic: the same mutation breaks the same text the same way. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const line = Math.floor(m.at * lines.length);
  const other = Math.floor(m.to * lines.length);
  const offset = Math.floor(m.at * (text.length + 1));
  const edit = (f: (l: string) => string) => lines.map((l, i) => (i === line ? f(l) : l)).join("\n");
  switch (m.op) {
    case "delete-line":
      return lines.filter((_, i) => i !== line).join("\n");
    case "duplicate-line":
      return lines.flatMap((l, i) => (i === line ? [l, l] : [l])).join("\n");
    case "swap-lines": {
      const swapped = [...lines];
      [swapped[line], swapped[other]] = [swapped[other], swapped[line]];
      return swapped.join("\n");
    }
    case "indent":
      return edit((l) => (m.pick % 2 === 0 ? "  " : "\t") + l);
    case "dedent":
      return edit((l) => l.replace(/^ {1,2}/, ""));
    case "insert-token":
      return text.slice(0, offset) + TOKENS[m.pick % TOKENS.length] + text.slice(offset);
    case "replace-value":
      return edit((l) =>
        /:\s*\S/.test(l) ? l.replace(/:(\s*).*$/, `:$1${VALUES[m.pick % VALUES.length]}`) : l,
      );
    case "truncate":
      return text.slice(0, offset);
    case "delete-char":
      return text.slice(0, offset) + text.slice(offset + 1);
    case "nest": {
      const depth = [5, 60, 150, 3000][m.pick % 4];
      const nested =
        m.pick % 8 < 4 ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "}".repeat(depth);
      return edit((l) => (/:\s*\S/.test(l) ? l.replace(/:(\s*).*$/, `: ${nested}`) : l));
    }
    case "typo-key":
      return edit((l) => l.replace(/^(\s*-?\s*)([A-Za-z.]+)(\w)(:)/, "$1$2$4"));
    case "alias-value":
      // `tls.key: *LS0t...`: an alias typo, or an anchor, where a value was.
      return edit((l) => l.replace(/:(\s+)(\S)/, `:$1${m.pick % 2 === 0 ? "*" : "&"}$2`));
    case "break-line":
      // A syntax error on that very line (a `tls.key:` line, say).
      return edit((l) => `${l}${[": x", " - y", ' "', " [", " : :", "\t#"][m.pick % 6]}`);
  }
}

/** A mutation of a plan's parsed JSON: a value replaced at some path, a key dropped. */
export interface PlanMutation {
  /** Which value of the plan, by its index in a walk of the JSON (taken modulo the count). */
  target: number;
  replacement: number;
  /** Apply to the text instead (truncate, insert a character). */
  textual?: Mutation;
}

export const planMutationArb: fc.Arbitrary<PlanMutation> = fc.record(
  {
    target: fc.nat(100_000),
    replacement: fc.nat(100),
    textual: mutationArb,
  },
  { requiredKeys: ["target", "replacement"] },
);

const PLAN_VALUES: unknown[] = [
  null,
  5,
  "x",
  [],
  {},
  [5],
  [null],
  { urn: 5 },
  true,
  "a\nb",
  "a\u001b[2J\u009bb",
  -1,
  1e308,
  "DELETE",
];

/** Stands for a value nested 20,000 deep, spliced into the text (JSON.stringify itself would overflow). */
const DEEP = "\u0000deep\u0000";
const DEEP_JSON = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;

export function mutatePlan(text: string, m: PlanMutation): string {
  if (m.textual) return mutate(text, m.textual);
  const plan = JSON.parse(text) as unknown;
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [plan];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    for (const [key, item] of Object.entries(value)) {
      slots.push({ parent: value as Record<string, unknown>, key: Array.isArray(value) ? Number(key) : key });
      stack.push(item);
    }
  }
  if (slots.length === 0) return text;
  const { parent, key } = slots[m.target % slots.length];
  const replacement = m.replacement % 20 === 19 ? DEEP : PLAN_VALUES[m.replacement % PLAN_VALUES.length];
  if (replacement === "DELETE" && !Array.isArray(parent)) delete parent[key as string];
  else (parent as Record<string | number, unknown>)[key] = replacement;
  return JSON.stringify(plan).replace(JSON.stringify(DEEP), DEEP_JSON);
}

/** Cluster flags, right and wrong, added to some runs. */
const FLAG_SETS: string[][] = [
  ["--node-tag", ""],
  ["--network", ""],
  ["--project", "BAD PROJECT"],
  ["--project", "my-project-1", "--zone", "europe-west1-b", "--node-tag", "gke-node"],
  ["--zone", "x"],
  ["--instance-group", "bad"],
  [
    "--instance-group",
    "https://www.googleapis.com/compute/v1/projects/my-proj/zones/us-east1-b/instanceGroups/g",
    "--instance-group",
    "https://www.googleapis.com/compute/v1/projects/my-proj/zones/us-east1-b/instanceGroups/g",
  ],
  ["--node-tag", "Gke_Node\nx"],
];

/** One fuzz run: a corpus case (manifests or a plan), mutations of one of its files, and flags. */
export interface FuzzInput {
  kind: "manifests" | "plan";
  caseIndex: number;
  fileIndex: number;
  mutations: Mutation[];
  planMutation: PlanMutation;
  flags: number;
  command: "plan" | "route";
}

export const fuzzInputArb: fc.Arbitrary<FuzzInput> = fc.record({
  kind: fc.constantFrom<FuzzInput["kind"]>("manifests", "manifests", "manifests", "plan"),
  caseIndex: fc.nat(100),
  fileIndex: fc.nat(100),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
  planMutation: planMutationArb,
  flags: fc.nat(100),
  command: fc.constantFrom<FuzzInput["command"]>("plan", "plan", "route"),
});

export type Verdict = "exit-0" | "exit-2" | "internal-error" | "secret-leak" | "broken-contract";

export interface FuzzOutcome {
  verdict: Verdict;
  code?: number;
  detail: string;
}

async function runFiles(
  files: { name: string; text: string }[],
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ingress-glb-fuzz-"));
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.name)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.name), file.text);
    }
    // Files, not the directory, as a shell glob would give them (a key.pem included).
    const paths = argv[0] === "diff" ? argv.slice(1, 3).map((f) => path.join(dir, f)) : [];
    const args =
      argv[0] === "diff"
        ? ["diff", ...paths, ...argv.slice(3)]
        : [argv[0], ...files.map((f) => path.join(dir, f.name)), ...argv.slice(1)];
    return await runCaptured(args);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A run that takes longer has hung (a promise that never settles): a bug like a throw. */
const RUN_TIMEOUT_MS = 15_000;

/** Runs the CLI in-process, catching what anything else writes to stderr, and a throw (exit 1). */
async function runCaptured(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const write = process.stderr.write;
  const onWarning = (warning: Error) => (err += `(node warning) ${warning.message}\n`);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  process.on("warning", onWarning);
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
  });
  try {
    const code = await Promise.race([run(argv, { out: (t) => (out += t), err: (t) => (err += t) }), stalled]);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    return { code, out, err };
  } catch (error) {
    return {
      code: 1,
      out,
      err: `${err}ingress-glb: internal error: ${(error as Error)?.stack ?? String(error)}\n`,
    };
  } finally {
    clearTimeout(timer);
    process.stderr.write = write;
    process.removeListener("warning", onWarning);
  }
}

/** Runs one fuzz input and judges it against the contract. */
export async function runFuzzInput(
  corpus: FuzzCorpus,
  windows: Set<string>,
  input: FuzzInput,
): Promise<FuzzOutcome> {
  // One run in four with flags, so that most mutations reach the deeper checks of the manifests.
  const flags = input.flags % 4 === 0 ? FLAG_SETS[(input.flags / 4) % FLAG_SETS.length] : [];
  let result: { code: number; out: string; err: string };
  if (input.kind === "plan") {
    const base = corpus.plans[input.caseIndex % corpus.plans.length];
    const head = { name: "head.json", text: mutatePlan(base.text, input.planMutation) };
    const order = input.fileIndex % 2 === 0 ? [base.name, head.name] : [head.name, base.name];
    result = await runFiles([base, head], ["diff", ...order]);
  } else {
    const c = corpus.manifestCases[input.caseIndex % corpus.manifestCases.length];
    const target = input.fileIndex % c.files.length;
    const files = c.files.map((f, i) =>
      i === target ? { ...f, text: input.mutations.reduce(mutate, f.text) } : f,
    );
    const command = input.command === "route" ? ["route", "--url", "http://x.example.com/users/1"] : ["plan"];
    result = await runFiles(files, [...command, ...flags]);
  }
  return judge(result, windows);
}

export function judge(result: { code: number; out: string; err: string }, windows: Set<string>): FuzzOutcome {
  const { code, out, err } = result;
  const firstLine = err.split("\n")[0];
  if (code === 1 || err.includes("internal error")) {
    return { verdict: "internal-error", code, detail: err.slice(0, 2000) };
  }
  const leaked = leaks(err, windows) ?? leaks(out, windows);
  if (leaked !== undefined) {
    return {
      verdict: "secret-leak",
      code,
      detail: `${JSON.stringify(leaked)} in ${err || out.slice(0, 500)}`,
    };
  }
  // Escapes and line breaks from a manifest would let it write to a CI log or a terminal at will.
  const control = [...out].find((c) => c !== "\n" && hasControlCharacters(c));
  if (control !== undefined) {
    return {
      verdict: "broken-contract",
      code,
      detail: `control character ${JSON.stringify(control)} on stdout`,
    };
  }
  if (code === 0) {
    return err === ""
      ? { verdict: "exit-0", code, detail: "" }
      : { verdict: "broken-contract", code, detail: `stderr on success: ${err}` };
  }
  if (code !== 2) return { verdict: "broken-contract", code, detail: `exit ${code}: ${err}` };
  const oneLine = err.endsWith("\n") && err.indexOf("\n") === err.length - 1;
  if (!oneLine || !err.startsWith("ingress-glb: ") || /\n\s+at /.test(err) || err.includes("    at ")) {
    return {
      verdict: "broken-contract",
      code,
      detail: `not one clean line: ${JSON.stringify(err.slice(0, 600))}`,
    };
  }
  return { verdict: "exit-2", code, detail: firstLine };
}
