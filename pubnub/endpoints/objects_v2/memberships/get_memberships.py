"""``get_memberships()``: list the channels a uuid is a member of, a page at a time.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import MembershipsEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.memberships import PNGetMembershipsResult


class GetMemberships(MembershipsEndpoint[PNGetMembershipsResult, ClientT]):
    """``GET /v2/objects/{sub}/uuids/{uuid}/channels``."""

    OPERATION = PNOperationType.PNGetMembershipsOperation
    NAME = "Get Memberships"
    GET_MEMBERSHIPS_PATH = MembershipsEndpoint.PATH
    RESULT = PNGetMembershipsResult
