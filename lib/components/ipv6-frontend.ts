import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { LoadBalancingScheme } from "../translate/model";
import { ResourceNames } from "../translate/resource-names";
import { LegacyNames, aliasedOptions } from "./aliases";
import { ListenerArgs, globalListener } from "./forwarding-rule";

/** What the IPv6 side hangs on: the proxies the IPv4 address already serves. */
export interface Ipv6FrontendWiring {
  /** The load balancer's names, for the forwarding rules' logical names (and their earlier ones). */
  names: ResourceNames;
  /** The load balancer's name in descriptions. */
  label: string;
  /** Logical name of the IPv6 address (from the model). */
  addressName: string;
  project?: pulumi.Input<string>;
  scheme: LoadBalancingScheme;
  /** The :80 proxy, when the load balancer serves HTTP. */
  httpProxy?: gcp.compute.TargetHttpProxy;
  /** The :443 proxy, when it serves HTTPS. */
  httpsProxy?: gcp.compute.TargetHttpsProxy;
  /** `protect` and `retainOnDelete` of the address, as the IPv4 one's. */
  addressOptions: pulumi.CustomResourceOptions;
  /** Earlier logical names of the children. */
  legacyOf?: LegacyNames;
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
      description: `Load balancer ${wiring.label} (IPv6)`,
    },
    aliasedOptions({ ...opts, ...wiring.addressOptions }, wiring.addressName, wiring.legacyOf),
  );
  const rule = (suffix: string, proxy: ListenerArgs["proxy"], port: ListenerArgs["port"]) => {
    const name = wiring.names.of([suffix]);
    return globalListener(
      name,
      { project, proxy, address, port, scheme: wiring.scheme },
      aliasedOptions(opts, name, wiring.legacyOf),
    );
  };
  const forwardingRules = [
    ...(wiring.httpProxy ? [rule("http-ipv6", wiring.httpProxy, 80)] : []),
    ...(wiring.httpsProxy ? [rule("https-ipv6", wiring.httpsProxy, 443)] : []),
  ];
  return { address, forwardingRules };
}
