"""Results of the Access Manager v2 calls (grant, revoke, audit): the 4.8.1 models.

Layer: models (plain data). Imports nothing from the clients, transports or endpoints.

The service answers with a ``payload`` whose ``level`` says which shape follows: permissions at
the sub-key level, per channel / channel group / uuid, and per auth key inside those. Every flag
follows one rule: ``1`` -> True, any other value -> False, absent -> None.
"""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple, Type, TypeVar

_Result = TypeVar("_Result", bound="_PAMResult")
_Entity = TypeVar("_Entity", bound="_PAMEntityData")


def _flag(data: Mapping[str, Any], key: str) -> Optional[bool]:
    """``True`` for 1, ``False`` for any other value, None when the key is absent."""
    if key not in data:
        return None
    return bool(data[key] == 1)


_Flag = Optional[bool]


def _flags(data: Mapping[str, Any]) -> Tuple[_Flag, _Flag, _Flag, _Flag, _Flag, _Flag, _Flag]:
    """The seven flags ``r w m d g u j`` of an entry, in the constructors' argument order."""
    r, w, m, d, g, u, j = (_flag(data, key) for key in "rwmdguj")
    return r, w, m, d, g, u, j


def _auth_keys(data: Mapping[str, Any]) -> Dict[str, PNAccessManagerKeyData]:
    auths = data.get("auths")
    if not isinstance(auths, Mapping):
        return {}
    return {key: PNAccessManagerKeyData.from_json(value) for key, value in auths.items()}


class _Permissions:
    """The seven permission flags and a ttl, shared by auth-key and per-name entries."""

    def _set_permissions(self, r: Any, w: Any, m: Any, d: Any, g: Any, u: Any, j: Any, ttl: Any) -> None:
        self.read_enabled = r
        self.write_enabled = w
        self.manage_enabled = m
        self.delete_enabled = d
        self.get = g
        self.update = u
        self.join = j
        self.ttl = ttl


class PNAccessManagerKeyData(_Permissions):
    """The permissions of one auth key: the seven flags and the remaining ``ttl`` (minutes)."""

    def __init__(self, r: Any, w: Any, m: Any, d: Any, g: Any, u: Any, j: Any, ttl: Any = None) -> None:
        self._set_permissions(r, w, m, d, g, u, j, ttl)

    @classmethod
    def from_json(cls, json_input: Mapping[str, Any]) -> PNAccessManagerKeyData:
        """Read the flags of an ``auths`` entry."""
        return cls(*_flags(json_input), ttl=json_input.get("ttl"))


class _PAMEntityData(_Permissions):
    """Permissions of one channel, channel group or uuid, with its per-auth-key permissions."""

    def __init__(self, name: Any, auth_keys: Optional[Dict[str, PNAccessManagerKeyData]] = None,
                 r: Any = None, w: Any = None, m: Any = None, d: Any = None, g: Any = None, u: Any = None,
                 j: Any = None, ttl: Any = None) -> None:
        self.name = name
        self.auth_keys = auth_keys
        self._set_permissions(r, w, m, d, g, u, j, ttl)

    @classmethod
    def from_json(cls: Type[_Entity], name: Any, json_input: Mapping[str, Any]) -> _Entity:
        """Read one entry of a ``channels`` / ``channel-groups`` / ``uuids`` object."""
        return cls(name, _auth_keys(json_input), *_flags(json_input), ttl=json_input.get("ttl"))


class PNAccessManagerChannelData(_PAMEntityData):
    """Permissions on one channel (``name`` is the channel)."""


class PNAccessManagerChannelGroupData(_PAMEntityData):
    """Permissions on one channel group (``name`` is the group)."""


class PNAccessManagerUuidsData(_PAMEntityData):
    """Permissions on one uuid (Objects ``get``/``update``/``delete``; ``name`` is the uuid)."""


class _PAMResult:
    """What grant, revoke and audit share: level, sub key, ttl, top-level flags, per-name entries."""

    _TEXT = ""

    def __init__(self, level: Any, subscribe_key: Any, channels: Any, groups: Any, uuids: Any,
                 ttl: Any = None, r: Any = None, w: Any = None, m: Any = None, d: Any = None) -> None:
        self.level = level
        self.subscribe_key = subscribe_key
        self.channels = channels
        self.groups = groups
        self.uuids = uuids
        self.ttl = ttl
        self.read_enabled = r
        self.write_enabled = w
        self.manage_enabled = m
        self.delete_enabled = d

    @classmethod
    def from_json(cls: Type[_Result], json_input: Mapping[str, Any]) -> _Result:
        """Build the result from the response's ``payload`` (``level``/``subscribe_key`` required)."""
        ttl = json_input.get("ttl")
        channels: Dict[str, PNAccessManagerChannelData] = {}
        groups: Dict[str, PNAccessManagerChannelGroupData] = {}
        uuids: Dict[str, PNAccessManagerUuidsData] = {}

        # One channel (or group) together with auth keys comes back flattened: the name as a
        # string and its auth keys beside it at the top level.
        if "channel" in json_input:
            name = json_input["channel"]
            channels[name] = PNAccessManagerChannelData(name, _auth_keys(json_input), ttl=ttl)
        for key in ("channel-group", "channel-groups"):
            value = json_input.get(key)
            if isinstance(value, str):
                groups[value] = PNAccessManagerChannelGroupData(value, _auth_keys(json_input), ttl=ttl)
            elif isinstance(value, Mapping):
                for name, entry in value.items():
                    groups[name] = PNAccessManagerChannelGroupData.from_json(name, entry)
        if isinstance(json_input.get("channels"), Mapping):
            for name, entry in json_input["channels"].items():
                channels[name] = PNAccessManagerChannelData.from_json(name, entry)
        if isinstance(json_input.get("uuids"), Mapping):
            for name, entry in json_input["uuids"].items():
                uuids[name] = PNAccessManagerUuidsData.from_json(name, entry)

        return cls(json_input["level"], json_input["subscribe_key"], channels, groups, uuids, ttl,
                   _flag(json_input, "r"), _flag(json_input, "w"), _flag(json_input, "m"), _flag(json_input, "d"))

    def __str__(self) -> str:
        return self._TEXT % (self.ttl or 0, self.read_enabled, self.write_enabled, self.manage_enabled,
                             self.delete_enabled)


class PNAccessManagerGrantResult(_PAMResult):
    """The permissions a grant (or revoke) set."""

    _TEXT = "New permissions are set for %d minutes: read %s, write %s, manage: %s, delete: %s"


class PNAccessManagerAuditResult(_PAMResult):
    """The permissions an audit reported."""

    _TEXT = "Current permissions are valid for %d minutes: read %s, write %s, manage: %s, delete: %s"
