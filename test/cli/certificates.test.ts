import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Plan } from "../../lib/plan/types";
import { SEED, SEED_TLS_FILES, tlsSecretYaml } from "../components/https-fixtures";
import { capturingOutput } from "../plan/capture-output";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { CliResult, parseJson, removeTempDirs, runCli, tempDir } from "./run-cli";

describe("ingress-glb plan: certificates", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });
  after(removeTempDirs);

  /** The seed's TLS walk-through with its Secret holding `pem`, as files. */
  const seedTlsWith = (pem: TlsFixtures["seed"]) => {
    const file = path.join(tempDir(), "hello-ingress-secret.yaml");
    fs.writeFileSync(file, tlsSecretYaml("hello-ingress-secret", pem));
    return [...SEED_TLS_FILES.map((f) => path.join(SEED, f)), file];
  };

  it("an expired certificate exits 2 with the one-line error, nothing planned (components only warn)", async () => {
    const result = await runCli("plan", ...seedTlsWith(fx.expired));
    assert.equal(result.code, 2, result.out);
    assert.equal(result.out, "");
    assert.match(
      result.err,
      /^ingress-glb: .*Secret\/default\/hello-ingress-secret: data\.tls\.crt: the certificate expired on 2020-02-01T00:00:00\.000Z \(renew it\)\n$/,
    );
  });

  describe("warnings are printed once, by the CLI, never by the Pulumi runtime", () => {
    let text: { result: CliResult; written: string };
    let json: CliResult;
    before(async () => {
      // The seed's certificate is self-signed: the model warns, and the component logs it with pulumi.log.
      const files = seedTlsWith(fx.seed);
      text = await capturingOutput(() => runCli("plan", ...files));
      json = await runCli("plan", ...files, "--json");
    });

    it("prints each warning of the plan exactly once, and nothing else anywhere", () => {
      assert.equal(text.result.code, 0, text.result.err);
      assert.equal(text.result.err, "");
      const warnings = parseJson<Plan>(json).warnings;
      assert.ok(warnings.some((w) => w.code === "certificate-self-signed"));
      for (const warning of warnings) {
        const printed = text.result.out.split(warning.message).length - 1;
        assert.equal(printed, 1, `${warning.code} printed ${printed} times`);
      }
      // Without the offline engine's log recording, the SDK writes `warning: [runtime] ...` to stderr.
      assert.doesNotMatch(text.written, /\[runtime\]|certificate-self-signed: /);
    });
  });
});
