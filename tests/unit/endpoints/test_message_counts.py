"""Message counts: one timetoken per channel, timetoken vs channelsTimetoken, the mismatch error."""
from __future__ import annotations

import pytest

from pubnub.endpoints.message_count import MessageCount
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_SUBSCRIBE_KEY_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_count import PNMessageCountResult

from ..support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

MISMATCH = "The number of channels and the number of timetokens do not match."


def test_single_channel_sends_timetoken(client):
    endpoint = client.message_counts().channel("unique_sync").channel_timetokens([15510379559483741])
    assert endpoint.build_path() == MessageCount.MESSAGE_COUNT_PATH % ("sub-c-test", "unique_sync")
    request = endpoint.build_request()
    assert request.method == "GET"
    assert path_of(request) == "/v3/history/sub-key/sub-c-test/message-counts/unique_sync"
    assert raw_query(request) == "timetoken=15510379559483741&pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_several_channels_send_channels_timetoken_with_a_raw_comma(client):
    endpoint = (client.message_counts().channel("unique_sync_1,unique_sync_2")
                .channel_timetokens([15510379567122092, "15510379567122093"]))
    request = endpoint.build_request()
    assert path_of(request) == "/v3/history/sub-key/sub-c-test/message-counts/unique_sync_1,unique_sync_2"
    assert raw_query(request).startswith("channelsTimetoken=15510379567122092,15510379567122093&")
    assert "timetoken" not in query_of(request)


def test_params_callback_shapes(client):
    single = client.message_counts().channel("ch").channel_timetokens([11])
    assert single.build_params_callback()({}) == {"timetoken": "11", "pnsdk": sdk(client), "uuid": "test-uuid"}
    multi = client.message_counts().channel(["ch1", "ch2"]).channel_timetokens([11, 12])
    assert multi.build_params_callback()({}) == {"channelsTimetoken": "11,12", "pnsdk": sdk(client),
                                                 "uuid": "test-uuid"}


def test_channel_names_are_encoded(client):
    endpoint = client.message_counts().channel(["a b", "c/d"]).channel_timetokens([1, 2])
    assert endpoint.build_path().endswith("/message-counts/a%20b,c%2Fd")


@pytest.mark.parametrize("timetokens", [[1, 2], ("1", "2"), "1,2"])
def test_timetoken_forms(client, timetokens):
    assert client.message_counts().channel("a,b").channel_timetokens(timetokens)._channels_timetoken == ["1", "2"]


def test_single_timetoken_value(client):
    endpoint = client.message_counts().channel("a").channel_timetokens(15510379559483741)
    assert query_of(endpoint.build_request())["timetoken"] == "15510379559483741"


def test_channels_alias(client):
    assert client.message_counts().channels(["a"]).channel("b")._channel == ["a", "b"]


def test_declarations(client):
    endpoint = client.message_counts()
    assert endpoint.operation_type() == PNOperationType.PNMessageCountOperation == 24
    assert endpoint.http_method() == HttpMethod.GET


@pytest.mark.parametrize(("channels", "timetokens"), [(["a", "b"], [1]), (["a"], [1, 2]), (["a"], [])])
def test_mismatch_error(client, channels, timetokens):
    endpoint = client.message_counts().channel(channels).channel_timetokens(timetokens)
    with pytest.raises(PubNubException) as caught:
        endpoint.validate_params()
    assert str(caught.value) == "None: " + MISMATCH
    assert caught.value._errormsg == MISMATCH
    assert caught.value.pn_error is None


@pytest.mark.parametrize(("settings", "channels", "error"), [
    ({"subscribe_key": None}, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, PNERR_CHANNEL_MISSING),
    ({}, [], PNERR_CHANNEL_MISSING),
])
def test_validation(settings, channels, error):
    endpoint = make_client(**settings).message_counts().channel_timetokens([1])
    if channels is not None:
        endpoint.channel(channels)
    assert str(invalid(endpoint)) == error


def test_create_response_recorded(client):
    body = {"status": 200, "error": False, "error_message": "",
            "channels": {"unique_sync_1": 1, "unique_sync_2": 0}}
    result = client.message_counts().create_response(body)
    assert isinstance(result, PNMessageCountResult)
    assert result.channels == {"unique_sync_1": 1, "unique_sync_2": 0}


def test_storage_not_enabled_answer(client):
    body = {"status": 403, "error": True, "error_message": "Use of the history API requires the Storage & Playback "
            "which is not enabled for this subscribe key.", "channels": {}}
    envelope = answer(client.message_counts().channel("c").channel_timetokens([1]), body, 403)
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.operation == PNOperationType.PNMessageCountOperation
    assert envelope.status.original_response == body
