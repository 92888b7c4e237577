import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
// The gRPC and protobuf runtimes @pulumi/pulumi and @pulumi/policy themselves use.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pulumi from "@pulumi/pulumi";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  AnalyzeDiagnostic,
  AnalyzerPropertyDependencies,
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerInfo,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzeStackRequest,
  EnforcementLevel,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { reservedAddressProtected } from "../../lib/policy/rules";
import { isUnknown, PolicySubject, UNKNOWN } from "../../lib/policy/subject";
import { httpsStack } from "./subjects";

/**
 * The pack as the Pulumi engine runs it: `policy/index.ts` started in its own process (it prints the
 * port of its gRPC analyzer server), then called over gRPC with the engine's requests.
 */

const PACK_DIR = path.resolve(__dirname, "../../policy");

function startPack(): Promise<{ child: ChildProcess; port: number }> {
  // The Pulumi CLI runs the pack with ts-node from the pack's folder; the same here, without type checks
  // (`npm run typecheck` covers policy/).
  const child = spawn(
    process.execPath,
    [
      "-e",
      'require("ts-node").register({ transpileOnly: true, project: "tsconfig.json" }); require("./index.ts");',
    ],
    { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk) => (err += chunk));
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve({ child, port: Number(line[1]) });
    });
    child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${err}`)));
  });
}

function wireValue(value: unknown): unknown {
  if (isUnknown(value)) return pulumi.runtime.unknownValue;
  if (Array.isArray(value)) return value.map(wireValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireValue(v)]));
  }
  return value;
}

function options(subject: PolicySubject): AnalyzerResourceOptions {
  return new AnalyzerResourceOptions().setProtect(subject.protect);
}

function stackResource(subject: PolicySubject): AnalyzerResource {
  const resource = new AnalyzerResource()
    .setType(subject.type)
    .setName(subject.name)
    .setUrn(subject.urn)
    .setProperties(Struct.fromJavaScript(wireValue(subject.props) as Record<string, never>))
    .setOptions(options(subject));
  for (const [key, urns] of Object.entries(subject.propertyDependencies ?? {})) {
    resource.getPropertydependenciesMap().set(key, new AnalyzerPropertyDependencies().setUrnsList([...urns]));
  }
  return resource;
}

interface Diagnostic {
  policy: string;
  level: "mandatory" | "advisory";
  urn: string;
  message: string;
}

/** A diagnostic, its message without the policy description the SDK puts on the line before it. */
const diagnostic = (d: AnalyzeDiagnostic): Diagnostic => ({
  policy: d.getPolicyname(),
  level: d.getEnforcementlevel() === EnforcementLevel.MANDATORY ? "mandatory" : "advisory",
  urn: d.getUrn(),
  message: d.getMessage().split("\n").slice(1).join("\n"),
});

describe("the CrossGuard pack over gRPC, as the Pulumi engine calls it", function () {
  this.timeout(60_000);
  let pack: { child: ChildProcess; port: number };
  let client: AnalyzerClient;

  before(async () => {
    pack = await startPack();
    client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    pack?.child.kill();
  });

  /** One unary call, awaited. */
  const rpc = <Res>(start: (callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown) =>
    new Promise<Res>((resolve, reject) => start((err, res) => (err ? reject(err) : resolve(res))));

  it("describes its policies: each rule mandatory, undecided checks advisory", async () => {
    const info = await rpc<AnalyzerInfo>((cb) => client.getAnalyzerInfo(new Empty(), cb));
    assert.equal(info.getName(), "ingress-glb");
    // The version the pack's package.json says (the SDK reads it from there).
    assert.equal(
      info.getVersion(),
      (
        JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../policy/package.json"), "utf8")) as {
          version: string;
        }
      ).version,
    );
    assert.deepEqual(
      info
        .getPoliciesList()
        .map(
          (p) =>
            `${p.getName()} ${p.getEnforcementlevel() === EnforcementLevel.MANDATORY ? "mandatory" : "advisory"}`,
        ),
      [
        "https-proxy-modern-tls mandatory",
        "http-redirects-to-https mandatory",
        "firewall-google-ranges-only mandatory",
        "backend-service-health-check mandatory",
        "reserved-address-protected mandatory",
        "undecided-checks advisory",
      ],
    );
  });

  it("AnalyzeStack in preview: a weak SSL policy behind an unknown reference is found, unknown ports are advisory", async () => {
    const s = httpsStack({ sslPolicy: { profile: "COMPATIBLE", minTlsVersion: "TLS_1_2", id: UNKNOWN } });
    const proxy: PolicySubject = {
      ...s.httpsProxy,
      props: { ...s.httpsProxy.props, sslPolicy: UNKNOWN },
      propertyDependencies: { sslPolicy: [s.sslPolicy.urn] },
    };
    const firewall: PolicySubject = {
      ...s.firewall,
      props: { ...s.firewall.props, allows: [{ protocol: "tcp", ports: UNKNOWN }] },
    };
    const subjects = s.all.map((r) => (r === s.httpsProxy ? proxy : r === s.firewall ? firewall : r));
    const response = await rpc<AnalyzeResponse>((cb) =>
      client.analyzeStack(new AnalyzeStackRequest().setResourcesList(subjects.map(stackResource)), cb),
    );
    assert.deepEqual(response.getDiagnosticsList().map(diagnostic), [
      {
        policy: "https-proxy-modern-tls",
        level: "mandatory",
        urn: proxy.urn,
        message: "SSL policy lb-ssl-policy: profile COMPATIBLE, not MODERN or RESTRICTED",
      },
      {
        policy: "undecided-checks",
        level: "advisory",
        urn: firewall.urn,
        message: "firewall-google-ranges-only: its allowed ports are not known yet",
      },
    ]);
  });

  it("Analyze of a reserved address: mandatory unless protected", async () => {
    const { address } = httpsStack();
    const analyze = (protect: boolean) =>
      rpc<AnalyzeResponse>((cb) =>
        client.analyze(
          new AnalyzeRequest()
            .setType(address.type)
            .setName(address.name)
            .setUrn(address.urn)
            .setProperties(Struct.fromJavaScript({ addressType: "EXTERNAL" }))
            .setOptions(options({ ...address, protect })),
          cb,
        ),
      );
    assert.deepEqual((await analyze(false)).getDiagnosticsList().map(diagnostic), [
      {
        policy: "reserved-address-protected",
        level: "mandatory",
        urn: address.urn,
        message:
          "reserved address is not protected: destroying or replacing it releases the IP that DNS points at (protectAddress: true)",
      },
    ]);
    const [full] = (await analyze(false)).getDiagnosticsList();
    assert.equal(full.getMessage().split("\n")[0], reservedAddressProtected.description);
    assert.deepEqual((await analyze(true)).getDiagnosticsList(), []);
  });
});
