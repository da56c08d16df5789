import { showValue } from "../shared/errors";
import { CHECKED_URL, showUrl, urlProblem } from "../shared/urls";
import { ExpectedFile } from "./check";

/** Environment variable holding the work as JSON (else the script reads it from standard input). */
export const WORK_ENV = "ALEXA_LINKING_VERIFY";
export const ATTEMPTS_ENV = "ALEXA_LINKING_VERIFY_ATTEMPTS";
export const DELAY_ENV = "ALEXA_LINKING_VERIFY_DELAY_MS";
export const TIMEOUT_ENV = "ALEXA_LINKING_VERIFY_TIMEOUT_MS";

/** One file to check, as the script receives it. Base64 keeps any byte intact through JSON and env. */
export interface WorkItem {
  url: string;
  expectedBodyBase64?: string;
}

export interface VerifySettings {
  attempts?: number;
  delayMs?: number;
  timeoutMs?: number;
}

/** The script's input for these files, in a stable order-preserving form. */
export function encodeWork(files: { url: string; body?: string }[]): string {
  const items: WorkItem[] = files.map(({ url, body }) =>
    body === undefined ? { url } : { url, expectedBodyBase64: Buffer.from(body, "utf8").toString("base64") },
  );
  return JSON.stringify(items);
}

/** Parses the script's input; `source` names where it came from, for the error message. */
export function parseWork(text: string, source: string): ExpectedFile[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON (${(err as Error).message}); expected [{"url": "https://...", "expectedBodyBase64": "..."}].`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${source} must be a non-empty JSON array of {"url", "expectedBodyBase64"}; got ${showValue(text)}.`);
  }
  return value.map((item, i) => {
    const where = `${source}[${i}]`;
    if (item === null || typeof item !== "object") throw new Error(`${where} must be an object; got ${showValue(item)}.`);
    const { url, expectedBodyBase64 } = item as Record<string, unknown>;
    const problem = urlProblem(url, CHECKED_URL);
    if (problem || typeof url !== "string") {
      throw new Error(`${where}.url ${showUrl(url)} ${problem}; each file needs the http(s) URL to fetch.`);
    }
    if (expectedBodyBase64 === undefined) return { url };
    if (typeof expectedBodyBase64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(expectedBodyBase64)) {
      throw new Error(`${where}.expectedBodyBase64 must be a base64 string (the rendered file's bytes).`);
    }
    return { url, body: Buffer.from(expectedBodyBase64, "base64").toString("utf8") };
  });
}

/** Each tuning setting: the variable that carries it to the script, and its least value. */
const SETTINGS: Record<keyof VerifySettings, { env: string; min: number }> = {
  attempts: { env: ATTEMPTS_ENV, min: 1 },
  delayMs: { env: DELAY_ENV, min: 0 },
  timeoutMs: { env: TIMEOUT_ENV, min: 1 },
};

const settingKeys = Object.keys(SETTINGS) as (keyof VerifySettings)[];

/** The script's tuning variables for the settings that were given. */
export function settingsEnvironment(settings: VerifySettings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of settingKeys) {
    if (settings[key] !== undefined) env[SETTINGS[key].env] = String(settings[key]);
  }
  return env;
}

/** Reads the optional tuning variables. */
export function parseSettings(env: Record<string, string | undefined>): VerifySettings {
  const settings: VerifySettings = {};
  for (const key of settingKeys) {
    const value = integer(env, SETTINGS[key].env, SETTINGS[key].min);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

function integer(env: Record<string, string | undefined>, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}; got "${raw}".`);
  return n;
}
