"""pubnub.message_counts() and pubnub.delete_messages() on PubNubTornado, replayed from fixtures/tornado/."""
from __future__ import annotations

from typing import Callable

import pytest

from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_count import PNMessageCountResult
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]


@pytest.mark.gen_test
async def test_message_counts_of_one_channel(make_pubnub: MakePubNub) -> None:
    with replay("message_counts/one_channel.yaml"):
        envelope = await make_pubnub().message_counts().channel("unique_sync") \
            .channel_timetokens([15510379559483741]).future()
    assert isinstance(envelope, TornadoEnvelope)
    assert isinstance(envelope.result, PNMessageCountResult) and envelope.result.channels == {"unique_sync": 1}
    assert envelope.status.operation == PNOperationType.PNMessageCountOperation
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory


@pytest.mark.gen_test
async def test_message_counts_of_several_channels(make_pubnub: MakePubNub) -> None:
    with replay("message_counts/several_channels.yaml"):
        result = await make_pubnub().message_counts().channel("unique_sync_1,unique_sync_2") \
            .channel_timetokens(["15510379567122092", "15510379567122092"]).result()
    assert result.channels == {"unique_sync_1": 1, "unique_sync_2": 0}


@pytest.mark.parametrize("case, code, category", [
    ("not_enabled", 403, PNStatusCategory.PNAccessDeniedCategory),
    ("invalid_arguments", 400, PNStatusCategory.PNBadRequestCategory),
])
@pytest.mark.gen_test
async def test_message_counts_errors(make_pubnub: MakePubNub, case: str, code: int, category: int) -> None:
    timetoken = 1 if case == "invalid_arguments" else 15510379559483741
    with replay("message_counts/%s.yaml" % case):
        failed = await make_pubnub().message_counts().channel("unique_sync").channel_timetokens([timetoken]).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == category and failed.status.status_code == code
    assert failed.status.original_response["channels"] == {} and failed.status.original_response["error"] is True


@pytest.mark.gen_test
async def test_message_counts_needs_one_timetoken_per_channel(make_pubnub: MakePubNub) -> None:
    with pytest.raises(PubNubException) as raised:
        await make_pubnub().message_counts().channel(["a", "b"]).channel_timetokens([1]).result()
    assert str(raised.value) == "None: The number of channels and the number of timetokens do not match."


@pytest.mark.gen_test
async def test_delete_one_message(make_pubnub: MakePubNub) -> None:
    with replay("delete_messages/success.yaml"):
        envelope = await make_pubnub().delete_messages().channel("my-ch- |.* $").start(15510379559483742) \
            .end(15510379559483741).future()
    assert isinstance(envelope, TornadoEnvelope) and envelope.result == {}
    status = envelope.status
    assert status.operation == PNOperationType.PNHistoryDeleteOperation and status.error is None
    assert status.client_request.method == HttpMethod.string(HttpMethod.DELETE)


@pytest.mark.gen_test
async def test_delete_messages_not_enabled(make_pubnub: MakePubNub) -> None:
    with replay("delete_messages/not_enabled.yaml"), pytest.raises(PubNubException) as raised:
        await make_pubnub().delete_messages().channel("history_channel").result()
    assert raised.value._status_code == 403
    assert str(raised.value).startswith('HTTP Client Error (403): {"status": 403, "error": true, '
                                        '"error_message": "Use of the history Delete API')
