"""Result of ``pubnub.signal()``.

Layer: models (plain data). Imports nothing from the clients or transports.
"""
from __future__ import annotations

from typing import Any


class PNSignalResult:
    """A sent signal. ``timetoken`` is the string the service answered (publish/fire give an int)."""

    def __init__(self, result: Any) -> None:
        self.timetoken: str = result[2]

    def __str__(self) -> str:
        return "Signal success with timetoken %s" % self.timetoken
