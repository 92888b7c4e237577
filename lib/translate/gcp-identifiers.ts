import { GCP_NAME_MAX, GCP_NAME_PATTERN } from "./names";

/**
 * The forms GCP accepts for the identifiers a user gives it (names of existing resources, the project,
 * network tags, links): each check returns why a value is refused, or undefined when GCP takes it.
 */

const RESOURCE_NAME_RULE = `lowercase letters, digits and "-", starting with a letter, not ending with "-", at most ${GCP_NAME_MAX} characters`;

/** A Compute Engine resource name (an address, a network): `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63. */
export function resourceNameProblem(name: string): string | undefined {
  return GCP_NAME_PATTERN.test(name) && name.length <= GCP_NAME_MAX ? undefined : RESOURCE_NAME_RULE;
}

/** The valid name nearest to `name`, for a "did you mean": lowercased, other characters as "-". */
export function nearestResourceName(name: string): string | undefined {
  const candidate = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-0-9]+|-+$/g, "")
    .slice(0, GCP_NAME_MAX)
    .replace(/-+$/, "");
  return candidate !== "" && candidate !== name && resourceNameProblem(candidate) === undefined
    ? candidate
    : undefined;
}

/** A network tag: 1-63 lowercase letters, digits and "-", starting with a letter, ending with a letter or digit. */
export function networkTagProblem(tag: string): string | undefined {
  return /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(tag)
    ? undefined
    : '1-63 lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
}

const PROJECT_ID = "[a-z][-a-z0-9]{4,28}[a-z0-9]";
/** Legacy domain-scoped projects are written `example.com:project-id`. */
const PROJECT_ID_FORM = new RegExp(`^([a-z0-9][-a-z0-9.]*\\.[a-z]{2,}:)?${PROJECT_ID}$`);

/** A project ID: 6-30 lowercase letters, digits and "-", starting with a letter (or `domain.com:id`). */
export function projectIdProblem(project: string): string | undefined {
  return PROJECT_ID_FORM.test(project)
    ? undefined
    : '6-30 lowercase letters, digits and "-", starting with a letter and not ending with "-" (or domain.com:project-id)';
}

/** `https://www.googleapis.com/compute/v1/` (or compute.googleapis.com, beta, alpha), optional in links. */
const API_PREFIX = "(https://(www|compute)\\.googleapis\\.com/compute/(v1|beta|alpha)/)?";
/** The project segment of a link; loose, since links come from the API (and tests use short IDs). */
const LINK_PROJECT = "[a-z0-9][-a-z0-9.:]*";
const NAME = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?";
const ZONE = "[a-z]+-[a-z]+[0-9]+-[a-z]";
const NETWORK_LINK = new RegExp(`^${API_PREFIX}projects/${LINK_PROJECT}/global/networks/${NAME}$`);
const INSTANCE_GROUP_LINK = new RegExp(
  `^${API_PREFIX}projects/${LINK_PROJECT}/zones/${ZONE}/instanceGroups/${NAME}$`,
);

/** A VPC network: its name, or its link (`projects/P/global/networks/N`, with or without the API URL). */
export function networkProblem(network: string): string | undefined {
  if (network.includes("/")) {
    return NETWORK_LINK.test(network)
      ? undefined
      : "expected a network name or .../projects/P/global/networks/NAME";
  }
  return resourceNameProblem(network);
}

/** A zone, e.g. `europe-west1-b`. */
export function zoneProblem(zone: string): string | undefined {
  return new RegExp(`^${ZONE}$`).test(zone) ? undefined : "expected a zone such as europe-west1-b";
}

/** An instance group link, `.../projects/P/zones/Z/instanceGroups/N`; a manager's link is named as such. */
export function instanceGroupUrlProblem(url: string): string | undefined {
  if (INSTANCE_GROUP_LINK.test(url)) return undefined;
  return url.includes("/instanceGroupManagers/")
    ? "that is an instance group manager URL; use the node pool's managedInstanceGroupUrls, not instanceGroupUrls"
    : "expected https://www.googleapis.com/compute/v1/projects/PROJECT/zones/ZONE/instanceGroups/NAME";
}
