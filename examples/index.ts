import * as pulumi from "@pulumi/pulumi";
import { regionOfZone } from "../lib/translate/regional-args";
import { clusterFromConfig } from "./cluster";
import { helloIngress } from "./hello-ingress";
import { internal } from "./internal";
import { multiTeam } from "./multi-team";
import { certificateFromConfig, helloIngressTls } from "./tls";

// One Pulumi project, one stack per example (stacks/Pulumi.<stack>.yaml): `ingress-glb:example` picks it.
const config = new pulumi.Config("ingress-glb");
const examples: Record<string, () => Record<string, unknown>> = {
  "hello-ingress": () => helloIngress(clusterFromConfig(config)),
  tls: () =>
    helloIngressTls(clusterFromConfig(config), {
      // `ingress-glb:tlsSecretFrom: cluster`: the Secret is already in the cluster, read at deploy time.
      certificate: config.get("tlsSecretFrom") === "cluster" ? undefined : certificateFromConfig(config),
      redirectToHttps: config.getBoolean("redirectToHttps"),
    }),
  "multi-team": () => multiTeam(clusterFromConfig(config), { ipv6: config.getBoolean("ipv6") }),
  internal: () =>
    internal(clusterFromConfig(config), {
      region: regionOfNodes(config),
      subnetwork: config.get("subnetwork") ?? "default",
      proxyOnlySubnet: config.require("proxyOnlySubnet"),
      proxyOnlySubnetExists: config.getBoolean("proxyOnlySubnetExists"),
    }),
};
/** The cluster's region, from its zones (cluster "create") or its instance groups' zone ("existing"). */
function regionOfNodes(cfg: pulumi.Config): string {
  const where = [
    ...(cfg.getObject<string[]>("zones") ?? []),
    ...(cfg.getObject<string[]>("instanceGroups") ?? []),
  ];
  const region = where.map(regionOfZone).find((r) => r !== undefined);
  if (!region)
    throw new Error("the internal example needs ingress-glb:zones or instanceGroups, to know the region");
  return region;
}

const chosen = config.get("example") ?? "hello-ingress";
const run = examples[chosen];
if (!run) throw new Error(`unknown example "${chosen}"; known: ${Object.keys(examples).join(", ")}`);
const outputs = run();
export const ip = outputs.ip;
export const usersUrl = outputs.usersUrl;
export const productsUrl = outputs.productsUrl;
export const backends = outputs.backends;
export const ipv6 = outputs.ipv6;
export const teamAUrl = outputs.teamAUrl;
export const teamBUrl = outputs.teamBUrl;
export const internalIp = outputs.internalIp;
export const ordersUrl = outputs.ordersUrl;
