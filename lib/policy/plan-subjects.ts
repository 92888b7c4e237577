import { Plan } from "../plan/types";
import { PolicySubject } from "./subject";

// Outputs an offline plan stands in for with placeholders (IDs, self links, names, addresses) are what
// references between resources hold, so they join the inputs; nested placeholders (NodePorts) are not
// needed by any rule.
const TOP_LEVEL = /^[A-Za-z_$][\w$]*$/;

/** The plan's cloud resources as the policy rules see them: inputs plus the placeholder outputs. */
export function planSubjects(plan: Plan): PolicySubject[] {
  const outputs = new Map<string, Record<string, unknown>>();
  for (const placeholder of plan.placeholders ?? []) {
    if (!TOP_LEVEL.test(placeholder.property)) continue;
    const props = outputs.get(placeholder.urn) ?? {};
    props[placeholder.property] = placeholder.value;
    outputs.set(placeholder.urn, props);
  }
  return plan.resources
    .filter((r) => !r.component && !r.type.startsWith("pulumi:"))
    .map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: { ...outputs.get(r.urn), ...r.inputs },
      protect: r.options?.protect === true,
      retainOnDelete: r.options?.retainOnDelete === true,
      read: r.read === true,
    }));
}
