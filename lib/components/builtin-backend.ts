import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_BACKEND_CONTAINER_PORT,
  DEFAULT_BACKEND_IMAGE,
  defaultBackendServiceName,
} from "../translate/default-backend";
import { BackendModel } from "../translate/model";
import { BackendApp } from "./backend-app";

/**
 * The built-in 404 backend a load balancer (global or regional) serves when no Ingress gives a default:
 * GKE's default-http-backend image behind a Service of the model's name, named after the load balancer.
 */
export function builtinBackendApp(
  loadBalancer: string,
  builtin: BackendModel,
  opts: pulumi.ComponentResourceOptions,
): BackendApp {
  return new BackendApp(
    defaultBackendServiceName(loadBalancer),
    {
      serviceName: builtin.service,
      // The selector is immutable: it names the Service, which is stable, not the logical name.
      instance: builtin.service,
      namespace: builtin.namespace,
      image: DEFAULT_BACKEND_IMAGE,
      containerPort: DEFAULT_BACKEND_CONTAINER_PORT,
      servicePort: builtin.servicePort,
      readinessPath: builtin.healthCheck.requestPath,
      replicas: 1,
    },
    opts,
  );
}
