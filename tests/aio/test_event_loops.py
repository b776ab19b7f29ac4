"""PubNubAsyncio on each kind of asyncio loop: the default one, uvloop (not on Windows) and a loop
that Tornado runs: calls, pn_async, a subscription with a message, closing."""
from __future__ import annotations

import asyncio
import sys
from typing import Any, Callable, Dict, Iterator

import pytest
from subscribe.conftest import Recorder

from pubnub.pubnub_asyncio import AsyncioEnvelope, PubNubAsyncio
from pubnub.testing import PubNubTestServer

from .test_calls import make_config


def _tornado_loop() -> asyncio.AbstractEventLoop:
    from tornado.platform.asyncio import AsyncIOLoop
    return AsyncIOLoop().asyncio_loop  # type: ignore[no-any-return]


LOOPS: Dict[str, Callable[[], asyncio.AbstractEventLoop]] = {"asyncio": asyncio.new_event_loop,
                                                             "tornado": _tornado_loop}
if sys.platform != "win32":
    import uvloop
    LOOPS["uvloop"] = uvloop.new_event_loop


@pytest.fixture
def server() -> Iterator[PubNubTestServer]:
    running = PubNubTestServer(long_poll_seconds=5.0)
    running.start_in_thread()
    yield running
    running.stop()


async def scenario(origin: str) -> Any:
    recorder = Recorder()
    async with PubNubAsyncio(make_config(origin)) as pubnub:
        assert pubnub.event_loop is asyncio.get_running_loop()
        pubnub.add_listener(recorder)
        pubnub.subscribe().channels("loops").execute()
        await recorder.connected()
        sent = await pubnub.publish().channel("loops").message("on this loop").future()
        answered: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
        pubnub.time().pn_async(lambda result, status: answered.set_result((result, status)))
        now, status = await asyncio.wait_for(answered, 5)
        messages = await recorder.wait_for(lambda: recorder.of("message"), timeout=5)
        return sent, now, status, messages


@pytest.mark.parametrize("kind", list(LOOPS))
def test_calls_and_subscription_on_each_loop(server: PubNubTestServer, kind: str) -> None:
    loop = LOOPS[kind]()
    try:
        sent, now, status, messages = loop.run_until_complete(asyncio.wait_for(scenario(server.origin), 10))
    finally:
        loop.close()
    if kind == "uvloop":
        assert type(loop).__module__.startswith("uvloop")
    assert isinstance(sent, AsyncioEnvelope) and not status.is_error() and int(now) > 0
    assert [(m.message, m.timetoken) for m in messages] == [("on this loop", sent.result.timetoken)]
