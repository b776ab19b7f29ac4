"""A long-poll that times out on the client is routine: PubNubAsyncio re-issues it, forever, silently
(the asyncio twin of tests/subscribe/test_client_timeouts.py)."""
from __future__ import annotations

import asyncio
from typing import Any, Iterator, List

import pytest
from subscribe.conftest import Recorder
from subscribe.fakes import TimeoutCounting

from pubnub._transport.aiohttp import AiohttpTransport
from pubnub.enums import PNOperationType, PNReconnectionPolicy, PNStatusCategory
from pubnub.pubnub_asyncio import PubNubAsyncio
from pubnub.testing import PubNubTestServer

from .test_calls import make_config

TIMEOUTS = 8


class CountingTransport(TimeoutCounting, AiohttpTransport):
    """An AiohttpTransport that counts the subscribe long-polls that timed out on the client."""


@pytest.fixture
def idle_server() -> Iterator[PubNubTestServer]:
    server = PubNubTestServer(long_poll_seconds=600)
    server.start_in_thread()
    yield server
    server.stop()


def test_long_poll_timeouts_are_reissued_until_a_message_comes(idle_server: PubNubTestServer) -> None:
    async def main() -> Any:
        recorder = Recorder()
        transport = CountingTransport()
        config = make_config(idle_server.origin, subscribe_request_timeout=1,
                             reconnect_policy=PNReconnectionPolicy.NONE)
        pubnub = PubNubAsyncio(config, transport=transport)
        pubnub.add_listener(recorder)
        try:
            pubnub.subscribe().channels("idle").execute()
            await recorder.wait_for_status(PNStatusCategory.PNConnectedCategory, timeout=5)
            await transport.wait_for_timeouts(TIMEOUTS, timeout=TIMEOUTS * 2 + 5)
            sent = await pubnub.publish().channel("idle").message({"after": len(transport.timed_out)}).result()
            received = await recorder.wait_for(lambda: recorder.of("message"), timeout=5)
            # A later long-poll must not bring it again: wait for one more timeout after it arrived.
            await transport.wait_for_timeouts(len(transport.timed_out) + 1, timeout=5)
        finally:
            await pubnub.aclose()
            transport.close()
        return recorder, transport, sent, received
    recorder, transport, sent, received = asyncio.run(main())
    assert [m.timetoken for m in recorder.of("message")] == [sent.timetoken]
    assert received[0].message["after"] >= TIMEOUTS
    assert len(set(transport.timed_out[:TIMEOUTS])) == 1 and transport.timed_out[0] != "0"
    statuses: List[Any] = recorder.of("status")
    announced = [s.category for s in statuses if s.operation != PNOperationType.PNUnsubscribeOperation]  # (the leave)
    assert announced == [PNStatusCategory.PNConnectedCategory]
    assert not any(s.is_error() for s in statuses)
