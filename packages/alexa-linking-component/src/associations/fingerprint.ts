import { InvalidArgumentError } from "../shared/errors";

/**
 * A SHA-256 certificate fingerprint as assetlinks.json wants it: 32 bytes as uppercase hex pairs
 * joined by colons. Accepts any case, with or without colons (keytool and Play Console print
 * colons; some tools print bare hex).
 */
export function normalizeFingerprint(raw: string, argument: string): string {
  const fail = (problem: string): never => {
    throw new InvalidArgumentError(
      argument,
      raw,
      problem,
      "paste the SHA-256 certificate fingerprint from `keytool -list -v -keystore <keystore>` or Play Console > App integrity (64 hex digits, colons optional)",
    );
  };
  if (typeof raw !== "string") fail("is not a string");
  const trimmed = raw.trim();
  const hex = trimmed.includes(":") ? (colonPairs(trimmed) ?? fail("is not hex pairs separated by colons")) : trimmed;
  if (!/^[0-9a-fA-F]*$/.test(hex)) fail("contains characters that are not hexadecimal digits");
  if (hex.length !== 64) fail(`has ${hex.length / 2} bytes; a SHA-256 fingerprint has 32 (a SHA-1 fingerprint has 20 and is not accepted)`);
  return hex.toUpperCase().match(/../g)!.join(":");
}

function colonPairs(text: string): string | undefined {
  const pairs = text.split(":");
  return pairs.every((pair) => /^[0-9a-fA-F]{2}$/.test(pair)) ? pairs.join("") : undefined;
}

/** Whether `value` is already what normalizeFingerprint writes into assetlinks.json (uppercase pairs joined by ":"). */
export function isNormalizedFingerprint(value: string): boolean {
  try {
    return normalizeFingerprint(value, "fingerprint") === value;
  } catch {
    return false;
  }
}
