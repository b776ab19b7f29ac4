"""Time, publish (GET/POST, fire = ``store=0&norep=1``) and signal (CORE §3, §4; MORE §8).

Layer: test server. Handlers only: parse, check, then hand the message to the store
(history) and to the channel's catch-up buffer (subscribers). Answers
``[1,"Sent","<tt>"]``; errors use the recorded ``[0,"<text>","<tt>"]`` form with 400.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import unquote_to_bytes

from pubnub.testing.envelopes import message_head
from pubnub.testing.errors import ServiceError, publish_error
from pubnub.testing.records import Event, StoredMessage
from pubnub.testing.routing import Reply, Request, int_arg, parse_json, path_item, route

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

_STORE_VALUES = {"1": True, "true": True, "True": True, "0": False, "false": False, "False": False}


def handle_time(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /time/0`` -> ``[<17-digit timetoken>]`` (a number)."""
    return Reply(200, "[%d]" % ctx.store.next_timetoken())


def publish_message(ctx: "ServerContext", request: Request, sub_key: str, channel_segment: str, payload: bytes,
                    message_type: int = 0) -> Reply:
    """Deliver (and unless ``store=0``, store) a message; ``message_type`` 1 = signal, 4 = file message.

    Signals are never stored and take no ``meta``/``store``/``ttl``/``ptto``/``seqn``.
    """
    store = ctx.store
    settings = ctx.settings
    signal = message_type == 1

    def fail(text: str) -> ServiceError:
        return publish_error(text, store.next_timetoken())

    try:
        channel_name = path_item(channel_segment)
    except UnicodeDecodeError:
        raise fail("Invalid Channel") from None
    if not channel_name:
        raise fail("Invalid Channel")
    if signal:
        if len(payload) > settings.max_signal_bytes:
            raise fail("Signal size too large")
    elif len(payload) > settings.max_message_bytes:
        raise fail("Message Too Large")
    try:
        text = payload.decode("utf-8").strip()
        parse_json(text)
    except ValueError:  # UnicodeDecodeError is a ValueError too
        raise fail("Invalid JSON") from None

    args = request.args
    meta_text: Optional[str] = None
    meta: Any = None
    should_store = not signal
    expires: Optional[float] = None
    seqn: Optional[int] = None
    ptto: Optional[int] = None
    if not signal:
        raw_meta = args.get("meta")
        if raw_meta:
            try:
                meta = parse_json(raw_meta)
            except ValueError:
                raise fail("Invalid JSON") from None
            if meta is not None:  # file messages always send meta, "null" when there is none
                meta_text = raw_meta.strip()
        store_flag = args.get("store")
        if store_flag is not None:
            if store_flag not in _STORE_VALUES:
                raise fail("Invalid Arguments")
            should_store = _STORE_VALUES[store_flag]

        def invalid(name: str) -> ServiceError:
            return fail("Invalid Arguments")

        if "ttl" in args:
            ttl = int_arg(request, "ttl", None, invalid)
            if ttl:
                expires = store.wall_clock() + ttl * 3600.0
        if "ptto" in args:
            ptto = int_arg(request, "ptto", None, invalid) or None
        if "seqn" in args:
            seqn = int_arg(request, "seqn", None, invalid)

    channel = store.keyspace(sub_key).channel(channel_name)
    seq = store.next_timetoken()
    timetoken = ptto if ptto is not None else seq
    publisher = request.uuid
    head = message_head(channel.location, timetoken, settings.region, text, publisher, seqn, meta_text,
                        message_type)
    event = Event(seq, store.monotonic(), head, True, publisher, len(text), len(meta_text) if meta_text else 0)
    del head
    channel.push_event(event)
    if should_store:
        channel.store_message(StoredMessage(timetoken, event, expires))
    return Reply(200, '[1,"Sent","%d"]' % timetoken)


def handle_publish_get(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /publish/{pub}/{sub}/0/{channel}/0/{payload}``."""
    payload = unquote_to_bytes(match.group(6))
    return publish_message(ctx, request, path_item(match.group(2)), match.group(4), payload)


def handle_publish_post(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``POST /publish/{pub}/{sub}/0/{channel}/0`` with the message as the body."""
    return publish_message(ctx, request, path_item(match.group(2)), match.group(4), request.body)


def handle_signal_get(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /signal/{pub}/{sub}/0/{channel}/0/{payload}``: delivered with ``e``=1, never stored."""
    payload = unquote_to_bytes(match.group(6))
    return publish_message(ctx, request, path_item(match.group(2)), match.group(4), payload, 1)


def handle_signal_post(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``POST /signal/{pub}/{sub}/0/{channel}/0`` (later REST API form)."""
    return publish_message(ctx, request, path_item(match.group(2)), match.group(4), request.body, 1)


_SEG = "([^/]*)"
_KEYS = (1, 2)  # /publish|signal/{pub}/{sub}/...
_WITH_PAYLOAD = r"^/%s/%s/%s/%s/%s/%s/(.*)$" % (("%s",) + (_SEG,) * 5)
_WITH_BODY = r"^/%s/%s/%s/%s/%s/%s$" % (("%s",) + (_SEG,) * 5)
ROUTES = [
    route("GET", r"^/time/0$", handle_time, "time", keys=(0, 0)),
    route("GET", _WITH_PAYLOAD % "publish", handle_publish_get, "publish", keys=_KEYS),
    route("POST", _WITH_BODY % "publish", handle_publish_post, "publish", keys=_KEYS),
    route("GET", _WITH_PAYLOAD % "signal", handle_signal_get, "signal", keys=_KEYS),
    route("POST", _WITH_BODY % "signal", handle_signal_post, "signal", keys=_KEYS),
]
