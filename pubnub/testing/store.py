"""The in-memory store of the test server: key spaces, channels, groups, history, actions.

Layer: test server. No I/O, no Tornado, no clock of its own beyond the two injected
functions. Service modules use only this interface:

* ``Store.next_timetoken()``: 17-digit timetokens, strictly increasing for the whole server;
  ``Store.keyspace(sub_key)``: everything of one subscribe key.
* ``KeySpace.channel(name)`` (creates) / ``find(name)``; groups:
  ``add_channels_to_group``, ``remove_channels_from_group``, ``remove_group``, ``group_channels``.
* ``Channel``: ``push_event`` (subscribe catch-up buffer, wakes waiters), ``events_after``;
  ``store_message``, ``history_slice``, ``delete_history``, ``count_after``;
  ``add_action``, ``remove_action``, ``actions_slice``, ``actions_for``; ``occupants`` (presence
  data, managed by ``pubnub.testing.presence``).
* ``KeySpace.section(kind)`` / ``Store.section(kind)``: the data of one service area (Access
  Manager grants, push registrations, Objects, files), an instance of a class that service
  module defines (``kind(keyspace)`` / ``kind(store)``), created on first use and capped by
  its own ``ServerSettings`` fields.

Every collection is capped by ``ServerSettings``, and the bytes of everything kept for clients
(message envelopes, actions, files, Objects) are charged to ``Store.budget``
(``max_stored_bytes``, ``pubnub.testing.budget``): past it the oldest data goes first. A
message is kept in one form only, its ``Event`` (the subscribe envelope), which the catch-up
window and history share.
"""
from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import OrderedDict, deque
from sys import getsizeof
from typing import Any, Callable, Deque, Dict, Iterable, List, Optional, Set, Type, TypeVar

from pubnub.testing.budget import Budget
from pubnub.testing.envelopes import encode_string
from pubnub.testing.records import ITEM_OVERHEAD, Action, Event, Occupant, StoredMessage
from pubnub.testing.settings import ServerSettings

PRESENCE_SUFFIX = "-pnpres"
T = TypeVar("T")


def store_limit(max_stored_bytes: int) -> int:
    """What the store itself may charge: 15/16 of ``max_stored_bytes``. The rest is headroom for
    what serving needs around the stored data (request buffers, channel objects, the allocator's
    slack), so that the process grows by no more than ``max_stored_bytes`` (measured:
    ``benchmarks/memory_bench.py``)."""
    return max_stored_bytes - max_stored_bytes // 16


class CapacityError(Exception):
    """A store cap (groups, channels per group) would be exceeded."""


class Channel:
    """Everything stored for one channel of one key space."""

    __slots__ = ("_action_tts", "_history_tts", "actions", "actions_by_message", "budget", "events", "history",
                 "keyspace", "location", "name", "occupants", "settings", "waiters")

    def __init__(self, keyspace: "KeySpace", name: str) -> None:
        self.keyspace = keyspace
        self.settings = keyspace.settings
        #: the store's byte budget (looked up once: every message charges and releases it)
        self.budget: Budget = keyspace.store.budget
        self.name = name
        #: the ``"k":..,"c":..`` part of every envelope on this channel
        self.location = '"k":%s,"c":%s' % (encode_string(keyspace.sub_key), encode_string(name))
        self.events: Deque[Event] = deque()
        self.history: List[StoredMessage] = []
        self._history_tts: List[int] = []
        self.actions: List[Action] = []
        self._action_tts: List[int] = []
        self.actions_by_message: Dict[int, List[Action]] = {}
        self.occupants: Dict[str, Occupant] = {}
        self.waiters: Set[Any] = set()

    def is_idle(self, now: float) -> bool:
        """True when nothing is kept here any more (the channel can be dropped)."""
        events = self.events
        live_events = bool(events) and events[-1].created >= now - self.settings.catchup_seconds
        return not (live_events or self.history or self.actions or self.occupants or self.waiters)

    def _let_go(self, event: Event) -> None:
        """``event`` left the window or history: release it once it is in neither."""
        if not event.in_window and event.stored is None:
            self.budget.release(event)

    # ----- subscribe stream -------------------------------------------------------------
    def push_event(self, event: Event) -> None:
        """Append to the catch-up buffer (charged to the budget) and wake every subscriber waiting here."""
        events = self.events
        settings = self.settings
        horizon = event.created - settings.catchup_seconds
        limit = max(1, settings.catchup_messages)
        while events and (len(events) >= limit or events[0].created < horizon):
            old = events.popleft()
            old.in_window = False
            if old.stored is None:  # in history no more either: released
                self.budget.release(old)
        event.channel = self
        event.in_window = True
        events.append(event)
        self.budget.add(event, getsizeof(event.plain) + ITEM_OVERHEAD)  # event.size()
        if self.waiters:
            for waiter in tuple(self.waiters):
                waiter.notify()

    def events_after(self, seq: int, now: float) -> List[Event]:
        """Buffered events with a sequence timetoken after ``seq``, oldest first."""
        horizon = now - self.settings.catchup_seconds
        found: List[Event] = []
        for event in reversed(self.events):
            if event.seq <= seq or event.created < horizon:
                break
            found.append(event)
        found.reverse()
        return found

    def add_waiter(self, waiter: Any) -> None:
        self.waiters.add(waiter)

    def discard_waiter(self, waiter: Any) -> None:
        self.waiters.discard(waiter)

    def drop_window(self) -> None:
        """Forget the whole catch-up window (the budget's eviction, never part of it)."""
        events = self.events
        self.events = deque()
        for event in events:
            event.in_window = False
            self._let_go(event)

    def drop_all(self) -> None:
        """Release everything this channel holds (it is being dropped)."""
        self.drop_window()
        for message in self.history:
            message.event.stored = None
            self._let_go(message.event)
        self.history = []
        self._history_tts = []
        for action in self.actions:
            self.budget.release(action)
        self.actions = []
        self._action_tts = []
        self.actions_by_message = {}

    # ----- history ----------------------------------------------------------------------
    def store_message(self, message: StoredMessage) -> None:
        """Keep a message, ordered by timetoken (``ptto`` may insert in the past); capped."""
        event = message.event
        if not event.charged:  # already evicted by the budget (larger than all of it)
            return
        event.stored = message
        tts = self._history_tts
        if not tts or message.tt >= tts[-1]:
            tts.append(message.tt)
            self.history.append(message)
        else:
            index = bisect_right(tts, message.tt)
            tts.insert(index, message.tt)
            self.history.insert(index, message)
        if len(tts) > self.settings.history_per_channel:
            del tts[0]
            oldest = self.history.pop(0).event
            oldest.stored = None
            if not oldest.in_window:  # in the catch-up window no more either: released
                self.budget.release(oldest)

    def forget_message(self, message: StoredMessage) -> None:
        """Remove one message from history (the budget's eviction)."""
        tts = self._history_tts
        index = bisect_left(tts, message.tt)
        while index < len(tts) and tts[index] == message.tt:
            if self.history[index] is message:
                del tts[index]
                del self.history[index]
                break
            index += 1
        message.event.stored = None
        self._let_go(message.event)

    def _range(self, start: Optional[int], end: Optional[int]) -> "tuple[int, int]":
        """Indices of messages with ``end <= tt < start`` (either bound optional)."""
        tts = self._history_tts
        low = bisect_left(tts, end) if end is not None else 0
        high = bisect_left(tts, start) if start is not None else len(tts)
        return low, max(low, high)

    def history_slice(self, start: Optional[int], end: Optional[int], wall_now: float) -> List[StoredMessage]:
        """Stored, unexpired messages with ``end <= tt < start``, oldest first."""
        low, high = self._range(start, end)
        return [m for m in self.history[low:high] if m.expires is None or m.expires > wall_now]

    def count_after(self, tt: int, wall_now: float, cap: int = 10_000) -> int:
        """Stored, unexpired messages with a timetoken after ``tt`` (capped like the service)."""
        low = bisect_right(self._history_tts, tt)
        found = sum(1 for m in self.history[low:] if m.expires is None or m.expires > wall_now)
        return min(found, cap)

    def delete_history(self, start: Optional[int], end: Optional[int]) -> int:
        """Delete messages with ``end <= tt < start``; returns how many went."""
        low, high = self._range(start, end)
        removed = self.history[low:high]
        del self.history[low:high]
        del self._history_tts[low:high]
        for message in removed:
            message.event.stored = None
            self._let_go(message.event)
        return high - low

    # ----- message actions ----------------------------------------------------------------
    def add_action(self, action: Action) -> bool:
        """Attach ``action``; False when the same uuid already added this type/value here."""
        for existing in self.actions_by_message.get(action.message_tt, ()):
            if existing.type == action.type and existing.value == action.value and existing.uuid == action.uuid:
                return False
        index = bisect_right(self._action_tts, action.action_tt)
        self._action_tts.insert(index, action.action_tt)
        self.actions.insert(index, action)
        self.actions_by_message.setdefault(action.message_tt, []).append(action)
        action.channel = self
        if len(self.actions) > self.settings.actions_per_channel:
            self._forget_action(0)
        self.budget.add(action, action.size())
        return True

    def _forget_action(self, index: int) -> Action:
        action = self.actions.pop(index)
        del self._action_tts[index]
        self.budget.release(action)
        siblings = self.actions_by_message.get(action.message_tt)
        if siblings is not None:
            siblings.remove(action)
            if not siblings:
                del self.actions_by_message[action.message_tt]
        return action

    def find_action(self, message_tt: int, action_tt: int) -> Optional[Action]:
        for action in self.actions_by_message.get(message_tt, ()):
            if action.action_tt == action_tt:
                return action
        return None

    def remove_action(self, action: Action) -> None:
        if action in self.actions:
            self._forget_action(self.actions.index(action))

    def actions_slice(self, start: Optional[int], end: Optional[int]) -> List[Action]:
        """Actions with ``end <= action timetoken < start``, ascending."""
        tts = self._action_tts
        low = bisect_left(tts, end) if end is not None else 0
        high = bisect_left(tts, start) if start is not None else len(tts)
        return self.actions[low:high] if high > low else []

    def actions_for(self, message_tt: int) -> List[Action]:
        return list(self.actions_by_message.get(message_tt, ()))


class KeySpace:
    """Channels, channel groups and the presence index of one subscribe key."""

    def __init__(self, store: "Store", sub_key: str) -> None:
        self.store = store
        self.settings = store.settings
        self.sub_key = sub_key
        self.channels: "OrderedDict[str, Channel]" = OrderedDict()
        self.groups: Dict[str, Dict[str, None]] = {}
        #: uuid -> names of channels it occupies (kept by ``pubnub.testing.presence``)
        self.where: Dict[str, Set[str]] = {}
        self.sections: Dict[type, Any] = {}

    def section(self, kind: Type[T]) -> T:
        """This key space's ``kind`` data (``kind(keyspace)``), created on first use."""
        found = self.sections.get(kind)
        if found is None:
            found = self.sections[kind] = kind(self)  # type: ignore[call-arg]
        return found

    def find(self, name: str) -> Optional[Channel]:
        return self.channels.get(name)

    def channel(self, name: str) -> Channel:
        """The channel called ``name``, created on first use (least recently used evicted)."""
        channels = self.channels
        found = channels.get(name)
        if found is not None:
            channels.move_to_end(name)
            return found
        if len(channels) >= self.settings.max_channels:
            self._evict_one()
        created = channels[name] = Channel(self, name)
        return created

    def _evict_one(self) -> None:
        for _, (name, candidate) in zip(range(64), self.channels.items()):
            if not candidate.waiters and not candidate.occupants:
                del self.channels[name]
                candidate.drop_all()
                return

    def drop_all(self) -> None:
        """Release everything this key space holds (it is being dropped)."""
        for channel in self.channels.values():
            channel.drop_all()
        for section in self.sections.values():
            drop = getattr(section, "drop_all", None)
            if drop is not None:
                drop()

    def has_waiters(self) -> bool:
        return any(channel.waiters for channel in self.channels.values())

    def drop_idle_channels(self, now: float) -> int:
        idle = [name for name, channel in self.channels.items() if channel.is_idle(now)]
        for name in idle:
            self.channels.pop(name).drop_all()
        return len(idle)

    # ----- channel groups ------------------------------------------------------------------
    def group_channels(self, group: str) -> List[str]:
        return list(self.groups.get(group, ()))

    def add_channels_to_group(self, group: str, channels: Iterable[str]) -> None:
        """Add channels to ``group`` (created on demand); ``CapacityError`` beyond the caps."""
        members = self.groups.get(group)
        if members is None:
            if len(self.groups) >= self.settings.max_groups:
                raise CapacityError("too many channel groups")
            members = {}
        names = [name for name in dict.fromkeys(channels) if name not in members]
        if len(members) + len(names) > self.settings.max_channels_per_group:
            raise CapacityError("too many channels in group %r" % group)  # nothing was added
        for name in names:
            members[name] = None
        self.groups[group] = members

    def remove_channels_from_group(self, group: str, channels: Iterable[str]) -> None:
        members = self.groups.get(group)
        if members is not None:
            for name in channels:
                members.pop(name, None)
            if not members:  # an empty group lists like one that never existed
                del self.groups[group]

    def remove_group(self, group: str) -> None:
        self.groups.pop(group, None)


class Store:
    """All key spaces of one server plus its timetoken clock."""

    def __init__(self, settings: Optional[ServerSettings] = None, wall_clock: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings if settings is not None else ServerSettings()
        self.wall_clock = wall_clock
        self.monotonic = monotonic
        self.keyspaces: "OrderedDict[str, KeySpace]" = OrderedDict()
        #: bytes of everything stored for clients, against ``max_stored_bytes``
        self.budget = Budget(store_limit(self.settings.max_stored_bytes))
        self._last_timetoken = 0
        self.sections: Dict[type, Any] = {}

    def section(self, kind: Type[T]) -> T:
        """The server-wide ``kind`` data (``kind(store)``), created on first use."""
        found = self.sections.get(kind)
        if found is None:
            found = self.sections[kind] = kind(self)  # type: ignore[call-arg]
        return found

    def next_timetoken(self) -> int:
        """A fresh 17-digit timetoken (100 ns units), greater than every one issued before."""
        if self.wall_clock is time.time:
            candidate = time.time_ns() // 100  # exact: a float has too few digits for 100 ns steps
        else:
            candidate = int(self.wall_clock() * 10_000_000)
        if candidate <= self._last_timetoken:
            candidate = self._last_timetoken + 1
        self._last_timetoken = candidate
        return candidate

    def keyspace(self, sub_key: str) -> KeySpace:
        keyspaces = self.keyspaces
        found = keyspaces.get(sub_key)
        if found is not None:
            keyspaces.move_to_end(sub_key)
            return found
        if len(keyspaces) >= self.settings.max_keyspaces:
            for name, candidate in list(keyspaces.items())[:16]:
                if not candidate.has_waiters():
                    del keyspaces[name]
                    candidate.drop_all()
                    break
        created = keyspaces[sub_key] = KeySpace(self, sub_key)
        return created

    def drop_idle_channels(self) -> int:
        now = self.monotonic()
        return sum(keyspace.drop_idle_channels(now) for keyspace in list(self.keyspaces.values()))
