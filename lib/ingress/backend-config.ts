import { InputError, Origin } from "../errors";
import { quote } from "../quote";
import { didYouMean, missingInNamespaceHint } from "../suggest";
import { decodeBase64Strict } from "../tls/secret";
import {
  BACKEND_CONFIG_AFFINITY_TYPES,
  BackendOptions,
  CDN_CACHE_MODES,
  CdnOptions,
  HEALTH_CHECK_TYPES,
  HealthCheckOverrides,
} from "../translate/backend-options";
import { BACKEND_CONFIG_ANNOTATION } from "./annotations";
import {
  checkConfigObject,
  describeValue,
  FieldPath,
  FieldReader,
  formatFieldPath,
  isRecord,
  LineLocator,
} from "./kube-object";
import { Manifest } from "./manifests";
import { ServiceInfo, ServicePortInfo } from "./types";

export const BACKEND_CONFIG_API_VERSIONS = ["cloud.google.com/v1", "cloud.google.com/v1beta1"] as const;
/** The annotation's name before GKE 1.16; read when the GA one is absent, as GKE does. */
export const BETA_BACKEND_CONFIG_ANNOTATION = "beta.cloud.google.com/backend-config";
/** Keys of the IAP OAuth client Secret, as GKE names them. */
export const OAUTH_CLIENT_ID_KEY = "client_id";
export const OAUTH_CLIENT_SECRET_KEY = "client_secret";

/** A BackendConfig manifest, typed. Values are range-checked where a Service uses it, to name that Service. */
export interface BackendConfigInfo {
  name: string;
  namespace: string;
  /** The spec as backend options (the same shape). */
  options: BackendOptions;
  /** `BackendConfig/namespace/name`, file and line. */
  origin: Origin;
  /** Lines of its fields, when the source kept them. */
  lineOf?: LineLocator;
}

/** Origin of a field of a BackendConfig's spec, e.g. `["cdn", "maxTtl"]` -> `spec.cdn.maxTtl` and its line. */
export function backendConfigFieldOrigin(config: BackendConfigInfo, path: FieldPath): Origin {
  return new FieldReader(config.origin, config.lineOf).at(["spec", ...path]);
}

/** A Service's `cloud.google.com/backend-config` annotation: a BackendConfig for all ports, or per port. */
export interface BackendConfigRefs {
  default?: string;
  /** Service port number (as text) or port name -> BackendConfig name. */
  ports: Record<string, string>;
  /** The Service and the annotation field. */
  origin: Origin;
}

const ANNOTATION_SHAPE = 'expected {"default": "NAME"} or {"ports": {"PORT_NUMBER_OR_NAME": "NAME"}}';

/**
 * Reads a Service's backend-config annotation (the GA name, or the beta one when only it is set). Malformed
 * JSON, unknown keys, a port the Service lacks: an InputError naming the Service and the annotation.
 */
export function readBackendConfigRefs(service: ServiceInfo): BackendConfigRefs | undefined {
  const annotation =
    service.annotations[BACKEND_CONFIG_ANNOTATION] !== undefined
      ? BACKEND_CONFIG_ANNOTATION
      : service.annotations[BETA_BACKEND_CONFIG_ANNOTATION] !== undefined
        ? BETA_BACKEND_CONFIG_ANNOTATION
        : undefined;
  if (annotation === undefined) return undefined;
  const origin: Origin = {
    ...service.origin,
    field: formatFieldPath(["metadata", "annotations", annotation]),
  };
  function fail(problem: string, hint?: string): never {
    throw new InputError(problem, origin, hint);
  }
  let value: unknown;
  try {
    value = JSON.parse(service.annotations[annotation]);
  } catch (err) {
    fail(`malformed JSON: ${(err as Error).message.split("\n")[0]}`, ANNOTATION_SHAPE);
  }
  if (!isRecord(value)) fail(`must be a JSON object, found ${describeValue(value)}`, ANNOTATION_SHAPE);
  for (const key of Object.keys(value)) {
    if (key !== "default" && key !== "ports") {
      fail(`unknown key ${quote(key)}`, didYouMean(key, ["default", "ports"]) ?? ANNOTATION_SHAPE);
    }
  }
  const refs: BackendConfigRefs = { ports: {}, origin };
  if (value.default !== undefined) {
    if (typeof value.default !== "string" || value.default === "") {
      fail(`"default" must name a BackendConfig, found ${describeValue(value.default)}`);
    }
    refs.default = value.default;
  }
  if (value.ports !== undefined) {
    if (!isRecord(value.ports))
      fail(`"ports" must be a JSON object, found ${describeValue(value.ports)}`, ANNOTATION_SHAPE);
    for (const [port, name] of Object.entries(value.ports)) {
      if (typeof name !== "string" || name === "") {
        fail(`"ports"."${port}" must name a BackendConfig, found ${describeValue(name)}`);
      }
      if (!service.ports.some((p) => String(p.port) === port || p.name === port)) {
        const known = service.ports.flatMap((p) => [String(p.port), ...(p.name ? [p.name] : [])]);
        fail(
          `"ports" names port ${quote(port)}, which the Service does not have`,
          didYouMean(port, known) ?? `its ports: ${known.join(", ")}`,
        );
      }
      refs.ports[port] = name;
    }
  }
  if (refs.default === undefined && Object.keys(refs.ports).length === 0)
    fail("names no BackendConfig", ANNOTATION_SHAPE);
  return refs;
}

/**
 * The BackendConfig a Service port uses: by port name, then by port number, then the default, in the
 * order GKE's controller looks them up (ingress-gce pkg/backendconfig/utils.go).
 */
export function backendConfigNameFor(refs: BackendConfigRefs, port: ServicePortInfo): string | undefined {
  return (
    (port.name !== undefined ? refs.ports[port.name] : undefined) ??
    refs.ports[String(port.port)] ??
    refs.default
  );
}

/** Finds a BackendConfig the annotation names, in the Service's namespace, or says which name was meant. */
export function findBackendConfig(
  name: string,
  service: ServiceInfo,
  refs: BackendConfigRefs,
  configs: readonly BackendConfigInfo[],
): BackendConfigInfo {
  const sameNamespace = configs.filter((c) => c.namespace === service.namespace);
  const found = sameNamespace.find((c) => c.name === name);
  if (found) return found;
  const hint = missingInNamespaceHint(
    { kind: "BackendConfig", name, namespace: service.namespace, user: "a Service" },
    configs,
    sameNamespace.length === 0
      ? `there is no BackendConfig in namespace "${service.namespace}"`
      : `BackendConfigs there: ${sameNamespace.map((c) => c.name).join(", ")}`,
  );
  throw new InputError(
    `Service "${service.namespace}/${service.name}" names BackendConfig "${name}", which is not found in namespace "${service.namespace}"`,
    refs.origin,
    hint,
  );
}

/** Reads a BackendConfig manifest into typed options, checking the shape of every field it knows. */
export function readBackendConfig(
  obj: unknown,
  origin: Origin = {},
  lineOf?: LineLocator,
): BackendConfigInfo {
  const {
    object,
    namespace,
    origin: self,
  } = checkConfigObject(obj, "BackendConfig", BACKEND_CONFIG_API_VERSIONS, origin, lineOf);
  const r: SpecReader = new SpecReader(self, lineOf);
  const spec = r.record(object.spec, ["spec"]) ?? {};
  r.known(spec, ["spec"], SPEC_FIELDS);

  const options: BackendOptions = {};
  const at = (...path: FieldPath): FieldPath => ["spec", ...path];
  const timeoutSec = r.number(spec.timeoutSec, at("timeoutSec"));
  if (timeoutSec !== undefined) options.timeoutSec = timeoutSec;

  const draining = r.section(spec, "connectionDraining", ["drainingTimeoutSec"]);
  if (draining)
    options.connectionDraining = {
      drainingTimeoutSec:
        r.number(draining.drainingTimeoutSec, at("connectionDraining", "drainingTimeoutSec")) ?? 0,
    };

  const affinity = r.section(spec, "sessionAffinity", ["affinityType", "affinityCookieTtlSec"]);
  if (affinity) {
    const ttl = r.number(affinity.affinityCookieTtlSec, at("sessionAffinity", "affinityCookieTtlSec"));
    options.sessionAffinity = {
      affinityType:
        r.oneOf(
          affinity.affinityType,
          at("sessionAffinity", "affinityType"),
          BACKEND_CONFIG_AFFINITY_TYPES,
        ) ?? "NONE",
      ...(ttl !== undefined ? { affinityCookieTtlSec: ttl } : {}),
    };
  }

  const cdn = r.section(spec, "cdn", CDN_FIELDS);
  if (cdn) options.cdn = readCdn(r, cdn);

  const iap = r.section(spec, "iap", ["enabled", "oauthclientCredentials"]);
  if (iap) {
    const credentials = r.record(iap.oauthclientCredentials, at("iap", "oauthclientCredentials"));
    if (credentials) {
      for (const inClear of ["clientID", "clientSecret"]) {
        if (credentials[inClear] !== undefined) {
          r.fail(
            at("iap", "oauthclientCredentials", inClear),
            `${inClear} must not be written in the BackendConfig`,
            `keep the OAuth client in a Secret with keys ${OAUTH_CLIENT_ID_KEY} and ${OAUTH_CLIENT_SECRET_KEY}, named by secretName`,
          );
        }
      }
      r.known(credentials, at("iap", "oauthclientCredentials"), ["secretName"]);
    }
    const secretName = credentials
      ? r.string(credentials.secretName, at("iap", "oauthclientCredentials", "secretName"))
      : undefined;
    options.iap = {
      enabled: r.boolean(iap.enabled, at("iap", "enabled")) ?? false,
      ...(secretName !== undefined ? { oauthclientCredentials: { secretName } } : {}),
    };
  }

  const policy = r.section(spec, "securityPolicy", ["name"]);
  if (policy) {
    const name = r.string(policy.name, at("securityPolicy", "name"));
    if (!name) r.fail(at("securityPolicy", "name"), "missing the security policy name");
    options.securityPolicy = { name };
  }

  for (const field of ["customRequestHeaders", "customResponseHeaders"] as const) {
    const headers = r.section(spec, field, ["headers"]);
    if (headers) options[field] = { headers: r.strings(headers.headers, at(field, "headers")) ?? [] };
  }

  const logging = r.section(spec, "logging", ["enable", "sampleRate"]);
  if (logging) {
    const sampleRate = r.number(logging.sampleRate, at("logging", "sampleRate"));
    options.logging = {
      enable: r.boolean(logging.enable, at("logging", "enable")) ?? false,
      ...(sampleRate !== undefined ? { sampleRate } : {}),
    };
  }

  const healthCheck = r.section(spec, "healthCheck", HEALTH_CHECK_FIELDS);
  if (healthCheck) options.healthCheck = readHealthCheck(r, healthCheck);

  return { name: object.metadata.name, namespace, options, origin: self, ...(lineOf ? { lineOf } : {}) };
}

const SPEC_FIELDS = [
  "timeoutSec",
  "connectionDraining",
  "sessionAffinity",
  "cdn",
  "iap",
  "securityPolicy",
  "customRequestHeaders",
  "customResponseHeaders",
  "logging",
  "healthCheck",
];
const CDN_FIELDS = [
  "enabled",
  "cacheMode",
  "defaultTtl",
  "maxTtl",
  "clientTtl",
  "cachePolicy",
  "negativeCaching",
  "negativeCachingPolicy",
  "requestCoalescing",
  "serveWhileStale",
  "signedUrlCacheMaxAgeSec",
  "bypassCacheOnRequestHeaders",
];
const CACHE_POLICY_FIELDS = [
  "includeHost",
  "includeProtocol",
  "includeQueryString",
  "queryStringBlacklist",
  "queryStringWhitelist",
];
const HEALTH_CHECK_FIELDS = [
  "checkIntervalSec",
  "timeoutSec",
  "healthyThreshold",
  "unhealthyThreshold",
  "type",
  "requestPath",
  "port",
];
/** GKE fields ingress-glb does not carry out: refused by name rather than silently dropped. */
const UNSUPPORTED: Record<string, string> = {
  signedUrlKeys: "signed URL keys are not supported by ingress-glb yet",
};

function readCdn(r: SpecReader, cdn: Record<string, unknown>): CdnOptions {
  const at = (...path: FieldPath): FieldPath => ["spec", "cdn", ...path];
  const out: CdnOptions = { enabled: r.boolean(cdn.enabled, at("enabled")) ?? false };
  const cacheMode = r.oneOf(cdn.cacheMode, at("cacheMode"), CDN_CACHE_MODES);
  if (cacheMode !== undefined) out.cacheMode = cacheMode;
  for (const field of [
    "defaultTtl",
    "maxTtl",
    "clientTtl",
    "serveWhileStale",
    "signedUrlCacheMaxAgeSec",
  ] as const) {
    const value = r.number(cdn[field], at(field));
    if (value !== undefined) out[field] = value;
  }
  for (const field of ["negativeCaching", "requestCoalescing"] as const) {
    const value = r.boolean(cdn[field], at(field));
    if (value !== undefined) out[field] = value;
  }
  const policy = r.record(cdn.cachePolicy, at("cachePolicy"));
  if (policy) {
    r.known(policy, at("cachePolicy"), CACHE_POLICY_FIELDS);
    const cachePolicy: NonNullable<CdnOptions["cachePolicy"]> = {};
    for (const field of ["includeHost", "includeProtocol", "includeQueryString"] as const) {
      const value = r.boolean(policy[field], at("cachePolicy", field));
      if (value !== undefined) cachePolicy[field] = value;
    }
    for (const field of ["queryStringBlacklist", "queryStringWhitelist"] as const) {
      const value = r.strings(policy[field], at("cachePolicy", field));
      if (value !== undefined) cachePolicy[field] = value;
    }
    out.cachePolicy = cachePolicy;
  }
  const negative = r.array(cdn.negativeCachingPolicy, at("negativeCachingPolicy"));
  if (negative) {
    out.negativeCachingPolicy = negative.map((entry, i) => {
      const item = r.record(entry, at("negativeCachingPolicy", i)) ?? {};
      r.known(item, at("negativeCachingPolicy", i), ["code", "ttl"]);
      const code = r.number(item.code, at("negativeCachingPolicy", i, "code"));
      if (code === undefined) r.fail(at("negativeCachingPolicy", i, "code"), "missing code");
      return { code, ttl: r.number(item.ttl, at("negativeCachingPolicy", i, "ttl")) ?? 0 };
    });
  }
  const bypass = r.array(cdn.bypassCacheOnRequestHeaders, at("bypassCacheOnRequestHeaders"));
  if (bypass) {
    out.bypassCacheOnRequestHeaders = bypass.map((entry, i) => {
      const item = r.record(entry, at("bypassCacheOnRequestHeaders", i)) ?? {};
      r.known(item, at("bypassCacheOnRequestHeaders", i), ["headerName"]);
      const headerName = r.string(item.headerName, at("bypassCacheOnRequestHeaders", i, "headerName"));
      if (!headerName) r.fail(at("bypassCacheOnRequestHeaders", i, "headerName"), "missing headerName");
      return { headerName };
    });
  }
  return out;
}

function readHealthCheck(r: SpecReader, hc: Record<string, unknown>): HealthCheckOverrides {
  const at = (field: string): FieldPath => ["spec", "healthCheck", field];
  const out: HealthCheckOverrides = {};
  for (const field of [
    "checkIntervalSec",
    "timeoutSec",
    "healthyThreshold",
    "unhealthyThreshold",
    "port",
  ] as const) {
    const value = r.number(hc[field], at(field));
    if (value !== undefined) out[field] = value;
  }
  const type = r.oneOf(hc.type, at("type"), HEALTH_CHECK_TYPES);
  if (type !== undefined) out.type = type;
  const requestPath = r.string(hc.requestPath, at("requestPath"));
  if (requestPath !== undefined) out.requestPath = requestPath;
  return out;
}

/** FieldReader with the value kinds a BackendConfig has beyond the common ones. */
class SpecReader extends FieldReader {
  /** A sub-mapping of `spec`, its keys checked; undefined when absent. */
  section(
    spec: Record<string, unknown>,
    field: string,
    fields: readonly string[],
  ): Record<string, unknown> | undefined {
    const value = this.record(spec[field], ["spec", field]);
    if (value) this.known(value, ["spec", field], fields);
    return value;
  }

  /** Refuses keys outside `fields`: a misspelt option would otherwise be silently ignored. */
  override known(value: Record<string, unknown>, path: FieldPath, fields: readonly string[]): void {
    super.known(value, path, fields, UNSUPPORTED);
  }

  /** A number (ranges are checked where the BackendConfig is used); a quoted number is refused. */
  number(value: unknown, path: FieldPath): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) {
      this.fail(path, `must be a number, found ${describeValue(value)}`, `write it without quotes: ${value}`);
    }
    if (typeof value !== "number" || !Number.isFinite(value))
      this.fail(path, `must be a number, found ${describeValue(value)}`);
    return value;
  }

  boolean(value: unknown, path: FieldPath): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") {
      const hint = value === "true" || value === "false" ? `write it without quotes: ${value}` : undefined;
      this.fail(path, `must be true or false, found ${describeValue(value)}`, hint);
    }
    return value;
  }

  strings(value: unknown, path: FieldPath): string[] | undefined {
    return this.array(value, path)?.map((item, i) => {
      if (typeof item !== "string") this.fail([...path, i], `must be a string, found ${describeValue(item)}`);
      return item;
    });
  }
}

/** The OAuth client of an IAP-enabled backend, read from its Secret. Plain text: wrap it in pulumi.secret at once. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/**
 * Reads the OAuth client an IAP BackendConfig names from the manifests' Secrets (same namespace). A missing
 * Secret or key is an error at the BackendConfig's `secretName`, or at the Secret's field; values are never
 * echoed in messages.
 */
export function readOAuthClient(
  config: BackendConfigInfo,
  secrets: readonly Manifest[],
): OAuthClient | undefined {
  const secretName = config.options.iap?.oauthclientCredentials?.secretName;
  if (!config.options.iap?.enabled || secretName === undefined) return undefined;
  const at = backendConfigFieldOrigin(config, ["iap", "oauthclientCredentials", "secretName"]);
  const secret = secrets.find((s) => s.namespace === config.namespace && s.name === secretName);
  if (!secret) {
    throw new InputError(
      `Secret "${secretName}" not found in namespace "${config.namespace}"`,
      at,
      missingInNamespaceHint(
        { kind: "Secret", name: secretName, namespace: config.namespace, user: "a BackendConfig" },
        secrets,
        `create it with keys ${OAUTH_CLIENT_ID_KEY} and ${OAUTH_CLIENT_SECRET_KEY}`,
      ),
    );
  }
  return {
    clientId: secretValue(secret, OAUTH_CLIENT_ID_KEY),
    clientSecret: secretValue(secret, OAUTH_CLIENT_SECRET_KEY),
  };
}

/** Kubernetes writes `stringData` over `data`. */
function secretValue(secret: Manifest, key: string): string {
  const r: FieldReader = new FieldReader(secret.origin, secret.lineOf);
  const stringData = r.record(secret.object.stringData, ["stringData"]) ?? {};
  const data = r.record(secret.object.data, ["data"]) ?? {};
  if (key in stringData) {
    const value = stringData[key];
    if (typeof value !== "string" || value.trim() === "")
      r.fail(["stringData", key], `${key} must be a non-empty string`);
    return value;
  }
  if (!(key in data)) {
    r.fail(
      ["data", key],
      `the Secret has no ${key}`,
      `an IAP OAuth client Secret holds ${OAUTH_CLIENT_ID_KEY} and ${OAUTH_CLIENT_SECRET_KEY}`,
    );
  }
  const raw = data[key];
  const decoded = typeof raw === "string" ? decodeBase64Strict(raw) : undefined;
  if (decoded === undefined || decoded.trim() === "") {
    r.fail(
      ["data", key],
      `${key} is not non-empty base64`,
      "put clear text under stringData, or base64-encode it",
    );
  }
  return decoded;
}
