"""The subscribe, unsubscribe and state operations (4.8.1 ``pubnub.dtos``).

# compat: 4.8.1 -- the classes live in ``pubnub._subscription_state``.
"""
from __future__ import annotations

from pubnub._subscription_state import StateOperation, SubscribeOperation, UnsubscribeOperation

__all__ = ["StateOperation", "SubscribeOperation", "UnsubscribeOperation"]
