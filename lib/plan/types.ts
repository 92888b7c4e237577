import { Warning } from "../translate/model";

/** The marker that stands for a secret value in a plan: secrets never appear in clear. */
export const SECRET_MARKER = "[secret]";

/** One registration the recording engine saw. */
export interface PlannedResource {
  /** Pulumi type token, e.g. `gcp:compute/uRLMap:URLMap`. */
  type: string;
  name: string;
  urn: string;
  /** URN of the parent, or null for a root resource. */
  parent: string | null;
  /** Inputs as registered; secret values replaced by SECRET_MARKER. */
  inputs: Record<string, unknown>;
  /** URNs this registration depends on, as the SDK sent them. */
  dependencies: string[];
  /** Property paths (e.g. `privateKey`, `data.tls.key`) whose values were secret. */
  secretPaths: string[];
  /** True for a resource looked up (`Resource.get`) rather than created. */
  read?: boolean;
  /** The ID a read looked up (e.g. the existing address's name); absent for created resources. */
  id?: string;
  /** True for a ComponentResource (no cloud object of its own). */
  component?: boolean;
  /** Resource options the SDK sent. */
  options?: {
    protect?: boolean;
    deleteBeforeReplace?: boolean;
    retainOnDelete?: boolean;
    aliases?: string[];
    replaceOnChanges?: string[];
    ignoreChanges?: string[];
  };
}

export type LogSeverity = "debug" | "info" | "warning" | "error";

/** A message the program logged with `pulumi.log` (as `pulumi preview` shows it under its resource). */
export interface LoggedMessage {
  severity: LogSeverity;
  message: string;
  /** URN of the resource it was logged on; empty when it names none. */
  urn: string;
}

/** A route of the plan: where a GCE host/path pattern sends requests. */
export interface PlannedRoute {
  host: string;
  path: string;
  /** Kubernetes Service name, or null for the built-in 404 default backend. */
  service: string | null;
  namespace: string | null;
  port: number | null;
  /** URN of the GCP backend service. */
  backendService: string;
}

/** A value the cloud or the cluster decides, replaced by a deterministic stand-in in an offline plan. */
export interface Placeholder {
  /** URN of the resource whose output it stands for. */
  urn: string;
  /** Output property, e.g. `spec.ports[0].nodePort` or `selfLink`. */
  property: string;
  value: unknown;
}

/** The `plan --json` object. */
export interface Plan {
  resources: PlannedResource[];
  routes: PlannedRoute[];
  warnings: Warning[];
  placeholders?: Placeholder[];
}
