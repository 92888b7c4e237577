import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// `pulumi preview --policy-pack policy` runs this; the rules are lib/policy/rules.ts, which
// `ingress-glb plan --policy` also runs offline.
new PolicyPack("ingress-glb", { policies });
