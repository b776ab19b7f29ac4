"""Access Manager model: v2 grants, v3 tokens and the permission check (MORE §2, §3).

Layer: test server. Pure: no I/O, no Tornado; the clock is always passed in (wall seconds).

* Permission bits are shared by v2 flags and v3 token bitmasks: ``r``=READ 1, ``w``=WRITE 2,
  ``m``=MANAGE 4, ``d``=DELETE 8, CREATE 16, ``g``=GET 32, ``u``=UPDATE 64, ``j``=JOIN 128.
* ``Grants`` (a key-space section) keeps v2 grants per (level, name, auth key). A request is
  allowed a permission on a channel/group/uuid when any of these grants it: the sub key, the
  sub key for its auth key, the resource, the resource for its auth key (the service's
  additive levels). Revoking (all flags 0) deletes the entry. ``ttl`` is minutes, 0 = forever.
* Tokens are padded URL-safe base64 of a CBOR map with byte-string keys (MORE §3.4) signed
  with HMAC-SHA256 of the secret key over the canonical CBOR of the map without ``sig``. A
  token grants through ``res`` (exact names) and ``pat`` (regular expressions, full match);
  ``chan`` and ``spc`` (4.8.1's "spaces") apply to channels, ``grp`` to groups, ``uuid`` and
  ``usr`` (4.8.1's "users") to uuids. With a token as ``auth`` only the token counts.
* ``Needs``: what a request needs, built by ``on_channel``, ``on_channels``, ``on_group``,
  ``on_uuid``, ``on_subkey``, ``on_listed_channels`` and ``NOTHING``; the table of every
  operation is ``pubnub.testing.operations.OPERATIONS``.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Dict, List, NamedTuple, Optional, Tuple

import cbor2

from pubnub.testing.errors import ServiceError
from pubnub.testing.routing import Request, path_item, path_list

if TYPE_CHECKING:
    from pubnub.testing.store import KeySpace, Store

READ, WRITE, MANAGE, DELETE, CREATE, GET, UPDATE, JOIN = 1, 2, 4, 8, 16, 32, 64, 128
#: the v2 flags in the order the service writes them
FLAGS = (("r", READ), ("w", WRITE), ("m", MANAGE), ("d", DELETE), ("g", GET), ("u", UPDATE), ("j", JOIN))
CHANNEL, GROUP, UUID, SUBKEY = "channel", "group", "uuid", "subkey"
#: token resource types -> the kind of resource they grant
TOKEN_TYPES = {"chan": CHANNEL, "spc": CHANNEL, "grp": GROUP, "uuid": UUID, "usr": UUID}
MAX_TOKEN_CHARS = 16 * 1024


class CapacityError(Exception):
    """The grant table of a key space is full."""


class Need(NamedTuple):
    """One permission a request needs: ``bit`` on the channel/group/uuid ``name``."""

    kind: str
    name: str
    bit: int


Denied = Callable[[List[str], List[str], List[str]], ServiceError]
Needs = Callable[[Request, "re.Match[str]"], Tuple[str, List[Need]]]


def _nothing(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
    return "", []


#: what a route any unsigned request may use needs
NOTHING: Needs = _nothing


def on_subkey(sub: int, bit: int) -> Needs:
    """``bit`` granted for the whole subscribe key (calls that name no channel, group or uuid)."""
    def needs(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
        return path_item(match.group(sub)), [Need(SUBKEY, "", bit)]
    return needs


def on_channel(sub: int, channel: int, bit: int) -> Needs:
    """``bit`` on the one channel in path group ``channel``."""
    def needs(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
        return path_item(match.group(sub)), [Need(CHANNEL, path_item(match.group(channel)), bit)]
    return needs


def on_channels(sub: int, channels: Optional[int], bit: int) -> Needs:
    """``bit`` on every channel of the list in path group ``channels`` and every ``channel-group``."""
    def needs(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
        names = path_list(match.group(channels)) if channels is not None else []
        found = [Need(CHANNEL, name, bit) for name in dict.fromkeys(names)]
        found.extend(Need(GROUP, name, bit) for name in dict.fromkeys(request.arg_list("channel-group")))
        return path_item(match.group(sub)), found
    return needs


def on_listed_channels(sub: int, args: Tuple[str, ...], bit: int) -> Needs:
    """``bit`` on every channel listed in the query values ``args``; with none listed, ``bit`` for
    the whole subscribe key."""
    def needs(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
        names = [name for arg in args for name in request.arg_list(arg)]
        if not names:
            return path_item(match.group(sub)), [Need(SUBKEY, "", bit)]
        return path_item(match.group(sub)), [Need(CHANNEL, name, bit) for name in dict.fromkeys(names)]
    return needs


def on_group(sub: int, group: int, bit: int) -> Needs:
    """``bit`` on the channel group in path group ``group``."""
    def needs(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
        return path_item(match.group(sub)), [Need(GROUP, path_item(match.group(group)), bit)]
    return needs


def on_uuid(sub: int, uuid: int, bit: int) -> Needs:
    """``bit`` on the uuid in path group ``uuid``."""
    def needs(request: Request, match: "re.Match[str]") -> Tuple[str, List[Need]]:
        return path_item(match.group(sub)), [Need(UUID, path_item(match.group(uuid)), bit)]
    return needs


class Grant:
    """One v2 grant: flag bits, the ttl it was given (minutes) and its expiry (None: never)."""

    __slots__ = ("expires", "flags", "ttl")

    def __init__(self, flags: int, ttl: int, expires: Optional[float]) -> None:
        self.flags = flags
        self.ttl = ttl
        self.expires = expires

    def live(self, now: float) -> bool:
        return self.expires is None or self.expires > now

    def remaining(self, now: float) -> int:
        """Minutes left (rounded up), 0 for a grant that never expires."""
        if self.expires is None:
            return 0
        return max(1, int(-(-(self.expires - now) // 60)))


GrantKey = Tuple[str, str, Optional[str]]  # (CHANNEL | GROUP | UUID | SUBKEY, name or "", auth key or None)


class Grants:
    """The v2 grants of one key space (a ``KeySpace.section``), capped by ``max_grants``."""

    def __init__(self, keyspace: "KeySpace") -> None:
        self.settings = keyspace.settings
        self.entries: Dict[GrantKey, Grant] = {}

    def put(self, kind: str, name: str, auth: Optional[str], flags: int, ttl: int, now: float) -> None:
        """Grant ``flags`` (all 0: revoke) for ``ttl`` minutes; ``CapacityError`` when full."""
        key = (kind, name, auth)
        if flags == 0:
            self.entries.pop(key, None)
            return
        if key not in self.entries and len(self.entries) >= self.settings.max_grants:
            self.purge(now)
            if len(self.entries) >= self.settings.max_grants:
                raise CapacityError("too many grants")
        self.entries[key] = Grant(flags, ttl, now + ttl * 60.0 if ttl else None)

    def purge(self, now: float) -> None:
        """Forget expired grants."""
        for key in [key for key, grant in self.entries.items() if not grant.live(now)]:
            del self.entries[key]

    def find(self, kind: str, name: str, auth: Optional[str], now: float) -> Optional[Grant]:
        grant = self.entries.get((kind, name, auth))
        return grant if grant is not None and grant.live(now) else None

    def allows(self, need: Need, auth: Optional[str], now: float) -> bool:
        keys: List[GrantKey] = [(SUBKEY, "", None), (need.kind, need.name, None)]
        if auth:
            keys += [(SUBKEY, "", auth), (need.kind, need.name, auth)]
        for key in keys:
            grant = self.entries.get(key)
            if grant is not None and grant.flags & need.bit and grant.live(now):
                return True
        return False

    def live_entries(self, now: float) -> List[Tuple[GrantKey, Grant]]:
        return [(key, grant) for key, grant in self.entries.items() if grant.live(now)]


class Token:
    """A verified v3 token: issue time, ttl (minutes), grants, optional authorized uuid."""

    __slots__ = ("issued", "patterns", "resources", "ttl", "uuid")

    def __init__(self, issued: int, ttl: int, resources: Dict[str, Dict[str, int]],
                 patterns: Dict[str, List[Tuple["re.Pattern[str]", int]]], uuid: Optional[str]) -> None:
        self.issued = issued
        self.ttl = ttl
        self.resources = resources
        self.patterns = patterns
        self.uuid = uuid

    def expired(self, now: float) -> bool:
        return now >= self.issued + self.ttl * 60

    def allows(self, need: Need) -> bool:
        if self.resources.get(need.kind, {}).get(need.name, 0) & need.bit:
            return True
        return any(bits & need.bit and regex.fullmatch(need.name) is not None
                   for regex, bits in self.patterns.get(need.kind, ()))


def _signature(secret: str, fields: Dict[bytes, Any]) -> bytes:
    return hmac.new(secret.encode("utf-8"), cbor2.dumps(fields, canonical=True), hashlib.sha256).digest()


def issue_token(secret: str, now: int, ttl: int, resources: Dict[str, Dict[str, int]],
                patterns: Dict[str, Dict[str, int]], meta: Dict[str, Any], uuid: Optional[str] = None) -> str:
    """A signed token; ``resources``/``patterns`` map type abbreviations (``chan`` ...) to name -> bits."""
    fields: Dict[bytes, Any] = {
        b"v": 2, b"t": now, b"ttl": ttl,
        b"res": {kind.encode("ascii"): dict(names) for kind, names in resources.items()},
        b"pat": {kind.encode("ascii"): dict(names) for kind, names in patterns.items()},
        b"meta": meta}
    if uuid is not None:
        fields[b"uuid"] = uuid
    fields[b"sig"] = _signature(secret, fields)
    return base64.urlsafe_b64encode(cbor2.dumps(fields)).decode("ascii")


def _compile(pattern: str) -> Optional["re.Pattern[str]"]:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _grants(section: Any, compile_patterns: bool) -> Any:
    if not isinstance(section, dict):
        raise ValueError("not a map")
    found: Dict[str, Any] = {}
    for kind_key, names in section.items():
        kind = TOKEN_TYPES.get(kind_key.decode("ascii", "replace") if isinstance(kind_key, bytes) else str(kind_key))
        if kind is None or not isinstance(names, dict):
            continue
        for name, bits in names.items():
            if not isinstance(name, str) or not isinstance(bits, int):
                raise ValueError("bad grant")
            if compile_patterns:
                regex = _compile(name)
                if regex is not None:
                    found.setdefault(kind, []).append((regex, bits))
            else:
                target = found.setdefault(kind, {})
                target[name] = target.get(name, 0) | bits
    return found


def read_token(text: str, secret: str) -> Optional[Token]:
    """The token ``text`` stands for, or None when it is not one this server signed."""
    if not text or len(text) > MAX_TOKEN_CHARS:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        fields = cbor2.loads(raw)
        if not isinstance(fields, dict):
            return None
        signature = fields.pop(b"sig", None)
        if not isinstance(signature, bytes) or not hmac.compare_digest(signature, _signature(secret, fields)):
            return None
        issued, ttl, uuid = fields.get(b"t"), fields.get(b"ttl"), fields.get(b"uuid")
        if not isinstance(issued, int) or not isinstance(ttl, int):
            return None
        return Token(issued, ttl, _grants(fields.get(b"res", {}), False), _grants(fields.get(b"pat", {}), True),
                     uuid if isinstance(uuid, str) else None)
    except (ValueError, TypeError, binascii.Error, cbor2.CBORError, OverflowError, RecursionError, KeyError):
        return None


class TokenCache:
    """Verified tokens by text, LRU-capped (a ``Store.section``): verifying costs a CBOR round trip."""

    def __init__(self, store: "Store") -> None:
        self.size = max(1, store.settings.token_cache_size)
        self.tokens: "OrderedDict[Tuple[str, str], Optional[Token]]" = OrderedDict()

    def get(self, text: str, secret: str) -> Optional[Token]:
        key = (secret, text)
        if key in self.tokens:
            self.tokens.move_to_end(key)
            return self.tokens[key]
        token = read_token(text, secret)
        self.tokens[key] = token
        if len(self.tokens) > self.size:
            self.tokens.popitem(last=False)
        return token


def denied_needs(grants: Grants, token: Optional[Token], auth: Optional[str], uuid: Optional[str],
                 needs: List[Need], now: float) -> List[Need]:
    """The needs neither the token (when ``auth`` is one) nor the v2 grants satisfy."""
    if token is not None:
        if token.expired(now) or (token.uuid is not None and token.uuid != uuid):
            return list(needs)
        return [need for need in needs if not token.allows(need)]
    return [need for need in needs if not grants.allows(need, auth, now)]


def split_denied(denied: List[Need]) -> Tuple[List[str], List[str], List[str]]:
    """Denied channel, group and uuid names, each once, in request order."""
    by_kind: Dict[str, Dict[str, None]] = {CHANNEL: {}, GROUP: {}, UUID: {}}
    for need in denied:
        by_kind.setdefault(need.kind, {})[need.name] = None
    return list(by_kind[CHANNEL]), list(by_kind[GROUP]), list(by_kind[UUID])
