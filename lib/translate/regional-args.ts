import { InputError } from "../errors";
import { quote } from "../quote";
import { nearestResourceName, resourceNameProblem } from "./gcp-identifiers";
import { LoadBalancerModel } from "./model";

/**
 * Where a regional load balancer lives, as the library args or the CLI flags give it. Values that are
 * not plain strings (Pulumi outputs) are left to GCP.
 */
export interface RegionalClusterArgs {
  /** The cluster's region. */
  region?: unknown;
  /** The nodes' subnetwork (name or link): an internal load balancer's address is taken from it. */
  subnetwork?: unknown;
  /** The region's proxy-only subnet: its range (the firewall admits it), created here unless `exists`. */
  proxyOnlySubnet?: { ipCidrRange?: unknown; exists?: boolean };
  /** Instance group URLs: a regional backend service takes the groups of its own region only. */
  instanceGroups?: readonly unknown[];
}

export type RegionalArgNames = Record<"region" | "subnetwork" | "proxyOnlySubnet" | "instanceGroups", string>;

export const REGIONAL_ARG_NAMES: RegionalArgNames = {
  region: "region",
  subnetwork: "subnetwork",
  proxyOnlySubnet: "proxyOnlySubnet.ipCidrRange",
  instanceGroups: "instanceGroups",
};

const REGION = /^[a-z]+-[a-z]+[0-9]+$/;
const SUBNETWORK_LINK =
  /^(https:\/\/(www|compute)\.googleapis\.com\/compute\/(v1|beta|alpha)\/)?projects\/[a-z0-9][-a-z0-9.:]*\/regions\/([a-z]+-[a-z]+[0-9]+)\/subnetworks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** A region, e.g. `europe-west1`. */
export function regionProblem(region: string): string | undefined {
  return REGION.test(region) ? undefined : "expected a region such as europe-west1";
}

/** A subnetwork: its name or its link (`projects/P/regions/R/subnetworks/N`). */
export function subnetworkProblem(subnetwork: string): string | undefined {
  if (subnetwork.includes("/")) {
    return SUBNETWORK_LINK.test(subnetwork)
      ? undefined
      : "expected a subnetwork name or .../projects/P/regions/R/subnetworks/NAME";
  }
  return resourceNameProblem(subnetwork);
}

/**
 * A proxy-only subnet's range: an IPv4 CIDR with its host bits zero, /26 or larger (GCP's minimum for
 * a REGIONAL_MANAGED_PROXY subnet; Google recommends /23).
 */
export function proxyOnlyRangeProblem(range: string): string | undefined {
  const match = CIDR.exec(range);
  if (!match) return "expected an IPv4 range such as 10.129.0.0/23";
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return "expected an IPv4 range such as 10.129.0.0/23";
  if (prefix > 26) return `a proxy-only subnet needs /26 or larger (got /${prefix}; /23 is recommended)`;
  const address = octets.reduce((sum, o) => sum * 256 + o, 0);
  const hostBits = 2 ** (32 - prefix);
  if (address % hostBits !== 0) {
    const base = address - (address % hostBits);
    const text = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join(".");
    return `its host bits are not zero (did you mean ${text}/${prefix}?)`;
  }
  return undefined;
}

/**
 * Refuses regional args GCP would refuse, or that a regional load balancer lacks, when the models
 * include a regional one (a folder of global Ingresses needs none of them): no region, a region that
 * is not one, an internal load balancer without subnetwork, no proxy-only subnet range, an instance
 * group in another region.
 */
export function checkRegionalArgs(
  models: readonly Pick<LoadBalancerModel, "regional" | "ingresses">[],
  args: RegionalClusterArgs,
  names: RegionalArgNames = REGIONAL_ARG_NAMES,
): void {
  const regional = models.filter((m) => m.regional);
  if (regional.length === 0) return;
  const first = regional[0];
  const who = `Ingress ${first.ingresses[0]} (class "${first.regional?.className}")`;
  if (args.region === undefined) {
    throw new InputError(
      `${who} is a regional load balancer, and no region was given`,
      { field: names.region },
      "give the cluster's region",
    );
  }
  const internal = regional.find((m) => m.regional?.className === "gce-internal");
  if (internal && args.subnetwork === undefined) {
    throw new InputError(
      `Ingress ${internal.ingresses[0]} (class "gce-internal") takes its private address from the nodes' subnetwork, and none was given`,
      { field: names.subnetwork },
      "give the cluster's subnetwork",
    );
  }
  const range = args.proxyOnlySubnet?.ipCidrRange;
  if (range === undefined) {
    throw new InputError(
      `${who} needs the region's proxy-only subnet (purpose REGIONAL_MANAGED_PROXY): the firewall admits its range to the nodes`,
      { field: names.proxyOnlySubnet },
      "give its range: a new subnet is created with it, or say that it exists",
    );
  }
  checkRegionalArgForms(args, names);
  if (typeof args.region === "string")
    checkInstanceGroupRegions(args.region, args.instanceGroups ?? [], names);
}

/** The region of a zone (`europe-west1-b` -> `europe-west1`) or of an instance group URL's zone. */
export function regionOfZone(zoneOrUrl: string): string | undefined {
  return /(?:^|\/zones\/)([a-z]+-[a-z]+[0-9]+)-[a-z](?:$|\/)/.exec(zoneOrUrl)?.[1];
}

/** A regional backend service takes the instance groups of its own region only. */
export function checkInstanceGroupRegions(
  region: string,
  instanceGroups: readonly unknown[],
  names: RegionalArgNames = REGIONAL_ARG_NAMES,
): void {
  instanceGroups.forEach((url, i) => {
    if (typeof url !== "string" || !url.includes("/zones/")) return;
    const groupRegion = regionOfZone(url);
    if (groupRegion && groupRegion !== region) {
      throw new InputError(
        `instance group ${quote(url.slice(url.lastIndexOf("/") + 1))} is in region ${groupRegion}, and a regional load balancer in ${region} takes the groups of its own region only`,
        { field: /^--/.test(names.instanceGroups) ? names.instanceGroups : `${names.instanceGroups}[${i}]` },
        `give the region of the nodes (${groupRegion})`,
      );
    }
  });
}

/** Refuses a region, subnetwork or proxy-only range in a form GCP refuses, whether or not any is needed. */
export function checkRegionalArgForms(
  args: RegionalClusterArgs,
  names: RegionalArgNames = REGIONAL_ARG_NAMES,
): void {
  const refuse = (field: string, value: string, what: string, rule: string, hint?: string): never => {
    throw new InputError(`${quote(value)} is not a valid ${what}: ${rule}`, { field }, hint);
  };
  if (typeof args.region === "string") {
    const problem = regionProblem(args.region);
    if (problem) refuse(names.region, args.region, "region", problem);
  }
  if (typeof args.subnetwork === "string") {
    const problem = subnetworkProblem(args.subnetwork);
    if (problem) {
      const nearest = args.subnetwork.includes("/") ? undefined : nearestResourceName(args.subnetwork);
      refuse(
        names.subnetwork,
        args.subnetwork,
        "subnetwork",
        problem,
        nearest && `did you mean ${quote(nearest)}?`,
      );
    }
    const linkRegion = SUBNETWORK_LINK.exec(args.subnetwork)?.[4];
    if (linkRegion && typeof args.region === "string" && linkRegion !== args.region) {
      throw new InputError(
        `subnetwork ${quote(args.subnetwork)} is in region ${linkRegion}, not ${args.region}`,
        { field: names.subnetwork },
        "give the subnetwork of the cluster's region",
      );
    }
  }
  const range = args.proxyOnlySubnet?.ipCidrRange;
  if (typeof range === "string") {
    const problem = proxyOnlyRangeProblem(range);
    if (problem) refuse(names.proxyOnlySubnet, range, "proxy-only subnet range", problem);
  }
}
