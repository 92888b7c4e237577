import * as engproto from "@pulumi/pulumi/proto/engine_pb";

import { LoggedMessage, LogSeverity } from "./types";

type Callback = (err: Error | null, resp?: object) => void;

const SEVERITIES: Record<engproto.LogSeverity, LogSeverity> = {
  [engproto.LogSeverity.DEBUG]: "debug",
  [engproto.LogSeverity.INFO]: "info",
  [engproto.LogSeverity.WARNING]: "warning",
  [engproto.LogSeverity.ERROR]: "error",
};

/**
 * The engine service as `pulumi.log` reaches it during an offline run: each message is recorded with the
 * URN of its resource instead of being printed, so the CLI's output stays its own (it renders the model's
 * warnings itself) and tests can check what `pulumi preview` would show. One instance per run.
 */
export class RecordingEngine {
  private readonly recorded: LoggedMessage[] = [];
  private closed = false;

  /** Info, warning and error messages in the order the SDK sent them. */
  messages(): LoggedMessage[] {
    return [...this.recorded];
  }

  /** Drops any later message: a straggler of a finished run must not land in the next one. */
  close(): void {
    this.closed = true;
  }

  log(req: engproto.LogRequest, callback: Callback): void {
    const severity = SEVERITIES[req.getSeverity()] ?? "info";
    // Debug messages are the SDK's own tracing of every RPC, which `pulumi` hides without -v.
    if (!this.closed && severity !== "debug") {
      this.recorded.push({ severity, message: req.getMessage(), urn: req.getUrn() });
    }
    callback(null, {});
  }
}
