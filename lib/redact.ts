/**
 * Key material a message must never carry, recognised by its shape: a PEM block (`-----BEGIN ...-----`
 * to its end, or to the end of the text when cut short), the base64 of one (`LS0tLS1` is base64 of
 * `-----`), Google OAuth client secrets, and long random base64 runs such as a Secret's `data` values. Errors quote user values, and a
 * mistake can put a key where a name was expected: this is the last guard before anything is printed.
 */
const PEM_BLOCK = /-----BEGIN[^-\n]*-----[\s\S]*?(-----END[^-\n]*-----|$)/g;
const PEM_HEADER = /-----(BEGIN|END)[^-\n]*-----/g;
const BASE64_PEM = /LS0tLS1[A-Za-z0-9+/=]*/g;
/** Google OAuth client secrets (an IAP Secret's `client_secret`) carry this prefix. */
const OAUTH_CLIENT_SECRET = /GOCSPX-[A-Za-z0-9_-]+/g;
/** Candidate base64 of 24 bytes or more; `looksRandom` tells a key from a path or a name. */
const BASE64_RUN = /[A-Za-z0-9+/]{32,}={0,2}/g;

/** What stands for removed key material. */
export const REDACTED = "[redacted]";

/**
 * Random base64 switches between lowercase, uppercase and digits at about every other character; words,
 * paths and URLs (`projects/PROJECT/zones/ZONE`) switch a few times in a line.
 */
function looksRandom(run: string): boolean {
  const chars = run.replace(/[+/=]/g, "");
  const classOf = (c: string) => (c >= "a" && c <= "z" ? 0 : c >= "A" && c <= "Z" ? 1 : 2);
  let switches = 0;
  for (let i = 1; i < chars.length; i++) if (classOf(chars[i]) !== classOf(chars[i - 1])) switches += 1;
  return switches >= chars.length * 0.25;
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
    .replace(OAUTH_CLIENT_SECRET, REDACTED)
    .replace(BASE64_RUN, (run) => (looksRandom(run) ? REDACTED : run));
}
