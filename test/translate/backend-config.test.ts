import { strict as assert } from "assert";
import {
  backendConfigNameFor,
  findBackendConfig,
  readBackendConfig,
  readBackendConfigRefs,
  readOAuthClient,
} from "../../lib/ingress/backend-config";
import { parseManifests } from "../../lib/ingress/manifests";
import { expectInputError } from "../ingress/expect-input-error";
import { nodePortService } from "./fixtures";

const ANNOTATION_FIELD = 'metadata.annotations["cloud.google.com/backend-config"]';

/** A BackendConfig manifest with `spec` (YAML lines indented by two), read as from a file. */
function config(spec: string, name = "cfg", namespace = "default") {
  const yaml = `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec}`;
  const [m] = parseManifests(yaml, "backend-config.yaml").backendConfigs;
  return readBackendConfig(m.object, m.origin, m.lineOf);
}

function service(annotation: string | undefined, namespace = "default") {
  return nodePortService("web", namespace, {
    ports: [
      { name: "http", port: 80, targetPort: 8080 },
      { name: "admin", port: 9000, targetPort: 9000 },
    ],
    annotations: annotation === undefined ? {} : { "cloud.google.com/backend-config": annotation },
  });
}

describe("BackendConfig manifests", () => {
  it("reads every field GKE documents into typed options", () => {
    const info = config(`  timeoutSec: 40
  connectionDraining: {drainingTimeoutSec: 30}
  sessionAffinity: {affinityType: GENERATED_COOKIE, affinityCookieTtlSec: 50}
  cdn:
    enabled: true
    cacheMode: FORCE_CACHE_ALL
    defaultTtl: 10
    clientTtl: 5
    cachePolicy: {includeHost: true, queryStringBlacklist: [utm]}
    negativeCaching: true
    negativeCachingPolicy: [{code: 404, ttl: 30}]
    requestCoalescing: false
    serveWhileStale: 0
    signedUrlCacheMaxAgeSec: 100
    bypassCacheOnRequestHeaders: [{headerName: Pragma}]
  iap: {enabled: false, oauthclientCredentials: {secretName: oauth}}
  securityPolicy: {name: armor}
  customRequestHeaders: {headers: ["A: 1"]}
  customResponseHeaders: {headers: ["B: 2"]}
  logging: {enable: true, sampleRate: 0.1}
  healthCheck: {checkIntervalSec: 15, timeoutSec: 15, healthyThreshold: 1, unhealthyThreshold: 2, type: HTTP2, requestPath: /hc, port: 30100}`);
    assert.equal(info.name, "cfg");
    assert.equal(info.origin.object, "BackendConfig/default/cfg");
    assert.deepEqual(info.options, {
      timeoutSec: 40,
      connectionDraining: { drainingTimeoutSec: 30 },
      sessionAffinity: { affinityType: "GENERATED_COOKIE", affinityCookieTtlSec: 50 },
      cdn: {
        enabled: true,
        cacheMode: "FORCE_CACHE_ALL",
        defaultTtl: 10,
        clientTtl: 5,
        serveWhileStale: 0,
        signedUrlCacheMaxAgeSec: 100,
        negativeCaching: true,
        requestCoalescing: false,
        cachePolicy: { includeHost: true, queryStringBlacklist: ["utm"] },
        negativeCachingPolicy: [{ code: 404, ttl: 30 }],
        bypassCacheOnRequestHeaders: [{ headerName: "Pragma" }],
      },
      iap: { enabled: false, oauthclientCredentials: { secretName: "oauth" } },
      securityPolicy: { name: "armor" },
      customRequestHeaders: { headers: ["A: 1"] },
      customResponseHeaders: { headers: ["B: 2"] },
      logging: { enable: true, sampleRate: 0.1 },
      healthCheck: {
        checkIntervalSec: 15,
        timeoutSec: 15,
        healthyThreshold: 1,
        unhealthyThreshold: 2,
        type: "HTTP2",
        requestPath: "/hc",
        port: 30100,
      },
    });
  });

  const bad: { what: string; spec: string; field: string; line: number; text: string }[] = [
    {
      what: "a misspelt field, with the nearest one",
      spec: "  timeoutSecs: 10",
      field: "spec.timeoutSecs",
      line: 7,
      text: 'did you mean "timeoutSec"?',
    },
    {
      what: "a misspelt nested field",
      spec: "  cdn:\n    enabled: true\n    cachemode: CACHE_ALL_STATIC",
      field: "spec.cdn.cachemode",
      line: 9,
      text: 'did you mean "cacheMode"?',
    },
    {
      what: "a quoted number",
      spec: '  timeoutSec: "10"',
      field: "spec.timeoutSec",
      line: 7,
      text: "without quotes",
    },
    {
      what: "a quoted boolean",
      spec: '  logging: {enable: "true"}',
      field: "spec.logging.enable",
      line: 7,
      text: "must be true or false",
    },
    {
      what: "an affinity GKE does not offer in a BackendConfig",
      spec: "  sessionAffinity: {affinityType: HTTP_COOKIE}",
      field: "spec.sessionAffinity.affinityType",
      line: 7,
      text: "unknown value",
    },
    {
      what: "an OAuth client secret written in clear",
      spec: "  iap:\n    enabled: true\n    oauthclientCredentials: {clientSecret: shh}",
      field: "spec.iap.oauthclientCredentials.clientSecret",
      line: 9,
      text: "keep the OAuth client in a Secret",
    },
    {
      what: "signed URL keys, which are not supported",
      spec: "  cdn:\n    enabled: true\n    signedUrlKeys: []",
      field: "spec.cdn.signedUrlKeys",
      line: 9,
      text: "not supported",
    },
  ];
  for (const c of bad) {
    it(`refuses ${c.what}, naming the object, field and line`, () => {
      const error = expectInputError(() => config(c.spec), {
        file: "backend-config.yaml",
        object: "BackendConfig/default/cfg",
        field: c.field,
        line: c.line,
      });
      assert.ok(error.message.includes(c.text), error.message);
    });
  }
});

describe("the cloud.google.com/backend-config annotation", () => {
  it("a port named and numbered in the annotation takes the BackendConfig of its name, as GKE does", () => {
    const refs = readBackendConfigRefs(service('{"ports": {"80": "by-number", "http": "by-name"}}'));
    assert.ok(refs);
    const [http] = service(undefined).ports;
    assert.equal(http.port, 80);
    assert.equal(backendConfigNameFor(refs, http), "by-name");
  });

  it("reads a default and per-port names: name, then number, then default (GKE's order)", () => {
    const refs = readBackendConfigRefs(
      service('{"default": "all", "ports": {"9000": "by-number", "http": "by-name"}}'),
    );
    assert.ok(refs);
    const [http, admin] = service(undefined).ports;
    assert.equal(backendConfigNameFor(refs, http), "by-name");
    assert.equal(backendConfigNameFor(refs, admin), "by-number");
    const onlyDefault = readBackendConfigRefs(service('{"default": "all"}'));
    assert.ok(onlyDefault);
    assert.equal(backendConfigNameFor(onlyDefault, admin), "all");
  });

  it("falls back to the beta annotation, and is absent without either", () => {
    assert.equal(readBackendConfigRefs(service(undefined)), undefined);
    const beta = nodePortService("web", "default", {
      annotations: { "beta.cloud.google.com/backend-config": '{"default": "old"}' },
    });
    assert.equal(readBackendConfigRefs(beta)?.default, "old");
  });

  const malformed: { what: string; value: string; text: string }[] = [
    { what: "malformed JSON", value: '{"default": web}', text: "malformed JSON" },
    { what: "a JSON list", value: '["web"]', text: "must be a JSON object" },
    { what: "a misspelt key", value: '{"defualt": "web"}', text: 'did you mean "default"?' },
    {
      what: "a port the Service lacks",
      value: '{"ports": {"8080": "web"}}',
      text: "which the Service does not have",
    },
    { what: "a name that is not a string", value: '{"default": 3}', text: "must name a BackendConfig" },
    { what: "no name at all", value: '{"ports": {}}', text: "names no BackendConfig" },
  ];
  for (const c of malformed) {
    it(`refuses ${c.what}, naming the Service and the annotation`, () => {
      const error = expectInputError(() => readBackendConfigRefs(service(c.value)), {
        object: "Service/default/web",
        field: ANNOTATION_FIELD,
      });
      assert.ok(error.message.includes(c.text), error.message);
    });
  }

  it("an unknown BackendConfig name is an error with the nearest name in the namespace", () => {
    const svc = service('{"default": "web-cofig"}');
    const refs = readBackendConfigRefs(svc)!;
    const configs = [config("  timeoutSec: 10", "web-config"), config("  timeoutSec: 10", "api-config")];
    const error = expectInputError(() => findBackendConfig("web-cofig", svc, refs, configs), {
      object: "Service/default/web",
      field: ANNOTATION_FIELD,
      hint: 'did you mean "web-config"?',
    });
    assert.match(error.message, /BackendConfig "web-cofig"/);
  });

  it("a BackendConfig of another namespace is not used, and the hint says so", () => {
    const svc = service('{"default": "web-config"}', "shop");
    const refs = readBackendConfigRefs(svc)!;
    expectInputError(
      () => findBackendConfig("web-config", svc, refs, [config("  timeoutSec: 10", "web-config")]),
      {
        field: ANNOTATION_FIELD,
        hint: 'exists in namespace "default"',
      },
    );
  });
});

describe("IAP OAuth client Secrets", () => {
  const iap = () => config("  iap:\n    enabled: true\n    oauthclientCredentials: {secretName: oauth}");
  const secret = (data: string) =>
    parseManifests(`apiVersion: v1\nkind: Secret\nmetadata: {name: oauth}\n${data}`, "secret.yaml").secrets;

  it("reads client_id and client_secret from data (base64) or stringData", () => {
    const fromData = secret(
      `data: {client_id: ${Buffer.from("id-1").toString("base64")}, client_secret: ${Buffer.from("s-1").toString("base64")}}`,
    );
    assert.deepEqual(readOAuthClient(iap(), fromData), { clientId: "id-1", clientSecret: "s-1" });
    const fromStringData = secret("stringData: {client_id: id-2, client_secret: s-2}");
    assert.deepEqual(readOAuthClient(iap(), fromStringData), { clientId: "id-2", clientSecret: "s-2" });
  });

  it("refuses a Secret without client_secret, naming the Secret's field and never the value", () => {
    const error = expectInputError(
      () => readOAuthClient(iap(), secret("stringData: {client_id: visible-id}")),
      {
        object: "Secret/default/oauth",
        field: "data.client_secret",
      },
    );
    assert.ok(!error.message.includes("visible-id"));
  });

  it("needs nothing when IAP is off or uses Google's managed OAuth client", () => {
    assert.equal(readOAuthClient(config("  iap: {enabled: true}"), []), undefined);
    assert.equal(
      readOAuthClient(config("  iap: {enabled: false, oauthclientCredentials: {secretName: x}}"), []),
      undefined,
    );
  });
});
