"""Pre-serialised subscribe envelopes (CORE §6.3/§6.4) built once per event.

Layer: test server. Pure string building, no I/O. A "head" is the JSON object of one
envelope without its closing brace, so that delivery can append ``"b"`` when the message
reached the subscriber through a channel group or a presence channel. Key order follows the
recorded envelopes: ``a f e i s p k c u d``.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii
from typing import Any, Dict, Optional


def encode_string(text: str) -> str:
    """A JSON string literal (ASCII-escaped), quickly."""
    return encode_basestring_ascii(text)


def message_head(location: str, timetoken: int, region: int, payload: str, publisher: Optional[str],
                 seqn: Optional[int], meta: Optional[str], message_type: int = 0) -> str:
    """A user message (``message_type`` 0) or signal (1); ``payload``/``meta`` are JSON texts."""
    parts = ['{"a":"1","f":0']
    if message_type:
        parts.append(',"e":%d' % message_type)
    if publisher is not None:
        parts.append(',"i":' + encode_string(publisher))
    if seqn is not None:
        parts.append(',"s":%d' % seqn)
    parts.append(',"p":{"t":"%d","r":%d},' % (timetoken, region))
    parts.append(location)
    if meta is not None:
        parts.append(',"u":' + meta)
    parts.append(',"d":')
    parts.append(payload)
    return "".join(parts)


def action_head(location: str, timetoken: int, region: int, actor: str, event: str,
                data: Dict[str, str]) -> str:
    """A message-action event (``e`` 3): ``d`` = ``{"source","version","data","event"}``."""
    body = json.dumps({"source": "actions", "version": "1.0", "data": data, "event": event},
                      separators=(",", ":"))
    return '{"a":"1","f":0,"e":3,"i":%s,"p":{"t":"%d","r":%d},%s,"d":%s' % (
        encode_string(actor), timetoken, region, location, body)


def objects_head(location: str, timetoken: int, region: int, kind: str, event: str, data: Dict[str, Any]) -> str:
    """An objects event (``e`` 2, no ``i``): ``d`` = ``{"source","version","event","type","data"}``."""
    body = json.dumps({"source": "objects", "version": "2.0", "event": event, "type": kind, "data": data},
                      separators=(",", ":"))
    return '{"a":"1","f":0,"e":2,"p":{"t":"%d","r":%d},%s,"d":%s' % (timetoken, region, location, body)


def presence_head(location: str, timetoken: int, region: int, action: str, uuid: str, timestamp: int,
                  occupancy: int, state: Optional[Dict[str, Any]]) -> str:
    """A presence event on ``<channel>-pnpres`` with integer ``timestamp`` and ``occupancy``."""
    data: Dict[str, Any] = {"action": action, "uuid": uuid, "timestamp": int(timestamp),
                            "occupancy": int(occupancy)}
    if state is not None:
        data["data"] = state
    return '{"a":"1","f":0,"p":{"t":"%d","r":%d},%s,"d":%s' % (
        timetoken, region, location, json.dumps(data, separators=(",", ":")))


def subscribe_body(cursor: int, region: int, messages: "list[str]") -> bytes:
    """The whole subscribe answer: ``{"t":{"t":"<cursor>","r":<r>},"m":[...]}``."""
    return ('{"t":{"t":"%d","r":%d},"m":[%s]}' % (cursor, region, ",".join(messages))).encode("utf-8")
