import { ClusterOptions } from "../../lib/plan/plan-manifests";
import { Plan } from "../../lib/plan/types";
import { tlsSecretYaml } from "../components/https-fixtures";
import { diffPlans, PlanDiff } from "../../lib/plan/diff";
import { Files, SHOP_CLUSTER, planFiles, planTwoComponents, shopFiles } from "./shop-stack";
import { ROTATED_CERTIFICATE } from "./test-certificates";

/** One realistic edit of the shop's folder, as a pull request would make it. */
export interface Edit {
  title: string;
  /** Changes the files in place. */
  edit: (files: Files) => void;
  /**
   * Every operation the diff shows, as `Type name` per operation; nothing else may change. "creates-only"
   * for an edit that adds a whole component (its list would only repeat the base's).
   */
  expect:
    | Partial<Record<"create" | "update" | "replace" | "delete" | "read" | "discard", string[]>>
    | "creates-only";
  /** The kinds of serving risk the diff calls out. */
  risks: string[];
  /** Plans the head differently (another cluster option, a second component). */
  cluster?: ClusterOptions;
  planHead?: (files: Files) => Promise<Plan>;
}

/** The diff of `edit` applied to the shop, against the shop's plan `base`. */
export async function diffEdit(base: Plan, edit: Edit): Promise<PlanDiff> {
  const files = shopFiles();
  edit.edit(files);
  const head = edit.planHead
    ? await edit.planHead(files)
    : await planFiles(files, { ...SHOP_CLUSTER, ...edit.cluster });
  return diffPlans(base, head);
}

/** Replaces `from` by `to` in one file, failing loudly when `from` is not there. */
export function replaceIn(files: Files, file: string, from: string, to: string): void {
  const text = files.get(file);
  if (text === undefined || !text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  files.set(file, text.replace(from, to));
}

/** Adds a YAML document to a file (a new file when there is none). */
export function addDocument(files: Files, file: string, yaml: string): void {
  const text = files.get(file);
  files.set(file, text === undefined ? yaml : `${text}---\n${yaml}`);
}

export const NODE_PORT_SERVICE = (name: string, namespace = "default") => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  type: NodePort
  selector: {app: ${name}}
  ports:
    - {name: http, port: 80, targetPort: 8080}
`;

const WEB_PATH_USERS = `          - path: /users
            pathType: Prefix
            backend:
              service: {name: users-svc, port: {number: 80}}
`;

/** The catalogue's edits; what each does to the stack is pinned in catalogue.test.ts. */
export const EDITS: Edit[] = [
  {
    title: "add a path to a new Service",
    expect: {
      create: [
        "BackendService shop-default-web-default-orders-svc-80-f6b44ffa",
        "HealthCheck shop-default-web-default-orders-svc-80-f6b44ffa-hc",
        "InstanceGroupNamedPort shop-default-orders-svc-port-http-3112c787-np0",
        "Service shop-default/orders-svc",
      ],
      update: ["Firewall shop-default-web-allow-glb", "URLMap shop-default-web-url-map"],
    },
    risks: [],
    edit: (files) => {
      replaceIn(
        files,
        "web.yaml",
        WEB_PATH_USERS,
        `${WEB_PATH_USERS}          - path: /orders
            pathType: Prefix
            backend:
              service: {name: orders-svc, port: {number: 80}}
`,
      );
      addDocument(files, "services.yaml", NODE_PORT_SERVICE("orders-svc"));
    },
  },
  {
    title: "remove a path (its Service stays)",
    expect: {
      update: ["Firewall shop-default-web-allow-glb", "URLMap shop-default-web-url-map"],
      delete: [
        "BackendService shop-default-web-default-products-svc-80-08274c95",
        "HealthCheck shop-default-web-default-products-svc-80-08274c95-hc",
        "InstanceGroupNamedPort shop-default-products-svc-port-http-2ad5b18a-np0",
      ],
    },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "web.yaml",
        `          - path: /products
            pathType: Prefix
            backend:
              service: {name: products-svc, port: {number: 80}}
`,
        "",
      ),
  },
  {
    title: "send a path to another backend",
    expect: {
      update: ["Firewall shop-default-web-allow-glb", "URLMap shop-default-web-url-map"],
      delete: [
        "BackendService shop-default-web-default-products-svc-80-08274c95",
        "HealthCheck shop-default-web-default-products-svc-80-08274c95-hc",
        "InstanceGroupNamedPort shop-default-products-svc-port-http-2ad5b18a-np0",
      ],
    },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "web.yaml",
        "service: {name: products-svc, port: {number: 80}}",
        "service: {name: users-svc, port: {number: 80}}",
      ),
  },
  {
    title: "change a path's type (Prefix to Exact)",
    expect: { update: ["URLMap shop-default-web-url-map"] },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "web.yaml",
        "- path: /users\n            pathType: Prefix",
        "- path: /users\n            pathType: Exact",
      ),
  },
  {
    title: "add a host",
    expect: {
      create: [
        "BackendService shop-shop-ip-default-products-svc-80-ec7a73dd",
        "HealthCheck shop-shop-ip-default-products-svc-80-ec7a73dd-hc",
      ],
      update: ["Firewall shop-shop-ip-allow-glb", "URLMap shop-shop-ip-url-map"],
    },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "api.yaml",
        "  rules:\n",
        `  rules:
    - host: api2.example.com
      http:
        paths:
          - path: /v2
            pathType: Prefix
            backend:
              service: {name: products-svc, port: {number: 80}}
`,
      ),
  },
  {
    title: "give an Ingress a default backend (the built-in 404 goes)",
    expect: {
      update: ["Firewall shop-default-web-allow-glb", "URLMap shop-default-web-url-map"],
      delete: [
        "BackendApp shop-default-web-default-backend",
        "BackendService shop-default-web-default-backend",
        "Deployment shop-default-web-default-backend",
        "HealthCheck shop-default-web-default-backend-hc",
        "InstanceGroupNamedPort shop-default-web-default-backend-port-80-91f5146e-np0",
        "Service shop-default-web-default-backend",
      ],
    },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "web.yaml",
        "spec:\n  tls:",
        "spec:\n  defaultBackend:\n    service: {name: products-svc, port: {number: 80}}\n  tls:",
      ),
  },
  {
    title: "change a Service's port number (its nodePort stays)",
    expect: {
      update: ["Service shop-default/products-svc", "URLMap shop-default-web-url-map"],
      create: ["HealthCheck shop-default-we-default-products-svc-8080-5cd9f7ec-hc"],
      replace: ["BackendService shop-default-we-default-products-svc-8080-5cd9f7ec"],
      delete: ["HealthCheck shop-default-web-default-products-svc-80-08274c95-hc"],
    },
    risks: ["backend-replaced"],
    edit: (files) => {
      replaceIn(
        files,
        "services.yaml",
        "selector: {app: products}\n  ports:\n    - {name: http, port: 80,",
        "selector: {app: products}\n  ports:\n    - {name: http, port: 8080,",
      );
      replaceIn(
        files,
        "web.yaml",
        "service: {name: products-svc, port: {number: 80}}",
        "service: {name: products-svc, port: {number: 8080}}",
      );
    },
  },
  {
    title: "add a port before the served one (its nodePort and named port stay)",
    expect: { update: ["Service shop-default/users-svc"] },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "services.yaml",
        "selector: {app: users}\n  ports:\n",
        "selector: {app: users}\n  ports:\n    - {name: metrics, port: 9090, targetPort: 9090}\n",
      ),
  },
  {
    title: "rename a Service",
    expect: {
      replace: [
        "BackendService shop-default-web-default-catalog-svc-80-d81c823b",
        "Service shop-default/catalog-svc",
      ],
      create: [
        "HealthCheck shop-default-web-default-catalog-svc-80-d81c823b-hc",
        "InstanceGroupNamedPort shop-default-catalog-svc-port-http-f4d289ee-np0",
      ],
      update: ["Firewall shop-default-web-allow-glb", "URLMap shop-default-web-url-map"],
      delete: [
        "HealthCheck shop-default-web-default-products-svc-80-08274c95-hc",
        "InstanceGroupNamedPort shop-default-products-svc-port-http-2ad5b18a-np0",
      ],
    },
    risks: ["backend-replaced"],
    edit: (files) => {
      replaceIn(files, "services.yaml", "name: products-svc", "name: catalog-svc");
      replaceIn(files, "web.yaml", "service: {name: products-svc,", "service: {name: catalog-svc,");
    },
  },
  {
    title: "change a readiness probe's path (the health check follows)",
    expect: {
      update: [
        "Deployment shop-default/users",
        "HealthCheck shop-default-web-default-users-svc-80-6b7e09d0-hc",
        "HealthCheck shop-shop-ip-default-users-svc-80-5763075b-hc",
      ],
    },
    risks: [],
    edit: (files) =>
      replaceIn(
        files,
        "deployments.yaml",
        "httpGet: {path: /healthz, port: 8080}",
        "httpGet: {path: /ready, port: 8080}",
      ),
  },
  {
    title: "scale a Deployment",
    expect: { update: ["Deployment shop-default/users"] },
    risks: [],
    edit: (files) => replaceIn(files, "deployments.yaml", "replicas: 2", "replicas: 5"),
  },
  {
    title: "add a BackendConfig to a Service",
    expect: {
      update: [
        "BackendService shop-default-web-default-users-svc-80-6b7e09d0",
        "BackendService shop-shop-ip-default-users-svc-80-5763075b",
        "Service shop-default/users-svc",
      ],
    },
    risks: [],
    edit: (files) => {
      replaceIn(
        files,
        "services.yaml",
        "metadata:\n  name: users-svc\n",
        'metadata:\n  name: users-svc\n  annotations:\n    cloud.google.com/backend-config: \'{"default": "slow"}\'\n',
      );
      addDocument(
        files,
        "backend-config.yaml",
        `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: slow}
spec:
  timeoutSec: 120
`,
      );
    },
  },
  {
    title: "turn access logging off for a Service (GKE's default had it on at rate 1.0)",
    expect: {
      update: [
        "BackendService shop-default-web-default-users-svc-80-6b7e09d0",
        "BackendService shop-shop-ip-default-users-svc-80-5763075b",
        "Service shop-default/users-svc",
      ],
    },
    risks: [],
    edit: (files) => {
      replaceIn(
        files,
        "services.yaml",
        "metadata:\n  name: users-svc\n",
        'metadata:\n  name: users-svc\n  annotations:\n    cloud.google.com/backend-config: \'{"default": "quiet"}\'\n',
      );
      addDocument(
        files,
        "backend-config.yaml",
        `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: quiet}
spec:
  logging: {enable: false}
`,
      );
    },
  },
  {
    title: "serve a Service through NEGs (container-native load balancing)",
    // In place: the Service asks for its NEGs and waits for them, then the backend services swap their
    // instance groups for the NEGs; the named port goes last.
    expect: {
      update: [
        "BackendService shop-default-web-default-users-svc-80-6b7e09d0",
        "BackendService shop-shop-ip-default-users-svc-80-5763075b",
        "Firewall shop-default-web-allow-glb",
        "Firewall shop-shop-ip-allow-glb",
        "HealthCheck shop-default-web-default-users-svc-80-6b7e09d0-hc",
        "HealthCheck shop-shop-ip-default-users-svc-80-5763075b-hc",
        "Service shop-default/users-svc",
      ],
      delete: ["InstanceGroupNamedPort shop-default-users-svc-port-http-0a655322-np0"],
    },
    risks: ["backends-swapped"],
    edit: (files) =>
      replaceIn(
        files,
        "services.yaml",
        "metadata:\n  name: users-svc\n",
        "metadata:\n  name: users-svc\n  annotations:\n    cloud.google.com/neg: '{\"ingress\": true}'\n",
      ),
  },
  {
    title: "rotate the TLS certificate (same host, new key)",
    expect: {
      replace: ["SSLCertificate shop-default-web-web-tls-3ad8c31a"],
      update: ["TargetHttpsProxy shop-default-web-https-proxy"],
    },
    risks: [],
    edit: (files) => files.set("web-tls.yaml", tlsSecretYaml("web-tls", ROTATED_CERTIFICATE)),
  },
  {
    title: "add a domain to the managed certificate",
    expect: {
      replace: ["ManagedSslCertificate shop-shop-ip-api-cert-3209d53b"],
      update: ["TargetHttpsProxy shop-shop-ip-https-proxy"],
    },
    risks: ["managed-certificate-provisioning"],
    edit: (files) =>
      replaceIn(
        files,
        "api.yaml",
        "domains: [api.example.com]",
        "domains: [api.example.com, www.example.com]",
      ),
  },
  {
    title: "add TLS to a plain Ingress (with its Secret)",
    expect: {
      create: [
        "GlobalForwardingRule shop-ops-admin-https",
        "SSLCertificate shop-ops-admin-admin-tls-8c552ef5",
        "SSLPolicy shop-ops-admin-ssl-policy",
        "Secret shop-ops/admin-tls",
        "TargetHttpsProxy shop-ops-admin-https-proxy",
      ],
    },
    risks: [],
    edit: (files) => {
      replaceIn(
        files,
        "admin.yaml",
        "spec:\n  defaultBackend:",
        "spec:\n  tls:\n    - secretName: admin-tls\n  defaultBackend:",
      );
      const secret = (files.get("web-tls.yaml") ?? "").replace(
        "metadata: {name: web-tls}",
        "metadata: {name: admin-tls, namespace: ops}",
      );
      files.set("admin-tls.yaml", secret);
    },
  },
  {
    title: "take the TLS Secret out of the files (it lives in the cluster)",
    // The certificate read from the cluster has a name of its own: created before the old one goes.
    expect: {
      read: ["Secret shop-read:default/web-tls"],
      replace: ["SSLCertificate shop-default-web-web-tls-cluster"],
      update: ["TargetHttpsProxy shop-default-web-https-proxy"],
      delete: ["Secret shop-default/web-tls"],
    },
    risks: ["read-object-deleted"],
    edit: (files) => {
      files.delete("web-tls.yaml");
    },
  },
  {
    title: "hand a Service over to another tool (existing)",
    // Its nodePorts are the read's, the same object's: nothing of the load balancer changes.
    expect: {
      read: ["Service shop-read:default/users-svc"],
      delete: ["Service shop-default/users-svc"],
    },
    risks: ["read-object-deleted"],
    cluster: { existing: { objects: ["Service/default/users-svc"] } },
    edit: () => undefined,
  },
  {
    title: "remove TLS from an Ingress",
    expect: {
      delete: [
        "GlobalForwardingRule shop-default-web-https",
        "SSLCertificate shop-default-web-web-tls-8c552ef5",
        "SSLPolicy shop-default-web-ssl-policy",
        "TargetHttpsProxy shop-default-web-https-proxy",
      ],
    },
    risks: ["listener-replaced"],
    edit: (files) =>
      replaceIn(
        files,
        "web.yaml",
        "  tls:\n    - hosts: [hello-ingress.example.com]\n      secretName: web-tls\n",
        "",
      ),
  },
  {
    title: "stop serving HTTP (allow-http false, TLS stays)",
    expect: {
      delete: ["GlobalForwardingRule shop-default-web-http", "TargetHttpProxy shop-default-web-http-proxy"],
    },
    risks: ["listener-replaced"],
    edit: (files) =>
      replaceIn(
        files,
        "web.yaml",
        "  name: web\n",
        '  name: web\n  annotations:\n    kubernetes.io/ingress.allow-http: "false"\n',
      ),
  },
  {
    title: "a second Ingress joins the static IP",
    expect: {
      create: [
        "BackendService shop-shop-ip-default-products-svc-80-ec7a73dd",
        "HealthCheck shop-shop-ip-default-products-svc-80-ec7a73dd-hc",
      ],
      update: ["Firewall shop-shop-ip-allow-glb", "URLMap shop-shop-ip-url-map"],
    },
    risks: [],
    edit: (files) =>
      addDocument(
        files,
        "blog.yaml",
        `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: blog
  annotations:
    kubernetes.io/ingress.global-static-ip-name: shop-ip
spec:
  rules:
    - host: blog.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: products-svc, port: {number: 80}}
`,
      ),
  },
  {
    title: "an unrelated Ingress with the same name in another namespace",
    expect: {
      create: [
        "BackendService shop-staging-web-staging-users-svc-80-71eedee2",
        "Firewall shop-staging-web-allow-glb",
        "GlobalAddress shop-staging-web-ip",
        "GlobalForwardingRule shop-staging-web-http",
        "HealthCheck shop-staging-web-staging-users-svc-80-71eedee2-hc",
        "IngressLoadBalancer shop-staging-web",
        "InstanceGroupNamedPort shop-staging-users-svc-port-http-8e32c40f-np0",
        "Service shop-staging/users-svc",
        "TargetHttpProxy shop-staging-web-http-proxy",
        "URLMap shop-staging-web-url-map",
      ],
    },
    risks: [],
    edit: (files) => {
      addDocument(
        files,
        "staging.yaml",
        `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: staging}
spec:
  defaultBackend:
    service: {name: users-svc, port: {number: 80}}
`,
      );
      addDocument(files, "staging.yaml", NODE_PORT_SERVICE("users-svc", "staging"));
    },
  },
  {
    title: "name a static IP where a reserved address served (the IP changes)",
    expect: {
      create: [
        "BackendService shop-admin-ip-ops-admin-svc-80-200b252e",
        "Firewall shop-admin-ip-allow-glb",
        "GlobalForwardingRule shop-admin-ip-http",
        "HealthCheck shop-admin-ip-ops-admin-svc-80-200b252e-hc",
        "IngressLoadBalancer shop-admin-ip",
        "TargetHttpProxy shop-admin-ip-http-proxy",
        "URLMap shop-admin-ip-url-map",
      ],
      read: ["GlobalAddress shop-admin-ip-ip"],
      delete: [
        "BackendService shop-ops-admin-ops-admin-svc-80-a2c9bb4b",
        "Firewall shop-ops-admin-allow-glb",
        "GlobalAddress shop-ops-admin-ip",
        "GlobalForwardingRule shop-ops-admin-http",
        "HealthCheck shop-ops-admin-ops-admin-svc-80-a2c9bb4b-hc",
        "IngressLoadBalancer shop-ops-admin",
        "TargetHttpProxy shop-ops-admin-http-proxy",
        "URLMap shop-ops-admin-url-map",
      ],
    },
    risks: ["address-released", "ip-change"],
    edit: (files) =>
      replaceIn(
        files,
        "admin.yaml",
        "  name: admin\n  namespace: ops\n",
        "  name: admin\n  namespace: ops\n  annotations:\n    kubernetes.io/ingress.global-static-ip-name: admin-ip\n",
      ),
  },
  {
    title: "drop the static IP annotation (a reserved address instead)",
    expect: {
      create: [
        "BackendApp shop-default-api-default-backend",
        "BackendService shop-default-api-default-backend",
        "BackendService shop-default-api-default-users-svc-80-85cf649a",
        "Deployment shop-default-api-default-backend",
        "Firewall shop-default-api-allow-glb",
        "GlobalAddress shop-default-api-ip",
        "GlobalForwardingRule shop-default-api-http",
        "GlobalForwardingRule shop-default-api-https",
        "HealthCheck shop-default-api-default-backend-hc",
        "HealthCheck shop-default-api-default-users-svc-80-85cf649a-hc",
        "IngressLoadBalancer shop-default-api",
        "InstanceGroupNamedPort shop-default-api-default-backend-port-80-f3835cbc-np0",
        "ManagedSslCertificate shop-default-api-api-cert-d0c43d38",
        "SSLPolicy shop-default-api-ssl-policy",
        "Service shop-default-api-default-backend",
        "TargetHttpProxy shop-default-api-http-proxy",
        "TargetHttpsProxy shop-default-api-https-proxy",
        "URLMap shop-default-api-url-map",
      ],
      delete: [
        "BackendApp shop-shop-ip-default-backend",
        "BackendService shop-shop-ip-default-backend",
        "BackendService shop-shop-ip-default-users-svc-80-5763075b",
        "Deployment shop-shop-ip-default-backend",
        "Firewall shop-shop-ip-allow-glb",
        "GlobalForwardingRule shop-shop-ip-http",
        "GlobalForwardingRule shop-shop-ip-https",
        "HealthCheck shop-shop-ip-default-backend-hc",
        "HealthCheck shop-shop-ip-default-users-svc-80-5763075b-hc",
        "IngressLoadBalancer shop-shop-ip",
        "InstanceGroupNamedPort shop-default-shop-ip-default-back-port-80-d0fe6a04-np0",
        "ManagedSslCertificate shop-shop-ip-api-cert-d0c43d38",
        "SSLPolicy shop-shop-ip-ssl-policy",
        "Service shop-shop-ip-default-backend",
        "TargetHttpProxy shop-shop-ip-http-proxy",
        "TargetHttpsProxy shop-shop-ip-https-proxy",
        "URLMap shop-shop-ip-url-map",
      ],
      discard: ["GlobalAddress shop-shop-ip-ip"],
    },
    risks: ["ip-change"],
    edit: (files) =>
      replaceIn(files, "api.yaml", "    kubernetes.io/ingress.global-static-ip-name: shop-ip\n", ""),
  },
  {
    title: "rename an Ingress",
    expect: {
      create: [
        "BackendService shop-ops-console-ops-admin-svc-80-d0d97c23",
        "Firewall shop-ops-console-allow-glb",
        "GlobalAddress shop-ops-console-ip",
        "GlobalForwardingRule shop-ops-console-http",
        "HealthCheck shop-ops-console-ops-admin-svc-80-d0d97c23-hc",
        "IngressLoadBalancer shop-ops-console",
        "TargetHttpProxy shop-ops-console-http-proxy",
        "URLMap shop-ops-console-url-map",
      ],
      delete: [
        "BackendService shop-ops-admin-ops-admin-svc-80-a2c9bb4b",
        "Firewall shop-ops-admin-allow-glb",
        "GlobalAddress shop-ops-admin-ip",
        "GlobalForwardingRule shop-ops-admin-http",
        "HealthCheck shop-ops-admin-ops-admin-svc-80-a2c9bb4b-hc",
        "IngressLoadBalancer shop-ops-admin",
        "TargetHttpProxy shop-ops-admin-http-proxy",
        "URLMap shop-ops-admin-url-map",
      ],
    },
    risks: ["address-released", "listener-replaced"],
    edit: (files) =>
      replaceIn(files, "admin.yaml", "  name: admin\n  namespace: ops", "  name: console\n  namespace: ops"),
  },
  {
    title: "remove an Ingress",
    expect: {
      delete: [
        "BackendService shop-ops-admin-ops-admin-svc-80-a2c9bb4b",
        "Firewall shop-ops-admin-allow-glb",
        "GlobalAddress shop-ops-admin-ip",
        "GlobalForwardingRule shop-ops-admin-http",
        "HealthCheck shop-ops-admin-ops-admin-svc-80-a2c9bb4b-hc",
        "IngressLoadBalancer shop-ops-admin",
        "InstanceGroupNamedPort shop-ops-admin-svc-port-http-66fccc93-np0",
        "TargetHttpProxy shop-ops-admin-http-proxy",
        "URLMap shop-ops-admin-url-map",
      ],
    },
    risks: ["address-released", "listener-replaced"],
    edit: (files) => {
      const text = files.get("admin.yaml") ?? "";
      files.set(
        "admin.yaml",
        text.slice(0, text.indexOf("apiVersion: networking.k8s.io/v1")) +
          text.slice(text.indexOf("apiVersion: v1\nkind: Service")),
      );
    },
  },
  {
    title: "rename a file",
    expect: {},
    risks: [],
    edit: (files) => {
      files.set("storefront.yaml", files.get("web.yaml") ?? "");
      files.delete("web.yaml");
    },
  },
  {
    title: "reorder files and the documents in a file",
    expect: {},
    risks: [],
    edit: (files) => {
      const services = (files.get("services.yaml") ?? "").split("---\n").reverse().join("---\n");
      files.set("services.yaml", services);
      files.set("00-admin.yaml", files.get("admin.yaml") ?? "");
      files.delete("admin.yaml");
    },
  },
  {
    title: "move the folder's files into sub-folders",
    expect: {},
    risks: [],
    edit: (files) => {
      for (const name of [...files.keys()]) {
        files.set(`k8s/${name.replace(".yaml", "")}/${name}`, files.get(name) ?? "");
        files.delete(name);
      }
    },
  },
  {
    title: "redirect HTTP to HTTPS (a FrontendConfig)",
    expect: {
      create: ["URLMap shop-default-web-https-redirect"],
      update: ["TargetHttpProxy shop-default-web-http-proxy"],
    },
    risks: [],
    edit: (files) => {
      replaceIn(
        files,
        "web.yaml",
        "  name: web\n",
        "  name: web\n  annotations:\n    networking.gke.io/v1beta1.FrontendConfig: to-https\n",
      );
      addDocument(
        files,
        "frontend-config.yaml",
        `apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata: {name: to-https}
spec:
  redirectToHttps: {enabled: true}
`,
      );
    },
  },
  {
    title: "switch the load balancing scheme to EXTERNAL_MANAGED",
    expect: {
      update: [
        "BackendService shop-default-web-default-backend",
        "BackendService shop-default-web-default-products-svc-80-08274c95",
        "BackendService shop-default-web-default-users-svc-80-6b7e09d0",
        "BackendService shop-ops-admin-ops-admin-svc-80-a2c9bb4b",
        "BackendService shop-shop-ip-default-backend",
        "BackendService shop-shop-ip-default-users-svc-80-5763075b",
        "GlobalForwardingRule shop-default-web-http",
        "GlobalForwardingRule shop-default-web-https",
        "GlobalForwardingRule shop-ops-admin-http",
        "GlobalForwardingRule shop-shop-ip-http",
        "GlobalForwardingRule shop-shop-ip-https",
      ],
    },
    risks: ["scheme-change"],
    edit: () => undefined,
    cluster: { scheme: "EXTERNAL_MANAGED" },
  },
  {
    title: "a second component instance (another cluster) in the same program",
    expect: "creates-only",
    risks: [],
    edit: () => undefined,
    planHead: planTwoComponents,
  },
];
