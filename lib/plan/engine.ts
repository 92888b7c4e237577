import * as pulumi from "@pulumi/pulumi";

import { InputError } from "../errors";
import { PlaceholderRule } from "./placeholders";
import { pulumiInternals, RuntimeStore, withLogEngine, withoutSourceTracking } from "./pulumi-internals";
import { RecordingEngine } from "./recording-engine";
import {
  InvokeHook,
  MONITOR_FEATURES,
  NewResourceHook,
  ReadStateHook,
  RecordingMonitor,
} from "./recording-monitor";
import { LoggedMessage, Placeholder, PlannedResource } from "./types";

/**
 * The offline engine: runs a Pulumi program on the real `@pulumi/pulumi` runtime under a recording monitor
 * (no CLI, no provider plugins, no cloud) and returns every registration it made.
 */

export const DEFAULT_PROJECT = "ingress-glb";
export const DEFAULT_STACK = "plan";
/** How long the engine waits without any registration activity before calling the program stuck. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/** A Pulumi program; what it returns becomes the root stack's outputs. */
export type PlanProgram = () => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

export interface RecordPlanOptions {
  project?: string;
  stack?: string;
  /** Stack configuration, keys as in Pulumi.<stack>.yaml: `ingress-glb:domain`, `gcp:project`. */
  config?: Record<string, string>;
  /**
   * Sets `pulumi.runtime.isDryRun()`. Defaults to false, unlike `pulumi preview`: outputs still resolve
   * either way because the monitor answers placeholders, but with a real preview's unknowns `apply`
   * callbacks never run and everything built from an output would be missing from the plan.
   */
  preview?: boolean;
  /** Outputs for types the placeholder table does not cover, or overrides of its values. */
  newResource?: NewResourceHook;
  /**
   * What the offline cluster holds under the ID a read (`Resource.get`) looks up, by type: seeds the
   * read's state before the placeholder table fills the rest. Unset, a read starts empty.
   */
  readState?: ReadStateHook;
  /** Answers provider functions (`gcp.compute.getNetwork` etc.); by default they fail, naming the function. */
  invoke?: InvokeHook;
  /** Replaces the placeholder table (default PLACEHOLDER_RULES). */
  placeholderRules?: readonly PlaceholderRule[];
  stallTimeoutMs?: number;
}

export interface RecordedRun {
  /** In the order the SDK registered them; the root stack (`pulumi:pulumi:Stack`) comes first. */
  resources: PlannedResource[];
  placeholders: Placeholder[];
  /** The root stack's outputs (secrets redacted), when the program returned any. */
  outputs?: Record<string, unknown>;
  /**
   * What the program logged with `pulumi.log` (info, warnings, errors), each with its resource's URN:
   * recorded, never printed, since the CLI renders the model's warnings itself.
   */
  logs: LoggedMessage[];
}

let running = false;

/**
 * Runs `program` inside a root stack, as `pulumi up` would, and records what it registers. Rejects with the
 * program's own error object when it throws (directly, or later inside an `apply`). Runs must be
 * sequential: the Pulumi runtime keeps process-wide state, which each run resets.
 */
export async function recordPlan(
  program: PlanProgram,
  options: RecordPlanOptions = {},
): Promise<RecordedRun> {
  if (running) {
    throw new Error("recordPlan is already running: the Pulumi runtime is process-wide, await one run first");
  }
  running = true;
  try {
    return await withoutSourceTracking(() => runProgram(program, options));
  } finally {
    running = false;
  }
}

async function runProgram(program: PlanProgram, options: RecordPlanOptions): Promise<RecordedRun> {
  // A failure inside an `apply` or a registration surfaces only as a rejection nobody handles.
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  let monitor: RecordingMonitor | undefined;
  const engine = new RecordingEngine();
  try {
    monitor = startRuntime(options);
    const running = monitor;
    const { programError, stalled } = await withLogEngine(engine, async () => {
      let programError: { error: unknown } | undefined;
      try {
        await pulumi.runtime.runInPulumiStack(async () => await program());
      } catch (error) {
        programError = { error };
      }
      // Settle even after an error, so no straggler of this run (a registration, a log) reaches the next one.
      const stalled = await settle(running, options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS);
      return { programError, stalled };
    });
    const failure =
      programError ??
      (unhandled.length > 0 ? { error: unhandled[0] } : undefined) ??
      (monitor.errors.length > 0 ? { error: monitor.errors[0] } : undefined) ??
      (stalled ? { error: stalled } : undefined);
    if (failure) {
      throw restoreMessage(failure.error);
    }
    const run: RecordedRun = {
      resources: monitor.resources(),
      placeholders: monitor.placeholders(),
      logs: engine.messages(),
    };
    if (monitor.stackOutputs && Object.keys(monitor.stackOutputs).length > 0) {
      run.outputs = monitor.stackOutputs;
    }
    return run;
  } finally {
    monitor?.close();
    engine.close();
    process.off("unhandledRejection", onUnhandled);
  }
}

/**
 * The SDK prefixes `error serializing property "x": ` to the message of an error thrown inside an output
 * it serializes (the same object, once per property it passes through). An InputError already names its
 * file, object and field, and the CLI prints its message alone, so it gets its own message back.
 */
function restoreMessage(error: unknown): unknown {
  if (error instanceof InputError) {
    error.message = error.message.replace(/^(error serializing property "[^"]*": )+/, "");
  }
  return error;
}

function startRuntime(options: RecordPlanOptions): RecordingMonitor {
  const project = options.project ?? DEFAULT_PROJECT;
  const stack = options.stack ?? DEFAULT_STACK;
  const monitor = new RecordingMonitor({
    project,
    stack,
    config: (key) => pulumi.runtime.getConfig(key),
    rules: options.placeholderRules,
    newResource: options.newResource,
    invoke: options.invoke,
    readState: options.readState,
  });
  // Resets the runtime's process-wide state (RPC queue, root stack, feature flags) for this run.
  pulumi.runtime.setMockOptions(monitor, project, stack, options.preview ?? false, "organization");
  setFeatureFlags(pulumiInternals.getStore());
  pulumi.runtime.setAllConfig({ ...options.config });
  return monitor;
}

/** As `setMocks` does; the root stack asks the monitor again and gets the same answers. */
function setFeatureFlags(store: RuntimeStore): void {
  store.supportsSecrets = MONITOR_FEATURES.secrets;
  store.supportsResourceReferences = MONITOR_FEATURES.resourceReferences;
  store.supportsOutputValues = MONITOR_FEATURES.outputValues;
  store.supportsDeletedWith = MONITOR_FEATURES.deletedWith;
  store.supportsReplaceWith = MONITOR_FEATURES.replaceWith;
  store.supportsAliasSpecs = MONITOR_FEATURES.aliasSpecs;
  store.supportsTransforms = MONITOR_FEATURES.transforms;
  store.supportsInvokeTransforms = MONITOR_FEATURES.invokeTransforms;
  store.supportsParameterization = MONITOR_FEATURES.parameterization;
  store.supportsResourceHooks = MONITOR_FEATURES.resourceHooks;
  store.supportsErrorHooks = MONITOR_FEATURES.errorHooks;
}

/**
 * Waits until the SDK's RPC queue is drained and stays drained across a macrotask (a registration made in
 * an `apply` that ran meanwhile queues a new RPC), and the monitor has answered everything. Returns an
 * error instead of hanging when nothing moves for `stallMs` (a dependency cycle, a promise never settled).
 */
async function settle(monitor: RecordingMonitor, stallMs: number): Promise<Error | undefined> {
  const store = pulumiInternals.getStore();
  let lastActivity = monitor.activity;
  let lastProgress = Date.now();
  for (;;) {
    const drained = await withTimeout(pulumiInternals.waitForRPCs(), Math.min(1000, stallMs));
    if (drained) {
      const queue = store.settings.rpcDone;
      await new Promise((resolve) => setImmediate(resolve));
      if (store.settings.rpcDone === queue && monitor.pending === 0) {
        return undefined;
      }
      continue;
    }
    if (monitor.activity !== lastActivity) {
      lastActivity = monitor.activity;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress >= stallMs) {
      return new Error(
        `the program's registrations did not finish within ${stallMs} ms of the last activity: ` +
          "look for a dependency cycle between resources or a promise that never settles",
      );
    }
  }
}

/** True when `promise` settles within `ms`; clears its timer either way so it keeps nothing alive. */
async function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
