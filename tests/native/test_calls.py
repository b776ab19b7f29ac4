"""``.sync()``, ``.pn_async()`` and ``NonSubscribeListener`` against ``pubnub.testing`` and failing origins."""
from __future__ import annotations

import logging
import re
import socket
import threading
from typing import Any, Iterator

import pytest
from integration.tornado._support import closed_origin

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_CLIENT_TIMEOUT,
    PNERR_CONNECTION_ERROR,
    PNERR_MESSAGE_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.pubsub import PNPublishResult
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import Call, NativeTelemetryManager, NonSubscribeListener, PubNub
from pubnub.structures import Envelope

CAT = PNStatusCategory
OP = PNOperationType


@pytest.fixture
def pubnub(pubnub_config: Any) -> Iterator[PubNub]:
    client = PubNub(pubnub_config)
    yield client
    client.stop()
    client.transport.close()


@pytest.fixture
def silent_origin() -> Iterator[str]:
    """A port that accepts connections (kernel backlog) and never answers: reads time out."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)
        yield "127.0.0.1:%d" % listening.getsockname()[1]


def test_sync_returns_an_envelope(pubnub):
    envelope = pubnub.publish().channel("native-ch").message({"text": "hi"}).meta({"k": "v"}).sync()
    assert type(envelope) is Envelope and not envelope.is_error()
    assert isinstance(envelope.result, PNPublishResult) and envelope.result.timetoken > 0
    status = envelope.status
    assert (status.category, status.operation, status.status_code) == (CAT.PNAcknowledgmentCategory,
                                                                       OP.PNPublishOperation, 200)
    assert status.origin == "127.0.0.1" and status.tls_enabled is False and status.uuid == pubnub.uuid
    history = pubnub.history().channel("native-ch").include_meta(True).sync()
    assert [(item.entry, item.meta) for item in history.result.messages] == [({"text": "hi"}, {"k": "v"})]


def test_sync_raises_bad_input_before_sending(pubnub, monkeypatch):
    monkeypatch.setattr(pubnub.transport, "send", lambda request: pytest.fail("sent %s" % request.url))
    with pytest.raises(PubNubException) as raised:
        pubnub.publish().channel("").message("x").sync()
    assert raised.value.pn_error == PNERR_CHANNEL_MISSING and raised.value.status is None


def test_sync_raises_http_errors_with_their_status(pubnub_server):
    config = _config(pubnub_server.origin, subscribe_key="demo", publish_key="demo")
    with pytest.raises(PubNubException) as raised:  # the server refuses a non-numeric count
        PubNub(config).message_counts().channel("a").channel_timetokens(["not-a-number"]).sync()
    error = raised.value
    assert error._status_code == 400 and error.status.category == CAT.PNBadRequestCategory
    assert str(error).startswith("HTTP Client Error (400): ")


def test_connection_refused_is_an_unexpected_disconnect():
    with pytest.raises(PubNubException) as raised:
        PubNub(_config(closed_origin(), auth_key="secret-auth")).publish().channel("c").message(1).sync()
    error = raised.value
    assert error.pn_error == PNERR_CONNECTION_ERROR and error._status_code == 0
    assert error.status.category == CAT.PNUnexpectedDisconnectCategory and error.status.status_code is None
    # the cause, not a 250-character chain (urllib3 1.26 words it with its own prefix, 2.x chains the OSError)
    assert re.fullmatch(r"Connection Error: (Failed to establish a new connection: )?\[Errno 111\] Connection refused",
                        str(error)), str(error)
    assert "secret-auth" not in str(error)


def test_read_timeout_is_a_timeout(silent_origin):
    with pytest.raises(PubNubException) as raised:
        PubNub(_config(silent_origin, non_subscribe_request_timeout=0.3)).time().sync()
    assert raised.value.pn_error == PNERR_CLIENT_TIMEOUT
    assert raised.value.status.category == CAT.PNTimeoutCategory


def test_pn_async_calls_back_on_its_own_thread(pubnub):
    listener = NonSubscribeListener()
    threads = []

    def callback(result: Any, status: Any) -> None:
        threads.append(threading.current_thread())
        listener.callback(result, status)

    call = pubnub.publish().channel("native-ch").message("async").pn_async(callback)
    assert isinstance(call, Call)
    assert listener.pn_await(3)
    call.join(3)
    assert not call.is_alive() and threads == [call.thread] and threads[0] is not threading.current_thread()
    assert threads[0].daemon is False  # config.daemon (False by default) decides
    assert isinstance(listener.result, PNPublishResult) and listener.status.category == CAT.PNAcknowledgmentCategory
    result = listener.await_result_and_reset(1)
    assert isinstance(result, PNPublishResult) and listener.result is None and listener.status is None
    assert not listener.pn_await(0.05)  # reset: waits again


def test_pn_async_honours_daemon(pubnub_config):
    pubnub_config.daemon = True
    listener = NonSubscribeListener()
    call = PubNub(pubnub_config).time().pn_async(listener.callback)
    assert call.thread.daemon is True and listener.pn_await(3)


def test_pn_async_bad_input_is_reported_not_raised(pubnub):
    listener = NonSubscribeListener()
    pubnub.publish().channel("ch").pn_async(listener.callback)  # no message
    assert listener.pn_await(3)
    assert listener.result is None and listener.status.category == CAT.PNBadRequestCategory
    assert listener.status.is_error() and listener.status.error_data.exception.pn_error == PNERR_MESSAGE_MISSING


def test_pn_async_failure_calls_back_with_the_error_status():
    listener = NonSubscribeListener()
    PubNub(_config(closed_origin())).time().pn_async(listener.callback)
    assert listener.pn_await(3)
    assert listener.result is None and listener.status.category == CAT.PNUnexpectedDisconnectCategory


def test_cancelled_call_never_calls_back(silent_origin):
    called = threading.Event()
    call = PubNub(_config(silent_origin, non_subscribe_request_timeout=0.3)).time() \
        .pn_async(lambda result, status: called.set())
    call.cancel()
    call.join(3)
    assert not call.is_alive() and not called.is_set()


def test_a_raising_callback_is_logged(pubnub, caplog):
    caplog.set_level(logging.ERROR, logger="pubnub")

    def callback(result: Any, status: Any) -> None:
        raise RuntimeError("boom")
    pubnub.time().pn_async(callback).join(3)
    assert "Exception in the callback of Time" in caplog.text and "boom" in caplog.text


def test_pn_async_threads_share_the_connections(pubnub_config):
    # one pool manager per client: calls from many threads reuse a pooled keep-alive connection
    pubnub = PubNub(pubnub_config)
    pubnub.time().sync()
    pool = pubnub.transport.pool_manager.connection_from_url("http://%s/" % pubnub_config.origin)
    for _ in range(10):
        listener = NonSubscribeListener()
        pubnub.time().pn_async(listener.callback).join(3)
        assert listener.status.category == CAT.PNAcknowledgmentCategory
    assert pool.num_connections == 1 and pool.num_requests == 11


def test_native_telemetry_manager_works_but_the_client_records_nothing(pubnub):
    assert isinstance(pubnub._telemetry_manager, NativeTelemetryManager)
    for _ in range(3):
        pubnub.publish().channel("ch").message(1).sync()
    assert pubnub._telemetry_manager.operation_latencies() == {}
    manager = NativeTelemetryManager()  # 4.x suites feed it directly
    manager.store_latency(1, OP.PNPublishOperation)
    manager.store_latency(3, OP.PNPublishOperation)
    assert manager.operation_latencies() == {"l_pub": 2}


def _config(origin: str, **settings: Any) -> PNConfiguration:
    config = PNConfiguration()
    config.origin, config.ssl = origin, False
    config.publish_key, config.subscribe_key, config.uuid = "pub-c-test", "sub-c-test", "native-uuid"
    config.connect_timeout = 2
    for name, value in settings.items():
        setattr(config, name, value)
    return config


def test_a_failing_flow_still_ends_a_pn_async_call(pubnub: PubNub) -> None:
    def broken_flow() -> Any:
        raise KeyError("region")  # a bug in a multi-request flow, before its first request
        yield  # pragma: no cover - makes this a generator

    endpoint = pubnub.time()
    endpoint.flow = broken_flow  # type: ignore[method-assign]
    delivered: list = []
    endpoint.pn_async(lambda result, status: delivered.append((result, status))).join(5)
    [(result, status)] = delivered  # before, the call's thread died and the callback never ran
    assert result is None and status.category == PNStatusCategory.PNInternalExceptionCategory
    assert status.error_data.information == "None: KeyError: 'region'"
