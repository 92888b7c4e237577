import * as pulumi from "@pulumi/pulumi";
import { clusterFromConfig } from "./cluster";
import { helloIngress } from "./hello-ingress";
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
};
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
