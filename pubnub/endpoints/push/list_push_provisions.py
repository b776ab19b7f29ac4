"""List the channels a device receives push notifications for.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.push.base import PushEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.push import PNPushListProvisionsResult


class ListPushProvisions(PushEndpoint[PNPushListProvisionsResult, ClientT]):
    """``pubnub.list_push_channels().device_id(d).push_type(t)``; result ``channels``."""

    OPERATION = PNOperationType.PNPushNotificationEnabledChannelsOperation
    NAME = "ListPushProvisions"
    LIST_PATH = "/v1/push/sub-key/%s/devices/%s"
    LIST_PATH_APNS2 = "/v2/push/sub-key/%s/devices-apns2/%s"
    PATH = LIST_PATH
    PATH_APNS2 = LIST_PATH_APNS2

    def create_response(self, envelope: Any) -> PNPushListProvisionsResult:
        return PNPushListProvisionsResult.from_json(envelope)
