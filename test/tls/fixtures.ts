import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A certificate (possibly a chain) and a private key, both PEM. */
export interface Pem {
  certificatePem: string;
  privateKeyPem: string;
}

/** Real certificates and keys made with the openssl CLI, shared by the TLS tests. */
export interface TlsFixtures {
  /** RSA 2048, CN hello.example.com, SANs hello.example.com and *.apps.example.com, 365 days. */
  valid: Pem;
  /** RSA 2048, valid for 10 days. */
  expiringSoon: Pem;
  /** RSA 2048 whose validity ended in 2020 (made with `openssl ca -startdate/-enddate`). */
  expired: Pem;
  /** Made exactly as the seed walk-through does: genrsa, req -new, x509 -req -signkey (CN only). */
  seed: Pem;
  rsa1024: Pem;
  /** ECDSA P-256 with CN cn-only.example.com and the one SAN ec.example.com. */
  ecP256: Pem;
  ecP384: Pem;
  ecP521: Pem;
  ed25519: Pem;
  /** An unrelated RSA 2048 key, matching none of the certificates. */
  otherKeyPem: string;
  /** An RSA 2048 key encrypted with a passphrase. */
  encryptedKeyPem: string;
  /** Leaf signed by `caCertificatePem`, followed by the CA: a chain in the usual order. */
  chain: Pem;
  caCertificatePem: string;
}

export const SEED_CN = "hello-ingress.example.com";

let cached: TlsFixtures | undefined;

/** Generates the fixtures once per test run; the temporary files are removed as soon as they are read. */
export function tlsFixtures(): TlsFixtures {
  cached ??= generate();
  return cached;
}

function generate(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), "ingress-glb-tls-"));
  try {
    const path = (name: string) => join(dir, name);
    const read = (name: string) => readFileSync(path(name), "utf8");
    const openssl = (...args: string[]) => {
      // Progress output and key material stay out of the test log.
      execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    };

    const selfSigned = (
      name: string,
      opts: { cn: string; sans?: string[]; days: number; newkey: string[] },
    ) => {
      openssl(
        "req",
        "-x509",
        ...opts.newkey,
        "-nodes",
        "-keyout",
        path(`${name}.key`),
        "-out",
        path(`${name}.crt`),
        "-subj",
        `/CN=${opts.cn}`,
        ...(opts.sans ? ["-addext", `subjectAltName=${opts.sans.map((s) => `DNS:${s}`).join(",")}`] : []),
        "-days",
        String(opts.days),
      );
      return { certificatePem: read(`${name}.crt`), privateKeyPem: read(`${name}.key`) };
    };

    const rsa2048 = ["-newkey", "rsa:2048"];
    const ec = (curve: string) => ["-newkey", "ec", "-pkeyopt", `ec_paramgen_curve:${curve}`];

    const valid = selfSigned("valid", {
      cn: "hello.example.com",
      sans: ["hello.example.com", "*.apps.example.com"],
      days: 365,
      newkey: rsa2048,
    });
    const expiringSoon = selfSigned("soon", {
      cn: "soon.example.com",
      sans: ["soon.example.com"],
      days: 10,
      newkey: rsa2048,
    });
    const rsa1024 = selfSigned("rsa1024", {
      cn: "weak.example.com",
      days: 365,
      newkey: ["-newkey", "rsa:1024"],
    });
    const ecP256 = selfSigned("p256", {
      cn: "cn-only.example.com",
      sans: ["ec.example.com"],
      days: 365,
      newkey: ec("P-256"),
    });
    const ecP384 = selfSigned("p384", {
      cn: "ec.example.com",
      sans: ["ec.example.com"],
      days: 365,
      newkey: ec("P-384"),
    });
    const ecP521 = selfSigned("p521", { cn: "ec.example.com", days: 365, newkey: ec("P-521") });
    const ed25519 = selfSigned("ed25519", {
      cn: "ed.example.com",
      days: 365,
      newkey: ["-newkey", "ed25519"],
    });

    // OpenSSL 3.0's req and x509 refuse a non-positive -days and lack -not_before/-not_after (3.4+),
    // but `openssl ca` takes explicit -startdate/-enddate.
    openssl(
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      path("expired.key"),
      "-subj",
      "/CN=expired.example.com",
      "-addext",
      "subjectAltName=DNS:expired.example.com",
      "-out",
      path("expired.csr"),
    );
    writeFileSync(path("index.txt"), "");
    writeFileSync(path("serial"), "01\n");
    writeFileSync(
      path("ca.cnf"),
      [
        "[ ca ]",
        "default_ca = fixture_ca",
        "[ fixture_ca ]",
        "database = ./index.txt",
        "new_certs_dir = .",
        "serial = ./serial",
        "default_md = sha256",
        "policy = fixture_policy",
        "unique_subject = no",
        "copy_extensions = copy",
        "[ fixture_policy ]",
        "commonName = supplied",
        "",
      ].join("\n"),
    );
    openssl(
      "ca",
      "-batch",
      "-config",
      path("ca.cnf"),
      "-selfsign",
      "-keyfile",
      path("expired.key"),
      "-in",
      path("expired.csr"),
      "-out",
      path("expired.crt"),
      "-startdate",
      "20200101000000Z",
      "-enddate",
      "20200201000000Z",
      "-notext",
    );
    const expired = { certificatePem: read("expired.crt"), privateKeyPem: read("expired.key") };

    // The seed's three commands, with -subj in place of the interactive prompts.
    openssl("genrsa", "-out", path("seed.key"), "2048");
    openssl(
      "req",
      "-new",
      "-key",
      path("seed.key"),
      "-out",
      path("seed.csr"),
      "-subj",
      `/C=KR/O=Hello/CN=${SEED_CN}`,
    );
    openssl(
      "x509",
      "-req",
      "-days",
      "365",
      "-in",
      path("seed.csr"),
      "-signkey",
      path("seed.key"),
      "-out",
      path("seed.crt"),
    );
    const seed = { certificatePem: read("seed.crt"), privateKeyPem: read("seed.key") };

    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", path("other.key"));
    openssl(
      "genpkey",
      "-algorithm",
      "RSA",
      "-pkeyopt",
      "rsa_keygen_bits:2048",
      "-aes256",
      "-pass",
      "pass:fixture-only",
      "-out",
      path("encrypted.key"),
    );

    const ca = selfSigned("ca", { cn: "Fixture CA", days: 365, newkey: rsa2048 });
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      path("leaf.key"),
      "-out",
      path("leaf.crt"),
      "-subj",
      "/CN=leaf.example.com",
      "-addext",
      "subjectAltName=DNS:leaf.example.com",
      "-CA",
      path("ca.crt"),
      "-CAkey",
      path("ca.key"),
      "-days",
      "90",
    );
    const chain = { certificatePem: read("leaf.crt") + ca.certificatePem, privateKeyPem: read("leaf.key") };

    return {
      valid,
      expiringSoon,
      expired,
      seed,
      rsa1024,
      ecP256,
      ecP384,
      ecP521,
      ed25519,
      otherKeyPem: read("other.key"),
      encryptedKeyPem: read("encrypted.key"),
      chain,
      caCertificatePem: ca.certificatePem,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
