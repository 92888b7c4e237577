import * as pulumi from "@pulumi/pulumi";

/**
 * Aliases handed to the SDK as URNs. The SDK turns an alias spec (`{ name }`, `{ type }`) into a chain of
 * Outputs (and an Error with its stack) that the resource keeps while the program runs; a URN string costs
 * it a fraction of that. Every resource of a stack made by 0.1.0 carries one alias, so at 8,000 resources
 * the difference is tens of megabytes. The URN a spec stands for is known when the resource is built:
 * stack, project, the type chain of the parent, type and name. `aliasesAsUrns` rewrites the specs whose
 * URN it can tell exactly, as the engine would collapse them, and leaves every other alias as it is.
 */

/** What is known of a resource built under `aliasesAsUrns`, for the aliases of its children. */
interface Lineage {
  /** The type chain of its URN: its ancestors' types and its own, joined by `$` (the stack left out). */
  chain: string;
  /**
   * True when every earlier URN the engine may pair it with has this same type chain (its aliases only
   * rename it, and so do its ancestors'): an alias naming it as parent then has one URN, whichever it was.
   */
  sameChainBefore: boolean;
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const ROOT: Lineage = { chain: "", sameChainBefore: true };
const lineages = new WeakMap<pulumi.Resource, Lineage>();

/** The lineage of a parent: the stack's children have no chain; undefined for a parent built elsewhere. */
function lineageOf(parent: pulumi.Resource | undefined): Lineage | undefined {
  if (parent === undefined || pulumi.resourceType(parent) === STACK_TYPE) return ROOT;
  return lineages.get(parent);
}

const under = (chain: string, type: string) => (chain === "" ? type : `${chain}$${type}`);

function urn(stack: string, project: string, chain: string, name: string): string {
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

/** The type chain of a URN (`a$b$c`). */
function chainOfUrn(urn: string): string {
  const head = urn.slice(0, urn.lastIndexOf("::"));
  return head.slice(head.lastIndexOf("::") + 2);
}

/**
 * The URN `alias` stands for, for a resource `type` named `name` under `parent`; undefined when it holds an
 * Output or names a parent whose earlier URNs are not known here. An explicit parent is taken as the
 * engine takes it, at the URN it had before, which has its current chain when `sameChainBefore`.
 */
function aliasUrn(
  alias: pulumi.Input<string | pulumi.Alias>,
  type: string,
  name: string,
  parent: Lineage,
): string | undefined {
  if (typeof alias === "string") return alias;
  if (alias === null || typeof alias !== "object" || pulumi.Output.isInstance(alias)) return undefined;
  if (alias instanceof Promise) return undefined;
  const spec = alias as pulumi.Alias;
  const fields = [spec.name, spec.type, spec.stack, spec.project];
  if (fields.some((field) => field !== undefined && typeof field !== "string")) return undefined;
  let from: Lineage | undefined = parent;
  if (Object.prototype.hasOwnProperty.call(spec, "parent")) {
    if (spec.parent === undefined) from = ROOT;
    else if (!pulumi.Resource.isInstance(spec.parent)) return undefined;
    else from = lineageOf(spec.parent);
    if (from === undefined || !from.sameChainBefore) return undefined;
  }
  // Blank fields take the resource's own, as the engine reads them.
  return urn(
    (spec.stack as string | undefined) || pulumi.getStack(),
    (spec.project as string | undefined) || pulumi.getProject(),
    under(from.chain, (spec.type as string | undefined) || type),
    (spec.name as string | undefined) || name,
  );
}

/**
 * A resource transformation (inherited by every descendant) that gives the SDK each alias it can as its
 * URN. It learns the type chain of each resource it sees; under a parent it has not seen (a component of
 * the user's program above ours) it changes nothing, which is as correct and only costs the memory.
 */
export const aliasesAsUrns: pulumi.ResourceTransformation = ({ resource, type, name, props, opts }) => {
  const parent = lineageOf(opts.parent);
  if (parent === undefined) return undefined;
  const chain = under(parent.chain, type);
  const given = opts.aliases ?? [];
  const aliases = given.map((alias) => aliasUrn(alias, type, name, parent) ?? alias);
  lineages.set(resource, {
    chain,
    sameChainBefore:
      parent.sameChainBefore && aliases.every((a) => typeof a === "string" && chainOfUrn(a) === chain),
  });
  return given.length > 0 ? { props, opts: { ...opts, aliases } } : undefined;
};

/** `opts` of a component with `aliasesAsUrns` among its transformations, unless an ancestor has it. */
export function withAliasUrns<T extends pulumi.ResourceOptions>(opts: T | undefined): T {
  const own = (opts ?? {}) as T;
  if (opts?.parent !== undefined && lineages.has(opts.parent)) return own;
  return { ...own, transformations: [...(own.transformations ?? []), aliasesAsUrns] };
}

/**
 * The URN of a resource `type` named `name` under `parent` as it stood before (its current chain), when
 * `parent` was built under `aliasesAsUrns` and its earlier URNs share that chain; undefined otherwise.
 */
export function childUrn(parent: pulumi.Resource, type: string, name: string): string | undefined {
  const lineage = lineageOf(parent);
  if (lineage === undefined || !lineage.sameChainBefore) return undefined;
  return urn(pulumi.getStack(), pulumi.getProject(), under(lineage.chain, type), name);
}
