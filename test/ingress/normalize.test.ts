import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Origin } from "../../lib/errors";
import { loadManifests, Manifest, parseManifests } from "../../lib/ingress/manifests";
import { normalizeIngress, normalizeService } from "../../lib/ingress/normalize";
import { IngressPath, NormalizedIngress, ServiceInfo } from "../../lib/ingress/types";
import { expectInputError } from "./expect-input-error";

const SEED = path.resolve(__dirname, "../fixtures/seed");
const FIXTURES = path.resolve(__dirname, "../fixtures/manifests");

const ingressOf = (m: Manifest) => normalizeIngress(m.object, m.origin, m.lineOf);
const serviceOf = (m: Manifest) => normalizeService(m.object, m.origin, m.lineOf);

/** The Ingress of a one-object YAML text, normalized as the CLI does. */
function ingressFromYaml(text: string, file = "ing.yaml"): NormalizedIngress {
  return ingressOf(parseManifests(text, file).ingresses[0]);
}

function serviceFromYaml(text: string, file = "svc.yaml"): ServiceInfo {
  return serviceOf(parseManifests(text, file).services[0]);
}

/** A manifest text the normalizer must refuse, and where and why the error must say it fails. */
interface RefusalCase {
  name: string;
  text: string;
  line: number;
  field: string;
  hint?: string;
  problem?: string;
}

/** One test per case: parsing `c.text` as `file` throws an InputError naming `object` and the case's field. */
function refuseEach(
  cases: RefusalCase[],
  parse: (text: string) => unknown,
  file: string,
  object: string,
): void {
  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      expectInputError(() => parse(c.text), {
        file,
        line: c.line,
        object,
        field: c.field,
        ...(c.hint !== undefined ? { hint: c.hint } : {}),
        ...(c.problem !== undefined ? { problem: c.problem } : {}),
      });
    });
  }
}

/** The seed's two paths, `/users/*` and `/products/*`, starting at `line` (the first `- path:`). */
function seedPaths(base: Origin, line: number): IngressPath[] {
  const entry = (i: number, pathText: string, service: string, at: number): IngressPath => ({
    path: pathText,
    pathType: "ImplementationSpecific",
    backend: {
      service,
      port: 80,
      origin: { ...base, field: `spec.rules[0].http.paths[${i}].backend`, line: at + 1 },
      serviceOrigin: { ...base, field: `spec.rules[0].http.paths[${i}].backend.serviceName`, line: at + 2 },
      portOrigin: { ...base, field: `spec.rules[0].http.paths[${i}].backend.servicePort`, line: at + 3 },
    },
    origin: { ...base, field: `spec.rules[0].http.paths[${i}].path`, line: at },
  });
  return [
    entry(0, "/users/*", "users-node-svc", line),
    entry(1, "/products/*", "products-node-svc", line + 4),
  ];
}

describe("normalizeIngress", () => {
  describe("the seed's extensions/v1beta1 Ingresses", () => {
    const set = loadManifests([SEED]);
    const byName = (name: string) => ingressOf(set.ingresses.find((m) => m.name === name)!);
    const originOf = (file: string, name: string): Origin => ({
      file: path.join(SEED, file),
      line: 1,
      object: `Ingress/default/${name}`,
    });

    it("hello-ingress: one rule without host, two paths, no default backend", () => {
      const origin = originOf("hello-ingress.yaml", "hello-ingress");
      assert.deepEqual(byName("hello-ingress"), {
        name: "hello-ingress",
        namespace: "default",
        annotations: {},
        rules: [{ paths: seedPaths(origin, 9), origin: { ...origin, field: "spec.rules[0]", line: 7 } }],
        tls: [],
        origin,
      });
    });

    it("hello-ingress-staticip: keeps the static IP annotation", () => {
      const origin = originOf("hello-ingress-staticip.yaml", "hello-ingress-staticip");
      assert.deepEqual(byName("hello-ingress-staticip"), {
        name: "hello-ingress-staticip",
        namespace: "default",
        annotations: { "kubernetes.io/ingress.global-static-ip-name": "hello-ingress-ip" },
        rules: [{ paths: seedPaths(origin, 11), origin: { ...origin, field: "spec.rules[0]", line: 9 } }],
        tls: [],
        origin,
      });
    });

    it("hello-ingress-tls: a TLS entry with a secret and no hosts", () => {
      const origin = originOf("hello-ingress-tls.yaml", "hello-ingress-tls");
      assert.deepEqual(byName("hello-ingress-tls"), {
        name: "hello-ingress-tls",
        namespace: "default",
        annotations: {},
        rules: [{ paths: seedPaths(origin, 11), origin: { ...origin, field: "spec.rules[0]", line: 9 } }],
        tls: [
          {
            hosts: [],
            secretName: "hello-ingress-secret",
            origin: { ...origin, field: "spec.tls[0].secretName", line: 7 },
          },
        ],
        origin,
      });
    });
  });

  describe("networking.k8s.io/v1", () => {
    it("reads Exact and Prefix paths, a wildcard host, a default backend and ports by name and number", () => {
      const file = path.join(FIXTURES, "shop", "ingress.yaml");
      const origin: Origin = { file, line: 2, object: "Ingress/store/shop" };
      const at = (field: string, line: number): Origin => ({ ...origin, field, line });
      const p = (r: number, i: number) => `spec.rules[${r}].http.paths[${i}]`;
      assert.deepEqual(ingressOf(loadManifests([file]).ingresses[0]), {
        name: "shop",
        namespace: "store",
        annotations: {
          "kubernetes.io/ingress.global-static-ip-name": "shop-ip",
          "kubernetes.io/ingress.allow-http": "false",
        },
        defaultBackend: {
          service: "web",
          port: "http",
          origin: at("spec.defaultBackend", 11),
          serviceOrigin: at("spec.defaultBackend.service.name", 13),
          portOrigin: at("spec.defaultBackend.service.port.name", 15),
        },
        rules: [
          {
            host: "shop.example.com",
            paths: [
              {
                path: "/cart",
                pathType: "Exact",
                backend: {
                  service: "cart",
                  port: 8080,
                  origin: at(`${p(0, 0)}.backend`, 27),
                  serviceOrigin: at(`${p(0, 0)}.backend.service.name`, 29),
                  portOrigin: at(`${p(0, 0)}.backend.service.port.number`, 31),
                },
                origin: at(`${p(0, 0)}.path`, 25),
              },
              {
                path: "/",
                pathType: "Prefix",
                backend: {
                  service: "web",
                  port: "http",
                  origin: at(`${p(0, 1)}.backend`, 34),
                  serviceOrigin: at(`${p(0, 1)}.backend.service.name`, 36),
                  portOrigin: at(`${p(0, 1)}.backend.service.port.name`, 38),
                },
                origin: at(`${p(0, 1)}.path`, 32),
              },
            ],
            origin: at("spec.rules[0].host", 22),
          },
          {
            host: "*.shop.example.com",
            paths: [
              {
                path: "/static/*",
                pathType: "ImplementationSpecific",
                backend: {
                  service: "web",
                  port: 80,
                  origin: at(`${p(1, 0)}.backend`, 44),
                  serviceOrigin: at(`${p(1, 0)}.backend.service.name`, 46),
                  portOrigin: at(`${p(1, 0)}.backend.service.port.number`, 48),
                },
                origin: at(`${p(1, 0)}.path`, 42),
              },
            ],
            origin: at("spec.rules[1].host", 39),
          },
          // A host without http is valid Kubernetes that routes nothing.
          { host: "status.shop.example.com", paths: [], origin: at("spec.rules[2].host", 49) },
        ],
        tls: [
          {
            hosts: ["shop.example.com", "*.shop.example.com"],
            secretName: "shop-tls",
            origin: at("spec.tls[0].secretName", 20),
          },
        ],
        origin,
      });
    });

    it("treats an absent path as empty and an empty host as none", () => {
      const ing = ingressFromYaml(
        [
          "apiVersion: networking.k8s.io/v1",
          "kind: Ingress",
          "metadata: {name: web}",
          "spec:",
          "  rules:",
          '    - host: ""',
          "      http:",
          "        paths:",
          "          - pathType: ImplementationSpecific",
          "            backend: {service: {name: web, port: {number: 80}}}",
        ].join("\n"),
      );
      assert.equal(ing.rules[0].host, undefined);
      assert.equal(ing.rules[0].paths[0].path, "");
      assert.equal(ing.rules[0].paths[0].pathType, "ImplementationSpecific");
    });

    it("refuses a v1 path without pathType, as the API server does", () => {
      assert.throws(
        () =>
          ingressFromYaml(
            [
              "apiVersion: networking.k8s.io/v1",
              "kind: Ingress",
              "metadata: {name: web}",
              "spec:",
              "  rules:",
              "    - http:",
              "        paths:",
              "          - path: /",
              "            backend: {service: {name: web, port: {number: 80}}}",
            ].join("\n"),
          ),
        /ing\.yaml:8: Ingress\/default\/web: spec\.rules\[0\]\.http\.paths\[0\]\.pathType: networking\.k8s\.io\/v1 requires a pathType \(one of Exact, Prefix, ImplementationSpecific\)/,
      );
    });

    it("refuses a rule whose http lists no path, and an Ingress name the API server refuses", () => {
      const ingress = (name: string, paths: string) =>
        ingressFromYaml(
          `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}}\nspec:\n  rules:\n    - http: {paths: ${paths}}\n`,
        );
      assert.throws(
        () => ingress("web", "[]"),
        /spec\.rules\[0\]\.http\.paths: must list at least one path \(remove spec\.rules\[0\]\.http, or add a path\)/,
      );
      assert.throws(
        () => ingress('"Bad_Ingress!"', "[]"),
        /metadata\.name: Ingress name "Bad_Ingress!" must be lowercase letters, digits, '-' and '\.'.*for example "bad-ingress"/,
      );
    });

    it("reads an Ingress given as a plain object, without a file", () => {
      const ing = normalizeIngress({
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "web", namespace: "prod" },
        spec: { defaultBackend: { service: { name: "web", port: { number: 8080 } } } },
      });
      assert.deepEqual(ing.defaultBackend, {
        service: "web",
        port: 8080,
        origin: { object: "Ingress/prod/web", field: "spec.defaultBackend" },
        serviceOrigin: { object: "Ingress/prod/web", field: "spec.defaultBackend.service.name" },
        portOrigin: { object: "Ingress/prod/web", field: "spec.defaultBackend.service.port.number" },
      });
      assert.deepEqual(ing.rules, []);
    });
  });

  describe("the v1beta1 dialects", () => {
    it("reads spec.backend with a named servicePort, and a pathType when given", () => {
      const ing = ingressFromYaml(
        [
          "apiVersion: networking.k8s.io/v1beta1",
          "kind: Ingress",
          "metadata: {name: web}",
          "spec:",
          "  backend:",
          "    serviceName: web",
          "    servicePort: http",
          "  rules:",
          "    - http:",
          "        paths:",
          "          - path: /api",
          "            pathType: Prefix",
          "            backend: {serviceName: api, servicePort: 8080}",
        ].join("\n"),
      );
      assert.deepEqual(ing.defaultBackend, {
        service: "web",
        port: "http",
        origin: { file: "ing.yaml", line: 5, object: "Ingress/default/web", field: "spec.backend" },
        serviceOrigin: {
          file: "ing.yaml",
          line: 6,
          object: "Ingress/default/web",
          field: "spec.backend.serviceName",
        },
        portOrigin: {
          file: "ing.yaml",
          line: 7,
          object: "Ingress/default/web",
          field: "spec.backend.servicePort",
        },
      });
      assert.equal(ing.rules[0].paths[0].pathType, "Prefix");
      assert.equal(ing.rules[0].paths[0].backend.port, 8080);
    });
  });

  describe("errors name the file, line, object and exact field", () => {
    const v1 = (pathLines: string[]) =>
      [
        "apiVersion: networking.k8s.io/v1",
        "kind: Ingress",
        "metadata:",
        "  name: web",
        "spec:",
        "  rules:",
        "    - http:",
        "        paths:",
        "          - path: /a",
        "            pathType: Exact",
        "            backend: {service: {name: a, port: {number: 80}}}",
        ...pathLines,
      ].join("\n");
    const beta = (backendLines: string[]) =>
      [
        "apiVersion: extensions/v1beta1",
        "kind: Ingress",
        "metadata:",
        "  name: web",
        "spec:",
        "  rules:",
        "    - http:",
        "        paths:",
        "          - path: /a",
        "            backend:",
        ...backendLines,
      ].join("\n");
    const p1 = "spec.rules[0].http.paths[1]";
    const cases: RefusalCase[] = [
      {
        name: "a misspelt pathType, with the nearest valid one",
        text: v1([
          "          - path: /b",
          "            pathType: prefix",
          "            backend: {service: {name: b, port: {number: 80}}}",
        ]),
        line: 13,
        field: `${p1}.pathType`,
        hint: 'did you mean "Prefix"?',
      },
      {
        name: "an unknown pathType, listing the valid ones",
        text: v1([
          "          - path: /b",
          "            pathType: Regex",
          "            backend: {service: {name: b, port: {number: 80}}}",
        ]),
        line: 13,
        field: `${p1}.pathType`,
        hint: "expected one of Exact, Prefix, ImplementationSpecific",
      },
      {
        name: "a path without backend",
        text: v1(["          - path: /b", "            pathType: Exact"]),
        line: 12,
        field: `${p1}.backend`,
        problem: "missing backend",
      },
      {
        name: "a resource backend, which GCE cannot serve",
        text: v1([
          "          - path: /b",
          "            pathType: Exact",
          "            backend:",
          "              resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}",
        ]),
        line: 15,
        field: `${p1}.backend.resource`,
        problem: "resource backends are not supported",
      },
      {
        name: "a backend without service name",
        text: v1([
          "          - path: /b",
          "            pathType: Exact",
          "            backend:",
          "              service:",
          "                port: {number: 80}",
        ]),
        line: 15,
        field: `${p1}.backend.service.name`,
        problem: "missing service name",
      },
      {
        name: "a port with both number and name",
        text: v1([
          "          - path: /b",
          "            pathType: Exact",
          "            backend:",
          "              service:",
          "                name: b",
          "                port: {number: 80, name: http}",
        ]),
        line: 17,
        field: `${p1}.backend.service.port`,
        hint: "set only one of them",
      },
      {
        name: "a backend without port",
        text: v1([
          "          - path: /b",
          "            pathType: Exact",
          "            backend:",
          "              service:",
          "                name: b",
        ]),
        line: 15,
        field: `${p1}.backend.service.port`,
        hint: "set port.number or port.name",
      },
      {
        name: "a port number out of range",
        text: v1([
          "          - path: /b",
          "            pathType: Exact",
          "            backend:",
          "              service:",
          "                name: b",
          "                port:",
          "                  number: 70000",
        ]),
        line: 18,
        field: `${p1}.backend.service.port.number`,
        problem: "70000 is out of range 1-65535",
      },
      {
        name: "port number 0",
        text: v1(["          - path: /b", "            backend: {service: {name: b, port: {number: 0}}}"]),
        line: 13,
        field: `${p1}.backend.service.port.number`,
        problem: "0 is out of range 1-65535",
      },
      {
        name: "a quoted port number",
        text: v1(["          - path: /b", '            backend: {service: {name: b, port: {number: "80"}}}']),
        line: 13,
        field: `${p1}.backend.service.port.number`,
        hint: "write it without quotes: 80",
      },
      {
        name: "the v1beta1 backend form in a v1 Ingress",
        text: v1([
          "          - path: /b",
          "            backend:",
          "              serviceName: b",
          "              servicePort: 80",
        ]),
        line: 14,
        field: `${p1}.backend.serviceName`,
        hint: "networking.k8s.io/v1 writes backend: {service: {name, port: {number}}}",
      },
      {
        name: "a host that is not a string",
        text: v1(["    - host: [a.example.com]", "      http: {paths: []}"]),
        line: 12,
        field: "spec.rules[1].host",
        problem: "must be a string, found a list",
      },
      {
        name: "a host that is a number",
        text: v1(["    - host: 42"]),
        line: 12,
        field: "spec.rules[1].host",
        problem: "must be a string, found the number 42",
      },
      {
        name: "tls hosts that are not strings",
        text: v1(["  tls:", "    - hosts:", "        - 42"]),
        line: 14,
        field: "spec.tls[0].hosts[0]",
        problem: "must be a string",
      },
      {
        name: "an out-of-range servicePort in extensions/v1beta1",
        text: beta(["              serviceName: a", "              servicePort: 0"]),
        line: 12,
        field: "spec.rules[0].http.paths[0].backend.servicePort",
        problem: "0 is out of range 1-65535",
      },
      {
        name: "a quoted servicePort number in extensions/v1beta1",
        text: beta(["              serviceName: a", '              servicePort: "80"']),
        line: 12,
        field: "spec.rules[0].http.paths[0].backend.servicePort",
        hint: "write it without quotes: 80",
      },
      {
        name: "a missing serviceName in extensions/v1beta1",
        text: beta(["              servicePort: 80"]),
        line: 10,
        field: "spec.rules[0].http.paths[0].backend.serviceName",
        problem: "missing serviceName",
      },
      {
        name: "a missing servicePort in extensions/v1beta1",
        text: beta(["              serviceName: a"]),
        line: 10,
        field: "spec.rules[0].http.paths[0].backend.servicePort",
        problem: "missing servicePort",
      },
      {
        name: "the v1 backend form in extensions/v1beta1",
        text: beta(["              service: {name: a, port: {number: 80}}"]),
        line: 11,
        field: "spec.rules[0].http.paths[0].backend.service",
        hint: "this apiVersion writes backend: {serviceName, servicePort}",
      },
      {
        name: "spec.backend in a v1 Ingress",
        text: v1(["  backend: {serviceName: a, servicePort: 80}"]),
        line: 12,
        field: "spec.backend",
        hint: 'did you mean "spec.defaultBackend"?',
      },
      {
        name: "spec.defaultBackend in an extensions/v1beta1 Ingress",
        text: [
          "apiVersion: extensions/v1beta1",
          "kind: Ingress",
          "metadata: {name: web}",
          "spec:",
          "  defaultBackend: {service: {name: a, port: {number: 80}}}",
        ].join("\n"),
        line: 5,
        field: "spec.defaultBackend",
        hint: 'did you mean "spec.backend"?',
      },
      {
        name: "an Ingress with neither rules nor default backend",
        text: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  tls: []\n",
        line: 4,
        field: "spec",
        problem: "an Ingress needs spec.defaultBackend or spec.rules",
      },
    ];
    refuseEach(cases, ingressFromYaml, "ing.yaml", "Ingress/default/web");

    it("refuses an unknown Ingress apiVersion, naming the nearest supported one", () => {
      const ingress = {
        apiVersion: "extensions/v1",
        kind: "Ingress",
        metadata: { name: "web", namespace: "prod" },
        spec: {},
      };
      expectInputError(() => normalizeIngress(ingress, { file: "in-memory.json" }), {
        file: "in-memory.json",
        object: "Ingress/prod/web",
        field: "apiVersion",
        hint: 'did you mean "extensions/v1beta1"?',
      });
    });

    it("refuses an object that is not an Ingress", () => {
      const service = { apiVersion: "v1", kind: "Service", metadata: { name: "web" } };
      expectInputError(() => normalizeIngress(service), {
        object: "Service/default/web",
        field: "kind",
        problem: "expected an Ingress, found Service",
      });
    });
  });
});

describe("normalizeService", () => {
  it("reads the seed's NodePort Services with their selector", () => {
    const set = loadManifests([SEED]);
    const expected = (name: string, app: string, file: string): ServiceInfo => ({
      name,
      namespace: "default",
      type: "NodePort",
      ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }],
      annotations: {},
      selector: { app },
      origin: { file: path.join(SEED, file), line: 1, object: `Service/default/${name}` },
    });
    assert.deepEqual(set.services.map(serviceOf), [
      expected("products-node-svc", "products", "products-svc-nodeport.yaml"),
      expected("users-node-svc", "users", "users-svc-nodeport.yaml"),
    ]);
  });

  it("fills in the API server's defaults and keeps annotations, named target ports and nodePorts", () => {
    const file = path.join(FIXTURES, "shop", "services.yaml");
    const [web, cart] = loadManifests([file]).services.map(serviceOf);
    assert.deepEqual(web, {
      name: "web",
      namespace: "store",
      type: "NodePort",
      ports: [{ name: "http", port: 80, targetPort: "http-web", nodePort: 30080, protocol: "TCP" }],
      annotations: { "cloud.google.com/backend-config": '{"default": "web-backend"}' },
      selector: { app: "web" },
      origin: { file, line: 1, object: "Service/store/web" },
    });
    assert.deepEqual(cart, {
      name: "cart",
      namespace: "store",
      type: "ClusterIP",
      ports: [{ port: 8080, targetPort: 8080, protocol: "TCP" }],
      annotations: {},
      selector: { app: "cart" },
      origin: { file, line: 18, object: "Service/store/cart" },
    });
  });

  it("refuses a nodePort outside 30000-32767, the range GKE's API servers allocate from", () => {
    assert.throws(
      () =>
        serviceFromYaml(
          "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 8080\n",
        ),
      /spec\.ports\[0\]\.nodePort: nodePort 8080 is outside the cluster's default range 30000-32767/,
    );
  });

  it("refuses what the API server refuses of Service ports: unnamed when several, names, duplicates", () => {
    const service = (ports: string, name = "web") =>
      serviceFromYaml(`apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  ports: ${ports}\n`);
    assert.throws(
      () => service("[{port: 80}, {port: 81, name: b}]"),
      /spec\.ports\[0\]\.name: a Service with several ports must name each of them/,
    );
    assert.throws(
      () => service("[{port: 80, name: HTTP}]"),
      /spec\.ports\[0\]\.name: port name "HTTP" must be lowercase letters/,
    );
    assert.throws(
      () => service("[{port: 80, name: a}, {port: 81, name: a}]"),
      /spec\.ports\[1\]\.name: port name "a" is also spec\.ports\[0\]'s/,
    );
    assert.throws(
      () => service("[{port: 80, name: a}, {port: 80, name: b}]"),
      /spec\.ports\[1\]\.port: port 80\/TCP is also spec\.ports\[0\]'s/,
    );
    assert.throws(
      () => service("[{port: 80}]", "web.api"),
      /metadata\.name: Service name "web\.api" must be lowercase letters, digits and '-', starting with a letter.*for example "web-api"/,
    );
    assert.equal(service("[{port: 80, name: http}, {port: 80, name: dns, protocol: UDP}]").ports.length, 2);
  });

  it("accepts a headless Service without ports", () => {
    const svc = serviceFromYaml(
      "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n",
    );
    assert.deepEqual(svc.ports, []);
    assert.equal(svc.selector, undefined);
  });

  describe("errors name the file, line, object and exact field", () => {
    const svc = (specLines: string[]) =>
      ["apiVersion: v1", "kind: Service", "metadata:", "  name: web", "spec:", ...specLines].join("\n");
    const cases: RefusalCase[] = [
      {
        name: "a port out of range",
        text: svc(["  ports:", "    - port: 70000"]),
        line: 7,
        field: "spec.ports[0].port",
        problem: "70000 is out of range 1-65535",
      },
      {
        name: "a nodePort out of range",
        text: svc(["  type: NodePort", "  ports:", "    - port: 80", "      nodePort: 65536"]),
        line: 9,
        field: "spec.ports[0].nodePort",
        problem: "65536 is out of range 1-65535",
      },
      {
        name: "a missing ports list",
        text: svc(["  type: NodePort", "  selector: {app: web}"]),
        line: 5,
        field: "spec.ports",
        hint: "a Service needs at least one port",
      },
      {
        name: "a port entry without port",
        text: svc(["  ports:", "    - name: http", "      targetPort: 8080"]),
        line: 7,
        field: "spec.ports[0].port",
        problem: "missing port",
      },
      {
        name: "a misspelt type",
        text: svc(["  type: Nodeport", "  ports: [{port: 80}]"]),
        line: 6,
        field: "spec.type",
        hint: 'did you mean "NodePort"?',
      },
      {
        name: "a quoted targetPort number",
        text: svc(["  ports:", "    - port: 80", '      targetPort: "8080"']),
        line: 8,
        field: "spec.ports[0].targetPort",
        hint: "write it without quotes: 8080",
      },
      {
        name: "a misspelt protocol",
        text: svc(["  ports:", "    - port: 80", "      protocol: tcp"]),
        line: 8,
        field: "spec.ports[0].protocol",
        hint: 'did you mean "TCP"?',
      },
    ];
    refuseEach(cases, serviceFromYaml, "svc.yaml", "Service/default/web");
  });
});
