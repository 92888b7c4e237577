import * as pulumi from "@pulumi/pulumi";
import { formatOrigin } from "../errors";
import { Warning } from "../translate/model";

/**
 * How a warning reads in `pulumi preview` and `pulumi up`, under the resource it was logged on: its code
 * first (what to search the docs for), then where it comes from.
 */
export function warningLogMessage(warning: Warning): string {
  const where = warning.origin ? formatOrigin(warning.origin) : "";
  return `${warning.code}: ${warning.message}${where ? ` [${where}]` : ""}`;
}

/** Logs each warning once on `resource`: the model's warnings reach `pulumi preview`/`up`, not only the CLI. */
export function logWarnings(warnings: readonly Warning[], resource: pulumi.Resource): void {
  // pulumi.log sends the message once the resource's URN is known, and never rejects.
  for (const warning of warnings) void pulumi.log.warn(warningLogMessage(warning), resource);
}
