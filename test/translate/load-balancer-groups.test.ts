import { strict as assert } from "node:assert";
import { InputError } from "../../lib/errors";
import { NormalizedIngress } from "../../lib/ingress/types";
import {
  builtinServiceName,
  checkBuiltinBackendNames,
  groupIngresses,
} from "../../lib/translate/load-balancer-groups";
import { LoadBalancerModel } from "../../lib/translate/model";
import { checkAliasCollisions } from "../../lib/translate/resource-names";
import { ingress, nodePortService } from "./fixtures";

const IP = "kubernetes.io/ingress.global-static-ip-name";

/** An Ingress routing `/` to Service `web`, named `namespace/name`, with annotations. */
function ing(id: string, annotations: Record<string, string> = {}): NormalizedIngress {
  const [namespace, name] = id.split("/");
  return ingress([{ paths: [["/", "Prefix", "web"]] }], {
    name,
    namespace,
    annotations,
    origin: { object: `Ingress/${namespace}/${name}` },
  });
}

/** Group name -> its Ingresses, short name and 0.1.0 name. */
function groups(component: string, ingresses: NormalizedIngress[]) {
  return Object.fromEntries(
    groupIngresses(component, ingresses).map((g) => [
      g.name,
      {
        ingresses: g.ingresses.map((i) => `${i.namespace}/${i.name}`),
        shortName: g.shortName,
        legacyName: g.legacyName,
      },
    ]),
  );
}

describe("groupIngresses: which load balancers, and their names", () => {
  it("names a load balancer after the component, the namespace and the Ingress", () => {
    assert.deepEqual(groups("shop", [ing("default/hello-ingress")]), {
      "shop-default-hello-ingress": {
        ingresses: ["default/hello-ingress"],
        shortName: "hello-ingress",
        legacyName: "hello-ingress",
      },
    });
  });

  it("an unrelated Ingress of the same name elsewhere renames nothing (0.1.0 did: namespace-name)", () => {
    const alone = groups("c", [ing("default/web")]);
    const both = groups("c", [ing("default/web"), ing("other/web")]);
    assert.deepEqual(Object.keys(alone), ["c-default-web"]);
    assert.deepEqual(Object.keys(both).sort(), ["c-default-web", "c-other-web"]);
    // Only the legacy alias (what 0.1.0 would have called it) differs: it follows 0.1.0's own rule.
    assert.equal(both["c-default-web"].legacyName, "default-web");
  });

  it("a static IP names the group from the first Ingress on: a second team joining renames nothing", () => {
    const one = groups("c", [ing("team-a/web", { [IP]: "shared-ip" })]);
    const two = groups("c", [
      ing("team-a/web", { [IP]: "shared-ip" }),
      ing("team-b/api", { [IP]: "shared-ip" }),
    ]);
    assert.deepEqual(Object.keys(one), ["c-shared-ip"]);
    assert.deepEqual(two, {
      "c-shared-ip": {
        ingresses: ["team-a/web", "team-b/api"],
        shortName: "shared-ip",
        legacyName: "shared-ip",
      },
    });
    // 0.1.0 named a lone Ingress after itself, even with a static IP.
    assert.equal(one["c-shared-ip"].legacyName, "web");
  });

  it("the order of files (and so of Ingresses) changes nothing", () => {
    const list = [ing("b/x", { [IP]: "ip" }), ing("a/y"), ing("a/x", { [IP]: "ip" })];
    assert.deepEqual(groups("c", list), groups("c", [...list].reverse()));
    assert.deepEqual(groups("c", list)["c-ip"].ingresses, ["a/x", "b/x"]);
  });

  it("two components in one program never share a name", () => {
    const names = [
      ...groupIngresses("staging", [ing("default/web")]),
      ...groupIngresses("prod", [ing("default/web")]),
    ];
    assert.deepEqual(
      names.map((g) => g.name),
      ["staging-default-web", "prod-default-web"],
    );
  });

  it("names made valid by losing characters get a hash: a.b and a-b stay apart", () => {
    const named = groupIngresses("c", [ing("default/a.b"), ing("default/a-b")]).map((g) => g.name);
    // Sorted by name: a-b before a.b.
    assert.equal(named[0], "c-default-a-b");
    assert.match(named[1], /^c-default-a-b-[0-9a-f]{8}$/);
  });

  it("refuses two identities that end in one name, naming both Ingresses", () => {
    assert.throws(
      () => groupIngresses("c", [ing("a-b/c"), ing("a/b-c")]),
      (error: unknown) =>
        error instanceof InputError &&
        /^Ingress\/a-b\/c: Ingress a-b\/c and Ingress a\/b-c would both be load balancer "c-a-b-c"/.test(
          error.message,
        ),
    );
  });

  it("names the built-in 404 backend's Service after the static IP or the Ingress", () => {
    const [withIp, alone] = groupIngresses("c", [ing("default/x", { [IP]: "front" }), ing("default/y")]);
    assert.equal(builtinServiceName(withIp), "front-default-backend");
    assert.equal(builtinServiceName(alone), "y-default-backend");
  });
});

describe("checkBuiltinBackendNames", () => {
  const model = (label: string, namespace: string, service: string) =>
    ({
      label,
      ingresses: [`${namespace}/${label}`],
      backends: [{ builtinDefault: true, namespace, service }],
    }) as unknown as LoadBalancerModel;

  it("refuses a built-in 404 backend whose Service name a manifest's Service already has", () => {
    assert.throws(
      () =>
        checkBuiltinBackendNames(
          [model("web", "default", "web-default-backend")],
          [nodePortService("web-default-backend")],
        ),
      /would be Service default\/web-default-backend, which is already Service default\/web-default-backend/,
    );
  });

  it("refuses two load balancers' built-in backends with one name in one namespace, and allows it across namespaces", () => {
    assert.throws(
      () =>
        checkBuiltinBackendNames(
          [model("x", "default", "x-default-backend"), model("x", "default", "x-default-backend")],
          [],
        ),
      /already the built-in 404 backend of load balancer x/,
    );
    checkBuiltinBackendNames(
      [model("x", "a", "x-default-backend"), model("x", "b", "x-default-backend")],
      [],
    );
  });
});

describe("checkAliasCollisions", () => {
  it("refuses a new name that was another resource's 0.1.0 name, naming both", () => {
    assert.throws(
      () =>
        checkAliasCollisions([
          {
            type: "Namespace",
            name: "c-tools",
            legacyName: "tools",
            label: "Namespace tools",
            origin: { file: "ns.yaml" },
          },
          { type: "Namespace", name: "c-c-tools", legacyName: "c-tools", label: "Namespace c-tools" },
        ]),
      /ns\.yaml: metadata\.name: Namespace tools would now be named "c-tools", which was the name of Namespace c-tools before 0\.2\.0/,
    );
  });

  it("accepts renames that cross no other resource, and the same name in another type", () => {
    checkAliasCollisions([
      { type: "Namespace", name: "c-tools", legacyName: "tools", label: "Namespace tools" },
      { type: "IngressLoadBalancer", name: "tools", legacyName: "c-tools", label: "lb" },
    ]);
  });
});
