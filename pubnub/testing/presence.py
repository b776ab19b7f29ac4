"""Presence bookkeeping: who is on which channel, their state, join/leave/timeout events.

Layer: test server. No I/O: the HTTP layer calls ``sweep()`` periodically. Events go to the
``<channel>-pnpres`` channel's catch-up buffer, so subscribers (directly or through a
``<group>-pnpres`` group) receive them like messages (CORE §6.4, MORE §1.7).

Rules: a uuid joins a channel on its first subscribe or heartbeat there; every subscribe or
heartbeat refreshes it when it arrives (holding a long-poll open does not: a uuid whose
heartbeats stop times out even while one of its subscribe long-polls is still held, as the
service does and 4.x's tests expect); it leaves on ``leave`` and times out ``timeout`` seconds
(the request's ``heartbeat`` value, default 300) after its last sign of life. The state of a
uuid that is not present is kept for one presence timeout, then dropped. Occupants per
channel are capped (the longest-silent one times out first).
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Tuple

from pubnub.testing.envelopes import presence_head
from pubnub.testing.records import Event, Occupant
from pubnub.testing.store import PRESENCE_SUFFIX, Channel, KeySpace, Store

_MAX_SAVED_STATES = 100_000


class PresenceTracker:
    """Joins, leaves, timeouts and state of every uuid, per key space."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.settings = store.settings
        #: (sub key, channel, uuid) -> (state, expiry): state of uuids that are not present
        self._saved: Dict[Tuple[str, str, str], Tuple[Dict[str, Any], float]] = {}

    # ----- events ------------------------------------------------------------------------
    def _emit(self, keyspace: KeySpace, channel: Channel, action: str, uuid: str,
              state: Optional[Dict[str, Any]]) -> None:
        store = self.store
        target = keyspace.channel(channel.name + PRESENCE_SUFFIX)
        seq = store.next_timetoken()
        head = presence_head(target.location, seq, self.settings.region, action, uuid, int(store.wall_clock()),
                             len(channel.occupants), state)
        target.push_event(Event(seq, store.monotonic(), head))

    # ----- arrival / departure -------------------------------------------------------------
    def _timeout_for(self, timeout: Optional[int]) -> int:
        return timeout if timeout is not None and timeout > 0 else self.settings.presence_timeout

    def touch(self, keyspace: KeySpace, uuid: Optional[str], names: Iterable[str], timeout: Optional[int] = None,
              states: Optional[Dict[str, Any]] = None) -> None:
        """A sign of life of ``uuid`` on ``names`` (subscribe or heartbeat): join or refresh."""
        if not uuid:
            return
        seconds = self._timeout_for(timeout)
        expires = self.store.monotonic() + seconds
        for name in names:
            channel = keyspace.channel(name)
            occupant = channel.occupants.get(uuid)
            new_state = states.get(name) if states else None
            if occupant is None:
                self._join(keyspace, channel, uuid, seconds, expires, new_state)
                continue
            occupant.timeout = seconds
            occupant.expires = expires
            if isinstance(new_state, dict) and new_state != occupant.state:
                occupant.state = new_state or None
                self._emit(keyspace, channel, "state-change", uuid, occupant.state)

    def _join(self, keyspace: KeySpace, channel: Channel, uuid: str, seconds: int, expires: float,
              state: Any) -> None:
        occupants = channel.occupants
        if len(occupants) >= self.settings.max_occupants_per_channel:
            oldest = min(occupants.values(), key=lambda o: o.expires)
            self._depart(keyspace, channel, oldest, "timeout")
        occupant = Occupant(uuid, seconds, expires)
        saved = self._saved.pop((keyspace.sub_key, channel.name, uuid), None)
        if isinstance(state, dict):
            occupant.state = state or None
        elif saved is not None:
            occupant.state = saved[0]
        occupants[uuid] = occupant
        keyspace.where.setdefault(uuid, set()).add(channel.name)
        self._emit(keyspace, channel, "join", uuid, occupant.state)

    def _depart(self, keyspace: KeySpace, channel: Channel, occupant: Occupant, action: str) -> None:
        del channel.occupants[occupant.uuid]
        where = keyspace.where.get(occupant.uuid)
        if where is not None:
            where.discard(channel.name)
            if not where:
                del keyspace.where[occupant.uuid]
        if occupant.state is not None:
            self._save_state(keyspace, channel.name, occupant.uuid, occupant.state)
        self._emit(keyspace, channel, action, occupant.uuid, None)

    def leave(self, keyspace: KeySpace, uuid: Optional[str], names: Iterable[str]) -> None:
        if not uuid:
            return
        for name in names:
            channel = keyspace.find(name)
            occupant = channel.occupants.get(uuid) if channel is not None else None
            if channel is not None and occupant is not None:
                self._depart(keyspace, channel, occupant, "leave")

    def sweep(self) -> int:
        """Time out silent occupants and drop expired saved state; returns the timeouts."""
        now = self.store.monotonic()
        count = 0
        for keyspace in list(self.store.keyspaces.values()):
            for uuid, names in list(keyspace.where.items()):
                for name in list(names):
                    channel = keyspace.find(name)
                    occupant = channel.occupants.get(uuid) if channel is not None else None
                    if channel is None or occupant is None:
                        names.discard(name)
                    elif occupant.expires <= now:
                        self._depart(keyspace, channel, occupant, "timeout")
                        count += 1
                if not names:
                    keyspace.where.pop(uuid, None)
        expired = [key for key, (_, expiry) in self._saved.items() if expiry <= now]
        for key in expired:
            del self._saved[key]
        return count

    # ----- state ---------------------------------------------------------------------------
    def _save_state(self, keyspace: KeySpace, name: str, uuid: str, state: Optional[Dict[str, Any]]) -> None:
        key = (keyspace.sub_key, name, uuid)
        self._saved.pop(key, None)
        if state:
            if len(self._saved) >= _MAX_SAVED_STATES:
                del self._saved[next(iter(self._saved))]
            self._saved[key] = (state, self.store.monotonic() + self.settings.presence_timeout)

    def set_state(self, keyspace: KeySpace, uuid: str, names: Iterable[str], state: Dict[str, Any]) -> None:
        """Set (``{}`` clears) the state of ``uuid`` on ``names``; present uuids announce it."""
        for name in names:
            channel = keyspace.find(name)
            occupant = channel.occupants.get(uuid) if channel is not None else None
            if channel is not None and occupant is not None:
                occupant.state = state or None
                self._emit(keyspace, channel, "state-change", uuid, occupant.state)
            else:
                self._save_state(keyspace, name, uuid, state)

    def get_state(self, keyspace: KeySpace, uuid: str, name: str) -> Optional[Dict[str, Any]]:
        channel = keyspace.find(name)
        occupant = channel.occupants.get(uuid) if channel is not None else None
        if occupant is not None:
            return occupant.state
        saved = self._saved.get((keyspace.sub_key, name, uuid))
        return saved[0] if saved is not None else None

    # ----- queries ---------------------------------------------------------------------------
    def occupants(self, keyspace: KeySpace, name: str) -> List[Occupant]:
        channel = keyspace.find(name)
        return list(channel.occupants.values()) if channel is not None else []

    def occupied_channels(self, keyspace: KeySpace) -> List[str]:
        return [name for name, channel in keyspace.channels.items() if channel.occupants]

    def where_now(self, keyspace: KeySpace, uuid: str) -> List[str]:
        return sorted(keyspace.where.get(uuid, ()))
