"""Support for the plain-client tests: cassette replay, an asyncio loop on a thread, a thread-safe recorder.

The plain client blocks and runs its own threads, so the servers the subscribe tests use (the
fake subscribe server and the resetting proxy of ``tests/subscribe/fakes.py``) run on an asyncio
loop of their own thread, and the test thread talks to them through ``LoopThread.call``/``run``.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from pathlib import Path
from typing import Any, Awaitable, Callable

from integration.tornado._support import cassette_replayer
from subscribe.conftest import Recorder

from pubnub.enums import PNStatusCategory

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "native"


replay = cassette_replayer(FIXTURES)  # fixtures/native/<name>, replayed through urllib3


class LoopThread:
    """An asyncio loop (and so a Tornado IOLoop) running on a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="test-servers", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def call(self, function: Callable[..., Any], *args: Any, timeout: float = 5.0) -> Any:
        """``function(*args)`` run on the loop thread; its result (or exception) here."""
        done: "concurrent.futures.Future[Any]" = concurrent.futures.Future()

        def run() -> None:
            try:
                done.set_result(function(*args))
            except BaseException as e:  # handed back to the test thread
                done.set_exception(e)
        self.loop.call_soon_threadsafe(run)
        return done.result(timeout)

    def run(self, coroutine: Awaitable[Any], timeout: float = 5.0) -> Any:
        """Await ``coroutine`` on the loop thread and return its result here."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)  # type: ignore[arg-type]

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


class ThreadRecorder(Recorder):
    """``Recorder`` whose waits block the calling thread (listener calls come from the worker)."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Condition()

    def _add(self, method: str, payload: Any) -> None:
        with self._lock:
            self.events.append((method, payload))
            self.threads.add(threading.get_ident())
            self._lock.notify_all()

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 3.0) -> Any:  # type: ignore[override]
        with self._lock:
            value = self._lock.wait_for(predicate, timeout)
        assert value, "condition not met within %s s; events: %r" % (timeout, self.events)
        return value

    def wait_for_status(self, category: int, count: int = 1, timeout: float = 3.0) -> Any:  # type: ignore[override]
        return self.wait_for(lambda: len(self.statuses(category)) >= count and self.statuses(category),
                             timeout)[count - 1]

    def connected(self, count: int = 1) -> Any:  # type: ignore[override]
        return self.wait_for_status(PNStatusCategory.PNConnectedCategory, count)
