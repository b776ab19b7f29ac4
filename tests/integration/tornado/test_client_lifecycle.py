"""The client's HTTP client over its life: 4.8.1's ``pubnub.http`` attribute, closed by 4.x test
teardowns, and the calls that come after; a client made at import time, used from the loops
that come later."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any, Callable

import pytest

from pubnub.pubnub_tornado import PubNubTornado

from ._support import replay


@pytest.mark.gen_test
async def test_closing_http_closes_the_transport_and_the_next_call_opens_a_new_one(
        io_loop: Any, make_pubnub: Callable[..., PubNubTornado]) -> None:
    pubnub = make_pubnub()
    first = pubnub.transport
    assert pubnub.http.io_loop is io_loop  # the AsyncHTTPClient's own attributes read through
    pubnub.http.close()
    assert first.closed

    with replay("time/success.yaml"):
        envelope = await pubnub.time().future()
    assert not envelope.is_error()
    assert pubnub.transport is not first and not pubnub.transport.closed


def test_a_client_made_at_import_time_follows_the_loop_running_its_calls(pubnub_server: Any) -> None:
    """``PubNubTornado(config)`` at import time (bound to the thread's IOLoop, not running), then
    ``asyncio.run(main())`` three times (calls, then a subscription), then two open loops taking
    turns: every call runs on the loop running it, ``ioloop`` moves along, nothing is logged. A
    ``custom_ioloop`` is kept."""
    program = textwrap.dedent("""
        import asyncio, sys
        from tornado.ioloop import IOLoop
        from pubnub.pnconfiguration import PNConfiguration
        from pubnub.pubnub_tornado import PubNubTornado, SubscribeListener

        config = PNConfiguration()
        config.publish_key = config.subscribe_key = "demo"
        config.uuid, config.origin, config.ssl = "app", sys.argv[1], False
        pubnub = PubNubTornado(config)
        made_on = pubnub.ioloop

        async def main(tag):
            envelope = await asyncio.wait_for(pubnub.publish().channel("c").message(tag).future(), 5)
            called_back = asyncio.get_running_loop().create_future()
            pubnub.time().pn_async(lambda result, status: called_back.set_result(status.is_error()))
            error = await asyncio.wait_for(called_back, 5)
            return "%s %s %s %s" % (tag, type(envelope).__name__, error, pubnub.ioloop is IOLoop.current())

        async def subscribed():
            listener = SubscribeListener()
            pubnub.add_listener(listener)
            pubnub.subscribe().channels("room").execute()
            await asyncio.wait_for(listener.wait_for_connect(), 5)
            await pubnub.publish().channel("room").message("hi").result()
            message = await asyncio.wait_for(listener.wait_for_message_on("room"), 5)
            pubnub.unsubscribe_all()
            await asyncio.wait_for(listener.wait_for_disconnect(), 5)
            pubnub.remove_listener(listener)
            return message.message

        print(asyncio.run(main("run1")), pubnub.ioloop is not made_on)
        print(asyncio.run(subscribed()))
        print(asyncio.run(main("run2")))
        loop_a, loop_b = asyncio.new_event_loop(), asyncio.new_event_loop()
        print(loop_a.run_until_complete(main("loop-a")))
        print(loop_b.run_until_complete(main("loop-b")))
        print(loop_a.run_until_complete(main("loop-a-again")))
        loop_a.run_until_complete(pubnub.aclose())

        pinned = PubNubTornado(config, custom_ioloop=made_on)
        async def made_on_b():
            return pinned.time().future()
        print(loop_b.run_until_complete(made_on_b()).get_loop() is made_on.asyncio_loop)
    """)
    done = subprocess.run([sys.executable, "-c", program, pubnub_server.origin], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "run1 TornadoEnvelope False True True", "hi", "run2 TornadoEnvelope False True",
        "loop-a TornadoEnvelope False True", "loop-b TornadoEnvelope False True",
        "loop-a-again TornadoEnvelope False True", "True"]
    assert done.stderr == ""  # no "Event loop is closed", no "failed unexpectedly"
