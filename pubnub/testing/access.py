"""Access Manager REST: v2 grant/revoke/audit, v3 grant_token, and the check of unsigned requests.

Layer: test server. Handlers over ``permissions.Grants`` and ``permissions.issue_token``.

When the server has a secret key (``Dispatcher``): a request carrying ``signature`` must be
signed correctly and then may do anything (the service gives a holder of the secret key every
permission); an unsigned request may use admin routes (``access=None``: these three) never,
and other routes only as far as Access Manager allows its ``auth`` (auth key or token; none
counts as no auth key): ``enforce`` raises the route family's 403 naming what was denied.
Without a secret key nothing is enforced, grants are still kept and tokens are signed with
an empty key.

Answer shapes follow MORE §2.5 (``level`` and the flattened one-channel/one-group forms;
all seven flags ``r w m d g u j``; ``ttl`` in minutes, default 1440 (1 for a revoke), 0 = no
expiry) and MORE §3.3.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from pubnub.testing.errors import ServiceError, access_manager_error, grant_token_error
from pubnub.testing.permissions import (
    CHANNEL,
    FLAGS,
    GROUP,
    SUBKEY,
    UUID,
    CapacityError,
    Denied,
    Grant,
    Grants,
    Needs,
    TokenCache,
    denied_needs,
    issue_token,
    split_denied,
)
from pubnub.testing.routing import Reply, Request, int_arg, parse_json, path_item, route

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

DEFAULT_TTL = 1440
#: the ``ttl`` a revoke without one answers (recorded)
REVOKE_TTL = 1
MAX_TTL = 525_600
MAX_TOKEN_TTL = 43_200
#: grant_token body keys -> token resource abbreviations
TOKEN_TYPES = {"channels": "chan", "groups": "grp", "users": "usr", "spaces": "spc", "uuids": "uuid"}
_TRUE, _FALSE = ("1", "true", "True"), ("0", "false", "False", "")


def enforce(ctx: "ServerContext", rule: Needs, denied_answer: Denied, request: Request,
            match: "re.Match[str]") -> None:
    """Raise ``denied_answer`` unless Access Manager allows everything the unsigned request needs."""
    sub_key, needs = rule(request, match)
    if not needs:
        return
    store = ctx.store
    auth = request.args.get("auth") or None
    token = store.section(TokenCache).get(auth, ctx.settings.secret_key or "") if auth else None
    denied = denied_needs(store.keyspace(sub_key).section(Grants), token, auth, request.uuid, needs,
                          store.wall_clock())
    if denied:
        raise denied_answer(*split_denied(denied))


def _invalid(name: str) -> ServiceError:
    return access_manager_error(400, "Invalid %s" % name)


def _flag_map(flags: int) -> Dict[str, int]:
    return {letter: 1 if flags & bit else 0 for letter, bit in FLAGS}


def _success(payload: Dict[str, Any]) -> Reply:
    return Reply(200, json.dumps({"message": "Success", "payload": payload, "service": "Access Manager",
                                  "status": 200}, separators=(",", ":")))


def _parse_flags(request: Request) -> int:
    flags = 0
    for letter, bit in FLAGS:
        value = request.args.get(letter)
        if value in _TRUE:
            flags |= bit
        elif value is not None and value not in _FALSE:
            raise _invalid(letter)
    return flags


def handle_grant(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/auth/grant/sub-key/{sub}?r=&w=&m=&d=&g=&u=&j=&ttl=&auth=&channel=&channel-group=&target-uuid=``.

    Revoke is the same call with every flag 0; without a ``ttl`` it answers ``"ttl": 1``, as
    recorded (a grant without one gets the default, 1440).
    """
    sub_key = path_item(match.group(1))
    flags = _parse_flags(request)
    ttl = int_arg(request, "ttl", DEFAULT_TTL if flags else REVOKE_TTL, _invalid)
    if ttl is None or ttl > MAX_TTL:
        raise _invalid("ttl")
    auths = list(dict.fromkeys(request.arg_list("auth")))
    channels = list(dict.fromkeys(request.arg_list("channel")))
    groups = list(dict.fromkeys(request.arg_list("channel-group")))
    uuids = list(dict.fromkeys(request.arg_list("target-uuid")))
    if uuids and not auths:
        raise access_manager_error(400, "UUIDs grant management require providing non empty authKeys")
    grants = ctx.store.keyspace(sub_key).section(Grants)
    now = ctx.store.wall_clock()
    targets: List[Tuple[str, str]] = [(UUID, name) for name in uuids] + [(CHANNEL, name) for name in channels]
    targets += [(GROUP, name) for name in groups]
    keys: List[Optional[str]] = list(auths) or [None]
    try:
        for kind, name in targets or [(SUBKEY, "")]:
            for auth in keys:
                grants.put(kind, name, auth, flags, ttl, now)
    except CapacityError:
        raise access_manager_error(400, "Too many grants") from None
    return _success(_grant_payload(sub_key, ttl, _flag_map(flags), auths, channels, groups, uuids))


def _grant_payload(sub_key: str, ttl: int, flags: Dict[str, int], auths: List[str], channels: List[str],
                   groups: List[str], uuids: List[str]) -> Dict[str, Any]:
    payload: Dict[str, Any] = {"level": "subkey", "subscribe_key": sub_key, "ttl": ttl}
    by_auth = {auth: flags for auth in auths}
    per_name: Any = {"auths": by_auth} if auths else flags
    if uuids:
        payload.update(level="uuid", uuids={name: {"auths": by_auth} for name in uuids})
    elif channels:
        payload["level"] = "user" if auths else "channel"
        if auths and len(channels) == 1:
            payload.update(channel=channels[0], auths=by_auth)
        else:
            payload["channels"] = {name: per_name for name in channels}
        if groups:
            payload["channel-groups"] = {name: per_name for name in groups}
    elif groups:
        payload["level"] = "channel-group+auth" if auths else "channel-group"
        if auths and len(groups) == 1:
            payload.update({"channel-groups": groups[0], "auths": by_auth})
        else:
            payload["channel-groups"] = {name: per_name for name in groups}
    else:
        payload.update(flags)
        if auths:
            payload["auths"] = by_auth
    return payload


def _audit_flags(grant: Grant, now: float) -> Dict[str, int]:
    return dict(_flag_map(grant.flags), ttl=grant.remaining(now))


def handle_audit(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/auth/audit/sub-key/{sub}[?auth=&channel=&channel-group=]``: live grants, ``ttl`` left."""
    sub_key = path_item(match.group(1))
    auths = set(request.arg_list("auth"))
    channels = list(dict.fromkeys(request.arg_list("channel")))
    groups = list(dict.fromkeys(request.arg_list("channel-group")))
    now = ctx.store.wall_clock()
    entries: Dict[Tuple[str, str], Dict[str, Any]] = {}
    for (kind, name, auth), grant in ctx.store.keyspace(sub_key).section(Grants).live_entries(now):
        if auth is None:
            entries.setdefault((kind, name), {}).update(_audit_flags(grant, now))
        elif not auths or auth in auths:
            entries.setdefault((kind, name), {}).setdefault("auths", {})[auth] = _audit_flags(grant, now)
    payload: Dict[str, Any] = {"level": "subkey", "subscribe_key": sub_key}

    def listed(kind: str, names: Optional[List[str]]) -> Dict[str, Any]:
        if names is None:
            return {name: entry for (k, name), entry in entries.items() if k == kind}
        return {name: entries.get((kind, name), {}) for name in names}

    if channels:
        if auths and len(channels) == 1:
            payload.update(level="user", channel=channels[0], auths=entries.get((CHANNEL, channels[0]), {}).get(
                "auths", {}))
        else:
            payload.update(level="channel", channels=listed(CHANNEL, channels))
    elif groups:
        if auths and len(groups) == 1:
            payload.update({"level": "channel-group+auth", "channel-group": groups[0],
                            "auths": entries.get((GROUP, groups[0]), {}).get("auths", {})})
        else:
            payload.update({"level": "channel-group", "channel-groups": listed(GROUP, groups)})
    else:
        payload.update(entries.get((SUBKEY, ""), {}))
        payload.update({"channels": listed(CHANNEL, None), "channel-groups": listed(GROUP, None)})
        found_uuids = listed(UUID, None)
        if found_uuids:
            payload["uuids"] = found_uuids
        payload["objects"] = {}
    return _success(payload)


def _token_input(message: str, location: str) -> ServiceError:
    return grant_token_error("Invalid request", 400, [{"message": message, "location": location,
                                                       "locationType": "body"}])


def _token_ttl(value: Any) -> int:
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 10:
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_TOKEN_TTL:
        raise grant_token_error("Invalid ttl", 400, [{"message": "Range should be 1 to 43200 minute(s).",
                                                      "location": "ttl", "locationType": "body"}])
    return value


def _token_section(permissions: Dict[str, Any], key: str) -> Dict[str, Dict[str, int]]:
    section = permissions.get(key, {})
    if not isinstance(section, dict):
        raise _token_input("Invalid %s" % key, "permissions.%s" % key)
    found: Dict[str, Dict[str, int]] = {abbreviation: {} for abbreviation in ("chan", "grp", "usr", "spc")}
    for kind, names in section.items():
        abbreviation = TOKEN_TYPES.get(kind)
        if abbreviation is None or not isinstance(names, dict):
            raise _token_input("Invalid resource type", "permissions.%s.%s" % (key, kind))
        for name, bits in names.items():
            if not isinstance(bits, int) or isinstance(bits, bool) or not 0 <= bits <= 255:
                raise _token_input("Invalid permission", "permissions.%s.%s" % (key, kind))
            found.setdefault(abbreviation, {})[name] = bits
    return found


def handle_grant_token(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``POST /v3/pam/{sub}/grant`` with ``{"ttl", "permissions": {"resources", "patterns", "meta"}}``."""
    try:
        body = parse_json(request.text_body()) if request.body else None
    except ValueError:
        raise _token_input("Invalid JSON", "body") from None
    if not isinstance(body, dict):
        raise _token_input("Missing body", "body")
    ttl = _token_ttl(body.get("ttl"))
    permissions = body.get("permissions")
    if not isinstance(permissions, dict):
        raise _token_input("Missing permissions", "permissions")
    resources = _token_section(permissions, "resources")
    patterns = _token_section(permissions, "patterns")
    if not any(resources.values()) and not any(patterns.values()):
        raise _token_input("At least one resource or pattern is required", "permissions")
    meta = permissions.get("meta", {})
    uuid = permissions.get("uuid")
    if not isinstance(meta, dict) or (uuid is not None and not isinstance(uuid, str)):
        raise _token_input("Invalid meta" if not isinstance(meta, dict) else "Invalid uuid", "permissions")
    token = issue_token(ctx.settings.secret_key or "", int(ctx.store.wall_clock()), ttl,
                        {kind: names for kind, names in resources.items() if names or kind != "uuid"},
                        {kind: names for kind, names in patterns.items() if names or kind != "uuid"}, meta, uuid)
    return Reply(200, json.dumps({"data": {"message": "Success", "token": token}, "service": "Access Manager",
                                  "status": 200}))


_SEG = "([^/]*)"
ROUTES = [
    route("GET", r"^/v2/auth/grant/sub-key/%s$" % _SEG, handle_grant, "grant"),
    route("GET", r"^/v2/auth/audit/sub-key/%s$" % _SEG, handle_audit, "audit"),
    route("POST", r"^/v3/pam/%s/grant$" % _SEG, handle_grant_token, "grant-token"),
]
