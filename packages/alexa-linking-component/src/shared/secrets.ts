/**
 * The one rule for keeping secrets out of error messages and logs, and for what a credential may
 * hold. Pure functions; table tests in tests/alexa/secrets.test.ts.
 *
 * `redact` runs on text that came from outside (a server's answer, a socket error), over the
 * whole text, before anything is cut: a secret cut in half by a length limit would otherwise
 * survive as a long prefix. Messages are composed from our own words plus redacted, capped
 * server text; our own words never hold a secret.
 *
 * Short secrets: substring replacement of a one- or two-character secret mangles the message
 * ("Lo[secret]in") and so shows the secret. A secret shorter than MIN_REDACTED_LENGTH is never
 * searched for by substring; instead, text that contains it anywhere is withheld whole. Such text
 * may quote the secret or may not, and nobody can tell which, so it is not printed.
 *
 * No Set or Map at module level: serialized providers carry a copy of this code, and closure
 * serialization copies a Set as an empty object.
 */

/** What a secret is replaced with. */
export const REDACTED = "[secret]";

/** Secrets shorter than this are never replaced by substring: text holding one is withheld. */
export const MIN_REDACTED_LENGTH = 8;

/** What stands for server text that was not shown because it may quote a short secret. */
export const WITHHELD = "(the server's text is withheld: it may quote a credential)";

/** Longest server-provided text in a message, after redaction. */
export const MAX_SERVER_TEXT = 300;

/**
 * Longest failure text in a final message: a server's text (capped at MAX_SERVER_TEXT where it
 * was read) plus the words of the layers that wrapped it.
 */
export const MAX_FAILURE_TEXT = 600;

/**
 * Tokens recognised by their shape, whoever they belong to: an `Authorization` value echoed back
 * (`Bearer ...`, `Basic ...`), Login with Amazon access and refresh tokens (`Atza|`, `Atzr|`)
 * and LWA client secrets (`amzn1.oa2-cs.v1.`), raw or URL-encoded.
 */
const TOKEN_SHAPES: readonly RegExp[] = [
  /\b(Bearer|Basic)(\s+|%20|\+)[A-Za-z0-9\-._~+/|%]{16,}=*/gi,
  /\bAtz[ar](\||%7C)[^\s"'<>,;&\\]+/gi,
  /\bamzn1\.oa2-cs\.v1\.[^\s"'<>,;&\\]+/gi,
];

/** The base64 text that encodes `bytes` wherever they sit in a longer message (3 alignments). */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Characters that depend only on the secret's bits, not on its neighbours'.
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= MIN_REDACTED_LENGTH) {
      cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return cores;
}

/** JSON string escaping, plus the variants some servers use (`\/`, `\u0026` for `&`, `<`, `>`). */
function jsonForms(secret: string): string[] {
  const plain = JSON.stringify(secret).slice(1, -1);
  const html = plain.replace(/&/g, "\\u0026").replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/\//g, "\\/");
  return [plain, html];
}

/**
 * Every form in which `secret` may come back inside a server's text: raw, URL-encoded,
 * form-encoded, JSON-escaped, base64 (standard and URL-safe, any alignment).
 */
export function secretForms(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...jsonForms(secret),
    ...base64Cores(Buffer.from(secret, "utf8")),
  ];
  return forms.filter((form, i) => form.length > 0 && forms.indexOf(form) === i);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern for `form` in which `%XX` escapes match in either case. */
function formPattern(form: string): RegExp {
  const pattern = escapeRegExp(form).replace(/%([0-9A-F])([0-9A-F])/g, (_m, a: string, b: string) => {
    const either = (c: string) => (/[A-F]/.test(c) ? `[${c}${c.toLowerCase()}]` : c);
    return `%${either(a)}${either(b)}`;
  });
  return new RegExp(pattern, "g");
}

const usable = (secrets: readonly (string | undefined | null)[]): string[] =>
  secrets.filter((s): s is string => typeof s === "string" && s.length > 0);

/**
 * `text` with every secret, in every form, and every recognisable token replaced by [secret].
 * When a secret too short to replace safely occurs in it anyway, the whole text is withheld.
 */
export function redact(text: string, secrets: readonly (string | undefined | null)[]): string {
  const all = usable(secrets);
  let out = text;
  const long = all
    .filter((s) => s.length >= MIN_REDACTED_LENGTH)
    .flatMap(secretForms)
    .sort((a, b) => b.length - a.length);
  for (const form of long) out = out.replace(formPattern(form), REDACTED);
  for (const shape of TOKEN_SHAPES) {
    out = out.replace(shape, (_match, scheme: string | undefined, space: string | undefined) =>
      /^(bearer|basic)$/i.test(scheme ?? "") ? `${scheme}${space}${REDACTED}` : REDACTED,
    );
  }
  const short = all.filter((s) => s.length < MIN_REDACTED_LENGTH).flatMap(secretForms);
  if (short.some((form) => formPattern(form).test(out))) return WITHHELD;
  return out;
}

/** `text` cut after `max` characters, saying how long it was. Cut only text already redacted. */
export function capText(text: string, max = MAX_SERVER_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}...(${text.length} characters)` : text;
}

/** Server text as a message may show it: redacted first, then control characters dropped, then capped. */
export function serverText(text: string, secrets: readonly (string | undefined | null)[], max = MAX_SERVER_TEXT): string {
  const redacted = redact(text, secrets);
  // eslint-disable-next-line no-control-regex
  return capText(redacted.replace(/[\u0000-\u001f\u007f]+/g, " ").trim(), max);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029]/;

/** True when `value` holds a control character (newline, tab, NUL, ...): no credential does. */
export const hasControlCharacter = (value: string): boolean => CONTROL.test(value);
