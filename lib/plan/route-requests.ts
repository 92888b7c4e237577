import { compileIngresses } from "../routing/kubernetes";
import { compileUrlMap } from "../routing/gcp";
import { parseRequestUrl } from "../routing/url";
import { NormalizedIngress } from "../ingress/types";
import { LoadBalancerModel, Warning } from "../translate/model";
import { reachOf } from "./regional-reach";

/** One `route --url` answer, per the CLI contract. */
export interface RouteResult {
  url: string;
  /** The load balancer that answered (its static IP's or Ingress's name; several when the manifests make several). */
  loadBalancer: string;
  host: string;
  path: string;
  /** Kubernetes Service, or null for the built-in 404 default backend. */
  service: string | null;
  namespace: string | null;
  port: number | null;
  /** True when no path rule matched and a default answered. */
  defaultBackend: boolean;
  /** What matched, e.g. `host *, path /users/*`. */
  rule: string;
  /** Where :80 redirects the request, when the load balancer redirects HTTP to HTTPS. */
  redirect?: string;
  /** Set for a regional load balancer: who the answer is for (an internal one's, a client inside the VPC). */
  reach?: string;
}

/** The answer of a listener that does not route: a redirect, or no listener at all on that port. */
function frontendAnswer(model: LoadBalancerModel, url: string, request: { host: string; path: string }) {
  const https = /^https:/i.test(url.trim());
  if (https && !model.frontend.https) return { rule: "no HTTPS listener (:443): the Ingress has no TLS" };
  if (!https && !model.frontend.http) return { rule: 'no HTTP listener (:80): allow-http is "false"' };
  const redirect = !https ? model.frontend.https?.redirectToHttps : undefined;
  if (redirect) {
    return {
      rule: `HTTP redirect (${redirect.responseCode}) to HTTPS`,
      redirect: `https://${request.host}${request.path}`,
    };
  }
  return undefined;
}

/**
 * Where each URL goes on the generated URL maps, by GCP's matching rules. Each answer is checked against
 * the Kubernetes reference semantics of the Ingresses; a difference becomes a warning naming both.
 */
export function routeRequests(
  urls: string[],
  models: LoadBalancerModel[],
  ingressesOf: (model: LoadBalancerModel) => NormalizedIngress[],
): { results: RouteResult[]; warnings: Warning[] } {
  const results: RouteResult[] = [];
  const warnings: Warning[] = [];
  const requests = urls.map((url) => ({ url, request: parseRequestUrl(url) }));
  for (const model of models) {
    const reach = reachOf(model);
    const gcp = compileUrlMap(model.urlMap);
    const kubernetes = compileIngresses(ingressesOf(model));
    const backends = new Map(model.backends.map((b) => [b.key, b]));
    for (const { url, request } of requests) {
      const answer = frontendAnswer(model, url, request);
      if (answer) {
        const none = { service: null, namespace: null, port: null, defaultBackend: false };
        results.push({
          url,
          loadBalancer: model.label,
          host: request.host,
          path: request.path,
          ...none,
          ...answer,
          ...(reach ? { reach } : {}),
        });
        continue;
      }
      const decision = gcp.evaluate(request);
      const backend = backends.get(decision.backend);
      if (!backend) throw new Error(`URL map routes to unknown backend ${decision.backend}`);
      const builtin = backend.builtinDefault;
      results.push({
        url,
        loadBalancer: model.label,
        host: request.host,
        path: request.path,
        service: builtin ? null : backend.service,
        namespace: builtin ? null : backend.namespace,
        port: builtin ? null : backend.servicePort,
        defaultBackend: decision.defaultBackend,
        rule: decision.rule,
        ...(reach ? { reach } : {}),
      });
      const expected = kubernetes.evaluate(request);
      const expectedKey = expected.backend
        ? `${expected.backend.namespace}/${expected.backend.service}:${portNumber(model, expected.backend)}`
        : undefined;
      const actualKey = builtin ? undefined : backend.key;
      if (expectedKey !== actualKey) {
        warnings.push({
          code: "gcp-differs-from-kubernetes",
          message: `${url}: GCP sends it to ${actualKey ?? "the built-in 404"} (${decision.rule}), Kubernetes semantics to ${expectedKey ?? "the default backend"}`,
        });
      }
    }
  }
  return { results, warnings };
}

/** The service port number of a Kubernetes decision, resolving a named port through the model. */
function portNumber(
  model: LoadBalancerModel,
  target: { namespace: string; service: string; port: number | string },
) {
  if (typeof target.port === "number") return target.port;
  const backend = model.backends.find(
    (b) =>
      b.namespace === target.namespace && b.service === target.service && b.servicePortName === target.port,
  );
  return backend?.servicePort ?? target.port;
}
