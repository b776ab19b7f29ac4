"""Signal: a plain-JSON message in the path, never encrypted; the timetoken stays a string."""
from __future__ import annotations

import pytest

from pubnub.endpoints.signal import Signal
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_PUBLISH_KEY_MISSING, PNERR_SUBSCRIBE_KEY_MISSING
from pubnub.models.consumer.signal import PNSignalResult

from ..support import answer, invalid, make_client, query_of, raw_query, sdk


def test_path_from_the_documented_example():
    client = make_client(publish_key="P", subscribe_key="S")
    assert client.signal().channel("c h").message({"a": 1}).build_path() == "/signal/P/S/0/c%20h/0/%7B%22a%22%3A%201%7D"


def test_recorded_request():
    client = make_client(publish_key="demo", subscribe_key="demo", uuid="uuid-mock")
    endpoint = client.signal().channel("unique_sync").message("test")
    assert endpoint.build_path() == Signal.SIGNAL_PATH % ("demo", "demo", "unique_sync", "%22test%22")
    request = endpoint.build_request()
    assert request.method == "GET"
    assert request.body is None
    assert request.url == ("https://ps.pndsn.com/signal/demo/demo/0/unique_sync/0/%22test%22"
                           "?pnsdk=" + sdk(client) + "&uuid=uuid-mock")


def test_never_encrypted():
    client = make_client(cipher_key="myCipherKey")
    path = client.signal().channel("c").message("hello").build_path()
    assert path == "/signal/pub-c-test/sub-c-test/0/c/0/%22hello%22"


def test_missing_message_is_sent_as_null(client):
    assert client.signal().channel("c").build_path().endswith("/0/c/0/null")


def test_channel_is_stringified(client):
    assert client.signal().channel(42).message(1).build_path() == "/signal/pub-c-test/sub-c-test/0/42/0/1"


def test_only_common_params():
    client = make_client(auth_key="auth-1")
    request = client.signal().channel("c").message(1).build_request()
    assert query_of(request) == {"pnsdk": client.sdk_name, "uuid": "test-uuid", "auth": "auth-1"}
    assert "seqn" not in raw_query(request)


def test_params_callback_shape(client):
    assert client.signal().channel("c").message("m").build_params_callback()({}) == {
        "pnsdk": sdk(client), "uuid": "test-uuid"}


def test_declarations(client):
    endpoint = client.signal()
    assert endpoint.operation_type() == PNOperationType.PNSignalOperation == 26
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.name() == "Signal"


def test_create_response_keeps_the_string_timetoken(client):
    result = client.signal().create_response([1, "Sent", "15640049765289377"])
    assert isinstance(result, PNSignalResult)
    assert result.timetoken == "15640049765289377"
    assert str(result) == "Signal success with timetoken 15640049765289377"


def test_size_error_answer(client):
    envelope = answer(client.signal().channel("c").message("x" * 100),
                      b'[0,"Signal size too large","15910331991263359"]', 400)
    assert envelope.status.category == PNStatusCategory.PNBadRequestCategory
    assert envelope.status.operation == PNOperationType.PNSignalOperation


@pytest.mark.parametrize(("settings", "channel", "error"), [
    ({"subscribe_key": None, "publish_key": None}, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"publish_key": None}, None, PNERR_PUBLISH_KEY_MISSING),
    ({}, None, PNERR_CHANNEL_MISSING),
    ({}, "", PNERR_CHANNEL_MISSING),
])
def test_validation_order(settings, channel, error):
    endpoint = make_client(**settings).signal().message("m")
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error
