"""PubNubAsyncio in tests run by pytest-asyncio, as 4.x asyncio suites and applications' own
suites use it: ``@pytest.mark.asyncio`` tests (each on a loop of its own), a client made per test
on the test's loop, and a client shared by tests whose loops come and go (each test stops it at
the end, as 4.x suites do; a client left open when its loop closes keeps its sockets until they
are garbage-collected, aiohttp closing nothing on a closed loop)."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, Iterator

import pytest
import pytest_asyncio  # noqa: F401  (the plugin these tests need: without it they would be skipped, not fail)
from subscribe.conftest import make_config

from pubnub.exceptions import PubNubException
from pubnub.models.consumer.pubsub import PNMessageResult, PNPublishResult
from pubnub.pubnub_asyncio import AsyncioEnvelope, PubNubAsyncio, PubNubAsyncioException, SubscribeListener
from pubnub.testing import PubNubTestServer

SHARED: Dict[str, PubNubAsyncio] = {}


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    server = PubNubTestServer(long_poll_seconds=2.0)
    server.start_in_thread()
    yield server.origin
    server.stop()


@pytest.fixture
def shared(origin: str) -> PubNubAsyncio:
    """One client for the module, made outside any loop (as a module-level client is)."""
    if "client" not in SHARED:
        SHARED["client"] = PubNubAsyncio(make_config(origin))
    return SHARED["client"]


@pytest.mark.asyncio
async def test_calls_on_the_test_loop_as_4x_suites_make_them(origin: str) -> None:
    pubnub = PubNubAsyncio(make_config(origin), custom_event_loop=asyncio.get_running_loop())
    envelope = await pubnub.publish().channel("pa").message("hey").future()
    assert isinstance(envelope, AsyncioEnvelope) and isinstance(envelope.result, PNPublishResult)
    refused = await pubnub.publish().channel("pa").future()  # no message
    assert isinstance(refused, PubNubAsyncioException) and refused.status.is_error()
    with pytest.raises(PubNubException):
        await pubnub.publish().channel("pa").result()

    listener = SubscribeListener()
    pubnub.add_listener(listener)
    pubnub.subscribe().channels("pa-sub").execute()
    await asyncio.wait_for(listener.wait_for_connect(), 5)
    published = asyncio.ensure_future(pubnub.publish().channel("pa-sub").message({"n": 1}).future())
    message = await asyncio.wait_for(listener.wait_for_message_on("pa-sub"), 5)
    assert isinstance(message, PNMessageResult) and message.message == {"n": 1}
    assert isinstance(await published, AsyncioEnvelope)
    pubnub.unsubscribe().channels("pa-sub").execute()
    await asyncio.wait_for(listener.wait_for_disconnect(), 5)
    pubnub.stop()  # not awaited, as 4.x suites end every test


async def _publish(pubnub: PubNubAsyncio, message: Any) -> Any:
    return await asyncio.wait_for(pubnub.publish().channel("pa-shared").message(message).future(), 5)


@pytest.mark.asyncio
async def test_a_shared_client_on_a_first_test_loop(shared: PubNubAsyncio) -> None:
    assert isinstance(await _publish(shared, 1), AsyncioEnvelope)
    assert shared.event_loop is asyncio.get_running_loop()
    shared.stop()  # closes its connections; the client stays usable


@pytest.mark.asyncio
async def test_the_shared_client_on_the_next_test_loop(shared: PubNubAsyncio) -> None:
    assert isinstance(await _publish(shared, 2), AsyncioEnvelope)
    assert shared.event_loop is asyncio.get_running_loop()
    await shared.aclose()
