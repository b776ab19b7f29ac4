"""pubnub.publish() on PubNubTornado, replayed from fixtures/tornado/publish/."""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.pubsub import PNPublishResult
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]


def _query(status: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(status.client_request.url).query)


def _assert_published(envelope: Any, timetoken: int) -> None:
    assert isinstance(envelope, TornadoEnvelope), envelope
    assert isinstance(envelope.result, PNPublishResult)
    assert envelope.result.timetoken == timetoken and isinstance(envelope.result.timetoken, int)
    status = envelope.status
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert status.operation == PNOperationType.PNPublishOperation
    assert status.error is None and status.status_code == 200
    assert status.original_response == [1, "Sent", str(timetoken)]


@pytest.mark.gen_test
async def test_publish_get(make_pubnub: MakePubNub) -> None:
    with replay("publish/get.yaml"):
        envelope = await make_pubnub().publish().channel("my channel").message({"text": "hello world"}).future()
    _assert_published(envelope, 14820999261239656)
    query = _query(envelope.status)
    assert query["pnsdk"] == ["PubNub-Python-Tornado/4.9.0"]
    assert query["uuid"] == ["test-uuid"] and query["seqn"] == ["1"]
    assert envelope.status.client_request.method == "GET" and envelope.status.client_request.body is None


@pytest.mark.gen_test
async def test_publish_post(make_pubnub: MakePubNub) -> None:
    with replay("publish/post.yaml"):
        envelope = await make_pubnub().publish().channel("ch1").message(["hi", "hi2", "hi3"]).use_post(True).future()
    _assert_published(envelope, 14820999262012480)
    request = envelope.status.client_request
    assert request.method == "POST" and request.headers["Content-Type"] == "application/json"


@pytest.mark.gen_test
async def test_publish_meta(make_pubnub: MakePubNub) -> None:
    with replay("publish/meta.yaml"):
        result = await make_pubnub().publish().channel("ch1").message("hi").meta({"color": "red"}).result()
    assert isinstance(result, PNPublishResult) and result.timetoken == 14820999263315822
    assert str(result) == "Publish success with timetoken 14820999263315822"


@pytest.mark.gen_test
async def test_publish_store_flag_and_sequence(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("publish/store.yaml"):
        stored = await pubnub.publish().channel("ch1").message(5).should_store(True).future()
        not_stored = await pubnub.publish().channel("ch1").message(5).should_store(False).future()
    _assert_published(stored, 14820999264622346)
    _assert_published(not_stored, 14820999265113029)
    assert _query(stored.status)["seqn"] == ["1"] and _query(not_stored.status)["seqn"] == ["2"]


@pytest.mark.gen_test
async def test_publish_encrypted_get_and_post(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub(cipher_key="myCipherKey")
    with replay("publish/encrypted.yaml"):
        by_get = await pubnub.publish().channel("ch1").message("hello").future()
        by_post = await pubnub.publish().channel("ch1").message({"text": "hello world"}).use_post(True).future()
    _assert_published(by_get, 14820999316486003)
    _assert_published(by_post, 14820999319748646)


@pytest.mark.gen_test
async def test_publish_invalid_key_is_a_bad_request(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    body = '[0,"Invalid Key","14820999375199241"]'
    with replay("publish/invalid_key.yaml"):
        failed = await pubnub.publish().channel("ch1").message("hi").future()
    assert isinstance(failed, PubNubTornadoException) and failed.is_error()
    assert failed.result is None
    status = failed.status
    assert status.category == PNStatusCategory.PNBadRequestCategory and status.error is True
    assert status.status_code == 400 and status.operation == PNOperationType.PNPublishOperation
    assert status.original_response == [0, "Invalid Key", "14820999375199241"]
    assert str(failed) == "HTTP Client Error (400): " + body
    assert failed.value() is status.error_data.exception

    with replay("publish/invalid_key.yaml"), pytest.raises(PubNubException) as raised:
        await pubnub.publish().channel("ch1").message("hi").result()
    assert raised.value._status_code == 400 and raised.value._pn_error == "HTTP Client Error"
    assert str(raised.value) == "HTTP Client Error (400): " + body


@pytest.mark.gen_test
async def test_publish_forbidden_is_access_denied(make_pubnub: MakePubNub) -> None:
    with replay("publish/forbidden.yaml"):
        failed = await make_pubnub(auth_key="bad-auth").publish().channel("not_permitted_channel").message(
            "hi").future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert failed.status.status_code == 403
    assert failed.status.original_response["payload"] == {"channels": ["not_permitted_channel"]}
    assert str(failed).startswith('HTTP Client Error (403): {"message":"Forbidden"')
