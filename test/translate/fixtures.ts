import { IngressPath, NormalizedIngress, PathType, ServiceInfo } from "../../lib/ingress/types";

/** A NodePort Service with one port 80 named http. */
export function nodePortService(
  name: string,
  namespace = "default",
  extra: Partial<ServiceInfo> = {},
): ServiceInfo {
  return {
    name,
    namespace,
    type: "NodePort",
    ports: [{ name: "http", port: 80, targetPort: 8080 }],
    annotations: {},
    origin: { object: `Service/${namespace}/${name}` },
    ...extra,
  };
}

/** A path entry: `[path, pathType, service, port?]`. */
export type PathSpec = [string, PathType, string, (number | string)?];

export function ingressPath(
  [path, pathType, service, port]: PathSpec,
  field = "spec.rules[0].http.paths[0]",
): IngressPath {
  return {
    path,
    pathType,
    backend: { service, port: port ?? 80, origin: { field: `${field}.backend` } },
    origin: { field },
  };
}

/** An Ingress with one rule per `rules` entry (host undefined = no host). */
export function ingress(
  rules: { host?: string; paths: PathSpec[] }[],
  extra: Partial<NormalizedIngress> = {},
): NormalizedIngress {
  const name = extra.name ?? "hello-ingress";
  const namespace = extra.namespace ?? "default";
  return {
    name,
    namespace,
    annotations: {},
    rules: rules.map((rule, r) => ({
      host: rule.host,
      paths: rule.paths.map((p, i) => ingressPath(p, `spec.rules[${r}].http.paths[${i}]`)),
      origin: { object: `Ingress/${namespace}/${name}`, field: `spec.rules[${r}]` },
    })),
    tls: [],
    origin: { object: `Ingress/${namespace}/${name}` },
    ...extra,
  };
}

/** The seed's Ingress: `/users/*` and `/products/*` on any host. */
export function seedIngress(extra: Partial<NormalizedIngress> = {}): NormalizedIngress {
  return ingress(
    [
      {
        paths: [
          ["/users/*", "ImplementationSpecific", "users-node-svc"],
          ["/products/*", "ImplementationSpecific", "products-node-svc"],
        ],
      },
    ],
    extra,
  );
}

export const seedServices = (): ServiceInfo[] => [
  nodePortService("users-node-svc"),
  nodePortService("products-node-svc"),
];
