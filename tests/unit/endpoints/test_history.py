"""History v2: query parameters, unwrapping of entries, decryption, validation."""
from __future__ import annotations

import logging

import pytest

from pubnub.endpoints.history import History
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_SUBSCRIBE_KEY_MISSING
from pubnub.models.consumer.history import PNHistoryItemResult, PNHistoryResult

from ..support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

RECORDED_PLAIN = [["hey-0", "hey-1", "hey-2", "hey-3", "hey-4"], 14820999261239656, 14820999264622346]
RECORDED_ENCRYPTED = [["QfD1NCBJCmt1aPPGU2cshw==", "cIioHNL2bZY8a/Ma5fBsAA==", "8YmOnXcBGHtlYIdpGkOvUA==",
                       "arJa5qQszd4hc65Y4Y2CxA==", "OJvWYC/bWXFvcw/TNic9hQ=="], 14820999316486003, 14820999319748646]
WITH_TOKEN = [[{"message": "Hello", "timetoken": 15653750239963666},
               {"message": "Hello", "timetoken": 15654070724737575}], 15653750239963666, 15654070724737575]
WITH_META = [[{"message": "Hello", "meta": "", "timetoken": 15653750239963666},
              {"message": "Hello", "meta": {"metaKey": "Value"}, "timetoken": 15654070724737575}],
             15653750239963666, 15654070724737575]


def test_basic_request(client):
    endpoint = client.history().channel("ch")
    assert endpoint.build_path() == History.HISTORY_PATH % ("sub-c-test", "ch")
    assert endpoint.build_path() == "/v2/history/sub-key/sub-c-test/channel/ch"
    request = endpoint.build_request()
    assert request.method == "GET"
    assert request.body is None
    assert raw_query(request) == "count=100&pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_params_callback_basic(client):
    assert client.history().channel("ch").build_params_callback()({}) == {
        "count": "100", "pnsdk": sdk(client), "uuid": "test-uuid"}


def test_params_callback_full(client):
    endpoint = (client.history().channel("ch").start(100000).end(200000).reverse(False).count(3)
                .include_timetoken(True).include_meta(True))
    assert endpoint.build_params_callback()({}) == {
        "start": "100000", "end": "200000", "count": "3", "reverse": "false", "include_token": "true",
        "include_meta": "true", "pnsdk": sdk(client), "uuid": "test-uuid"}


def test_flags_false_are_sent(client):
    query = query_of(client.history().channel("ch").reverse(True).include_timetoken(False).include_meta(False)
                     .build_request())
    assert (query["reverse"], query["include_token"], query["include_meta"]) == ("true", "false", "false")


@pytest.mark.parametrize(("count", "sent"), [(1, "1"), (3, "3"), (100, "100"), (101, "100"), (500, "100"),
                                             (0, "100"), (-5, "100"), (None, "100"), ("50", "50")])
def test_count_is_always_sent_within_1_to_100(client, count, sent):
    endpoint = client.history().channel("ch")
    if count is not None:
        endpoint.count(count)
    assert query_of(endpoint.build_request())["count"] == sent


def test_channel_is_encoded(client):
    assert path_of(client.history().channel("my ch/\u00e4").build_request()) == (
        "/v2/history/sub-key/sub-c-test/channel/my%20ch%2F%C3%A4")


def test_declarations(client):
    endpoint = client.history()
    assert endpoint.operation_type() == PNOperationType.PNHistoryOperation == 4
    assert endpoint.http_method() == HttpMethod.GET


def test_create_response_plain(client):
    result = client.history().channel("ch").create_response(RECORDED_PLAIN)
    assert isinstance(result, PNHistoryResult)
    assert [item.entry for item in result.messages] == ["hey-0", "hey-1", "hey-2", "hey-3", "hey-4"]
    assert all(isinstance(item, PNHistoryItemResult) for item in result.messages)
    assert [(item.timetoken, item.meta) for item in result.messages] == [(None, None)] * 5
    assert (result.start_timetoken, result.end_timetoken) == (14820999261239656, 14820999264622346)
    assert str(result) == "History result for range 14820999261239656..14820999264622346"


def test_create_response_empty(client):
    result = client.history().channel("ch").create_response([[], 0, 0])
    assert result.messages == []
    assert (result.start_timetoken, result.end_timetoken) == (0, 0)


def test_create_response_with_timetokens(client):
    result = client.history().channel("ch").include_timetoken(True).create_response(WITH_TOKEN)
    assert [(item.entry, item.timetoken, item.meta) for item in result.messages] == [
        ("Hello", 15653750239963666, None), ("Hello", 15654070724737575, None)]
    assert str(result.messages[0]) == "History item with tt: 15653750239963666 and content: Hello"


def test_create_response_with_meta_only_copies_meta(client):
    result = client.history().channel("ch").include_meta(True).create_response(WITH_META)
    assert [(item.entry, item.timetoken, item.meta) for item in result.messages] == [
        ("Hello", None, ""), ("Hello", None, {"metaKey": "Value"})]


def test_wrapped_entries_stay_whole_without_flags(client):
    result = client.history().channel("ch").create_response(WITH_TOKEN)
    assert result.messages[0].entry == {"message": "Hello", "timetoken": 15653750239963666}


def test_dict_messages_without_message_key_are_not_unwrapped(client):
    result = client.history().channel("ch").include_timetoken(True).create_response([[{"text": "x"}], 1, 1])
    assert result.messages[0].entry == {"text": "x"}
    assert result.messages[0].timetoken is None


def test_encrypted_entries_are_decrypted():
    client = make_client(cipher_key="testKey")
    result = client.history().channel("ch").create_response(RECORDED_ENCRYPTED)
    assert [item.entry for item in result.messages] == ["hey-0", "hey-1", "hey-2", "hey-3", "hey-4"]


def test_wrapped_encrypted_entries_are_decrypted():
    client = make_client(cipher_key="testKey")
    body = [[{"message": "QfD1NCBJCmt1aPPGU2cshw==", "timetoken": 15}], 15, 15]
    result = client.history().channel("ch").include_timetoken(True).create_response(body)
    assert (result.messages[0].entry, result.messages[0].timetoken) == ("hey-0", 15)


def test_undecryptable_entries_are_returned_as_received(caplog):
    # 4.8.1 failed the whole call with a raw binascii.Error / TypeError here
    client = make_client(cipher_key="testKey")
    body = [["QfD1NCBJCmt1aPPGU2cshw==", "plain text", {"a": 1}, "tEjX0ir9ImpBqBYowXnryw=="], 1, 4]
    with caplog.at_level(logging.WARNING, logger="pubnub"):
        envelope = answer(client.history().channel("ch"), body)
    assert not envelope.status.is_error()
    assert [item.entry for item in envelope.result.messages] == [
        "hey-0", "plain text", {"a": 1}, "tEjX0ir9ImpBqBYowXnryw=="]
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "pubnub"]
    assert len(warnings) == 3
    assert all("testKey" not in r.getMessage() for r in warnings)


def test_without_cipher_nothing_is_decrypted(client):
    result = client.history().channel("ch").create_response(RECORDED_ENCRYPTED)
    assert result.messages[0].entry == "QfD1NCBJCmt1aPPGU2cshw=="


@pytest.mark.parametrize(("settings", "channel", "error"), [
    ({"subscribe_key": None}, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"subscribe_key": ""}, "ch", PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, PNERR_CHANNEL_MISSING),
    ({}, "", PNERR_CHANNEL_MISSING),
])
def test_validation(settings, channel, error):
    endpoint = make_client(**settings).history()
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error
