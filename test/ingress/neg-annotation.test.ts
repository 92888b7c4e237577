import * as assert from "node:assert/strict";
import { parseManifests } from "../../lib/ingress/manifests";
import { normalizeService } from "../../lib/ingress/normalize";
import { NegStatusPort, readNegStatus } from "../../lib/ingress/neg-annotation";
import { ServiceInfo } from "../../lib/ingress/types";
import { expectInputError } from "./expect-input-error";

/** A two-port ClusterIP Service carrying `annotation` as its `cloud.google.com/neg`, read as the CLI does. */
function serviceWith(annotation: string): ServiceInfo {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    cloud.google.com/neg: '${annotation}'
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: 8080}
    - {name: admin, port: 9090}
`;
  const m = parseManifests(text, "svc.yaml").services[0];
  return normalizeService(m.object, m.origin, m.lineOf);
}

describe("cloud.google.com/neg, read once on the normalized Service", () => {
  const accepted: [string, string, { ingress: boolean; exposed: [number, string | undefined][] }][] = [
    ["ingress only", '{"ingress": true}', { ingress: true, exposed: [] }],
    ["ingress off", '{"ingress": false}', { ingress: false, exposed: [] }],
    [
      "exposed ports, unnamed",
      '{"exposed_ports": {"80": {}}}',
      { ingress: false, exposed: [[80, undefined]] },
    ],
    [
      "exposed ports with names, beside ingress",
      '{"ingress": true, "exposed_ports": {"80": {"name": "web-neg"}, "9090": {"name": "admin-neg"}}}',
      {
        ingress: true,
        exposed: [
          [80, "web-neg"],
          [9090, "admin-neg"],
        ],
      },
    ],
    [
      "keys GKE ignores are kept as written",
      '{"ingress": true, "zones": ["*"]}',
      { ingress: true, exposed: [] },
    ],
  ];
  for (const [what, annotation, want] of accepted) {
    it(`reads ${what}`, () => {
      const neg = serviceWith(annotation).neg;
      assert.ok(neg);
      assert.equal(neg.ingress, want.ingress);
      assert.deepEqual(
        [...neg.exposedPorts].map(([port, attrs]) => [port, attrs.name]),
        want.exposed,
      );
      assert.deepEqual(neg.written, JSON.parse(annotation));
    });
  }

  it("leaves a Service without the annotation without one", () => {
    const m = parseManifests(
      "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n",
      "svc.yaml",
    ).services[0];
    assert.equal(normalizeService(m.object, m.origin, m.lineOf).neg, undefined);
  });

  const refused: [string, string, string, string?][] = [
    ["malformed JSON", '{"ingress": true', "is not JSON", '{"ingress": true}'],
    ["not an object", '["ingress"]', "must be a JSON object"],
    ["ingress as a string", '{"ingress": "true"}', '"ingress" must be true or false'],
    ["exposed_ports as a list", '{"exposed_ports": [80]}', '"exposed_ports" must be an object'],
    ["a port the Service does not have", '{"exposed_ports": {"8080": {}}}', 'names port "8080"', "80"],
    ["a port entry that is not an object", '{"exposed_ports": {"80": "web"}}', "must be an object"],
    [
      "a NEG name GCP refuses",
      '{"exposed_ports": {"80": {"name": "Web_NEG"}}}',
      'the NEG name "Web_NEG" of port 80 is not a valid GCP name',
      'did you mean "web-neg"?',
    ],
    [
      "one name for two ports",
      '{"exposed_ports": {"80": {"name": "web"}, "9090": {"name": "web"}}}',
      'ports 80 and 9090 ask for the same NEG name "web"',
    ],
  ];
  for (const [what, annotation, problem, hint] of refused) {
    it(`refuses ${what} in one line at the annotation`, () => {
      const err = expectInputError(() => serviceWith(annotation), {
        file: "svc.yaml",
        line: 6,
        object: "Service/default/web",
        field: 'metadata.annotations["cloud.google.com/neg"]',
        problem,
        ...(hint ? { hint } : {}),
      });
      assert.ok(!err.message.includes("\n"));
    });
  }
});

describe("the NEG controller's status of a Service read from the cluster", () => {
  const status = JSON.stringify({
    network_endpoint_groups: { "80": "k8s1-abc-default-web-80-x", "9090": "k8s1-abc-default-web-9090-y" },
    zones: ["europe-west1-b", "europe-west1-c"],
  });
  const cases: { what: string; value: string | undefined; port: number; want: NegStatusPort | RegExp }[] = [
    {
      what: "gives the NEG of the port and every zone",
      value: status,
      port: 80,
      want: { name: "k8s1-abc-default-web-80-x", zones: ["europe-west1-b", "europe-west1-c"] },
    },
    {
      what: "another port, another NEG",
      value: status,
      port: 9090,
      want: { name: "k8s1-abc-default-web-9090-y", zones: ["europe-west1-b", "europe-west1-c"] },
    },
    {
      what: "no status: the NEG controller never served it",
      value: undefined,
      port: 80,
      want: /default\/web .*has no cloud.google.com\/neg-status annotation/,
    },
    { what: "a port the status does not list", value: status, port: 443, want: /has no NEG for port 443/ },
    { what: "not JSON", value: "{", port: 80, want: /not JSON/ },
    {
      what: "no zone",
      value: JSON.stringify({ network_endpoint_groups: { "80": "n" }, zones: [] }),
      port: 80,
      want: /lists no zone/,
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      if (c.want instanceof RegExp) {
        assert.throws(() => readNegStatus(c.value, "default/web", c.port), c.want);
      } else {
        assert.deepEqual(readNegStatus(c.value, "default/web", c.port), c.want);
      }
    });
  }
});
