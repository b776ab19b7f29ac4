"""From one subscribe-stream message object to the listener call it produces; the listener registry.

Layer: core (pure). No I/O, no clock, no threads; must not import tornado, requests or asyncio.
How listener calls are run (directly on an IOLoop, or queued for a worker thread) is decided by
the client's driver through ``ListenerManager.set_deliver``.

Dispatch rules (``c`` channel, ``b`` subscription match, ``d`` payload, ``e`` type, ``i``
publisher, ``u`` publish meta, ``p.t`` publish timetoken):

* ``c`` ends with ``-pnpres``   -> ``presence(PNPresenceEventResult)`` (``u`` as ``user_metadata``)
* ``e == 2`` (objects)          -> ``channel`` / ``uuid`` / ``membership`` by ``d.type``
* ``e == 4`` (file)             -> ``file(PNFileMessageResult)``, decrypted with a cipher key
* ``e == 3`` (message action)   -> ``message_action(PNMessageActionResult)`` with ``event``
  ``"added"``/``"removed"``; never decrypted (the service writes these events itself)
* ``e == 1`` (signal)           -> ``signal(PNSignalMessageResult)``; never decrypted (signals are
  never encrypted when sent)
* otherwise                     -> ``message(PNMessageResult)`` with ``user_metadata`` = ``u``,
  decrypted with a cipher key. A payload that cannot be decrypted is announced as a
  ``PNDecryptionErrorCategory`` status and then delivered as received.
"""
from __future__ import annotations

import importlib
import logging
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple

from pubnub._context import ClientContext
from pubnub._subscription_state import PRESENCE_SUFFIX
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.pn_error_data import PNErrorData
from pubnub.models.consumer.pubsub import (
    PNFileMessageResult,
    PNMessageActionResult,
    PNMessageResult,
    PNPresenceEventResult,
    PNSignalMessageResult,
)
from pubnub.utils import strip_right

logger = logging.getLogger("pubnub")

Notification = Tuple[str, Any]  # (SubscribeCallback method name, its argument)

_OBJECT_EVENTS = {  # d.type -> (callback, module, result class): the 4.8.1 homes of these models
    "channel": ("channel", "pubnub.models.consumer.objects_v2.channel", "PNChannelMetadataResult"),
    "uuid": ("uuid", "pubnub.models.consumer.objects_v2.uuid", "PNUUIDMetadataResult"),
    "membership": ("membership", "pubnub.models.consumer.objects_v2.memberships", "PNMembershipResult"),
}


class ListenerManager:
    """The registered ``SubscribeCallback`` objects; every listener gets every event.

    A listener that raises is logged on the ``pubnub`` logger and the others still run: user
    code can never stop the subscription.
    """

    def __init__(self, pubnub: ClientContext) -> None:
        self._pubnub = pubnub
        # Replaced, never mutated: each notification keeps the tuple of its moment without
        # copying it (a listener added by a callback gets the events that follow, not that one).
        self._listeners: Tuple[Any, ...] = ()
        self._deliver: Callable[[Callable[[], None]], None] = _call_now

    def set_deliver(self, deliver: Callable[[Callable[[], None]], None]) -> None:
        """Choose how notifications run (default: immediately, on the caller's thread)."""
        self._deliver = deliver

    def add_listener(self, listener: Any) -> None:
        self._listeners = (*self._listeners, listener)

    def remove_listener(self, listener: Any) -> None:
        listeners = self._listeners
        if listener in listeners:
            index = listeners.index(listener)
            self._listeners = listeners[:index] + listeners[index + 1:]

    @property
    def listeners(self) -> List[Any]:
        return list(self._listeners)

    def announce_status(self, status: Any) -> None:
        self.notify("status", status)

    def notify(self, method: str, event: Any) -> None:
        """Hand ``event`` to ``method`` of every listener (through the delivery hook)."""
        listeners = self._listeners
        if not listeners:
            return
        if self._deliver is not _call_now:
            self._deliver(lambda: self._call_all(listeners, method, event))
            return
        # Runs once per message: ``_call_all`` inlined, and no closure when nothing defers.
        pubnub = self._pubnub
        for listener in listeners:
            callback = getattr(listener, method, None)
            if callback is None:
                continue
            try:
                callback(pubnub, event)
            except Exception:
                logger.exception("A listener's %s() callback raised; the subscription goes on", method)

    def _call_all(self, listeners: Sequence[Any], method: str, event: Any) -> None:
        for listener in listeners:
            callback = getattr(listener, method, None)
            if callback is None:
                continue
            try:
                callback(self._pubnub, event)
            except Exception:
                logger.exception("A listener's %s() callback raised; the subscription goes on", method)


def _call_now(call: Callable[[], None]) -> None:
    call()


def decryption_error_status(channel: Any, error: Exception) -> PNStatus:
    status = PNStatus()
    status.category = PNStatusCategory.PNDecryptionErrorCategory
    status.operation = PNOperationType.PNSubscribeOperation
    status.error = True
    status.error_data = PNErrorData(str(error), error)
    status.affected_channels = [channel]
    return status


def _decrypt(config: Any, channel: Any, payload: Any, out: List[Notification]) -> Any:
    """The decrypted payload; on failure a decryption-error status and the payload unchanged."""
    cipher_key = config.cipher_key
    if not cipher_key:
        return payload
    try:
        if not isinstance(payload, str):
            raise ValueError("the payload is %s, not an encrypted string" % type(payload).__name__)
        return config.crypto.decrypt(cipher_key, payload)
    except Exception as e:
        logger.warning("Could not decrypt a message on %s: %s", channel, type(e).__name__)
        out.append(("status", decryption_error_status(channel, e)))
        return payload


def _presence(raw: Mapping[str, Any], channel: str, subscription: Optional[str], timetoken: int) -> Any:
    data = raw["d"]
    if not isinstance(data, Mapping):
        raise ValueError("presence payload is not an object")
    if subscription is not None:
        subscription = strip_right(subscription, PRESENCE_SUFFIX)
    return PNPresenceEventResult(
        event=data.get("action"), uuid=data.get("uuid"), timestamp=data.get("timestamp"),
        occupancy=data.get("occupancy"), subscription=subscription,
        channel=strip_right(channel, PRESENCE_SUFFIX), timetoken=timetoken, state=data.get("data"),
        join=data.get("join"), leave=data.get("leave"), timeout=data.get("timeout"),
        user_metadata=raw.get("u"))


def _object_event(payload: Any) -> Optional[Notification]:
    if not isinstance(payload, Mapping):
        raise ValueError("objects payload is not an object")
    target = _OBJECT_EVENTS.get(payload.get("type"))  # type: ignore[arg-type]
    if target is None:
        return None
    method, module_name, class_name = target
    model = getattr(importlib.import_module(module_name), class_name)
    return method, model(event=payload.get("event"), data=payload.get("data"))


def _file_url(pubnub: Any, channel: str, file_id: Any, file_name: Any) -> Any:
    """The download URL, computed without a request (None when the client cannot build it)."""
    factory = getattr(pubnub, "get_file_url", None)
    if factory is None or file_id is None or file_name is None:
        return None
    try:
        return factory().channel(channel).file_id(file_id).file_name(file_name).get_complete_url()
    except Exception:
        logger.warning("Could not build the download URL of a file event on %s", channel)
        return None


def notifications_for(pubnub: Any, raw: Mapping[str, Any]) -> List[Notification]:
    """The listener calls one stream message produces (see the module docstring)."""
    channel = raw["c"]
    payload = raw["d"]
    timetoken = int(raw["p"]["t"])
    subscription = raw.get("b")
    if subscription == channel:
        subscription = None
    publisher = raw.get("i")
    kind = raw.get("e") or 0
    if not kind and not (isinstance(channel, str) and channel.endswith(PRESENCE_SUFFIX)):
        # The common case first, tested once; the same outcome as the last branch below.
        config = pubnub.config
        if not config.cipher_key:
            return [("message", PNMessageResult(payload, subscription, channel, timetoken, raw.get("u"), publisher))]
    out: List[Notification] = []

    if isinstance(channel, str) and channel.endswith(PRESENCE_SUFFIX):
        out.append(("presence", _presence(raw, channel, subscription, timetoken)))
    elif kind == 2:
        event = _object_event(payload)
        if event is not None:
            out.append(event)
    elif kind == 3:
        if not isinstance(payload, Mapping) or not isinstance(payload.get("data"), Mapping):
            raise ValueError("message-action payload has no data object")
        data = dict(payload["data"])
        if data.get("uuid") is None:
            data["uuid"] = publisher
        out.append(("message_action", PNMessageActionResult(data, event=payload.get("event"))))
    elif kind == 1:
        out.append(("signal", PNSignalMessageResult(payload, subscription, channel, timetoken,
                                                    user_metadata=raw.get("u"), publisher=publisher)))
    elif kind == 4:
        content = _decrypt(pubnub.config, channel, payload, out)
        if not isinstance(content, Mapping):
            content = {"message": content}
        file_info = content.get("file") if isinstance(content.get("file"), Mapping) else {}
        file_id, file_name = file_info.get("id"), file_info.get("name")
        out.append(("file", PNFileMessageResult(
            content.get("message"), subscription, channel, timetoken, publisher,
            _file_url(pubnub, channel, file_id, file_name), file_id, file_name)))
    else:
        message = _decrypt(pubnub.config, channel, payload, out)
        out.append(("message", PNMessageResult(message, subscription, channel, timetoken,
                                               user_metadata=raw.get("u"), publisher=publisher)))
    return out
