import { PolicySubject } from "../../lib/policy/subject";
import { T } from "../../lib/policy/rules";

/** Hand-built stack resources for the rule tests: managed, unprotected, with placeholder-style IDs. */
export function subject(type: string, name: string, props: Record<string, unknown> = {}): PolicySubject {
  return {
    type,
    name,
    urn: `urn:pulumi:test::ingress-glb::${type}::${name}`,
    props: { id: `${name}-id`, name, ...props },
    protect: false,
    retainOnDelete: false,
    read: false,
  };
}

/** A load balancer on one address: :443 with an SSL policy, :80 with a redirect map, NodePort 30080. */
export function httpsStack(overrides: { sslPolicy?: Record<string, unknown>; httpUrlMap?: string } = {}) {
  const address = { ...subject(T.address, "lb-ip", { address: "203.0.113.7" }), protect: true };
  const sslPolicy = subject(
    T.sslPolicy,
    "lb-ssl-policy",
    overrides.sslPolicy ?? { profile: "MODERN", minTlsVersion: "TLS_1_2" },
  );
  const healthCheck = subject(T.healthCheck, "lb-hc", { httpHealthCheck: { port: 30080, requestPath: "/" } });
  const namedPort = subject(T.namedPort, "lb-np0", { port: 30080, name: "port30080" });
  const backend = subject(T.backendService, "lb-be", { healthChecks: "lb-hc-id", portName: "port30080" });
  const urlMap = subject(T.urlMap, "lb-url-map", { defaultService: "lb-be-id" });
  const redirectMap = subject(T.urlMap, "lb-https-redirect", {
    defaultUrlRedirect: {
      httpsRedirect: true,
      redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT",
      stripQuery: false,
    },
  });
  const httpsProxy = subject(T.httpsProxy, "lb-https-proxy", {
    urlMap: "lb-url-map-id",
    sslPolicy: "lb-ssl-policy-id",
    sslCertificates: ["lb-cert-id"],
  });
  const httpProxy = subject(T.httpProxy, "lb-http-proxy", {
    urlMap: overrides.httpUrlMap ?? "lb-https-redirect-id",
  });
  const https = subject(T.forwardingRule, "lb-https", {
    ipAddress: "203.0.113.7",
    portRange: "443",
    target: "lb-https-proxy-id",
  });
  const http = subject(T.forwardingRule, "lb-http", {
    ipAddress: "203.0.113.7",
    portRange: "80",
    target: "lb-http-proxy-id",
  });
  const firewall = subject(T.firewall, "lb-allow-glb", {
    direction: "INGRESS",
    sourceRanges: ["130.211.0.0/22", "35.191.0.0/16"],
    targetTags: ["gke-node"],
    allows: [{ protocol: "tcp", ports: ["30080"] }],
  });
  return {
    address,
    sslPolicy,
    healthCheck,
    namedPort,
    backend,
    urlMap,
    redirectMap,
    httpsProxy,
    httpProxy,
    https,
    http,
    firewall,
    all: [
      address,
      sslPolicy,
      healthCheck,
      namedPort,
      backend,
      urlMap,
      redirectMap,
      httpsProxy,
      httpProxy,
      https,
      http,
      firewall,
    ],
  };
}
