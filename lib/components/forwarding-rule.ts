import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancingScheme } from "../translate/model";

/** Where a global forwarding rule listens and what it forwards to. */
export interface ListenerArgs {
  project?: pulumi.Input<string>;
  /** The target HTTP(S) proxy. */
  proxy: gcp.compute.TargetHttpProxy | gcp.compute.TargetHttpsProxy;
  /** The global address (IPv4 or IPv6) it listens on. */
  address: gcp.compute.GlobalAddress;
  port: 80 | 443;
  scheme: LoadBalancingScheme;
}

/** A global forwarding rule: one port of one address, sent to a proxy. */
export function globalListener(
  name: string,
  args: ListenerArgs,
  opts: pulumi.CustomResourceOptions,
): gcp.compute.GlobalForwardingRule {
  return new gcp.compute.GlobalForwardingRule(
    name,
    {
      project: args.project,
      target: args.proxy.id,
      ipAddress: args.address.address,
      ipProtocol: "TCP",
      portRange: String(args.port),
      loadBalancingScheme: args.scheme,
    },
    opts,
  );
}
