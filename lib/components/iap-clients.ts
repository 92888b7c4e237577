import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BackendModel } from "../translate/model";
import { clusterReadName } from "../translate/cluster-reads";
import { IapCredentials, clusterIapCredentials, iapCredentialsKey } from "./backend-args";

/** Where a load balancer's IAP OAuth clients come from. */
export interface IapClientArgs {
  /** Clients given (or read from the files' Secrets), by `namespace/secretName`. */
  iapCredentials?: Record<string, IapCredentials>;
  /** Keys of the IAP Secrets read from the cluster. */
  clusterIapSecrets?: readonly string[];
  /** Secrets IngressManifests already reads from the cluster, by `namespace/name`. */
  clusterSecretReads?: Record<string, k8s.core.v1.Secret>;
}

/**
 * The OAuth client of each IAP backend of a load balancer (global or regional): the one given, else
 * the one read from the cluster, each Secret read once however many backends use it.
 */
export function iapClients(
  args: IapClientArgs,
  loadBalancer: string,
  opts: (logicalName: string) => pulumi.CustomResourceOptions,
  /** Filled with the Secrets read here (not those IngressManifests read), by `namespace/name`. */
  reads: Record<string, k8s.core.v1.Secret> = {},
): (backend: BackendModel) => IapCredentials | undefined {
  const clients = new Map<string, IapCredentials>();
  const fromCluster = (key: string): IapCredentials => {
    const found = clients.get(key);
    if (found) return found;
    const readName = clusterReadName(loadBalancer, key);
    const secret =
      args.clusterSecretReads?.[key] ?? (reads[key] = k8s.core.v1.Secret.get(readName, key, opts(readName)));
    const credentials = clusterIapCredentials(secret, key);
    clients.set(key, credentials);
    return credentials;
  };
  return (backend) => {
    const secretName = backend.options?.iap?.oauthclientCredentials?.secretName;
    if (secretName === undefined) return undefined;
    const key = iapCredentialsKey(backend.namespace, secretName);
    return (
      args.iapCredentials?.[key] ?? (args.clusterIapSecrets?.includes(key) ? fromCluster(key) : undefined)
    );
  };
}
