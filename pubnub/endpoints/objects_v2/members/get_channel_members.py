"""``get_channel_members()``: list the uuids that are members of a channel, a page at a time.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelMembersEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.channel_members import PNGetChannelMembersResult


class GetChannelMembers(ChannelMembersEndpoint[PNGetChannelMembersResult, ClientT]):
    """``GET /v2/objects/{sub}/channels/{channel}/uuids``."""

    OPERATION = PNOperationType.PNGetChannelMembersOperation
    NAME = "Get Channel Members"
    GET_CHANNEL_MEMBERS_PATH = ChannelMembersEndpoint.PATH
    RESULT = PNGetChannelMembersResult
