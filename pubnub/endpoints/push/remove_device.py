"""Unregister a device from push notifications on all of its channels.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.push.base import PushEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.push import PNPushRemoveAllChannelsResult


class RemoveDeviceFromPush(PushEndpoint[PNPushRemoveAllChannelsResult, ClientT]):
    """``pubnub.remove_device_from_push().device_id(d).push_type(t)``: ``GET .../{device}/remove``."""

    OPERATION = PNOperationType.PNRemoveAllPushNotificationsOperation
    NAME = "RemoveDeviceFromPush"
    REMOVE_PATH = "/v1/push/sub-key/%s/devices/%s/remove"
    REMOVE_PATH_APNS2 = "/v2/push/sub-key/%s/devices-apns2/%s/remove"
    PATH = REMOVE_PATH
    PATH_APNS2 = REMOVE_PATH_APNS2
    RESULT = PNPushRemoveAllChannelsResult
