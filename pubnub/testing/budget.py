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
from typing import Callable, Deque, Optional


class Charge:
    """Bytes one stored item holds; ``evict`` removes the item (None once released)."""

    __slots__ = ("evict", "size")

    def __init__(self, size: int, evict: Callable[[], None]) -> None:
        self.size = size
        self.evict: Optional[Callable[[], None]] = evict


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
        charge = Charge(size, evict)
        self.used += size
        self._queue.append(charge)
        if self.used > self.limit:
            self.shrink()
        return charge

    def release(self, charge: Optional[Charge]) -> None:
        """The item is gone: its bytes are free (releasing twice is harmless)."""
        if charge is None or charge.evict is None:
            return
        self.used -= charge.size
        charge.size = 0
        charge.evict = None
        self._released += 1
        if not self._shrinking and self._released > 4096 and self._released * 2 > len(self._queue):
            self._queue = deque(item for item in self._queue if item.evict is not None)
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
                evict = charge.evict
                if evict is None:
                    self._released = max(0, self._released - 1)
                    continue
                evict()
                self.evicted += 1
                if charge.evict is not None:  # the item did not release itself: never loop on it
                    self.release(charge)
                self._released = max(0, self._released - 1)  # released above, and no longer queued
        finally:
            self._shrinking = False
