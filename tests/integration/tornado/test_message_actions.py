"""Message actions on PubNubTornado (add, get with paging, remove), replayed from fixtures/tornado/message_actions/."""
from __future__ import annotations

import asyncio
from typing import Any, Callable

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_actions import (
    PNAddMessageActionResult,
    PNGetMessageActionsResult,
    PNMessageAction,
    PNRemoveMessageActionResult,
)
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]
CAT = PNStatusCategory
OP = PNOperationType
MESSAGE_TT = "15610547826969050"
ACTION_TT = "15610547826970050"
STORED_ACTION = {"type": "reaction", "value": "smiley_face", "message_timetoken": MESSAGE_TT, "uuid": "test-uuid",
                 "action_timetoken": ACTION_TT}
FORBIDDEN = ('{"status": 403, "error": {"source": "actions", "message": "Supplied authorization key does not have '
             'the permissions required to perform this operation."}}')


def _add(pubnub: PubNubTornado) -> Any:
    action = PNMessageAction()
    action.type = "reaction"
    action.value = "smiley_face"
    action.message_timetoken = MESSAGE_TT
    return pubnub.add_message_action().channel("chats.room1").message_action(action)


def _remove(pubnub: PubNubTornado) -> Any:
    return pubnub.remove_message_action().channel("chats.room1").message_timetoken(int(MESSAGE_TT)) \
        .action_timetoken(int(ACTION_TT))


def _get(pubnub: PubNubTornado) -> Any:
    return pubnub.get_message_actions().channel("chats.room1")


def _page_builder(pubnub: PubNubTornado) -> Any:
    return pubnub.get_message_actions().channel("chats.room1").start("15610547826970006") \
        .end("15610547826970001").limit(2)


@pytest.mark.gen_test
async def test_add_message_action(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/add.yaml"):
        envelope = await _add(make_pubnub()).future()
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    assert isinstance(envelope.result, PNAddMessageActionResult)
    assert vars(envelope.result) == STORED_ACTION
    status = envelope.status
    assert status.category == CAT.PNAcknowledgmentCategory and status.operation == OP.PNAddMessageAction == 42
    assert status.error is None and status.status_code == 200
    assert status.original_response["data"]["actionTimetoken"] == ACTION_TT
    request = status.client_request
    assert request.method == "POST" and request.body == b'{"type": "reaction", "value": "smiley_face"}'


@pytest.mark.gen_test
async def test_add_message_action_partial_success_keeps_result_and_reports_error(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("message_actions/add_207.yaml"):
        envelope = await _add(pubnub).future()
    assert isinstance(envelope, TornadoEnvelope), "a partial success is no failure: the action was stored"
    assert vars(envelope.result) == STORED_ACTION
    status = envelope.status
    assert status.category == CAT.PNAcknowledgmentCategory and status.status_code == 207
    assert status.error is True and status.is_error()
    assert status.error_data.exception.pn_error == "HTTP Server Error"
    assert str(status.error_data.exception).startswith('HTTP Server Error (207): {"status": 207')
    assert status.original_response["error"]["message"] == "Stored but failed to publish message action."

    with replay("message_actions/add_207.yaml"):
        result = await _add(pubnub).result()
    assert vars(result) == STORED_ACTION

    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    with replay("message_actions/add_207.yaml"):
        _add(pubnub).pn_async(lambda result, status: delivered.set_result((result, status)))
        result, status = await asyncio.wait_for(delivered, 2)
    assert vars(result) == STORED_ACTION and status.error is True and status.status_code == 207


@pytest.mark.parametrize("case, code, category, body", [
    ("add_400", 400, CAT.PNBadRequestCategory,
     '{"status": 400, "error": {"source": "actions", "message": "Request payload contained invalid input.", '
     '"details": [{"message": "Missing field", "location": "value", "locationType": "body"}]}}'),
    ("add_403", 403, CAT.PNAccessDeniedCategory, FORBIDDEN),
    ("add_409", 409, CAT.PNUnknownCategory, '{"status": 409, "error": {"source": "actions", "message": '
                                            '"Action Already Added"}}'),
])
@pytest.mark.gen_test
async def test_add_message_action_errors(make_pubnub: MakePubNub, case: str, code: int, category: int,
                                         body: str) -> None:
    pubnub = make_pubnub()
    with replay("message_actions/%s.yaml" % case):
        failed = await _add(pubnub).future()
    assert isinstance(failed, PubNubTornadoException) and failed.result is None
    assert failed.status.category == category and failed.status.status_code == code
    assert failed.status.operation == OP.PNAddMessageAction
    assert str(failed) == "HTTP Client Error (%d): %s" % (code, body)

    with replay("message_actions/%s.yaml" % case), pytest.raises(PubNubException) as raised:
        await _add(pubnub).result()
    assert raised.value._status_code == code and str(raised.value) == str(failed)


@pytest.mark.gen_test
async def test_get_message_actions(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/get.yaml"):
        envelope = await _get(make_pubnub()).future()
    result = envelope.result
    assert isinstance(result, PNGetMessageActionsResult) and result.more is None
    assert [a.action_timetoken for a in result.actions] == [ACTION_TT, "15610547826971234"]
    first, second = result.actions
    assert isinstance(first, PNMessageAction)
    assert (first.type, first.value, first.uuid, first.message_timetoken) == ("reaction", "smiley_face",
                                                                             "test-uuid", MESSAGE_TT)
    assert second == {"type": "receipt", "value": "read", "actionTimetoken": "15610547826971234",
                      "messageTimetoken": MESSAGE_TT, "uuid": "other-user"}
    assert envelope.status.operation == OP.PNGetMessageActions == 43 and envelope.status.status_code == 200


@pytest.mark.gen_test
async def test_get_message_actions_empty_channel(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/get_empty.yaml"):
        result = await make_pubnub().get_message_actions().channel("empty room").limit(10).result()
    assert result.actions == [] and result.more is None


@pytest.mark.gen_test
async def test_get_message_actions_exposes_more(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/get_first_page.yaml"):
        result = await _page_builder(make_pubnub()).result()
    assert [a.action_timetoken for a in result.actions] == ["15610547826970004", "15610547826970005"]
    assert result.more == {"url": "/v1/message-actions/sub-c-test/channel/chats.room1?start=15610547826970004"
                                  "&end=15610547826970001&limit=2",
                           "start": "15610547826970004", "end": "15610547826970001", "limit": 2}


@pytest.mark.gen_test
async def test_get_message_actions_fetch_all_follows_more(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/get_pages.yaml") as cassette:
        envelope = await _page_builder(make_pubnub()).fetch_all().future()
    assert cassette.play_count == 3
    assert isinstance(envelope, TornadoEnvelope)
    result = envelope.result
    assert [a.action_timetoken for a in result.actions] == ["1561054782697000%d" % n for n in range(1, 6)]
    assert [a.uuid for a in result.actions] == ["user-c", "user-a", "user-c", "user-a", "user-b"]
    assert result.more is None
    assert envelope.status.category == CAT.PNAcknowledgmentCategory and envelope.status.error is None


@pytest.mark.parametrize("case, code, category, body", [
    ("get_400", 400, CAT.PNBadRequestCategory, '{"status": 400, "error": {"source": "actions", "message": '
                                               '"Invalid Subkey"}}'),
    ("get_403", 403, CAT.PNAccessDeniedCategory, FORBIDDEN),
])
@pytest.mark.gen_test
async def test_get_message_actions_errors(make_pubnub: MakePubNub, case: str, code: int, category: int,
                                          body: str) -> None:
    with replay("message_actions/%s.yaml" % case):
        failed = await _get(make_pubnub()).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == category and failed.status.operation == OP.PNGetMessageActions
    assert str(failed.value()) == "HTTP Client Error (%d): %s" % (code, body)


@pytest.mark.gen_test
async def test_remove_message_action(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/remove.yaml"):
        envelope = await _remove(make_pubnub()).future()
    assert isinstance(envelope.result, PNRemoveMessageActionResult) and envelope.result == {}
    status = envelope.status
    assert status.operation == OP.PNDeleteMessageAction == 44 and status.error is None
    assert status.client_request.method == "DELETE" and status.client_request.body is None


@pytest.mark.gen_test
async def test_remove_message_action_partial_success(make_pubnub: MakePubNub) -> None:
    with replay("message_actions/remove_207.yaml"):
        envelope = await _remove(make_pubnub()).future()
    assert isinstance(envelope, TornadoEnvelope) and envelope.result == {}
    assert envelope.status.error is True and envelope.status.status_code == 207
    assert envelope.status.category == CAT.PNAcknowledgmentCategory


@pytest.mark.parametrize("case, code, category, body", [
    ("remove_400", 400, CAT.PNBadRequestCategory, '{"status": 400, "error": {"source": "actions", "message": '
                                                  '"Not deleting message action: wrong uuid specified"}}'),
    ("remove_403", 403, CAT.PNAccessDeniedCategory, FORBIDDEN),
])
@pytest.mark.gen_test
async def test_remove_message_action_errors(make_pubnub: MakePubNub, case: str, code: int, category: int,
                                            body: str) -> None:
    pubnub = make_pubnub()
    with replay("message_actions/%s.yaml" % case), pytest.raises(PubNubException) as raised:
        await _remove(pubnub).result()
    assert str(raised.value) == "HTTP Client Error (%d): %s" % (code, body)

    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    with replay("message_actions/%s.yaml" % case):
        _remove(pubnub).pn_async(lambda result, status: delivered.set_result((result, status)))
        result, status = await asyncio.wait_for(delivered, 2)
    assert result is None and status.category == category and status.status_code == code
    assert status.operation == OP.PNDeleteMessageAction
