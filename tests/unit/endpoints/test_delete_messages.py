"""Delete messages (history delete): DELETE with optional start/end; the result is {}."""
from __future__ import annotations

import pytest

from pubnub.endpoints.history_delete import HistoryDelete
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_SUBSCRIBE_KEY_MISSING

from ..support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

NOT_ENABLED = {"status": 403, "error": True, "error_message": "Use of the history Delete API requires both Storage & "
               "Playback and Storage Delete enabled, one of which is not enabled for this subscribe key."}


def test_recorded_channel_encoding(client):
    endpoint = client.delete_messages().channel("my-ch- |.* $")
    assert endpoint.build_path() == HistoryDelete.HISTORY_DELETE_PATH % ("sub-c-test", "my-ch-%20%7C.%2A%20%24")
    request = endpoint.build_request()
    assert request.method == "DELETE"
    assert request.body is None
    assert path_of(request) == "/v3/history/sub-key/sub-c-test/channel/my-ch-%20%7C.%2A%20%24"
    assert raw_query(request) == "pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_start_and_end(client):
    endpoint = client.delete_messages().channel("ch").start(16000000000000001).end(16000000000000000)
    assert endpoint.build_params_callback()({}) == {
        "start": "16000000000000001", "end": "16000000000000000", "pnsdk": sdk(client), "uuid": "test-uuid"}
    assert query_of(endpoint.build_request())["start"] == "16000000000000001"


def test_declarations(client):
    endpoint = client.delete_messages()
    assert endpoint.http_method() == HttpMethod.DELETE
    assert endpoint.operation_type() == PNOperationType.PNHistoryDeleteOperation == 23


def test_create_response_is_an_empty_dict(client):
    assert client.delete_messages().create_response({"status": 200, "error": False, "error_message": ""}) == {}


def test_envelope_of_success(client):
    envelope = answer(client.delete_messages().channel("ch"), {"status": 200, "error": False, "error_message": ""})
    assert envelope.result == {}
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory


def test_not_enabled_answer(client):
    envelope = answer(client.delete_messages().channel("ch"), NOT_ENABLED, 403)
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.error_data.exception.status_code == 403


@pytest.mark.parametrize(("settings", "channel", "error"), [
    ({"subscribe_key": None}, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, PNERR_CHANNEL_MISSING),
    ({}, "", PNERR_CHANNEL_MISSING),
])
def test_validation(settings, channel, error):
    endpoint = make_client(**settings).delete_messages()
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error
