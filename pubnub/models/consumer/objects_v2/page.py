"""Objects v2 paging models: page cursors (``Next``/``Previous``) and the pageable result base.

Layer: public models (pure data). Imports nothing from the clients or transports.
"""
from __future__ import annotations

from typing import Any, Mapping, Optional


class PNPage:
    """An opaque page cursor returned by a list call; pass it back with ``.page(...)``."""

    def __init__(self, hash: Any) -> None:  # the 4.8.1 keyword name, shadowing the builtin
        self._hash = str(hash)

    @property
    def hash(self) -> str:
        """The cursor text the service handed out."""
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PNPage) and type(other) is type(self) and other.hash == self._hash

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._hash))

    def __repr__(self) -> str:
        return "%s(%r)" % (type(self).__name__, self._hash)


class Next(PNPage):
    """The page after the one a result holds (sent as ``start``)."""


class Previous(PNPage):
    """The page before the one a result holds (sent as ``end``)."""


class PNPageable:
    """Paging fields shared by every list-style Objects result.

    ``total_count`` is the service's ``totalCount`` (only present with
    ``include_total_count(True)``); ``next``/``prev`` are cursors, or None when absent or empty.
    """

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.total_count: Optional[int] = result.get("totalCount")
        next_hash = result.get("next")
        prev_hash = result.get("prev")
        self.next: Optional[Next] = Next(next_hash) if next_hash else None
        self.prev: Optional[Previous] = Previous(prev_hash) if prev_hash else None
