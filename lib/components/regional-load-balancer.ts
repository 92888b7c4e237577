import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../errors";
import { ServiceInfo } from "../ingress/types";
import { GOOGLE_HEALTH_CHECK_RANGES } from "../translate/google-ranges";
import { LoadBalancerModel } from "../translate/model";
import { checkRegionalArgs } from "../translate/regional-args";
import { ResourceNames } from "../translate/resource-names";
import { BackendApp } from "./backend-app";
import {
  backendServiceOptionArgs,
  backendServiceResourceOptions,
  backendsArgs,
  healthCheckArgs,
} from "./backend-args";
import { ServiceBackendSource } from "./backend-source";
import { kubernetesTlsSecret } from "./https-frontend";
import { parseInstanceGroupUrl } from "./instance-groups";
import {
  IngressLoadBalancerArgs,
  LoadBalancerIdentity,
  argOutputsOf,
  decideLoadBalancer,
  decidedModelFor,
} from "./load-balancer";
import { logWarnings } from "./log-warnings";
import { urlMapRoutingArgs } from "./url-map-args";
import { NamedPorts } from "./named-ports";
import { iapClients } from "./iap-clients";
import { builtinBackendApp } from "./builtin-backend";
import { backendTarget, firewallAllows } from "./backend-target";
import { RegionalHttpsResources, registerRegionalHttps } from "./regional-https";
import { ProxyOnlySubnetArgs, proxyOnlySubnet } from "./regional-proxy-subnet";

/** Where a regional load balancer lives, beyond what a global one needs. */
export interface RegionalArgs {
  /** The cluster's region: every resource of the load balancer is in it. */
  region?: pulumi.Input<string>;
  /** The nodes' subnetwork (name or link): an internal load balancer's address is taken from it. */
  subnetwork?: pulumi.Input<string>;
  /** The region's proxy-only subnet: created from its range, or said to exist. */
  proxyOnlySubnet?: ProxyOnlySubnetArgs;
}

export interface RegionalIngressLoadBalancerArgs extends IngressLoadBalancerArgs, RegionalArgs {
  /**
   * The proxy-only subnet another component created for every regional load balancer of the region
   * (IngressManifests does). Default: created here, unless `proxyOnlySubnet.exists`.
   */
  proxyOnlySubnetResource?: gcp.compute.Subnetwork;
}

/**
 * Every decision and check of a regional load balancer, pure: the shared translation's model (which
 * must be a regional class's) and the regional args it needs.
 */
export function decideRegionalLoadBalancer(
  name: string,
  args: Parameters<typeof decideLoadBalancer>[1] & RegionalArgs,
  services?: ServiceInfo[],
  identity: LoadBalancerIdentity = {},
): LoadBalancerModel {
  const model = decideLoadBalancer(name, args, services, identity);
  if (!model.regional) {
    throw new InputError(
      `Ingress ${model.ingresses[0]} is of class "gce", a global load balancer`,
      { field: 'metadata.annotations["kubernetes.io/ingress.class"]' },
      "plan it with IngressLoadBalancer, or set the class to gce-internal or gce-regional-external",
    );
  }
  checkRegionalArgs([model], args);
  return model;
}

/**
 * A regional Application Load Balancer for Kubernetes Ingresses of GKE's `gce-internal` class (internal,
 * INTERNAL_MANAGED, on a private address of the nodes' subnetwork) or `gce-regional-external`
 * (EXTERNAL_MANAGED, on a regional public address): region health checks and backend services on the
 * nodes' instance groups, a region URL map, region target proxies, regional forwarding rules on the
 * nodes' network, and a firewall rule that admits the proxy-only subnet and Google's health checkers.
 * The same model as IngressLoadBalancer's; this class only maps it onto regional resources.
 */
export class RegionalIngressLoadBalancer extends pulumi.ComponentResource {
  readonly model: LoadBalancerModel;
  readonly backendServices: Record<string, gcp.compute.RegionBackendService>;
  readonly urlMap: gcp.compute.RegionUrlMap;
  readonly ipAddress: pulumi.Output<string>;
  readonly defaultBackend?: BackendApp;
  readonly https?: RegionalHttpsResources;
  readonly httpProxy?: gcp.compute.RegionTargetHttpProxy;
  readonly proxyOnlySubnet?: gcp.compute.Subnetwork;
  readonly namedPorts: NamedPorts;
  /** The health check of each backend service, by backend key (`namespace/service:port`). */
  readonly healthChecks: Record<string, gcp.compute.RegionHealthCheck> = {};
  /** The rule admitting the proxy-only subnet and Google's health checkers to the backends' ports. */
  readonly firewall: gcp.compute.Firewall;
  /** The regional address: reserved by the component, or looked up by its name. */
  readonly address: gcp.compute.Address;
  /** The :80 forwarding rule (absent with `allow-http: "false"`). */
  readonly httpForwardingRule?: gcp.compute.ForwardingRule;
  /** The :443 forwarding rule, when the load balancer serves HTTPS. */
  readonly httpsForwardingRule?: gcp.compute.ForwardingRule;

  constructor(name: string, args: RegionalIngressLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    const now = args.now ?? new Date();
    // Only IngressManifests hands on a model it decided for these very args; any other is ignored.
    const model = decidedModelFor(args, name) ?? decideRegionalLoadBalancer(name, { ...args, now });
    // Which args gave names as outputs, as the translation saw them.
    const given = argOutputsOf(args, now);
    const regional = model.regional;
    if (!regional) throw new Error(`model ${model.name} is not a regional load balancer's`);
    const region = args.region as pulumi.Input<string>;
    const groups = args.instanceGroups.map((url) => pulumi.output(url).apply(parseInstanceGroupUrl));
    super("ingress-glb:index:RegionalIngressLoadBalancer", name, { ingresses: model.ingresses }, opts);
    this.model = model;
    logWarnings(model.warnings, this);
    const child = { parent: this };
    const project = args.project;
    const network = args.network ?? "default";
    const names = new ResourceNames(name);
    this.namedPorts = args.namedPorts ?? new NamedPorts(groups, (backend) => backend.name, child, project);
    const subnet = args.proxyOnlySubnet as ProxyOnlySubnetArgs;
    this.proxyOnlySubnet =
      args.proxyOnlySubnetResource ??
      (subnet.exists
        ? undefined
        : proxyOnlySubnet(
            names.of(["proxy-only"]),
            { project, region, network, ipCidrRange: subnet.ipCidrRange },
            child,
          ));
    // GCP refuses a regional forwarding rule while the region has no proxy-only subnet.
    const afterSubnet: pulumi.CustomResourceOptions = this.proxyOnlySubnet
      ? { ...child, dependsOn: [this.proxyOnlySubnet] }
      : child;

    const sources = new Map(
      args.backends.map((b) => [`${b.serviceInfo.namespace}/${b.serviceInfo.name}`, b]),
    );
    const builtin = model.backends.find((b) => b.builtinDefault);
    if (builtin) {
      this.defaultBackend = builtinBackendApp(name, builtin, child);
      sources.set(`${builtin.namespace}/${builtin.service}`, this.defaultBackend);
    }

    const iapOf = iapClients(args, name, () => child);
    const nodePorts: pulumi.Output<number>[] = [];
    this.backendServices = {};
    // NEGs are made in every zone the cluster's nodes are in.
    const zones = args.zones ?? pulumi.all(groups).apply((refs) => refs.map((ref) => ref.zone));
    for (const backend of model.backends) {
      const source = sources.get(`${backend.namespace}/${backend.service}`) as ServiceBackendSource;
      const { nodePort, firewallPorts, dependsOn, clusterNeg } = backendTarget(backend, source, (port) =>
        this.namedPorts.of(backend, port),
      );
      nodePorts.push(...firewallPorts);
      const iap = iapOf(backend);
      const healthCheck = (this.healthChecks[backend.key] = new gcp.compute.RegionHealthCheck(
        `${backend.name}-hc`,
        { project, region, ...healthCheckArgs(backend, nodePort) },
        child,
      ));
      // The translation refused the options a regional backend service lacks (custom headers, CDN).
      const options = backendServiceOptionArgs(backend.options ?? {}, iap, (n) => given.outputs.resolve(n));
      delete options.customRequestHeaders;
      delete options.customResponseHeaders;
      this.backendServices[backend.key] = new gcp.compute.RegionBackendService(
        backend.name,
        {
          ...(options as Partial<gcp.compute.RegionBackendServiceArgs>),
          project,
          region,
          description: `Kubernetes Service ${backend.key}`,
          protocol: backend.protocol ?? "HTTP",
          ...(nodePort !== undefined ? { portName: pulumi.interpolate`port${nodePort}` } : {}),
          loadBalancingScheme: model.scheme,
          healthChecks: healthCheck.id,
          backends: backendsArgs(backend, {
            instanceGroups: groups.map((group) => group.url),
            zones,
            project: project ?? healthCheck.project,
            ...(clusterNeg ? { clusterNeg } : {}),
          }),
        },
        { ...child, dependsOn, ...backendServiceResourceOptions(backend.options ?? {}) },
      );
    }

    const firewallName = names.of(["allow-proxies"]);
    this.firewall = new gcp.compute.Firewall(
      firewallName,
      {
        project,
        network,
        direction: "INGRESS",
        description: model.backends.some((b) => b.neg)
          ? `The proxy-only subnet and Google's health checks to the NodePorts and Pod ports of load balancer ${model.label}`
          : `The proxy-only subnet and Google's health checks to the NodePorts of load balancer ${model.label}`,
        sourceRanges: [subnet.ipCidrRange, ...GOOGLE_HEALTH_CHECK_RANGES.ipv4],
        targetTags: args.nodeTags,
        allows: firewallAllows(nodePorts),
      },
      child,
    );

    this.urlMap = new gcp.compute.RegionUrlMap(
      model.urlMap.name,
      {
        project,
        region,
        ...urlMapRoutingArgs(model.urlMap, (key) => this.backendServices[key].id),
      },
      child,
    );

    const internal = regional.addressType === "INTERNAL";
    const staticIp = model.frontend.staticIp;
    const addressId = (existing: pulumi.Input<string>) =>
      project ? pulumi.interpolate`projects/${project}/regions/${region}/addresses/${existing}` : existing;
    const address =
      staticIp.kind === "existing"
        ? gcp.compute.Address.get(
            names.of(["ip"]),
            addressId(given.outputs.resolve(staticIp.name)),
            undefined,
            child,
          )
        : new gcp.compute.Address(
            staticIp.name,
            {
              project,
              region,
              addressType: regional.addressType,
              description: `Load balancer ${model.label}`,
              // :80 and :443 share the private address: GCP asks for this purpose to let them.
              ...(internal
                ? { subnetwork: args.subnetwork, purpose: "SHARED_LOADBALANCER_VIP" }
                : { networkTier: regional.networkTier }),
            },
            {
              ...child,
              ...(args.protectAddress !== undefined ? { protect: args.protectAddress } : {}),
              ...(args.retainAddressOnDelete ? { retainOnDelete: true } : {}),
            },
          );
    this.address = address;
    this.ipAddress = address.address;

    const listener = (ruleName: string, target: pulumi.Input<string>, port: 80 | 443) =>
      new gcp.compute.ForwardingRule(
        ruleName,
        {
          project,
          region,
          target,
          ipAddress: address.address,
          ipProtocol: "TCP",
          portRange: String(port),
          loadBalancingScheme: model.scheme,
          network,
          networkTier: regional.networkTier,
          ...(internal ? { subnetwork: args.subnetwork } : {}),
        },
        afterSubnet,
      );

    for (const pem of args.tlsCertificates ?? []) kubernetesTlsSecret(pem, child);
    const https = model.frontend.https;
    if (https) {
      this.https = registerRegionalHttps(
        https,
        {
          project,
          region,
          urlMap: this.urlMap,
          secrets: given.frontend.secrets ?? [],
          names,
          resolve: (n) => given.outputs.resolve(n),
          clusterSecretReads: args.clusterSecretReads,
        },
        child,
      );
      this.httpsForwardingRule = listener(https.forwardingRuleName, this.https.proxy.id, 443);
    }
    if (model.frontend.http) {
      const proxyName = names.of(["http-proxy"]);
      this.httpProxy = new gcp.compute.RegionTargetHttpProxy(
        proxyName,
        { project, region, urlMap: (this.https?.redirectUrlMap ?? this.urlMap).id },
        child,
      );
      this.httpForwardingRule = listener(names.of(["http"]), this.httpProxy.id, 80);
    }
    this.registerOutputs({ ipAddress: this.ipAddress, urlMap: this.urlMap.id });
  }
}
