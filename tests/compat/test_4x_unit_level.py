"""4.8.1's unit-level behaviour that 4.x suites assert on (shared/compat/IMPORTS.md), mostly on
endpoints built on a ``MagicMock(spec=PubNub)`` and inspected through ``build_path()``,
``custom_params()`` and ``build_params_callback()({})``:

* publish: ``seqn`` is not in what the endpoint builds (4.8.1 added it in the client at send
  time), yet every publish sent carries it, signed, counting per client (checked end to end
  against the local server ``pubnub.testing``, which verifies signatures, for both clients).
* message counts: ``timetoken`` for one channel, ``channelsTimetoken`` (one ``,``-joined string)
  for several; the values are strings.
* where_now: the default uuid is ``pubnub.config.uuid`` as it was when the builder was created.
* ``store_latency`` drops samples older than ``MAXIMUM_LATENCY_DATA_AGE``.
* the plain client's ``pn_async(callback)`` with bad input calls back on the caller's thread
  before returning.
"""
from __future__ import annotations

import threading
import types
from typing import Any, Callable, Iterator, List, Tuple

import pytest
import tornado.locks
import tornado.testing
from tornado.testing import AsyncTestCase

from pubnub import managers
from pubnub.endpoints.message_count import MessageCount
from pubnub.endpoints.presence.where_now import WhereNow
from pubnub.endpoints.pubsub.publish import Publish
from pubnub.endpoints.pubsub.subscribe import Subscribe
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_FILE_NAME_MISSING, PNERR_JSON_NOT_SERIALIZABLE
from pubnub.managers import TelemetryManager
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import Call, NativeTelemetryManager, NonSubscribeListener, PubNub
from pubnub.pubnub_tornado import PubNubTornado
from pubnub.testing import PubNubTestServer

from ._usage_support import (
    MOCK_UUID,
    SDK_NAME,
    SUB_KEY,
    TIMESTAMP,
    assert_no_mock,
    mocked_client,
    pnconf_copy,
    pnconf_pam_copy,
    server_config,
)

S = SUB_KEY
SECRET = "sec-c-unit-level"
WAIT = 5


# ----- publish: no seqn in what the endpoint builds -----------------------------------------------

@pytest.mark.parametrize("use_post", [False, True])
def test_publish_params_have_no_seqn(use_post: bool) -> None:
    client = mocked_client()
    endpoint = Publish(client).channel("ch1").message("hi").use_post(use_post)
    endpoint.validate_params()
    params = endpoint.build_params_callback()({})
    assert params == {"pnsdk": SDK_NAME, "uuid": MOCK_UUID}
    assert endpoint.custom_params() == {}
    assert endpoint.http_method() == (HttpMethod.POST if use_post else HttpMethod.GET)
    client._publish_sequence_manager.get_next_sequence.assert_not_called()


def test_publish_params_with_options_have_no_seqn() -> None:
    endpoint = Publish(mocked_client()).channel("ch1").message(["hi"]).meta({"a": 2}).should_store(False)
    assert endpoint.build_params_callback()({}) == {"meta": "%7B%22a%22%3A%202%7D", "store": "0",
                                                    "pnsdk": SDK_NAME, "uuid": MOCK_UUID}


def test_signed_publish_params_have_no_seqn() -> None:
    client = mocked_client(pnconf_pam_copy())
    params = Publish(client).channel("ch1").message("hi").build_params_callback()({})
    assert_no_mock(params)
    assert set(params) == {"pnsdk", "uuid", "timestamp", "signature"}
    assert params["timestamp"] == str(TIMESTAMP) and params["signature"].startswith("v2.")
    client._publish_sequence_manager.get_next_sequence.assert_not_called()


def test_the_request_sent_draws_the_sequence_number() -> None:
    client = mocked_client()
    endpoint = Publish(client).channel("ch1").message("hi")
    endpoint.build_params_callback()({})
    client._publish_sequence_manager.get_next_sequence.return_value = 9
    assert "?seqn=9&pnsdk=" in endpoint.build_request().url
    client._publish_sequence_manager.get_next_sequence.assert_called_once_with()


# ----- seqn on the wire, end to end ---------------------------------------------------------------

@pytest.fixture(scope="module")
def signing_server() -> Iterator[str]:
    """A local server that verifies every signed request (and refuses unsigned ones)."""
    server = PubNubTestServer(secret_key=SECRET, long_poll_seconds=0.5)
    origin = server.start_in_thread()
    try:
        yield origin
    finally:
        server.stop()


def _signed_config(origin: str, uuid: str) -> PNConfiguration:
    return server_config(origin, uuid, secret_key=SECRET, enable_subscribe=False)


def _sequence_numbers(pubnub: PubNub, channel: str, cursor: int) -> List[Tuple[Any, Any]]:
    """(payload, ``s``) of every message the server received on ``channel`` after ``cursor``."""
    messages = Subscribe(pubnub).channels(channel).timetoken(cursor).sync().result.messages
    return [(message["d"], message.get("s")) for message in messages]


def test_plain_client_sends_a_signed_counting_seqn(signing_server: str) -> None:
    pubnub = PubNub(_signed_config(signing_server, "plain-publisher"))
    cursor = Subscribe(pubnub).channels("plain-seqn").timetoken(0).sync().result.timetoken

    endpoint = pubnub.publish().channel("plain-seqn").message("sync get")
    assert "seqn" not in endpoint.build_params_callback()({})  # looking draws no number
    endpoint.sync()
    pubnub.publish().channel("plain-seqn").message("sync post").use_post(True).sync()
    pubnub.fire().channel("plain-seqn").message("fire").sync()  # fire sends none
    for message, use_post in (("async get", False), ("async post", True)):
        listener = NonSubscribeListener()
        pubnub.publish().channel("plain-seqn").message(message).use_post(use_post).pn_async(listener.callback)
        assert listener.pn_await(WAIT)
        assert not listener.status.is_error(), listener.status.error_data  # the signature covered seqn

    other = PubNub(_signed_config(signing_server, "plain-other"))
    other.publish().channel("plain-seqn").message("other client").sync()

    assert _sequence_numbers(pubnub, "plain-seqn", cursor) == [
        ("sync get", 1), ("sync post", 2), ("fire", None), ("async get", 3), ("async post", 4), ("other client", 1)]


class TestTornadoSeqnOnTheWire(AsyncTestCase):
    server: Any = None
    origin = ""

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.server = PubNubTestServer(secret_key=SECRET, long_poll_seconds=0.5)
        cls.origin = cls.server.start_in_thread()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()
        super().tearDownClass()

    @tornado.testing.gen_test
    def test_tornado_client_sends_a_signed_counting_seqn(self) -> Any:
        reader = PubNub(_signed_config(self.origin, "tornado-reader"))
        cursor = Subscribe(reader).channels("tornado-seqn").timetoken(0).sync().result.timetoken
        pubnub = PubNubTornado(_signed_config(self.origin, "tornado-publisher"), custom_ioloop=self.io_loop)

        endpoint = pubnub.publish().channel("tornado-seqn").message("future get")
        assert "seqn" not in endpoint.build_params_callback()({})
        envelope = yield endpoint.future()
        assert not envelope.is_error(), envelope  # the signature covered seqn
        yield pubnub.publish().channel("tornado-seqn").message("result post").use_post(True).result()
        yield pubnub.fire().channel("tornado-seqn").message("fire").result()
        done = tornado.locks.Event()
        statuses: List[Any] = []

        def callback(result: Any, status: Any) -> None:
            statuses.append(status)
            done.set()
        pubnub.publish().channel("tornado-seqn").message("pn_async get").pn_async(callback)
        yield done.wait()
        assert not statuses[0].is_error()
        pubnub.stop()

        assert _sequence_numbers(reader, "tornado-seqn", cursor) == [
            ("future get", 1), ("result post", 2), ("fire", None), ("pn_async get", 3)]


# ----- message counts -----------------------------------------------------------------------------

def test_message_counts_params_are_strings() -> None:
    single = MessageCount(mocked_client()).channel("ch").channel_timetokens([15510379567122092])
    assert single.custom_params() == {"timetoken": "15510379567122092"}
    several = MessageCount(mocked_client()).channel("ch1,ch2").channel_timetokens([15510379567122092, 11])
    assert several.build_path() == MessageCount.MESSAGE_COUNT_PATH % (S, "ch1,ch2")
    assert several.custom_params() == {"channelsTimetoken": "15510379567122092,11"}
    assert several.build_params_callback()({}) == {"channelsTimetoken": "15510379567122092,11",
                                                   "pnsdk": SDK_NAME, "uuid": MOCK_UUID}


# ----- where_now ----------------------------------------------------------------------------------

def test_where_now_defaults_to_the_configured_uuid_when_created() -> None:
    client = mocked_client(uuid="client-uuid")
    client.config.uuid = "UUID_WhereNowTest"
    endpoint = WhereNow(client)
    client.config.uuid = "changed-later"
    assert endpoint.build_path() == WhereNow.WHERE_NOW_PATH % (S, "UUID_WhereNowTest")
    assert WhereNow(client).uuid("person_uuid").build_path() == WhereNow.WHERE_NOW_PATH % (S, "person_uuid")


def test_where_now_of_a_real_client_reads_the_uuid_when_built() -> None:
    config = pnconf_copy()
    config.uuid = "first"
    pubnub = PubNub(config)
    endpoint = pubnub.where_now()
    config.uuid = "second"
    assert endpoint.build_path() == WhereNow.WHERE_NOW_PATH % (S, "first")
    assert pubnub.where_now().build_path() == WhereNow.WHERE_NOW_PATH % (S, "second")


# ----- telemetry ----------------------------------------------------------------------------------

@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[float]]:
    """The managers' wall clock, set by the test (``clock[0]`` seconds)."""
    now = [1000.0]
    monkeypatch.setattr(managers, "time", types.SimpleNamespace(time=lambda: now[0]))
    yield now


@pytest.mark.parametrize("manager_class", [TelemetryManager, NativeTelemetryManager])
def test_store_latency_drops_entries_past_the_maximum_age(manager_class: type, clock: List[float]) -> None:
    manager = manager_class()
    manager.MAXIMUM_LATENCY_DATA_AGE = 1
    for latency in range(0, 10):
        manager.store_latency(latency, PNOperationType.PNPublishOperation)
    manager.store_latency(3, PNOperationType.PNHistoryOperation)
    assert len(manager.latencies["pub"]) == 9 and len(manager.latencies["hist"]) == 1
    clock[0] += 2
    manager.store_latency(5, PNOperationType.PNPublishOperation)
    assert list(manager.latencies) == ["pub"]
    assert list(manager.latencies["pub"]) == [{"timestamp": 1002.0, "latency": 5}]
    assert manager.operation_latencies() == {"l_pub": 5}


def test_store_latency_keeps_entries_within_the_maximum_age(clock: List[float]) -> None:
    manager = NativeTelemetryManager()
    manager.store_latency(1, PNOperationType.PNPublishOperation)
    clock[0] += 60  # exactly the default age: still kept
    manager.store_latency(3, PNOperationType.PNPublishOperation)
    assert len(manager.latencies["pub"]) == 2
    clock[0] += 0.5
    manager.store_latency(5, PNOperationType.PNHistoryOperation)
    assert [s["latency"] for s in manager.latencies["pub"]] == [3]
    assert manager.operation_latencies() == {"l_pub": 3, "l_hist": 5}


# ----- pn_async with bad input (plain client) -----------------------------------------------------

def _closed_origin_client() -> PubNub:
    config = PNConfiguration()
    config.publish_key, config.subscribe_key, config.uuid = "demo", "demo", "unit-level"
    config.origin, config.ssl = "127.0.0.1:9", False  # never reached: every call here is refused
    return PubNub(config)


@pytest.mark.parametrize("build, error", [
    (lambda p: p.publish().channel("").message("hey"), PNERR_CHANNEL_MISSING),
    (lambda p: p.publish().message("hey"), PNERR_CHANNEL_MISSING),
    (lambda p: p.publish().channel("ch").message(lambda: None), PNERR_JSON_NOT_SERIALIZABLE),
    (lambda p: p.send_file().channel("ch").file_object(b"data"), PNERR_FILE_NAME_MISSING),
])
def test_pn_async_reports_bad_input_before_returning(build: Callable[[PubNub], Any], error: str) -> None:
    calls: List[Tuple[Any, Any, threading.Thread]] = []
    call = build(_closed_origin_client()).pn_async(
        lambda result, status: calls.append((result, status, threading.current_thread())))
    assert len(calls) == 1
    result, status, thread = calls[0]
    assert thread is threading.current_thread()
    assert result is None and status.is_error()
    assert status.category == PNStatusCategory.PNBadRequestCategory
    assert status.error_data.exception._pn_error == error
    assert isinstance(call, Call) and call.thread is None and not call.is_alive()
    call.join()  # nothing to wait for


def test_pn_async_bad_input_with_a_non_subscribe_listener() -> None:
    listener = NonSubscribeListener()
    call = _closed_origin_client().publish().channel("").message("hey").pn_async(listener.callback)
    assert call.thread is None  # called back already, without a thread
    assert listener.done_event.is_set()
    assert listener.status.is_error() and listener.result is None


def test_an_exception_from_the_bad_input_callback_reaches_the_caller() -> None:
    def callback(result: Any, status: Any) -> None:
        raise AssertionError("checked in the callback")
    with pytest.raises(AssertionError, match="checked in the callback"):
        _closed_origin_client().publish().channel("").message("hey").pn_async(callback)
