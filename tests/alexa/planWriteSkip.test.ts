/**
 * When an update may skip the PUT: the rule behind "an update that changes nothing writes
 * nothing", which the lifecycle and the benchmark show end to end.
 */
import { planWrite, type PreviousWrite } from "../../packages/alexa-linking-component/src/alexa/plan";
import { COGNITO_SECRET, OTHER_REDIRECT, REDIRECT, fullLinking, withoutSecret } from "./fixtures";

const NEW_URL = "https://rainmaker-prod-app-links.s3.eu-west-1.amazonaws.com/";
const got = (urls: string[]) => ({ ...withoutSecret(fullLinking({ redirectUrls: urls })), skipOnEnablement: "true" });

test.each<[string, string[], string, string, PreviousWrite | undefined, boolean]>([
  ["create: the secret the skill holds is unknown", [OTHER_REDIRECT, REDIRECT], REDIRECT, COGNITO_SECRET, undefined, false],
  [
    "update, URL there, same secret as the last write",
    [OTHER_REDIRECT, REDIRECT],
    REDIRECT,
    COGNITO_SECRET,
    { redirectUrl: REDIRECT, urlWasPresent: false, clientSecret: COGNITO_SECRET },
    true,
  ],
  [
    "update, URL there and was present, same secret",
    [REDIRECT],
    REDIRECT,
    COGNITO_SECRET,
    { redirectUrl: REDIRECT, urlWasPresent: true, clientSecret: COGNITO_SECRET },
    true,
  ],
  [
    "update, secret rotated",
    [OTHER_REDIRECT, REDIRECT],
    REDIRECT,
    "rotated&=+",
    { redirectUrl: REDIRECT, urlWasPresent: false, clientSecret: COGNITO_SECRET },
    false,
  ],
  [
    "update, state without the sent secret",
    [OTHER_REDIRECT, REDIRECT],
    REDIRECT,
    COGNITO_SECRET,
    { redirectUrl: REDIRECT, urlWasPresent: false },
    false,
  ],
  [
    "update, URL removed in the console",
    [OTHER_REDIRECT],
    REDIRECT,
    COGNITO_SECRET,
    { redirectUrl: REDIRECT, urlWasPresent: false, clientSecret: COGNITO_SECRET },
    false,
  ],
  [
    "update, URL moved",
    [OTHER_REDIRECT, REDIRECT],
    NEW_URL,
    COGNITO_SECRET,
    { redirectUrl: REDIRECT, urlWasPresent: false, clientSecret: COGNITO_SECRET },
    false,
  ],
  [
    "update, URL moved to one there, old one was present",
    [REDIRECT, NEW_URL],
    NEW_URL,
    COGNITO_SECRET,
    { redirectUrl: REDIRECT, urlWasPresent: true, clientSecret: COGNITO_SECRET },
    true,
  ],
])("%s", (_case, urls, redirectUrl, clientSecret, previous, unchanged) => {
  const plan = planWrite(got(urls), { redirectUrl, clientSecret }, previous);
  expect(plan.unchanged).toBe(unchanged);
  // The request is the full one either way.
  expect(plan.request.clientSecret).toBe(clientSecret);
});

test("field order and the GET's string skipOnEnablement do not count as changes", () => {
  const { clientId, type, ...rest } = got([REDIRECT]);
  const reordered = { ...rest, type, clientId };
  expect(
    planWrite(
      reordered,
      { redirectUrl: REDIRECT, clientSecret: COGNITO_SECRET },
      { redirectUrl: REDIRECT, urlWasPresent: false, clientSecret: COGNITO_SECRET },
    ).unchanged,
  ).toBe(true);
});
