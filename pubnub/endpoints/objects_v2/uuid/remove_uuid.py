"""``remove_uuid_metadata()``: delete one uuid's metadata.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import UuidEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.models.consumer.objects_v2.uuid import PNRemoveUUIDMetadataResult


class RemoveUuid(UuidEndpoint[PNRemoveUUIDMetadataResult, ClientT]):
    """``DELETE /v2/objects/{sub}/uuids/{uuid}``; the answer's ``data`` is null."""

    OPERATION = PNOperationType.PNRemoveUuidMetadataOperation
    NAME = "Remove UUID"
    HTTP_METHOD = HttpMethod.DELETE
    REMOVE_UID_PATH = "/v2/objects/%s/uuids/%s"
    PATH = REMOVE_UID_PATH
    RESULT = PNRemoveUUIDMetadataResult
