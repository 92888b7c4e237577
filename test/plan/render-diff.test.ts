import { strict as assert } from "node:assert";
import { PlanDiff, ResourceChange } from "../../lib/plan/diff";
import {
  DIFF_EXIT_CODES,
  diffExitCode,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
} from "../../lib/plan/render-diff";

const URN = "urn:pulumi:dev::ingress-glb::ingress-glb:index:LoadBalancer$";

function change(
  op: ResourceChange["op"],
  type: string,
  name: string,
  more: Partial<ResourceChange> = {},
): ResourceChange {
  return { op, urn: `${URN}${type}::${name}`, type, name, parent: null, properties: [], ...more };
}

function diffOf(resources: ResourceChange[], more: Partial<PlanDiff> = {}): PlanDiff {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, read: 0, discard: 0, unchanged: 7 };
  for (const resource of resources) summary[resource.op] += 1;
  return { summary, resources, routes: [], risks: [], warnings: { added: [], resolved: [] }, ...more };
}

const CERT = "gcp:compute/sSLCertificate:SSLCertificate";
const RULE = "gcp:compute/globalForwardingRule:GlobalForwardingRule";
const PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
const HC = "gcp:compute/healthCheck:HealthCheck";

/** A rotated certificate, a forwarding rule replaced delete-first, an update, a create and a delete. */
const SAMPLE = diffOf(
  [
    change("replace", CERT, "web-tls-bbbb2222", {
      properties: [{ path: "certificate", kind: "update", before: "PEM-OLD", after: "PEM-NEW" }],
      replaceMode: "create-before-delete",
      replaceCauses: ["certificate"],
      renamedFrom: `${URN}${CERT}::web-tls-aaaa1111`,
    }),
    change("update", PROXY, "web-https-proxy", {
      properties: [{ path: "sslCertificates[0]", kind: "update", before: "a-id", after: "b-id" }],
    }),
    change("replace", RULE, "web-https", {
      properties: [{ path: "portRange", kind: "update", before: "443", after: "8443" }],
      replaceMode: "delete-before-replace",
      replaceCauses: ["portRange"],
      cautions: [
        "deleted before its replacement exists (deleteBeforeReplace is set): expect a gap in service",
      ],
    }),
    change("create", HC, "orders-hc"),
    change("delete", HC, "legacy-hc"),
    change("update", "gcp:compute/backendService:BackendService", "users", {
      via: [{ path: "healthChecks", urn: `${URN}${HC}::users-hc` }],
    }),
  ],
  {
    routes: [
      {
        change: "moved",
        host: "*",
        path: "/users/*",
        before: { service: "users", namespace: "default", port: 80, backendService: "be1" },
        after: { service: "users-v2", namespace: "default", port: 8080, backendService: "be2" },
      },
      {
        change: "added",
        host: "shop.example.com",
        path: "/cart",
        after: { service: "cart", namespace: "shop", port: 80, backendService: "be3" },
      },
      {
        change: "removed",
        host: "*",
        path: "/old/*",
        before: { service: null, namespace: null, port: null, backendService: "be0" },
      },
    ],
    warnings: {
      added: [{ code: "certificate-expires-soon", message: "the certificate for a.com expires | soon" }],
      resolved: [{ code: "wildcard-host-depth", message: "gone" }],
    },
  },
);

describe("renderDiffText", () => {
  const text = renderDiffText(SAMPLE);
  const lines = text.split("\n");

  const expected: [string, RegExp][] = [
    [
      "a renamed replacement",
      /^ \+- replace +gcp:compute\/sSLCertificate:SSLCertificate {2}web-tls-bbbb2222 {2}\(create-before-delete, renamed from web-tls-aaaa1111\)$/,
    ],
    ["a replace cause", /^ +~ certificate: "PEM-OLD" => "PEM-NEW" {2}\(forces replacement\)$/],
    ["a delete-before-replace", /^ \+- replace .*web-https {2}\(delete-before-replace\)$/],
    ["a caution", /^ +! deleted before its replacement exists/],
    ["an update", /^ ~ {2}update +gcp:compute\/targetHttpsProxy:TargetHttpsProxy {2}web-https-proxy$/],
    ["an update's property", /^ +~ sslCertificates\[0\]: "a-id" => "b-id"$/],
    ["a propagated input", /^ +~ healthChecks: unknown until users-hc is replaced$/],
    ["a create", /^ \+ {2}create +gcp:compute\/healthCheck:HealthCheck {2}orders-hc$/],
    ["a delete", /^ - {2}delete +gcp:compute\/healthCheck:HealthCheck {2}legacy-hc$/],
    ["a moved route", /^ ~ {2}\* \/users\/\*: default\/users:80 -> default\/users-v2:8080$/],
    ["an added route", /^ \+ {2}shop\.example\.com \/cart -> shop\/cart:80$/],
    ["a removed route to the 404 backend", /^ - {2}\* \/old\/\* \(was 404 default backend\)$/],
    ["a new warning", /^ {2}certificate-expires-soon: the certificate for a\.com expires \| soon$/],
    ["a resolved warning", /^ {2}wildcard-host-depth: gone$/],
    ["the summary", /^Summary: \+- 2 to replace, - 1 to delete, ~ 2 to update, \+ 1 to create, 7 unchanged$/],
  ];
  for (const [what, pattern] of expected) {
    it(`shows ${what}`, () =>
      assert.ok(
        lines.some((line) => pattern.test(line)),
        `no line matches ${pattern}:\n${text}`,
      ));
  }

  it("says so when nothing changes", () => {
    assert.equal(renderDiffText(diffOf([])), "No changes (7 unchanged).\n");
  });

  it("shortens a long value such as a PEM, saying how long it is", () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${"A".repeat(900)}\n-----END CERTIFICATE-----\n`;
    const long = renderDiffText(
      diffOf([
        change("create", CERT, "x", { properties: [{ path: "certificate", kind: "add", after: pem }] }),
      ]),
    );
    const line = long.split("\n").find((candidate) => candidate.includes("+ certificate"));
    assert.ok(line && line.length < 120, line);
    assert.ok(line?.endsWith(`…" (${pem.length} chars)`), line);
  });
});

describe("renderDiffMarkdown", () => {
  const markdown = renderDiffMarkdown(SAMPLE);
  const lines = markdown.split("\n");

  it("starts with a summary line that puts replacements first", () => {
    assert.equal(lines[0], "### ingress-glb diff");
    assert.equal(lines[2], "**⚠️ 2 to replace** · 1 to delete · 2 to update · 1 to create · 7 unchanged");
  });

  it("flags every replacement in a warning block, with its order and causes", () => {
    assert.ok(lines.includes("> [!WARNING]"));
    assert.ok(lines.includes("> **2 resources are replaced.**"));
    assert.ok(
      lines.includes(
        "> - `web-tls-bbbb2222` (`SSLCertificate`): create-before-delete, renamed from `web-tls-aaaa1111`, because of `certificate`.",
      ),
      markdown,
    );
    assert.ok(
      lines.some((line) =>
        line.startsWith(
          "> - `web-https` (`GlobalForwardingRule`): delete-before-replace, because of `portRange`. deleted before",
        ),
      ),
      markdown,
    );
  });

  it("tables the changed resources, most disruptive first", () => {
    const header = lines.indexOf("| Op | Resource | Type | Changed | Replace cause |");
    assert.ok(header > 0, markdown);
    assert.deepEqual(lines.slice(header + 2, header + 8), [
      "| ⚠️ replaces (create-before-delete, renamed from `web-tls-aaaa1111`) | `web-tls-bbbb2222` | `SSLCertificate` | `certificate` | `certificate` |",
      "| ⚠️ replaces (delete-before-replace) | `web-https` | `GlobalForwardingRule` | `portRange` | `portRange` |",
      "| delete | `legacy-hc` | `HealthCheck` |  |  |",
      "| update | `web-https-proxy` | `TargetHttpsProxy` | `sslCertificates[0]` |  |",
      "| update | `users` | `BackendService` | `healthChecks` |  |",
      "| create | `orders-hc` | `HealthCheck` |  |  |",
    ]);
  });

  it("tables the routing changes", () => {
    const header = lines.indexOf("#### Routing changes");
    assert.ok(header > 0, markdown);
    assert.deepEqual(lines.slice(header + 2, header + 7), [
      "| Change | Host | Path | Before | After |",
      "|---|---|---|---|---|",
      "| moved | `*` | `/users/*` | default/users:80 | default/users-v2:8080 |",
      "| added | `shop.example.com` | `/cart` |  | shop/cart:80 |",
      "| removed | `*` | `/old/*` | 404 default backend |  |",
    ]);
  });

  it("lists new warnings, escaping table pipes, and leaves resolved ones out", () => {
    assert.ok(lines.includes("#### New warnings"));
    assert.ok(
      lines.includes("- `certificate-expires-soon`: the certificate for a.com expires \\| soon"),
      markdown,
    );
    assert.ok(!markdown.includes("wildcard-host-depth"));
  });

  it("keeps long property lists short", () => {
    const many = Array.from({ length: 8 }, (_, index) => ({ path: `p${index}`, kind: "add" as const }));
    const table = renderDiffMarkdown(diffOf([change("update", HC, "x", { properties: many })]));
    assert.match(table, /\| `p0`, `p1`, `p2`, `p3`, `p4`, \+3 more \|/);
  });

  it("says so when nothing changes, with no tables", () => {
    const quiet = renderDiffMarkdown(diffOf([]));
    assert.equal(quiet, "### ingress-glb diff\n\n**No changes** (7 unchanged).\n");
  });
});

describe("diff exit codes and JSON", () => {
  it("exits 0 without differences and 3 with any resource or routing difference", () => {
    assert.equal(diffExitCode(diffOf([])), DIFF_EXIT_CODES.same);
    assert.equal(diffExitCode(SAMPLE), DIFF_EXIT_CODES.different);
    const routeOnly = diffOf([], { routes: SAMPLE.routes.slice(0, 1) });
    assert.equal(diffExitCode(routeOnly), 3);
    assert.equal(DIFF_EXIT_CODES.badInput, 2);
  });

  it("does not count new warnings alone as a difference", () => {
    assert.equal(diffExitCode(diffOf([], { warnings: SAMPLE.warnings })), 0);
  });

  it("prints the PlanDiff itself as JSON", () => {
    assert.deepEqual(JSON.parse(renderDiffJson(SAMPLE)), SAMPLE);
  });
});

describe("serving risks in the output a reviewer reads", () => {
  const risky = diffOf([], {
    risks: [
      {
        kind: "address-released",
        urn: "urn:pulumi:dev::p::gcp:compute/globalAddress:GlobalAddress::web-ip",
        message:
          "the reserved address web-ip (203.0.113.7) is released: DNS records pointing at its IP stop reaching the load balancer",
      },
    ],
  });

  it("markdown: a CAUTION callout above the table, one line per risk", () => {
    const text = renderDiffMarkdown({ ...risky, resources: SAMPLE.resources, summary: SAMPLE.summary });
    assert.match(
      text,
      /> \[!CAUTION\]\n> \*\*This change interrupts or risks traffic\.\*\*\n> - `address-released`: the reserved address web-ip \(203\.0\.113\.7\) is released/,
    );
  });

  it("text: a Serving risks section", () => {
    const text = renderDiffText({ ...risky, resources: SAMPLE.resources, summary: SAMPLE.summary });
    assert.match(text, /\nServing risks:\n {2}! address-released: the reserved address web-ip/);
  });

  it("JSON: the risks array", () => {
    assert.deepEqual(JSON.parse(renderDiffJson(risky)).risks, risky.risks);
  });
});
