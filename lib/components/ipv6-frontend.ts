import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancingScheme } from "../translate/model";
import { gcpName } from "../translate/names";
import { ListenerArgs, globalListener } from "./forwarding-rule";

/** What the IPv6 side hangs on: the proxies the IPv4 address already serves. */
export interface Ipv6FrontendWiring {
  /** The load balancer's name, for the forwarding rules' logical names. */
  name: string;
  /** Logical name of the IPv6 address (from the model). */
  addressName: string;
  project?: pulumi.Input<string>;
  scheme: LoadBalancingScheme;
  /** The :80 proxy, when the load balancer serves HTTP. */
  httpProxy?: gcp.compute.TargetHttpProxy;
  /** The :443 proxy, when it serves HTTPS. */
  httpsProxy?: gcp.compute.TargetHttpsProxy;
  /** Protect the address from deletion, like the IPv4 one. */
  protect: boolean;
}

export interface Ipv6FrontendResources {
  address: gcp.compute.GlobalAddress;
  forwardingRules: gcp.compute.GlobalForwardingRule[];
}

/**
 * A reserved global IPv6 address with forwarding rules to the same proxies as the IPv4 address. Google's
 * front ends end the client's IPv6 connection and reach instance-group backends over IPv4 from the
 * usual ranges, so the firewall rule needs no IPv6 range.
 */
export function registerIpv6Frontend(
  wiring: Ipv6FrontendWiring,
  opts: pulumi.CustomResourceOptions,
): Ipv6FrontendResources {
  const { project } = wiring;
  const address = new gcp.compute.GlobalAddress(
    wiring.addressName,
    {
      project,
      addressType: "EXTERNAL",
      ipVersion: "IPV6",
      description: `Load balancer ${wiring.name} (IPv6)`,
    },
    // Losing a reserved address loses the DNS (AAAA) records that point at it.
    { ...opts, protect: wiring.protect },
  );
  const rule = (suffix: string, proxy: ListenerArgs["proxy"], port: ListenerArgs["port"]) =>
    globalListener(
      gcpName([wiring.name, suffix]),
      { project, proxy, address, port, scheme: wiring.scheme },
      opts,
    );
  const forwardingRules = [
    ...(wiring.httpProxy ? [rule("http-ipv6", wiring.httpProxy, 80)] : []),
    ...(wiring.httpsProxy ? [rule("https-ipv6", wiring.httpsProxy, 443)] : []),
  ];
  return { address, forwardingRules };
}
