"""Message persistence: history v2, fetch v3 (with actions), message counts, delete (CORE §8).

Layer: test server. Handlers over ``Channel.history_slice`` & co. Ranges everywhere are
``end <= timetoken < start`` (``start`` exclusive, ``end`` inclusive). Stored payloads and
meta are JSON texts and are embedded in the answers as they are. Timetokens are numbers in
history v2 and strings in v3, as the real service sends them. Access Manager: what each
call needs is in ``pubnub.testing.operations``.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Dict, List, Optional

from pubnub.testing.errors import ServiceError, history_error
from pubnub.testing.records import StoredMessage
from pubnub.testing.routing import Reply, Request, bool_arg, int_arg, parse_int, path_item, path_list, route
from pubnub.testing.store import Channel

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

_OK = '"status": 200, "error": false, "error_message": ""'


def _invalid(name: str = "") -> ServiceError:
    return history_error("Invalid Arguments")


def _one_channel(segment: str) -> str:
    names = path_list(segment)
    if len(names) != 1:
        raise _invalid()
    return names[0]


def _messages(ctx: "ServerContext", sub_key: str, name: str, start: Optional[int],
              end: Optional[int]) -> List[StoredMessage]:
    channel = ctx.store.keyspace(sub_key).find(name)
    if channel is None:
        return []
    return channel.history_slice(start, end, ctx.store.wall_clock())


def _bounded(request: Request, name: str, default: int, maximum: int) -> int:
    value = int_arg(request, name, default, _invalid) or default
    return value if 1 <= value <= maximum else maximum


def handle_history_v2(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/history/sub-key/{sub}/channel/{ch}`` -> ``[[entries], first_tt, last_tt]``."""
    name = _one_channel(match.group(2))
    count = _bounded(request, "count", 100, 100)
    start = int_arg(request, "start", None, _invalid)
    end = int_arg(request, "end", None, _invalid)
    reverse = bool_arg(request, "reverse", False, _invalid)
    with_token = bool_arg(request, "include_token", False, _invalid)
    with_meta = bool_arg(request, "include_meta", False, _invalid)
    found = _messages(ctx, path_item(match.group(1)), name, start, end)
    found = found[:count] if reverse else found[-count:]
    if with_token or with_meta:
        entries = []
        for message in found:
            parts = ['{"message":', message.payload]
            if with_meta:
                parts.append(',"meta":%s' % (message.meta or '""'))
            if with_token:
                parts.append(',"timetoken":%d' % message.tt)
            parts.append("}")
            entries.append("".join(parts))
    else:
        entries = [message.payload for message in found]
    first, last = (found[0].tt, found[-1].tt) if found else (0, 0)
    return Reply(200, "[[%s],%d,%d]" % (",".join(entries), first, last))


def _fetch_item(message: StoredMessage, with_meta: bool, with_uuid: bool, channel: Optional[Channel]) -> str:
    parts = ['{"message": ', message.payload, ', "timetoken": "%d"' % message.tt]
    if with_meta:
        parts.append(', "meta": %s' % (message.meta or '""'))
    if with_uuid and message.publisher is not None:
        parts.append(', "uuid": %s' % json.dumps(message.publisher))
    if channel is not None:
        actions: Dict[str, Dict[str, List[Dict[str, str]]]] = {}
        for action in channel.actions_for(message.tt):
            actions.setdefault(action.type, {}).setdefault(action.value, []).append(
                {"uuid": action.uuid, "actionTimetoken": str(action.action_tt)})
        if actions:
            parts.append(', "actions": %s' % json.dumps(actions))
    parts.append("}")
    return "".join(parts)


def handle_fetch(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v3/history/sub-key/{sub}/channel/{ch1,ch2}``: newest ``max`` per channel, oldest first."""
    names = path_list(match.group(2))
    if not names:
        raise _invalid()
    default = 100 if len(names) == 1 else 25
    limit = _bounded(request, "max", default, default)
    start = int_arg(request, "start", None, _invalid)
    end = int_arg(request, "end", None, _invalid)
    with_meta = bool_arg(request, "include_meta", False, _invalid)
    with_uuid = bool_arg(request, "include_uuid", False, _invalid)
    sub_key = path_item(match.group(1))
    sections = []
    for name in dict.fromkeys(names):
        found = _messages(ctx, sub_key, name, start, end)[-limit:]
        if found:
            items = ", ".join(_fetch_item(message, with_meta, with_uuid, None) for message in found)
            sections.append("%s: [%s]" % (json.dumps(name), items))
    return Reply(200, '{%s, "channels": {%s}}' % (_OK, ", ".join(sections)))


def handle_fetch_with_actions(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v3/history-with-actions/sub-key/{sub}/channel/{ch}``: items carry ``actions``.

    The newest ``max`` messages of the range, oldest first, as fetch v3. ``more`` only when the
    answer was cut short at the action limit (``history_actions_limit``): then it holds the
    newest messages whose actions fit (at least one) and ``more`` (``url``, ``start``, as
    recorded) continues with the older ones. Reaching ``max`` alone never adds ``more``
    (recorded: 120 messages, ``max=25`` -> 25 messages, no ``more``).
    """
    name = _one_channel(match.group(2))
    limit = _bounded(request, "max", 25, 25)
    start = int_arg(request, "start", None, _invalid)
    end = int_arg(request, "end", None, _invalid)
    with_meta = bool_arg(request, "include_meta", False, _invalid)
    with_uuid = bool_arg(request, "include_uuid", False, _invalid)
    sub_key = path_item(match.group(1))
    found = _messages(ctx, sub_key, name, start, end)[-limit:]
    channel = ctx.store.keyspace(sub_key).find(name)
    more = ""
    if channel is not None and found:
        budget = ctx.settings.history_actions_limit
        kept = 0
        for message in reversed(found):  # newest first: the newest messages are the ones kept
            budget -= len(channel.actions_for(message.tt))
            if budget < 0 and kept:
                break
            kept += 1
        if kept < len(found):
            found = found[-kept:]
            query = "start=%d&max=%d" % (found[0].tt, limit)
            if end is not None:
                query += "&end=%d" % end
            if with_meta:
                query += "&include_meta=true"
            if with_uuid:
                query += "&include_uuid=true"
            url = "/v3/history-with-actions/sub-key/%s/channel/%s?%s" % (match.group(1), match.group(2), query)
            more = ', "more": %s' % json.dumps({"url": url, "start": str(found[0].tt)})
    section = ""
    if found:
        items = ", ".join(_fetch_item(message, with_meta, with_uuid, channel) for message in found)
        section = "%s: [%s]" % (json.dumps(name), items)
    return Reply(200, '{%s, "channels": {%s}%s}' % (_OK, section, more))


def handle_message_counts(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v3/history/sub-key/{sub}/message-counts/{chs}?timetoken=|channelsTimetoken=``."""
    names = path_list(match.group(2))
    if not names:
        raise _invalid()
    several = request.args.get("channelsTimetoken")  # decoded, so a raw "," and "%2C" both split
    single = request.args.get("timetoken")
    if several:
        texts = [item for item in several.split(",") if item]
        if len(texts) == 1:
            texts = texts * len(names)
    elif single:
        texts = [single] * len(names)
    else:
        raise _invalid()
    if len(texts) != len(names):
        raise _invalid()
    timetokens = [parse_int(text) for text in texts]
    keyspace = ctx.store.keyspace(path_item(match.group(1)))
    wall_now = ctx.store.wall_clock()
    counts: Dict[str, int] = {}
    for name, timetoken in zip(names, timetokens):
        if timetoken is None:
            raise _invalid()
        channel = keyspace.find(name)
        counts[name] = channel.count_after(timetoken, wall_now) if channel is not None else 0
    return Reply(200, '{%s, "channels": %s}' % (_OK, json.dumps(counts)))


def handle_delete(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``DELETE /v3/history/sub-key/{sub}/channel/{ch}?start=&end=``: removes ``end <= tt < start``."""
    name = _one_channel(match.group(2))
    start = int_arg(request, "start", None, _invalid)
    end = int_arg(request, "end", None, _invalid)
    channel = ctx.store.keyspace(path_item(match.group(1))).find(name)
    if channel is not None:
        channel.delete_history(start, end)
    return Reply(200, "{%s}" % _OK)


_SEG = "([^/]*)"
ROUTES = [
    route("GET", r"^/v2/history/sub-key/%s/channel/%s$" % (_SEG, _SEG), handle_history_v2, "history"),
    route("GET", r"^/v3/history/sub-key/%s/message-counts/%s$" % (_SEG, _SEG), handle_message_counts,
          "message-counts"),
    route("GET", r"^/v3/history/sub-key/%s/channel/%s$" % (_SEG, _SEG), handle_fetch, "fetch-messages"),
    route("DELETE", r"^/v3/history/sub-key/%s/channel/%s$" % (_SEG, _SEG), handle_delete, "delete-messages"),
    route("GET", r"^/v3/history-with-actions/sub-key/%s/channel/%s$" % (_SEG, _SEG), handle_fetch_with_actions,
          "history-with-actions"),
]
