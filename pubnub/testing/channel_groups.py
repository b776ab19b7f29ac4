"""Channel groups (stream controller): add/remove channels, list, remove group (MORE §4).

Layer: test server. Handlers over the key space's group table (``KeySpace.add_channels_to_group``
& co., capped by ``max_groups`` and ``max_channels_per_group``). Every change wakes the
long-polls parked on that group (``SubscribeHub.wake_groups``), so a subscriber to the group
starts receiving a channel's messages as soon as the channel is added (and stops when it is
removed). Adding is idempotent; removing unknown channels succeeds; a group that does not
exist lists as empty. Access Manager: what each call needs is in ``pubnub.testing.operations``.

Decisions where nothing was recorded: ``add``/``remove`` without any channel, or with both,
and an empty group name are answered 400 in the success envelope's grammar (``error`` true).
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, List

from pubnub.testing.errors import channel_registry_error
from pubnub.testing.routing import Reply, Request, path_item, route
from pubnub.testing.store import CapacityError, KeySpace

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

_OK = json.dumps({"status": 200, "message": "OK", "service": "channel-registry", "error": False})
MAX_NAME_CHARS = 92  # the service's documented limit for channel and group names


def _target(ctx: "ServerContext", match: "re.Match[str]") -> "tuple[KeySpace, str]":
    group = path_item(match.group(2))
    if not group or len(group) > MAX_NAME_CHARS:
        raise channel_registry_error("Invalid channel group name")
    return ctx.store.keyspace(path_item(match.group(1))), group


def _channels(request: Request, name: str) -> List[str]:
    channels = list(dict.fromkeys(request.arg_list(name)))
    if not channels or any(len(channel) > MAX_NAME_CHARS for channel in channels):
        raise channel_registry_error("Invalid channels")
    return channels


def handle_group(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel-group/{group}`` with ``add=`` or ``remove=`` (a change), or neither (a list)."""
    keyspace, group = _target(ctx, match)
    adding, removing = "add" in request.args, "remove" in request.args
    if adding and removing:
        raise channel_registry_error("Only one of add and remove may be given")
    if adding:
        try:
            keyspace.add_channels_to_group(group, _channels(request, "add"))
        except CapacityError as e:
            raise channel_registry_error(str(e)) from None
    elif removing:
        keyspace.remove_channels_from_group(group, _channels(request, "remove"))
    else:
        payload = {"channels": keyspace.group_channels(group), "group": group}
        return Reply(200, json.dumps({"status": 200, "payload": payload, "service": "channel-registry",
                                      "error": False}))
    ctx.hub.wake_groups(keyspace, [group])
    return Reply(200, _OK)


def handle_remove_group(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET .../channel-group/{group}/remove``."""
    keyspace, group = _target(ctx, match)
    keyspace.remove_group(group)
    ctx.hub.wake_groups(keyspace, [group])
    return Reply(200, _OK)


_BASE = r"^/v1/channel-registration/sub-key/([^/]*)/channel-group/([^/]*)"
ROUTES = [
    route("GET", _BASE + "$", handle_group, "channel-group"),
    route("GET", _BASE + "/remove$", handle_remove_group, "remove-channel-group"),
]
