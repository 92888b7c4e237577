import * as path from "node:path";
import { deployManifests } from "../../examples/cluster";
import { helloIngress } from "../../examples/hello-ingress";
import { internal } from "../../examples/internal";
import { multiTeam } from "../../examples/multi-team";
import { helloIngressTls } from "../../examples/tls";
import { recordPlan } from "../../lib/plan/engine";
import { Plan } from "../../lib/plan/types";
import { TEST_CERTIFICATE } from "./test-certificates";

/** The cluster every example stack is planned on: one zonal instance group, one node tag. */
export const EXAMPLE_WIRING = {
  instanceGroups: [
    "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-hello-grp",
  ],
  nodeTags: ["gke-hello-node"],
  network: "default",
};

/** Each example stack of `stacks/`, as its program registers it (the cluster given, not created). */
export const EXAMPLE_STACKS: Record<string, () => unknown> = {
  "hello-ingress": () => helloIngress(EXAMPLE_WIRING),
  tls: () => helloIngressTls(EXAMPLE_WIRING, { certificate: TEST_CERTIFICATE }),
  // The tls stack with `ingress-glb:tlsSecretFrom: cluster`: its Secret read from the cluster.
  "tls-cluster-secret": () => helloIngressTls(EXAMPLE_WIRING, {}),
  "multi-team": () => multiTeam(EXAMPLE_WIRING),
  "multi-team-ipv6": () => multiTeam(EXAMPLE_WIRING, { ipv6: true }),
  internal: () =>
    internal(EXAMPLE_WIRING, {
      region: "asia-northeast3",
      subnetwork: "default",
      proxyOnlySubnet: "10.129.0.0/23",
    }),
  // ClusterIP Services served through NEGs: the folder test/fixtures/neg as a program.
  "container-native": () =>
    deployManifests("container-native", path.resolve(__dirname, "../fixtures/neg"), EXAMPLE_WIRING),
};

/** The example stacks ingress-glb 0.1.0 recorded (test/fixtures/v0.1.0): the later ones have no 0.1.0 state. */
export const V010_STACKS = ["hello-ingress", "tls", "multi-team", "multi-team-ipv6"];

/** Plans one example stack offline; routes and warnings are the CLI's business and left empty. */
export async function planExampleStack(name: string): Promise<Plan> {
  const program = EXAMPLE_STACKS[name];
  if (!program) throw new Error(`no example stack ${name}`);
  const run = await recordPlan(() => {
    program();
  });
  return { resources: run.resources, routes: [], warnings: [], placeholders: run.placeholders };
}
