"""moto's server with two corrections to its IAM policy evaluation, for the engine tests.

1. AWS evaluates a condition whose key is absent from the request context as not met (unless the
   operator ends in IfExists). moto's TrustCondition treats it, and any operator it does not
   implement, as met.
2. A statement whose conditions are not met does not apply (AWS). moto's
   IAMPolicyStatement.is_action_permitted answers DENIED instead, whatever the statement's Effect.

The component's bucket policy has a Deny conditioned on `aws:SecureTransport`, a key moto never
puts in the request context: uncorrected, that Deny matches every object request, the provider's
own PutObject included. Corrected, moto does not enforce the TLS-only Deny (it serves plain HTTP,
so it could not be faithful to it anyway); statements without conditions are enforced as before.
"""
import sys

from moto.iam import access_control, policy_conditions
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

if __name__ == "__main__":
    main(sys.argv[1:])
