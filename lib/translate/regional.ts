import { InputError, Origin } from "../errors";
import {
  IngressAnnotations,
  INGRESS_CLASS_ANNOTATION,
  REGIONAL_STATIC_IP_ANNOTATION,
} from "../ingress/annotations";
import { RegionalGceClass } from "../ingress/class-names";
import { NormalizedIngress, ServiceInfo } from "../ingress/types";
import { BACKEND_CONFIG_ANNOTATION } from "../ingress/annotations";
import {
  LoadBalancerModel,
  LoadBalancingScheme,
  NameOrArg,
  RegionalModel,
  RegionalScheme,
  Warning,
} from "./model";

/** What each regional class is: GKE's `gce-internal` and `gce-regional-external`. */
export const REGIONAL_SHAPES: Record<RegionalGceClass, RegionalModel & { scheme: RegionalScheme }> = {
  "gce-internal": {
    className: "gce-internal",
    scheme: "INTERNAL_MANAGED",
    addressType: "INTERNAL",
    networkTier: "PREMIUM",
  },
  "gce-regional-external": {
    className: "gce-regional-external",
    scheme: "EXTERNAL_MANAGED",
    addressType: "EXTERNAL",
    networkTier: "STANDARD",
  },
};

/**
 * The class the Ingresses of one load balancer share: undefined for GKE's global class. Grouping never
 * puts two classes together; a caller that does is refused, naming both Ingresses.
 */
export function regionalClassOf(
  annotations: readonly { ing: NormalizedIngress; values: IngressAnnotations }[],
): RegionalGceClass | undefined {
  const first = annotations[0];
  for (const other of annotations.slice(1)) {
    if (other.values.regionalClass !== first.values.regionalClass) {
      const describe = (a: typeof first) =>
        `Ingress ${a.ing.namespace}/${a.ing.name} (${a.values.regionalClass ?? "gce"})`;
      throw new InputError(
        `${describe(first)} and ${describe(other)} cannot share one load balancer: their classes differ`,
        { ...other.ing.origin, field: `metadata.annotations["${INGRESS_CLASS_ANNOTATION}"]` },
      );
    }
  }
  return first?.values.regionalClass;
}

/** The name of the regional address the Ingresses name, if any; two different ones are refused. */
export function regionalStaticIpOf(
  annotations: readonly { ing: NormalizedIngress; values: IngressAnnotations }[],
): string | undefined {
  const named = [...new Set(annotations.map((a) => a.values.regionalStaticIpName).filter((n) => !!n))];
  if (named.length > 1) {
    throw new InputError(
      `Ingresses sharing one load balancer name different regional static IPs: ${named.join(", ")}`,
      { ...annotations[0].ing.origin, field: `metadata.annotations["${REGIONAL_STATIC_IP_ANNOTATION}"]` },
    );
  }
  return named[0];
}

/** The schemes the backend options and URL map size are checked under: regional ones are Envoy-based. */
export function ruleSchemeOf(scheme: LoadBalancingScheme | RegionalScheme): LoadBalancingScheme {
  return scheme === "INTERNAL_MANAGED" ? "EXTERNAL_MANAGED" : scheme;
}

/** What the translation input asks of a regional load balancer that only a global one has. */
export interface RegionalCheckInput {
  /** The library's `staticIpName`: an existing global address (its name may be an output's). */
  staticIpName?: NameOrArg;
  ipv6?: boolean;
  services: readonly ServiceInfo[];
}

/**
 * Refuses what only a global load balancer has, with the reason, and returns the regional warnings:
 * Cloud CDN, global addresses, IPv6, Google-managed certificates (GKE's ManagedCertificate is global),
 * QUIC, Cloud Armor's global policies, and what the provider's regional resources lack (custom headers
 * on a backend service, HTTP/2 health checks).
 */
export function checkRegionalModel(model: LoadBalancerModel, input: RegionalCheckInput): Warning[] {
  const regional = model.regional;
  if (!regional) return [];
  const what = `class "${regional.className}" is a regional load balancer`;
  const first = model.ingresses[0];
  if (input.staticIpName !== undefined) {
    throw new InputError(
      `staticIpName names a global address, and ${what} (Ingress ${first})`,
      { field: "staticIpName" },
      `name a regional address in ${REGIONAL_STATIC_IP_ANNOTATION}`,
    );
  }
  if (input.ipv6) {
    throw new InputError(
      `ipv6 reserves a global IPv6 address, and ${what} (Ingress ${first})`,
      { field: "ipv6" },
      "leave ipv6 off for regional Ingresses",
    );
  }
  for (const backend of model.backends) {
    const options = backend.options ?? {};
    const service = input.services.find(
      (s) => s.namespace === backend.namespace && s.name === backend.service,
    );
    const origin: Origin = {
      ...(service?.origin ?? {}),
      field: `metadata.annotations["${BACKEND_CONFIG_ANNOTATION}"]`,
    };
    const refuse = (feature: string, why: string, hint: string): never => {
      throw new InputError(`${feature} of backend ${backend.key}: ${why}; ${what}`, origin, hint);
    };
    if (options.cdn?.enabled) {
      refuse(
        "Cloud CDN",
        "Cloud CDN serves global load balancers only",
        "set cdn.enabled false in the BackendConfig",
      );
    }
    if (options.securityPolicy) {
      refuse(
        `Cloud Armor policy "${options.securityPolicy.name}"`,
        "a BackendConfig names a global security policy, which a regional backend service cannot use",
        "remove securityPolicy from the BackendConfig",
      );
    }
    if (options.customRequestHeaders || options.customResponseHeaders) {
      refuse(
        "custom request/response headers",
        "a regional backend service has no custom headers (GCP RegionBackendService)",
        "remove customRequestHeaders/customResponseHeaders from the BackendConfig",
      );
    }
    if (backend.healthCheck.type === "HTTP2") {
      refuse(
        "an HTTP2 health check",
        "the provider's RegionHealthCheck has no HTTP/2 probe",
        "probe with HTTP or HTTPS (healthCheck.type)",
      );
    }
  }
  const https = model.frontend.https;
  const managed = https?.managedCertificates[0];
  if (managed) {
    throw new InputError(
      `a Google-managed certificate (${managed.domains.join(", ")}): GKE's ManagedCertificate is a global certificate, and ${what}`,
      managed.origin,
      "upload the certificate from a TLS Secret, or name a regional certificate in ingress.gcp.kubernetes.io/pre-shared-cert",
    );
  }
  if (https && https.quic !== "NONE") {
    throw new InputError(
      `QUIC is an option of global HTTPS proxies, and ${what} (Ingress ${first})`,
      { field: "quic" },
      "leave quic unset for regional Ingresses",
    );
  }
  const warnings: Warning[] = [];
  for (const cert of https?.preSharedCertificates ?? []) {
    warnings.push({
      code: "regional-pre-shared-certificate",
      message: `pre-shared certificate "${cert.name}" of a ${regional.className} load balancer is a regional SSL certificate of the cluster's region (GKE reads it so): a global certificate of that name is not used`,
      origin: cert.origin,
    });
  }
  warnings.push(...regionalUrlMapWarnings(model));
  return warnings;
}

/**
 * Where the regional URL map could say what the translation cannot: a regional (Envoy-based) URL map
 * has route rules that match the Host header by regex, so `*.foo.com` could match one label deep, as
 * Kubernetes means it. GKE's controller writes host rules only, and ingress-glb follows it.
 */
export function regionalUrlMapWarnings(model: LoadBalancerModel): Warning[] {
  const warnings: Warning[] = [];
  for (const rule of model.urlMap.hostRules) {
    for (const host of rule.hosts.filter((h) => h.startsWith("*."))) {
      warnings.push({
        code: "regional-url-map-expressible",
        message: `host "${host}": the regional URL map could match it one label deep, as Kubernetes does, with a route rule on the Host header (regexMatch); GKE's controller writes host rules only, and so does ingress-glb`,
      });
    }
  }
  return warnings;
}

/** A global component given a regional model: the Ingress is planned by RegionalIngressLoadBalancer. */
export function globalSchemeOf(model: LoadBalancerModel): LoadBalancingScheme {
  if (model.regional || model.scheme === "INTERNAL_MANAGED") {
    throw new InputError(
      `Ingress ${model.ingresses[0]} is of class "${model.regional?.className ?? "gce-internal"}", a regional load balancer`,
      { field: `metadata.annotations["${INGRESS_CLASS_ANNOTATION}"]` },
      "plan it with RegionalIngressLoadBalancer (IngressManifests does so)",
    );
  }
  return model.scheme;
}
