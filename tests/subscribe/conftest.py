"""Fixtures of the subscribe tests: the fake server, a recording listener, client factories."""
from __future__ import annotations

import asyncio
import threading
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
from tornado.locks import Condition

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNStatusCategory
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado
from pubnub.testing import PubNubTestServer

from .fakes import SUB_KEY, FakeServer


class Recorder(SubscribeCallback):
    """Records every callback (and the thread it ran on); tests await conditions on it."""

    def __init__(self) -> None:
        self.events: List[Any] = []  # (method, payload) in arrival order
        self.threads: set = set()
        # made by the first wait, on the IOLoop: Tornado before 6.2 binds a Condition to the IOLoop
        # current at its construction, and a recorder may be made where there is none
        self._changed: Optional[Condition] = None

    def _add(self, method: str, payload: Any) -> None:
        self.events.append((method, payload))
        self.threads.add(threading.get_ident())
        if self._changed is not None:
            self._changed.notify_all()

    def status(self, pubnub: Any, status: Any) -> None:
        self._add("status", status)

    def message(self, pubnub: Any, message: Any) -> None:
        self._add("message", message)

    def presence(self, pubnub: Any, presence: Any) -> None:
        self._add("presence", presence)

    def signal(self, pubnub: Any, signal: Any) -> None:
        self._add("signal", signal)

    def message_action(self, pubnub: Any, action: Any) -> None:
        self._add("message_action", action)

    def channel(self, pubnub: Any, event: Any) -> None:
        self._add("channel", event)

    def uuid(self, pubnub: Any, event: Any) -> None:
        self._add("uuid", event)

    def membership(self, pubnub: Any, event: Any) -> None:
        self._add("membership", event)

    def file(self, pubnub: Any, event: Any) -> None:
        self._add("file", event)

    def of(self, method: str) -> List[Any]:
        return [payload for name, payload in self.events if name == method]

    def categories(self) -> List[int]:
        return [status.category for status in self.of("status")]

    def statuses(self, category: int) -> List[Any]:
        return [status for status in self.of("status") if status.category == category]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 3.0) -> Any:
        if self._changed is None:
            self._changed = Condition()
        changed = self._changed

        async def poll() -> Any:
            while True:
                value = predicate()
                if value:
                    return value
                await changed.wait()
        return await asyncio.wait_for(poll(), timeout)

    async def wait_for_status(self, category: int, count: int = 1, timeout: float = 3.0) -> Any:
        return (await self.wait_for(lambda: len(self.statuses(category)) >= count and self.statuses(category),
                                    timeout))[count - 1]

    async def connected(self, count: int = 1) -> Any:
        return await self.wait_for_status(PNStatusCategory.PNConnectedCategory, count)


def make_config(origin: str, **settings: Any) -> PNConfiguration:
    config = PNConfiguration()
    config.subscribe_key = SUB_KEY
    config.publish_key = "pub-c-test"
    config.uuid = "listener-uuid"
    config.origin = origin
    config.ssl = False
    config.connect_timeout = 2
    config.non_subscribe_request_timeout = 2
    for name, value in settings.items():
        setattr(config, name, value)
    return config




class Clients:
    """Creates PubNubTornado clients on the test loop and stops their subscriptions at the end."""

    def __init__(self, io_loop: Any = None) -> None:
        self.io_loop = io_loop  # None: the loop current when a client is made
        self.made: List[PubNubTornado] = []

    def config(self, origin: str, **settings: Any) -> PNConfiguration:
        return make_config(origin, **settings)

    def __call__(self, origin: str, listener: Any = None, **settings: Any) -> PubNubTornado:
        pubnub = PubNubTornado(self.config(origin, **settings), custom_ioloop=self.io_loop)
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


@pytest.fixture
def clients(io_loop: Any) -> Iterator[Clients]:
    made = Clients(io_loop)
    yield made
    io_loop.run_sync(made.close)


@pytest.fixture
def fake(io_loop: Any, clients: Clients) -> Iterator[FakeServer]:
    """The fake server; stopped before the clients are closed, so no request is left open."""
    server = FakeServer()
    server.start()
    yield server
    io_loop.run_sync(server.stop)


@pytest.fixture
def threaded_server() -> Iterator[Callable[..., PubNubTestServer]]:
    """Starts ``pubnub.testing`` servers on threads of their own (``ServerSettings`` as keyword
    arguments); each is stopped at the end of the test."""
    started: List[PubNubTestServer] = []

    def start(**settings: Any) -> PubNubTestServer:
        server = PubNubTestServer(**settings)
        server.start_in_thread()
        started.append(server)
        return server
    yield start
    for server in started:
        server.stop()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def query_of(request: Any) -> Dict[str, str]:
    return dict(request.query)
