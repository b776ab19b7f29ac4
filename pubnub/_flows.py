"""Multi-step operations, written once as generators and driven by each client.

Layer: core. A flow yields the endpoint to run next and receives its ``Envelope``; it returns
the final ``Envelope``. ``drive`` runs a flow with a blocking ``execute``; ``drive_async`` with
an awaitable one. Clients own nothing else of the logic.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Generator

from pubnub.structures import Envelope

Flow = Generator[Any, Envelope, Envelope]


def drive(flow: Flow, execute: Callable[[Any], Envelope]) -> Envelope:
    try:
        step = next(flow)
        while True:
            step = flow.send(execute(step))
    except StopIteration as done:
        return done.value


async def drive_async(flow: Flow, execute: Callable[[Any], Awaitable[Envelope]]) -> Envelope:
    try:
        step = next(flow)
        while True:
            step = flow.send(await execute(step))
    except StopIteration as done:
        return done.value
