/**
 * Every error of the stack-output readers names its fix, and doctor and mobile-config name every
 * unusable output in one run.
 */
import {
  parseOutputsText,
  readDoctorOutputs,
  readMobileOutputs,
  readVerifyUrls,
  StackOutputs,
  StackOutputsError,
} from "../../packages/alexa-linking-component/src/stackOutputs";
import { runCli } from "../support/cliIo";

const REDIRECT = "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/";
const good = (): Record<string, unknown> => ({
  redirectURL: REDIRECT,
  redirectHost: "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com",
  associationFileUrls: { ios: `${REDIRECT}.well-known/apple-app-site-association` },
  cognitoClientId: "5v2ixs1b8ikvmkmhtfgp8lnd9q",
  cognitoUserPoolId: "eu-west-1_AbCdEf123",
  alexaAccessTokenURL: "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/token",
  skills: [{ skillId: "amzn1.ask.skill.11111111-2222-3333-4444-555555555555", stage: "development" }],
  bucketName: "rainmaker-dev-app-links",
});

const readers = {
  doctor: (o: unknown) => readDoctorOutputs(new StackOutputs(o), { bucketName: "--s3-endpoint" }),
  "mobile-config": (o: unknown) => readMobileOutputs(new StackOutputs(o)),
  verify: (o: unknown) => readVerifyUrls(new StackOutputs(o)),
};

const change = (patch: Record<string, unknown>) => () => ({ ...good(), ...patch });

// [what is wrong, the outputs, the readers that read that output, the expected fix]
const CASES: [string, () => unknown, (keyof typeof readers)[], RegExp][] = [
  [
    "an http token URL",
    change({ alexaAccessTokenURL: "http://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/token" }),
    ["doctor", "mobile-config"],
    /Fix: .*accessTokenUrl.*https:\/\/abc123defg/,
  ],
  [
    "a redirectURL without a scheme",
    change({ redirectURL: "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/" }),
    ["doctor", "mobile-config"],
    /Fix: export AlexaAppLinking\.redirectURL as it is/,
  ],
  ["empty skills", change({ skills: [] }), ["mobile-config"], /Fix: list the RainMaker skills in the stack \(stack key skillIds/],
  [
    "skills not a list",
    change({ skills: "amzn1.ask.skill.x" }),
    ["doctor", "mobile-config"],
    /Fix: export AlexaAppLinking\.skills as it is/,
  ],
  [
    "a skill without an id",
    change({ skills: [{ stage: "development" }] }),
    ["doctor", "mobile-config"],
    /Fix: export AlexaAppLinking\.skills/,
  ],
  [
    "a skill of an unknown stage",
    change({ skills: [{ skillId: "amzn1.ask.skill.x", stage: "beta" }] }),
    ["doctor", "mobile-config"],
    /Fix: export AlexaAppLinking\.skills/,
  ],
  [
    "a missing associationFileUrls",
    change({ associationFileUrls: undefined }),
    ["doctor", "verify"],
    /Fix: export it from the stack program/,
  ],
  [
    "an empty associationFileUrls",
    change({ associationFileUrls: {} }),
    ["doctor", "verify"],
    /Fix: give the stack an iOS or Android app \(stack keys iosAppIds, androidPackageName/,
  ],
  [
    "associationFileUrls a list",
    change({ associationFileUrls: [REDIRECT] }),
    ["doctor", "verify"],
    /Fix: export AlexaAppLinking\.associationFileUrls as it is/,
  ],
  [
    "associationFileUrls with another key",
    change({ associationFileUrls: { web: REDIRECT } }),
    ["doctor", "verify"],
    /Fix: export AlexaAppLinking\.associationFileUrls/,
  ],
  [
    "an association file URL not a string",
    change({ associationFileUrls: { ios: 1 } }),
    ["doctor", "verify"],
    /Fix: export AlexaAppLinking\.associationFileUrls/,
  ],
  [
    "an association file URL over http",
    change({ associationFileUrls: { ios: "http://x.example.com/a" } }),
    ["doctor"],
    /Fix: export AlexaAppLinking\.associationFileUrls/,
  ],
  [
    "a cognitoClientId with spaces",
    change({ cognitoClientId: " x " }),
    ["doctor", "mobile-config"],
    /Fix: export AlexaAppLinking\.cognitoClientId as it is/,
  ],
  ["a missing cognitoUserPoolId", change({ cognitoUserPoolId: undefined }), ["doctor"], /Fix: export it from the stack program/],
  [
    "a missing bucketName (with --s3-endpoint)",
    change({ bucketName: undefined }),
    ["doctor"],
    /--s3-endpoint needs it; or leave --s3-endpoint out/,
  ],
  [
    "a secret shown as [secret]",
    change({ cognitoClientId: "[secret]" }),
    ["doctor", "mobile-config"],
    /Fix: run `pulumi stack output --json --show-secrets`/,
  ],
  [
    "redirectHost not redirectURL's host",
    change({ redirectHost: "other.example.com" }),
    ["doctor", "mobile-config"],
    /Fix: export both from the same AlexaAppLinking/,
  ],
  ["not an object", () => [], ["doctor", "mobile-config", "verify"], /Fix: pass the output of/],
];

describe("every stack-output error names the fix", () => {
  const rows = CASES.flatMap(([what, outputs, verbs, fix]) => verbs.map((verb) => [verb, what, outputs, fix] as const));
  it.each(rows)("%s: %s", (verb, _what, outputs, fix) => {
    let message = "";
    try {
      readers[verb](outputs());
    } catch (err) {
      expect(err).toBeInstanceOf(StackOutputsError);
      message = (err as Error).message;
    }
    expect(message).toMatch(fix);
  });

  it.each([
    ["empty text", ""],
    ["text that is not JSON", "{"],
  ])("%s", (_what, text) => {
    expect(() => parseOutputsText({ text, source: "standard input" })).toThrow(/Fix: /);
  });
});

describe("every missing output at once", () => {
  const fewer = (): Record<string, unknown> => {
    const outputs = good();
    for (const key of ["associationFileUrls", "cognitoUserPoolId", "bucketName"]) delete outputs[key];
    return outputs;
  };

  it("doctor lists associationFileUrls, cognitoUserPoolId and bucketName in one error", () => {
    expect(() => readers.doctor(fewer())).toThrow(
      /^the stack outputs have 3 problems:\n {2}- stack output associationFileUrls is missing.*\n {2}- stack output cognitoUserPoolId is missing.*\n {2}- stack output bucketName is missing.*--s3-endpoint needs it/,
    );
  });

  it("doctor on the command line: one run, exit 1, every missing output named", async () => {
    const run = await runCli(["doctor", "--s3-endpoint", "http://127.0.0.1:9"], { stdin: JSON.stringify(fewer()) });
    expect(run.code).toBe(1);
    for (const key of ["associationFileUrls", "cognitoUserPoolId", "bucketName"])
      expect(run.stderr).toContain(`stack output ${key} is missing`);
  });

  it("mobile-config names each unusable output too", () => {
    expect(() => readers["mobile-config"](change({ skills: [], cognitoClientId: undefined })())).toThrow(
      /2 problems:\n.*cognitoClientId is missing.*\n.*skills is \[\]/,
    );
  });

  it("one problem reads as before, without the list", () => {
    expect(() => readers.doctor(change({ cognitoUserPoolId: undefined })())).toThrow(/^stack output cognitoUserPoolId is missing/);
  });
});
