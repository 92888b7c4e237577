import { InputError, Origin } from "../errors";
import { quote } from "../quote";
import { missingInNamespaceHint } from "../suggest";
import type { RedirectResponseCode } from "../translate/model";
import { GCP_NAME_MAX, GCP_NAME_PATTERN } from "../translate/names";
import { FRONTEND_CONFIG_ANNOTATION } from "./annotations";
import {
  checkConfigObject,
  describeValue,
  FieldPath,
  FieldReader,
  formatFieldPath,
  LineLocator,
} from "./kube-object";
import { NormalizedIngress } from "./types";

export const FRONTEND_CONFIG_API_VERSIONS = ["networking.gke.io/v1beta1"] as const;

/** GCP URL map `redirectResponseCode` values (301, 302, 303, 307, 308); GKE passes the name through. */
export const FRONTEND_REDIRECT_CODES: readonly RedirectResponseCode[] = [
  "MOVED_PERMANENTLY_DEFAULT",
  "FOUND",
  "SEE_OTHER",
  "TEMPORARY_REDIRECT",
  "PERMANENT_REDIRECT",
];

/** What a FrontendConfig asks of the HTTPS frontend. */
export interface FrontendConfigSettings {
  /** Name of an existing SSL policy for the target HTTPS proxy. */
  sslPolicy?: string;
  redirectToHttps?: {
    enabled: boolean;
    /** GCP's default is MOVED_PERMANENTLY_DEFAULT (301). */
    responseCodeName?: RedirectResponseCode;
  };
}

/** A FrontendConfig manifest, read and checked. */
export interface FrontendConfigInfo {
  name: string;
  namespace: string;
  settings: FrontendConfigSettings;
  origin: Origin;
}

const SPEC_FIELDS = ["sslPolicy", "redirectToHttps"];
const REDIRECT_FIELDS = ["enabled", "responseCodeName"];

/**
 * Reads a FrontendConfig (networking.gke.io/v1beta1). Unknown fields are refused with the nearest known
 * one, since GKE would drop them silently.
 */
export function readFrontendConfig(
  obj: unknown,
  origin: Origin = {},
  lineOf?: LineLocator,
): FrontendConfigInfo {
  const {
    object,
    namespace,
    origin: self,
  } = checkConfigObject(obj, "FrontendConfig", FRONTEND_CONFIG_API_VERSIONS, origin, lineOf);
  const r: FieldReader = new FieldReader(self, lineOf);
  const spec = r.record(object.spec, ["spec"]) ?? {};
  r.known(spec, ["spec"], SPEC_FIELDS);

  const settings: FrontendConfigSettings = {};
  const sslPolicy = r.string(spec.sslPolicy, ["spec", "sslPolicy"]);
  // GKE reads an empty name as "no policy".
  if (sslPolicy) {
    if (!GCP_NAME_PATTERN.test(sslPolicy) || sslPolicy.length > GCP_NAME_MAX) {
      r.fail(
        ["spec", "sslPolicy"],
        `${quote(sslPolicy)} is not a valid SSL policy name`,
        "the name of an existing SSL policy (gcloud compute ssl-policies list): lowercase letters, digits and dashes",
      );
    }
    settings.sslPolicy = sslPolicy;
  }

  const redirect = r.record(spec.redirectToHttps, ["spec", "redirectToHttps"]);
  if (redirect) {
    const at = (field: string): FieldPath => ["spec", "redirectToHttps", field];
    r.known(redirect, ["spec", "redirectToHttps"], REDIRECT_FIELDS);
    if (
      redirect.enabled !== undefined &&
      redirect.enabled !== null &&
      typeof redirect.enabled !== "boolean"
    ) {
      const hint =
        redirect.enabled === "true" || redirect.enabled === "false"
          ? `write it without quotes: ${redirect.enabled}`
          : undefined;
      r.fail(at("enabled"), `must be true or false, found ${describeValue(redirect.enabled)}`, hint);
    }
    const responseCodeName = r.oneOf(
      redirect.responseCodeName,
      at("responseCodeName"),
      FRONTEND_REDIRECT_CODES,
    );
    settings.redirectToHttps = {
      enabled: redirect.enabled === true,
      ...(responseCodeName !== undefined ? { responseCodeName } : {}),
    };
  }
  return { name: object.metadata.name, namespace, settings, origin: self };
}

/**
 * The FrontendConfig an Ingress names in `networking.gke.io/v1beta1.FrontendConfig`, from its own
 * namespace; undefined without the annotation. A name that matches none is an error at the annotation,
 * with the nearest name.
 */
export function frontendConfigFor(
  ingress: NormalizedIngress,
  configs: readonly FrontendConfigInfo[],
): FrontendConfigSettings | undefined {
  const name = ingress.annotations[FRONTEND_CONFIG_ANNOTATION]?.trim();
  if (!name) return undefined;
  const found = configs.find((c) => c.namespace === ingress.namespace && c.name === name);
  if (found) return found.settings;
  const hint = missingInNamespaceHint(
    { kind: "FrontendConfig", name, namespace: ingress.namespace, user: "an Ingress" },
    configs,
    `there is no FrontendConfig "${name}" among the manifests`,
  );
  throw new InputError(
    `Ingress "${ingress.namespace}/${ingress.name}" names FrontendConfig "${name}", which is not found in namespace "${ingress.namespace}"`,
    { ...ingress.origin, field: formatFieldPath(["metadata", "annotations", FRONTEND_CONFIG_ANNOTATION]) },
    hint,
  );
}
