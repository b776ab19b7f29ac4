"""Fixtures of the plain-client tests: servers on a loop thread, clients stopped and joined afterwards."""
from __future__ import annotations

import time
from typing import Any, Iterator, List

import pytest
from subscribe.conftest import make_config, threaded_server  # noqa: F401 (a fixture, shared)
from subscribe.fakes import FakeServer

from pubnub.pubnub import PubNub

from ._support import LoopThread, ThreadRecorder


class Clients:
    """Creates ``PubNub`` clients; at the end stops them and waits for every thread they started."""

    def __init__(self) -> None:
        self.made: List[PubNub] = []

    def __call__(self, origin: str, listener: Any = None, **settings: Any) -> PubNub:
        pubnub = PubNub(make_config(origin, **settings))
        if listener is not None:
            pubnub.add_listener(listener)
        self.made.append(pubnub)
        return pubnub

    def close(self) -> None:
        for pubnub in self.made:
            pubnub.stop()
        for pubnub in self.made:
            manager = pubnub._subscription_manager
            if manager is not None:
                assert manager._driver.join(5), "subscription threads still running"


@pytest.fixture
def loop_thread() -> Iterator[LoopThread]:
    running = LoopThread()
    yield running
    running.stop()


@pytest.fixture
def clients() -> Iterator[Clients]:
    made = Clients()
    yield made
    made.close()


@pytest.fixture
def fake(loop_thread: LoopThread, clients: Clients) -> Iterator[FakeServer]:
    """The fake subscribe server on the loop thread; stopped before the clients, so held polls end."""
    server: FakeServer = loop_thread.call(FakeServer)
    loop_thread.call(server.start)
    yield server
    loop_thread.run(server.stop())


@pytest.fixture
def recorder() -> ThreadRecorder:
    return ThreadRecorder()


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """``time.sleep`` stubbed on the module, as 4.x suites do: each call is recorded, none waits."""
    calls: List[float] = []
    monkeypatch.setattr(time, "sleep", calls.append)
    return calls
