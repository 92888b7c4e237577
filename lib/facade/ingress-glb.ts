import * as pulumi from "@pulumi/pulumi";
import { withAliasUrns } from "../components/alias-urns";
import { IngressManifests } from "../components/ingress-manifests";
import { warningLogMessage } from "../components/log-warnings";
import { IngressGlbArgs } from "./args";
import { KnownInputs, ingressManifestsArgs, readManifestTexts } from "./manifests-args";

/**
 * Kubernetes manifests, given as YAML text, deployed to the cluster with a Google Cloud global external
 * HTTP(S) load balancer per Ingress (or per shared static IP), as GKE Ingress would make it. This is
 * IngressManifests for every Pulumi language: the same resources, the same checks, under this component.
 */
export class IngressGlb extends pulumi.ComponentResource {
  /** IPv4 address of each load balancer, in the order of `loadBalancerNames`. */
  readonly ipAddresses: pulumi.Output<string[]>;
  /** Logical name of each load balancer: one per Ingress, or per group of Ingresses sharing a static IP. */
  readonly loadBalancerNames: pulumi.Output<string[]>;
  /** Name of each load balancer's URL map in GCP, in the order of `loadBalancerNames`. */
  readonly urlMapNames: pulumi.Output<string[]>;
  /** Every warning about the manifests and the load balancers, one line each, as `pulumi preview` logs them. */
  readonly warnings: pulumi.Output<string[]>;
  /** Ingresses of another class (`namespace/name`), left to their own controller. */
  readonly skippedIngresses: pulumi.Output<string[]>;

  constructor(name: string, args: IngressGlbArgs, opts?: pulumi.ComponentResourceOptions) {
    // Read before registering anything: a YAML mistake plans nothing.
    const manifests = readManifestTexts(args.manifests);
    // No inputs recorded on the component: they hold the TLS keys and OAuth secrets.
    // Its children's 0.1.0 aliases reach the SDK as URNs (cheaper than alias specs; lib/components/alias-urns.ts).
    super("ingress-glb:index:IngressGlb", name, {}, withAliasUrns(opts));
    // The PEM decides certificate names and is checked against its key, so it must be known; from
    // another language it arrives as an output (a secret one from stack config), and so may a whole list.
    // The outputs below are not secret: IngressManifests keeps the key secret in every resource that
    // holds it, and the OAuth client secret is made secret again.
    const known = pulumi.unsecret(
      pulumi.output({
        tls: args.tlsCertificates ?? [],
        iapClients: args.iapClients,
      }) as pulumi.Output<KnownInputs>,
    );
    const deployed = known.apply(
      (values) => new IngressManifests(name, ingressManifestsArgs(args, manifests, values), { parent: this }),
    );
    const perLoadBalancer = <T>(value: (lb: IngressManifests["loadBalancers"][number]) => pulumi.Input<T>) =>
      deployed.apply((m) => pulumi.all(m.loadBalancers.map(value)));
    this.ipAddresses = perLoadBalancer((lb) => lb.ipAddress);
    this.loadBalancerNames = deployed.apply((m) => m.loadBalancers.map((lb) => lb.model.name));
    this.urlMapNames = perLoadBalancer((lb) => lb.urlMap.name);
    this.warnings = deployed.apply((m) =>
      [...m.warnings, ...m.loadBalancers.flatMap((lb) => lb.model.warnings)].map(warningLogMessage),
    );
    this.skippedIngresses = deployed.apply((m) =>
      m.skippedIngresses.map((s) => `${s.manifest.namespace}/${s.manifest.name}`),
    );
    this.registerOutputs({
      ipAddresses: this.ipAddresses,
      loadBalancerNames: this.loadBalancerNames,
      urlMapNames: this.urlMapNames,
      warnings: this.warnings,
      skippedIngresses: this.skippedIngresses,
    });
  }
}
