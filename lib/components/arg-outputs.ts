import * as pulumi from "@pulumi/pulumi";
import { NameOrArg } from "../translate/model";

/**
 * The names args give as `pulumi.Input`, as the pure core takes them: a plain string as it is (checked
 * there), anything else (an output, a promise) as the arg's field path. The component registering the
 * resources builds the same table from the same args, and resolves each path back to the arg's value.
 */
export class ArgOutputs {
  private readonly values = new Map<string, pulumi.Input<string>>();

  /** `value` for the core: itself when a plain string, else a reference to the arg `field`. */
  name(value: pulumi.Input<string>, field: string): NameOrArg {
    if (typeof value === "string") return value;
    this.values.set(field, value);
    return { arg: field };
  }

  /** The value a model name stands for: the plain name, or the arg's own Input. */
  resolve(name: NameOrArg): pulumi.Input<string> {
    if (typeof name === "string") return name;
    const value = this.values.get(name.arg);
    if (value === undefined) throw new Error(`no arg ${name.arg} was given as an output`);
    return value;
  }
}
