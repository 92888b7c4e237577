import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../../lib/cli";

/** What one `ingress-glb` invocation did, captured in-process. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...argv: string[]): Promise<CliResult> {
  let out = "";
  let err = "";
  const code = await run(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/** The seed's manifests, copied into the repository. */
export const SEED_DIR = path.resolve(__dirname, "../fixtures/seed");
/** The seed without hello-ingress-tls.yaml, whose Secret the seed does not ship. */
export const SEED_FILES = [
  "hello-ingress.yaml",
  "hello-ingress-staticip.yaml",
  "users-svc-nodeport.yaml",
  "products-svc-nodeport.yaml",
].map((file) => path.join(SEED_DIR, file));

export const EXAMPLE_DIR = path.resolve(__dirname, "../../examples/hello-ingress/manifests");

/** A fresh temporary directory, removed by `removeTempDirs` (call it in `after`). */
const made: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ingress-glb-cli-"));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Parses a command's JSON output, failing with the text (and stderr) when it is not JSON. */
export function parseJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.out) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.out.slice(0, 500)}\nstderr: ${result.err}`);
  }
}
