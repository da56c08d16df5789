import { awsDnsSuffix, isAwsRegion } from "../../packages/alexa-linking-component/src/shared/aws";
import { regionalBucketHost } from "../../packages/alexa-linking-component/src/hosting/bucketName";
import { invokeUrl, parseInvokeUrl } from "../../packages/alexa-linking-component/src/accessToken/rules";

describe("AWS partitions, from the SDK's table", () => {
  test.each([
    ["eu-west-1", "amazonaws.com"],
    ["us-gov-west-1", "amazonaws.com"],
    ["cn-northwest-1", "amazonaws.com.cn"],
    ["cn-north-1", "amazonaws.com.cn"],
    ["eusc-de-east-1", "amazonaws.eu"],
    ["us-iso-east-1", "c2s.ic.gov"],
    ["us-isob-east-1", "sc2s.sgov.gov"],
  ])("awsDnsSuffix(%s) = %s", (region, suffix) => expect(awsDnsSuffix(region)).toBe(suffix));

  test.each([
    ["eu-west-1", true],
    ["us-gov-west-1", true],
    ["eusc-de-east-1", true],
    ["EU-WEST-1", false],
    ["eu-west", false],
    ["", false],
  ])("isAwsRegion(%p) is %p", (region, expected) => expect(isAwsRegion(region)).toBe(expected));

  // The bucket host and the invoke URL read the same table: the two can no longer disagree.
  test.each(["eu-west-1", "cn-north-1", "eusc-de-east-1", "us-iso-east-1"])(
    "the bucket host and the invoke URL of %s share the partition's suffix",
    (region) => {
      const suffix = awsDnsSuffix(region);
      expect(regionalBucketHost("links", region)).toBe(`links.s3.${region}.${suffix}`);
      const url = invokeUrl("abc123defg", region, "dev", "/token");
      expect(url).toBe(`https://abc123defg.execute-api.${region}.${suffix}/dev/token`);
      expect(parseInvokeUrl(url)).toEqual({ apiId: "abc123defg", region, stage: "dev", path: "/token" });
    },
  );

  it("refuses an invoke URL whose domain is not the region's partition's", () => {
    expect(parseInvokeUrl("https://abc123defg.execute-api.cn-north-1.amazonaws.com/dev/token")).toBeUndefined();
  });
});
