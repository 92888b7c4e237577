/**
 * Key material a message must never carry, recognised by its shape: a PEM block (`-----BEGIN ...-----`
 * to its end, or to the end of the text when cut short), the base64 of one (`LS0tLS1` is base64 of
 * `-----`), and long base64 runs such as a Secret's `data` values. Errors quote user values, and a
 * mistake can put a key where a name was expected: this is the last guard before anything is printed.
 */
const PEM_BLOCK = /-----BEGIN[^-\n]*-----[\s\S]*?(-----END[^-\n]*-----|$)/g;
const PEM_HEADER = /-----(BEGIN|END)[^-\n]*-----/g;
const BASE64_PEM = /LS0tLS1[A-Za-z0-9+/=]*/g;
/** Base64 of 24 bytes or more with both cases and a digit: a name, path or host never looks like that. */
const BASE64_RUN = /[A-Za-z0-9+/]{32,}={0,2}/g;

/** What stands for removed key material. */
export const REDACTED = "[redacted]";

function looksLikeBase64Secret(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run) && !run.includes("//");
}

/** True when `text` holds key material: a PEM block or header, base64 of one, or a long base64 run. */
export function looksLikeKeyMaterial(text: string): boolean {
  return redactKeyMaterial(text) !== text;
}

/** `text` with every piece of key material replaced by REDACTED. */
export function redactKeyMaterial(text: string): string {
  return text
    .replace(PEM_BLOCK, REDACTED)
    .replace(PEM_HEADER, REDACTED)
    .replace(BASE64_PEM, REDACTED)
    .replace(BASE64_RUN, (run) => (looksLikeBase64Secret(run) ? REDACTED : run));
}
