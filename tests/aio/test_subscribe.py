"""PubNubAsyncio's subscription against the test server, on plain ``asyncio.run`` loops: the asyncio
``SubscribeListener`` (its waits, its errors, a suite's ``_wait_for`` override), 4.8.1's
reconnection-manager hook, heartbeats and the subscription's statuses."""
from __future__ import annotations

import asyncio
import gc
from typing import Any, Iterator, List

import pytest
from subscribe.conftest import Recorder

from pubnub._subscription import HEARTBEAT, LOOP
from pubnub.enums import PNHeartbeatNotificationOptions, PNOperationType, PNReconnectionPolicy, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.pubnub_asyncio import AsyncioReconnectionManager, PubNubAsyncio, SubscribeListener
from pubnub.pubnub_tornado import PubNubTornado
from pubnub.pubnub_tornado import SubscribeListener as TornadoSubscribeListener
from pubnub.testing import PubNubTestServer

from .test_calls import SECRET, make_config

C = PNStatusCategory


@pytest.fixture
def server() -> Iterator[PubNubTestServer]:
    running = PubNubTestServer(long_poll_seconds=5.0)
    running.start_in_thread()
    yield running
    running.stop()


@pytest.fixture
def secured() -> Iterator[PubNubTestServer]:
    running = PubNubTestServer(secret_key=SECRET, long_poll_seconds=5.0)
    running.start_in_thread()
    yield running
    running.stop()


def within(awaitable: Any, seconds: float = 5) -> Any:
    return asyncio.wait_for(awaitable, seconds)


def test_listener_connect_message_presence_disconnect(server: PubNubTestServer) -> None:
    async def main() -> Any:
        listener = SubscribeListener()
        async with PubNubAsyncio(make_config(server.origin, uuid="listener")) as pubnub, \
                PubNubAsyncio(make_config(server.origin, uuid="joiner")) as joiner:
            pubnub.add_listener(listener)
            pubnub.subscribe().channels(["room", "other"]).with_presence().execute()
            await within(listener.wait_for_connect())
            assert sorted(pubnub.get_subscribed_channels()) == ["other", "room"]
            joiner.subscribe().channels("room").execute()
            join = await within(listener.wait_for_presence_on("room"))
            while join.uuid != "joiner":  # our own join may come first
                join = await within(listener.wait_for_presence_on("room"))
            await joiner.publish().channel("other").message("elsewhere").result()
            await joiner.publish().channel("room").message({"n": 1}).result()
            message = await within(listener.wait_for_message_on("room"))  # "other"'s is passed over
            pubnub.unsubscribe().channels(["room", "other"]).execute()
            await within(listener.wait_for_disconnect())
            return join, message, pubnub.get_subscribed_channels()
    join, message, left_with = asyncio.run(main())
    assert join.event == "join" and join.channel == "room"
    assert message.message == {"n": 1} and message.channel == "room" and message.publisher == "joiner"
    assert left_with == []


def test_listener_raises_the_first_error_status(secured: PubNubTestServer) -> None:
    async def main() -> Any:
        listener = SubscribeListener()
        async with PubNubAsyncio(make_config(secured.origin)) as pubnub:
            pubnub.add_listener(listener)
            pubnub.subscribe().channels("locked").execute()
            with pytest.raises(PubNubException) as raised:
                await within(listener.wait_for_connect())
            return raised.value
    error = asyncio.run(main())
    assert "403" in str(error) and error.status.category == C.PNAccessDeniedCategory
    assert error.status.operation == PNOperationType.PNUnsubscribeOperation


class GrantingListener(SubscribeListener):
    """A 4.x suite's override of ``_wait_for``: on a 403, grant access, reconnect and wait again."""

    def __init__(self, admin: PubNubAsyncio, pubnub: PubNubAsyncio) -> None:
        super().__init__()
        self.admin, self.pubnub = admin, pubnub
        self.tolerated: List[str] = []

    async def _wait_for(self, coro: Any) -> Any:
        try:
            return await super()._wait_for(coro)
        except PubNubException as e:
            if "403" not in str(e) or self.tolerated:
                raise
            self.tolerated.append(str(e))
            await self.admin.grant().channels("locked").read(True).ttl(5).result()
            self.pubnub.reconnect()
            return await super()._wait_for(coro)  # the same wait, continued


def test_a_suites_wait_for_override_continues_the_same_wait(secured: PubNubTestServer) -> None:
    async def main() -> Any:
        async with PubNubAsyncio(make_config(secured.origin)) as pubnub, \
                PubNubAsyncio(make_config(secured.origin, secret_key=SECRET, uuid="admin")) as admin:
            listener = GrantingListener(admin, pubnub)
            pubnub.add_listener(listener)
            pubnub.subscribe().channels("locked").execute()
            await within(listener.wait_for_connect())
            return listener.tolerated, listener.connected
    tolerated, connected = asyncio.run(main())
    assert len(tolerated) == 1 and "403" in tolerated[0]
    assert connected


class ManualReconnection(AsyncioReconnectionManager):
    """As 4.x suites install one: ``start_polling()`` decides when to reconnect."""

    def __init__(self, pubnub: Any) -> None:
        super().__init__(pubnub)
        self.started = 0
        self.stopped = 0
        self.polling = asyncio.Event()

    def start_polling(self) -> None:
        self.started += 1
        self.polling.set()

    def stop_polling(self) -> None:
        self.stopped += 1


def test_an_installed_reconnection_manager_takes_over_reconnection(server: PubNubTestServer) -> None:
    async def main() -> Any:
        recorder = Recorder()
        # EXPONENTIAL would reconnect by itself within a second: the installed manager replaces it
        config = make_config(server.origin, reconnect_policy=PNReconnectionPolicy.EXPONENTIAL)
        async with PubNubAsyncio(config) as pubnub, PubNubAsyncio(make_config(server.origin)) as sender:
            pubnub.add_listener(recorder)
            manager = ManualReconnection(pubnub)
            pubnub._subscription_manager._reconnection_manager = manager
            pubnub.subscribe().channels("rc").execute()
            await recorder.connected()
            stopped_before = manager.stopped
            pubnub._subscription_driver.close()  # the held long-poll's connection closes: a connection error
            await within(manager.polling.wait())
            await recorder.wait_for_status(C.PNUnexpectedDisconnectCategory)
            assert not pubnub._subscription_manager._driver.is_running(LOOP)  # waiting for the manager
            sent = await sender.publish().channel("rc").message("while away").result()
            manager._callback.on_reconnect()  # what 4.8.1's managers call
            await recorder.wait_for_status(C.PNReconnectedCategory)
            received = await recorder.wait_for(lambda: recorder.of("message"))
            return manager, stopped_before, sent, received
    manager, stopped_before, sent, received = asyncio.run(main())
    assert manager.started == 1
    assert manager.stopped > stopped_before  # reconnect() restarted the subscription: polling stops
    assert [m.timetoken for m in received] == [sent.timetoken]  # nothing lost while away


def test_heartbeats_run_and_stop_heartbeat_timer_stops_them(server: PubNubTestServer) -> None:
    async def main() -> Any:
        recorder = Recorder()
        config = make_config(server.origin, heartbeat_notification_options=PNHeartbeatNotificationOptions.ALL)
        config.set_presence_timeout_with_custom_interval(20, 1)  # a heartbeat every second
        async with PubNubAsyncio(config) as pubnub:
            pubnub.add_listener(recorder)
            pubnub.subscribe().channels("hb").execute()
            await recorder.connected()
            beat = await recorder.wait_for(
                lambda: [s for s in recorder.of("status") if s.operation == PNOperationType.PNHeartbeatOperation],
                timeout=4)
            driver = pubnub._subscription_manager._driver
            running_before = driver.is_running(HEARTBEAT)
            pubnub._subscription_manager._stop_heartbeat_timer()
            return beat[0], running_before, driver.is_running(HEARTBEAT), driver.is_running(LOOP)
    beat, running_before, running_after, loop_running = asyncio.run(main())
    assert not beat.is_error() and running_before
    assert not running_after and loop_running  # the long-poll goes on


@pytest.mark.parametrize("client_class", [PubNubAsyncio, PubNubTornado])
def test_a_subscription_left_on_a_closed_loop_runs_again_on_the_next(server: PubNubTestServer,
                                                                     client_class: Any) -> None:
    """A client made without a loop subscribes on loop A, which is then closed with the
    subscription still running (its Tasks pending); on loop B the client moves, and subscribing
    there runs the whole subscription (kept, as ``stop()`` keeps it) on B. Nothing is raised."""
    made: List[Any] = []

    async def subscribed(channel: str) -> Any:
        if not made:
            made.append(client_class(make_config(server.origin)))
        pubnub = made[0]
        listener = (SubscribeListener if client_class is PubNubAsyncio else TornadoSubscribeListener)()
        pubnub.add_listener(listener)
        pubnub.subscribe().channels(channel).execute()
        if channel == "first":  # (a channel added later is announced when the held long-poll ends)
            await within(listener.wait_for_connect())
        await pubnub.publish().channel(channel).message("to " + channel).result()
        message = await within(listener.wait_for_message_on(channel))
        pubnub.remove_listener(listener)
        return message.message

    loop_a, loop_b = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        first = loop_a.run_until_complete(subscribed("first"))
        loop_a.close()  # the long-poll and heartbeat Tasks are left pending on it
        second = loop_b.run_until_complete(subscribed("second"))
        channels = made[0].get_subscribed_channels()
        loop_b.run_until_complete(made[0].aclose())
    finally:
        loop_a.close()
        loop_b.close()
    del loop_a, loop_b
    gc.collect()  # now, while the test runs: asyncio reports the Tasks left pending on loop A
    assert (first, second) == ("to first", "to second")
    assert sorted(channels) == ["first", "second"]
