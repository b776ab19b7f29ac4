"""Fixtures of the asyncio-client tests: PubNubAsyncio clients on the test's loop, stopped afterwards."""
from __future__ import annotations

import asyncio
from typing import Any, Iterator, List

import pytest
from subscribe.conftest import Recorder, make_config
from subscribe.fakes import FakeServer

from pubnub.pubnub_asyncio import PubNubAsyncio


class AsyncioClients:
    """Creates PubNubAsyncio clients on the test loop; at the end stops their subscriptions and
    closes them."""

    def __init__(self, loop: Any) -> None:
        self.loop = loop
        self.made: List[PubNubAsyncio] = []

    def __call__(self, origin: str, listener: Any = None, **settings: Any) -> PubNubAsyncio:
        pubnub = PubNubAsyncio(make_config(origin, **settings), custom_event_loop=self.loop)
        if listener is not None:
            pubnub.add_listener(listener)
        self.made.append(pubnub)
        return pubnub

    async def close(self) -> None:
        for pubnub in self.made:
            manager = pubnub._subscription_manager
            if manager is not None:
                manager.stop()
                await manager._driver.join()
            pubnub.close()


@pytest.fixture
def aio_clients(io_loop: Any) -> Iterator[AsyncioClients]:
    made = AsyncioClients(io_loop.asyncio_loop)
    yield made
    io_loop.run_sync(made.close)


@pytest.fixture
def fake(io_loop: Any, aio_clients: AsyncioClients) -> Iterator[FakeServer]:
    """The fake subscribe server; stopped before the clients are closed, so no request is left open."""
    server = FakeServer()
    server.start()
    yield server
    io_loop.run_sync(server.stop)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def quick_asyncio_sleep(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """``asyncio.sleep`` stubbed on the module, as 4.x asyncio suites do: each wait of a second or
    more is recorded and shortened to 10 ms."""
    real_sleep = asyncio.sleep
    calls: List[float] = []

    def quick(seconds: float, *args: Any) -> Any:
        if seconds >= 1:
            calls.append(seconds)
            return real_sleep(0.01)
        return real_sleep(seconds, *args)
    monkeypatch.setattr(asyncio, "sleep", quick)
    return calls
