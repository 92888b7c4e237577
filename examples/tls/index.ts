import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { InputError, TlsCertificatePem } from "../../lib";
import { ClusterWiring, deployManifests } from "../cluster";

/** Stack config keys holding the certificate and its key (both set with `pulumi config set --secret`). */
export const CERTIFICATE_KEY = "ingress-glb:tlsCertificate";
export const PRIVATE_KEY_KEY = "ingress-glb:tlsPrivateKey";

/** What the example takes besides the cluster. */
export interface HelloIngressTlsOptions {
  /**
   * The certificate and key for the Secret the Ingress names (`hello-ingress-secret`). Absent, that
   * Secret is read from the cluster at deploy time (made beforehand with `kubectl create secret tls`,
   * cert-manager...), and the plan warns `secret-read-from-cluster`.
   */
  certificate?: TlsCertificatePem;
  /** Answer :80 with a 301 to HTTPS instead of serving it (the seed serves both). Default false. */
  redirectToHttps?: boolean;
}

/**
 * The certificate and key from stack config. The PEM is read as plain text so that it can be checked
 * before anything is registered; every resource that holds the key gets it back as a Pulumi secret.
 */
export function certificateFromConfig(config: pulumi.Config): TlsCertificatePem {
  const read = (key: string) => {
    const value = config.get(key.slice("ingress-glb:".length));
    if (!value) {
      throw new InputError(
        `stack config ${key} is not set`,
        { field: key },
        `run examples/tls/make-cert.sh, then: pulumi config set --secret ${key} < FILE`,
      );
    }
    return value;
  };
  return {
    secretName: "hello-ingress-secret",
    certificatePem: read(CERTIFICATE_KEY),
    privateKeyPem: read(PRIVATE_KEY_KEY),
    // Errors name the config keys the PEM came from, not the Secret's data fields.
    sources: { certificate: CERTIFICATE_KEY, privateKey: PRIVATE_KEY_KEY },
  };
}

/**
 * The seed's "Ingress with TLS": the users and products servers behind hello-ingress-tls, whose
 * `tls[].secretName` names hello-ingress-secret. The Secret is made from the certificate given, as
 * `kubectl create secret tls` would; the load balancer gets an SSL certificate from it, a target HTTPS
 * proxy and a forwarding rule on :443 beside :80, on the same address.
 */
export function helloIngressTls(cluster: ClusterWiring, options: HelloIngressTlsOptions) {
  const app = deployManifests("hello-ingress-tls", path.join(__dirname, "manifests"), cluster, {
    tlsCertificates: options.certificate ? [options.certificate] : [],
    redirectToHttps: options.redirectToHttps,
  });
  const lb = app.loadBalancers[0];
  return {
    ip: lb.ipAddress,
    // Self-signed: `curl -k` (or --cacert examples/tls/ssl_cert/hello-ingress.crt with the right Host).
    usersUrl: pulumi.interpolate`https://${lb.ipAddress}/users/`,
    productsUrl: pulumi.interpolate`https://${lb.ipAddress}/products/`,
    backends: lb.model.backends.map((b) => b.key),
  };
}
