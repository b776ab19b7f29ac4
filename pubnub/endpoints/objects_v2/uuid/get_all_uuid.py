"""``get_all_uuid_metadata()``: list the uuids of the keyset that have metadata, a page at a time.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import IncludeCustomEndpoint, ListEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.uuid import PNGetAllUUIDMetadataResult


class GetAllUuid(ListEndpoint[PNGetAllUUIDMetadataResult, ClientT],
                 IncludeCustomEndpoint[PNGetAllUUIDMetadataResult, ClientT]):
    """``GET /v2/objects/{sub}/uuids`` with the list options."""

    OPERATION = PNOperationType.PNGetAllUuidMetadataOperation
    NAME = "Get all UUIDs"
    GET_ALL_UID_PATH = "/v2/objects/%s/uuids"
    PATH = GET_ALL_UID_PATH
    RESULT = PNGetAllUUIDMetadataResult
