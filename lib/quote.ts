import { looksLikeKeyMaterial, redactKeyMaterial } from "./redact";

/** How many characters of a user value a message quotes: enough to find it, not a whole blob. */
export const QUOTE_MAX = 40;

/**
 * Characters that would break a message out of its one line or rewrite a terminal: C0 and C1 controls
 * (newline, CR, tab, ESC, CSI...), DEL, Unicode line separators and bidirectional overrides.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, line breaks aside: a plan of thousands of lines then has nothing to match, nothing to copy. */
const UNSAFE_BUT_NEWLINE =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** True when `text` holds a character that would break a line or drive a terminal. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** `text` with unsafe characters written as escapes (`\n`, `\u001b`), so it prints as one harmless line. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/**
 * Output of many lines (a plan, a diff, JSON) with every unsafe character but the line breaks escaped:
 * values read from a file (a hand-edited plan, say) cannot drive the terminal. In JSON, an escape is the
 * same value.
 */
export function escapeControlKeepingLines(text: string): string {
  // A non-global copy tests: a global regex's test() would carry lastIndex over to the next call.
  return new RegExp(UNSAFE_BUT_NEWLINE.source).test(text)
    ? text.replace(UNSAFE_BUT_NEWLINE, escapeOne)
    : text;
}

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A user value as an error quotes it: in double quotes, control characters escaped, cut after QUOTE_MAX
 * characters; never a value that looks like key material (a PEM block, base64 of a key).
 */
export function quote(value: string): string {
  if (looksLikeKeyMaterial(value)) return "(a value that looks like key material, not shown)";
  const chars = [...value];
  const shown = chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join("")}…` : value;
  return `"${escapeControl(shown.replace(/\\/g, "\\\\").replace(/"/g, '\\"'))}"`;
}

/** Any text for the terminal (a message, a warning): one line, key material redacted. */
export function safeLine(text: string): string {
  return escapeControl(redactKeyMaterial(text));
}
