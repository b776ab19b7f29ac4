"""Result of ``pubnub.message_counts()``.

Layer: models (plain data). Imports nothing from the clients or transports.
"""
from __future__ import annotations

from typing import Any, Dict


class PNMessageCountResult:
    """``channels``: channel name -> number of stored messages after the given timetoken."""

    def __init__(self, result: Dict[str, Any]) -> None:
        self._result = result
        self.channels: Dict[str, int] = result["channels"]

    def __str__(self) -> str:
        return "Message count for channels: %s" % (self.channels,)
