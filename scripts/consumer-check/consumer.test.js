// The consumer's own mocks test: a program on its own @pulumi/pulumi registers IngressManifests from
// the package as installed, and the mocks see the load balancer's resources.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by the consumer as is */
/* global describe, it, setTimeout */
"use strict";
const assert = require("node:assert/strict");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");

const registered = [];

/**
 * What the mocks must return beyond the inputs: the cluster allocates each NodePort Service's node
 * ports, and the load balancer's backends and firewall wait for them.
 */
function outputsOf(args) {
  if (args.type !== "kubernetes:core/v1:Service") return args.inputs;
  const ports = (args.inputs.spec?.ports ?? []).map((port, index) => ({ nodePort: 30080 + index, ...port }));
  return { ...args.inputs, spec: { ...args.inputs.spec, ports } };
}
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args.type);
      return { id: `${args.name}-id`, state: outputsOf(args) };
    },
    call: (args) => args.inputs,
  },
  "consumer",
  "test",
  false,
);

const { IngressManifests, loadManifests } = require("ingress-glb");

describe("a consumer program on its own @pulumi/pulumi", () => {
  it("registers the load balancer of the hello-ingress manifests under mocks", async () => {
    const manifests = loadManifests([path.join(__dirname, "manifests")]);
    const component = new IngressManifests("hello", {
      manifests,
      instanceGroups: [
        "https://www.googleapis.com/compute/v1/projects/p/zones/asia-northeast3-a/instanceGroups/gke-hello-grp",
      ],
      nodeTags: ["gke-hello-node"],
    });
    const [lb] = component.loadBalancers;
    assert.ok(lb, "one load balancer");
    const expected = [
      "gcp:compute/uRLMap:URLMap",
      "gcp:compute/backendService:BackendService",
      "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    ];
    // Registrations continue after the constructor returns: wait for them (10 s at most).
    for (let waited = 0; waited < 10000 && !expected.every((t) => registered.includes(t)); waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const type of expected) {
      assert.ok(registered.includes(type), `${type} registered (saw ${[...new Set(registered)].join(", ")})`);
    }
  });
});
