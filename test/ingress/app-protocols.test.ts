import { strict as assert } from "node:assert";
import { readAppProtocols } from "../../lib/ingress/app-protocols";
import { translate } from "../../lib/translate/translate";
import { ingress, nodePortService } from "../translate/fixtures";

const service = (annotations: Record<string, string>) =>
  nodePortService("api", "default", {
    ports: [
      { name: "https", port: 443, targetPort: 8443 },
      { name: "grpc", port: 50051, targetPort: 50051 },
      { name: "http", port: 80, targetPort: 8080 },
    ],
    annotations,
  });

describe("app-protocols: what a backend service speaks to the Pods", () => {
  it("reads the annotation by port name, and the alpha key when the current one is absent", () => {
    const current = readAppProtocols(
      service({ "cloud.google.com/app-protocols": '{"https":"HTTPS","grpc":"HTTP2"}' }),
    );
    assert.deepEqual(
      [...current],
      [
        ["https", "HTTPS"],
        ["grpc", "HTTP2"],
      ],
    );
    const alpha = readAppProtocols(
      service({ "service.alpha.kubernetes.io/app-protocols": '{"https":"HTTPS"}' }),
    );
    assert.deepEqual([...alpha], [["https", "HTTPS"]]);
    assert.equal(readAppProtocols(service({})).size, 0);
  });

  const refusals: [string, string, RegExp][] = [
    ["not JSON", "{https: HTTPS}", /app-protocols"\]: is not JSON/],
    [
      "a port number instead of a name",
      '{"443":"HTTPS"}',
      /names port "443", which the Service does not have/,
    ],
    [
      "gRPC, which GCP serves over HTTP2",
      '{"grpc":"GRPC"}',
      /protocol "GRPC" \(gRPC is served over HTTP2: write HTTP2\)/,
    ],
    ["a misspelt port name", '{"htps":"HTTPS"}', /names port "htps".*\(did you mean "https"\?\)/],
  ];
  for (const [title, value, expected] of refusals) {
    it(`refuses ${title}`, () =>
      assert.throws(() => readAppProtocols(service({ "cloud.google.com/app-protocols": value })), expected));
  }

  it("gives the backend service the protocol and the health check the same type, per port", () => {
    const model = translate({
      name: "lb",
      ingresses: [
        ingress([
          {
            paths: [
              ["/secure", "Prefix", "api", 443],
              ["/rpc", "Prefix", "api", 50051],
              ["/plain", "Prefix", "api", 80],
            ],
          },
        ]),
      ],
      services: [service({ "cloud.google.com/app-protocols": '{"https":"HTTPS","grpc":"HTTP2"}' })],
    });
    const byPort = Object.fromEntries(
      model.backends
        .filter((b) => !b.builtinDefault)
        .map((b) => [b.servicePort, [b.protocol, b.healthCheck.type]]),
    );
    assert.deepEqual(byPort, {
      443: ["HTTPS", "HTTPS"],
      50051: ["HTTP2", "HTTP2"],
      80: [undefined, undefined],
    });
  });
});
