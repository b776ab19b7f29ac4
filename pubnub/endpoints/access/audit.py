"""Audit (Access Manager v2): read the permissions currently granted.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub.endpoints.access.base import PamV2Endpoint
from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.enums import PNOperationType
from pubnub.models.consumer.access_manager import PNAccessManagerAuditResult


class Audit(PamV2Endpoint[PNAccessManagerAuditResult, ClientT]):
    """``pubnub.audit().channels(..).channel_groups(..).auth_keys(..)``.

    The values are signed as the service decodes them (4.8.1 signed them percent-encoded twice,
    which the service rejects for names with special characters). A missing publish key is
    reported as ``PNERR_PUBLISH_KEY_MISSING`` (4.8.1 raised a ``TypeError``).
    """

    OPERATION = PNOperationType.PNAccessManagerAudit
    NAME = "Audit"
    AUDIT_PATH = "/v2/auth/audit/sub-key/%s"

    def validate_params(self) -> None:
        self.validate_admin_keys()

    def build_path(self) -> str:
        return self.AUDIT_PATH % (self.pubnub.config.subscribe_key,)

    def custom_params(self) -> Dict[str, QueryValue]:
        return self.target_params()

    def create_response(self, envelope: Any) -> PNAccessManagerAuditResult:
        return PNAccessManagerAuditResult.from_json(envelope["payload"])
