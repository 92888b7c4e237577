import { InputError } from "../errors";
import { quote } from "../quote";
import {
  instanceGroupUrlProblem,
  nearestResourceName,
  networkProblem,
  networkTagProblem,
  projectIdProblem,
  zoneProblem,
} from "./gcp-identifiers";
import { checkInstanceGroupCount } from "./limits";

/**
 * Where the nodes are, as the library args or the CLI flags give it. Values that are not plain strings
 * (Pulumi outputs, known only at apply time) are left to GCP.
 */
export interface ClusterArgs {
  project?: unknown;
  network?: unknown;
  nodeTags?: readonly unknown[];
  instanceGroups?: readonly unknown[];
  zones?: readonly unknown[];
}

/** What errors call each arg: the library's field names by default, the CLI passes its flags. */
export type ClusterArgNames = Record<keyof ClusterArgs, string>;

export const CLUSTER_ARG_NAMES: ClusterArgNames = {
  project: "project",
  network: "network",
  nodeTags: "nodeTags",
  instanceGroups: "instanceGroups",
  zones: "zones",
};

/**
 * Refuses cluster args GCP would refuse at apply time, or would take in a harmful way: an invalid
 * project ID, network or zone; a network tag GCP refuses; an empty `nodeTags` (a firewall rule without
 * target tags applies to every instance of the network); a malformed or repeated instance group link
 * (two identical backends and named ports).
 */
export function checkClusterArgs(args: ClusterArgs, names: ClusterArgNames = CLUSTER_ARG_NAMES): void {
  const refuse = (field: string, value: string, what: string, rule: string, hint?: string): never => {
    throw new InputError(`${quote(value)} is not a valid ${what}: ${rule}`, { field }, hint);
  };
  const indexed = (name: string, i: number) => (/^--/.test(name) ? name : `${name}[${i}]`);

  if (typeof args.project === "string") {
    const problem = projectIdProblem(args.project);
    if (problem) refuse(names.project, args.project, "project ID", problem);
  }
  if (typeof args.network === "string") {
    const problem = networkProblem(args.network);
    if (problem) {
      const nearest = nearestResourceName(args.network);
      refuse(names.network, args.network, "network", problem, nearest && `did you mean ${quote(nearest)}?`);
    }
  }
  if (args.nodeTags !== undefined) {
    if (args.nodeTags.length === 0) {
      throw new InputError(
        "no network tag given: a firewall rule without target tags applies to every instance of the network",
        { field: names.nodeTags },
        "give the network tags of the cluster's nodes",
      );
    }
    args.nodeTags.forEach((tag, i) => {
      if (typeof tag !== "string") return;
      const problem = networkTagProblem(tag);
      if (problem) {
        const nearest = nearestResourceName(tag);
        refuse(
          indexed(names.nodeTags, i),
          tag,
          "network tag",
          problem,
          nearest && `did you mean ${quote(nearest)}?`,
        );
      }
    });
  }
  (args.zones ?? []).forEach((zone, i) => {
    if (typeof zone !== "string") return;
    const problem = zoneProblem(zone);
    if (problem) refuse(indexed(names.zones, i), zone, "zone", problem);
  });
  const groups = args.instanceGroups ?? [];
  checkInstanceGroupCount(groups.length);
  const seen = new Map<string, number>();
  groups.forEach((url, i) => {
    if (typeof url !== "string") return;
    const problem = instanceGroupUrlProblem(url);
    if (problem) refuse(indexed(names.instanceGroups, i), url, "instance group URL", problem);
    const first = seen.get(url);
    if (first !== undefined) {
      throw new InputError(
        `instance group ${quote(url.slice(url.lastIndexOf("/") + 1))} is given twice: it would get two identical backends and named ports`,
        { field: indexed(names.instanceGroups, i) },
        /^--/.test(names.instanceGroups)
          ? "give each group once"
          : `first at ${names.instanceGroups}[${first}]`,
      );
    }
    seen.set(url, i);
  });
}
