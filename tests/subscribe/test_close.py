"""Closing a PubNubTornado without stopping somebody else's loop: close(), aclose(), async with.

``stop()`` keeps its 4.x meaning (it stops the IOLoop); an application that does not own the
loop (``asyncio.run``, pytest-asyncio, an aiohttp server) closes the client instead.
"""
from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from pubnub._subscription import HEARTBEAT, LOOP
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, SubscribeListener

from .conftest import make_config

C = PNStatusCategory


def _config(origin: str, **settings: Any) -> Any:
    return make_config(origin, subscribe_key="demo", publish_key="demo", **settings)


def test_async_with_inside_asyncio_run_leaves_the_loop_alone(threaded_server: Any) -> None:
    server = threaded_server(long_poll_seconds=30)
    program = textwrap.dedent("""
        import asyncio, sys
        from pubnub.pnconfiguration import PNConfiguration
        from pubnub.pubnub_tornado import PubNubTornado, SubscribeListener

        async def main():
            config = PNConfiguration()
            config.publish_key = config.subscribe_key = "demo"
            config.uuid, config.origin, config.ssl = "app", sys.argv[1], False
            config.enable_presence_heartbeat = True
            async with PubNubTornado(config) as pubnub:
                listener = SubscribeListener()
                pubnub.add_listener(listener)
                pubnub.subscribe().channels("room").execute()
                await listener.wait_for_connect()
                await pubnub.publish().channel("room").message("hi").result()
                print((await listener.wait_for_message_on("room")).message)
                await asyncio.sleep(0)  # the long-poll, heartbeats and transports are open here
            print("closed, loop still running:", asyncio.get_running_loop().is_running())
            return "done"

        print(asyncio.run(asyncio.wait_for(main(), 20)))
    """)
    done = subprocess.run([sys.executable, "-c", program, server.origin], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["hi", "closed, loop still running: True", "done"]
    assert done.stderr == ""  # no "Event loop stopped before Future completed", no "Event loop is closed"


@pytest.mark.gen_test(timeout=20)
async def test_aclose_sends_the_leave_stops_every_flow_and_ends_later_calls(threaded_server: Any) -> None:
    server = threaded_server(long_poll_seconds=30)
    pubnub = PubNubTornado(_config(server.origin, enable_presence_heartbeat=True))
    listener = SubscribeListener()
    pubnub.add_listener(listener)
    pubnub.subscribe().channels("room").execute()
    await listener.wait_for_connect()
    driver = pubnub._subscription_driver
    assert driver is not None and driver.is_running(LOOP) and driver.is_running(HEARTBEAT)

    await pubnub.aclose()
    assert listener.disconnected  # the leave was sent and acknowledged before aclose returned
    assert not driver.is_running(LOOP) and not driver.is_running(HEARTBEAT)
    assert pubnub.get_subscribed_channels() == []
    later = await pubnub.publish().channel("room").message("after").future()
    assert isinstance(later, PubNubTornadoException)
    assert later.status.category == C.PNNetworkIssuesCategory
    assert later.status.operation == PNOperationType.PNPublishOperation
    await pubnub.aclose()  # again: nothing happens


@pytest.mark.gen_test(timeout=20)
async def test_close_ends_the_calls_still_waiting() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        pubnub = PubNubTornado(make_config("127.0.0.1:%d" % silent.getsockname()[1],
                                           non_subscribe_request_timeout=30))
        waiting = pubnub.time().future()  # sent at once, held by the silent server
        called_back: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
        pubnub.time().pn_async(lambda result, status: called_back.set_result(status))
        pubnub.close()  # no leave: nothing was subscribed
        outcome = await asyncio.wait_for(waiting, 5)  # not the 30 s timeout
        assert isinstance(outcome, PubNubTornadoException)
        assert outcome.status.category == C.PNNetworkIssuesCategory
        status = await asyncio.wait_for(called_back, 5)
        assert status.is_error() and status.category == C.PNNetworkIssuesCategory
