"""Fixtures of the pubnub.testing tests: servers on their own IOLoop threads, HTTP clients, and
PubNubTornado clients (``clients``; with ``live_server``, the servers stop before the clients close)."""
from __future__ import annotations

from typing import Any, Callable, Iterator, List

import pytest

from pubnub.testing import PubNubTestServer

from .clients import Clients
from .support import Http


def _servers() -> Iterator[Callable[..., Any]]:
    """Yields ``make(**settings)``, which starts a threaded server; stops them all afterwards."""
    started: List[Any] = []

    def make(**overrides: Any) -> Any:
        overrides.setdefault("long_poll_seconds", 2.0)
        server = PubNubTestServer(**overrides)
        server.start_in_thread()
        started.append(server)
        return server
    yield make
    for server in started:
        server.stop()


@pytest.fixture
def make_server() -> Iterator[Callable[..., Any]]:
    """``make_server(**settings)`` starts a threaded server; all are stopped after the test."""
    yield from _servers()


@pytest.fixture
def server(make_server: Callable[..., Any]) -> Any:
    return make_server()


@pytest.fixture
def make_http() -> Iterator[Callable[[Any], Http]]:
    clients: List[Http] = []

    def make(target: Any) -> Http:
        client = Http(target.origin)
        clients.append(client)
        return client
    yield make
    for client in clients:
        client.close()


@pytest.fixture
def http(server: Any, make_http: Callable[[Any], Http]) -> Http:
    return make_http(server)


@pytest.fixture
def clients(io_loop: Any) -> Iterator[Clients]:
    made = Clients()
    yield made
    io_loop.run_sync(made.close)


@pytest.fixture
def live_server(clients: Clients) -> Iterator[Callable[..., Any]]:
    """``live_server(**settings)``: like ``make_server``, stopped before ``clients`` are closed."""
    yield from _servers()
