/**
 * Values the stack cannot know: the Alexa app-to-app (Login with Amazon) client id and secret of
 * the skill, which only its owner has. Left in the output as text no build can mistake for a
 * real value, and every renderer uses these same strings.
 */
export const PLACEHOLDER_PREFIX = "<SET ME: ";

export const PLACEHOLDERS = {
  alexaClientId: `${PLACEHOLDER_PREFIX}Alexa app-to-app (Login with Amazon) client id from the Alexa developer console; pass --alexa-client-id>`,
  alexaClientSecret: `${PLACEHOLDER_PREFIX}Alexa app-to-app (Login with Amazon) client secret from the Alexa developer console; pass --alexa-client-secret>`,
} as const;

export type PlaceholderKey = keyof typeof PLACEHOLDERS;

export const isPlaceholder = (value: string): boolean => value.startsWith(PLACEHOLDER_PREFIX);

/** A value an app can use: a non-empty string that is not blanks and not a placeholder. */
export const isRealValue = (value: unknown): value is string => typeof value === "string" && value.trim() !== "" && !isPlaceholder(value);
