import * as settingsModule from "@pulumi/pulumi/runtime/settings";
import * as stateModule from "@pulumi/pulumi/runtime/state";

/**
 * The two SDK internals the plan engine needs and the public API lacks: waiting for the RPC queue to drain
 * (what `pulumi.runtime.disconnect` does before closing) and the runtime store (what `setMocks` sets its
 * feature flags on). Both are marked internal in the typings, so they are checked once here, and a change
 * in a future SDK fails with a clear message rather than a hang.
 */

/** The part of the SDK's per-deployment store the engine touches. */
export interface RuntimeStore {
  settings: { rpcDone: Promise<unknown> };
  supportsSecrets: boolean;
  supportsResourceReferences: boolean;
  supportsOutputValues: boolean;
  supportsDeletedWith: boolean;
  supportsReplaceWith: boolean;
  supportsAliasSpecs: boolean;
  supportsTransforms: boolean;
  supportsInvokeTransforms: boolean;
  supportsParameterization: boolean;
  supportsResourceHooks: boolean;
  supportsErrorHooks: boolean;
}

interface Internals {
  waitForRPCs(): Promise<void>;
  getStore(): RuntimeStore;
}

function load(): Internals {
  const { waitForRPCs } = settingsModule as unknown as Partial<Internals>;
  const { getStore } = stateModule as unknown as Partial<Internals>;
  if (typeof waitForRPCs !== "function" || typeof getStore !== "function") {
    throw new Error(
      "@pulumi/pulumi no longer exposes runtime/settings.waitForRPCs or runtime/state.getStore; " +
        "the offline plan engine needs updating for this SDK version",
    );
  }
  return { waitForRPCs, getStore };
}

export const pulumiInternals: Internals = load();
