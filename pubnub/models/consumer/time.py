"""Result of ``pubnub.time()``."""
from __future__ import annotations

import datetime
from typing import Any


class PNTimeResponse:
    """A server timetoken: ``int(r)``, ``str(r)``, ``value_as_int``, ``value_as_string``, ``date_time()``."""

    MULTIPLIER = 10000000

    def __init__(self, server_response: Any) -> None:
        value = server_response[0] if isinstance(server_response, (list, tuple)) else server_response
        self.value_as_int = int(value)
        self.value_as_string = str(value)

    def __int__(self) -> int:
        return self.value_as_int

    def __str__(self) -> str:
        return self.value_as_string

    def date_time(self) -> datetime.date:
        return datetime.date.fromtimestamp(self.value_as_int / self.MULTIPLIER)
