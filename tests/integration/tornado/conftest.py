"""Fixtures of the Tornado integration tests: clients bound to the test IOLoop, closed afterwards."""
from __future__ import annotations

from typing import Any, Callable, Iterator, List

import pytest
from tornado.ioloop import IOLoop

from pubnub.pubnub_tornado import PubNubTornado

from ._support import closed_origin, make_config


@pytest.fixture
def make_pubnub(io_loop: IOLoop) -> Iterator[Callable[..., PubNubTornado]]:
    """Build ``PubNubTornado`` clients on ``io_loop``.

    By default the origin is a closed local port over plain HTTP, so a request that escaped the
    cassette would fail at once instead of leaving the machine.
    """
    clients: List[PubNubTornado] = []

    def make(**overrides: Any) -> PubNubTornado:
        overrides.setdefault("origin", closed_origin())
        overrides.setdefault("ssl", False)
        pubnub = PubNubTornado(make_config(**overrides), custom_ioloop=io_loop)
        clients.append(pubnub)
        return pubnub

    yield make
    for pubnub in clients:
        pubnub.transport.close()
