/**
 * Source ranges of Google's front ends and health checkers for global external load balancers. The
 * firewall rule opens the NodePorts to these and nothing else.
 */
export const GOOGLE_FRONT_END_RANGES = {
  ipv4: ["130.211.0.0/22", "35.191.0.0/16"],
  ipv6: ["2600:2d00:1:b029::/64", "2600:2d00:1:1::/64"],
} as const;

/**
 * Source ranges of Google's health checkers for the regional Application Load Balancers (internal and
 * external): their traffic itself comes from the region's proxy-only subnet, which the firewall admits too.
 */
export const GOOGLE_HEALTH_CHECK_RANGES = {
  ipv4: ["35.191.0.0/16", "130.211.0.0/22"],
} as const;
