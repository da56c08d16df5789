import { partition } from "@aws-sdk/util-endpoints";

/**
 * AWS regions and their partitions. The DNS suffix of a region (amazonaws.com, amazonaws.com.cn,
 * amazonaws.eu, ...) comes from the AWS SDK's partition table, the one the SDK clients resolve
 * endpoints with, so a new partition arrives with an SDK update instead of a code change here.
 */

const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** An AWS region name such as eu-west-1, us-gov-west-1 or eusc-de-east-1. */
export const isAwsRegion = (region: string): boolean => REGION.test(region);

/** The DNS suffix of the region's partition: `amazonaws.com` for the commercial regions. */
export const awsDnsSuffix = (region: string): string => partition(region).dnsSuffix;
