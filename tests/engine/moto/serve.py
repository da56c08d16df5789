"""moto's server with corrections, for the engine tests: two to its IAM policy evaluation (1, 2), and
six to CloudFront, ACM and Route 53 (3-8).

IAM policy evaluation:

1. AWS evaluates a condition whose key is absent from the request context as not met (unless the
   operator ends in IfExists). moto's TrustCondition treats it, and any operator it does not
   implement, as met.
2. A statement whose conditions are not met does not apply (AWS). moto's
   IAMPolicyStatement.is_action_permitted answers DENIED instead, whatever the statement's Effect.

The component's bucket policy has a Deny conditioned on `aws:SecureTransport`, a key moto never
puts in the request context: uncorrected, that Deny matches every object request, the provider's
own PutObject included. Corrected, moto does not enforce the TLS-only Deny (it serves plain HTTP,
so it could not be faithful to it anyway); statements without conditions are enforced as before.

CloudFront, ACM and Route 53 (the stand-in's cloudfront/acm/route53 types), where moto 5.2.5
accepts what AWS refuses or drops what AWS keeps:

3. An origin's OriginAccessControlId and S3OriginConfig are kept and returned (moto drops both).
4. DeleteDistribution of a distribution that is still enabled fails with DistributionNotDisabled
   (409), as AWS; moto deletes it.
5. DeleteOriginAccessControl of a control an origin still uses fails with
   OriginAccessControlInUse (409), of an unknown id with NoSuchOriginAccessControl (404); moto
   deletes it / answers 500.
6. CreateDistribution/UpdateDistribution with an ACMCertificateArn that is not an ISSUED
   certificate in us-east-1 of the account, or with aliases the certificate does not cover, or
   with aliases and the default CloudFront certificate, fail with InvalidViewerCertificate (400),
   as AWS; moto accepts any string.
7. A CREATE change for a name/type(/set identifier) that already exists fails with
   InvalidChangeBatch "Tried to create resource record set ... but it already exists" before any
   change of the batch applies, as AWS; moto adds a second record set.
8. An AMAZON_ISSUED certificate pending DNS validation is issued only once every domain's
   validation CNAME (the ResourceRecord moto reports) is a record set of a hosted zone of the
   same account, and MOTO_ACM_VALIDATION_WAIT seconds (motoServer.ts: 0) have passed; moto issues
   it after the wait whatever DNS says. AWS asks the public DNS; moto's Route 53 stands in for it.

S3 as it behaves since April 2023 (domain-notes.md, "S3 since April 2023, precisely"), where moto
stores ownership controls, Block Public Access and ACLs but enforces none of them:

9. A new bucket has all four Block Public Access flags on and Object Ownership
   BucketOwnerEnforced (unless CreateBucket names another x-amz-object-ownership). A CreateBucket
   with an ACL other than private/bucket-owner-full-control on such a bucket fails
   InvalidBucketAclWithObjectOwnership (400).
10. On a bucket with BucketOwnerEnforced, a request that sets an ACL other than
   bucket-owner-full-control (PutBucketAcl, PutObjectAcl, PutObject/CopyObject/
   CreateMultipartUpload with x-amz-acl or x-amz-grant-*) fails AccessControlListNotSupported (400).
11. BlockPublicPolicy refuses a public bucket policy (403 AccessDenied); BlockPublicAcls refuses a
   public ACL (canned public-read, public-read-write, authenticated-read, or a grant to AllUsers /
   AuthenticatedUsers) on PutBucketAcl, PutObjectAcl and uploads (403 AccessDenied). A policy is
   public unless each Allow names a fixed principal (an account, a role, a service) or fixes one of
   AWS's narrowing condition keys (aws:SourceArn, aws:SourceAccount, aws:SourceVpc(e), ...): the
   CloudFront OAC statement (service principal, aws:SourceArn) is not public.
12. An anonymous GET/HEAD of an object succeeds only through a public policy statement with
   RestrictPublicBuckets off, or through a public-read object ACL with IgnorePublicAcls off and
   ACLs enabled (ownership not BucketOwnerEnforced); otherwise 403 AccessDenied. moto lets any
   stored public-read ACL or policy Allow through.
13. Two control writes on one bucket (PutBucketOwnershipControls, PutPublicAccessBlock,
   PutBucketPolicy, PutBucketAcl and the Deletes of the first three) that overlap in time: the
   later one fails OperationAborted (409), as S3 may answer ("A conflicting conditional operation
   is currently in progress"). Each control write is in progress for MOTO_S3_CONTROL_WRITE_SECONDS
   (default 0.3) before it applies, so two writes sent at once always overlap and a write sent
   after the other's answer never does. 0 turns the check off.
"""
import json
import os
import re
import sys
import threading
import time
from urllib.parse import parse_qs, urlparse

from moto.acm import models as acm_models
from moto.cloudfront import exceptions as cloudfront_exceptions
from moto.cloudfront import models as cloudfront_models
from moto.iam import access_control, policy_conditions
from moto.route53 import exceptions as route53_exceptions
from moto.route53 import models as route53_models
from moto.s3 import models as s3_models
from moto.s3 import responses as s3_responses
from moto.server import main

_moto_verify_condition = policy_conditions.TrustCondition.verify_condition
_moto_statement_permitted = access_control.IAMPolicyStatement.is_action_permitted


def _verify_condition(self, actual_values):
    if len(actual_values) < len(self.context_keys):
        return self._condition.endswith("IfExists")
    return _moto_verify_condition(self, actual_values)


def _statement_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
    if self._statement.get("Condition") and not self._check_conditions(incoming_condition_values):
        return access_control.PermissionResult.NEUTRAL
    return _moto_statement_permitted(self, action, resource, principal, incoming_condition_values)


policy_conditions.TrustCondition.verify_condition = _verify_condition
access_control.IAMPolicyStatement.is_action_permitted = _statement_permitted


# 3. Origins keep OriginAccessControlId and S3OriginConfig.
_moto_origin_init = cloudfront_models.Origin.__init__


def _origin_init(self, origin):
    _moto_origin_init(self, origin)
    self.origin_access_control_id = origin.get("OriginAccessControlId") or ""
    if "S3OriginConfig" in origin:
        self.s3_origin_config = {"OriginAccessIdentity": origin["S3OriginConfig"].get("OriginAccessIdentity") or ""}


cloudfront_models.Origin.__init__ = _origin_init


def _cloudfront_error(code, message):
    return cloudfront_exceptions.CloudFrontException(code, message)


def _is_true(value):
    return value is True or str(value).lower() == "true"


# 4. An enabled distribution cannot be deleted.
_moto_delete_distribution = cloudfront_models.CloudFrontBackend.delete_distribution


def _delete_distribution(self, distribution_id, if_match):
    dist = self.distributions.get(distribution_id)
    if dist is not None and if_match and _is_true(getattr(dist.distribution_config, "Enabled", False)):
        raise _cloudfront_error("DistributionNotDisabled", "The distribution you are trying to delete has not been disabled.")
    return _moto_delete_distribution(self, distribution_id, if_match)


cloudfront_models.CloudFrontBackend.delete_distribution = _delete_distribution


# 5. An origin access control in use, or unknown, is not deleted.
def _delete_origin_access_control(self, control_id):
    if control_id not in self.origin_access_controls:
        raise cloudfront_exceptions.NoSuchOriginAccessControl()
    for dist in self.distributions.values():
        for origin in dist.distribution_config.Origins["Items"]:
            if getattr(origin, "origin_access_control_id", "") == control_id:
                raise _cloudfront_error("OriginAccessControlInUse", "The origin access control is in use.")
    self.origin_access_controls.pop(control_id)


cloudfront_models.CloudFrontBackend.delete_origin_access_control = _delete_origin_access_control


# 6. The viewer certificate must be an issued us-east-1 ACM certificate covering the aliases.
def _covers(names, alias):
    alias = alias.lower().rstrip(".")
    for name in names:
        name = name.lower().rstrip(".")
        if name == alias or (name.startswith("*.") and "." in alias and alias.split(".", 1)[1] == name[2:]):
            return True
    return False


def _check_viewer_certificate(backend, config):
    aliases = (config.get("Aliases") or {}).get("Items") or []
    viewer = config.get("ViewerCertificate") or {}
    arn = viewer.get("ACMCertificateArn") or ""
    if not arn:
        if aliases and not viewer.get("IAMCertificateId"):
            raise _cloudfront_error(
                "InvalidViewerCertificate",
                "To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name.",
            )
        return
    invalid = "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain."
    parts = arn.split(":")
    if len(parts) < 6 or parts[3] != "us-east-1" or parts[4] != backend.account_id:
        raise _cloudfront_error("InvalidViewerCertificate", invalid)
    try:
        cert = acm_models.acm_backends[backend.account_id]["us-east-1"].get_certificate(arn)
    except Exception:
        raise _cloudfront_error("InvalidViewerCertificate", invalid)
    if cert.status != "ISSUED":
        raise _cloudfront_error("InvalidViewerCertificate", invalid)
    names = set(cert.sans + ([cert.common_name] if cert.common_name else []))
    for alias in aliases:
        if not _covers(names, alias):
            raise _cloudfront_error(
                "InvalidViewerCertificate",
                f"The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME) that you're trying to add: {alias}.",
            )


_moto_create_distribution_with_tags = cloudfront_models.CloudFrontBackend.create_distribution_with_tags
_moto_update_distribution = cloudfront_models.CloudFrontBackend.update_distribution


def _create_distribution_with_tags(self, distribution_config, tags):
    _check_viewer_certificate(self, distribution_config)
    return _moto_create_distribution_with_tags(self, distribution_config, tags)


def _update_distribution(self, dist_config, _id, if_match):
    if _id in self.distributions and if_match and dist_config:
        _check_viewer_certificate(self, dist_config)
    return _moto_update_distribution(self, dist_config, _id, if_match)


cloudfront_models.CloudFrontBackend.create_distribution_with_tags = _create_distribution_with_tags
cloudfront_models.CloudFrontBackend.update_distribution = _update_distribution


# 7. CREATE of an existing record set fails, before any change of the batch applies.
_moto_change_rrsets = route53_models.Route53Backend.change_resource_record_sets


def _rrset_key(name, type_, set_identifier):
    return (name.lower().rstrip("."), type_, set_identifier or None)


def _change_resource_record_sets(self, zoneid, change_list):
    zone = self.get_hosted_zone(zoneid)
    existing = {_rrset_key(r.name, r.type, r.set_identifier) for r in zone.rrsets}
    for change in change_list:
        rrset = change.get("ResourceRecordSet") or {}
        key = _rrset_key(rrset.get("Name", ""), rrset.get("Type"), rrset.get("SetIdentifier"))
        if change.get("Action") == "CREATE" and key in existing:
            name = rrset.get("Name", "").rstrip(".") + "."
            raise route53_exceptions.ResourceRecordAlreadyExists(name=name, _type=rrset.get("Type"))
        if change.get("Action") == "CREATE":
            existing.add(key)
        elif change.get("Action") == "DELETE":
            existing.discard(key)
    return _moto_change_rrsets(self, zoneid, change_list)


route53_models.Route53Backend.change_resource_record_sets = _change_resource_record_sets


# 8. DNS validation needs the validation CNAME in Route 53.
_moto_cert_check = acm_models.CertBundle.check


def _validation_records_present(cert):
    parts = cert.arn.split(":")
    account_id = parts[4] if len(parts) > 4 else None
    try:
        backend = route53_models.route53_backends[account_id][parts[1] if len(parts) > 1 else "aws"]
    except Exception:
        return False
    records = {}
    for zone in backend.zones.values():
        for rrset in zone.rrsets:
            if rrset.type == "CNAME":
                records.setdefault(rrset.name.lower().rstrip("."), set()).update(v.lower().rstrip(".") for v in rrset.records or [])
    options = cert.describe()["Certificate"].get("DomainValidationOptions") or []
    for option in options:
        rr = option.get("ResourceRecord") or {}
        if rr.get("Value", "").lower().rstrip(".") not in records.get(rr.get("Name", "").lower().rstrip("."), set()):
            return False
    return bool(options)


def _cert_check(self):
    if self.type == "AMAZON_ISSUED" and self.status == "PENDING_VALIDATION" and not _validation_records_present(self):
        status = self.status
        _moto_cert_check(self)
        if self.status == "ISSUED":
            self.status = status
        return
    _moto_cert_check(self)


acm_models.CertBundle.check = _cert_check

# 9-13. S3 since April 2023.
_ENFORCED = "BucketOwnerEnforced"
_OWNER_ACL = "bucket-owner-full-control"
_PUBLIC_CANNED = {"public-read", "public-read-write", "authenticated-read"}
_PUBLIC_GRANTEES = ("AllUsers", "AuthenticatedUsers")
# Condition keys that make a wildcard-principal statement non-public when fixed (AWS, "The meaning of public").
_NARROWING_KEYS = {
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:principalorgid",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
    "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
}
_CONTROL_WRITE_SECONDS = float(os.environ.get("MOTO_S3_CONTROL_WRITE_SECONDS", "0.3"))
_in_progress = set()
_in_progress_lock = threading.Lock()


def _s3_error(status, code, message):
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>standin</RequestId></Error>'
    return status, {"content-type": "application/xml"}, body.encode("utf-8")


def _statements(policy_text):
    try:
        doc = json.loads(policy_text)
    except (TypeError, ValueError):
        return []
    statements = doc.get("Statement") or []
    return [statements] if isinstance(statements, dict) else statements


def _wildcard_principal(principal):
    if principal == "*":
        return True
    if isinstance(principal, dict):
        for kind, values in principal.items():
            for value in values if isinstance(values, list) else [values]:
                if kind != "Service" and isinstance(value, str) and "*" in value:
                    return True
    return False


def _fixed(value):
    text = str(value)
    return text != "" and "*" not in text and "?" not in text and "${" not in text and text not in ("0.0.0.0/0", "::/0")


def _narrowed(condition):
    for operator, pairs in (condition or {}).items():
        if "Not" in operator or operator.startswith("Null") or not isinstance(pairs, dict):
            continue
        for key, values in pairs.items():
            values = values if isinstance(values, list) else [values]
            if key.lower() in _NARROWING_KEYS and values and all(_fixed(v) for v in values):
                return True
    return False


def policy_is_public(policy_text):
    for statement in _statements(policy_text):
        if statement.get("Effect") != "Allow":
            continue
        if "NotPrincipal" in statement:
            return True
        if _wildcard_principal(statement.get("Principal")) and not _narrowed(statement.get("Condition")):
            return True
    return False


def _anonymous_policy_grant(bucket, action, resource):
    """Whether the policy lets an anonymous caller do it: a wildcard-principal Allow without conditions."""
    if bucket.policy is None:
        return False
    text = bucket.policy.decode() if isinstance(bucket.policy, bytes) else bucket.policy
    grants = [
        s for s in _statements(text) if s.get("Effect") == "Allow" and _wildcard_principal(s.get("Principal")) and not s.get("Condition")
    ]
    if not grants:
        return False
    from moto.iam.access_control import IAMPolicy, PermissionResult

    return IAMPolicy(json.dumps({"Version": "2012-10-17", "Statement": grants})).is_action_permitted(action, resource) == PermissionResult.PERMITTED


def _ownership(bucket):
    rule = bucket.ownership_rule
    return rule.get("ObjectOwnership") if isinstance(rule, dict) else rule


def _block(bucket):
    pab = bucket.public_access_block
    return {
        "acls": bool(pab and pab.block_public_acls),
        "ignore": bool(pab and pab.ignore_public_acls),
        "policy": bool(pab and pab.block_public_policy),
        "restrict": bool(pab and pab.restrict_public_buckets),
    }


def _text(body):
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")


def _acl_request(request, acl_body):
    """(sets an ACL other than bucket-owner-full-control, sets a public ACL) for this request; acl_body: an ACL's XML body."""
    headers = request.headers
    canned = headers.get("x-amz-acl")
    grants = [value for name, value in headers.items() if name.lower().startswith("x-amz-grant-")]
    body = acl_body if not canned and not grants else ""
    other = (canned is not None and canned != _OWNER_ACL) or bool(grants) or bool(body.strip())
    public = canned in _PUBLIC_CANNED or any(g in value for value in grants + [body] for g in _PUBLIC_GRANTEES)
    return other, public


def _check_acl(bucket, request, acl_body):
    other, public = _acl_request(request, acl_body)
    if other and _ownership(bucket) == _ENFORCED:
        return _s3_error(400, "AccessControlListNotSupported", "The bucket does not allow ACLs")
    if public and _block(bucket)["acls"]:
        return _s3_error(403, "AccessDenied", "Access Denied")
    return None


def _get_bucket(response, name):
    try:
        return response.backend.get_bucket(name)
    except Exception:
        return None


def _control_write(bucket_name, apply):
    if _CONTROL_WRITE_SECONDS <= 0:
        return apply()
    with _in_progress_lock:
        if bucket_name in _in_progress:
            return _s3_error(
                409, "OperationAborted", "A conflicting conditional operation is currently in progress against this resource. Please try again."
            )
        _in_progress.add(bucket_name)
    try:
        time.sleep(_CONTROL_WRITE_SECONDS)
        return apply()
    finally:
        with _in_progress_lock:
            _in_progress.discard(bucket_name)


_moto_create_bucket = s3_models.S3Backend.create_bucket


def _create_bucket(self, bucket_name, region_name, *args, **kwargs):
    bucket = _moto_create_bucket(self, bucket_name, region_name, *args, **kwargs)
    bucket.public_access_block = s3_models.PublicAccessBlock(True, True, True, True)
    bucket.ownership_rule = _ENFORCED
    return bucket


s3_models.S3Backend.create_bucket = _create_bucket

_moto_bucket_response = s3_responses.S3Response.bucket_response
_moto_key_response = s3_responses.S3Response.key_response
_BUCKET_CONTROLS = ("policy", "ownershipControls", "publicAccessBlock", "acl")


def _bucket_response(self, request, full_url, headers):
    self.setup_class(request)
    name = self.parse_bucket_name_from_url(request, full_url)
    query = parse_qs(urlparse(full_url).query, keep_blank_values=True)
    method = request.method
    bucket = _get_bucket(self, name) if name else None
    original = lambda: _moto_bucket_response(self, request, full_url, headers)
    if method == "PUT" and name and not query and bucket is None:
        ownership = request.headers.get("x-amz-object-ownership") or _ENFORCED
        canned = request.headers.get("x-amz-acl")
        if ownership == _ENFORCED and canned not in (None, "private", _OWNER_ACL):
            return _s3_error(400, "InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
        if canned in _PUBLIC_CANNED:
            return _s3_error(403, "AccessDenied", "Access Denied")
        return original()
    if bucket is None or not any(k in query for k in _BUCKET_CONTROLS):
        return original()
    if method == "PUT":
        if "policy" in query and _block(bucket)["policy"] and policy_is_public(_text(self.body)):
            return _s3_error(403, "AccessDenied", "Access Denied")
        if "acl" in query:
            refused = _check_acl(bucket, request, _text(self.body))
            if refused:
                return refused
        return _control_write(name, original)
    if method == "DELETE" and "acl" not in query:
        return _control_write(name, original)
    return original()


def _key_response(self, request, full_url, headers):
    self.setup_class(request)
    name = self.parse_bucket_name_from_url(request, full_url)
    query = parse_qs(urlparse(full_url).query, keep_blank_values=True)
    method = request.method
    bucket = _get_bucket(self, name)
    original = lambda: _moto_key_response(self, request, full_url, headers)
    if bucket is None:
        return original()
    if method == "PUT" and "acl" in query:
        return _check_acl(bucket, request, _text(self.body)) or original()
    uploads = method == "POST" and "uploads" in query
    upload = method == "PUT" and not any(k in query for k in ("tagging", "retention", "legal-hold", "partNumber"))
    if uploads or upload:
        return _check_acl(bucket, request, "") or original()
    anonymous = "Authorization" not in request.headers and "Signature=" not in full_url
    if method in ("GET", "HEAD") and anonymous and not query:
        key_name = self.parse_key_name()
        key = self.backend.get_object(name, key_name)
        if key is not None:
            block = _block(bucket)
            resource = f"arn:{bucket.partition}:s3:::{name}/{key_name}"
            by_policy = _anonymous_policy_grant(bucket, "s3:GetObject", resource) and not block["restrict"]
            by_acl = bool(key.acl and key.acl.public_read) and not block["ignore"] and _ownership(bucket) != _ENFORCED
            if not (by_policy or by_acl):
                return _s3_error(403, "AccessDenied", "Access Denied")
    return original()


s3_responses.S3Response.bucket_response = _bucket_response
s3_responses.S3Response.key_response = _key_response

if __name__ == "__main__":
    main(sys.argv[1:])
