"""Objects v2 sort keys: ``PNSortKey.asc(PNSortKeyValue.ID)`` -> ``id:asc`` in the ``sort`` query.

Layer: public models (pure data).
"""
from __future__ import annotations

from enum import Enum


class PNSortKeyValue(Enum):
    """The fields a list can be sorted by."""

    ID = 1
    NAME = 2
    UPDATED = 3


class PNSortDirection(Enum):
    """Ascending or descending order."""

    ASC = 1
    DESC = 2


_KEY_TEXT = {PNSortKeyValue.ID: "id", PNSortKeyValue.NAME: "name", PNSortKeyValue.UPDATED: "updated"}
_DIRECTION_TEXT = {PNSortDirection.ASC: "asc", PNSortDirection.DESC: "desc"}


class PNSortKey:
    """One sort criterion: a field and a direction."""

    def __init__(self, sort_key: PNSortKeyValue, direction: PNSortDirection) -> None:
        self._sort_key = sort_key
        self._direction = direction

    @staticmethod
    def asc(sort_key: PNSortKeyValue) -> PNSortKey:
        """Sort by ``sort_key`` in ascending order."""
        return PNSortKey(sort_key, PNSortDirection.ASC)

    @staticmethod
    def desc(sort_key: PNSortKeyValue) -> PNSortKey:
        """Sort by ``sort_key`` in descending order."""
        return PNSortKey(sort_key, PNSortDirection.DESC)

    def key_str(self) -> str:
        """The field's wire name (``id``, ``name`` or ``updated``)."""
        return _KEY_TEXT[self._sort_key]

    def dir_str(self) -> str:
        """The direction's wire name (``asc`` or ``desc``)."""
        return _DIRECTION_TEXT[self._direction]

    def __repr__(self) -> str:
        return "PNSortKey(%s:%s)" % (self.key_str(), self.dir_str())
