import * as pulumi from "@pulumi/pulumi";
import { clusterFromConfig } from "./cluster";
import { helloIngress } from "./hello-ingress";

// One Pulumi project, one stack per example (stacks/Pulumi.<stack>.yaml): `ingress-glb:example` picks it.
const config = new pulumi.Config("ingress-glb");
const examples: Record<string, () => Record<string, unknown>> = {
  "hello-ingress": () => helloIngress(clusterFromConfig(config)),
};
const chosen = config.get("example") ?? "hello-ingress";
const run = examples[chosen];
if (!run) throw new Error(`unknown example "${chosen}"; known: ${Object.keys(examples).join(", ")}`);
const outputs = run();
export const ip = outputs.ip;
export const usersUrl = outputs.usersUrl;
export const productsUrl = outputs.productsUrl;
export const backends = outputs.backends;
