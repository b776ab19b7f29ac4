"""Enable push notifications on channels for a device.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.push.base import PushChannelsEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.push import PNPushAddChannelResult


class AddChannelsToPush(PushChannelsEndpoint[PNPushAddChannelResult, ClientT]):
    """``pubnub.add_channels_to_push().channels([...]).device_id(d).push_type(t)``: ``?add=ch1,ch2``."""

    OPERATION = PNOperationType.PNAddPushNotificationsOnChannelsOperation
    NAME = "AddChannelsToPush"
    ADD_PATH = "/v1/push/sub-key/%s/devices/%s"
    ADD_PATH_APNS2 = "/v2/push/sub-key/%s/devices-apns2/%s"
    PATH = ADD_PATH
    PATH_APNS2 = ADD_PATH_APNS2
    QUERY_KEY = "add"
    RESULT = PNPushAddChannelResult
