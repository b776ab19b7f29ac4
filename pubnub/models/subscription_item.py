"""SubscriptionItem: a subscribed channel or group with its presence state (4.8.1 name)."""
from __future__ import annotations

from typing import Any, Optional

__all__ = ["SubscriptionItem"]


class SubscriptionItem:
    """A channel or channel-group ``name`` and the presence ``state`` kept for it."""

    def __init__(self, name: Optional[str] = None, state: Any = None) -> None:
        self.name = name
        self.state = state
