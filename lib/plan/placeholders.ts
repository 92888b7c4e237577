import { createHash } from "node:crypto";

import * as pulumi from "@pulumi/pulumi";

import { formatPropertyPath, PathSegment } from "./property-path";
import { Placeholder } from "./types";
import { WireProperties } from "./wire-properties";

/**
 * Deterministic stand-ins for the outputs only the cloud or the cluster decides (IDs, self links,
 * autonames, IPs, NodePorts), so an offline plan resolves every output the same way on every run.
 */

/** Hands out unique values from a range, starting from a hash and probing upwards on collision. */
export class UniqueAllocator {
  private readonly used = new Set<number>();

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {}

  /** Marks a value given explicitly in the inputs as taken. */
  reserve(value: number): void {
    this.used.add(value);
  }

  allocate(seed: number): number {
    const size = this.max - this.min + 1;
    for (let step = 0; step < size; step++) {
      const candidate = this.min + ((seed + step) % size);
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    throw new Error(`no free placeholder value left in ${this.min}-${this.max}`);
  }
}

/** Per-run allocators, so two resources of one plan never get the same NodePort or IP. */
export interface PlaceholderPools {
  /** Kubernetes' default NodePort range. */
  nodePorts: UniqueAllocator;
  /** Host part of 203.0.113.0/24 (TEST-NET-3, RFC 5737: documentation only, never routed). */
  testNet3Hosts: UniqueAllocator;
}

export function newPlaceholderPools(): PlaceholderPools {
  return { nodePorts: new UniqueAllocator(30000, 32767), testNet3Hosts: new UniqueAllocator(1, 254) };
}

export interface PlaceholderContext {
  readonly type: string;
  /** Logical (Pulumi) name. */
  readonly name: string;
  readonly urn: string;
  /** The ID: given for a read, a placeholder for a created resource. */
  readonly id: string;
  readonly read: boolean;
  /** Inputs in wire form plus the placeholders earlier rules filled in; rules write through `fill`. */
  readonly state: WireProperties;
  readonly pools: PlaceholderPools;
  /** Stack configuration, e.g. `gcp:project`. */
  config(key: string): string | undefined;
  /**
   * Sets `path` to `value` unless the state already holds a value there (inputs win), records it as a
   * placeholder, and returns the value in effect.
   */
  fill(path: readonly PathSegment[], value: unknown | (() => unknown)): unknown;
  /** A stable number derived from the URN and `salt`. */
  hash(salt?: string): number;
  /** A stable number derived from `text` alone. */
  hashOf(text: string): number;
  /** `length` stable hex digits derived from the URN. */
  hex(length: number): string;
}

/** One row of the table: which types it covers and what it fills in. */
export interface PlaceholderRule {
  readonly applies: (type: string) => boolean;
  readonly fill: (ctx: PlaceholderContext) => void;
}

const PLACEHOLDER_PROJECT = "placeholder-project";
const PLACEHOLDER_ZONE = "placeholder-zone";
const PLACEHOLDER_REGION = "placeholder-region";

/** Compute types with a self link, and the collection it names (`{zone}` filled from the zone). */
export const COMPUTE_COLLECTIONS: Readonly<Record<string, string>> = {
  "gcp:compute/globalAddress:GlobalAddress": "global/addresses",
  "gcp:compute/healthCheck:HealthCheck": "global/healthChecks",
  "gcp:compute/httpHealthCheck:HttpHealthCheck": "global/httpHealthChecks",
  "gcp:compute/backendService:BackendService": "global/backendServices",
  "gcp:compute/backendBucket:BackendBucket": "global/backendBuckets",
  "gcp:compute/uRLMap:URLMap": "global/urlMaps",
  "gcp:compute/targetHttpProxy:TargetHttpProxy": "global/targetHttpProxies",
  "gcp:compute/targetHttpsProxy:TargetHttpsProxy": "global/targetHttpsProxies",
  "gcp:compute/globalForwardingRule:GlobalForwardingRule": "global/forwardingRules",
  "gcp:compute/sSLCertificate:SSLCertificate": "global/sslCertificates",
  "gcp:compute/managedSslCertificate:ManagedSslCertificate": "global/sslCertificates",
  "gcp:compute/sSLPolicy:SSLPolicy": "global/sslPolicies",
  "gcp:compute/securityPolicy:SecurityPolicy": "global/securityPolicies",
  "gcp:compute/firewall:Firewall": "global/firewalls",
  "gcp:compute/globalNetworkEndpointGroup:GlobalNetworkEndpointGroup": "global/networkEndpointGroups",
  "gcp:compute/network:Network": "global/networks",
  "gcp:compute/instanceGroup:InstanceGroup": "zones/{zone}/instanceGroups",
  // The regional load balancers' resources (`{region}` filled from the region).
  "gcp:compute/address:Address": "regions/{region}/addresses",
  "gcp:compute/regionHealthCheck:RegionHealthCheck": "regions/{region}/healthChecks",
  "gcp:compute/regionBackendService:RegionBackendService": "regions/{region}/backendServices",
  "gcp:compute/regionUrlMap:RegionUrlMap": "regions/{region}/urlMaps",
  "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy": "regions/{region}/targetHttpProxies",
  "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy": "regions/{region}/targetHttpsProxies",
  "gcp:compute/forwardingRule:ForwardingRule": "regions/{region}/forwardingRules",
  "gcp:compute/regionSslCertificate:RegionSslCertificate": "regions/{region}/sslCertificates",
  "gcp:compute/regionSslPolicy:RegionSslPolicy": "regions/{region}/sslPolicies",
  "gcp:compute/subnetwork:Subnetwork": "regions/{region}/subnetworks",
};

/** The table, applied in order; add a row to cover a new type. */
export const PLACEHOLDER_RULES: readonly PlaceholderRule[] = [
  { applies: (type) => type.startsWith("gcp:"), fill: gcpProject },
  { applies: (type) => type in COMPUTE_COLLECTIONS, fill: computeNameAndSelfLink },
  { applies: (type) => type === "gcp:compute/globalAddress:GlobalAddress", fill: globalAddressIp },
  { applies: (type) => type === "gcp:compute/address:Address", fill: regionalAddressIp },
  { applies: (type) => type.startsWith("kubernetes:"), fill: kubernetesName },
  { applies: (type) => type === "kubernetes:core/v1:Service", fill: serviceNodePorts },
  { applies: (type) => type === "kubernetes:core/v1:Secret", fill: clusterSecretData },
];

/** The keys a Secret read from the cluster is read for: a TLS certificate and key, an IAP OAuth client. */
export const CLUSTER_SECRET_KEYS = ["tls.crt", "tls.key", "client_id", "client_secret"] as const;

/** The ID a created resource gets: `<name>-id`. */
export function placeholderId(name: string): string {
  return `${name}-id`;
}

export interface PlaceholderInput {
  type: string;
  name: string;
  urn: string;
  id: string;
  read: boolean;
  state: WireProperties;
  pools: PlaceholderPools;
  config: (key: string) => string | undefined;
}

/** Runs every matching rule over `input.state` (mutated in place); returns the placeholders it filled. */
export function applyPlaceholderRules(
  input: PlaceholderInput,
  rules: readonly PlaceholderRule[] = PLACEHOLDER_RULES,
): Placeholder[] {
  const filled: Placeholder[] = [];
  const digest = (salt: string) => createHash("sha256").update(`${input.urn}\0${salt}`).digest("hex");
  const ctx: PlaceholderContext = {
    type: input.type,
    name: input.name,
    urn: input.urn,
    id: input.id,
    read: input.read,
    state: input.state,
    pools: input.pools,
    config: input.config,
    fill(path, value) {
      const existing = getPath(input.state, path);
      if ((existing !== undefined && existing !== null) || crossesWireValue(input.state, path)) {
        return existing;
      }
      const resolved = typeof value === "function" ? (value as () => unknown)() : value;
      setPath(input.state, path, resolved);
      filled.push({ urn: input.urn, property: formatPropertyPath(path), value: resolved });
      return resolved;
    },
    hash: (salt = "") => parseInt(digest(salt).slice(0, 8), 16),
    hashOf: (text) => parseInt(createHash("sha256").update(text).digest("hex").slice(0, 8), 16),
    hex: (length) => digest("").slice(0, length),
  };
  for (const rule of rules) {
    if (rule.applies(input.type)) {
      rule.fill(ctx);
    }
  }
  return filled;
}

function gcpProject(ctx: PlaceholderContext): void {
  ctx.fill(["project"], ctx.config("gcp:project") ?? PLACEHOLDER_PROJECT);
}

function computeNameAndSelfLink(ctx: PlaceholderContext): void {
  const name = ctx.fill(["name"], () => computeName(ctx));
  const project = stringAt(ctx.state, ["project"]) ?? PLACEHOLDER_PROJECT;
  const zone = stringAt(ctx.state, ["zone"]) ?? ctx.config("gcp:zone") ?? PLACEHOLDER_ZONE;
  const region =
    stringAt(ctx.state, ["region"]) ??
    /\/regions\/([^/]+)\//.exec(ctx.id)?.[1] ??
    ctx.config("gcp:region") ??
    PLACEHOLDER_REGION;
  const collection = COMPUTE_COLLECTIONS[ctx.type].replace("{zone}", zone).replace("{region}", region);
  ctx.fill(["selfLink"], `https://www.googleapis.com/compute/v1/projects/${project}/${collection}/${name}`);
}

function computeName(ctx: PlaceholderContext): string {
  if (ctx.read) {
    // A looked-up resource is named by its ID (`name` or `projects/p/global/addresses/name`).
    return ctx.id.split("/").pop() ?? ctx.id;
  }
  const prefix = stringAt(ctx.state, ["namePrefix"]);
  if (prefix !== undefined) {
    // The provider appends a 26-character unique suffix to a name prefix.
    return `${prefix}${ctx.hash("namePrefix").toString().padStart(10, "0")}${ctx.hex(16)}`;
  }
  // Pulumi autonaming: `<name>-` plus 7 hex digits, 8 characters in all.
  return `${ctx.name}-${ctx.hex(7)}`;
}

function globalAddressIp(ctx: PlaceholderContext): void {
  // A looked-up address is the object its ID names: another ID, another IP, whatever the logical name.
  const seed = ctx.read ? ctx.hashOf(`address ${ctx.id}`) : ctx.hash("address");
  ctx.fill(["address"], () => `203.0.113.${ctx.pools.testNet3Hosts.allocate(seed)}`);
}

/** A regional address: a private placeholder for an internal one, a TEST-NET-3 one for an external one. */
function regionalAddressIp(ctx: PlaceholderContext): void {
  const seed = ctx.read ? ctx.hashOf(`address ${ctx.id}`) : ctx.hash("address");
  const internal = stringAt(ctx.state, ["addressType"]) === "INTERNAL";
  ctx.fill(
    ["address"],
    () => `${internal ? "10.128.0" : "203.0.113"}.${ctx.pools.testNet3Hosts.allocate(seed)}`,
  );
}

function kubernetesName(ctx: PlaceholderContext): void {
  if (ctx.read) {
    return;
  }
  // The Kubernetes provider autonames `metadata.name` as `<name>-` plus 8 characters.
  ctx.fill(["metadata", "name"], () => `${ctx.name}-${ctx.hex(8)}`);
}

function serviceNodePorts(ctx: PlaceholderContext): void {
  const type = stringAt(ctx.state, ["spec", "type"]);
  if (type !== "NodePort" && type !== "LoadBalancer") {
    return;
  }
  const ports = getPath(ctx.state, ["spec", "ports"]);
  if (!Array.isArray(ports)) {
    return;
  }
  ports.forEach((port) => {
    const given = (port as Record<string, unknown> | null)?.nodePort;
    if (typeof given === "number") {
      ctx.pools.nodePorts.reserve(given);
    }
  });
  // The cluster allocates a nodePort to the Service object (namespace/name), whatever the program calls it.
  const namespace = stringAt(ctx.state, ["metadata", "namespace"]) ?? "default";
  const objectName = stringAt(ctx.state, ["metadata", "name"]);
  ports.forEach((port, index) => {
    // By the port's name, as the API server keeps nodePorts: removing or reordering another port keeps it.
    const name = (port as Record<string, unknown> | null)?.name;
    const key = typeof name === "string" && name !== "" ? name : `#${index}`;
    ctx.fill(["spec", "ports", index, "nodePort"], () =>
      ctx.pools.nodePorts.allocate(
        objectName !== undefined ? ctx.hashOf(`${namespace}/${objectName}/${key}`) : ctx.hash(`port${index}`),
      ),
    );
  });
}

/**
 * A Secret read from the cluster holds what only the cluster knows: offline, each key it may be read for
 * holds a readable stand-in (base64, as the API returns `data`), never anything from the files.
 */
function clusterSecretData(ctx: PlaceholderContext): void {
  if (!ctx.read) {
    return;
  }
  ctx.fill(["data"], () =>
    Object.fromEntries(
      CLUSTER_SECRET_KEYS.map((key) => [
        key,
        Buffer.from(`placeholder ${key} of Secret ${ctx.id}, read at deploy time`).toString("base64"),
      ]),
    ),
  );
}

// A secret or other signed wire value is opaque: filling inside it would corrupt it.
function crossesWireValue(root: WireProperties, path: readonly PathSegment[]): boolean {
  return path.some((_segment, i) => {
    const node = getPath(root, path.slice(0, i));
    return node !== null && typeof node === "object" && pulumi.runtime.specialSigKey in node;
  });
}

function stringAt(state: WireProperties, path: readonly PathSegment[]): string | undefined {
  const value = getPath(state, path);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function getPath(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") {
      return undefined;
    }
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

function setPath(root: WireProperties, path: readonly PathSegment[], value: unknown): void {
  let node: Record<PathSegment, unknown> = root;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (next === null || typeof next !== "object") {
      node[segment] = typeof path[i + 1] === "number" ? [] : {};
    }
    node = node[segment] as Record<PathSegment, unknown>;
  });
}
