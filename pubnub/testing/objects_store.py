"""Objects v2 data: uuid and channel metadata, memberships (MORE §6.2-§6.6).

Layer: test server. Pure data, no I/O: ``ObjectsData`` is a key-space section. A membership
is one ``Membership`` object indexed both ways (uuid -> channels, channel -> uuids), so a
uuid's memberships and a channel's members are always the same facts. Memberships do not
need metadata to exist (recorded: ``{"channel": {"id": ...}}`` for a channel without any), and
removing metadata keeps them.

Caps (``ServerSettings``): ``max_object_uuids``, ``max_object_channels``,
``max_memberships_per_uuid``, ``max_members_per_channel``, ``max_memberships``; a change that
would pass one raises ``CapacityError`` and changes nothing. ``custom`` objects are checked
by the handlers (``max_custom_bytes``). Metadata and memberships are charged to the store's
byte budget (``max_stored_bytes``), which may evict the oldest of them.

``updated`` is ISO-8601 with microseconds and ``Z``; ``eTag`` is derived from the content,
so equal content has equal tags (as in the recorded answers).
"""
from __future__ import annotations

import base64
import hashlib
import json
import sys
from collections import OrderedDict
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Tuple

from pubnub.testing.store import CapacityError

if TYPE_CHECKING:
    from pubnub.testing.budget import Budget, Charge
    from pubnub.testing.store import KeySpace

#: what one metadata object or membership costs besides its strings (objects, dicts, indexes)
_OVERHEAD = 1024


def _custom_size(custom: Optional[Dict[str, Any]]) -> int:
    """A generous estimate of a decoded ``custom`` object's memory (its values are scalars)."""
    return 0 if not custom else 4 * len(json.dumps(custom)) + sys.getsizeof(custom)

UUID, CHANNEL = "uuid", "channel"
#: the metadata fields besides ``id``/``custom``/``updated``/``eTag``, in the recorded order
FIELDS = {UUID: ("name", "externalId", "profileUrl", "email"), CHANNEL: ("name", "description")}


def iso_time(wall: float) -> str:
    return datetime.fromtimestamp(wall, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def etag(content: Any) -> str:
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).digest()
    return base64.b64encode(digest[:10]).decode("ascii").rstrip("=")


class Meta:
    """Metadata of one uuid or channel."""

    __slots__ = ("charge", "custom", "eTag", "fields", "id", "kind", "updated")

    def __init__(self, kind: str, id_: str) -> None:
        self.kind = kind
        self.id = id_
        self.fields: Dict[str, Optional[str]] = dict.fromkeys(FIELDS[kind])
        self.custom: Optional[Dict[str, Any]] = None
        self.updated = ""
        self.eTag = ""
        self.charge: "Optional[Charge]" = None

    def size(self) -> int:
        strings = sum(sys.getsizeof(value) for value in self.fields.values() if isinstance(value, str))
        return sys.getsizeof(self.id) + strings + _custom_size(self.custom) + _OVERHEAD

    def as_dict(self, with_custom: bool) -> Dict[str, Any]:
        found: Dict[str, Any] = {"id": self.id}
        found.update(self.fields)
        if with_custom:
            found["custom"] = self.custom
        found["updated"] = self.updated
        found["eTag"] = self.eTag
        return found


class Membership:
    """``uuid`` is a member of ``channel``, with its own ``custom``."""

    __slots__ = ("channel", "charge", "custom", "eTag", "updated", "uuid")

    def __init__(self, uuid: str, channel: str) -> None:
        self.uuid = uuid
        self.channel = channel
        self.custom: Optional[Dict[str, Any]] = None
        self.updated = ""
        self.eTag = ""
        self.charge: "Optional[Charge]" = None

    def size(self) -> int:
        return sys.getsizeof(self.uuid) + sys.getsizeof(self.channel) + _custom_size(self.custom) + _OVERHEAD


Pair = Tuple[str, str]  # (uuid, channel)


class ObjectsData:
    """Everything Objects v2 keeps for one key space."""

    def __init__(self, keyspace: "KeySpace") -> None:
        self.settings = keyspace.settings
        self.budget: "Budget" = keyspace.store.budget
        self.metadata: Dict[str, "OrderedDict[str, Meta]"] = {UUID: OrderedDict(), CHANNEL: OrderedDict()}
        self.memberships: Dict[str, "OrderedDict[str, Membership]"] = {}  # uuid -> channel -> membership
        self.members: Dict[str, "OrderedDict[str, Membership]"] = {}  # channel -> uuid -> membership
        self.total = 0

    # ----- metadata -----------------------------------------------------------------------
    def get(self, kind: str, id_: str) -> Optional[Meta]:
        return self.metadata[kind].get(id_)

    def all(self, kind: str) -> List[Meta]:
        return list(self.metadata[kind].values())

    def set(self, kind: str, id_: str, changes: Dict[str, Any], wall: float) -> Meta:
        """Apply ``changes`` (known fields and ``custom``; ``None`` clears); creates the object."""
        table = self.metadata[kind]
        meta = table.get(id_)
        if meta is None:
            cap = self.settings.max_object_uuids if kind == UUID else self.settings.max_object_channels
            if len(table) >= cap:
                raise CapacityError("Too many %s objects" % kind)
            meta = Meta(kind, id_)
        for name in FIELDS[kind]:
            if name in changes:
                meta.fields[name] = changes[name]
        if "custom" in changes:
            meta.custom = changes["custom"]
        meta.updated = iso_time(wall)
        meta.eTag = etag([meta.id, meta.fields, meta.custom])
        table[id_] = meta
        self.budget.release(meta.charge)  # charged anew: it is now the newest data

        def evict() -> None:
            self.remove(kind, id_)
        meta.charge = self.budget.charge(meta.size(), evict)
        return meta

    def remove(self, kind: str, id_: str) -> bool:
        meta = self.metadata[kind].pop(id_, None)
        if meta is None:
            return False
        self.budget.release(meta.charge)
        meta.charge = None
        return True

    def drop_all(self) -> None:
        """Release everything (the key space is being dropped)."""
        for table in self.metadata.values():
            for meta in table.values():
                self.budget.release(meta.charge)
        for by_channel in self.memberships.values():
            for membership in by_channel.values():
                self.budget.release(membership.charge)

    # ----- memberships ----------------------------------------------------------------------
    def memberships_of(self, uuid: str) -> List[Membership]:
        return list(self.memberships.get(uuid, {}).values())

    def members_of(self, channel: str) -> List[Membership]:
        return list(self.members.get(channel, {}).values())

    def find(self, uuid: str, channel: str) -> Optional[Membership]:
        found = self.memberships.get(uuid)
        return found.get(channel) if found is not None else None

    def _check_caps(self, deletes: Iterable[Pair], sets: Iterable[Pair]) -> None:
        per_uuid: Dict[str, int] = {}
        per_channel: Dict[str, int] = {}
        present = {pair for pair in deletes if self.find(*pair) is not None}
        change = -len(present)
        for uuid, channel in present:
            per_uuid[uuid] = per_uuid.get(uuid, 0) - 1
            per_channel[channel] = per_channel.get(channel, 0) - 1
        for pair in dict.fromkeys(sets):
            if self.find(*pair) is None or pair in present:
                uuid, channel = pair
                per_uuid[uuid] = per_uuid.get(uuid, 0) + 1
                per_channel[channel] = per_channel.get(channel, 0) + 1
                change += 1
        settings = self.settings
        if self.total + change > settings.max_memberships:
            raise CapacityError("Too many memberships")
        for uuid, delta in per_uuid.items():
            if len(self.memberships.get(uuid, ())) + delta > settings.max_memberships_per_uuid:
                raise CapacityError("Too many memberships for uuid %s" % uuid)
        for channel, delta in per_channel.items():
            if len(self.members.get(channel, ())) + delta > settings.max_members_per_channel:
                raise CapacityError("Too many members in channel %s" % channel)

    def change(self, deletes: List[Pair], sets: List[Tuple[str, str, Optional[Dict[str, Any]]]],
               wall: float) -> Tuple[List[Membership], List[Membership]]:
        """Delete then set memberships, all or nothing; returns (removed, set) memberships."""
        self._check_caps(deletes, [(uuid, channel) for uuid, channel, _ in sets])
        removed = [found for found in (self._unlink(uuid, channel) for uuid, channel in deletes) if found]
        stamp = iso_time(wall)
        touched = []
        for uuid, channel, custom in sets:
            membership = self.find(uuid, channel)
            if membership is None:
                membership = Membership(uuid, channel)
                self.memberships.setdefault(uuid, OrderedDict())[channel] = membership
                self.members.setdefault(channel, OrderedDict())[uuid] = membership
                self.total += 1
            membership.custom = custom
            membership.updated = stamp
            membership.eTag = etag([custom])
            self.budget.release(membership.charge)
            membership.charge = self.budget.charge(membership.size(), self._evictor(uuid, channel))
            touched.append(membership)
        return removed, touched

    def _evictor(self, uuid: str, channel: str) -> Callable[[], None]:
        def evict() -> None:
            self._unlink(uuid, channel)
        return evict

    def _unlink(self, uuid: str, channel: str) -> Optional[Membership]:
        by_channel = self.memberships.get(uuid)
        membership = by_channel.pop(channel, None) if by_channel is not None else None
        if membership is None:
            return None
        if not by_channel:
            del self.memberships[uuid]
        by_uuid = self.members[channel]
        del by_uuid[uuid]
        if not by_uuid:
            del self.members[channel]
        self.total -= 1
        self.budget.release(membership.charge)
        membership.charge = None
        return membership
