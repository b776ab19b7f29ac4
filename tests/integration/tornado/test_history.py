"""pubnub.history() (v2) on PubNubTornado, replayed from fixtures/tornado/history/."""
from __future__ import annotations

from typing import Callable

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.history import PNHistoryItemResult, PNHistoryResult
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]


@pytest.mark.gen_test
async def test_history(make_pubnub: MakePubNub) -> None:
    with replay("history/plain.yaml"):
        envelope = await make_pubnub().history().channel("history_channel").count(5).future()
    assert isinstance(envelope, TornadoEnvelope)
    result = envelope.result
    assert isinstance(result, PNHistoryResult)
    assert [m.entry for m in result.messages] == ["hey-%d" % n for n in range(5)]
    assert all(isinstance(m, PNHistoryItemResult) and m.timetoken is None and m.meta is None
               for m in result.messages)
    assert (result.start_timetoken, result.end_timetoken) == (14820999261239656, 14820999264622346)
    status = envelope.status
    assert status.operation == PNOperationType.PNHistoryOperation
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.error is None


@pytest.mark.gen_test
async def test_history_empty_range(make_pubnub: MakePubNub) -> None:
    with replay("history/range.yaml"):
        result = await make_pubnub().history().channel("history_channel").start(14820999261239656) \
            .end(14820999200000000).reverse(True).count(500).result()
    assert result.messages == [] and (result.start_timetoken, result.end_timetoken) == (0, 0)


@pytest.mark.gen_test
async def test_history_with_timetokens_and_meta(make_pubnub: MakePubNub) -> None:
    with replay("history/include_timetoken_meta.yaml"):
        result = await make_pubnub().history().channel("history_channel").include_timetoken(True) \
            .include_meta(True).result()
    assert [(m.entry, m.timetoken, m.meta) for m in result.messages] == [
        ("Hello", 15653750239963666, ""), ("Hello", 15654070724737575, {"metaKey": "Value"})]


@pytest.mark.gen_test
async def test_history_decrypts_with_the_cipher_key(make_pubnub: MakePubNub) -> None:
    with replay("history/encrypted.yaml"):
        result = await make_pubnub(cipher_key="testKey").history().channel("history_channel").result()
    assert [m.entry for m in result.messages] == ["hey-%d" % n for n in range(5)]


@pytest.mark.gen_test
async def test_history_forbidden(make_pubnub: MakePubNub) -> None:
    with replay("history/forbidden.yaml"):
        failed = await make_pubnub().history().channel("not_permitted_channel").future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == PNStatusCategory.PNAccessDeniedCategory and failed.status.status_code == 403
    assert failed.status.operation == PNOperationType.PNHistoryOperation
    assert str(failed).startswith('HTTP Client Error (403): {"message":"Forbidden"')
