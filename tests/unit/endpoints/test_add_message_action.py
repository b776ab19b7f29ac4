"""Add message action: POST body, path, result, partial success, every validation error."""
from __future__ import annotations

import pytest

from pubnub.endpoints.message_actions.add_message_action import AddMessageAction
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_MESSAGE_ACTION_MISSING,
    PNERR_MESSAGE_ACTION_TYPE_MISSING,
    PNERR_MESSAGE_ACTION_VALUE_MISSING,
    PNERR_MESSAGE_TIMETOKEN_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.message_actions import PNAddMessageActionResult, PNMessageAction

from ..support import answer, invalid, make_client, path_of, query_of, sdk

STORED = {"status": 200, "data": {"type": "reaction", "value": "smiley_face", "actionTimetoken": "15610547826970050",
                                  "messageTimetoken": "15610547826969050", "uuid": "testUser"}}
PARTIAL = {"status": 207, "data": STORED["data"],
           "error": {"message": "Stored but failed to publish message action.", "source": "actions"}}


def action(message_timetoken="16000000000000001", type_="reaction", value="smiley_face"):
    built = PNMessageAction()
    built.message_timetoken = message_timetoken
    built.type = type_
    built.value = value
    return built


def test_request(client):
    endpoint = client.add_message_action().channel("ch 1").message_action(action())
    assert endpoint.build_path() == AddMessageAction.ADD_MESSAGE_ACTION_PATH % (
        "sub-c-test", "ch%201", "16000000000000001")
    assert endpoint.build_data() == '{"type": "reaction", "value": "smiley_face"}'
    request = endpoint.build_request()
    assert request.method == "POST"
    assert path_of(request) == "/v1/message-actions/sub-c-test/channel/ch%201/message/16000000000000001"
    assert request.body == b'{"type": "reaction", "value": "smiley_face"}'
    assert request.headers["Content-Type"] == "application/json"
    assert query_of(request) == {"pnsdk": client.sdk_name, "uuid": "test-uuid"}


def test_params_callback_shape():
    client = make_client(auth_key="ak")
    endpoint = client.add_message_action().channel("c").message_action(action())
    assert endpoint.build_params_callback()({}) == {"pnsdk": sdk(client), "uuid": "test-uuid", "auth": "ak"}


def test_declarations(client):
    endpoint = client.add_message_action()
    assert endpoint.http_method() == HttpMethod.POST
    assert endpoint.operation_type() == PNOperationType.PNAddMessageAction == 42


def test_create_response(client):
    result = client.add_message_action().create_response(STORED)
    assert isinstance(result, PNAddMessageActionResult)
    assert (result.type, result.value, result.message_timetoken, result.uuid, result.action_timetoken) == (
        "reaction", "smiley_face", "15610547826969050", "testUser", "15610547826970050")


def test_partial_success_keeps_the_result(client):
    envelope = answer(client.add_message_action().channel("c").message_action(action()), PARTIAL, 207)
    assert envelope.result.action_timetoken == "15610547826970050"
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert envelope.status.is_error()
    assert envelope.status.status_code == 207


def test_duplicate_answer(client):
    body = {"status": 409, "error": {"source": "actions", "message": "Action Already Added"}}
    envelope = answer(client.add_message_action().channel("c").message_action(action()), body, 409)
    assert envelope.status.category == PNStatusCategory.PNUnknownCategory
    assert envelope.status.error_data.exception.status_code == 409


@pytest.mark.parametrize(("settings", "channel", "message_action", "error"), [
    ({"subscribe_key": None}, None, None, PNERR_SUBSCRIBE_KEY_MISSING),
    ({}, None, action(), PNERR_CHANNEL_MISSING),
    ({}, "", action(), PNERR_CHANNEL_MISSING),
    ({}, "c", None, PNERR_MESSAGE_ACTION_MISSING),
    ({}, "c", {"type": "reaction"}, PNERR_MESSAGE_ACTION_MISSING),
    ({}, "c", action(message_timetoken=None), PNERR_MESSAGE_TIMETOKEN_MISSING),
    ({}, "c", action(message_timetoken="soon"), PNERR_MESSAGE_TIMETOKEN_MISSING),
    ({}, "c", action(type_=None), PNERR_MESSAGE_ACTION_TYPE_MISSING),
    ({}, "c", action(type_=""), PNERR_MESSAGE_ACTION_TYPE_MISSING),
    ({}, "c", action(value=None), PNERR_MESSAGE_ACTION_VALUE_MISSING),
    ({}, "c", action(value=""), PNERR_MESSAGE_ACTION_VALUE_MISSING),
])
def test_validation(settings, channel, message_action, error):
    endpoint = make_client(**settings).add_message_action().message_action(message_action)
    if channel is not None:
        endpoint.channel(channel)
    assert str(invalid(endpoint)) == error


def test_integer_message_timetoken_is_accepted(client):
    endpoint = client.add_message_action().channel("c").message_action(action(message_timetoken=15956343330507960))
    assert path_of(endpoint.build_request()).endswith("/message/15956343330507960")
