import { createRequire } from "node:module";

import * as pulumi from "@pulumi/pulumi";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type * as structproto from "google-protobuf/google/protobuf/struct_pb";

import {
  applyPlaceholderRules,
  newPlaceholderPools,
  PLACEHOLDER_RULES,
  PlaceholderPools,
  PlaceholderRule,
  placeholderId,
} from "./placeholders";
import { Placeholder, PlannedResource } from "./types";
import { plainProperties, redactProperties, WireProperties } from "./wire-properties";

// The Struct class of the protobuf copy the SDK itself loads (google-protobuf is its dependency, not ours).
const { Struct } = createRequire(require.resolve("@pulumi/pulumi"))(
  "google-protobuf/google/protobuf/struct_pb",
) as typeof structproto;

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
const GRPC_STATUS_UNKNOWN = 2;
/** What the SDK reads as "the monitor does not implement this call" (`grpc.status.UNIMPLEMENTED`). */
const GRPC_STATUS_UNIMPLEMENTED = 12;

/** What the monitor tells the SDK it supports (the SDK asks once per run, from the root stack). */
export const MONITOR_FEATURES: Readonly<Record<string, boolean>> = {
  secrets: true,
  resourceReferences: true,
  // Off, as in Pulumi's own mocks: inputs then arrive as plain values, never as Output objects.
  outputValues: false,
  deletedWith: true,
  replaceWith: true,
  aliasSpecs: true,
  // Transforms and hooks need the SDK's callback gRPC server; an offline plan has no engine to call it.
  transforms: false,
  invokeTransforms: false,
  resourceHooks: false,
  errorHooks: false,
  parameterization: true,
};

/** What a `newResource` hook sees: one custom resource about to get its outputs. */
export interface NewResourceArgs {
  type: string;
  name: string;
  urn: string;
  /** True for a `Resource.get` lookup. */
  read: boolean;
  /** The ID the resource will have (the looked-up ID, or the placeholder). */
  id: string;
  /** Inputs plus the table's placeholders, secrets unwrapped. */
  state: Record<string, unknown>;
}

/** Extra or overriding outputs; each one is recorded as a placeholder. */
export interface NewResourceResult {
  id?: string;
  outputs?: Record<string, unknown>;
}

export type NewResourceHook = (
  args: NewResourceArgs,
) => NewResourceResult | undefined | Promise<NewResourceResult | undefined>;

export interface InvokeArgs {
  token: string;
  args: Record<string, unknown>;
  /** Provider reference (`urn::id`), empty for the default provider. */
  provider: string;
}

export type InvokeHook = (args: InvokeArgs) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** The state a read finds under `id` offline (plain JSON, no secrets), or undefined to start empty. */
export type ReadStateHook = (type: string, id: string) => Record<string, unknown> | undefined;

export interface RecordingMonitorOptions {
  project: string;
  stack: string;
  config: (key: string) => string | undefined;
  rules?: readonly PlaceholderRule[];
  newResource?: NewResourceHook;
  invoke?: InvokeHook;
  readState?: ReadStateHook;
}

type Callback<T> = (err: Error | null, resp?: T) => void;

interface Registration {
  resource: PlannedResource;
  id?: string;
  /** Current state in wire form, answered to `getResource`. */
  state: WireProperties;
  placeholders: Placeholder[];
}

/**
 * A resource monitor for `setMockOptions` that records every registration as a PlannedResource and answers
 * with the inputs plus deterministic placeholders. One instance per run.
 */
export class RecordingMonitor {
  private readonly registrations = new Map<string, Registration>();
  private readonly pools: PlaceholderPools = newPlaceholderPools();
  private closed = false;
  private inFlight = 0;
  private calls = 0;
  /** Errors this monitor answered with (the SDK reports them as rejected outputs). */
  readonly errors: Error[] = [];
  stackOutputs?: Record<string, unknown>;

  constructor(private readonly options: RecordingMonitorOptions) {}

  /** Calls still being answered. */
  get pending(): number {
    return this.inFlight;
  }

  /** Grows with every call started or finished, so a waiter can tell progress from a stall. */
  get activity(): number {
    return this.calls;
  }

  /** Refuses any later call: a straggler of a finished run must not reach the next one. */
  close(): void {
    this.closed = true;
  }

  resources(): PlannedResource[] {
    return [...this.registrations.values()].map((r) => r.resource);
  }

  placeholders(): Placeholder[] {
    return [...this.registrations.values()].flatMap((r) => r.placeholders);
  }

  registerResource(
    req: resproto.RegisterResourceRequest,
    callback: Callback<resproto.RegisterResourceResponse>,
  ) {
    this.answer(callback, async () => {
      const type = req.getType();
      const name = req.getName();
      const parent = req.getParent() || null;
      const custom = req.getCustom();
      const dependencies = [
        ...req.getDependenciesList(),
        ...[...req.getPropertydependenciesMap().entries()].flatMap(([, deps]) => deps.getUrnsList()),
      ];
      const options: NonNullable<PlannedResource["options"]> = {};
      if (req.hasProtect()) options.protect = req.getProtect();
      if (req.getDeletebeforereplacedefined()) options.deleteBeforeReplace = req.getDeletebeforereplace();
      if (req.hasRetainondelete()) options.retainOnDelete = req.getRetainondelete();
      const aliases = this.aliasUrns(req, type, name, parent);
      if (aliases.length > 0) options.aliases = aliases;
      if (req.getReplaceonchangesList().length > 0) options.replaceOnChanges = req.getReplaceonchangesList();
      if (req.getIgnorechangesList().length > 0) options.ignoreChanges = req.getIgnorechangesList();

      const registration = this.record(type, name, parent, req.getObject(), dependencies, {
        component: !custom,
        options,
      });
      if (custom) {
        await this.fillOutputs(registration, false, req.getImportid() || placeholderId(name));
      }
      const response = new resproto.RegisterResourceResponse();
      response.setUrn(registration.resource.urn);
      response.setId(registration.id ?? "");
      response.setObject(toStruct(registration.state));
      return response;
    });
  }

  readResource(req: resproto.ReadResourceRequest, callback: Callback<resproto.ReadResourceResponse>) {
    this.answer(callback, async () => {
      const parent = req.getParent() || null;
      const registration = this.record(
        req.getType(),
        req.getName(),
        parent,
        req.getProperties(),
        req.getDependenciesList(),
        { read: true, id: req.getId() },
      );
      const found = this.options.readState?.(req.getType(), req.getId());
      if (found) Object.assign(registration.state, structuredClone(found));
      await this.fillOutputs(registration, true, req.getId());
      const response = new resproto.ReadResourceResponse();
      response.setUrn(registration.resource.urn);
      response.setProperties(toStruct(registration.state));
      return response;
    });
  }

  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, callback: Callback<object>) {
    this.answer(callback, async () => {
      const registration = this.registrations.get(req.getUrn());
      if (!registration) {
        throw new Error(`outputs registered for unknown resource ${req.getUrn()}`);
      }
      const outputs = (req.getOutputs()?.toJavaScript() ?? {}) as WireProperties;
      registration.state = outputs;
      if (registration.resource.type === ROOT_STACK_TYPE && registration.resource.parent === null) {
        this.stackOutputs = redactProperties(outputs).inputs;
      }
      return {};
    });
  }

  invoke(req: resproto.ResourceInvokeRequest, callback: Callback<provproto.InvokeResponse>) {
    this.answer(callback, async () => {
      const token = req.getTok();
      const args = plainProperties((req.getArgs()?.toJavaScript() ?? {}) as WireProperties);
      let result: Record<string, unknown>;
      if (token === "pulumi:pulumi:getResource") {
        // The SDK rebuilds a resource from a reference (e.g. a resource passed as an input) this way.
        const registration = this.registrations.get(String(args.urn));
        if (!registration) {
          throw new Error(`unknown resource ${String(args.urn)}`);
        }
        result = { urn: registration.resource.urn, id: registration.id ?? null, state: registration.state };
      } else if (this.options.invoke) {
        const answer = await this.options.invoke({ token, args, provider: req.getProvider() });
        result = await pulumi.runtime.serializeProperties(`invoke ${token}`, answer);
      } else {
        throw new Error(
          `the offline plan cannot answer the function ${token}: it needs the cloud (pass an \`invoke\` hook to answer it)`,
        );
      }
      const response = new provproto.InvokeResponse();
      response.setReturn(toStruct(result));
      return response;
    });
  }

  call(req: resproto.ResourceCallRequest, callback: Callback<never>) {
    this.answer(callback, async () => {
      throw new Error(`the offline plan cannot call the method ${req.getTok()}: it needs a provider`);
    });
  }

  supportsFeature(
    req: resproto.SupportsFeatureRequest,
    callback: Callback<resproto.SupportsFeatureResponse>,
  ) {
    const response = new resproto.SupportsFeatureResponse();
    response.setHassupport(MONITOR_FEATURES[req.getId()] === true);
    callback(null, response);
  }

  /**
   * Newer SDKs (3.27x) ask for every feature at once; "unimplemented" makes them ask one by one through
   * `supportsFeature`, as they do with older engines, so one answer serves every SDK version.
   */
  getDeploymentInfo(_req: unknown, callback: Callback<never>) {
    callback(
      Object.assign(new Error("GetDeploymentInfo is not implemented"), { code: GRPC_STATUS_UNIMPLEMENTED }),
    );
  }

  registerPackage(
    req: resproto.RegisterPackageRequest,
    callback: Callback<resproto.RegisterPackageResponse>,
  ) {
    const response = new resproto.RegisterPackageResponse();
    response.setRef(`${req.getName()}@${req.getVersion()}`);
    callback(null, response);
  }

  /** Runs `handle` and answers once; the SDK's callback runs outside the try, so it is never called twice. */
  private async answer<T>(callback: Callback<T>, handle: () => Promise<T>): Promise<void> {
    this.calls++;
    if (this.closed) {
      callback(rpcError("the plan run is over: a registration arrived after it finished"));
      return;
    }
    this.inFlight++;
    let outcome: { response: T } | { error: Error };
    try {
      outcome = { response: await handle() };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.errors.push(error);
      outcome = { error };
    } finally {
      this.inFlight--;
      this.calls++;
    }
    if ("error" in outcome) {
      callback(rpcError(outcome.error.message));
    } else {
      callback(null, outcome.response);
    }
  }

  /** Records a registration synchronously, so the order is the order the SDK sent them in. */
  private record(
    type: string,
    name: string,
    parent: string | null,
    object: structproto.Struct | undefined,
    dependencies: string[],
    extra: Pick<PlannedResource, "read" | "id" | "component" | "options">,
  ): Registration {
    const urn = this.newUrn(parent, type, name);
    if (this.registrations.has(urn)) {
      throw new Error(
        `duplicate resource URN ${urn}: each resource needs a unique name among its type and parent`,
      );
    }
    const wire = (object?.toJavaScript() ?? {}) as WireProperties;
    const { inputs, secretPaths } = redactProperties(wire);
    const resource: PlannedResource = {
      type,
      name,
      urn,
      parent,
      inputs,
      dependencies: [...new Set(dependencies)].sort(),
      secretPaths,
    };
    if (extra.read) resource.read = true;
    if (extra.id) resource.id = extra.id;
    if (extra.component) resource.component = true;
    if (extra.options && Object.keys(extra.options).length > 0) resource.options = extra.options;
    const registration: Registration = { resource, state: wire, placeholders: [] };
    this.registrations.set(urn, registration);
    return registration;
  }

  private async fillOutputs(registration: Registration, read: boolean, id: string): Promise<void> {
    const { type, name, urn } = registration.resource;
    registration.id = id;
    if (!read) {
      registration.placeholders.push({ urn, property: "id", value: id });
    }
    registration.placeholders.push(
      ...applyPlaceholderRules(
        {
          type,
          name,
          urn,
          id,
          read,
          state: registration.state,
          pools: this.pools,
          config: this.options.config,
        },
        this.options.rules ?? PLACEHOLDER_RULES,
      ),
    );
    const hook = this.options.newResource;
    if (!hook) {
      return;
    }
    const result = await hook({ type, name, urn, read, id, state: plainProperties(registration.state) });
    if (result?.id !== undefined && !read) {
      registration.id = result.id;
      registration.placeholders[0] = { urn, property: "id", value: result.id };
    }
    if (result?.outputs) {
      const wire = await pulumi.runtime.serializeProperties(`outputs of ${urn}`, result.outputs);
      for (const [property, value] of Object.entries(wire)) {
        registration.state[property] = value;
        registration.placeholders = registration.placeholders.filter((p) => p.property !== property);
        registration.placeholders.push({ urn, property, value: redactProperties({ value }).inputs.value });
      }
    }
  }

  private newUrn(parent: string | null, type: string, name: string): string {
    return makeUrn(this.options.stack, this.options.project, parent, type, name);
  }

  /**
   * Aliases as URNs, as the engine expands them: a spec's blanks default to this resource's own name,
   * type, parent, stack and project; a spec naming a parent that was itself aliased also stands under
   * that parent's old URNs; and every alias of the parent yields one for the child, its name's prefix
   * renamed as the parent was (`newapp-fn` under `newapp` aliased to `app` gives `app-fn`), an alias
   * given as a URN included. The engine uses the one old URN the parent matched; offline every candidate
   * is kept, which pairs the same.
   */
  private aliasUrns(
    req: resproto.RegisterResourceRequest,
    type: string,
    name: string,
    parent: string | null,
  ) {
    const urns = new Set(req.getAliasurnsList());
    const parentAliases = parent ? (this.registrations.get(parent)?.resource.options?.aliases ?? []) : [];
    const own: { type: string; name: string }[] = [];
    for (const alias of req.getAliasesList()) {
      const spec = alias.getSpec();
      if (!spec) {
        const urn = alias.getUrn();
        urns.add(urn);
        own.push({ type: typeOfUrn(urn), name: nameOfUrn(urn) });
        continue;
      }
      const stack = spec.getStack() || this.options.stack;
      const project = spec.getProject() || this.options.project;
      const aliasType = spec.getType() || type;
      const aliasName = spec.getName() || name;
      const specParent = spec.getNoparent() ? null : spec.getParenturn() || null;
      own.push({ type: aliasType, name: aliasName });
      const parents = specParent
        ? [specParent, ...(this.registrations.get(specParent)?.resource.options?.aliases ?? [])]
        : [spec.getNoparent() ? null : parent];
      for (const candidate of parents) urns.add(makeUrn(stack, project, candidate, aliasType, aliasName));
    }
    if (parent) {
      const parentName = nameOfUrn(parent);
      for (const parentAlias of parentAliases) {
        for (const child of [{ type, name }, ...own]) {
          const renamed = child.name.startsWith(parentName)
            ? nameOfUrn(parentAlias) + child.name.slice(parentName.length)
            : child.name;
          urns.add(makeUrn(this.options.stack, this.options.project, parentAlias, child.type, renamed));
        }
      }
    }
    urns.delete(makeUrn(this.options.stack, this.options.project, parent, type, name));
    return [...urns];
  }
}

/** The logical name at the end of a URN. */
function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The resource's own type in a URN (the last of its type chain). */
function typeOfUrn(urn: string): string {
  const head = urn.slice(0, urn.lastIndexOf("::"));
  const chain = head.slice(head.lastIndexOf("::") + 2);
  return chain.slice(chain.lastIndexOf("$") + 1);
}

function toStruct(value: WireProperties): structproto.Struct {
  return Struct.fromJavaScript(value as Record<string, structproto.JavaScriptValue>);
}

/** An error shaped like a gRPC one: the SDK reads `message` for registrations and `details` for invokes. */
function rpcError(message: string): Error {
  return Object.assign(new Error(message), { code: GRPC_STATUS_UNKNOWN, details: message });
}

/** The engine's URN scheme: the parent's qualified type is prefixed, except the root stack's. */
export function makeUrn(stack: string, project: string, parent: string | null, type: string, name: string) {
  const parentType = parent?.split("::")[2];
  const qualifiedType = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}
