"""Message actions v1: add, remove, list with ``more`` paging (CORE §7).

Layer: test server. Decisions where the real service's rule was not recorded:

* The parent message need not be in storage: an action on any 17-digit timetoken is kept
  (the real service requires a stored message but its refusal body was never recorded).
  ``history-with-actions`` shows actions only on stored messages; deleting messages leaves
  their actions in place.
* "Already added" (409) = same message, type, value and uuid.
* Removing needs the same uuid that added the action (recorded 400 "wrong uuid").
* Listing returns ``end <= action timetoken < start`` ascending; when ``limit`` (default and
  maximum 100) cuts the range, the newest ``limit`` actions come back with ``more`` pointing
  at the older rest (``start`` = the oldest action returned), so following ``more`` loses and
  repeats nothing.

Every add/remove also publishes an ``e``=3 event on the channel (not stored in history).
Access Manager: what each call needs is in ``pubnub.testing.operations``; a denial is the recorded actions 403.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from pubnub.testing.envelopes import action_head
from pubnub.testing.errors import ServiceError, actions_error, actions_invalid_input
from pubnub.testing.records import Action, Event
from pubnub.testing.routing import Reply, Request, int_arg, parse_int, parse_json, path_item, route
from pubnub.testing.store import Channel

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

MAX_LIMIT = 100


def _denied(channels: List[str], groups: List[str], uuids: List[str]) -> ServiceError:
    """The recorded 403 of message actions (it names nothing)."""
    return actions_error("Supplied authorization key does not have the permissions required to perform this "
                         "operation.", 403)


def _publish_event(ctx: "ServerContext", channel: Channel, action: Action, event: str) -> None:
    store = ctx.store
    seq = store.next_timetoken()
    data = {"messageTimetoken": str(action.message_tt), "type": action.type, "value": action.value,
            "actionTimetoken": str(action.action_tt)}
    head = action_head(channel.location, seq, ctx.settings.region, action.uuid, event, data)
    channel.push_event(Event(seq, store.monotonic(), head))


def _timetoken(text: str, location: str) -> int:
    value = parse_int(text)
    if value is None or value == 0:
        raise actions_invalid_input(location, "path", "Invalid timetoken")
    return value


def _uuid(request: Request) -> str:
    uuid = request.uuid
    if not uuid:
        raise actions_invalid_input("uuid", "query")
    return uuid


def handle_add(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``POST .../channel/{ch}/message/{mtt}`` with ``{"type": .., "value": ..}``."""
    message_tt = _timetoken(match.group(3), "messageTimetoken")
    uuid = _uuid(request)
    try:
        body: Any = parse_json(request.text_body()) if request.body else None
    except ValueError:
        raise actions_invalid_input("body", "body", "Invalid JSON") from None
    if not isinstance(body, dict):
        raise actions_invalid_input("body", "body", "Invalid JSON" if request.body else "Missing field")
    for field in ("type", "value"):
        if not isinstance(body.get(field), str) or not body[field]:
            raise actions_invalid_input(field, "body")
    channel = ctx.store.keyspace(path_item(match.group(1))).channel(path_item(match.group(2)))
    action = Action(message_tt, ctx.store.next_timetoken(), body["type"], body["value"], uuid)
    if not channel.add_action(action):
        raise actions_error("Action Already Added", 409)
    _publish_event(ctx, channel, action, "added")
    return Reply(200, json.dumps({"status": 200, "data": action.as_dict()}))


def handle_remove(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``DELETE .../channel/{ch}/message/{mtt}/action/{att}``."""
    message_tt = _timetoken(match.group(3), "messageTimetoken")
    action_tt = _timetoken(match.group(4), "actionTimetoken")
    uuid = _uuid(request)
    channel = ctx.store.keyspace(path_item(match.group(1))).find(path_item(match.group(2)))
    action = channel.find_action(message_tt, action_tt) if channel is not None else None
    if channel is None or action is None:
        raise actions_error("No matching message actions to delete")
    if action.uuid != uuid:
        raise actions_error("Not deleting message action: wrong uuid specified")
    channel.remove_action(action)
    _publish_event(ctx, channel, action, "removed")
    return Reply(200, '{"status": 200, "data": {}}')


def _invalid_query(name: str) -> ServiceError:
    return actions_invalid_input(name, "query", "Invalid value")


def handle_get(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel/{ch}?start=&end=&limit=``: ascending; newest ``limit`` + ``more`` when cut."""
    start = int_arg(request, "start", None, _invalid_query)
    end = int_arg(request, "end", None, _invalid_query)
    limit = int_arg(request, "limit", MAX_LIMIT, _invalid_query) or 0
    if limit < 1:
        raise _invalid_query("limit")
    limit = min(limit, MAX_LIMIT)
    channel = ctx.store.keyspace(path_item(match.group(1))).find(path_item(match.group(2)))
    actions = channel.actions_slice(start, end) if channel is not None else []
    answer: Dict[str, Any] = {"status": 200}
    more: Optional[Dict[str, Any]] = None
    if len(actions) > limit:
        actions = actions[-limit:]
        oldest = str(actions[0].action_tt)
        query = "start=%s" % oldest
        more = {"url": "", "start": oldest}
        if end is not None:
            query += "&end=%d" % end
            more["end"] = str(end)
        query += "&limit=%d" % limit
        more["limit"] = limit
        more["url"] = "/v1/message-actions/%s/channel/%s?%s" % (match.group(1), match.group(2), query)
    answer["data"] = [action.as_dict() for action in actions]
    if more is not None:
        answer["more"] = more
    return Reply(200, json.dumps(answer))


_SEG = "([^/]*)"
_BASE = r"^/v1/message-actions/%s/channel/%s" % (_SEG, _SEG)


def _invalid_subkey() -> ServiceError:
    """An unknown subscribe key (recorded for get; the same answer for add and remove)."""
    return actions_error("Invalid Subkey")


ROUTES = [
    route("GET", _BASE + "$", handle_get, "get-message-actions", _denied,
          invalid_key=_invalid_subkey),
    route("POST", _BASE + r"/message/%s$" % _SEG, handle_add, "add-message-action", _denied,
          invalid_key=_invalid_subkey),
    route("DELETE", _BASE + r"/message/%s/action/%s$" % (_SEG, _SEG), handle_remove, "remove-message-action",
          _denied, invalid_key=_invalid_subkey),
]
