import { BackendModel, HealthCheckModel } from "./model";
import { BACKEND_NAME_MAX, kubernetesName } from "./names";
import { ResourceNames } from "./resource-names";

/**
 * Fast health check defaults (the GCP API's own): a ready backend takes traffic within about
 * interval x healthyThreshold = 10 s, against GKE's 60 s x 1 for instance groups.
 */
export const DEFAULT_HEALTH_CHECK: HealthCheckModel = {
  requestPath: "/",
  checkIntervalSec: 5,
  timeoutSec: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
};

/** The image GKE's own default backend runs: 404 on every path, 200 on /healthz, port 8080. */
export const DEFAULT_BACKEND_IMAGE = "registry.k8s.io/defaultbackend-amd64:1.5";
export const DEFAULT_BACKEND_CONTAINER_PORT = 8080;
export const DEFAULT_BACKEND_SERVICE_PORT = 80;

/** Name of the Kubernetes Service (and Deployment) of a load balancer's built-in 404 backend. */
export function defaultBackendServiceName(lbName: string): string {
  return kubernetesName([lbName, "default-backend"]);
}

/**
 * The built-in 404 backend the URL map's default points at when no Ingress gives one, as GKE does. Its
 * backend service is named after the load balancer; its Service and Deployment keep `serviceName`.
 */
export function builtinDefaultBackend(
  names: ResourceNames,
  placement: { namespace: string; serviceName: string; healthCheck: HealthCheckModel },
): BackendModel {
  const { namespace, serviceName: service, healthCheck } = placement;
  return {
    key: `${namespace}/${service}:${DEFAULT_BACKEND_SERVICE_PORT}`,
    name: names.of(["default-backend"], BACKEND_NAME_MAX),
    namespace,
    service,
    servicePort: DEFAULT_BACKEND_SERVICE_PORT,
    builtinDefault: true,
    healthCheck: { ...healthCheck, requestPath: "/healthz" },
  };
}
