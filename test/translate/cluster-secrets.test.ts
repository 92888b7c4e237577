import { strict as assert } from "node:assert";
import { CLUSTER_CERTIFICATE_MARK } from "../../lib/translate/frontend";
import { clusterReadName } from "../../lib/translate/cluster-reads";
import { TlsFixtures, tlsFixtures } from "../tls/fixtures";
import { secretSource, tlsIngress, translateTls } from "./frontend-fixtures";

describe("translate: TLS Secrets read from the cluster (not in the files, or owned by another tool)", () => {
  let fx: TlsFixtures;
  before(function () {
    this.timeout(120_000);
    fx = tlsFixtures();
  });

  const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);

  const cases: {
    name: string;
    tls: { secretName: string; hosts?: string[] }[];
    files: () => ReturnType<typeof secretSource>[];
    owned?: string[];
    /** `namespace/name` of the certificates from the files, then of those read from the cluster. */
    fromFiles: string[];
    fromCluster: string[];
    /** Text every secret-read-from-cluster warning holds, in order. */
    warnings: RegExp[];
  }[] = [
    {
      name: "a Secret in the files: uploaded from them, nothing read",
      tls: [{ secretName: "hello-ingress-secret" }],
      files: () => [secretSource("hello-ingress-secret", fx.seed)],
      fromFiles: ["default/hello-ingress-secret"],
      fromCluster: [],
      warnings: [],
    },
    {
      name: "a Secret the files lack: read from the cluster, the warning names it",
      tls: [{ secretName: "shop-tls", hosts: ["shop.example.com"] }],
      files: () => [],
      fromFiles: [],
      fromCluster: ["default/shop-tls"],
      warnings: [
        /TLS Secret default\/shop-tls is read from the cluster at deploy time \(it is not in the files\)/,
      ],
    },
    {
      name: "the seed's typo: read from the cluster, and the warning gives the near name of the files",
      tls: [{ secretName: "hello-ingress-secret" }],
      files: () => [secretSource("hello-ingress-serect", fx.seed)],
      fromFiles: [],
      fromCluster: ["default/hello-ingress-secret"],
      warnings: [/not in the files.*did you mean "hello-ingress-serect"\?/],
    },
    {
      name: "a Secret of the files another tool owns: read from the cluster, the files' content unused",
      tls: [{ secretName: "hello-ingress-secret" }],
      files: () => [secretSource("hello-ingress-secret", fx.seed)],
      owned: ["default/hello-ingress-secret"],
      fromFiles: [],
      fromCluster: ["default/hello-ingress-secret"],
      warnings: [/another tool owns it \(existing\)/],
    },
    {
      name: "one in the files, one not: each from where it is, files' first",
      tls: [{ secretName: "cluster-tls" }, { secretName: "hello-ingress-secret" }],
      files: () => [secretSource("hello-ingress-secret", fx.seed)],
      fromFiles: ["default/hello-ingress-secret"],
      fromCluster: ["default/cluster-tls"],
      warnings: [/default\/cluster-tls/],
    },
    {
      name: "two tls entries naming one cluster Secret: one read, one warning, hosts merged",
      tls: [
        { secretName: "shop-tls", hosts: ["a.example.com"] },
        { secretName: "shop-tls", hosts: ["b.example.com", "a.example.com"] },
      ],
      files: () => [],
      fromFiles: [],
      fromCluster: ["default/shop-tls"],
      warnings: [/default\/shop-tls/],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const model = translateTls([tlsIngress(c.tls)], {
        secrets: c.files(),
        ...(c.owned ? { clusterSecrets: c.owned } : {}),
      });
      const https = model.frontend.https;
      assert.ok(https);
      assert.deepEqual(
        https.certificates.map((cert) => cert.secret),
        c.fromFiles,
      );
      assert.deepEqual(
        (https.clusterCertificates ?? []).map((cert) => cert.secret),
        c.fromCluster,
      );
      const read = model.warnings.filter((w) => w.code === "secret-read-from-cluster");
      assert.equal(read.length, c.warnings.length, JSON.stringify(read));
      read.forEach((w, i) => {
        assert.match(w.message, c.warnings[i]);
        assert.equal(w.origin?.object, "Ingress/default/hello-ingress-tls");
        assert.match(w.origin?.field ?? "", /^spec\.tls\[\d\]\.secretName$/);
      });
    });
  }

  it("a cluster certificate is named once for good: whatever the Secret holds, the same logical name, read under its own", () => {
    const model = translateTls([tlsIngress([{ secretName: "shop-tls", hosts: ["a.example.com"] }])], {
      secrets: [],
    });
    const [cert] = model.frontend.https?.clusterCertificates ?? [];
    assert.equal(cert.name, "hello-ingress-tls-shop-tls-cluster");
    assert.ok(cert.name.endsWith(`-${CLUSTER_CERTIFICATE_MARK}`));
    assert.equal(cert.readName, clusterReadName("hello-ingress-tls", "default/shop-tls"));
    assert.deepEqual(cert.hosts, ["a.example.com"]);
    // The mark is no fingerprint (hex): a files certificate of the same Secret never takes its name.
    assert.doesNotMatch(CLUSTER_CERTIFICATE_MARK, /^[0-9a-f]+$/);
    const files = translateTls([tlsIngress([{ secretName: "shop-tls" }])], {
      secrets: [secretSource("shop-tls", fx.seed)],
    });
    assert.notEqual(files.frontend.https?.certificates[0].name, cert.name);
  });

  it("no host-without-certificate warning with a cluster certificate: its names are unknown offline", () => {
    const ingress = tlsIngress([{ secretName: "hello-ingress-secret" }]);
    const hosted = {
      ...ingress,
      rules: [{ ...ingress.rules[0], host: "elsewhere.example.org" }],
    };
    const withFiles = translateTls([hosted], { secrets: [secretSource("hello-ingress-secret", fx.seed)] });
    assert.ok(codes(withFiles.warnings).includes("host-without-certificate"));
    const fromCluster = translateTls([hosted], { secrets: [] });
    assert.ok(!codes(fromCluster.warnings).includes("host-without-certificate"));
    assert.ok(codes(fromCluster.warnings).includes("secret-read-from-cluster"));
  });

  it("cluster certificates count toward the proxy's 15", () => {
    const tls = Array.from({ length: 16 }, (_, i) => ({ secretName: `tls-${i}` }));
    assert.throws(
      () => translateTls([tlsIngress(tls)], { secrets: [] }),
      /16 certificates for one HTTPS proxy \(0 pre-shared, 0 managed, 16 from Secrets\)/,
    );
  });
});
