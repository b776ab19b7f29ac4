"""The documented Message Actions API (shared/docs/message-actions-api.txt), run as written.

Each Basic Usage snippet is copied verbatim into a test and its ``(envelope, status)`` compared
field by field with the page's Returns examples, replayed from fixtures/tornado/message_actions_docs/
with the documentation's configuration (uuid ``my_uuid``, origin ``ps.pndsn.com``, TLS). The add
example is also run against a tiny local Tornado app with the real clock. Bad input is then pushed
through all three execution modes, and nothing may be raised into the IOLoop.
"""
from __future__ import annotations

import asyncio
import gc
import logging
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
import tornado.escape
import tornado.web
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import closed_origin, make_config, replay

MakePubNub = Callable[..., PubNubTornado]
DOC_CLOCK = 1595634332.7  # the moment the documentation's add example ran (its message timetoken)


def _doc_status(operation: int, **changes: Any) -> Dict[str, Any]:
    """The documentation's "Example of status", identical for the three calls but for ``operation``."""
    status = {
        'affected_channels': None,
        'affected_channels_groups': None,
        'affected_groups': None,
        'auth_key': None,
        'category': 2,
        'client_response': None,
        'error': None,
        'error_data': None,
        'operation': operation,
        'origin': 'ps.pndsn.com',
        'status_code': 200,
        'tls_enabled': True,
        'uuid': 'my_uuid'
    }
    status.update(changes)
    return status


def _status_fields(status: Any, documented: Dict[str, Any]) -> Dict[str, Any]:
    return {name: getattr(status, name) for name in documented}


class _Callback:
    """``message_action_callback`` of the documentation: resolves a future with (envelope, status)."""

    def __init__(self) -> None:
        self.calls: asyncio.Future[Tuple[Any, Any]] = asyncio.get_running_loop().create_future()

    def __call__(self, envelope: Any, status: Any) -> None:
        self.calls.set_result((envelope, status))

    async def wait(self) -> Tuple[Any, Any]:
        return await asyncio.wait_for(self.calls, 2)


def _doc_client(make_pubnub: MakePubNub) -> PubNubTornado:
    return make_pubnub(uuid="my_uuid", origin="ps.pndsn.com", ssl=True)


# ----- the Basic Usage examples --------------------------------------------------------------
@pytest.mark.gen_test
async def test_doc_add_message_action(make_pubnub: MakePubNub, monkeypatch: pytest.MonkeyPatch) -> None:
    pubnub = _doc_client(make_pubnub)
    message_action_callback = _Callback()
    with replay("message_actions_docs/add.yaml"):
        with monkeypatch.context() as clock:
            clock.setattr(time, "time", lambda: DOC_CLOCK)
            msg_action = PNMessageAction()
            msg_action.type = "reaction"
            msg_action.value = "smiley_face"
            msg_action.message_timetoken = str(int(time.time()))

            pubnub.add_message_action()\
              .channel("chats.room1")\
              .message_action(msg_action)\
              .pn_async(message_action_callback)
        envelope, status = await message_action_callback.wait()

    documented_status = _doc_status(42)
    assert _status_fields(status, documented_status) == documented_status
    assert vars(envelope) == {
        'action_timetoken': '15956343330507960',
        'message_timetoken': '1595634332',
        'type': 'reaction',
        'uuid': 'my_uuid',
        'value': 'smiley_face'
    }


@pytest.mark.gen_test
async def test_doc_remove_message_action(make_pubnub: MakePubNub) -> None:
    pubnub = _doc_client(make_pubnub)
    message_action_callback = _Callback()
    with replay("message_actions_docs/remove.yaml"):
        pubnub.remove_message_action()\
          .channel("chats.room1")\
          .action_timetoken(15956346328442840)\
          .message_timetoken(1595634632)\
          .pn_async(message_action_callback)
        envelope, status = await message_action_callback.wait()

    documented_status = _doc_status(44)
    assert _status_fields(status, documented_status) == documented_status
    assert envelope == {}


@pytest.mark.gen_test
async def test_doc_get_message_actions(make_pubnub: MakePubNub) -> None:
    pubnub = _doc_client(make_pubnub)
    message_action_callback = _Callback()
    with replay("message_actions_docs/get.yaml"):
        # Retrieve all reactions on a single message

        pubnub.get_message_actions()\
          .channel("chats.room1")\
          .start("15956342921084731")\
          .end("15956342921084730")\
          .limit(50)\
          .pn_async(message_action_callback)
        envelope, status = await message_action_callback.wait()

    documented_status = _doc_status(43)
    assert _status_fields(status, documented_status) == documented_status
    documented_envelope = {
      'actions': [
        {
          'actionTimetoken': '15956373593404068',
          'messageTimetoken': '15956342921084730',
          'type': 'reaction',
          'uuid': 'my_uuid',
          'value': 'smiley_face'
        }
      ]
    }
    assert {"actions": envelope.actions} == documented_envelope
    assert envelope.actions[0]["actionTimetoken"] == '15956373593404068'
    assert envelope.actions[0].action_timetoken == '15956373593404068'


class _MessageActionsApp(tornado.web.RequestHandler):
    """Stores nothing: echoes an added action back the way the service does (CORE §7.1)."""

    seen: List[str] = []

    def post(self, sub_key: str, channel: str, message_timetoken: str) -> None:
        self.seen.append(self.request.uri or "")
        body = tornado.escape.json_decode(self.request.body)
        self.set_header("Content-Type", "application/json")
        self.finish({"status": 200, "data": {
            "type": body["type"], "value": body["value"], "uuid": self.get_query_argument("uuid"),
            "actionTimetoken": "15956343330507960", "messageTimetoken": message_timetoken}})


@pytest.mark.gen_test
async def test_doc_add_message_action_against_a_local_app_with_the_real_clock(io_loop: Any) -> None:
    sock, port = bind_unused_port()
    server = HTTPServer(tornado.web.Application([
        (r"/v1/message-actions/([^/]+)/channel/([^/]+)/message/([^/]+)", _MessageActionsApp)]))
    server.add_socket(sock)
    _MessageActionsApp.seen = []
    pubnub = PubNubTornado(make_config(uuid="my_uuid", origin="127.0.0.1:%d" % port, ssl=False),
                           custom_ioloop=io_loop)
    message_action_callback = _Callback()
    try:
        before = int(time.time())
        msg_action = PNMessageAction()
        msg_action.type = "reaction"
        msg_action.value = "smiley_face"
        msg_action.message_timetoken = str(int(time.time()))

        pubnub.add_message_action()\
          .channel("chats.room1")\
          .message_action(msg_action)\
          .pn_async(message_action_callback)
        envelope, status = await message_action_callback.wait()
        after = int(time.time())
    finally:
        pubnub.transport.close()
        server.stop()

    sent = _MessageActionsApp.seen[0].split("?")[0].rsplit("/", 1)[1]
    assert before <= int(sent) <= after
    documented_status = _doc_status(42, origin="127.0.0.1", tls_enabled=False)
    assert _status_fields(status, documented_status) == documented_status
    assert vars(envelope) == {'action_timetoken': '15956343330507960', 'message_timetoken': sent,
                              'type': 'reaction', 'uuid': 'my_uuid', 'value': 'smiley_face'}


# ----- bad input through .result(), .future() and .pn_async() --------------------------------
def _action(**fields: Any) -> PNMessageAction:
    action = PNMessageAction()
    action.type = "reaction"
    action.value = "smiley_face"
    action.message_timetoken = "1595634332"
    for name, value in fields.items():
        setattr(action, name, value)
    return action


def _add(channel: Optional[str] = "chats.room1", action: Any = None) -> Callable[[PubNubTornado], Any]:
    def build(pubnub: PubNubTornado) -> Any:
        endpoint = pubnub.add_message_action()
        if channel is not None:
            endpoint.channel(channel)
        if action is not None:
            endpoint.message_action(action)
        return endpoint
    return build


def _remove(channel: Optional[str] = "chats.room1", action_timetoken: Any = 15956346328442840,
            message_timetoken: Any = 1595634632) -> Callable[[PubNubTornado], Any]:
    def build(pubnub: PubNubTornado) -> Any:
        endpoint = pubnub.remove_message_action()
        if channel is not None:
            endpoint.channel(channel)
        return endpoint.action_timetoken(action_timetoken).message_timetoken(message_timetoken)
    return build


def _get(channel: Optional[str] = "chats.room1", **options: Any) -> Callable[[PubNubTornado], Any]:
    def build(pubnub: PubNubTornado) -> Any:
        endpoint = pubnub.get_message_actions()
        if channel is not None:
            endpoint.channel(channel)
        for name, value in options.items():
            getattr(endpoint, name)(value)
        return endpoint
    return build


ADD, GET, REMOVE = (PNOperationType.PNAddMessageAction, PNOperationType.PNGetMessageActions,
                    PNOperationType.PNDeleteMessageAction)
NO_SUB_KEY = {"subscribe_key": None}
EMPTY_SUB_KEY = {"subscribe_key": ""}
LIMIT = "Invalid arguments: limit must be a positive integer"
BAD_INPUT = {
    "add: missing channel": (ADD, {}, _add(channel=None, action=_action()), "Channel missing"),
    "add: empty channel": (ADD, {}, _add(channel="", action=_action()), "Channel missing"),
    "add: missing action": (ADD, {}, _add(), "Message action is missing"),
    "add: action is a dict": (ADD, {}, _add(action={"type": "reaction", "value": "smiley_face",
                                                    "messageTimetoken": "1595634332"}), "Message action is missing"),
    "add: missing type": (ADD, {}, _add(action=_action(type=None)), "Message action type is missing"),
    "add: empty type": (ADD, {}, _add(action=_action(type="")), "Message action type is missing"),
    "add: type not a string": (ADD, {}, _add(action=_action(type=5)), "Message action type is missing"),
    "add: missing value": (ADD, {}, _add(action=_action(value=None)), "Message action value is missing"),
    "add: empty value": (ADD, {}, _add(action=_action(value="")), "Message action value is missing"),
    "add: value not a string": (ADD, {}, _add(action=_action(value=["smile"])), "Message action value is missing"),
    "add: missing message timetoken": (ADD, {}, _add(action=_action(message_timetoken=None)),
                                       "Message timetoken is missing"),
    "add: empty message timetoken": (ADD, {}, _add(action=_action(message_timetoken="")),
                                     "Message timetoken is missing"),
    "add: message timetoken not digits": (ADD, {}, _add(action=_action(message_timetoken="yesterday")),
                                          "Message timetoken is missing"),
    "add: message timetoken a float": (ADD, {}, _add(action=_action(message_timetoken=1595634332.5)),
                                       "Message timetoken is missing"),
    "add: missing subscribe key": (ADD, NO_SUB_KEY, _add(action=_action()), "Subscribe key not configured"),
    "add: empty subscribe key": (ADD, EMPTY_SUB_KEY, _add(action=_action()), "Subscribe key not configured"),
    "remove: missing channel": (REMOVE, {}, _remove(channel=None), "Channel missing"),
    "remove: missing action timetoken": (REMOVE, {}, _remove(action_timetoken=None),
                                         "Message action timetoken is missing"),
    "remove: empty action timetoken": (REMOVE, {}, _remove(action_timetoken=""),
                                       "Message action timetoken is missing"),
    "remove: action timetoken not digits": (REMOVE, {}, _remove(action_timetoken="latest"),
                                            "Message action timetoken is missing"),
    "remove: action timetoken a bool": (REMOVE, {}, _remove(action_timetoken=True),
                                        "Message action timetoken is missing"),
    "remove: missing message timetoken": (REMOVE, {}, _remove(message_timetoken=None),
                                          "Message timetoken is missing"),
    "remove: negative message timetoken": (REMOVE, {}, _remove(message_timetoken=-1), "Message timetoken is missing"),
    "remove: missing subscribe key": (REMOVE, NO_SUB_KEY, _remove(), "Subscribe key not configured"),
    "get: missing channel": (GET, {}, _get(channel=None), "Channel missing"),
    "get: start not a timetoken": (GET, {}, _get(start="now"), "Message action timetoken is missing"),
    "get: end a float": (GET, {}, _get(end=1.5), "Message action timetoken is missing"),
    "get: limit zero": (GET, {}, _get(limit=0), LIMIT),
    "get: limit a string": (GET, {}, _get(limit="50"), LIMIT),
    "get: missing subscribe key": (GET, NO_SUB_KEY, _get(), "Subscribe key not configured"),
}


@pytest.mark.parametrize("operation, config, build, text", list(BAD_INPUT.values()), ids=list(BAD_INPUT))
@pytest.mark.gen_test
async def test_bad_input_in_every_mode(make_pubnub: MakePubNub, caplog: pytest.LogCaptureFixture, operation: int,
                                       config: Dict[str, Any], build: Callable[[PubNubTornado], Any],
                                       text: str) -> None:
    loop = asyncio.get_running_loop()
    raised_into_loop: List[Dict[str, Any]] = []
    previous_handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: raised_into_loop.append(context))
    pubnub = make_pubnub(**config)
    try:
        with caplog.at_level(logging.ERROR, logger="tornado"):
            # A callback that raises is logged by the client, not raised into the loop. Checked first:
            # the three modes below keep the loop turning long enough for an escape to be reported.
            called: asyncio.Future[None] = loop.create_future()

            def failing_callback(result: Any, status: Any) -> None:
                called.set_result(None)
                raise RuntimeError("application bug")
            build(pubnub).pn_async(failing_callback)
            await asyncio.wait_for(called, 2)

            with pytest.raises(PubNubException) as raised:
                await build(pubnub).result()
            assert str(raised.value) == text
            assert raised.value.status.category == PNStatusCategory.PNBadRequestCategory

            failed = await build(pubnub).future()
            assert isinstance(failed, PubNubTornadoException) and not isinstance(failed, TornadoEnvelope)
            assert failed.result is None and failed.is_error()
            assert failed.status.category == PNStatusCategory.PNBadRequestCategory == 11
            assert failed.status.operation == operation and failed.status.status_code is None
            assert str(failed) == text and str(failed.value()) == text

            callback = _Callback()
            build(pubnub).pn_async(callback)
            result, status = await callback.wait()
            assert result is None
            assert status.category == PNStatusCategory.PNBadRequestCategory and status.error is True
            assert status.operation == operation and str(status.error_data.exception) == text
            gc.collect()  # an exception left in an unobserved future is reported when it is collected
    finally:
        loop.set_exception_handler(previous_handler)
    assert raised_into_loop == []
    assert [r for r in caplog.records if r.name.startswith("tornado")] == []
    assert [r for r in caplog.records if r.name == "pubnub" and r.exc_info
            and str(r.exc_info[1]) == "application bug"], "the callback's exception is logged on 'pubnub'"


# ----- a plain asyncio application --------------------------------------------------------------
def test_pubnub_tornado_in_a_plain_asyncio_application() -> None:
    async def main() -> Tuple[Any, Any, Any]:
        pubnub = PubNubTornado(make_config(origin=closed_origin(), ssl=False))
        try:
            assert pubnub.ioloop.asyncio_loop is asyncio.get_running_loop()  # type: ignore[attr-defined]
            with replay("time/success.yaml"):
                envelope = await pubnub.time().future()
            action = PNMessageAction({"type": "reaction", "value": "smiley_face",
                                      "messageTimetoken": "15610547826969050"})
            with replay("message_actions/add.yaml"):
                added = await pubnub.add_message_action().channel("chats.room1").message_action(action).result()
            with replay("message_actions/get.yaml"):
                got = await asyncio.gather(pubnub.get_message_actions().channel("chats.room1").future())
        finally:
            pubnub.transport.close()
        return envelope, added, got[0]

    envelope, added, got = asyncio.run(main())
    assert isinstance(envelope, TornadoEnvelope) and int(envelope.result) == 14818963707386265
    assert added.action_timetoken == "15610547826970050" and added.uuid == "test-uuid"
    assert isinstance(got, TornadoEnvelope) and len(got.result.actions) == 2
