"""Objects v2 result base: ``data`` and ``status`` of a response, and the ``str()`` template.

Layer: public models (pure data). The per-call result classes live in ``uuid``, ``channel``,
``channel_members`` and ``memberships``; they differ only in their 4.8.1 ``str()`` text
(typo ``metatdata`` kept verbatim) and whether they are pageable.
"""
from __future__ import annotations

from typing import Any, Mapping

from pubnub.models.consumer.objects_v2.page import PNPageable


class PNObjectsResult:
    """A single-object Objects result.

    ``data`` is the response's ``data`` (a dict, or None after a delete); ``status`` is the
    response's ``status`` number (not a ``PNStatus``).
    """

    TEXT = "Objects result: %s"

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.data: Any = result.get("data")
        self.status: Any = result.get("status")

    def __str__(self) -> str:
        return self.TEXT % (self.data,)


class PNObjectsPageableResult(PNObjectsResult, PNPageable):
    """A list-style Objects result: ``data`` is a list of plain dicts, plus the paging fields."""

    def __init__(self, result: Mapping[str, Any]) -> None:
        PNObjectsResult.__init__(self, result)
        PNPageable.__init__(self, result)
