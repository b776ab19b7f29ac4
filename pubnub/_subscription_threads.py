"""Runs the subscription flows of ``pubnub._subscription`` on threads, for the plain ``PubNub`` client.

Layer: client driver (threads). It owns threads and waiting, nothing of the protocol: what to
send, when to retry and what to announce is decided by the flows.

* Each flow runs on a thread of its own (``config.daemon`` decides whether that thread keeps
  the process alive, as 4.8.1's request threads did). Long-polls go through a transport of
  their own, so a held request never takes a connection that publishes need.
* Listener calls are queued, in the order the flows produce them, to ONE worker thread
  (``ListenerManager.set_deliver``); it is a daemon thread, as 4.8.1's message worker was.
* A flow is advanced under the subscription manager's lock, and a flow is cancelled under that
  same lock, so once ``cancel_flow`` returns the flow's pending step can never deliver anything:
  a stale long-poll's answer is discarded. Cancelling the long-poll flow (a subscription change,
  ``reconnect()``, ``stop()``, ``close()``) also closes the connection of its request in flight,
  on the driver's own transport: the thread ends at once, not when the server answers (4.8.1
  left it there, up to minutes: a thread and a socket per subscription change, and a program
  that could not exit).
* Reconnection waits call ``time.sleep``, looked up on the module at call time (4.x suites stub
  it), in short slices so a cancelled wait ends promptly. Heartbeat waits are timers on the
  flow's cancellation event: they end at once on ``stop()`` and never spin when sleeps are stubbed.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Set

from pubnub._subscription import HEARTBEAT, LOOP, Flow, SubscriptionManager
from pubnub._subscription_state import LongPoll, Sleep
from pubnub._transport.urllib3 import Urllib3Transport

if TYPE_CHECKING:
    from pubnub.pubnub import PubNub

logger = logging.getLogger("pubnub")

SLEEP_SLICE = 0.25  # longest uninterrupted time.sleep() of a cancellable wait


class _Run:
    """One running flow: its key and its cancellation flag."""

    def __init__(self, key: Optional[str]) -> None:
        self.key = key
        self.cancelled = threading.Event()


class ThreadSubscriptionDriver:
    """``SubscriptionDriver`` for ``PubNub``: one thread per running flow, one listener worker."""

    def __init__(self, pubnub: PubNub, long_poll_transport: Optional[Any] = None) -> None:
        self._pubnub = pubnub
        # the long-polls' own transport, unless the application's carries them (no abort then)
        self._long_poll = long_poll_transport if long_poll_transport is not None else Urllib3Transport(abortable=True)
        self._owns_long_poll = long_poll_transport is None
        self._lock: Any = threading.RLock()  # the manager's lock once bound (see ``bind``)
        self._runs: Dict[str, _Run] = {}
        self._threads: Set[threading.Thread] = set()  # flow threads still alive, abandoned ones too
        self._background: Set[threading.Thread] = set()  # the one-off flows' (leaves) among them
        self._worker_lock = threading.Lock()
        self._worker: Optional[threading.Thread] = None
        self._stopped_worker: Optional[threading.Thread] = None  # may still be delivering its queue
        self._queue: "queue.SimpleQueue[Optional[Callable[[], None]]]" = queue.SimpleQueue()

    def bind(self, lock: Any) -> None:
        """Advance and cancel flows under ``lock`` (the subscription manager's)."""
        self._lock = lock

    # ----- SubscriptionDriver ------------------------------------------------------------------
    def run_flow(self, key: Optional[str], factory: Callable[[], Flow]) -> None:
        with self._lock:
            if key is not None:
                self.cancel_flow(key)
            run = _Run(key)
            thread = threading.Thread(target=self._drive, args=(run, factory()), name="pubnub-%s" % (key or "call"),
                                      daemon=bool(self._pubnub.config.daemon))
            if key is not None:
                self._runs[key] = run
            else:
                self._background.add(thread)
            self._threads.add(thread)
            thread.start()

    def cancel_flow(self, key: str) -> None:
        with self._lock:
            run = self._runs.pop(key, None)
            if run is not None:
                run.cancelled.set()
                if key == LOOP:
                    self.abort_long_polls()  # before its successor, if any, starts

    # ----- listener delivery (ListenerManager.set_deliver) ---------------------------------------
    def deliver(self, call: Callable[[], None]) -> None:
        """Queue one listener call for the worker thread (started on demand; one started while a
        stopped one still delivers its queue waits for it, so calls never overlap or reorder)."""
        with self._worker_lock:
            if self._worker is None:
                self._queue = queue.SimpleQueue()
                self._worker = threading.Thread(target=_work, args=(self._queue, self._stopped_worker),
                                                name="pubnub-listeners", daemon=True)
                self._stopped_worker = None
                self._worker.start()
            self._queue.put(call)

    def stop_worker(self) -> None:
        """Let the worker deliver what is queued, then end (a later delivery starts a new one)."""
        with self._worker_lock:
            if self._worker is not None:
                self._queue.put(None)
                self._stopped_worker, self._worker = self._worker, None

    def abort_long_polls(self) -> None:
        """End the long-poll in flight now (its flow already cancelled: the answer would be
        discarded), closing its connection, so that its thread ends at once instead of when the
        server answers. Only on the driver's own long-poll transport."""
        if self._owns_long_poll:
            self._long_poll.abort()

    def close(self) -> None:
        """The client is closing: release the long-polls' pooled connections, and let the listener
        worker end once it has delivered what is queued (a leave's status may have started it
        again after ``stop()``)."""
        self._long_poll.close()
        self.stop_worker()

    # ----- inspection (tests, shutdown) --------------------------------------------------------
    def is_running(self, key: str) -> bool:
        with self._lock:
            return key in self._runs

    def join(self, timeout: float = 5.0, background_only: bool = False) -> bool:
        """Wait until every flow thread (abandoned long-polls included), or with ``background_only``
        every one-off flow's (the leaves), has ended; False on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                threads = self._background if background_only else self._threads
                alive = [thread for thread in threads if thread.is_alive()]
            if not alive:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            alive[0].join(remaining)

    # ----- internals ---------------------------------------------------------------------------
    def _drive(self, run: _Run, flow: Flow) -> None:
        reply: Any = None
        try:
            while True:
                with self._lock:
                    if run.cancelled.is_set():
                        return
                    try:
                        step = flow.send(reply)
                    except StopIteration:
                        return
                reply = self._perform(run, step)
        except Exception:
            logger.exception("A subscription flow failed")
        finally:
            with self._lock:
                flow.close()
                if run.key is not None and self._runs.get(run.key) is run:
                    del self._runs[run.key]
                self._threads.discard(threading.current_thread())
                self._background.discard(threading.current_thread())

    def _perform(self, run: _Run, step: Any) -> Any:
        if isinstance(step, Sleep):
            if run.key == HEARTBEAT:
                run.cancelled.wait(step.seconds)
            else:
                _sleep(step.seconds, run.cancelled)
            return None
        if run.cancelled.is_set():
            return None  # not sent: the flow ends at its next step without reading this
        if isinstance(step, LongPoll):
            return self._pubnub.execute(step.endpoint, self._long_poll)
        return self._pubnub.execute(step)


def _sleep(seconds: float, cancelled: threading.Event) -> None:
    remaining = seconds
    while remaining > 0 and not cancelled.is_set():
        piece = min(remaining, SLEEP_SLICE)
        time.sleep(piece)
        remaining -= piece


def _work(calls: "queue.SimpleQueue[Optional[Callable[[], None]]]", after: Optional[threading.Thread]) -> None:
    if after is not None:
        after.join()  # the stopped worker delivers what it was given first
    while True:
        call = calls.get()
        if call is None:
            return
        try:
            call()
        except Exception:
            logger.exception("A listener delivery failed")


class NativeSubscriptionManager(SubscriptionManager):
    """The shared subscription machinery on threads; as 4.8.1's native client, it heartbeats at
    once and unsubscribes from everything when the long-poll is denied access (403)."""

    HEARTBEAT_IMMEDIATELY = True
    UNSUBSCRIBE_ALL_WHEN_DENIED = True

    def __init__(self, pubnub: PubNub, driver: ThreadSubscriptionDriver) -> None:
        super().__init__(pubnub, driver)
        driver.bind(self.lock)
        self.listener_manager.set_deliver(driver.deliver)
        self._thread_driver = driver

    def stop(self) -> None:
        """Stop the long-poll (closing its connection when one is in flight), the heartbeats and
        (after what is queued) the listener worker."""
        super().stop()
        self._thread_driver.stop_worker()
