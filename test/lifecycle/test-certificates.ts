import * as fs from "node:fs";
import * as path from "node:path";

const LIFECYCLE = path.resolve(__dirname, "../fixtures/lifecycle");
const read = (file: string) => fs.readFileSync(path.join(LIFECYCLE, file), "utf8");

/**
 * Self-signed certificates for tests only (20 years, hello-ingress.example.com), committed so that
 * plans, whose certificate names carry the fingerprint, are the same on every run.
 */
export const TEST_CERTIFICATE = {
  secretName: "hello-ingress-secret",
  certificatePem: read("test-only.crt"),
  privateKeyPem: read("test-only.key"),
};

/** Another one for the same host: a rotation. */
export const ROTATED_CERTIFICATE = {
  certificatePem: read("test-only-rotated.crt"),
  privateKeyPem: read("test-only-rotated.key"),
};
