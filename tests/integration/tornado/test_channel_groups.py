"""Channel groups on PubNubTornado, replayed from fixtures/tornado/channel_groups/.

Endpoints are built directly on the client (the ``pubnub.add_channel_to_channel_group()``
factories live in pubnub_core); each call goes through ``.future()``, ``.result()`` or ``.pn_async()``.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable

import pytest

from pubnub.endpoints.channel_groups.add_channel_to_channel_group import AddChannelToChannelGroup
from pubnub.endpoints.channel_groups.list_channels_in_channel_group import ListChannelsInChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_from_channel_group import RemoveChannelFromChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_group import RemoveChannelGroup
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.channel_group import (
    PNChannelGroupsAddChannelResult,
    PNChannelGroupsListResult,
    PNChannelGroupsRemoveChannelResult,
    PNChannelGroupsRemoveGroupResult,
)
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]
OP = PNOperationType
GROUP = "channel-groups-unit-cg"
CH1, CH2 = "channel-groups-unit-ch1", "channel-groups-unit-ch2"
OK = {"status": 200, "message": "OK", "service": "channel-registry", "error": False}
FORBIDDEN = ('{"message":"Forbidden","payload":{"channel-groups":["channel-groups-unit-cg"]},"error":true,'
             '"service":"Access Manager","status":403}')


def _list(pubnub: PubNubTornado, group: str = GROUP) -> ListChannelsInChannelGroup:
    return ListChannelsInChannelGroup(pubnub).channel_group(group)


@pytest.mark.gen_test
async def test_add_channels(make_pubnub: MakePubNub) -> None:
    with replay("channel_groups/add.yaml"):
        envelope = await AddChannelToChannelGroup(make_pubnub()).channels([CH1, CH2]).channel_group(GROUP).future()
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    assert isinstance(envelope.result, PNChannelGroupsAddChannelResult)
    assert str(envelope.result) == "Channel successfully added"
    status = envelope.status
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.status_code == 200
    assert status.operation == OP.PNAddChannelsToGroupOperation == 8 and status.error is None
    assert status.original_response == OK
    assert status.affected_channels is None and status.affected_groups is None
    assert status.client_request.method == "GET"


@pytest.mark.gen_test
async def test_list_channels(make_pubnub: MakePubNub) -> None:
    with replay("channel_groups/list.yaml"):
        result = await _list(make_pubnub()).result()
    assert isinstance(result, PNChannelGroupsListResult)
    assert result.channels == [CH1, CH2]
    assert str(result) == "Group contains following channels: %s, %s" % (CH1, CH2)


@pytest.mark.gen_test
async def test_list_unknown_group_is_empty(make_pubnub: MakePubNub) -> None:
    with replay("channel_groups/list_empty.yaml"):
        envelope = await _list(make_pubnub(), "no-such-group").future()
    assert envelope.result.channels == []
    assert envelope.status.operation == OP.PNChannelsForGroupOperation


@pytest.mark.gen_test
async def test_remove_channels_with_pn_async(make_pubnub: MakePubNub) -> None:
    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    endpoint = RemoveChannelFromChannelGroup(make_pubnub()).channels("%s,%s" % (CH1, CH2)).channel_group(GROUP)
    with replay("channel_groups/remove_channels.yaml"):
        endpoint.pn_async(lambda result, status: delivered.set_result((result, status)))
        result, status = await asyncio.wait_for(delivered, 2)
    assert isinstance(result, PNChannelGroupsRemoveChannelResult)
    assert str(result) == "Channel successfully removed"
    assert status.operation == OP.PNRemoveChannelsFromGroupOperation and status.error is None


@pytest.mark.gen_test
async def test_remove_group(make_pubnub: MakePubNub) -> None:
    with replay("channel_groups/remove_group.yaml"):
        envelope = await RemoveChannelGroup(make_pubnub()).channel_group(GROUP).future()
    assert isinstance(envelope.result, PNChannelGroupsRemoveGroupResult)
    assert str(envelope.result) == "Group successfully removed"
    assert envelope.status.operation == OP.PNRemoveGroupOperation == 11
    assert envelope.status.client_request.url.split("?")[0].endswith("/channel-group/%s/remove" % GROUP)


@pytest.mark.gen_test
async def test_lifecycle_on_one_client(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("channel_groups/lifecycle.yaml"):
        await AddChannelToChannelGroup(pubnub).channels([CH1, CH2]).channel_group(GROUP).result()
        assert (await _list(pubnub).result()).channels == [CH1, CH2]
        await RemoveChannelFromChannelGroup(pubnub).channels(CH1).channel_group(GROUP).result()
        assert (await _list(pubnub).result()).channels == [CH2]
        await RemoveChannelGroup(pubnub).channel_group(GROUP).result()
        last = await _list(pubnub).future()
    assert last.result.channels == []
    # the later calls report the family's latency as l_cg (the matcher ignores l_* values)
    assert "l_cg=" in last.status.client_request.url


@pytest.mark.gen_test
async def test_encoded_group_and_channel_names(make_pubnub: MakePubNub) -> None:
    with replay("channel_groups/encoded_names.yaml"):
        envelope = await AddChannelToChannelGroup(make_pubnub()).channels(["a b", "c"]).channel_group("g/1").future()
    assert not envelope.is_error()
    url = envelope.status.client_request.url
    assert "/channel-group/g%2F1?" in url and "add=a%20b,c&" in url


@pytest.mark.gen_test
async def test_access_denied(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub(auth_key="bad-auth")

    def add() -> AddChannelToChannelGroup:
        return AddChannelToChannelGroup(pubnub).channels([CH1]).channel_group(GROUP)

    with replay("channel_groups/add_403.yaml"):
        failed = await add().future()
    assert isinstance(failed, PubNubTornadoException) and failed.result is None
    assert failed.status.category == PNStatusCategory.PNAccessDeniedCategory and failed.status.status_code == 403
    assert failed.status.operation == OP.PNAddChannelsToGroupOperation
    assert failed.status.original_response["payload"] == {"channel-groups": [GROUP]}
    assert str(failed) == "HTTP Client Error (403): " + FORBIDDEN

    with replay("channel_groups/add_403.yaml"), pytest.raises(PubNubException) as raised:
        await add().result()
    assert raised.value._status_code == 403

    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    with replay("channel_groups/add_403.yaml"):
        add().pn_async(lambda result, status: delivered.set_result((result, status)))
        result, status = await asyncio.wait_for(delivered, 2)
    assert result is None and status.is_error() and status.category == PNStatusCategory.PNAccessDeniedCategory


@pytest.mark.gen_test
async def test_unknown_subscribe_key(make_pubnub: MakePubNub) -> None:
    with replay("channel_groups/list_400.yaml"):
        failed = await _list(make_pubnub(subscribe_key="sub-c-unknown")).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == PNStatusCategory.PNBadRequestCategory and failed.status.status_code == 400
    assert failed.status.original_response["message"] == "Invalid Subscribe Key"


@pytest.mark.gen_test
async def test_invalid_input_is_reported_without_a_request(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed = await AddChannelToChannelGroup(pubnub).channel_group(GROUP).future()  # no cassette: nothing is sent
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == PNStatusCategory.PNBadRequestCategory
    assert str(failed.value()) == "Channels missing"
    with pytest.raises(PubNubException) as raised:
        await RemoveChannelGroup(pubnub).result()
    assert str(raised.value) == "Channel group missing"
