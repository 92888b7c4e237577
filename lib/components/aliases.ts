import * as pulumi from "@pulumi/pulumi";

/** Earlier logical name of a child, given its current one; undefined when it never changed. */
export type LegacyNames = (logical: string) => string | undefined;

/** `opts` for a child named `logical`, aliased to its earlier name when it had another. */
export function aliasedOptions(
  opts: pulumi.CustomResourceOptions,
  logical: string,
  legacyOf: LegacyNames | undefined,
): pulumi.CustomResourceOptions {
  const old = legacyOf?.(logical);
  return old !== undefined && old !== logical
    ? { ...opts, aliases: [...(opts.aliases ?? []), { name: old }] }
    : opts;
}
