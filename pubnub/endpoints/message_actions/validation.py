"""Input checks shared by the message-action endpoints."""
from __future__ import annotations

from typing import Any

from pubnub.exceptions import PubNubException


def require_timetoken(value: Any, pn_error: str) -> None:
    """A timetoken is a non-negative int or a string of digits (the documentation uses both)."""
    if isinstance(value, bool) or not (
            (isinstance(value, int) and value >= 0) or (isinstance(value, str) and value.isdigit())):
        raise PubNubException(pn_error=pn_error)


def require_text(value: Any, pn_error: str) -> None:
    if not isinstance(value, str) or not value:
        raise PubNubException(pn_error=pn_error)
