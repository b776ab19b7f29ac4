"""Mobile push registration on PubNubTornado, replayed from fixtures/tornado/push/.

Endpoints are built directly on the client (the ``pubnub.add_channels_to_push()`` factories
live in pubnub_core); each call goes through ``.future()``, ``.result()`` or ``.pn_async()``.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable

import pytest

from pubnub.endpoints.push.add_channels_to_push import AddChannelsToPush
from pubnub.endpoints.push.list_push_provisions import ListPushProvisions
from pubnub.endpoints.push.remove_channels_from_push import RemoveChannelsFromPush
from pubnub.endpoints.push.remove_device import RemoveDeviceFromPush
from pubnub.enums import PNOperationType, PNPushEnvironment, PNPushType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.push import (
    PNPushAddChannelResult,
    PNPushListProvisionsResult,
    PNPushRemoveAllChannelsResult,
    PNPushRemoveChannelResult,
)
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]
OP = PNOperationType
CAT = PNStatusCategory
GCM_ID = "gcm-reg-id-1"
APNS_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
TOPIC = "com.example.app"


def _list_gcm(pubnub: PubNubTornado) -> ListPushProvisions:
    return ListPushProvisions(pubnub).device_id(GCM_ID).push_type(PNPushType.GCM)


@pytest.mark.gen_test
async def test_add_gcm(make_pubnub: MakePubNub) -> None:
    with replay("push/add_gcm.yaml"):
        envelope = await AddChannelsToPush(make_pubnub()).channels(["ch_1", "ch_2"]).device_id(GCM_ID) \
            .push_type(PNPushType.GCM).future()
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    assert isinstance(envelope.result, PNPushAddChannelResult)
    assert str(envelope.result) == "Channel successfully added"
    status = envelope.status
    assert status.category == CAT.PNAcknowledgmentCategory and status.status_code == 200 and status.error is None
    assert status.operation == OP.PNAddPushNotificationsOnChannelsOperation == 14
    assert status.original_response == [1, "Modified Channels"]
    assert status.affected_channels is None and status.affected_groups is None


@pytest.mark.gen_test
async def test_add_apns2_production(make_pubnub: MakePubNub) -> None:
    with replay("push/add_apns2.yaml"):
        result = await AddChannelsToPush(make_pubnub()).channels(["ch_1"]).device_id(APNS_TOKEN) \
            .push_type(PNPushType.APNS2).topic(TOPIC).environment(PNPushEnvironment.PRODUCTION).result()
    assert isinstance(result, PNPushAddChannelResult)


@pytest.mark.gen_test
async def test_list_gcm(make_pubnub: MakePubNub) -> None:
    with replay("push/list_gcm.yaml"):
        envelope = await _list_gcm(make_pubnub()).future()
    assert isinstance(envelope.result, PNPushListProvisionsResult)
    assert envelope.result.channels == ["ch_3", "ch_4", "channel_1"]
    assert str(envelope.result) == "Push notification enabled on following channels: ch_3, ch_4, channel_1"
    assert envelope.status.operation == OP.PNPushNotificationEnabledChannelsOperation == 13


@pytest.mark.gen_test
async def test_list_apns2_defaults_to_development(make_pubnub: MakePubNub) -> None:
    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    endpoint = ListPushProvisions(make_pubnub()).device_id(APNS_TOKEN).push_type(PNPushType.APNS2).topic(TOPIC)
    with replay("push/list_apns2_empty.yaml"):
        endpoint.pn_async(lambda result, status: delivered.set_result((result, status)))
        result, status = await asyncio.wait_for(delivered, 2)
    assert isinstance(result, PNPushListProvisionsResult) and result.channels == []
    assert status.error is None and "/v2/push/sub-key/sub-c-test/devices-apns2/" in status.client_request.url


@pytest.mark.gen_test
async def test_remove_channels_mpns(make_pubnub: MakePubNub) -> None:
    with replay("push/remove_channels_mpns.yaml"):
        envelope = await RemoveChannelsFromPush(make_pubnub()).channels(["ch_1"]).device_id("mpns-device") \
            .push_type(PNPushType.MPNS).future()
    assert isinstance(envelope.result, PNPushRemoveChannelResult)
    assert str(envelope.result) == "Channel successfully removed"
    assert envelope.status.operation == OP.PNRemovePushNotificationsFromChannelsOperation == 15


@pytest.mark.gen_test
async def test_remove_device_apns(make_pubnub: MakePubNub) -> None:
    with replay("push/remove_device_apns.yaml"):
        envelope = await RemoveDeviceFromPush(make_pubnub()).device_id(APNS_TOKEN).push_type(PNPushType.APNS).future()
    assert isinstance(envelope.result, PNPushRemoveAllChannelsResult)
    assert str(envelope.result) == "All channels successfully removed"
    assert envelope.status.operation == OP.PNRemoveAllPushNotificationsOperation == 16
    assert envelope.status.original_response == [1, "Removed Device"]


@pytest.mark.gen_test
async def test_remove_device_apns2(make_pubnub: MakePubNub) -> None:
    with replay("push/remove_device_apns2.yaml"):
        result = await RemoveDeviceFromPush(make_pubnub()).device_id(APNS_TOKEN).push_type(PNPushType.APNS2) \
            .topic(TOPIC).result()
    assert isinstance(result, PNPushRemoveAllChannelsResult)


@pytest.mark.gen_test
async def test_lifecycle_on_one_client(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("push/lifecycle_gcm.yaml"):
        await AddChannelsToPush(pubnub).channels(["ch_1", "ch_2"]).device_id(GCM_ID).push_type(PNPushType.GCM).result()
        assert (await _list_gcm(pubnub).result()).channels == ["ch_1", "ch_2"]
        await RemoveChannelsFromPush(pubnub).channels(["ch_1"]).device_id(GCM_ID).push_type(PNPushType.GCM).result()
        assert (await _list_gcm(pubnub).result()).channels == ["ch_2"]
        await RemoveDeviceFromPush(pubnub).device_id(GCM_ID).push_type(PNPushType.GCM).result()
        last = await _list_gcm(pubnub).future()
    assert last.result.channels == []
    assert "l_push=" in last.status.client_request.url  # latency of the family, reported on later calls


@pytest.mark.gen_test
async def test_unknown_type_is_rejected_by_the_service(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("push/invalid_type.yaml"):
        failed = await ListPushProvisions(pubnub).device_id(GCM_ID).push_type(99).future()
    assert isinstance(failed, PubNubTornadoException) and failed.result is None
    assert failed.status.category == CAT.PNBadRequestCategory and failed.status.status_code == 400
    assert failed.status.original_response == {"error": "Invalid type argument"}
    assert str(failed) == 'HTTP Client Error (400): {"error": "Invalid type argument"}'
    with replay("push/invalid_type.yaml"), pytest.raises(PubNubException) as raised:
        await ListPushProvisions(pubnub).device_id(GCM_ID).push_type(99).result()
    assert raised.value._status_code == 400


@pytest.mark.gen_test
async def test_invalid_device_token(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    endpoint = AddChannelsToPush(pubnub).channels(["ch_1"]).device_id("not-a-token").push_type(PNPushType.APNS)
    with replay("push/invalid_device_token.yaml"):
        endpoint.pn_async(lambda result, status: delivered.set_result((result, status)))
        result, status = await asyncio.wait_for(delivered, 2)
    assert result is None and status.is_error()
    assert status.category == CAT.PNBadRequestCategory and status.original_response == {"error": "Invalid device token"}
    assert status.operation == OP.PNAddPushNotificationsOnChannelsOperation


@pytest.mark.gen_test
async def test_access_denied(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub(auth_key="bad-auth")
    with replay("push/add_403.yaml"):
        failed = await AddChannelsToPush(pubnub).channels(["ch_1"]).device_id(GCM_ID).push_type(PNPushType.GCM) \
            .future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNAccessDeniedCategory and failed.status.status_code == 403
    assert failed.status.original_response["payload"] == {"channels": ["ch_1"]}


@pytest.mark.gen_test
async def test_invalid_input_is_reported_without_a_request(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed = await AddChannelsToPush(pubnub).channels(("ch_1",)).device_id(GCM_ID).push_type(PNPushType.GCM).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNBadRequestCategory and str(failed.value()) == "Channel missing"
    with pytest.raises(PubNubException) as raised:
        await ListPushProvisions(pubnub).device_id(APNS_TOKEN).push_type(PNPushType.APNS2).result()
    assert str(raised.value) == "Push notification topic is missing. Required only if push type is APNS2."
