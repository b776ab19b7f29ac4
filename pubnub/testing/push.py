"""Mobile push registrations: add/remove channels, list, remove device (MORE §5).

Layer: test server. No notification is ever sent: the server only keeps which channels each
device is registered for, per key space (``PushRegistry``, a key-space section capped by
``max_push_devices`` and ``max_push_channels_per_device``).

A device is identified by (device id, type) for the v1 types ``apns``, ``gcm``, ``mpns`` (and
the later ``fcm``), and by (device id, topic, environment) for APNS2, so registrations in one
APNS2 environment or topic do not touch another (recorded). Answers (recorded): add/remove
``[1, "Modified Channels"]``, list = the channels (sorted; ``[]`` for none), remove device
``[1, "Removed Device"]``; a missing or unknown ``type`` is ``400 {"error": "Invalid type
argument"}``. Any non-empty device token is accepted, whatever its type says, as the service
does (recorded: tokens with unicode, with whitespace, and unknown ones are answered 200). Not
recorded, same grammar: ``400 {"error": "Invalid device token"}`` for an empty device id, a
missing APNS2 ``topic``, an unknown ``environment``, ``add``/``remove`` naming no channel, and a
full registry.
Access Manager: what each call needs is in ``pubnub.testing.operations``.
"""
from __future__ import annotations

import json
import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Dict, List, Tuple

from pubnub.testing.errors import push_error
from pubnub.testing.routing import Reply, Request, path_item, route
from pubnub.testing.store import CapacityError

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext
    from pubnub.testing.store import KeySpace

V1_TYPES = frozenset(("apns", "gcm", "mpns", "fcm"))
ENVIRONMENTS = frozenset(("development", "production"))
DeviceKey = Tuple[str, ...]


class PushRegistry:
    """Channels per device of one key space, least recently changed devices first."""

    def __init__(self, keyspace: "KeySpace") -> None:
        self.settings = keyspace.settings
        self.devices: "OrderedDict[DeviceKey, Dict[str, None]]" = OrderedDict()

    def add(self, device: DeviceKey, channels: List[str]) -> None:
        """Register ``channels``; ``CapacityError`` (and no change) beyond the caps."""
        registered = self.devices.get(device)
        if registered is None:
            if len(self.devices) >= self.settings.max_push_devices:
                raise CapacityError("Too many devices")
            registered = {}
        names = [name for name in dict.fromkeys(channels) if name not in registered]
        if len(registered) + len(names) > self.settings.max_push_channels_per_device:
            raise CapacityError("Too many channels for this device")
        registered.update(dict.fromkeys(names))
        self.devices[device] = registered
        self.devices.move_to_end(device)

    def remove(self, device: DeviceKey, channels: List[str]) -> None:
        registered = self.devices.get(device)
        if registered is not None:
            for name in channels:
                registered.pop(name, None)
            if not registered:
                del self.devices[device]

    def channels(self, device: DeviceKey) -> List[str]:
        return sorted(self.devices.get(device, ()))

    def remove_device(self, device: DeviceKey) -> None:
        self.devices.pop(device, None)


def _device_v1(request: Request, match: "re.Match[str]") -> DeviceKey:
    device = path_item(match.group(2))
    kind = request.args.get("type", "")
    if kind not in V1_TYPES:
        raise push_error("Invalid type argument")
    if not device:
        raise push_error("Invalid device token")
    return (kind, device)


def _device_apns2(request: Request, match: "re.Match[str]") -> DeviceKey:
    device = path_item(match.group(2))
    topic = request.args.get("topic", "")
    environment = request.args.get("environment") or "development"
    if not device:
        raise push_error("Invalid device token")
    if not topic:
        raise push_error("Missing topic")
    if environment not in ENVIRONMENTS:
        raise push_error("Invalid environment")
    return ("apns2", device, topic, environment)


def _channels(request: Request, name: str) -> List[str]:
    channels = request.arg_list(name)
    if not channels:
        raise push_error("Invalid channels")
    return channels


def _registry(ctx: "ServerContext", match: "re.Match[str]") -> PushRegistry:
    return ctx.store.keyspace(path_item(match.group(1))).section(PushRegistry)


def _modify(ctx: "ServerContext", request: Request, match: "re.Match[str]", device: DeviceKey) -> Reply:
    registry = _registry(ctx, match)
    if "add" in request.args:
        try:
            registry.add(device, _channels(request, "add"))
        except CapacityError as e:
            raise push_error(str(e)) from None
    elif "remove" in request.args:
        registry.remove(device, _channels(request, "remove"))
    else:
        return Reply(200, json.dumps(registry.channels(device)))
    return Reply(200, '[1, "Modified Channels"]')


def handle_device_v1(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v1/push/sub-key/{sub}/devices/{device}?type=&add=|remove=`` (neither: list)."""
    return _modify(ctx, request, match, _device_v1(request, match))


def handle_device_apns2(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/push/sub-key/{sub}/devices-apns2/{device}?environment=&topic=&add=|remove=``."""
    return _modify(ctx, request, match, _device_apns2(request, match))


def handle_remove_v1(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v1/push/sub-key/{sub}/devices/{device}/remove?type=``."""
    _registry(ctx, match).remove_device(_device_v1(request, match))
    return Reply(200, '[1, "Removed Device"]')


def handle_remove_apns2(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/push/sub-key/{sub}/devices-apns2/{device}/remove?environment=&topic=``."""
    _registry(ctx, match).remove_device(_device_apns2(request, match))
    return Reply(200, '[1, "Removed Device"]')


_V1 = r"^/v1/push/sub-key/([^/]*)/devices/([^/]*)"
_V2 = r"^/v2/push/sub-key/([^/]*)/devices-apns2/([^/]*)"
ROUTES = [
    route("GET", _V1 + "$", handle_device_v1, "push"),
    route("GET", _V1 + "/remove$", handle_remove_v1, "push-remove-device"),
    route("GET", _V2 + "$", handle_device_apns2, "push"),
    route("GET", _V2 + "/remove$", handle_remove_apns2, "push-remove-device"),
]
