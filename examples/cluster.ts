import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IngressManifests, IngressManifestsArgs, loadManifests, nodePoolInstanceGroups } from "../lib";

/** What the load balancer needs of the cluster, however it came to be. */
export interface ClusterWiring {
  provider?: k8s.Provider;
  instanceGroups: pulumi.Input<string>[];
  nodeTags: pulumi.Input<string>[];
  network: pulumi.Input<string>;
}

/** Network tag of the example cluster's nodes; the firewall rule targets it. */
const NODE_TAG = "ingress-glb-node";

/**
 * Stack config `ingress-glb:cluster`: `create` makes a small GKE cluster in `ingress-glb:zones`;
 * `existing` takes `instanceGroups`, `nodeTags` (and `network`) and the current kubeconfig.
 */
export function clusterFromConfig(config: pulumi.Config): ClusterWiring {
  if (config.get("cluster") === "existing") {
    return {
      instanceGroups: config.requireObject<string[]>("instanceGroups"),
      nodeTags: config.requireObject<string[]>("nodeTags"),
      network: config.get("network") ?? "default",
    };
  }
  const zones = config.requireObject<string[]>("zones");
  const cluster = new gcp.container.Cluster("ingress-glb", {
    location: zones[0],
    nodeLocations: zones.slice(1),
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    deletionProtection: false,
    network: "default",
  });
  const pool = new gcp.container.NodePool("ingress-glb", {
    cluster: cluster.name,
    location: zones[0],
    nodeCount: 1,
    nodeConfig: {
      machineType: "e2-small",
      tags: [NODE_TAG],
      oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
    },
  });
  const kubeconfig = pulumi.secret(
    pulumi.interpolate`apiVersion: v1
kind: Config
clusters:
- name: gke
  cluster:
    server: https://${cluster.endpoint}
    certificate-authority-data: ${cluster.masterAuth.clusterCaCertificate}
contexts:
- name: gke
  context: {cluster: gke, user: gke}
current-context: gke
users:
- name: gke
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      provideClusterInfo: true
`,
  );
  const provider = new k8s.Provider("gke", { kubeconfig }, { dependsOn: [pool] });
  return {
    provider,
    instanceGroups: nodePoolInstanceGroups(pool, zones.length),
    nodeTags: [NODE_TAG],
    network: "default",
  };
}

/**
 * An example's manifests folder on the cluster: exactly what `ingress-glb plan DIR` plans, with the
 * cluster's instance groups, tags and Kubernetes provider.
 */
export function deployManifests(
  name: string,
  dir: string,
  cluster: ClusterWiring,
  args: Partial<Omit<IngressManifestsArgs, "manifests">> = {},
): IngressManifests {
  return new IngressManifests(
    name,
    {
      ...args,
      manifests: loadManifests([dir]),
      instanceGroups: cluster.instanceGroups,
      nodeTags: cluster.nodeTags,
      network: cluster.network,
    },
    { providers: cluster.provider ? [cluster.provider] : [] },
  );
}
