"""Fetch messages v3: paths, the max rules, results (meta, actions, more), decryption, validation."""
from __future__ import annotations

import logging

import pytest

from pubnub.endpoints.fetch_messages import FetchMessages
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_HISTORY_MESSAGE_ACTIONS_MULTIPLE_CHANNELS,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.history import PNFetchMessageItem, PNFetchMessagesResult

from ..support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

RECORDED = {"status": 200, "error": False, "error_message": "", "channels": {
    "fetch-messages-ch-2": [{"message": "hey-95", "timetoken": "16075188549737167"},
                            {"message": "hey-96", "timetoken": "16075188549737168"}],
    "fetch-messages-ch-1": [{"message": "hey-95", "timetoken": "16075188548008431"}]}}
WITH_ACTIONS = {"status": 200, "channels": {"TestChannel": [
    {"message": {"senderId": "user123", "title": "Hello!"}, "timetoken": "15724676552283948", "meta": "",
     "actions": {"reaction": {"smiley_face": [{"uuid": "otheruser", "actionTimetoken": "15724677187827310"},
                                              {"uuid": "db9c5e39-7c95-40f5-8d71-125765b6f561",
                                               "actionTimetoken": "15724676661630010"}]},
                 "other": {"someValue": [{"uuid": "otheruser", "actionTimetoken": "15724677602835700"}]}}},
    {"message": {"senderId": "user123", "title": "Hello!"}, "timetoken": "15724678349095456", "meta": ""}]},
    "more": {"url": "/v3/history-with-actions/sub-key/sub-c-7f67e9a6-b7a4-11e9-8145-662cacf517ac/channel/"
                    "space_ac4e67b98b34b44c4a39466e93e?start=15911214642781041", "start": "15724676552283948"},
    "error_message": "", "error": False}


def test_observed_multi_channel_request():
    client = make_client(subscribe_key="sub-c-demo")
    request = client.fetch_messages().channels(["ch1", "ch 2"]).build_request()
    assert request.method == "GET"
    assert path_of(request) == "/v3/history/sub-key/sub-c-demo/channel/ch1,ch%202"
    assert raw_query(request) == "max=25&include_meta=false&pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_observed_with_actions_request():
    client = make_client(subscribe_key="sub-c-demo")
    endpoint = client.fetch_messages().channels("ch1").include_message_actions(True).include_meta(True)
    assert endpoint.build_path() == FetchMessages.FETCH_MESSAGES_WITH_ACTIONS_PATH % ("sub-c-demo", "ch1")
    request = endpoint.build_request()
    assert path_of(request) == "/v3/history-with-actions/sub-key/sub-c-demo/channel/ch1"
    assert raw_query(request).startswith("max=25&include_meta=true&")


def test_single_channel_path(client):
    assert client.fetch_messages().channels("my ch").build_path() == FetchMessages.FETCH_MESSAGES_PATH % (
        "sub-c-test", "my%20ch")


@pytest.mark.parametrize("channels", ["a,b", ["a", "b"], ("a", "b")])
def test_channels_forms(client, channels):
    endpoint = client.fetch_messages().channels(channels)
    assert endpoint._channels == ["a", "b"]
    assert endpoint.build_path().endswith("/channel/a,b")


def test_channels_accumulate(client):
    assert client.fetch_messages().channels("a").channels(["b"])._channels == ["a", "b"]


@pytest.mark.parametrize(("channels", "actions", "count", "expected"), [
    ("ch1", False, None, 100), ("ch1", False, 50, 50), ("ch1", False, 100, 100), ("ch1", False, 101, 100),
    ("ch1", False, 0, 100),
    ("ch1,ch2", False, None, 25), ("ch1,ch2", False, 10, 10), ("ch1,ch2", False, 50, 25),
    ("ch1", True, None, 25), ("ch1", True, 5, 5), ("ch1", True, 50, 25), ("ch1", True, 100, 25),
])
def test_max_rules(client, channels, actions, count, expected):
    endpoint = client.fetch_messages().channels(channels).include_message_actions(actions)
    if count is not None:
        endpoint.count(count)
    assert query_of(endpoint.build_request())["max"] == str(expected)
    endpoint.validate_params()
    assert endpoint._count == expected  # the 4.8.1 tests read the effective value here


def test_count_setter_keeps_the_value_until_validation(client):
    assert client.fetch_messages().channels("a").count(7)._count == 7


def test_maximum_per_channel_is_the_old_name_of_count(client):
    endpoint = client.fetch_messages().channels("ch1").maximum_per_channel(42)
    assert query_of(endpoint.build_request())["max"] == "42"


def test_start_end_and_meta(client):
    endpoint = (client.fetch_messages().channels("ch1").start(16000000000000002).end(16000000000000001)
                .include_meta(True))
    assert endpoint.build_params_callback()({}) == {
        "max": 100, "start": "16000000000000002", "end": "16000000000000001", "include_meta": "true",
        "pnsdk": sdk(client), "uuid": "test-uuid"}


def test_declarations(client):
    endpoint = client.fetch_messages()
    assert endpoint.operation_type() == PNOperationType.PNFetchMessagesOperation == 45
    assert endpoint.http_method() == HttpMethod.GET


def test_create_response_recorded(client):
    endpoint = client.fetch_messages().channels("fetch-messages-ch-1,fetch-messages-ch-2")
    result = endpoint.create_response(RECORDED)
    assert isinstance(result, PNFetchMessagesResult)
    assert sorted(result.channels) == ["fetch-messages-ch-1", "fetch-messages-ch-2"]
    items = result.channels["fetch-messages-ch-2"]
    assert all(isinstance(item, PNFetchMessageItem) for item in items)
    assert [(i.message, i.timetoken, i.meta, i.actions) for i in items] == [
        ("hey-95", "16075188549737167", None, None), ("hey-96", "16075188549737168", None, None)]
    assert result.more is None
    assert (result.start_timetoken, result.end_timetoken) == (None, None)
    assert str(items[0]) == "Fetch message item with tt: 16075188549737167 and content: hey-95"


def test_result_bounds_are_the_requested_ones(client):
    endpoint = client.fetch_messages().channels("c").start(20).end(10)
    result = endpoint.create_response({"status": 200, "channels": {}})
    assert (result.start_timetoken, result.end_timetoken) == (20, 10)
    assert result.channels == {}
    assert str(result) == "Fetch messages result for range 20..10"


def test_create_response_with_actions_and_more(client):
    endpoint = client.fetch_messages().channels("TestChannel").include_message_actions(True)
    result = endpoint.create_response(WITH_ACTIONS)
    first, second = result.channels["TestChannel"]
    assert first.message == {"senderId": "user123", "title": "Hello!"}
    assert first.meta == ""
    assert first.actions["reaction"]["smiley_face"][0] == {"uuid": "otheruser", "actionTimetoken": "15724677187827310"}
    assert first.actions["other"] == {"someValue": [{"uuid": "otheruser", "actionTimetoken": "15724677602835700"}]}
    assert second.actions == {}
    assert result.more == WITH_ACTIONS["more"]


def test_actions_are_none_when_not_requested(client):
    result = client.fetch_messages().channels("TestChannel").create_response(WITH_ACTIONS)
    assert [item.actions for item in result.channels["TestChannel"]] == [None, None]


def test_meta_is_kept(client):
    body = {"status": 200, "channels": {"c": [{"message": "m", "timetoken": "1", "meta": {"k": "v"}}]}}
    assert client.fetch_messages().channels("c").include_meta(True).create_response(body).channels["c"][0].meta == {
        "k": "v"}


def test_messages_are_decrypted(caplog):
    # 4.8.1 returned fetched messages still encrypted
    client = make_client(cipher_key="testKey")
    body = {"status": 200, "channels": {"c": [
        {"message": "QfD1NCBJCmt1aPPGU2cshw==", "timetoken": "1"},
        {"message": "9P/7+NNs54o7Go41yh+3rIn8BW0H0ad+mKlKTKGw2i1eoQP1ddHrnIzkRUPEC3ko", "timetoken": "2"},
        {"message": {"not": "encrypted"}, "timetoken": "3"},
        {"message": "not encrypted", "timetoken": "4"}]}}
    with caplog.at_level(logging.WARNING, logger="pubnub"):
        envelope = answer(client.fetch_messages().channels("c"), body)
    assert not envelope.status.is_error()
    assert [item.message for item in envelope.result.channels["c"]] == [
        "hey-0", {"name": "Alex", "online": True}, {"not": "encrypted"}, "not encrypted"]
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 2


@pytest.mark.parametrize(("settings", "channels", "actions", "error"), [
    ({"subscribe_key": None}, None, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, None, PNERR_CHANNEL_MISSING),
    ({}, [], None, PNERR_CHANNEL_MISSING),
    ({}, "", None, PNERR_CHANNEL_MISSING),
    ({}, "a,b", True, PNERR_HISTORY_MESSAGE_ACTIONS_MULTIPLE_CHANNELS),
])
def test_validation(settings, channels, actions, error):
    endpoint = make_client(**settings).fetch_messages()
    if channels is not None:
        endpoint.channels(channels)
    if actions is not None:
        endpoint.include_message_actions(actions)
    assert str(invalid(endpoint)) == error


def test_multiple_channels_error_text_is_exact(client):
    error = invalid(client.fetch_messages().channels(["a", "b"]).include_message_actions(True))
    assert str(error) == ("History can return message action data for a single channel only. "
                          "Either pass a single channel or disable the include_message_actions flag. ")
