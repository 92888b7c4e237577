import { strict as assert } from "node:assert";
import { evaluatePolicies } from "../../lib/policy/evaluate";
import {
  backendServiceHealthCheck,
  firewallGoogleRangesOnly,
  httpRedirectsToHttps,
  httpsProxyModernTls,
  POLICY_RULES,
  PolicyFinding,
  reservedAddressProtected,
  T,
} from "../../lib/policy/rules";
import { PolicySubject, UNKNOWN } from "../../lib/policy/subject";
import { httpsStack, subject } from "./subjects";

/** Findings as `level name: message` lines, the shape the assertions compare. */
const lines = (findings: PolicyFinding[]) => findings.map((f) => `${f.level} ${f.name}: ${f.message}`);

const replace = (all: PolicySubject[], ...changed: PolicySubject[]) =>
  all.map((r) => changed.find((c) => c.urn === r.urn) ?? r);

describe("policy rules", () => {
  it("find nothing in a compliant HTTPS load balancer", () => {
    const report = evaluatePolicies(httpsStack().all);
    assert.deepEqual(report, {
      rules: POLICY_RULES.map((rule) => rule.name),
      findings: [],
      mandatory: 0,
      advisory: 0,
    });
  });

  it("read outputs as CrossGuard's stack view has them: self links, null for absent blocks, 80-80 ranges", () => {
    const s = httpsStack();
    const link = (collection: string, name: string) =>
      `https://www.googleapis.com/compute/v1/projects/p/global/${collection}/${name}`;
    const withProps = (r: PolicySubject, props: Record<string, unknown>) => ({
      ...r,
      props: { ...r.props, ...props },
    });
    const outputs = replace(
      s.all,
      withProps(s.httpProxy, {
        selfLink: link("targetHttpProxies", "lb-http-proxy"),
        urlMap: link("urlMaps", "lb-https-redirect"),
      }),
      withProps(s.httpsProxy, { selfLink: link("targetHttpsProxies", "lb-https-proxy") }),
      withProps(s.redirectMap, {
        selfLink: link("urlMaps", "lb-https-redirect"),
        hostRules: null,
        pathMatchers: null,
      }),
      withProps(s.http, { portRange: "80-80", target: link("targetHttpProxies", "lb-http-proxy") }),
      withProps(s.https, { portRange: "443-443", target: link("targetHttpsProxies", "lb-https-proxy") }),
      withProps(s.healthCheck, { tcpHealthCheck: null, httpsHealthCheck: null }),
      withProps(s.firewall, { sourceTags: null, sourceServiceAccounts: null, denies: null }),
    );
    assert.deepEqual(evaluatePolicies(outputs).findings, []);
    const servingMain = outputs.map((r) =>
      r.urn === s.httpProxy.urn ? withProps(r, { urlMap: link("urlMaps", "lb-url-map") }) : r,
    );
    const mainMap = withProps(s.urlMap, { selfLink: link("urlMaps", "lb-url-map") });
    assert.deepEqual(lines(evaluatePolicies(replace(servingMain, mainMap)).findings), [
      "mandatory lb-http: address lb-ip serves HTTPS, but :80 serves URL map lb-url-map instead of redirecting to HTTPS (redirectToHttps)",
    ]);
  });

  it("have CrossGuard-valid, distinct names", () => {
    const names = POLICY_RULES.map((rule) => rule.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-zA-Z0-9-_.]{1,100}$/);
  });

  describe("https-proxy-modern-tls", () => {
    const withPolicy = (props: Record<string, unknown>) => {
      const s = httpsStack({ sslPolicy: props });
      return lines(httpsProxyModernTls.check(s.all));
    };

    it("accepts MODERN and RESTRICTED with TLS 1.2 or 1.3", () => {
      assert.deepEqual(withPolicy({ profile: "MODERN", minTlsVersion: "TLS_1_2" }), []);
      assert.deepEqual(withPolicy({ profile: "RESTRICTED", minTlsVersion: "TLS_1_3" }), []);
    });

    it("rejects a weaker profile or minimum version, naming both", () => {
      assert.deepEqual(withPolicy({ profile: "COMPATIBLE", minTlsVersion: "TLS_1_2" }), [
        "mandatory lb-https-proxy: SSL policy lb-ssl-policy: profile COMPATIBLE, not MODERN or RESTRICTED",
      ]);
      assert.deepEqual(withPolicy({ profile: "MODERN", minTlsVersion: "TLS_1_1" }), [
        "mandatory lb-https-proxy: SSL policy lb-ssl-policy: minimum TLS_1_1, not TLS_1_2 or later",
      ]);
      assert.deepEqual(withPolicy({ profile: "CUSTOM", minTlsVersion: "TLS_1_2" }), [
        "mandatory lb-https-proxy: SSL policy lb-ssl-policy: profile CUSTOM (its features are not checked), not MODERN or RESTRICTED",
      ]);
    });

    it("reads absent settings as GCP's defaults, COMPATIBLE and TLS 1.0", () => {
      assert.deepEqual(withPolicy({}), [
        "mandatory lb-https-proxy: SSL policy lb-ssl-policy: profile COMPATIBLE, not MODERN or RESTRICTED; minimum TLS_1_0, not TLS_1_2 or later",
      ]);
    });

    it("rejects a proxy without an SSL policy", () => {
      const s = httpsStack();
      const bare = { ...s.httpsProxy, props: { ...s.httpsProxy.props, sslPolicy: undefined } };
      assert.deepEqual(lines(httpsProxyModernTls.check(replace(s.all, bare))), [
        "mandatory lb-https-proxy: no SSL policy: Google's default (COMPATIBLE profile) accepts TLS 1.0; give it one with profile MODERN and minimum TLS 1.2",
      ]);
    });

    it("follows a self link with the API prefix to the policy", () => {
      const s = httpsStack({
        sslPolicy: {
          profile: "COMPATIBLE",
          selfLink: "https://www.googleapis.com/compute/v1/projects/p/global/sslPolicies/lb-ssl-policy",
        },
      });
      const proxy = {
        ...s.httpsProxy,
        props: { ...s.httpsProxy.props, sslPolicy: "projects/p/global/sslPolicies/lb-ssl-policy" },
      };
      assert.equal(httpsProxyModernTls.check(replace(s.all, proxy))[0]?.level, "mandatory");
    });

    it("says what it cannot decide, as advisory: a policy outside the stack, or one only looked up", () => {
      const s = httpsStack();
      const external = { ...s.httpsProxy, props: { ...s.httpsProxy.props, sslPolicy: "corp-tls" } };
      assert.deepEqual(lines(httpsProxyModernTls.check(replace(s.all, external))), [
        "advisory lb-https-proxy: SSL policy corp-tls is not in the stack: its profile and minimum TLS version cannot be checked",
      ]);
      // The offline plan holds no settings of a policy it looked up (`sslPolicy: "name"`).
      const looked = { ...subject(T.sslPolicy, "lb-ssl-policy"), read: true };
      assert.deepEqual(lines(httpsProxyModernTls.check(replace(s.all, looked))), [
        "advisory lb-https-proxy: SSL policy lb-ssl-policy is looked up, and the plan does not hold its settings",
      ]);
    });

    it("follows the engine's property dependencies when the reference is unknown (preview)", () => {
      const s = httpsStack({ sslPolicy: { profile: "COMPATIBLE", minTlsVersion: "TLS_1_2", id: UNKNOWN } });
      const proxy = { ...s.httpsProxy, props: { ...s.httpsProxy.props, sslPolicy: UNKNOWN } };
      assert.deepEqual(lines(httpsProxyModernTls.check(replace(s.all, proxy))), [
        "advisory lb-https-proxy: its SSL policy is not known yet; checked on the next run",
      ]);
      const withDeps = { ...proxy, propertyDependencies: { sslPolicy: [s.sslPolicy.urn] } };
      assert.deepEqual(lines(httpsProxyModernTls.check(replace(s.all, withDeps))), [
        "mandatory lb-https-proxy: SSL policy lb-ssl-policy: profile COMPATIBLE, not MODERN or RESTRICTED",
      ]);
    });
  });

  describe("http-redirects-to-https", () => {
    it("rejects :80 serving the main URL map on an address that serves HTTPS", () => {
      const s = httpsStack({ httpUrlMap: "lb-url-map-id" });
      assert.deepEqual(lines(httpRedirectsToHttps.check(s.all)), [
        "mandatory lb-http: address lb-ip serves HTTPS, but :80 serves URL map lb-url-map instead of redirecting to HTTPS (redirectToHttps)",
      ]);
    });

    it("rejects a redirect map that still routes some hosts or paths", () => {
      const s = httpsStack();
      const partial = {
        ...s.redirectMap,
        props: {
          ...s.redirectMap.props,
          hostRules: [{ hosts: ["*"], pathMatcher: "m" }],
          pathMatchers: [{ name: "m" }],
        },
      };
      assert.equal(lines(httpRedirectsToHttps.check(replace(s.all, partial))).length, 1);
    });

    it("leaves :80 alone on an address without HTTPS, and an HTTPS address without :80", () => {
      const s = httpsStack({ httpUrlMap: "lb-url-map-id" });
      const elsewhere = { ...s.http, props: { ...s.http.props, ipAddress: "203.0.113.8" } };
      assert.deepEqual(httpRedirectsToHttps.check(replace(s.all, elsewhere)), []);
      assert.deepEqual(httpRedirectsToHttps.check(s.all.filter((r) => r !== s.http)), []);
    });

    it("matches the address by its resource when the IP is unknown (preview), else says it cannot", () => {
      const s = httpsStack({ httpUrlMap: "lb-url-map-id" });
      const unknownIp = (rule: PolicySubject, deps: boolean): PolicySubject => ({
        ...rule,
        props: { ...rule.props, ipAddress: UNKNOWN },
        ...(deps ? { propertyDependencies: { ipAddress: [s.address.urn] } } : {}),
      });
      const viaDeps = replace(s.all, unknownIp(s.http, true), unknownIp(s.https, true));
      assert.deepEqual(
        httpRedirectsToHttps.check(viaDeps).map((f) => f.level),
        ["mandatory"],
      );
      const blind = replace(s.all, unknownIp(s.http, false));
      assert.deepEqual(lines(httpRedirectsToHttps.check(blind)), [
        "advisory lb-http: its address is not known yet: whether it also serves HTTPS is not checked",
      ]);
    });
  });

  describe("firewall-google-ranges-only", () => {
    const check = (props: Record<string, unknown>) => {
      const s = httpsStack();
      const firewall = { ...s.firewall, props: { ...s.firewall.props, ...props } };
      return lines(firewallGoogleRangesOnly.check(replace(s.all, firewall)));
    };

    it("accepts Google's IPv4 and IPv6 ranges to the ports in use, on tagged nodes", () => {
      assert.deepEqual(check({}), []);
      assert.deepEqual(check({ sourceRanges: ["2600:2d00:1:b029::/64", "2600:2d00:1:1::/64"] }), []);
    });

    it("rejects other sources, and none at all (which GCP reads as 0.0.0.0/0)", () => {
      assert.deepEqual(check({ sourceRanges: ["130.211.0.0/22", "0.0.0.0/0"] }), [
        "mandatory lb-allow-glb: source ranges 0.0.0.0/0 are not Google's (130.211.0.0/22, 35.191.0.0/16, 2600:2d00:1:b029::/64, 2600:2d00:1:1::/64)",
      ]);
      assert.deepEqual(check({ sourceRanges: [] }), [
        "mandatory lb-allow-glb: no source ranges: an ingress rule without them admits 0.0.0.0/0",
      ]);
      assert.deepEqual(check({ sourceTags: ["bastion"] }), [
        "mandatory lb-allow-glb: sourceTags admit sources other than Google's",
      ]);
    });

    it("rejects a rule without target tags", () => {
      assert.deepEqual(check({ targetTags: undefined }), [
        "mandatory lb-allow-glb: no target tags: it applies to every instance of the network",
      ]);
    });

    it("rejects ports no backend or health check uses, ranges, every port and other protocols", () => {
      assert.deepEqual(check({ allows: [{ protocol: "tcp", ports: ["30080", "22"] }] }), [
        "mandatory lb-allow-glb: allows tcp 22, which no backend or health check uses (in use: 30080)",
      ]);
      assert.deepEqual(check({ allows: [{ protocol: "tcp", ports: ["30000-32767"] }] }), [
        "mandatory lb-allow-glb: allows tcp 30000-32767, which no backend or health check uses (in use: 30080)",
      ]);
      assert.deepEqual(check({ allows: [{ protocol: "tcp" }] }), [
        "mandatory lb-allow-glb: allows every tcp port; list the ports the load balancers use",
      ]);
      assert.deepEqual(check({ allows: [{ protocol: "all" }] }), [
        "mandatory lb-allow-glb: allows protocol all; the load balancers need only tcp",
      ]);
    });

    describe("NEG backends: the Pods' ports are in use", () => {
      const NEG = "https://www.googleapis.com/compute/v1/projects/p/zones/z/networkEndpointGroups/web-neg";
      const negStack = (
        targetPort: number | string,
        backends: unknown = [{ group: NEG, balancingMode: "RATE" }],
      ) => {
        const s = httpsStack();
        const negBackend = subject(T.backendService, "lb-neg-be", { healthChecks: "lb-hc-id", backends });
        const service = subject("kubernetes:core/v1:Service", "web", {
          metadata: {
            name: "web",
            namespace: "shop",
            annotations: { "cloud.google.com/neg": '{"exposed_ports":{"80":{"name":"web-neg"}}}' },
          },
          spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort }] },
        });
        const deployment = subject("kubernetes:apps/v1:Deployment", "web", {
          metadata: { name: "web", namespace: "shop" },
          spec: {
            template: {
              metadata: { labels: { app: "web" } },
              spec: { containers: [{ name: "web", ports: [{ name: "http", containerPort: 8443 }] }] },
            },
          },
        });
        return [...s.all, negBackend, service, deployment];
      };
      const checkWith = (all: PolicySubject[], ports: string[]) => {
        const firewall = all.find((r) => r.type === T.firewall) as PolicySubject;
        const opened = { ...firewall, props: { ...firewall.props, allows: [{ protocol: "tcp", ports }] } };
        return lines(firewallGoogleRangesOnly.check(replace(all, opened)));
      };

      it("accepts the targetPort of a Service whose NEG a backend service uses, a named one read from its Pods", () => {
        assert.deepEqual(checkWith(negStack(9000), ["30080", "9000"]), []);
        assert.deepEqual(checkWith(negStack("http"), ["30080", "8443"]), []);
      });

      it("still rejects other ports, and says when the NEG backends are not known yet", () => {
        assert.deepEqual(checkWith(negStack(9000), ["30080", "9000", "22"]), [
          "mandatory lb-allow-glb: allows tcp 22, which no backend or health check uses (in use: 9000, 30080)",
        ]);
        assert.deepEqual(checkWith(negStack(9000, [{ group: "other" }]), ["30080", "9000"]), [
          "mandatory lb-allow-glb: allows tcp 9000, which no backend or health check uses (in use: 30080)",
        ]);
        assert.deepEqual(checkWith(negStack(9000, UNKNOWN), ["30080", "9000"]), [
          "advisory lb-allow-glb: the ports in use are not known yet",
        ]);
      });
    });

    it("leaves egress and deny-only rules alone, and says when ports are not known yet", () => {
      assert.deepEqual(
        check({ direction: "EGRESS", sourceRanges: undefined, destinationRanges: ["0.0.0.0/0"] }),
        [],
      );
      assert.deepEqual(
        check({ allows: undefined, denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] }),
        [],
      );
      assert.deepEqual(check({ allows: [{ protocol: "tcp", ports: [UNKNOWN] }] }), [
        "advisory lb-allow-glb: its allowed ports are not known yet",
      ]);
    });
  });

  describe("reserved-address-protected", () => {
    const address = subject(T.address, "lb-ip", { address: "203.0.113.7" });

    it("rejects a created address that is neither protected nor retained", () => {
      assert.deepEqual(lines(reservedAddressProtected.check([address])), [
        "mandatory lb-ip: reserved address is not protected: destroying or replacing it releases the IP that DNS points at (protectAddress: true)",
      ]);
    });

    it("accepts protect, retainOnDelete, and an address only looked up", () => {
      assert.deepEqual(reservedAddressProtected.check([{ ...address, protect: true }]), []);
      assert.deepEqual(reservedAddressProtected.check([{ ...address, retainOnDelete: true }]), []);
      assert.deepEqual(reservedAddressProtected.check([{ ...address, read: true }]), []);
    });
  });

  describe("backend-service-health-check", () => {
    const service = (healthChecks: unknown) => subject(T.backendService, "be", { healthChecks });

    it("rejects a backend service without a health check", () => {
      for (const none of [undefined, "", []]) {
        assert.deepEqual(lines(backendServiceHealthCheck.check([service(none)])), [
          "mandatory be: no health check: the load balancer would send traffic to instances that are down",
        ]);
      }
    });

    it("accepts one given as a string, a list, or still unknown (preview)", () => {
      for (const given of ["hc-id", ["hc-id"], UNKNOWN]) {
        assert.deepEqual(backendServiceHealthCheck.check([service(given)]), []);
      }
    });
  });
});
