import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { InputError } from "../lib/errors";
import { escapeControl, escapeControlKeepingLines, quote, QUOTE_MAX } from "../lib/quote";
import { renderWarning, safeWarning } from "../lib/plan/render-plan";
import { looksLikeKeyMaterial, REDACTED, redactKeyMaterial } from "../lib/redact";

describe("quoting user values in messages", () => {
  it("escapes what would break the line or drive a terminal", () => {
    assert.equal(escapeControl("a\nb\rc\td"), "a\\nb\\rc\\td");
    assert.equal(
      escapeControl("\u001b[2J\u009b\u0000\u2028\u202e"),
      "\\u001b[2J\\u009b\\u0000\\u2028\\u202e",
    );
    assert.equal(escapeControl("plain é 😀"), "plain é 😀");
  });

  it("quotes the first characters only, and never key material", () => {
    assert.equal(quote("shop.example.com"), '"shop.example.com"');
    assert.equal(quote('a"b\\'), '"a\\"b\\\\"');
    assert.equal(quote("x".repeat(100)), `"${"x".repeat(QUOTE_MAX)}…"`);
    assert.equal(quote("a\nb"), '"a\\nb"');
    assert.ok(!quote("-----BEGIN PRIVATE KEY-----\nMIIB").includes("MIIB"));
    assert.ok(!quote("LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t").includes("LS0t"));
  });
});

describe("redacting key material", () => {
  it("removes PEM blocks, cut-short ones, headers, base64 of PEM and OAuth client secrets", () => {
    for (const text of [
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----",
      "-----BEGIN EC PRIVATE KEY----- MHcCAQEEIB",
      "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2",
      "GOCSPX-abcdEFGH1234ijkl",
    ]) {
      const out = redactKeyMaterial(`before ${text} after`);
      assert.ok(out.startsWith(`before ${REDACTED}`), out);
      assert.ok(looksLikeKeyMaterial(text));
    }
  });

  it("removes random base64 of 24 bytes and more, and keeps names, paths and URLs", () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(24 + i).toString("base64");
      assert.ok(redactKeyMaterial(`k: ${key}`).includes(REDACTED), key);
    }
    for (const text of [
      "https://www.googleapis.com/compute/v1/projects/PROJECT/zones/ZONE/instanceGroups/NAME",
      "projects/my-project/global/networks/default",
      "/api/v1/users/profile/settings/notifications",
      "spec.template.spec.containers[0].readinessProbe.timeoutSeconds",
      "averyveryverylongservicenamewithoutanyseparators",
    ]) {
      assert.equal(redactKeyMaterial(text), text);
    }
  });

  it("every InputError message is one line without key material, whatever the caller quoted", () => {
    const error = new InputError(
      "found -----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY----- in\na host",
      { file: "a\nb.yaml", field: "x" },
      "hint\r\u001b[31m",
    );
    assert.ok(
      !error.message.includes("\n") && !error.message.includes("\r") && !error.message.includes("\u001b"),
    );
    assert.ok(!error.message.includes("MIIE") && !error.message.includes("PRIVATE KEY"), error.message);
    assert.match(error.message, /^a\\nb\.yaml: x: found \[redacted\] in\\na host \(hint\\r\\u001b\[31m\)$/);
  });
});

describe("warnings as printed", () => {
  it("are one line without key material, in the text and in the JSON plan", () => {
    const warning = {
      code: "ignored-object",
      message: "kind A\nB LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t ignored",
    };
    assert.equal(safeWarning(warning).message, "kind A\\nB [redacted] ignored");
    assert.equal(renderWarning(warning), "warning ignored-object: kind A\\nB [redacted] ignored");
  });
});

describe("output of many lines", () => {
  it("keeps its line breaks and escapes every other control character", () => {
    assert.equal(escapeControlKeepingLines("a\nb\u009b\u001b[2J\tc\r\n"), "a\nb\\u009b\\u001b[2J\\tc\\r\n");
  });
});
