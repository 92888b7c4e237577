import * as assert from "node:assert/strict";
import { InputError } from "../../lib/errors";

export interface ExpectedInputError {
  file?: string;
  line?: number;
  object?: string;
  field?: string;
  /** Text the hint (and so the message) must contain. */
  hint?: string;
  /** Text the message must contain. */
  problem?: string;
}

/**
 * Runs `fn`, expects an InputError, and checks both its origin and that the printed message names what the
 * user needs (file:line, object, field, hint): the CLI prints the message alone.
 */
export function expectInputError(fn: () => unknown, want: ExpectedInputError): InputError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  const { message, origin } = caught;
  if (want.file !== undefined) {
    assert.equal(origin.file, want.file);
    const where = want.line !== undefined ? `${want.file}:${want.line}` : want.file;
    assert.ok(message.includes(where), `message ${JSON.stringify(message)} lacks ${where}`);
  }
  if (want.line !== undefined) assert.equal(origin.line, want.line, message);
  if (want.object !== undefined) {
    assert.equal(origin.object, want.object, message);
    assert.ok(message.includes(want.object), `message ${JSON.stringify(message)} lacks ${want.object}`);
  }
  if (want.field !== undefined) {
    assert.equal(origin.field, want.field, message);
    assert.ok(message.includes(want.field), `message ${JSON.stringify(message)} lacks ${want.field}`);
  }
  if (want.hint !== undefined) {
    assert.ok(caught.hint?.includes(want.hint), `hint ${JSON.stringify(caught.hint)} lacks ${want.hint}`);
    assert.ok(message.includes(want.hint));
  }
  if (want.problem !== undefined) {
    assert.ok(message.includes(want.problem), `message ${JSON.stringify(message)} lacks ${want.problem}`);
  }
  return caught;
}
