"""Presence REST: here_now, where_now, heartbeat, leave, get/set state (MORE §1, CORE §6.9-§6.10).

Layer: test server. Handlers over ``PresenceTracker``. Success bodies carry
``"service": "Presence"``; ``here_now`` and ``get_state`` use the flat form only for exactly one
channel and no ``channel-group``, otherwise the ``payload`` form. Both ``/sub-key/`` and
``/sub_key/`` spellings are accepted. Access Manager: what each call
needs is in ``pubnub.testing.operations``.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from pubnub.testing.errors import ServiceError, presence_error
from pubnub.testing.routing import Reply, Request, bool_arg, int_arg, parse_json, path_item, path_list, route
from pubnub.testing.store import PRESENCE_SUFFIX, KeySpace

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

_OK: Dict[str, Any] = {"status": 200, "message": "OK", "service": "Presence"}


def _invalid(name: str) -> ServiceError:
    return presence_error("Invalid %s" % name)


def _reply(**fields: Any) -> Reply:
    return Reply(200, json.dumps(dict(_OK, **fields)))


def _keyspace(ctx: "ServerContext", match: "re.Match[str]") -> KeySpace:
    return ctx.store.keyspace(path_item(match.group(1)))


def _expand(keyspace: KeySpace, channels: List[str], groups: List[str]) -> List[str]:
    """Channels plus the members of the groups, without ``-pnpres`` names, each once."""
    names = list(channels)
    for group in groups:
        names.extend(keyspace.group_channels(group))
    return [name for name in dict.fromkeys(names) if not name.endswith(PRESENCE_SUFFIX)]


def _json_object(request: Request, name: str) -> Optional[Dict[str, Any]]:
    text = request.args.get(name)
    if text is None:
        return None
    try:
        value = parse_json(text)
    except ValueError:
        raise _invalid(name) from None
    if not isinstance(value, dict):
        raise _invalid(name)
    return value


def _channel_entry(ctx: "ServerContext", keyspace: KeySpace, name: str, with_uuids: bool,
                   with_state: bool) -> Dict[str, Any]:
    occupants = ctx.presence.occupants(keyspace, name)
    entry: Dict[str, Any] = {}
    if with_uuids:
        if with_state:
            entry["uuids"] = [dict({"uuid": o.uuid}, **({"state": o.state} if o.state else {})) for o in occupants]
        else:
            entry["uuids"] = [o.uuid for o in occupants]
    entry["occupancy"] = len(occupants)
    return entry


def _here_now(ctx: "ServerContext", request: Request, keyspace: KeySpace, names: Optional[List[str]],
              flat: bool) -> Reply:
    with_state = bool_arg(request, "state", False, _invalid)
    with_uuids = not bool_arg(request, "disable_uuids", False, _invalid)
    if names is None:
        names = ctx.presence.occupied_channels(keyspace)
    if flat:
        return _reply(**_channel_entry(ctx, keyspace, names[0], with_uuids, with_state))
    channels = {}
    for name in names:
        entry = _channel_entry(ctx, keyspace, name, with_uuids, with_state)
        if entry["occupancy"]:
            channels[name] = entry
    total = sum(entry["occupancy"] for entry in channels.values())
    return _reply(payload={"channels": channels, "total_channels": len(channels), "total_occupancy": total})


def handle_global_here_now(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/presence/sub-key/{sub}``: every occupied channel."""
    return _here_now(ctx, request, _keyspace(ctx, match), None, False)


def handle_here_now(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/presence/sub-key/{sub}/channel/{chs}[?channel-group=]``."""
    keyspace = _keyspace(ctx, match)
    channels = path_list(match.group(2))
    groups = request.arg_list("channel-group")
    flat = len(channels) == 1 and not groups
    return _here_now(ctx, request, keyspace, channels if flat else _expand(keyspace, channels, groups), flat)


def handle_where_now(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/presence/sub-key/{sub}/uuid/{uuid}``."""
    channels = ctx.presence.where_now(_keyspace(ctx, match), path_item(match.group(2)))
    return _reply(payload={"channels": channels})


def handle_heartbeat(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel/{chs}/heartbeat?heartbeat=&channel-group=&state=``: join or refresh."""
    keyspace = _keyspace(ctx, match)
    names = _expand(keyspace, path_list(match.group(2)), request.arg_list("channel-group"))
    if not names and not request.arg_list("channel-group"):
        raise _invalid("channels")
    timeout = int_arg(request, "heartbeat", None, _invalid)
    states = _json_object(request, "state")
    ctx.presence.touch(keyspace, request.uuid, names, timeout, states)
    return _reply()


def handle_leave(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel/{chs}/leave[?channel-group=]``."""
    keyspace = _keyspace(ctx, match)
    names = _expand(keyspace, path_list(match.group(2)), request.arg_list("channel-group"))
    ctx.presence.leave(keyspace, request.uuid, names)
    return Reply(200, json.dumps({"status": 200, "message": "OK", "action": "leave", "service": "Presence"}))


def handle_get_state(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel/{chs}/uuid/{uuid}``: flat for one channel, ``payload.channels`` otherwise."""
    keyspace = _keyspace(ctx, match)
    channels = path_list(match.group(2))
    groups = request.arg_list("channel-group")
    uuid = path_item(match.group(3))
    if len(channels) == 1 and not groups:
        state = ctx.presence.get_state(keyspace, uuid, channels[0])
        return _reply(uuid=uuid, channel=channels[0], payload=state or {})
    found = {}
    for name in _expand(keyspace, channels, groups):
        state = ctx.presence.get_state(keyspace, uuid, name)
        if state is not None:
            found[name] = state
    return _reply(uuid=uuid, payload={"channels": found})


def handle_set_state(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel/{chs}/uuid/{uuid}/data?state=<json object>``: echoes the state."""
    keyspace = _keyspace(ctx, match)
    names = _expand(keyspace, path_list(match.group(2)), request.arg_list("channel-group"))
    if not names:
        raise _invalid("channels")
    state = _json_object(request, "state")
    if state is None:
        raise _invalid("state")
    ctx.presence.set_state(keyspace, path_item(match.group(3)), names, state)
    return _reply(payload=state)


_SEG = "([^/]*)"
_BASE = r"^/v2/presence/sub[-_]key/%s" % _SEG
_CHANNEL = _BASE + r"/channel/%s" % _SEG
ROUTES = [
    route("GET", _BASE + "/?$", handle_global_here_now, "global-here-now"),
    route("GET", _CHANNEL + "$", handle_here_now, "here-now"),
    route("GET", _CHANNEL + "/leave$", handle_leave, "leave"),
    route("GET", _CHANNEL + "/heartbeat$", handle_heartbeat, "heartbeat"),
    route("GET", _CHANNEL + r"/uuid/%s$" % _SEG, handle_get_state, "get-state"),
    route("GET", _CHANNEL + r"/uuid/%s/data$" % _SEG, handle_set_state, "set-state"),
    route("GET", _BASE + r"/uuid/%s$" % _SEG, handle_where_now, "where-now"),
]
