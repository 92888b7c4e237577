import * as pulumi from "@pulumi/pulumi";
import * as debuggableModule from "@pulumi/pulumi/runtime/debuggable";
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

/** The SDK's debugging aids that capture a stack trace per promise and per resource. */
interface SourceTracking {
  debuggablePromise: (promise: Promise<unknown>, context: unknown) => Promise<unknown>;
  callsites: () => unknown[];
}

/**
 * Runs `fn` with the SDK's source tracking off: `debuggablePromise` formats a stack trace for every
 * promise it wraps (several per resource property) and `Resource.callsites` one of unlimited depth per
 * resource, which under ts-node's source-map support made up most of a plan's time. The recording monitor
 * reads neither (it records no source positions, and the engine detects stalls itself). Only for a run
 * nothing else overlaps (recordPlan runs one at a time); the SDK's functions are restored after.
 */
export async function withoutSourceTracking<T>(fn: () => Promise<T>): Promise<T> {
  const debuggable = debuggableModule as unknown as Partial<SourceTracking>;
  const resource = pulumi.Resource as unknown as Partial<SourceTracking>;
  const saved = { debuggablePromise: debuggable.debuggablePromise, callsites: resource.callsites };
  if (typeof saved.debuggablePromise !== "function" || typeof saved.callsites !== "function") {
    // A future SDK without them: nothing to turn off.
    return fn();
  }
  debuggable.debuggablePromise = (promise) => promise;
  resource.callsites = () => [];
  try {
    return await fn();
  } finally {
    debuggable.debuggablePromise = saved.debuggablePromise;
    resource.callsites = saved.callsites;
  }
}

/** The engine service as the SDK's `pulumi.log` calls it. */
export interface LogEngine {
  log(req: unknown, callback: (err: Error | null, resp?: object) => void): void;
}

/**
 * Runs `fn` with `engine` standing for the Pulumi engine that `pulumi.log` sends its messages to. Under
 * `setMockOptions` there is no engine address, so the SDK would print every warning to stderr as
 * `warning: [runtime] ...`; `pulumi.log` looks the engine up through the settings module's exports on each
 * call, which is what is swapped here (the SDK's own calls of `getEngine` inside that module are not
 * affected). Only for a run nothing else overlaps; the SDK's function is restored after.
 */
export async function withLogEngine<T>(engine: LogEngine, fn: () => Promise<T>): Promise<T> {
  const settings = settingsModule as unknown as { getEngine?: () => unknown };
  const saved = settings.getEngine;
  if (typeof saved !== "function") {
    throw new Error(
      "@pulumi/pulumi no longer exposes runtime/settings.getEngine; " +
        "the offline plan engine needs updating for this SDK version",
    );
  }
  settings.getEngine = () => engine;
  try {
    return await fn();
  } finally {
    settings.getEngine = saved;
  }
}
