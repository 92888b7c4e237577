import * as pulumi from "@pulumi/pulumi";

import { formatPropertyPath, PathSegment } from "./property-path";
import { SECRET_MARKER } from "./types";

/**
 * Stands for a value nobody knows yet (the SDK's unknown sentinel). A plan run with `preview: false`
 * and concrete placeholders should not contain it; it shows up only if a program feeds unknowns in.
 */
export const UNKNOWN_MARKER = "[unknown]";

/** Properties as the SDK serialized them (a protobuf Struct turned into JavaScript). */
export type WireProperties = Record<string, unknown>;

/** Plan-ready inputs: secret values replaced by SECRET_MARKER, with the paths where they were. */
export interface RedactedProperties {
  inputs: Record<string, unknown>;
  secretPaths: string[];
}

/**
 * Turns wire properties into plan JSON: every secret (at any depth) becomes SECRET_MARKER and its path is
 * collected, resource references become their URN, assets lose their signature key.
 */
export function redactProperties(wire: WireProperties): RedactedProperties {
  const secretPaths: string[] = [];
  const inputs = decodeObject(wire, [], { redact: true, secretPaths });
  return { inputs, secretPaths };
}

/** Decodes wire properties into plain values with secrets unwrapped (for in-process hooks, never for output). */
export function plainProperties(wire: WireProperties): Record<string, unknown> {
  return decodeObject(wire, [], { redact: false, secretPaths: [] });
}

interface DecodeState {
  redact: boolean;
  secretPaths: string[];
}

function decodeObject(
  obj: Record<string, unknown>,
  path: PathSegment[],
  state: DecodeState,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value !== undefined) {
      out[key] = decode(value, [...path, key], state);
    }
  }
  return out;
}

function decode(value: unknown, path: PathSegment[], state: DecodeState): unknown {
  if (value === pulumi.runtime.unknownValue) {
    return UNKNOWN_MARKER;
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((element, index) => decode(element, [...path, index], state));
  }
  const obj = value as Record<string, unknown>;
  const { [pulumi.runtime.specialSigKey]: sig, ...rest } = obj;
  switch (sig) {
    case undefined:
      return decodeObject(obj, path, state);
    case pulumi.runtime.specialSecretSig:
      return secret(obj.value, path, state);
    case pulumi.runtime.specialResourceSig:
      // The URN names the referenced resource stably across plans (an ID here would be a placeholder).
      return obj.urn;
    case pulumi.runtime.specialOutputValueSig: {
      const inner = "value" in obj ? obj.value : pulumi.runtime.unknownValue;
      return obj.secret === true ? secret(inner, path, state) : decode(inner, path, state);
    }
    case pulumi.runtime.specialAssetSig:
    case pulumi.runtime.specialArchiveSig:
      return decodeObject(rest, path, state);
    default:
      throw new Error(`unrecognized value signature ${String(sig)} at ${formatPropertyPath(path)}`);
  }
}

function secret(inner: unknown, path: PathSegment[], state: DecodeState): unknown {
  state.secretPaths.push(formatPropertyPath(path));
  // Inside a redacted secret nothing is walked: nested secrets are covered by the outer path.
  return state.redact ? SECRET_MARKER : decode(inner, path, state);
}
