import { KubeObject } from "../lib/ingress/kube-object";
import { Manifest, ManifestSet, emptyManifestSet } from "../lib/ingress/manifests";

/** The shape of a synthetic spec: one Ingress, `backends` Services (each with a Deployment), `paths` paths. */
export interface SpecSize {
  backends: number;
  paths: number;
}

/** Edits the blast-radius table measures, each applied to the same base spec. */
export type SpecEdit = "add-path" | "add-backend" | "change-port" | "rotate-certificate" | "redirect";

/** A certificate and its key, PEM. */
export interface BenchCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

export interface SpecOptions extends SpecSize {
  edit?: SpecEdit;
  /** Serve HTTPS from a TLS Secret holding `certificates[0]` (`rotate-certificate` swaps in the second). */
  certificates?: [BenchCertificate, BenchCertificate];
}

/** Hosts carry at most 100 paths each, as a real site with many paths spreads them over hosts. */
export const PATHS_PER_HOST = 100;

function manifest(object: KubeObject): Manifest {
  const namespace = (object.metadata.namespace as string | undefined) ?? "default";
  return {
    object,
    name: object.metadata.name,
    namespace,
    origin: { file: "bench.yaml", object: `${object.kind}/${namespace}/${object.metadata.name}` },
    lineOf: () => undefined,
  };
}

/**
 * An in-memory manifest set of the given size, as `loadManifests` would return it: `paths` Prefix paths
 * `/b<i>/p<j>` spread round-robin over `backends` NodePort Services and over hosts of at most 100 paths.
 */
export function syntheticManifests(options: SpecOptions): ManifestSet {
  const { edit } = options;
  const backends = options.backends + (edit === "add-backend" ? 1 : 0);
  const paths = options.paths + (edit === "add-path" || edit === "add-backend" ? 1 : 0);
  const set = emptyManifestSet();
  for (let b = 0; b < backends; b++) {
    const name = `svc-${b}`;
    const port = b === 0 && edit === "change-port" ? 8080 : 80;
    set.services.push(
      manifest({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, labels: { app: name } },
        spec: {
          type: "NodePort",
          selector: { app: name },
          ports: [{ name: "http", port, targetPort: 8080, protocol: "TCP" }],
        },
      }),
    );
    set.workloads.push(
      manifest({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, labels: { app: name } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: [
                {
                  name,
                  image: "registry.k8s.io/e2e-test-images/agnhost:2.39",
                  args: ["netexec", "--http-port=8080"],
                  ports: [{ name: "http", containerPort: 8080 }],
                  readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5 },
                },
              ],
            },
          },
        },
      }),
    );
  }
  // From the base size, so an added path joins an existing host rather than reshuffling them.
  const hosts = Math.max(1, Math.ceil(options.paths / PATHS_PER_HOST));
  const rules = Array.from({ length: hosts }, (_, h) => ({
    host: `h${h}.bench.example.com`,
    http: { paths: [] as unknown[] },
  }));
  for (let p = 0; p < paths; p++) {
    // The added path of `add-backend` goes to the new backend; other paths keep their backend.
    const b = edit === "add-backend" && p === paths - 1 ? backends - 1 : p % options.backends;
    const port = b === 0 && edit === "change-port" ? 8080 : 80;
    rules[p % hosts].http.paths.push({
      path: `/b${b}/p${p}`,
      pathType: "Prefix",
      backend: { service: { name: `svc-${b}`, port: { number: port } } },
    });
  }
  const tls = options.certificates;
  const annotations: Record<string, string> = {};
  if (edit === "redirect") {
    annotations["networking.gke.io/v1beta1.FrontendConfig"] = "bench-frontend";
    set.frontendConfigs.push(
      manifest({
        apiVersion: "networking.gke.io/v1beta1",
        kind: "FrontendConfig",
        metadata: { name: "bench-frontend" },
        spec: { redirectToHttps: { enabled: true } },
      }),
    );
  }
  set.ingresses.push(
    manifest({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "bench", annotations },
      spec: {
        ...(tls ? { tls: [{ hosts: rules.map((r) => r.host), secretName: "bench-tls" }] } : {}),
        rules,
      },
    }),
  );
  if (tls) {
    const pem = tls[edit === "rotate-certificate" ? 1 : 0];
    set.secrets.push(
      manifest({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "bench-tls" },
        type: "kubernetes.io/tls",
        data: {
          "tls.crt": Buffer.from(pem.certificatePem).toString("base64"),
          "tls.key": Buffer.from(pem.privateKeyPem).toString("base64"),
        },
      }),
    );
  }
  return set;
}
