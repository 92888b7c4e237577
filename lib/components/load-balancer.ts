import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { InputError } from "../errors";
import { NormalizedIngress, ServiceInfo } from "../ingress/types";
import { HealthCheckModel, LoadBalancerModel, LoadBalancingScheme } from "../translate/model";
import { checkClusterArgs } from "../translate/cluster-args";
import { translate } from "../translate/translate";
import { checkNegRequested } from "../translate/neg";
import { BackendApp } from "./backend-app";
import { ServiceBackendSource } from "./backend-source";
import { GOOGLE_FRONT_END_RANGES } from "./google-ranges";
import {
  HttpsArgs,
  HttpsFrontendResources,
  frontendInputOf,
  kubernetesTlsSecret,
  registerHttpsFrontend,
} from "./https-frontend";
import { parseInstanceGroupUrl } from "./instance-groups";
import { BackendConfigInfo } from "../ingress/backend-config";
import { PodTemplateInfo } from "../ingress/pod-template";
import {
  BackendOptionsArgs,
  backendOptionsInput,
  backendServiceOptionArgs,
  backendServiceResourceOptions,
  backendsArgs,
  checkIapCredentials,
  healthCheckArgs,
  IapCredentials,
} from "./backend-args";
import { Ipv6FrontendResources, registerIpv6Frontend } from "./ipv6-frontend";
import { ArgOutputs } from "./arg-outputs";
import { globalListener } from "./forwarding-rule";
import { logWarnings } from "./log-warnings";
import { urlMapRoutingArgs } from "./url-map-args";
import { NamedPorts } from "./named-ports";
import { iapClients } from "./iap-clients";
import { builtinBackendApp } from "./builtin-backend";
import { backendTarget, firewallAllows } from "./backend-target";
import { aliasedOptions } from "./aliases";
import { withAliasUrns } from "./alias-urns";
import { ResourceNames } from "../translate/resource-names";
import { defaultBackendServiceName } from "../translate/default-backend";
import { globalSchemeOf } from "../translate/regional";

export interface IngressLoadBalancerArgs extends HttpsArgs {
  /** The Ingresses this load balancer serves; several share one address, URL map and proxies. */
  ingresses: NormalizedIngress[];
  /** The Services the Ingresses name, with their nodePorts. */
  backends: ServiceBackendSource[];
  /**
   * URLs of the instance groups of the cluster's nodes (not instance group managers), one per zone. May
   * be empty when every backend is served through NEGs (every Ingress has a default backend) and `zones` is given.
   */
  instanceGroups: pulumi.Input<string>[];
  /** Network tags of the nodes: the firewall rule opens the NodePorts to Google's front ends on them. */
  nodeTags: pulumi.Input<string>[];
  /**
   * Zones of the cluster, where GKE's NEG controller makes the network endpoint groups of NEG backends.
   * Default: the zones of `instanceGroups`.
   */
  zones?: pulumi.Input<string>[];
  /**
   * The cluster fact: ClusterIP Services without a `cloud.google.com/neg` annotation are served through
   * NEGs, as GKE does on VPC-native clusters (its default for new clusters). Default true; false refuses
   * them (routes-based clusters).
   */
  negDefault?: boolean;
  /**
   * What the derived names of NEGs start with. Default: this load balancer's name (IngressManifests
   * gives its own, so that every load balancer names a Service port's NEGs alike).
   */
  negScope?: string;
  /** VPC network of the nodes, by name or self link. Default `default`. */
  network?: pulumi.Input<string>;
  /** GCP project; the provider's by default. */
  project?: pulumi.Input<string>;
  /** `EXTERNAL` (classic, as GKE Ingress) by default, or `EXTERNAL_MANAGED`. */
  scheme?: LoadBalancingScheme;
  /**
   * Name of an existing global address to use (an output of another resource too); wins over
   * `kubernetes.io/ingress.global-static-ip-name`. A plain name is checked against GCP's name rules before
   * anything is registered; an output is checked by GCP at deploy time. It only says which address is
   * looked up: the lookup's logical name is this load balancer's (`<name>-ip`), so no URN depends on it.
   * (IngressManifests groups Ingresses, and names their load balancers, by the annotation's address only.)
   */
  staticIpName?: pulumi.Input<string>;
  /** Health check settings for every backend, over the fast defaults (5 s, 5 s, 2, 2). */
  healthCheck?: Partial<HealthCheckModel>;
  /**
   * `protect` of the reserved address(es): DNS points at their IP. Default: inherited from this
   * component's own options (`protect: true` on it or on IngressManifests reaches the address too).
   */
  protectAddress?: boolean;
  /**
   * Keep the reserved address(es) in the cloud when Pulumi deletes them (`pulumi destroy`, a removed
   * Ingress): the IP stays reserved, only the stack forgets it. Default false.
   */
  retainAddressOnDelete?: boolean;
  /** Namespace of the built-in 404 backend. Default: the first of the Ingresses' namespaces, alphabetically. */
  defaultBackendNamespace?: string;
  /**
   * Named ports shared with other load balancers on the same instance groups (one InstanceGroupNamedPort
   * per group and Service port). Default: this load balancer registers its own.
   */
  namedPorts?: NamedPorts;
  /** Typed options per backend (`namespace/service:port`); each top-level option replaces the BackendConfig's. */
  backendOptions?: Record<string, BackendOptionsArgs>;
  /** BackendConfigs the Services' `cloud.google.com/backend-config` annotations may name (`readBackendConfig`). */
  backendConfigs?: BackendConfigInfo[];
  /** Pod templates of the workloads behind the Services (`readPodTemplate`): readiness probes give health checks. */
  workloads?: PodTemplateInfo[];
  /** OAuth clients of IAP backends, by `namespace/secretName` of the Secret their BackendConfig names; kept secret. */
  iapCredentials?: Record<string, IapCredentials>;
  /**
   * `namespace/name` of IAP OAuth client Secrets to read from the cluster at deploy time, for the IAP
   * backends `iapCredentials` gives no client for: from `clusterSecretReads` when there, else read here.
   */
  clusterIapSecrets?: string[];
  /** Also serve on a reserved global IPv6 address, with its own :80 (and :443) forwarding rules. Default false. */
  ipv6?: boolean;
}

/**
 * Models `decideLoadBalancer` made, and the args object each was handed on with (`withDecidedModel`).
 * Module-private: a model given any other way (a `model` property on the args) is ignored, and the
 * load balancer decides, with every check, itself.
 */
const decidedModels = new WeakSet<LoadBalancerModel>();
const modelsForArgs = new WeakMap<object, LoadBalancerModel>();

/**
 * IngressManifests decides every load balancer before registering anything: these args then carry the
 * model it decided, so that it is not decided twice. Only a model `decideLoadBalancer` returned is taken,
 * and only by a load balancer of the same name. Not part of the package's API.
 *
 * @internal
 */
export function withDecidedModel<A extends IngressLoadBalancerArgs>(args: A, model: LoadBalancerModel): A {
  if (!decidedModels.has(model))
    throw new Error("a load balancer only takes a model decideLoadBalancer made");
  modelsForArgs.set(args, model);
  return args;
}

/**
 * The model IngressManifests decided for these args (`withDecidedModel`), when it is the one of a load
 * balancer named `name`. Not part of the package's API.
 *
 * @internal
 */
export function decidedModelFor(args: object, name: string): LoadBalancerModel | undefined {
  const decided = modelsForArgs.get(args);
  return decided?.name === name ? decided : undefined;
}

/**
 * The names of the args that may be outputs, as the translation takes them, and the table that resolves
 * them: decideLoadBalancer builds it, and each load balancer again from the same args.
 *
 * @internal
 */
export function argOutputsOf(args: Omit<IngressLoadBalancerArgs, "backends">, now: Date) {
  const outputs = new ArgOutputs();
  return {
    outputs,
    frontend: frontendInputOf(args, now, outputs),
    staticIpName:
      args.staticIpName === undefined ? undefined : outputs.name(args.staticIpName, "staticIpName"),
    backendOptions: backendOptionsInput(args.backendOptions, outputs),
  };
}

/** What IngressManifests knows of a load balancer's identity beyond its logical name. */
export interface LoadBalancerIdentity {
  /** Its name in resource descriptions (an immutable address must keep its description). */
  label?: string;
  /** The logical name ingress-glb 0.1.0 gave it: every child is aliased to its 0.1.0 name. */
  legacyName?: string;
  /** Name of its built-in 404 backend's Service and Deployment. */
  builtinServiceName?: string;
}

/**
 * Every decision and check of a load balancer, pure: the model `translate` makes of the args, and the
 * checks that need the args themselves (instance groups, IAP credentials). IngressLoadBalancer runs it
 * before registering anything; IngressManifests runs it for every load balancer before registering its
 * own resources. `backends` may be omitted when `services` describes them.
 */
export function decideLoadBalancer(
  name: string,
  args: Omit<IngressLoadBalancerArgs, "backends" | "now"> & { backends?: ServiceBackendSource[]; now: Date },
  services: ServiceInfo[] = (args.backends ?? []).map((b) => b.serviceInfo),
  identity: LoadBalancerIdentity = {},
): LoadBalancerModel {
  const given = argOutputsOf(args, args.now);
  const model = translate({
    frontend: given.frontend,
    name,
    label: identity.label,
    legacyName: identity.legacyName,
    builtinBackend: {
      namespace: args.defaultBackendNamespace,
      serviceName: identity.builtinServiceName,
    },
    ingresses: args.ingresses,
    services,
    scheme: args.scheme,
    staticIpName: given.staticIpName,
    healthCheck: args.healthCheck,
    workloads: args.workloads,
    backendConfigs: args.backendConfigs,
    backendOptions: given.backendOptions,
    ipv6: args.ipv6,
    negDefault: args.negDefault,
    negScope: args.negScope,
  });
  checkIapCredentials(model, args.iapCredentials ?? {}, args.clusterIapSecrets);
  // Given the sources, a NEG nobody asks GKE for is refused (IngressManifests decides without them).
  if (args.backends) {
    const requesting = new Set(
      args.backends
        // A Service read from the cluster has the NEGs its cluster made: nothing to ask for.
        .filter((b) => b.requestsNegs || b.clusterNeg !== undefined)
        .map((b) => `${b.serviceInfo.namespace}/${b.serviceInfo.name}`),
    );
    checkNegRequested(model.backends, (key) => requesting.has(key));
  }
  // Instance groups serve the backends that are not NEGs (the built-in 404 backend among them); NEG
  // backends need the cluster's zones, from `zones` or the groups.
  if (args.instanceGroups.length === 0) {
    if (model.backends.some((b) => !b.neg)) {
      throw new InputError("at least one instance group is needed", { field: "instanceGroups" });
    }
    if ((args.zones ?? []).length === 0) {
      throw new InputError(
        "no zone for the network endpoint groups: neither zones nor instanceGroups is given",
        { field: "zones" },
        "give the zones of the cluster's nodes",
      );
    }
  }
  // Project, network, tags (never none: a firewall rule without target tags reaches every instance of
  // the network) and instance group URLs, in the forms GCP accepts; output values are checked by GCP.
  checkClusterArgs({
    project: args.project,
    network: args.network,
    nodeTags: args.nodeTags,
    instanceGroups: args.instanceGroups,
    zones: args.zones,
  });
  decidedModels.add(model);
  return model;
}

/**
 * A Google Cloud global external HTTP(S) load balancer for Kubernetes Ingresses: named ports on the node
 * instance groups, a health check and a backend service per service port, the firewall rule for
 * Google's front ends, a URL map, a target HTTP proxy, a global forwarding rule on :80 and a global
 * address. Every decision is made by `translate`; this class only maps the model onto resources.
 * Every child resource is a readonly field below; `ipAddress`, `ipv6Address` and the URL map's ID
 * (`urlMap`) are its registered outputs.
 */
export class IngressLoadBalancer extends pulumi.ComponentResource {
  /** What `translate` decided: backends, URL map, frontend, routes and warnings. */
  readonly model: LoadBalancerModel;
  /** One backend service per Service port, by backend key (`namespace/service:port`). */
  readonly backendServices: Record<string, gcp.compute.BackendService>;
  /** The health check of each backend service, by backend key. */
  readonly healthChecks: Record<string, gcp.compute.HealthCheck>;
  /**
   * The named ports (`port<NodePort>`) each instance-group backend uses on the nodes' groups, one per group,
   * by backend key; shared with other load balancers when `namedPorts` is given. NEG backends have none.
   */
  readonly backendNamedPorts: Record<string, gcp.compute.InstanceGroupNamedPort[]>;
  /** The firewall rule that opens the NodePorts (and Pod ports of NEGs) to Google's front ends and health checks. */
  readonly firewall: gcp.compute.Firewall;
  /** The URL map of the Ingresses' rules. */
  readonly urlMap: gcp.compute.URLMap;
  /** The global IPv4 address: reserved here, or the existing one (`staticIpName`, the annotation) looked up. */
  readonly address: gcp.compute.GlobalAddress;
  /** The IPv4 address the load balancer serves on (output of `address`). */
  readonly ipAddress: pulumi.Output<string>;
  /** The built-in 404 backend, when no Ingress gives a default backend. */
  readonly defaultBackend?: BackendApp;
  /** The HTTPS side (proxy, :443 rule, certificates, SSL policy, redirect URL map), when the Ingresses have certificates. */
  readonly https?: HttpsFrontendResources;
  /** The IPv6 side (address, :80 and :443 rules), with `ipv6: true`. */
  readonly ipv6?: Ipv6FrontendResources;
  /** The reserved IPv6 address, with `ipv6: true`. */
  readonly ipv6Address?: pulumi.Output<string>;
  /** The :80 proxy, unless HTTP is off. */
  readonly httpProxy?: gcp.compute.TargetHttpProxy;
  /** The :80 forwarding rule on `address`, unless HTTP is off. */
  readonly httpForwardingRule?: gcp.compute.GlobalForwardingRule;
  /** The named ports its backends use: its own, or the set given in `namedPorts`. */
  readonly namedPorts: NamedPorts;
  /** The TLS Secrets it created in the cluster from `tlsCertificates`. */
  readonly tlsSecrets: k8s.core.v1.Secret[];
  /** The IAP OAuth client Secrets it read from the cluster itself, by `namespace/name`. */
  readonly iapSecretReads: Record<string, k8s.core.v1.Secret>;

  constructor(name: string, args: IngressLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    // The one place the clock is read, unless IngressManifests or the caller gives the time.
    const now = args.now ?? new Date();
    // Decide everything first: a mistake in the spec throws before any resource is registered. Only
    // IngressManifests hands on a model it decided for these very args; any other is ignored.
    const model = decidedModelFor(args, name) ?? decideLoadBalancer(name, { ...args, now });
    // The same table decideLoadBalancer built: which args gave names as outputs.
    const given = argOutputsOf(args, now);
    // A regional Ingress is RegionalIngressLoadBalancer's: refused here before anything is registered.
    const scheme = globalSchemeOf(model);
    const groups = args.instanceGroups.map((url) => pulumi.output(url).apply(parseInstanceGroupUrl));
    // The Ingresses it serves, as the component's inputs: a plan then knows which load balancer took
    // over from which when a name changes (the diff's IP-change callout reads them).
    super("ingress-glb:index:IngressLoadBalancer", name, { ingresses: model.ingresses }, withAliasUrns(opts));
    this.model = model;
    logWarnings(model.warnings, this);
    const child = { parent: this };
    const project = args.project;
    // Names derived here follow the model's: under an earlier base name, each child is aliased to its old name.
    const names = new ResourceNames(name, model.legacy?.name);
    const legacyOf = (logical: string) => names.aliases.get(logical) ?? model.legacy?.aliases[logical];
    const named = (logical: string, extra: pulumi.CustomResourceOptions = {}) =>
      aliasedOptions({ ...child, ...extra }, logical, legacyOf);
    this.namedPorts = args.namedPorts ?? new NamedPorts(groups, (backend) => backend.name, child, project);
    // Unset, the address inherits `protect` from this component, as every other child does.
    const addressOptions: pulumi.CustomResourceOptions = {
      ...(args.protectAddress !== undefined ? { protect: args.protectAddress } : {}),
      ...(args.retainAddressOnDelete ? { retainOnDelete: true } : {}),
    };

    const sources = new Map(
      args.backends.map((b) => [`${b.serviceInfo.namespace}/${b.serviceInfo.name}`, b]),
    );
    const builtin = model.backends.find((b) => b.builtinDefault);
    if (builtin) {
      // Its Service and Deployment are named after it: the engine aliases them along with it.
      const appName = defaultBackendServiceName(name);
      const legacyApp = model.legacy && defaultBackendServiceName(model.legacy.name);
      this.defaultBackend = builtinBackendApp(
        name,
        builtin,
        aliasedOptions(child, appName, () => legacyApp),
      );
      sources.set(`${builtin.namespace}/${builtin.service}`, this.defaultBackend);
    }

    this.iapSecretReads = {};
    const iapOf = iapClients(args, name, named, this.iapSecretReads);
    const nodePorts: pulumi.Output<number>[] = [];
    this.backendServices = {};
    this.healthChecks = {};
    this.backendNamedPorts = {};
    // NEGs are made in every zone the cluster's nodes are in.
    const zones = args.zones ?? pulumi.all(groups).apply((refs) => refs.map((ref) => ref.zone));
    for (const backend of model.backends) {
      const source = sources.get(`${backend.namespace}/${backend.service}`) as ServiceBackendSource;
      const iap = iapOf(backend);
      const legacyBackend = legacyOf(backend.name) ?? backend.name;
      const { nodePort, firewallPorts, dependsOn, clusterNeg } = backendTarget(
        backend,
        source,
        (port) =>
          // 0.1.0 registered the named ports under each load balancer; a shared set is aliased to those.
          (this.backendNamedPorts[backend.key] = this.namedPorts.of(
            backend,
            port,
            args.namedPorts && model.legacy ? { name: legacyBackend, parent: this } : undefined,
          )),
      );
      nodePorts.push(...firewallPorts);
      const healthCheck = new gcp.compute.HealthCheck(
        `${backend.name}-hc`,
        { project, ...healthCheckArgs(backend, nodePort) },
        aliasedOptions(child, `${backend.name}-hc`, () => `${legacyBackend}-hc`),
      );
      this.healthChecks[backend.key] = healthCheck;
      this.backendServices[backend.key] = new gcp.compute.BackendService(
        backend.name,
        {
          project,
          description: `Kubernetes Service ${backend.key}`,
          protocol: backend.protocol ?? "HTTP",
          ...(nodePort !== undefined ? { portName: pulumi.interpolate`port${nodePort}` } : {}),
          loadBalancingScheme: model.scheme,
          ...backendServiceOptionArgs(backend.options ?? {}, iap, (n) => given.outputs.resolve(n)),
          healthChecks: healthCheck.id,
          backends: backendsArgs(backend, {
            instanceGroups: groups.map((group) => group.url),
            zones,
            // The provider's project when none is given: the health check's says which.
            project: project ?? healthCheck.project,
            ...(clusterNeg ? { clusterNeg } : {}),
          }),
        },
        named(backend.name, { dependsOn, ...backendServiceResourceOptions(backend.options ?? {}) }),
      );
    }

    const firewallName = names.of(["allow-glb"]);
    this.firewall = new gcp.compute.Firewall(
      firewallName,
      {
        project,
        network: args.network ?? "default",
        direction: "INGRESS",
        description: model.backends.some((b) => b.neg)
          ? `Google front ends and health checks to the NodePorts and Pod ports of load balancer ${model.label}`
          : `Google front ends and health checks to the NodePorts of load balancer ${model.label}`,
        sourceRanges: [...GOOGLE_FRONT_END_RANGES.ipv4],
        targetTags: args.nodeTags,
        allows: firewallAllows(nodePorts),
      },
      named(firewallName),
    );

    this.urlMap = new gcp.compute.URLMap(
      model.urlMap.name,
      {
        project,
        ...urlMapRoutingArgs(model.urlMap, (key) => this.backendServices[key].id),
      },
      named(model.urlMap.name),
    );

    const staticIp = model.frontend.staticIp;
    const addressId = (existing: pulumi.Input<string>) =>
      project ? pulumi.interpolate`projects/${project}/global/addresses/${existing}` : existing;
    const address =
      staticIp.kind === "existing"
        ? gcp.compute.GlobalAddress.get(
            // The logical name is ours (two load balancers may look up differently named addresses).
            names.of(["ip"]),
            addressId(given.outputs.resolve(staticIp.name)),
            undefined,
            named(names.of(["ip"])),
          )
        : new gcp.compute.GlobalAddress(
            staticIp.name,
            // Every input of an address forces its replacement: the description names the label, never
            // a name that could change while the load balancer stays the same.
            {
              project,
              addressType: "EXTERNAL",
              ipVersion: "IPV4",
              description: `Load balancer ${model.label}`,
            },
            named(staticIp.name, addressOptions),
          );
    this.address = address;
    this.ipAddress = address.address;

    // The cluster gets the TLS Secrets given as PEM, as `kubectl create secret tls` would make them.
    this.tlsSecrets = (args.tlsCertificates ?? []).map((pem) => kubernetesTlsSecret(pem, child));
    const https = model.frontend.https;
    this.https = https
      ? registerHttpsFrontend(
          https,
          {
            name,
            project,
            scheme,
            urlMap: this.urlMap,
            address,
            secrets: given.frontend.secrets ?? [],
            clusterSecretReads: args.clusterSecretReads,
            names,
            legacyOf,
            resolve: (n) => given.outputs.resolve(n),
          },
          child,
        )
      : undefined;

    if (model.frontend.http) {
      const proxyName = names.of(["http-proxy"]);
      const proxy = new gcp.compute.TargetHttpProxy(
        proxyName,
        { project, urlMap: (this.https?.redirectUrlMap ?? this.urlMap).id },
        named(proxyName),
      );
      this.httpProxy = proxy;
      const ruleName = names.of(["http"]);
      this.httpForwardingRule = globalListener(
        ruleName,
        { project, proxy, address, port: 80, scheme },
        named(ruleName),
      );
    }
    if (model.frontend.ipv6) {
      this.ipv6 = registerIpv6Frontend(
        {
          names,
          label: model.label,
          addressName: model.frontend.ipv6.name,
          project,
          scheme,
          httpProxy: this.httpProxy,
          httpsProxy: this.https?.proxy,
          addressOptions,
          legacyOf,
        },
        child,
      );
      this.ipv6Address = this.ipv6.address.address;
    }
    this.registerOutputs({
      ipAddress: this.ipAddress,
      ipv6Address: this.ipv6Address,
      urlMap: this.urlMap.id,
    });
  }
}
