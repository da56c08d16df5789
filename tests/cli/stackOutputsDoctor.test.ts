/** src/stackOutputs.ts: what doctor reads, with its URL rule (https, or plain http on loopback). */
import {
  doctorUrlProblem as urlProblem,
  parseOutputsText,
  readDoctorOutputs as readDoctor,
  StackOutputs,
  StackOutputsError as DoctorInputError,
  STACK_OUTPUT_SECRETS_COMMAND,
} from "../../packages/alexa-linking-component/src/stackOutputs";

const readDoctorOutputs = (value: unknown, from?: string) => readDoctor(new StackOutputs(value, from, STACK_OUTPUT_SECRETS_COMMAND));
const parseDoctorOutputs = (text: string, source: string) =>
  readDoctor(
    new StackOutputs(parseOutputsText({ text, source, command: STACK_OUTPUT_SECRETS_COMMAND }), undefined, STACK_OUTPUT_SECRETS_COMMAND),
  );

const REDIRECT = "https://rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com/";
const good = (): Record<string, unknown> => ({
  redirectURL: REDIRECT,
  redirectHost: "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com",
  associationFileUrls: {
    ios: `${REDIRECT}.well-known/apple-app-site-association`,
    android: `${REDIRECT}.well-known/assetlinks.json`,
  },
  cognitoClientId: "5v2ixs1b8ikvmkmhtfgp8lnd9q",
  cognitoUserPoolId: "eu-west-1_AbCdEf123",
  alexaAccessTokenURL: "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/alexa/token",
  skills: [{ skillId: "amzn1.ask.skill.11111111-2222-3333-4444-555555555555", stage: "development", redirectUrls: [REDIRECT] }],
  bucketName: "rainmaker-dev-app-links",
});

describe("urlProblem", () => {
  test.each<[string, boolean]>([
    ["https://x.example.com/", true],
    ["http://127.0.0.1:4000/", true],
    ["http://localhost:4000/a", true],
    ["http://[::1]:4000/", true],
    ["http://x.example.com/", false],
    ["ftp://127.0.0.1/", false],
    ["not a url", false],
    ["/relative", false],
  ])("%s ok: %s", (url, ok) => expect(urlProblem(url) === undefined).toBe(ok));
});

describe("readDoctorOutputs", () => {
  test("reads every value, ignores the rest; redirectUrls of skills are not taken from the outputs", () => {
    expect(readDoctorOutputs(good())).toEqual({
      redirectURL: REDIRECT,
      redirectHost: "rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com",
      associationFileUrls: good().associationFileUrls,
      cognitoClientId: "5v2ixs1b8ikvmkmhtfgp8lnd9q",
      cognitoUserPoolId: "eu-west-1_AbCdEf123",
      alexaAccessTokenURL: "https://abcdefghij.execute-api.eu-west-1.amazonaws.com/dev/alexa/token",
      skills: [{ skillId: "amzn1.ask.skill.11111111-2222-3333-4444-555555555555", stage: "development" }],
    });
  });

  test("one platform, no skills, stage defaulted, redirectHost derived when absent", () => {
    const o = good();
    o.associationFileUrls = { android: `${REDIRECT}.well-known/assetlinks.json` };
    o.skills = [];
    delete o.redirectHost;
    const read = readDoctorOutputs(o);
    expect(read.associationFileUrls).toEqual({ android: `${REDIRECT}.well-known/assetlinks.json` });
    expect(read.skills).toEqual([]);
    expect(read.redirectHost).toBe("rainmaker-dev-app-links.s3.eu-west-1.amazonaws.com");
    const s = good();
    s.skills = [{ skillId: "amzn1.ask.skill.x" }];
    expect(readDoctorOutputs(s).skills).toEqual([{ skillId: "amzn1.ask.skill.x", stage: "development" }]);
  });

  test("--from reads a nested output", () => {
    expect(readDoctorOutputs({ linking: good() }, "linking").redirectURL).toBe(REDIRECT);
  });

  test.each<[string, (o: Record<string, unknown>) => unknown, RegExp]>([
    ["not an object", () => [1], /not an object/],
    [
      "cognitoUserPoolId missing",
      (o) => (delete o.cognitoUserPoolId, o),
      /cognitoUserPoolId is missing.*AlexaAppLinking\.cognitoUserPoolId/,
    ],
    ["associationFileUrls missing", (o) => (delete o.associationFileUrls, o), /associationFileUrls is missing.*args ios, android/],
    ["associationFileUrls empty", (o) => ((o.associationFileUrls = {}), o), /associationFileUrls is \{\}; expected/],
    ["associationFileUrls a list", (o) => ((o.associationFileUrls = ["https://a/"]), o), /not \{"ios"\?/],
    ["associationFileUrls with an unknown platform", (o) => ((o.associationFileUrls = { web: "https://a/" }), o), /"web"/],
    [
      "a file URL on plain http",
      (o) => ((o.associationFileUrls = { ios: "http://x.example.com/a" }), o),
      /associationFileUrls\.ios "http:\/\/x\.example\.com\/a" uses plain http to x\.example\.com, which is not this machine/,
    ],
    ["secret shown hidden", (o) => ((o.cognitoClientId = "[secret]"), o), /--show-secrets/],
    ["redirectURL not a URL", (o) => ((o.redirectURL = "bucket"), o), /redirectURL "bucket" is not an absolute URL/],
    ["redirectHost disagrees", (o) => ((o.redirectHost = "other.example.com"), o), /redirectHost "other\.example\.com" is not the host/],
    [
      "token URL on plain http",
      (o) => ((o.alexaAccessTokenURL = "http://api.example.com/x"), o),
      /alexaAccessTokenURL .* uses plain http to api\.example\.com, which is not this machine/,
    ],
    ["skills not a list", (o) => ((o.skills = "x"), o), /skills is "x"; it must list each {skillId, stage}/],
    ["skill without id", (o) => ((o.skills = [{ stage: "development" }]), o), /skills\[0\] is/],
    ["skill with a bad stage", (o) => ((o.skills = [{ skillId: "a", stage: "beta" }]), o), /skills\[0\]\.stage is "beta"/],
    ["whole component nested, no --from", () => ({ linking: good() }), /with --from linking/],
  ])("%s", (_name, make, message) => {
    const run = () => readDoctorOutputs(make(good()));
    expect(run).toThrow(DoctorInputError);
    expect(run).toThrow(message);
  });

  test("--from naming a missing output lists the outputs", () => {
    expect(() => readDoctorOutputs(good(), "nope")).toThrow(
      /stack output "nope" \(--from\) is missing.*alexaAccessTokenURL, associationFileUrls/,
    );
  });
});

describe("parseDoctorOutputs", () => {
  test.each([
    ["", /standard input is empty/],
    ["   \n", /standard input is empty/],
    ["{not json", /standard input is not JSON/],
  ])("%j", (text, message) => expect(() => parseDoctorOutputs(text, "standard input")).toThrow(message));

  test("valid text", () => expect(parseDoctorOutputs(JSON.stringify(good()), "x").cognitoUserPoolId).toBe("eu-west-1_AbCdEf123"));
});
