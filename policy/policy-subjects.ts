import { PolicyResource, ResourceValidationArgs, UnknownValueError } from "@pulumi/policy";
import { PolicySubject, UNKNOWN } from "../lib/policy/subject";

/**
 * CrossGuard's props throw UnknownValueError on a value not known during preview, which would abandon a
 * whole stack policy; copying them with UNKNOWN in its place lets each rule skip only what it cannot see.
 */
export function plainProps(props: unknown): unknown {
  if (props === null || typeof props !== "object") return props;
  const read = (key: string | number): unknown => {
    try {
      return plainProps((props as Record<string | number, unknown>)[key]);
    } catch (err) {
      if (err instanceof UnknownValueError) return UNKNOWN;
      throw err;
    }
  };
  if (Array.isArray(props)) return Array.from({ length: props.length }, (_, i) => read(i));
  return Object.fromEntries(Object.keys(props).map((key) => [key, read(key)]));
}

/**
 * The resource of `validateResource`: the engine validates only resources it registers, never reads.
 * CrossGuard does not say whether a resource was read or created, nor whether it is retained on delete:
 * `read` and `retainOnDelete` are false here.
 */
export function resourceSubject(
  args: Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props" | "opts">,
): PolicySubject {
  return {
    type: args.type,
    name: args.name,
    urn: args.urn,
    props: plainProps(args.props) as Record<string, unknown>,
    protect: args.opts.protect === true,
    retainOnDelete: false,
    read: false,
  };
}

/** A resource of `validateStack`: the same, with the dependencies of each property. */
export function stackSubject(resource: PolicyResource): PolicySubject {
  return {
    ...resourceSubject(resource),
    propertyDependencies: Object.fromEntries(
      Object.entries(resource.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
    ),
  };
}
