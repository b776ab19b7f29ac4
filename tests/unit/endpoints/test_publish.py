"""Publish: GET/POST paths, query parameters, sequence numbers, encryption, validation, results."""
from __future__ import annotations

import pytest

from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_JSON_NOT_SERIALIZABLE,
    PNERR_MESSAGE_MISSING,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_PUBLISH_META_WRONG_TYPE,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.pubsub import PNPublishResult

from ..support import OfflineClient, answer, invalid, make_client, make_config, path_of, query_of, raw_query, sdk

PREFIX = "/publish/pub-c-test/sub-c-test/0/"


def test_get_path_and_query(client):
    endpoint = client.publish().channel("ch1").message("hi")
    assert endpoint.build_path() == PREFIX + "ch1/0/%22hi%22"
    request = endpoint.build_request()
    assert request.method == "GET"
    assert request.body is None
    assert path_of(request) == PREFIX + "ch1/0/%22hi%22"
    assert raw_query(request) == "seqn=1&pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_observed_4_8_1_requests_are_reproduced():
    client = OfflineClient(make_config(publish_key="pub-c-demo", subscribe_key="sub-c-demo", uuid="u1"),
                           version="4.8.1")
    first = client.publish().channel("ch1").message("hi").build_request()
    assert first.url == ("https://ps.pndsn.com/publish/pub-c-demo/sub-c-demo/0/ch1/0/%22hi%22"
                         "?seqn=1&pnsdk=PubNub-Python%2F4.8.1&uuid=u1")
    second = (client.publish().channel("my ch,1/\u00e4").message({"text": 'h\u00e9 "q"', "n": 1})
              .meta({"color": "red"}).should_store(False).build_request())
    assert second.url == (
        "https://ps.pndsn.com/publish/pub-c-demo/sub-c-demo/0/my%20ch%2C1%2F%C3%A4/0/"
        "%7B%22text%22%3A%20%22h%5Cu00e9%20%5C%22q%5C%22%22%2C%20%22n%22%3A%201%7D"
        "?meta=%7B%22color%22%3A%20%22red%22%7D&store=0&seqn=2&pnsdk=PubNub-Python%2F4.8.1&uuid=u1")


@pytest.mark.parametrize(("message", "segment"), [
    ([1, 2], "%5B1%2C%202%5D"),
    (True, "true"),
    (5, "5"),
    ({"online": True, "name": "Alex"}, "%7B%22online%22%3A%20true%2C%20%22name%22%3A%20%22Alex%22%7D"),
    # the fixed quoting: 4.8.1 sent "hi "there"" (invalid JSON)
    ('hi "there"', "%22hi%20%5C%22there%5C%22%22"),
    ("h\u00e9", "%22h%C3%A9%22"),
])
def test_get_payload_segment(client, message, segment):
    assert client.publish().channel("c").message(message).build_path() == PREFIX + "c/0/" + segment


def test_post_sends_the_message_as_body(client):
    endpoint = client.publish().channel("ch1").message({"text": "hello"}).use_post(True)
    assert endpoint.http_method() == HttpMethod.POST
    assert endpoint.build_path() == PREFIX + "ch1/0"
    assert endpoint.build_data() == '{"text": "hello"}'
    request = endpoint.build_request()
    assert request.method == "POST"
    assert path_of(request) == PREFIX + "ch1/0"
    assert request.body == b'{"text": "hello"}'
    assert request.headers["Content-Type"] == "application/json"
    assert query_of(request) == {"seqn": "1", "pnsdk": client.sdk_name, "uuid": "test-uuid"}


def test_get_has_no_content_type(client):
    assert "Content-Type" not in client.publish().channel("c").message(1).build_request().headers


def test_meta_is_json_and_percent_encoded(client):
    request = client.publish().channel("c").message("m").meta({"color": "red"}).build_request()
    assert "meta=%7B%22color%22%3A%20%22red%22%7D" in raw_query(request)
    assert query_of(request)["meta"] == '{"color": "red"}'


def test_empty_meta_is_not_sent(client):
    assert "meta" not in query_of(client.publish().channel("c").message("m").meta({}).build_request())


def test_meta_must_be_a_dict(client):
    assert str(invalid(client.publish().channel("c").message("m").meta("x"))) == PNERR_PUBLISH_META_WRONG_TYPE


@pytest.mark.parametrize(("store", "value"), [(True, "1"), (False, "0")])
def test_should_store(client, store, value):
    assert query_of(client.publish().channel("c").message("m").should_store(store).build_request())["store"] == value


@pytest.mark.parametrize(("replicate", "norep"), [(True, "false"), (False, "true")])
def test_replicate_is_sent_as_norep(client, replicate, norep):
    assert query_of(client.publish().channel("c").message("m").replicate(replicate).build_request())["norep"] == norep


def test_optional_params_absent_by_default(client):
    names = set(query_of(client.publish().channel("c").message("m").build_request()))
    assert names == {"seqn", "pnsdk", "uuid"}


def test_ttl_and_ptto(client):
    request = client.publish().channel("c").message("m").ttl(5).ptto(16000000000000000).build_request()
    query = query_of(request)
    assert query["ttl"] == "5"
    assert query["ptto"] == "16000000000000000"


def test_auth_key_is_sent_encoded():
    client = make_client(auth_key="my auth/key", uuid="my uuid+1")
    request = client.publish().channel("ch1").message([1, 2]).build_request()
    assert "auth=my%20auth%2Fkey" in raw_query(request)
    assert "uuid=my%20uuid%2B1" in raw_query(request)  # 4.8.1 sent the + raw (read as a space)
    assert query_of(request)["auth"] == "my auth/key"


def test_seqn_increments_per_client(client):
    seqns = [query_of(client.publish().channel("c").message(i).build_request())["seqn"] for i in range(3)]
    assert seqns == ["1", "2", "3"]
    other = make_client()
    assert query_of(other.publish().channel("c").message(0).build_request())["seqn"] == "1"


def test_seqn_wraps_after_65535(client):
    client._publish_sequence_manager.next_sequence = 65534
    seqns = [query_of(client.publish().channel("c").message(i).build_request())["seqn"] for i in range(3)]
    assert seqns == ["65535", "1", "2"]


def test_encrypted_get_matches_observed_ciphertext():
    client = make_client(cipher_key="myCipherKey")
    endpoint = client.publish().channel("ch1").message("hello").meta({"k": "v"})
    assert endpoint.build_path() == PREFIX + "ch1/0/%22tEjX0ir9ImpBqBYowXnryw%3D%3D%22"
    assert query_of(endpoint.build_request())["meta"] == '{"k": "v"}'  # meta is never encrypted


def test_encrypted_post_matches_observed_ciphertext():
    client = make_client(cipher_key="myCipherKey")
    endpoint = client.publish().channel("ch1").message({"text": "hello world"}).use_post(True)
    assert endpoint.build_data() == '"JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI="'
    assert endpoint.build_request().body == b'"JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI="'


def test_params_callback_shape(client):
    # 4.8.1's view: seqn is added when the request is sent, so it is not part of the view
    params = client.publish().channel("c").message("m").meta({"a": 1}).should_store(True).build_params_callback()({})
    assert params == {"meta": "%7B%22a%22%3A%201%7D", "store": "1", "pnsdk": sdk(client), "uuid": "test-uuid"}


def test_declarations(client):
    endpoint = client.publish()
    assert endpoint.operation_type() == PNOperationType.PNPublishOperation == 3
    assert endpoint.is_auth_required() is True


def test_create_response_recorded_body(client):
    result = client.publish().create_response([1, "Sent", "14820999261239656"])
    assert isinstance(result, PNPublishResult)
    assert result.timetoken == 14820999261239656
    assert str(result) == "Publish success with timetoken 14820999261239656"


def test_invalid_key_answer(client):
    envelope = answer(client.publish().channel("c").message("m"), b'[0,"Invalid Key","14820999375199241"]', 400)
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNBadRequestCategory
    assert envelope.status.operation == PNOperationType.PNPublishOperation
    assert str(envelope.status.error_data.exception) == 'HTTP Client Error (400): [0,"Invalid Key","14820999375199241"]'


@pytest.mark.parametrize(("settings", "channel", "message", "error"), [
    ({"subscribe_key": None, "publish_key": None}, None, None, PNERR_CHANNEL_MISSING),
    ({"subscribe_key": None, "publish_key": None}, "", "m", PNERR_CHANNEL_MISSING),
    ({"subscribe_key": None, "publish_key": None}, "c", None, PNERR_MESSAGE_MISSING),
    ({"subscribe_key": None, "publish_key": None}, "c", "m", PNERR_SUBSCRIBE_KEY_MISSING),
    ({"subscribe_key": "", "publish_key": None}, "c", "m", PNERR_SUBSCRIBE_KEY_MISSING),
    ({"publish_key": None}, "c", "m", PNERR_PUBLISH_KEY_MISSING),
])
def test_validation_order(settings, channel, message, error):
    endpoint = make_client(**settings).publish().message(message)
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error


def test_not_serialisable_message(client):
    error = invalid(client.publish().channel("c").message(object()))
    assert error.pn_error == PNERR_JSON_NOT_SERIALIZABLE
    assert str(error).startswith(PNERR_JSON_NOT_SERIALIZABLE + ": ")
