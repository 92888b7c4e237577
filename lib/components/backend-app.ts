import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ServiceInfo } from "../ingress/types";
import { ServiceBackendSource, nodePortOf } from "./backend-source";

/**
 * What BackendApp makes. Those the load balancer's translation reads (namespace, names, ports, the
 * selector's `instance`) are plain values; the rest only reach resource properties and may be outputs.
 */
export interface BackendAppArgs {
  /** Namespace of the Deployment, Service and ConfigMap. Default `default`. */
  namespace?: string;
  /** Name of the Kubernetes Service (and Deployment). Default: the component's name. */
  serviceName?: string;
  /** Container image, e.g. `node:20-alpine` or the `imageName` of a built image. */
  image: pulumi.Input<string>;
  /** Container command, e.g. `["node", "/app/server.js"]`. */
  command?: pulumi.Input<pulumi.Input<string>[]>;
  /** Port the container listens on. */
  containerPort: number;
  /** Service port the Ingress names. Default 80. */
  servicePort?: number;
  /** Name of the service port. Default `http`. */
  servicePortName?: string;
  /** Pin the nodePort; by default the cluster allocates one. */
  nodePort?: number;
  /** Pod replicas. Default 2. */
  replicas?: pulumi.Input<number>;
  /** Path of the HTTP readiness probe on the container port. Default `/`. */
  readinessPath?: pulumi.Input<string>;
  /**
   * Files mounted read-only into the container from a ConfigMap (file name to content). Given, even as
   * an output, the ConfigMap is made.
   */
  files?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Where `files` are mounted. Default `/app`. */
  filesMountPath?: pulumi.Input<string>;
  /** Environment variables of the container (name to value); a `pulumi.secret` value stays secret. */
  env?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Extra labels on every object, beside the `app.kubernetes.io/*` ones (which win). */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The `app.kubernetes.io/instance` label, part of the Deployment's selector (which cannot change
   * without replacing the Deployment). Default: the component's name.
   */
  instance?: string;
}

/**
 * A backend of the load balancer: a Deployment with a readiness probe behind a NodePort Service (and a
 * ConfigMap when it serves files), labelled the `app.kubernetes.io/*` way.
 */
export class BackendApp extends pulumi.ComponentResource implements ServiceBackendSource {
  /** The Deployment of the Pods. */
  readonly deployment: k8s.apps.v1.Deployment;
  /** The NodePort Service the load balancer sends traffic to. */
  readonly service: k8s.core.v1.Service;
  /** The ConfigMap of `files`, when given. */
  readonly configMap?: k8s.core.v1.ConfigMap;
  /** What the translation knows of the Service. */
  readonly serviceInfo: ServiceInfo;
  /** The Service, for dependencies. */
  readonly resource: pulumi.Resource;

  constructor(name: string, args: BackendAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ingress-glb:index:BackendApp", name, {}, opts);
    const namespace = args.namespace ?? "default";
    const serviceName = args.serviceName ?? name;
    const servicePort = args.servicePort ?? 80;
    const portName = args.servicePortName ?? "http";
    const selector = {
      "app.kubernetes.io/name": serviceName,
      "app.kubernetes.io/instance": args.instance ?? name,
    };
    const ownLabels = { ...selector, "app.kubernetes.io/managed-by": "ingress-glb" };
    // The user's labels may be an output: merged once known, ours winning.
    const labels =
      args.labels === undefined
        ? ownLabels
        : pulumi.output(args.labels).apply((extra) => ({ ...extra, ...ownLabels }));
    const metadata = { name: serviceName, namespace, labels };
    const child = { parent: this };

    if (args.files !== undefined) {
      this.configMap = new k8s.core.v1.ConfigMap(
        `${name}-files`,
        { metadata: { ...metadata, name: `${serviceName}-files` }, data: args.files },
        child,
      );
    }
    const mountPath = args.filesMountPath ?? "/app";
    this.deployment = new k8s.apps.v1.Deployment(
      name,
      {
        metadata,
        spec: {
          replicas: args.replicas ?? 2,
          selector: { matchLabels: selector },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: serviceName,
                  image: args.image,
                  command: args.command,
                  ports: [{ name: portName, containerPort: args.containerPort }],
                  env: pulumi
                    .output(args.env ?? {})
                    .apply((env) =>
                      Object.entries(env).map(([envName, value]) => ({ name: envName, value })),
                    ),
                  readinessProbe: {
                    httpGet: { path: args.readinessPath ?? "/", port: args.containerPort },
                    periodSeconds: 5,
                  },
                  volumeMounts: this.configMap ? [{ name: "files", mountPath, readOnly: true }] : undefined,
                },
              ],
              volumes: this.configMap
                ? [{ name: "files", configMap: { name: this.configMap.metadata.name } }]
                : undefined,
            },
          },
        },
      },
      child,
    );
    this.service = new k8s.core.v1.Service(
      name,
      {
        metadata,
        spec: {
          type: "NodePort",
          selector,
          ports: [
            {
              name: portName,
              port: servicePort,
              targetPort: args.containerPort,
              protocol: "TCP",
              nodePort: args.nodePort,
            },
          ],
        },
      },
      child,
    );
    this.resource = this.service;
    this.serviceInfo = {
      name: serviceName,
      namespace,
      type: "NodePort",
      ports: [
        {
          name: portName,
          port: servicePort,
          targetPort: args.containerPort,
          nodePort: args.nodePort,
          protocol: "TCP",
        },
      ],
      annotations: {},
      selector,
      origin: { object: `BackendApp/${namespace}/${name}` },
    };
    this.registerOutputs({ service: this.service.metadata.name, nodePort: this.nodePort(servicePort) });
  }

  nodePort(servicePort: number): pulumi.Output<number> {
    return nodePortOf(this.service.spec.ports, this.serviceInfo.name, servicePort);
  }
}
