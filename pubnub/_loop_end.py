"""LoopEndWatch: a call when an asyncio loop shuts down, made while it still runs.

Layer: client. Imports asyncio and the standard library only.

``asyncio.run`` (and every runner calling ``loop.shutdown_asyncgens()``: pytest-asyncio,
uvloop's) closes the async generators left suspended on a loop before closing it. A watch is
such a generator: started on the running loop, it waits at its ``yield``; when the loop shuts
down it calls ``on_end(loop)``, on the loop. ``on_end`` is held weakly when it is a bound method
(the watch does not keep its owner alive). A watch its owner no longer wants is ``disarm()``-ed:
dropped, it may still be closed later (by the garbage collector, on the loop), and then does
nothing.
"""
from __future__ import annotations

import asyncio
import logging
import weakref
from typing import AsyncGenerator, Callable, Optional

logger = logging.getLogger("pubnub")

__all__ = ["LoopEndWatch"]

OnEnd = Callable[[asyncio.AbstractEventLoop], None]


class LoopEndWatch:
    """Calls ``on_end(loop)`` when ``loop`` shuts down (see the module docstring)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, on_end: OnEnd) -> None:
        self.loop = loop
        self._on_end: Optional[Callable[[], Optional[OnEnd]]] = (
            weakref.WeakMethod(on_end) if hasattr(on_end, "__self__") else lambda: on_end)
        self._generator: Optional[AsyncGenerator[None, None]] = None

    def start(self) -> bool:
        """Leave the watch suspended on its loop, if that loop runs here (its first step registers
        it with the loop, through the hooks the running loop installs); False if it does not."""
        if asyncio._get_running_loop() is not self.loop:
            return False
        generator = self._generator = _until_closed(self)
        try:
            generator.asend(None).send(None)
        except StopIteration:
            pass  # suspended at its yield
        return True

    def disarm(self) -> None:
        self._on_end = None

    def _fire(self) -> None:
        on_end = self._on_end() if self._on_end is not None else None
        if on_end is None:
            return
        try:
            on_end(self.loop)
        except Exception:
            logger.exception("A call at the end of an event loop failed")


async def _until_closed(watch: LoopEndWatch) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        watch._fire()
