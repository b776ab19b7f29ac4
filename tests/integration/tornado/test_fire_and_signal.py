"""pubnub.fire() and pubnub.signal() on PubNubTornado, replayed from fixtures/tornado/fire/ and signal/."""
from __future__ import annotations

from typing import Callable

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.pubsub import PNFireResult
from pubnub.models.consumer.signal import PNSignalResult
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]


@pytest.mark.gen_test
async def test_fire(make_pubnub: MakePubNub) -> None:
    with replay("fire/get.yaml"):
        envelope = await make_pubnub().fire().channel("unique_sync").message("bla").future()
    assert isinstance(envelope, TornadoEnvelope)
    assert isinstance(envelope.result, PNFireResult) and envelope.result.timetoken == 15549250946019633
    assert str(envelope.result) == "Fire success with timetoken 15549250946019633"
    status = envelope.status
    assert status.operation == PNOperationType.PNFireOperation and status.error is None
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.status_code == 200
    assert "seqn=" not in status.client_request.url  # fire has no sequence number (the matcher ignores it)


@pytest.mark.gen_test
async def test_fire_post_with_meta(make_pubnub: MakePubNub) -> None:
    with replay("fire/post_meta.yaml"):
        result = await make_pubnub().fire().channel("ch1").message({"a": 1}).meta({"a": 1}).use_post(True).result()
    assert result.timetoken == 15549250947711846


@pytest.mark.gen_test
async def test_signal(make_pubnub: MakePubNub) -> None:
    with replay("signal/success.yaml"):
        envelope = await make_pubnub().signal().channel("unique_sync").message("test").future()
    assert isinstance(envelope.result, PNSignalResult)
    assert envelope.result.timetoken == "15640049765289377"  # kept as the string sent, unlike publish
    assert str(envelope.result) == "Signal success with timetoken 15640049765289377"
    assert envelope.status.operation == PNOperationType.PNSignalOperation
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert "seqn=" not in envelope.status.client_request.url


@pytest.mark.gen_test
async def test_signal_is_never_encrypted(make_pubnub: MakePubNub) -> None:
    with replay("signal/not_encrypted.yaml"):
        result = await make_pubnub(cipher_key="myCipherKey").signal().channel("ch1").message({"a": 1}).result()
    assert result.timetoken == "15640051159323676"


@pytest.mark.gen_test
async def test_signal_too_large(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("signal/too_large.yaml"):
        failed = await pubnub.signal().channel("ch1").message("x" * 70).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == PNStatusCategory.PNBadRequestCategory and failed.status.status_code == 400
    assert failed.status.original_response == [0, "Signal size too large", "15910331991263359"]
    with replay("signal/too_large.yaml"), pytest.raises(PubNubException) as raised:
        await pubnub.signal().channel("ch1").message("x" * 70).result()
    assert str(raised.value) == 'HTTP Client Error (400): [0,"Signal size too large","15910331991263359"]'
