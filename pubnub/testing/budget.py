"""The byte budget of the test server's store (``ServerSettings.max_stored_bytes``).

Layer: test server. Pure bookkeeping, no I/O. Whatever the store keeps for clients (message
envelopes, message actions, files, Objects metadata and memberships) is charged here when it is
stored and released when it goes. Charges queue oldest first; when the total passes the limit,
the oldest live charge's ``evict`` is called, which must remove that data (releasing its charge,
and maybe others), until the total fits again.

A charge counts the Python objects that hold the data (``sys.getsizeof`` of the strings and
bytes, plus a fixed overhead per item for the objects, index entries and the charge itself), so
the budget bounds the process's memory, not just payload bytes.
"""
from __future__ import annotations

from collections import deque
from typing import Callable, Deque, Optional, TypeVar


class Charge:
    """Bytes one stored item holds (``charged``; 0 once released); ``evict()`` removes the item.

    Items charged once for their whole life (messages, actions) are their own charge, so storing
    one allocates nothing more; ``CallbackCharge`` serves items charged anew when they change.
    """

    __slots__ = ("charged",)

    def __init__(self) -> None:
        self.charged = 0

    def evict(self) -> None:
        raise NotImplementedError


class CallbackCharge(Charge):
    """A charge whose eviction is a callable (files, Objects metadata and memberships)."""

    __slots__ = ("_evict",)

    def __init__(self, evict: Callable[[], None]) -> None:
        super().__init__()
        self._evict = evict

    def evict(self) -> None:
        self._evict()


_C = TypeVar("_C", bound=Charge)


class Budget:
    """Bytes in use against ``limit``; evicts the oldest charged data past it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.evicted = 0
        self._queue: Deque[Charge] = deque()
        self._released = 0  # released charges still queued
        self._shrinking = False

    def charge(self, size: int, evict: Callable[[], None]) -> Charge:
        """Account ``size`` bytes of a newly stored item; evicts older data when over the limit."""
        return self.add(CallbackCharge(evict), size)

    def add(self, item: _C, size: int) -> _C:
        """Account ``size`` (> 0) bytes of ``item``, which is its own charge; evicts older data
        when over the limit. An item is added once: ``release`` ends its charge for good."""
        item.charged = size
        self.used += size
        self._queue.append(item)
        if self.used > self.limit:
            self.shrink()
        return item

    def release(self, charge: Optional[Charge]) -> None:
        """The item is gone: its bytes are free (releasing twice is harmless)."""
        if charge is None or not charge.charged:
            return
        self.used -= charge.charged
        charge.charged = 0
        queue = self._queue
        if not self._shrinking and queue and queue[0] is charge:
            # the oldest charge (what history and the catch-up window usually release): drop it,
            # and the released ones behind it, now, so that they are freed rather than kept queued
            queue.popleft()
            while queue and not queue[0].charged:
                queue.popleft()
                self._released -= 1
            return
        self._released += 1
        if not self._shrinking and self._released > 4096 and self._released * 2 > len(self._queue):
            self._queue = deque(item for item in self._queue if item.charged)
            self._released = 0

    def shrink(self) -> None:
        """Evict the oldest data until the total fits the limit."""
        if self._shrinking:  # an eviction that stores something must not recurse
            return
        self._shrinking = True
        try:
            queue = self._queue
            while self.used > self.limit and queue:
                charge = queue.popleft()
                if not charge.charged:
                    self._released = max(0, self._released - 1)
                    continue
                charge.evict()
                self.evicted += 1
                if charge.charged:  # the item did not release itself: never loop on it
                    self.release(charge)
                self._released = max(0, self._released - 1)  # released above, and no longer queued
        finally:
            self._shrinking = False
