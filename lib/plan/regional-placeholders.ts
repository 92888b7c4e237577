import { InputError } from "../errors";
import { quote } from "../quote";
import { INGRESS_CLASS_ANNOTATION } from "../ingress/annotations";
import { regionalClassNamed } from "../ingress/class-names";
import { ManifestSet } from "../ingress/manifests";
import {
  RegionalArgNames,
  checkInstanceGroupRegions,
  checkRegionalArgForms,
  regionOfZone,
} from "../translate/regional-args";
import { Warning } from "../translate/model";

/** The CLI flag of each regional option, which errors name. */
export const REGIONAL_FLAGS: RegionalArgNames = {
  region: "--region",
  subnetwork: "--subnetwork",
  proxyOnlySubnet: "--proxy-only-subnet",
  instanceGroups: "--instance-group",
};

export const PLACEHOLDER_REGION = "us-central1";
export const PLACEHOLDER_SUBNETWORK = "placeholder-subnetwork";
/** Google's documented example range of a proxy-only subnet. */
export const PLACEHOLDER_PROXY_ONLY_RANGE = "10.129.0.0/23";

/** What `ingress-glb plan` gives IngressManifests for the regional load balancers. */
export interface RegionalPlanArgs {
  region?: string;
  subnetwork?: string;
  proxyOnlySubnet?: { ipCidrRange: string; exists?: boolean };
}

/** What the flags say of the region; absent values a regional Ingress needs get marked placeholders. */
export function regionalPlanArgs(
  manifests: ManifestSet,
  flags: {
    region?: string;
    subnetwork?: string;
    proxyOnlySubnet?: string;
    proxyOnlySubnetExists?: boolean;
    instanceGroups?: string[];
    zones?: string[];
  },
  warnings: Warning[],
): RegionalPlanArgs {
  checkRegionalArgForms(
    {
      region: flags.region,
      subnetwork: flags.subnetwork,
      proxyOnlySubnet:
        flags.proxyOnlySubnet !== undefined ? { ipCidrRange: flags.proxyOnlySubnet } : undefined,
    },
    REGIONAL_FLAGS,
  );
  // Read from the class annotation alone: the component decides the rest (and refuses what is wrong).
  const classes = new Set(
    manifests.ingresses
      .map((m) => regionalClassNamed((m.object.metadata.annotations ?? {})[INGRESS_CLASS_ANNOTATION]?.trim()))
      .filter((c) => c !== undefined),
  );
  const exists = flags.proxyOnlySubnetExists === true;
  const given = {
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.subnetwork !== undefined ? { subnetwork: flags.subnetwork } : {}),
    ...(flags.proxyOnlySubnet !== undefined
      ? { proxyOnlySubnet: { ipCidrRange: flags.proxyOnlySubnet, ...(exists ? { exists } : {}) } }
      : {}),
  };
  if (classes.size === 0) return given;
  const args: RegionalPlanArgs = { ...given };
  if (args.region === undefined) {
    // The nodes' region, when their zones or instance groups say it; a placeholder otherwise.
    const nodesRegion = [...(flags.instanceGroups ?? []), ...(flags.zones ?? [])]
      .map(regionOfZone)
      .find((r) => r !== undefined);
    args.region = nodesRegion ?? PLACEHOLDER_REGION;
    warnings.push({
      code: "placeholder-region",
      message: `no region given: the regional load balancers are planned in ${args.region}, ${nodesRegion ? "the nodes' region" : "a placeholder"} (--region REGION)`,
    });
  }
  checkInstanceGroupRegions(args.region, flags.instanceGroups ?? [], REGIONAL_FLAGS);
  for (const zone of flags.zones ?? []) {
    const zoneRegion = regionOfZone(zone);
    if (zoneRegion && zoneRegion !== args.region) {
      throw new InputError(
        `zone ${quote(zone)} is in region ${zoneRegion}, and a regional load balancer in ${args.region} takes the nodes of its own region only`,
        { field: "--zone" },
        `give the region of the nodes (${zoneRegion})`,
      );
    }
  }
  if (args.subnetwork === undefined && classes.has("gce-internal")) {
    args.subnetwork = PLACEHOLDER_SUBNETWORK;
    warnings.push({
      code: "placeholder-subnetwork",
      message: `no subnetwork given: the internal load balancers take their address from "${PLACEHOLDER_SUBNETWORK}" (--subnetwork NAME)`,
    });
  }
  if (args.proxyOnlySubnet === undefined) {
    args.proxyOnlySubnet = { ipCidrRange: PLACEHOLDER_PROXY_ONLY_RANGE, ...(exists ? { exists } : {}) };
    warnings.push({
      code: "placeholder-proxy-only-subnet",
      message: `no proxy-only subnet given: planned ${exists ? "with an existing one of" : "creating one with"} placeholder range ${PLACEHOLDER_PROXY_ONLY_RANGE} (--proxy-only-subnet CIDR${exists ? "" : ", with --proxy-only-subnet-exists when the region has one"})`,
    });
  }
  return args;
}
