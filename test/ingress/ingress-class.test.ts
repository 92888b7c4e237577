import { strict as assert } from "node:assert";
import { IngressClassDecision, decideIngressClass } from "../../lib/ingress/ingress-class";

const CLASS = "kubernetes.io/ingress.class";

describe("decideIngressClass: whose Ingress it is, as GKE decides", () => {
  const cases: [string, Record<string, string>, string | undefined, IngressClassDecision][] = [
    ["neither annotation nor class name: GKE's", {}, undefined, { kind: "gce" }],
    ["the annotation gce", { [CLASS]: "gce" }, undefined, { kind: "gce" }],
    [
      "the annotation gce-internal: a regional internal load balancer",
      { [CLASS]: "gce-internal" },
      undefined,
      { kind: "regional", className: "gce-internal", field: `metadata.annotations["${CLASS}"]` },
    ],
    [
      "the annotation gce-regional-external",
      { [CLASS]: "gce-regional-external" },
      undefined,
      { kind: "regional", className: "gce-regional-external", field: `metadata.annotations["${CLASS}"]` },
    ],
    [
      "the annotation nginx: another controller's",
      { [CLASS]: "nginx" },
      undefined,
      { kind: "other", className: "nginx", field: `metadata.annotations["${CLASS}"]` },
    ],
    ["the annotation wins over spec.ingressClassName", { [CLASS]: "gce" }, "nginx", { kind: "gce" }],
    [
      "an empty annotation counts as none: spec.ingressClassName decides",
      { [CLASS]: " " },
      "nginx",
      { kind: "other", className: "nginx", field: "spec.ingressClassName" },
    ],
    [
      "spec.ingressClassName nginx",
      {},
      "nginx",
      { kind: "other", className: "nginx", field: "spec.ingressClassName" },
    ],
    [
      "spec.ingressClassName gce: GKE does not read it, and says so",
      {},
      "gce",
      {
        kind: "other",
        className: "gce",
        field: "spec.ingressClassName",
        hint: `GKE reads no spec.ingressClassName: set the ${CLASS} annotation to "gce" instead`,
      },
    ],
    [
      "gce-multi-cluster belongs to the multi-cluster controller",
      { [CLASS]: "gce-multi-cluster" },
      undefined,
      { kind: "other", className: "gce-multi-cluster", field: `metadata.annotations["${CLASS}"]` },
    ],
  ];
  for (const [title, annotations, ingressClassName, expected] of cases) {
    it(title, () => assert.deepEqual(decideIngressClass({ annotations, ingressClassName }), expected));
  }
});
