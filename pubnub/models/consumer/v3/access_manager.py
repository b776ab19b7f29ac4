"""Result of ``grant_token()`` (Access Manager v3).

Layer: models (plain data).
"""
from __future__ import annotations

from typing import Any, Mapping


class PNGrantTokenResult:
    """The token the service issued (``token``). The client does not store it anywhere."""

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.result = result
        self.token = result["token"]

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> PNGrantTokenResult:
        """Build the result from the response's ``data`` object."""
        return cls(json_input)

    def get_token(self) -> Any:
        return self.token

    def __str__(self) -> str:
        return "Grant token: %s" % self.token
