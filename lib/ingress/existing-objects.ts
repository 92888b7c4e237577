import { InputError, Origin } from "../errors";
import { didYouMean } from "../suggest";
import { Warning } from "../translate/model";
import { Manifest, ManifestSet } from "./manifests";
import { WORKLOAD_KINDS } from "./workloads";

/**
 * Objects of the files that other tools own (Helm, Argo CD, kubectl, an operator): IngressManifests
 * reads them from the cluster at deploy time (`Resource.get`) instead of creating them, and builds only
 * the load balancer. Nothing is read unless asked: creating what already exists is an error Pulumi
 * reports at `up` ("already exists"), which is better than silently adopting or shadowing an object.
 *
 * - `services: true`: every Service of the files is read. The load balancer still plans from the
 *   manifest (ports, names, annotations: which backends exist and how they are configured), but the
 *   nodePorts the backend services, named ports and firewall rule use come from the read object, so an
 *   allocated nodePort is the cluster's, not a placeholder.
 * - `workloads: true`: every Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController
 *   and Pod of the files is read, which fails the deployment if it does not exist. Health checks follow
 *   the readiness probes of the manifests in the files, decided when planning: a probe changed in the
 *   cluster alone is not followed until the files change (the plan cannot depend on a deploy-time read).
 * - `secrets: true`: every Secret of the files is read. A TLS Secret gives its certificate from the
 *   read (a secret output, never the files' content, which may be stale); an IAP OAuth Secret its client.
 *   A Secret that the Ingresses or BackendConfigs name but the files lack is always read from the
 *   cluster, without being listed.
 * - `objects: ["Service/shop/users", "Deployment/shop/users", "Secret/shop/tls"]`: the same, per
 *   object, as `Kind/namespace/name`. Each must be an object of the files: a Service read without its
 *   manifest has no ports to plan from, and a workload no probe.
 *
 * Objects the stack created before and now marked existing: the next `up` deletes the created object
 * (its resource left the program) unless it is first removed from the state (`pulumi state delete URN`);
 * the read has another logical name (`clusterReadName`), never the created one's URN.
 */
export interface ExistingObjects {
  /** Read every Service of the files from the cluster. */
  services?: boolean;
  /** Read every workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Pod) of the files. */
  workloads?: boolean;
  /** Read every Secret of the files. */
  secrets?: boolean;
  /** Single objects, as `Kind/namespace/name` (e.g. `Service/shop/users`), Kind one of Service, Secret or a workload kind. */
  objects?: string[];
}

/** The kinds `existing` reads, and the list of the files each is in. */
const EXISTING_KINDS = ["Service", "Secret", ...WORKLOAD_KINDS] as const;
/** The words of `existing`'s per-kind switches, as the CLI spells them. */
export const EXISTING_CATEGORIES = ["services", "workloads", "secrets"] as const;

/** Which manifests IngressManifests reads from the cluster instead of creating. */
export interface ExistingDecision {
  services: Set<Manifest>;
  workloads: Set<Manifest>;
  secrets: Set<Manifest>;
  /** `namespace/name` of the Secrets read. */
  secretKeys: Set<string>;
  /** One `object-read-from-cluster` per kind, naming every object read. */
  warnings: Warning[];
}

/**
 * Decides which objects of the files are read from the cluster. An `objects` entry that is malformed,
 * of another kind, or names no object of the files is an error at `field[i]` (the CLI says `--existing`).
 */
export function decideExistingObjects(
  option: ExistingObjects | undefined,
  manifests: ManifestSet,
  field = "existing",
): ExistingDecision {
  const decision: ExistingDecision = {
    services: new Set(option?.services ? manifests.services : []),
    workloads: new Set(option?.workloads ? manifests.workloads : []),
    secrets: new Set(option?.secrets ? manifests.secrets : []),
    secretKeys: new Set(),
    warnings: [],
  };
  (option?.objects ?? []).forEach((entry, i) => {
    // The CLI names its flag; the typed API the entry.
    const at: Origin = { field: field.startsWith("--") ? field : `${field}.objects[${i}]` };
    const { kind, key } = parseObjectRef(entry, at);
    const list =
      kind === "Service" ? manifests.services : kind === "Secret" ? manifests.secrets : manifests.workloads;
    const found = list.find((m) => m.object.kind === kind && `${m.namespace}/${m.name}` === key);
    if (!found) {
      const why =
        kind === "Service"
          ? "its ports and annotations are needed to plan the load balancer: add its manifest (as `helm template` or `kubectl get -o yaml` gives it)"
          : kind === "Secret"
            ? "a Secret an Ingress or BackendConfig names that the files lack is read from the cluster without listing it"
            : "its readiness probe is read from its manifest: add it, or leave it out of existing";
      // A near name of the same kind and namespace, or the same name in another namespace.
      const [namespace, objectName] = key.split("/");
      const sameKind = list.filter((m) => m.object.kind === kind);
      const near =
        sameKind.find((m) => m.namespace === namespace && didYouMean(objectName, [m.name])) ??
        sameKind.find((m) => m.name === objectName);
      throw new InputError(
        `${kind} ${key} is listed as existing but is not in the files`,
        at,
        near ? `did you mean "${kind}/${near.namespace}/${near.name}"?` : why,
      );
    }
    const set =
      kind === "Service" ? decision.services : kind === "Secret" ? decision.secrets : decision.workloads;
    set.add(found);
  });
  for (const m of decision.secrets) decision.secretKeys.add(`${m.namespace}/${m.name}`);
  for (const [set, what, from] of [
    [decision.services, "Services", "their nodePorts come from the read objects"],
    [
      decision.workloads,
      "workloads",
      "health checks follow the readiness probes of their manifests in the files",
    ],
    [decision.secrets, "Secrets", "certificates and OAuth clients come from the read objects"],
  ] as const) {
    if (set.size === 0) continue;
    const names = [...set].map(
      (m) => (set === decision.workloads ? `${m.object.kind}/` : "") + `${m.namespace}/${m.name}`,
    );
    decision.warnings.push({
      code: "object-read-from-cluster",
      message: `${set.size} ${what} read from the cluster at deploy time (existing), not created: ${names.join(", ")}; ${from}, and the deployment fails if one is missing`,
      origin: { field },
    });
  }
  return decision;
}

/** `Kind/namespace/name` -> kind and `namespace/name`; anything else is an error at `at`. */
function parseObjectRef(entry: string, at: Origin): { kind: (typeof EXISTING_KINDS)[number]; key: string } {
  const parts = typeof entry === "string" ? entry.split("/") : [];
  if (parts.length !== 3 || parts.some((p) => p === "")) {
    throw new InputError(
      `${JSON.stringify(entry)} is not Kind/namespace/name`,
      at,
      "e.g. Service/shop/users or Deployment/default/web",
    );
  }
  const [kind, namespace, name] = parts;
  if (!(EXISTING_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(
      `existing reads Services, Secrets and workloads, not ${JSON.stringify(kind)}`,
      at,
      didYouMean(kind, EXISTING_KINDS) ?? `expected one of ${EXISTING_KINDS.join(", ")}`,
    );
  }
  return { kind: kind as (typeof EXISTING_KINDS)[number], key: `${namespace}/${name}` };
}

/**
 * The CLI's `--existing` values: comma-separated `services`, `workloads`, `secrets` or `Kind/namespace/name`
 * (repeatable). An unknown word is an error naming the flag.
 */
export function parseExistingFlag(values: readonly string[]): ExistingObjects | undefined {
  if (values.length === 0) return undefined;
  const option: ExistingObjects = {};
  for (const token of values.flatMap((v) => v.split(",")).map((t) => t.trim())) {
    if (token === "") continue;
    if ((EXISTING_CATEGORIES as readonly string[]).includes(token)) {
      option[token as (typeof EXISTING_CATEGORIES)[number]] = true;
    } else if (token.includes("/")) {
      option.objects = [...(option.objects ?? []), token];
    } else {
      throw new InputError(
        `--existing takes services, workloads, secrets or Kind/namespace/name, not ${JSON.stringify(token)}`,
        {},
        didYouMean(token, EXISTING_CATEGORIES),
      );
    }
  }
  return option;
}
