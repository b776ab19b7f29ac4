"""``get_uuid_metadata()``: read one uuid's metadata.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import IncludeCustomEndpoint, UuidEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.uuid import PNGetUUIDMetadataResult


class GetUuid(UuidEndpoint[PNGetUUIDMetadataResult, ClientT], IncludeCustomEndpoint[PNGetUUIDMetadataResult, ClientT]):
    """``GET /v2/objects/{sub}/uuids/{uuid}``."""

    OPERATION = PNOperationType.PNGetUuidMetadataOperation
    NAME = "Get UUID"
    GET_UID_PATH = "/v2/objects/%s/uuids/%s"
    PATH = GET_UID_PATH
    RESULT = PNGetUUIDMetadataResult
