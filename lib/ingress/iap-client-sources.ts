import { Warning } from "../translate/model";
import {
  BackendConfigInfo,
  OAUTH_CLIENT_ID_KEY,
  OAUTH_CLIENT_SECRET_KEY,
  OAuthClient,
  backendConfigFieldOrigin,
  readOAuthClient,
} from "./backend-config";
import { Manifest } from "./manifests";
import { decodeBase64Strict } from "../tls/secret";
import { missingInNamespaceHint } from "../suggest";

/** Where the OAuth client of each IAP BackendConfig comes from, by `namespace/secretName`. */
export interface IapClientSources {
  /** Read from the Secrets of the files; plain text: wrap each value in `pulumi.secret` at once. */
  fromFiles: Record<string, OAuthClient>;
  /** `namespace/name` of the Secrets read from the cluster at deploy time. */
  fromCluster: string[];
  /** One `secret-read-from-cluster` per Secret read from the cluster. */
  warnings: Warning[];
}

/**
 * Decides where the OAuth client of every IAP BackendConfig comes from: given explicitly (`given`, the
 * typed `iapCredentials`), else the Secret of the files, else (not in the files, or owned by another
 * tool: `owned`) the Secret read from the cluster at deploy time, with a warning naming it.
 */
export function iapClientSources(
  configs: readonly BackendConfigInfo[],
  secrets: readonly Manifest[],
  given: ReadonlySet<string>,
  owned: ReadonlySet<string>,
): IapClientSources {
  const sources: IapClientSources = { fromFiles: {}, fromCluster: [], warnings: [] };
  for (const config of configs) {
    const secretName = config.options.iap?.oauthclientCredentials?.secretName;
    if (!config.options.iap?.enabled || secretName === undefined) continue;
    const key = `${config.namespace}/${secretName}`;
    if (given.has(key) || key in sources.fromFiles || sources.fromCluster.includes(key)) continue;
    const inFiles = secrets.some((s) => s.namespace === config.namespace && s.name === secretName);
    if (inFiles && !owned.has(key)) {
      const client = readOAuthClient(config, secrets);
      if (client) sources.fromFiles[key] = client;
      continue;
    }
    sources.fromCluster.push(key);
    // A near name in the files may be a typo: the warning says so.
    const hint = inFiles
      ? undefined
      : missingInNamespaceHint(
          { kind: "Secret", name: secretName, namespace: config.namespace, user: "a BackendConfig" },
          secrets,
        );
    sources.warnings.push({
      code: "secret-read-from-cluster",
      message: `IAP OAuth client Secret ${key} is read from the cluster at deploy time (${inFiles ? "another tool owns it (existing)" : "it is not in the files"}); the deployment fails if it is missing there or lacks ${OAUTH_CLIENT_ID_KEY} or ${OAUTH_CLIENT_SECRET_KEY}${hint ? ` (${hint})` : ""}`,
      origin: backendConfigFieldOrigin(config, ["iap", "oauthclientCredentials", "secretName"]),
    });
  }
  return sources;
}

/**
 * The OAuth client of an IAP Secret read from the cluster at deploy time (its base64 `data`). A missing
 * key fails the deployment naming the Secret and the key; values are never echoed.
 */
export function oauthClientFromClusterData(
  data: Record<string, string> | undefined,
  secret: string,
): OAuthClient {
  const value = (key: string) => {
    const raw = data?.[key];
    const decoded = typeof raw === "string" ? decodeBase64Strict(raw) : undefined;
    if (decoded === undefined || decoded.trim() === "") {
      throw new Error(
        `Secret ${secret} read from the cluster has no ${key}${raw === undefined ? "" : " (or it is not base64)"}: an IAP OAuth client Secret holds ${OAUTH_CLIENT_ID_KEY} and ${OAUTH_CLIENT_SECRET_KEY}`,
      );
    }
    return decoded;
  };
  return { clientId: value(OAUTH_CLIENT_ID_KEY), clientSecret: value(OAUTH_CLIENT_SECRET_KEY) };
}
