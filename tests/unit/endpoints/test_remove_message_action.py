"""Remove message action: DELETE path with both timetokens; the result is {}."""
from __future__ import annotations

import pytest

from pubnub.endpoints.message_actions.remove_message_action import RemoveMessageAction
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING,
    PNERR_MESSAGE_TIMETOKEN_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)

from ..support import answer, invalid, make_client, path_of, sdk


def test_request(client):
    endpoint = (client.remove_message_action().channel("chats.room1").action_timetoken(15956346328442840)
                .message_timetoken(1595634632))
    assert endpoint.build_path() == RemoveMessageAction.REMOVE_MESSAGE_ACTION_PATH % (
        "sub-c-test", "chats.room1", 1595634632, 15956346328442840)
    request = endpoint.build_request()
    assert request.method == "DELETE"
    assert request.body is None
    assert path_of(request) == (
        "/v1/message-actions/sub-c-test/channel/chats.room1/message/1595634632/action/15956346328442840")
    assert endpoint.build_params_callback()({}) == {"pnsdk": sdk(client), "uuid": "test-uuid"}


def test_declarations(client):
    endpoint = client.remove_message_action()
    assert endpoint.http_method() == HttpMethod.DELETE
    assert endpoint.operation_type() == PNOperationType.PNDeleteMessageAction == 44


def test_result_is_an_empty_dict(client):
    endpoint = client.remove_message_action().channel("c").action_timetoken("2").message_timetoken("1")
    envelope = answer(endpoint, {"status": 200, "data": {}})
    assert envelope.result == {}
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory


def test_wrong_uuid_answer(client):
    endpoint = client.remove_message_action().channel("c").action_timetoken("2").message_timetoken("1")
    body = {"status": 400,
            "error": {"source": "actions", "message": "Not deleting message action: wrong uuid specified"}}
    envelope = answer(endpoint, body, 400)
    assert envelope.status.category == PNStatusCategory.PNBadRequestCategory
    assert envelope.status.original_response == body


@pytest.mark.parametrize(("settings", "channel", "message_tt", "action_tt", "error"), [
    ({"subscribe_key": None}, None, None, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, "1", "2", PNERR_CHANNEL_MISSING),
    ({}, "c", None, "2", PNERR_MESSAGE_TIMETOKEN_MISSING),
    ({}, "c", "x1", "2", PNERR_MESSAGE_TIMETOKEN_MISSING),
    ({}, "c", "1", None, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING),
    ({}, "c", "1", -2, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING),
])
def test_validation(settings, channel, message_tt, action_tt, error):
    endpoint = make_client(**settings).remove_message_action().message_timetoken(message_tt).action_timetoken(action_tt)
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error
