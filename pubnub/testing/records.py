"""The records the test server's store keeps: message events, history entries, actions, occupants.

Layer: test server (pure data). ``pubnub.testing.store`` holds them in its channels; each record
that takes memory for clients (an ``Event``, an ``Action``) is its own charge on the store's
byte budget (``pubnub.testing.budget``).
"""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, Dict, Optional

from pubnub.testing.budget import Charge
from pubnub.testing.envelopes import encode_string

if TYPE_CHECKING:
    from pubnub.testing.store import Channel

__all__ = ["ITEM_OVERHEAD", "Action", "Event", "Occupant", "StoredMessage"]


#: What one stored event, history entry, action or file costs besides its strings and bytes: the
#: objects themselves, their index entries (timetoken lists, deques) and their budget charge.
ITEM_OVERHEAD = 320


class Event(Charge):
    """One message or event, serialised once: the one form kept for the catch-up window and history.

    ``plain`` is the subscribe envelope (JSON text); a user message's payload and ``meta`` are
    its tail (``"u":<meta>,"d":<payload>}``), so history answers slice them out instead of
    keeping copies (``payload_len``/``meta_len``). ``with_subscription(b)`` adds the ``b``
    field (channel-group and presence deliveries). ``meta`` (decoded on use) and ``publisher``
    serve filter expressions, which apply to user messages only.

    The event is charged to the store's byte budget while it is in its channel's catch-up
    window (``in_window``) or in history (``stored``), and released when it is in neither.
    """

    __slots__ = ("channel", "created", "in_window", "meta_len", "payload_len", "plain", "publisher",
                 "seq", "stored", "user")

    def __init__(self, seq: int, created: float, head: str, user: bool = False,
                 publisher: Optional[str] = None, payload_len: int = 0, meta_len: int = 0) -> None:
        self.seq = seq
        self.created = created
        self.plain = head + "}"
        self.user = user
        self.publisher = publisher
        self.payload_len = payload_len
        self.meta_len = meta_len
        self.charged = 0
        self.channel: Optional[Channel] = None
        self.in_window = False
        self.stored: Optional[StoredMessage] = None

    def with_subscription(self, subscription: str) -> str:
        return '%s,"b":%s}' % (self.plain[:-1], encode_string(subscription))

    @property
    def payload(self) -> str:
        """The message's JSON text (a user message)."""
        plain = self.plain
        return plain[len(plain) - 1 - self.payload_len:-1]

    @property
    def meta_text(self) -> Optional[str]:
        """The message's ``meta`` JSON text, or None."""
        if not self.meta_len:
            return None
        end = len(self.plain) - 1 - self.payload_len - 5  # before ',"d":'
        return self.plain[end - self.meta_len:end]

    @property
    def meta(self) -> Any:
        """The decoded ``meta`` (for filter expressions), or None."""
        text = self.meta_text
        return json.loads(text) if text is not None else None

    def size(self) -> int:
        return sys.getsizeof(self.plain) + ITEM_OVERHEAD

    def evict(self) -> None:
        """The budget's eviction: the channel's whole catch-up window goes, then this history entry."""
        channel = self.channel
        if channel is None:
            return
        if self.in_window:
            channel.drop_window()
        if self.stored is not None:
            channel.forget_message(self.stored)


class StoredMessage:
    """A message in history: its timetoken (``ptto`` may differ from the event's), expiry and event.

    ``payload``/``meta`` are JSON texts (sliced from the event's envelope), embedded as they are.
    """

    __slots__ = ("event", "expires", "tt")

    def __init__(self, tt: int, event: Event, expires: Optional[float]) -> None:
        self.tt = tt
        self.event = event
        self.expires = expires

    @property
    def payload(self) -> str:
        return self.event.payload

    @property
    def meta(self) -> Optional[str]:
        return self.event.meta_text

    @property
    def publisher(self) -> Optional[str]:
        return self.event.publisher


class Action(Charge):
    """A message action (reaction, receipt ...) attached to a message timetoken."""

    __slots__ = ("action_tt", "channel", "message_tt", "type", "uuid", "value")

    def __init__(self, message_tt: int, action_tt: int, type_: str, value: str, uuid: str) -> None:
        self.message_tt = message_tt
        self.action_tt = action_tt
        self.type = type_
        self.value = value
        self.uuid = uuid
        self.charged = 0
        self.channel: Optional[Channel] = None

    def size(self) -> int:
        return sys.getsizeof(self.type) + sys.getsizeof(self.value) + sys.getsizeof(self.uuid) + ITEM_OVERHEAD

    def evict(self) -> None:
        if self.channel is not None:
            self.channel.remove_action(self)

    def as_dict(self) -> Dict[str, str]:
        """The recorded ``data`` item shape (timetokens as strings)."""
        return {"type": self.type, "value": self.value, "actionTimetoken": str(self.action_tt),
                "messageTimetoken": str(self.message_tt), "uuid": self.uuid}


class Occupant:
    """Presence of one uuid on one channel (``present`` False: only its state is kept)."""

    __slots__ = ("expires", "present", "state", "timeout", "uuid")

    def __init__(self, uuid: str, timeout: int, expires: float) -> None:
        self.uuid = uuid
        self.state: Optional[Dict[str, Any]] = None
        self.timeout = timeout
        self.expires = expires
        self.present = False
