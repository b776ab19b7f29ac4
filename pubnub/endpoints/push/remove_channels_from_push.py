"""Disable push notifications on channels for a device.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.push.base import PushChannelsEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.push import PNPushRemoveChannelResult


class RemoveChannelsFromPush(PushChannelsEndpoint[PNPushRemoveChannelResult, ClientT]):
    """``pubnub.remove_channels_from_push().channels([...]).device_id(d).push_type(t)``: ``?remove=ch1,ch2``."""

    OPERATION = PNOperationType.PNRemovePushNotificationsFromChannelsOperation
    NAME = "RemoveChannelsFromPush"
    REMOVE_PATH = "/v1/push/sub-key/%s/devices/%s"
    REMOVE_PATH_APNS2 = "/v2/push/sub-key/%s/devices-apns2/%s"
    PATH = REMOVE_PATH
    PATH_APNS2 = REMOVE_PATH_APNS2
    QUERY_KEY = "remove"
    RESULT = PNPushRemoveChannelResult
