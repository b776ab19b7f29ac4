"""``config.log_verbosity = True``: one INFO line per call on the ``pubnub`` logger, secrets masked.

4.8.1 printed each request's options when it was set; here every client logs the request and
what came of it (HTTP status, operation and category by name) through the one outcome mapping.
"""
from __future__ import annotations

import logging
import re
import socket
from typing import Any, List

import pytest
from subscribe.conftest import make_config

from pubnub.pubnub import PubNub
from pubnub.pubnub_tornado import PubNubTornado

AUTH = "auth-key-that-must-not-leak"


def _config(origin: str, **settings: Any) -> Any:
    return make_config(origin, subscribe_key="demo", publish_key="demo", auth_key=AUTH, **settings)


def _lines(caplog: pytest.LogCaptureFixture) -> List[str]:
    return [r.getMessage() for r in caplog.records if r.name == "pubnub" and r.levelno == logging.INFO]


def _closed_origin() -> str:
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        return "127.0.0.1:%d" % sock.getsockname()[1]


def test_each_call_is_logged_once_with_its_outcome(threaded_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    server = threaded_server(secret_key="sec-key")
    pubnub = PubNub(_config(server.origin, log_verbosity=True, secret_key="sec-key", enable_subscribe=False))
    with caplog.at_level(logging.INFO, logger="pubnub"):
        pubnub.publish().channel("room").message({"text": "hi"}).sync()
        pubnub.publish().message("no channel").pn_async(lambda result, status: None)  # refused at once
    sent, refused = _lines(caplog)
    assert re.fullmatch(r"GET http://127\.0\.0\.1:\d+/publish/demo/demo/0/room/0/%7B%22text%22%3A%20%22hi%22%7D\?"
                        r".*auth=auth\*\*\*.*signature=v2\.[\w-]\*\*\*.* -> HTTP 200, "
                        r"PNPublishOperation PNAcknowledgmentCategory", sent), sent
    assert refused == "Publish refused before sending -> PNPublishOperation PNBadRequestCategory: Channel missing"
    assert AUTH not in caplog.text and "sec-key" not in caplog.text


def test_no_answer_is_logged_with_its_cause(caplog: pytest.LogCaptureFixture) -> None:
    pubnub = PubNub(_config(_closed_origin(), log_verbosity=True, enable_subscribe=False))
    with caplog.at_level(logging.INFO, logger="pubnub"):
        envelope = pubnub.time().pn_async(lambda result, status: None)
        envelope.join(5)
    [line] = _lines(caplog)
    assert re.fullmatch(r"GET http://127\.0\.0\.1:\d+/time/0\?.* -> no answer, PNTimeOperation "
                        r"PNUnexpectedDisconnectCategory: Connection Error: (Failed to establish a new connection: )?"
                        r"\[Errno 111\] Connection refused", line), line


def test_nothing_is_logged_unless_asked(threaded_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    server = threaded_server()
    pubnub = PubNub(_config(server.origin, enable_subscribe=False))
    with caplog.at_level(logging.INFO, logger="pubnub"):
        pubnub.publish().channel("room").message(1).sync()
    assert _lines(caplog) == []


@pytest.mark.gen_test
async def test_the_tornado_client_logs_the_same_way(threaded_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    server = threaded_server()
    pubnub = PubNubTornado(_config(server.origin, log_verbosity=True, enable_subscribe=False))
    with caplog.at_level(logging.INFO, logger="pubnub"):
        await pubnub.here_now().channels("room").future()
    await pubnub.aclose()
    [line] = _lines(caplog)
    assert re.fullmatch(r"GET http://127\.0\.0\.1:\d+/v2/presence/sub-key/demo/channel/room\?.*auth=auth\*\*\*.* -> "
                        r"HTTP 200, PNHereNowOperation PNAcknowledgmentCategory", line), line
