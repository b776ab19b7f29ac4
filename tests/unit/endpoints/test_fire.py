"""Fire: publish without storage or replication (store=0, norep=1, no seqn)."""
from __future__ import annotations

import pytest

from pubnub.endpoints.pubsub.fire import Fire
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_MESSAGE_MISSING,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_PUBLISH_META_WRONG_TYPE,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.pubsub import PNFireResult

from ..support import answer, invalid, make_client, path_of, query_of, raw_query, sdk


def test_get_path_and_query(client):
    endpoint = client.fire().channel("unique_sync").message("bla")
    expected_path = Fire.FIRE_GET_PATH % ("pub-c-test", "sub-c-test", "unique_sync", 0, "%22bla%22")
    assert endpoint.build_path() == expected_path == "/publish/pub-c-test/sub-c-test/0/unique_sync/0/%22bla%22"
    request = endpoint.build_request()
    assert request.method == "GET"
    assert request.body is None
    assert raw_query(request) == "store=0&norep=1&pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_no_seqn_and_the_publish_counter_is_untouched(client):
    assert "seqn" not in query_of(client.fire().channel("c").message("m").build_request())
    assert query_of(client.publish().channel("c").message("m").build_request())["seqn"] == "1"


def test_channel_is_encoded(client):
    assert client.fire().channel("c h/1").message(1).build_path() == "/publish/pub-c-test/sub-c-test/0/c%20h%2F1/0/1"


def test_post(client):
    endpoint = client.fire().channel("ch1").message(["a", 1]).use_post(True)
    assert endpoint.http_method() == HttpMethod.POST
    assert endpoint.build_path() == Fire.FIRE_POST_PATH % ("pub-c-test", "sub-c-test", "ch1", 0)
    request = endpoint.build_request()
    assert request.method == "POST"
    assert path_of(request) == "/publish/pub-c-test/sub-c-test/0/ch1/0"
    assert request.body == b'["a", 1]'
    assert query_of(request) == {"store": "0", "norep": "1", "pnsdk": client.sdk_name, "uuid": "test-uuid"}


def test_meta_is_percent_encoded_on_the_wire(client):
    # 4.8.1 put the JSON into the URL raw (observed meta=%7B%22a%22:%201%7D after re-quoting)
    request = client.fire().channel("c").message("m").meta({"a": 1}).build_request()
    assert raw_query(request).startswith("meta=%7B%22a%22%3A%201%7D&store=0&norep=1&")
    assert query_of(request)["meta"] == '{"a": 1}'


def test_empty_meta_is_still_sent(client):
    assert query_of(client.fire().channel("c").message("m").meta({}).build_request())["meta"] == "{}"


def test_meta_must_be_a_dict_as_for_publish(client):
    assert str(invalid(client.fire().channel("c").message("m").meta(["x"]))) == PNERR_PUBLISH_META_WRONG_TYPE


def test_params_callback_shape(client):
    endpoint = client.fire().channel("c").message("m").meta({"a": 2, "b": "qwer"})
    assert endpoint.build_params_callback()({}) == {
        "meta": '{"a": 2, "b": "qwer"}', "store": "0", "norep": "1", "pnsdk": sdk(client), "uuid": "test-uuid"}


def test_auth_key_is_sent_once():
    request = make_client(auth_key="a k").fire().channel("c").message("m").build_request()
    assert [name for name, _ in [p.split("=", 1) for p in raw_query(request).split("&")]].count("auth") == 1
    assert query_of(request)["auth"] == "a k"


def test_encrypted_get():
    client = make_client(cipher_key="myCipherKey")
    assert client.fire().channel("ch1").message("hello").build_path() == (
        "/publish/pub-c-test/sub-c-test/0/ch1/0/%22tEjX0ir9ImpBqBYowXnryw%3D%3D%22")


def test_encrypted_post():
    client = make_client(cipher_key="myCipherKey")
    endpoint = client.fire().channel("ch1").message({"text": "hello world"}).use_post(True)
    assert endpoint.build_data() == '"JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI="'


def test_declarations(client):
    endpoint = client.fire()
    assert endpoint.operation_type() == PNOperationType.PNFireOperation == 25
    assert endpoint.name() == "Fire"
    assert endpoint.is_auth_required() is True


def test_create_response_recorded_body(client):
    result = client.fire().create_response([1, "Sent", "15549250946019633"])
    assert isinstance(result, PNFireResult)
    assert result.timetoken == 15549250946019633
    assert str(result) == "Fire success with timetoken 15549250946019633"


def test_envelope_of_success(client):
    envelope = answer(client.fire().channel("c").message("m"), [1, "Sent", "15549250946019633"])
    assert envelope.result.timetoken == 15549250946019633
    assert envelope.status.operation == PNOperationType.PNFireOperation
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory


@pytest.mark.parametrize(("settings", "channel", "message", "error"), [
    ({"subscribe_key": None, "publish_key": None}, None, None, PNERR_CHANNEL_MISSING),
    ({"subscribe_key": None, "publish_key": None}, "c", None, PNERR_MESSAGE_MISSING),
    ({"subscribe_key": None, "publish_key": None}, "c", "m", PNERR_SUBSCRIBE_KEY_MISSING),
    ({"publish_key": None}, "c", "m", PNERR_PUBLISH_KEY_MISSING),
])
def test_validation_order(settings, channel, message, error):
    endpoint = make_client(**settings).fire().message(message)
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error
