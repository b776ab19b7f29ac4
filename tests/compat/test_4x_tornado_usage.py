"""4.x Tornado integration-test usage (shared/compat/IMPORTS.md, tests/integrational/tornado),
against the local server ``pubnub.testing`` instead of cassettes.

The 4.x style: ``tornado.testing.AsyncTestCase`` with ``@tornado.testing.gen_test`` on
``yield``-based coroutines, ``PubNubTornado(config, custom_ioloop=self.io_loop)``, futures of
``TornadoEnvelope`` / ``PubNubTornadoException``, ``result()`` raising ``PubNubException``,
``SubscribeListener`` coroutines, and ``pubnub.stop()`` (often followed by ``self.stop()``) at
the end of a test while ``gen_test`` is running the loop.
"""
from __future__ import annotations

import logging
from typing import Any, List

import tornado.gen
import tornado.testing

import pubnub
from pubnub import utils
from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.channel_group import (
    PNChannelGroupsAddChannelResult,
    PNChannelGroupsListResult,
    PNChannelGroupsRemoveChannelResult,
    PNChannelGroupsRemoveGroupResult,
)
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.message_count import PNMessageCountResult
from pubnub.models.consumer.pubsub import PNFireResult, PNPublishResult
from pubnub.models.consumer.signal import PNSignalResult
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, SubscribeListener, TornadoEnvelope
from pubnub.testing import PubNubTestServer

from ._usage_support import server_config

# 4.x Tornado test modules configure logging when they are imported.
USAGE_LOGGER = pubnub.set_stream_logger("pubnub.compat-usage", logging.WARNING)


class ServerTestCase(tornado.testing.AsyncTestCase):
    """One local server (its own thread) per test class; a client on the test's IOLoop."""

    server: Any = None
    origin = ""

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.server = PubNubTestServer(long_poll_seconds=0.5, max_message_bytes=64)
        cls.origin = cls.server.start_in_thread()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()
        super().tearDownClass()

    def config(self, uuid: str = "tornado-usage", **settings: Any) -> PNConfiguration:
        return server_config(self.origin, uuid, **settings)

    def client(self, config: PNConfiguration) -> PubNubTornado:
        pubnub_client = PubNubTornado(config, custom_ioloop=self.io_loop)
        self.clients.append(pubnub_client)
        return pubnub_client

    def setUp(self) -> None:
        super().setUp()
        self.clients: List[PubNubTornado] = []
        self.pubnub = self.client(self.config())



class TestCalls(ServerTestCase):
    def test_set_stream_logger_at_import(self) -> None:
        assert USAGE_LOGGER is logging.getLogger("pubnub.compat-usage")
        assert USAGE_LOGGER.level == logging.WARNING
        assert any(isinstance(h, logging.StreamHandler) for h in USAGE_LOGGER.handlers)

    @tornado.testing.gen_test
    def test_publish_future_and_result(self) -> Any:
        envelope = yield self.pubnub.publish().channel("ch").message("hi").future()
        assert isinstance(envelope, TornadoEnvelope)
        assert not envelope.is_error()
        assert isinstance(envelope.result, PNPublishResult) and envelope.result.timetoken > 0
        assert isinstance(envelope.status, PNStatus)
        assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory
        assert envelope.status.operation == PNOperationType.PNPublishOperation
        result = yield self.pubnub.publish().channel("ch").message({"a": [1, 2]}).use_post(True).result()
        assert isinstance(result, PNPublishResult) and result.timetoken > envelope.result.timetoken
        # a successful call is timed; later requests carry the average as l_pub
        assert "l_pub" in self.pubnub._telemetry_manager.operation_latencies()
        self.pubnub.stop()
        self.stop()

    @tornado.testing.gen_test
    def test_server_error_as_future_and_as_result(self) -> Any:
        too_large = "x" * 100
        error = yield self.pubnub.publish().channel("ch").message(too_large).future()
        assert isinstance(error, PubNubTornadoException)
        assert error.is_error()
        assert isinstance(error.value(), PubNubException)
        assert error.value()._status_code == 400
        assert error.status.category == PNStatusCategory.PNBadRequestCategory
        assert error.status.original_response[1] == "Message Too Large"
        assert "HTTP Client Error (400)" in str(error)
        try:
            yield self.pubnub.publish().channel("ch").message(too_large).result()
            raise AssertionError("result() did not raise")
        except PubNubException as e:
            assert e._status_code == 400
            assert "Message Too Large" in str(e)
        self.pubnub.stop()

    @tornado.testing.gen_test
    def test_bad_input_resolves_the_future_to_an_error(self) -> Any:
        error = yield self.pubnub.publish().message("no channel").future()
        assert isinstance(error, PubNubTornadoException) and error.is_error()
        assert error.status.category == PNStatusCategory.PNBadRequestCategory
        assert str(error) == "Channel missing"
        self.pubnub.stop()

    @tornado.testing.gen_test
    def test_fire_signal_and_counts(self) -> Any:
        fired = yield self.pubnub.fire().channel("counts").message("f").future()
        assert isinstance(fired.result, PNFireResult)
        signal = yield self.pubnub.signal().channel("counts").message("s").future()
        assert isinstance(signal.result, PNSignalResult)
        published = yield self.pubnub.publish().channel("counts").message("p").result()
        counts = yield self.pubnub.message_counts().channel("counts").channel_timetokens(
            [published.timetoken - 1]).future()
        assert isinstance(counts.result, PNMessageCountResult)
        assert counts.result.channels == {"counts": 1}
        self.pubnub.stop()

    @tornado.testing.gen_test
    def test_channel_groups(self) -> Any:
        added = yield self.pubnub.add_channel_to_channel_group().channels(["cg-ch1", "cg-ch2"]) \
            .channel_group("usage-cg").future()
        assert isinstance(added.result, PNChannelGroupsAddChannelResult)
        listed = yield self.pubnub.list_channels_in_channel_group().channel_group("usage-cg").future()
        assert isinstance(listed.result, PNChannelGroupsListResult)
        assert sorted(listed.result.channels) == ["cg-ch1", "cg-ch2"]
        removed = yield self.pubnub.remove_channel_from_channel_group().channels("cg-ch1") \
            .channel_group("usage-cg").result()
        assert isinstance(removed, PNChannelGroupsRemoveChannelResult)
        dropped = yield self.pubnub.remove_channel_group().channel_group("usage-cg").result()
        assert isinstance(dropped, PNChannelGroupsRemoveGroupResult)
        self.pubnub.stop()
        self.stop()


class Recorder(SubscribeCallback):
    """A listener subclass as 4.x applications write them."""

    def __init__(self) -> None:
        self.statuses: List[Any] = []
        self.messages: List[Any] = []

    def status(self, pubnub: Any, status: Any) -> None:
        self.statuses.append(status)

    def message(self, pubnub: Any, message: Any) -> None:
        self.messages.append(message)


class TestSubscribe(ServerTestCase):
    @tornado.testing.gen_test(timeout=10)
    def test_subscribe_publish_unsubscribe(self) -> Any:
        ch = "tornado-usage-ch"
        listener, recorder = SubscribeListener(), Recorder()
        self.pubnub.add_listener(listener)
        self.pubnub.add_listener(recorder)
        self.pubnub.subscribe().channels(ch).with_presence().execute()
        assert self.pubnub.get_subscribed_channels() == [ch]
        yield listener.wait_for_connect()
        presence = yield listener.wait_for_presence_on(ch)
        assert (presence.event, presence.uuid) == ("join", "tornado-usage")
        yield self.pubnub.publish().channel(ch).message({"text": "hey"}).future()
        message = yield listener.wait_for_message_on(ch)
        assert (message.channel, message.message) == (ch, {"text": "hey"})
        self.pubnub.unsubscribe().channels(ch).execute()
        assert self.pubnub.get_subscribed_channels() == []
        yield listener.wait_for_disconnect()
        assert any(utils.is_subscribed_event(status) for status in recorder.statuses)
        assert any(utils.is_unsubscribed_event(status) for status in recorder.statuses)
        assert [m.message for m in recorder.messages] == [{"text": "hey"}]
        self.pubnub.stop()
        self.stop()

    @tornado.testing.gen_test(timeout=10)
    def test_stop_while_subscribed(self) -> Any:
        # the subscription is still running when the test ends: stop() must leave a loop the
        # test case can tear down (AsyncTestCase cancels and awaits what is left)
        listener = SubscribeListener()
        self.pubnub.add_listener(listener)
        self.pubnub.subscribe().channels("left-running").execute()
        yield listener.wait_for_connect()
        self.pubnub.stop()
        self.stop()

    def subscribe_under_run_sync(self, channel: str, stop_inside: bool) -> None:
        """``run_sync`` a coroutine that subscribes, waits to be connected and, if asked, stops."""
        listener = SubscribeListener()
        self.pubnub.add_listener(listener)

        async def subscribe() -> None:
            self.pubnub.subscribe().channels(channel).execute()
            await listener.wait_for_connect()
            if stop_inside:
                self.pubnub.stop()

        self.io_loop.run_sync(subscribe, timeout=5)

    def test_loop_runs_again_after_stop_under_run_sync(self) -> None:
        self.subscribe_under_run_sync("run-sync", stop_inside=True)
        envelope = self.io_loop.run_sync(lambda: self.pubnub.time().future(), timeout=5)
        assert isinstance(envelope, TornadoEnvelope) and int(envelope.result) > 0

    def test_start_returns_after_stop_from_a_callback(self) -> None:
        outcome: List[Any] = []

        def callback(result: Any, status: Any) -> None:
            outcome.append((result, status))
            self.pubnub.stop()

        self.pubnub.time().pn_async(callback)
        self.io_loop.call_later(5, self.io_loop.stop)  # a safety net only
        self.pubnub.start()
        assert len(outcome) == 1 and not outcome[0][1].is_error()

    def test_stop_after_run_sync_ends_the_subscription_tasks(self) -> None:
        # run_sync(main), then stop() on the IOLoop that no longer runs: the cancelled long-poll
        # ends there and then, so a program closing the loop next has nothing left pending
        self.subscribe_under_run_sync("stop-after-run", stop_inside=False)
        driver = self.pubnub._subscription_driver
        loop = self.io_loop.asyncio_loop  # type: ignore[attr-defined]
        assert driver is not None and driver.has_tasks_on(loop)  # the next long-poll is held
        self.pubnub.stop()
        assert not driver.has_tasks_on(loop)

    def test_stop_outside_the_loop_leaves_no_stale_stop(self) -> None:
        self.pubnub.stop()
        envelope = self.io_loop.run_sync(lambda: self.pubnub.time().future(), timeout=5)
        assert isinstance(envelope, TornadoEnvelope)


class TestHeartbeat(ServerTestCase):
    @tornado.testing.gen_test(timeout=10)
    def test_join_and_stopped_heartbeat_with_stubbed_sleep(self) -> Any:
        @tornado.gen.coroutine
        def returner() -> Any:
            return

        done = returner()
        original = tornado.gen.sleep
        tornado.gen.sleep = lambda *args, **kwargs: done  # stubbed by attribute, as 4.x suites do
        try:
            messenger = self.client(self.config("hb-messenger"))
            messenger.config.set_presence_timeout(8)
            watcher = self.client(self.config("hb-watcher"))
            presence, messages = SubscribeListener(), SubscribeListener()
            watcher.add_listener(presence)
            watcher.subscribe().channels("hb-ch").with_presence().execute()
            yield presence.wait_for_connect()
            own = yield presence.wait_for_presence_on("hb-ch")
            assert (own.event, own.uuid) == ("join", "hb-watcher")

            messenger.add_listener(messages)
            messenger.subscribe().channels("hb-ch").execute()
            connected = messages.wait_for_connect()
            joined = tornado.gen.convert_yielded(presence.wait_for_presence_on("hb-ch"))
            yield [connected, joined]
            assert (joined.result().event, joined.result().uuid) == ("join", "hb-messenger")

            yield tornado.gen.sleep(8)  # stubbed: returns at once
            messenger._subscription_manager._stop_heartbeat_timer()
            assert messenger.get_subscribed_channels() == ["hb-ch"]

            watcher.unsubscribe().channels("hb-ch").execute()
            yield presence.wait_for_disconnect()
        finally:
            tornado.gen.sleep = original
        messenger.stop()
        watcher.stop()
        self.stop()
