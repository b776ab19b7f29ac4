"""pubnub.fetch_messages() (v3) on PubNubTornado, replayed from fixtures/tornado/fetch_messages/."""
from __future__ import annotations

from typing import Callable

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.history import PNFetchMessageItem, PNFetchMessagesResult
from pubnub.pubnub_tornado import PubNubTornado, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]


@pytest.mark.gen_test
async def test_fetch_messages_of_two_channels(make_pubnub: MakePubNub) -> None:
    with replay("fetch_messages/plain.yaml"):
        envelope = await make_pubnub().fetch_messages().channels(["fetch-messages-ch-1", "fetch-messages-ch-2"]) \
            .start(16075188549737200).end(16075188548008400).count(3).future()
    assert isinstance(envelope, TornadoEnvelope)
    result = envelope.result
    assert isinstance(result, PNFetchMessagesResult)
    assert (result.start_timetoken, result.end_timetoken) == (16075188549737200, 16075188548008400)
    assert sorted(result.channels) == ["fetch-messages-ch-1", "fetch-messages-ch-2"]
    assert [(m.message, m.timetoken) for m in result.channels["fetch-messages-ch-2"]] == [
        ("hey-97", "16075188549537160"), ("hey-98", "16075188549637164"), ("hey-99", "16075188549737167")]
    first = result.channels["fetch-messages-ch-1"][0]
    assert isinstance(first, PNFetchMessageItem)
    assert (first.message, first.timetoken, first.meta, first.actions) == ("hey-98", "16075188547908428", None, None)
    status = envelope.status
    assert status.operation == PNOperationType.PNFetchMessagesOperation == 45
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.error is None


@pytest.mark.gen_test
async def test_fetch_messages_with_meta(make_pubnub: MakePubNub) -> None:
    with replay("fetch_messages/include_meta.yaml"):
        result = await make_pubnub().fetch_messages().channels("fetch-messages-ch-1").include_meta(True).result()
    assert [(m.message, m.meta) for m in result.channels["fetch-messages-ch-1"]] == [
        ("hey-0", ""), ({"text": "hey-1"}, {"color": "red"})]


@pytest.mark.gen_test
async def test_fetch_messages_with_message_actions(make_pubnub: MakePubNub) -> None:
    with replay("fetch_messages/include_message_actions.yaml"):
        result = await make_pubnub().fetch_messages().channels(["TestChannel"]).include_message_actions(True) \
            .result()
    with_actions, without_actions = result.channels["TestChannel"]
    assert with_actions.message == {"senderId": "user123", "title": "Hello!"}
    assert with_actions.timetoken == "15724676552283948" and with_actions.meta == ""
    assert with_actions.actions == {
        "reaction": {"smiley_face": [{"uuid": "otheruser", "actionTimetoken": "15724677187827310"},
                                     {"uuid": "test-uuid", "actionTimetoken": "15724676661630010"}]},
        "other": {"someValue": [{"uuid": "otheruser", "actionTimetoken": "15724677602835700"}]}}
    assert without_actions.actions == {}
    assert result.more is not None and result.more["start"] == "15724676552283948"
