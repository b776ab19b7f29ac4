"""What is subscribed, where the stream cursor is, and the timing rules of the subscription.

Layer: core (pure data and arithmetic). No I/O, no clock, no threads; must not import tornado,
requests or asyncio. ``pubnub._subscription`` drives these objects; nothing here decides when
anything happens.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

from pubnub.enums import PNReconnectionPolicy

PRESENCE_SUFFIX = "-pnpres"

LINEAR_DELAY = 3.0  # 4.8.1: every 3 s
EXPONENTIAL_BASE = 1.0  # 4.8.1: 2**n - 1 s for n = 1..5: 1, 3, 7, 15, 31 s, then back to 1 s
MAXIMUM_DELAY = 32.0
JITTER = 0.2  # each wait is drawn from [w * 0.8, w * 1.2]: clients that lost the same server spread out


@dataclass(frozen=True)
class Sleep:
    """A flow step: wait ``seconds``, then resume the flow with ``None`` (the driver owns the clock)."""

    seconds: float


@dataclass(frozen=True)
class LongPoll:
    """A flow step: run ``endpoint`` (a subscribe request the server may hold for minutes) on the
    driver's long-poll transport, then resume the flow with its ``Envelope``. Any other endpoint
    a flow yields is an ordinary call (``client.execute``)."""

    endpoint: Any


@dataclass
class SubscribeOperation:
    """The content of one ``subscribe()...execute()`` call."""

    channels: List[str]
    channel_groups: List[str]
    presence_enabled: bool = False
    timetoken: Optional[int] = None


@dataclass
class UnsubscribeOperation:
    """The content of one ``unsubscribe()...execute()`` call."""

    channels: List[str]
    channel_groups: List[str]


@dataclass
class StateOperation:
    """Presence state given to ``set_state()``, remembered for the heartbeats."""

    channels: List[str]
    channel_groups: List[str]
    state: Any


def reconnection_delay(policy: Any, attempt: int, base: Optional[float] = None, maximum: float = MAXIMUM_DELAY,
                       jitter: float = 0.0, unit: float = 0.5) -> Optional[float]:
    """Seconds to wait before reconnection probe number ``attempt`` (0-based); None: do not retry.

    LINEAR waits ``base`` (default 3 s) every time. EXPONENTIAL waits ``base * (2**n - 1)``
    (default base 1 s) for n = 1, 2, ... as long as that stays within ``maximum``, then starts
    over at n = 1: with the defaults 1, 3, 7, 15, 31, 1, 3 ... s, 4.8.1's timing. ``jitter`` (0
    to 1) moves each wait by up to that fraction either way, ``unit`` (0 to 1, a random draw)
    choosing where; no wait exceeds ``maximum``.
    """
    if policy == PNReconnectionPolicy.LINEAR:
        wait = LINEAR_DELAY if base is None else base
    elif policy == PNReconnectionPolicy.EXPONENTIAL:
        step = EXPONENTIAL_BASE if base is None else base
        steps = 0  # how many doublings fit within the maximum
        while step * (2 ** (steps + 1) - 1) <= maximum:
            steps += 1
        wait = step * (2 ** (attempt % steps + 1) - 1) if steps else maximum
    else:
        return None
    return min(wait * (1.0 + jitter * (2.0 * unit - 1.0)), maximum)


def retries_exhausted(maximum: Any, attempts: int) -> bool:
    """True when ``attempts`` probes used up ``maximum`` (None or a negative value: unlimited)."""
    if maximum is None or isinstance(maximum, bool):
        return False
    try:
        limit = int(maximum)
    except (TypeError, ValueError):
        return False
    return 0 <= limit <= attempts


def _names(items: Any) -> List[str]:
    if items is None:
        return []
    if isinstance(items, str):
        return [item for item in items.split(",") if item]
    return [str(item) for item in items]


class SubscriptionState:
    """Subscribed channels and groups (each with or without presence), their state, the cursor.

    ``timetoken``/``region`` are the stream cursor: the ``t.t``/``t.r`` of the last response
    that was processed. They only move forward by ``advance()`` and are reset only when
    nothing is subscribed any more (or by an explicit ``with_timetoken``).
    """

    def __init__(self) -> None:
        self.channels: Dict[str, bool] = {}  # name -> subscribed with presence; insertion order kept
        self.groups: Dict[str, bool] = {}
        self.presence_state: Dict[str, Any] = {}
        self.timetoken = 0
        self.region: Optional[int] = None

    # ----- changes ---------------------------------------------------------------------------
    def add(self, channels: Iterable[str], groups: Iterable[str], with_presence: bool) -> None:
        """Subscribe to more items; an item already subscribed keeps presence once it had it."""
        for name in _names(channels):
            self.channels[name] = self.channels.get(name, False) or bool(with_presence)
        for name in _names(groups):
            self.groups[name] = self.groups.get(name, False) or bool(with_presence)

    def remove(self, channels: Iterable[str], groups: Iterable[str]) -> None:
        """Forget items (and their presence and state); unknown names are ignored."""
        for name in _names(channels):
            self.channels.pop(name, None)
            self.presence_state.pop(name, None)
        for name in _names(groups):
            self.groups.pop(name, None)
            self.presence_state.pop(name, None)
        if self.is_empty():
            self.reset_cursor()

    def set_state(self, channels: Iterable[str], groups: Iterable[str], state: Any) -> None:
        for name in _names(channels) + _names(groups):
            self.presence_state[name] = state

    def advance(self, timetoken: int, region: Optional[int]) -> None:
        self.timetoken = int(timetoken)
        self.region = region

    def reset_cursor(self) -> None:
        self.timetoken = 0
        self.region = None

    # ----- views -----------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.channels and not self.groups

    def channel_names(self) -> List[str]:
        return list(self.channels)

    def group_names(self) -> List[str]:
        return list(self.groups)

    @staticmethod
    def _with_presence(items: Dict[str, bool]) -> List[str]:
        names: List[str] = []
        for name, presence in items.items():
            names.append(name)
            if presence:
                names.append(name + PRESENCE_SUFFIX)
        return names

    def subscribe_channels(self) -> List[str]:
        """Channels of the subscribe request: each followed by its ``-pnpres`` companion if any."""
        return self._with_presence(self.channels)

    def subscribe_groups(self) -> List[str]:
        return self._with_presence(self.groups)

    def heartbeat_items(self) -> Tuple[List[str], List[str], Dict[str, Any]]:
        """Channels, groups and the state object (name -> state) a heartbeat reports."""
        channels, groups = self.channel_names(), self.group_names()
        state = {name: value for name, value in self.presence_state.items()
                 if name in self.channels or name in self.groups}
        return channels, groups, state
