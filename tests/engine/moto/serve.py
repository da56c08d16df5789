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
"""
import sys

from moto.acm import models as acm_models
from moto.cloudfront import exceptions as cloudfront_exceptions
from moto.cloudfront import models as cloudfront_models
from moto.iam import access_control, policy_conditions
from moto.route53 import exceptions as route53_exceptions
from moto.route53 import models as route53_models
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

if __name__ == "__main__":
    main(sys.argv[1:])
