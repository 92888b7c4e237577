import { strict as assert } from "node:assert";
import {
  REPLACE_RULES,
  fixedNamePath,
  forcesReplacement,
  isAtOrBelow,
  replaceCauses,
  replaceRuleFor,
} from "../../lib/plan/replace-properties";
import { formatPropertyPath, parsePropertyPath } from "../../lib/plan/property-path";

/** For every type in the table: inputs that replace and inputs that update in place. */
const CASES: Record<string, { replace: string[]; update: string[] }> = {
  "gcp:compute/globalAddress:GlobalAddress": {
    replace: ["address", "addressType", "ipVersion", "name", "purpose", "project", "description", "network"],
    update: ["labels", "labels.team"],
  },
  "gcp:compute/healthCheck:HealthCheck": {
    replace: ["name", "project"],
    update: [
      "checkIntervalSec",
      "timeoutSec",
      "httpHealthCheck.requestPath",
      "httpHealthCheck.port",
      "description",
    ],
  },
  "gcp:compute/backendService:BackendService": {
    replace: ["name", "project", "params.resourceManagerTags"],
    update: [
      "loadBalancingScheme",
      "backends[0].group",
      "healthChecks",
      "portName",
      "timeoutSec",
      "protocol",
    ],
  },
  // The regional load balancers' types.
  "gcp:compute/address:Address": {
    replace: [
      "address",
      "addressType",
      "subnetwork",
      "purpose",
      "networkTier",
      "region",
      "name",
      "description",
    ],
    update: ["labels", "labels.team"],
  },
  "gcp:compute/regionHealthCheck:RegionHealthCheck": {
    replace: ["name", "project", "region"],
    update: ["checkIntervalSec", "httpHealthCheck.port", "description"],
  },
  "gcp:compute/regionBackendService:RegionBackendService": {
    replace: ["name", "project", "params.resourceManagerTags", "loadBalancingScheme"],
    update: ["backends[0].group", "healthChecks", "portName", "timeoutSec"],
  },
  "gcp:compute/regionUrlMap:RegionUrlMap": {
    replace: ["name", "project"],
    update: ["defaultService", "hostRules[0].hosts[1]", "tests"],
  },
  "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy": {
    replace: ["name", "region", "description"],
    update: ["urlMap"],
  },
  "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy": {
    replace: ["name", "region", "description"],
    update: ["urlMap", "sslCertificates[0]", "sslPolicy"],
  },
  "gcp:compute/forwardingRule:ForwardingRule": {
    replace: [
      "ipAddress",
      "portRange",
      "network",
      "subnetwork",
      "networkTier",
      "loadBalancingScheme",
      "region",
    ],
    update: ["target", "labels"],
  },
  "gcp:compute/regionSslCertificate:RegionSslCertificate": {
    replace: ["certificate", "privateKey", "region", "description"],
    update: [],
  },
  "gcp:compute/regionSslPolicy:RegionSslPolicy": {
    replace: ["name", "description", "region"],
    update: ["profile", "minTlsVersion"],
  },
  "gcp:compute/subnetwork:Subnetwork": {
    replace: ["name", "network", "region", "description"],
    update: ["ipCidrRange", "role", "purpose"],
  },
  "gcp:compute/uRLMap:URLMap": {
    replace: ["name", "project"],
    update: ["defaultService", "hostRules[0].hosts[1]", "pathMatchers[0].pathRules[2].service", "tests"],
  },
  "gcp:compute/targetHttpProxy:TargetHttpProxy": {
    replace: ["name", "description", "project", "proxyBind", "httpKeepAliveTimeoutSec"],
    update: ["urlMap"],
  },
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": {
    replace: ["name", "description", "project", "tlsEarlyData"],
    update: [
      "sslCertificates",
      "sslCertificates[0]",
      "sslPolicy",
      "urlMap",
      "quicOverride",
      "certificateMap",
    ],
  },
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": {
    replace: [
      "name",
      "ipAddress",
      "ipProtocol",
      "portRange",
      "ipVersion",
      "project",
      "description",
      "networkTier",
    ],
    update: ["target", "labels", "loadBalancingScheme"],
  },
  "gcp:compute/sSLCertificate:SSLCertificate": {
    replace: ["certificate", "privateKey", "name", "namePrefix", "description", "project"],
    update: [],
  },
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": {
    replace: ["managed.domains", "managed.domains[0]", "name", "description", "type", "project"],
    update: [],
  },
  "gcp:compute/sSLPolicy:SSLPolicy": {
    replace: ["name", "description", "project"],
    update: ["minTlsVersion", "profile", "customFeatures"],
  },
  "gcp:compute/firewall:Firewall": {
    replace: ["name", "direction", "project"],
    update: [
      "sourceRanges",
      "sourceRanges[1]",
      "allows[0].ports",
      "targetTags",
      "priority",
      "network",
      "description",
    ],
  },
  "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort": {
    replace: ["group", "zone", "name", "port", "project"],
    update: [],
  },
  "kubernetes:core/v1:Service": {
    replace: ["metadata.name", "metadata.namespace", "spec.clusterIP"],
    update: [
      "spec.type",
      "spec.ports[0].nodePort",
      "spec.selector.app",
      "metadata.labels",
      "metadata.annotations",
    ],
  },
  "kubernetes:apps/v1:Deployment": {
    replace: ["metadata.name", "metadata.namespace", "spec.selector", "spec.selector.matchLabels.app"],
    update: ["spec.replicas", "spec.template.spec.containers[0].image", "spec.template.metadata.labels.app"],
  },
  "kubernetes:core/v1:Secret": {
    replace: ["metadata.name", "metadata.namespace", "type", "data", 'data["tls.crt"]', "stringData"],
    update: ["metadata.labels", "metadata.annotations"],
  },
  "kubernetes:core/v1:ConfigMap": {
    replace: ["metadata.name", "metadata.namespace", "data", "data.index", "binaryData"],
    update: ["metadata.labels"],
  },
  "kubernetes:core/v1:Namespace": {
    replace: ["metadata.name"],
    update: ["metadata.labels", "metadata.annotations"],
  },
};

describe("replace properties", () => {
  it("has a test case for every type in the table, and a table entry for every test case", () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(REPLACE_RULES).sort());
  });

  for (const [type, { replace, update }] of Object.entries(CASES)) {
    describe(type, () => {
      for (const path of replace) {
        it(`replaces on ${path}`, () => assert.equal(forcesReplacement(type, path), true));
      }
      for (const path of update) {
        it(`updates ${path} in place`, () => assert.equal(forcesReplacement(type, path), false));
      }
      it("names its source", () => assert.match(REPLACE_RULES[type].source, /\S/));
    });
  }

  describe("Kubernetes payloads", () => {
    const cases: {
      type: string;
      setting: "enableConfigMapMutable" | "enableSecretMutable";
      mutable: boolean;
      immutableObject: boolean;
      replaces: boolean;
    }[] = [
      {
        type: "kubernetes:core/v1:ConfigMap",
        setting: "enableConfigMapMutable",
        mutable: false,
        immutableObject: false,
        replaces: true,
      },
      {
        type: "kubernetes:core/v1:ConfigMap",
        setting: "enableConfigMapMutable",
        mutable: true,
        immutableObject: false,
        replaces: false,
      },
      {
        type: "kubernetes:core/v1:ConfigMap",
        setting: "enableConfigMapMutable",
        mutable: true,
        immutableObject: true,
        replaces: true,
      },
      {
        type: "kubernetes:core/v1:Secret",
        setting: "enableSecretMutable",
        mutable: true,
        immutableObject: false,
        replaces: false,
      },
      {
        type: "kubernetes:core/v1:Secret",
        setting: "enableSecretMutable",
        mutable: true,
        immutableObject: true,
        replaces: true,
      },
    ];
    for (const { type, setting, mutable, immutableObject, replaces } of cases) {
      it(`${type} data with ${setting}=${mutable}, immutable=${immutableObject}: ${replaces ? "replace" : "update"}`, () => {
        const context = { kubernetes: { [setting]: mutable }, inputs: { immutable: immutableObject } };
        assert.equal(forcesReplacement(type, "data.key", context), replaces);
      });
    }

    it("keeps a Secret's type a replacement even when the provider makes Secrets mutable", () => {
      assert.equal(
        forcesReplacement("kubernetes:core/v1:Secret", "type", { kubernetes: { enableSecretMutable: true } }),
        true,
      );
    });
  });

  describe("types outside the table", () => {
    const cases: { type: string; replace: string; update: string }[] = [
      { type: "gcp:compute/securityPolicy:SecurityPolicy", replace: "name", update: "rules[0].action" },
      { type: "gcp:compute/securityPolicy:SecurityPolicy", replace: "project", update: "description" },
      {
        type: "kubernetes:networking.k8s.io/v1:Ingress",
        replace: "metadata.namespace",
        update: "spec.rules",
      },
      { type: "random:index/randomId:RandomId", replace: "name", update: "byteLength" },
    ];
    for (const { type, replace, update } of cases) {
      it(`${type}: only identity (${replace}) replaces, not ${update}`, () => {
        assert.equal(forcesReplacement(type, replace), true);
        assert.equal(forcesReplacement(type, update), false);
        assert.match(replaceRuleFor(type).source, /fallback/);
      });
    }
  });

  describe("replaceCauses", () => {
    const service = "kubernetes:core/v1:Service";

    it("counts a whole object that appeared only when the pattern under it changed", () => {
      const before = { metadata: { name: "users" } };
      const withIp = { metadata: { name: "users" }, spec: { clusterIP: "10.0.0.9", type: "NodePort" } };
      const withoutIp = { metadata: { name: "users" }, spec: { type: "NodePort" } };
      assert.deepEqual(replaceCauses(service, [["spec"]], before, withIp), ["spec.clusterIP"]);
      assert.deepEqual(replaceCauses(service, [["spec"]], before, withoutIp), []);
    });

    it("reports the changed leaf below a pattern as it is", () => {
      const before = { spec: { selector: { matchLabels: { app: "a" } } } };
      const after = { spec: { selector: { matchLabels: { app: "b" } } } };
      const causes = replaceCauses(
        "kubernetes:apps/v1:Deployment",
        [["spec", "selector", "matchLabels", "app"]],
        before,
        after,
      );
      assert.deepEqual(causes, ["spec.selector.matchLabels.app"]);
    });
  });

  describe("fixedNamePath", () => {
    const cases: { type: string; path: string[] | undefined }[] = [
      { type: "gcp:compute/sSLCertificate:SSLCertificate", path: ["name"] },
      { type: "gcp:compute/instanceGroupNamedPort:InstanceGroupNamedPort", path: ["name"] },
      { type: "kubernetes:core/v1:Service", path: ["metadata", "name"] },
      { type: "random:index/randomId:RandomId", path: undefined },
    ];
    for (const { type, path } of cases) {
      it(`${type}: ${path ? path.join(".") : "none"}`, () => assert.deepEqual(fixedNamePath(type), path));
    }
  });

  describe("property paths", () => {
    const cases: { text: string; segments: (string | number)[] }[] = [
      { text: "spec.ports[0].nodePort", segments: ["spec", "ports", 0, "nodePort"] },
      { text: 'data["tls.crt"]', segments: ["data", "tls.crt"] },
      { text: "spec.containers[*].image", segments: ["spec", "containers", "*", "image"] },
      {
        text: 'metadata.annotations["kubernetes.io/ingress.class"]',
        segments: ["metadata", "annotations", "kubernetes.io/ingress.class"],
      },
    ];
    for (const { text, segments } of cases) {
      it(`round-trips ${text}`, () => {
        assert.deepEqual(parsePropertyPath(text), segments);
        assert.equal(formatPropertyPath(segments), text);
      });
    }

    it("reads [] as any item", () => assert.deepEqual(parsePropertyPath("a[].b"), ["a", "*", "b"]));

    it("rejects an unclosed bracket", () => assert.throws(() => parsePropertyPath("a[0"), /unclosed/));

    it("matches a wildcard pattern against any index, and covers what lies below a pattern", () => {
      const pattern = parsePropertyPath("spec.containers[*].image");
      assert.equal(isAtOrBelow(["spec", "containers", 2, "image"], pattern), true);
      assert.equal(isAtOrBelow(["spec", "containers", 2, "image", "tag"], pattern), true);
      assert.equal(isAtOrBelow(["spec", "containers", 2, "name"], pattern), false);
      assert.equal(isAtOrBelow(["spec", "containers"], pattern), false);
    });
  });
});
