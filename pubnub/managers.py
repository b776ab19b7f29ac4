"""Per-client state helpers of the 4.x API: publish sequence numbers, call-latency telemetry and
the Access Manager v3 token store.

Layer: core. No I/O, no timers: telemetry ages out old samples as it stores (as 4.8.1 did) and
when it is read.
"""
from __future__ import annotations

import base64
import binascii
import re
import time
from collections import deque
from typing import Any, Deque, Dict, Iterable, Mapping, Optional

import cbor2

from pubnub.enums import PNMatchType, PNOperationType, PNResourceType
from pubnub.errors import PNERR_INVALID_ACCESS_TOKEN
from pubnub.exceptions import PubNubException

_OP = PNOperationType
_TELEMETRY_KEYS: Dict[int, str] = {}
for _key, _ops in {
    "pub": (_OP.PNPublishOperation, _OP.PNFireOperation),
    "hist": (_OP.PNHistoryOperation, _OP.PNHistoryDeleteOperation),
    "mc": (_OP.PNMessageCountOperation,),
    "pres": (_OP.PNUnsubscribeOperation, _OP.PNWhereNowOperation, _OP.PNHereNowOperation,
             _OP.PNGetState, _OP.PNSetStateOperation),
    "cg": (_OP.PNAddChannelsToGroupOperation, _OP.PNRemoveChannelsFromGroupOperation,
           _OP.PNChannelGroupsOperation, _OP.PNRemoveGroupOperation, _OP.PNChannelsForGroupOperation),
    "push": (_OP.PNPushNotificationEnabledChannelsOperation, _OP.PNAddPushNotificationsOnChannelsOperation,
             _OP.PNRemovePushNotificationsFromChannelsOperation, _OP.PNRemoveAllPushNotificationsOperation),
    "pam": (_OP.PNAccessManagerAudit, _OP.PNAccessManagerGrant, _OP.PNAccessManagerRevoke, _OP.PNTimeOperation),
    "sig": (_OP.PNSignalOperation,),
    "obj": tuple(range(_OP.PNSetUuidMetadataOperation, _OP.PNManageMembershipsOperation + 1)),
    "pamv3": (_OP.PNAccessManagerGrantToken,),
    "msga": (_OP.PNAddMessageAction, _OP.PNGetMessageActions, _OP.PNDeleteMessageAction),
    "file": (_OP.PNGetFilesAction, _OP.PNDeleteFileOperation, _OP.PNGetFileDownloadURLAction,
             _OP.PNFetchFileUploadS3DataAction, _OP.PNDownloadFileAction, _OP.PNSendFileAction),
}.items():
    for _op in _ops:
        _TELEMETRY_KEYS[_op] = _key


class BasePathManager:
    """The origin requests go to (4.8.1 name): ``get_base_path()`` is ``config.host()``."""

    def __init__(self, initial_config: Any) -> None:
        self.config = initial_config

    def get_base_path(self) -> str:
        host: str = self.config.host()
        return host


class PublishSequenceManager:
    """Hands out publish sequence numbers 1..max, wrapping back to 1."""

    MAX_SEQUENCE = 65535

    def __init__(self, provided_max_sequence: int = MAX_SEQUENCE) -> None:
        self.max_sequence = provided_max_sequence
        self.next_sequence = 0

    def get_next_sequence(self) -> int:
        self.next_sequence = 1 if self.next_sequence >= self.max_sequence else self.next_sequence + 1
        return self.next_sequence


class TelemetryManager:
    """Average latency per operation family over the last 60 s, sent as ``l_<family>`` params.

    ``latencies`` maps a family name to its samples (``{"timestamp": t, "latency": s}``), oldest
    first; samples older than ``MAXIMUM_LATENCY_DATA_AGE`` seconds are dropped whenever one is
    stored and (at most every ``CLEAN_UP_INTERVAL``) when the averages are read. Running sums keep
    ``operation_latencies()`` cheap on every request.

    A family keeps at most ``MAXIMUM_LATENCY_SAMPLES`` samples (the newest): the whole minute up
    to 166 calls/s; above that the average is over the latest calls. 4.8.1 kept every sample of
    the minute, about 90 MB at 7,000 calls/s.
    """

    TIMESTAMP_DIVIDER = 1000
    MAXIMUM_LATENCY_DATA_AGE = 60
    MAXIMUM_LATENCY_SAMPLES = 10000
    CLEAN_UP_INTERVAL = 1
    CLEAN_UP_INTERVAL_MULTIPLIER = 1000

    def __init__(self) -> None:
        self.latencies: Dict[str, Deque[Dict[str, float]]] = {}
        self._sums: Dict[str, float] = {}
        self._last_clean_up = 0.0

    @staticmethod
    def endpoint_name_for_operation(operation_type: int) -> Any:
        """The family key of an operation, or None for operations with no telemetry."""
        return _TELEMETRY_KEYS.get(operation_type)

    def store_latency(self, latency: float, operation_type: int) -> None:
        """Record a successful call's latency (seconds; zero and negative ones are ignored), then
        drop every sample older than ``MAXIMUM_LATENCY_DATA_AGE``, as 4.8.1 did on each store (and
        the oldest beyond ``MAXIMUM_LATENCY_SAMPLES``)."""
        now = time.time()
        name = self.endpoint_name_for_operation(operation_type)
        if name is not None and latency > 0:
            samples = self.latencies.get(name)
            if samples is None:
                samples = self.latencies[name] = deque()
                self._sums[name] = 0.0
            samples.append({"timestamp": now, "latency": latency})
            self._sums[name] = self._sums.get(name, 0.0) + latency
        self._drop_older_than(now - self.MAXIMUM_LATENCY_DATA_AGE)

    def clean_up_telemetry_data(self) -> None:
        """Drop samples older than ``MAXIMUM_LATENCY_DATA_AGE`` seconds."""
        self._drop_older_than(time.time() - self.MAXIMUM_LATENCY_DATA_AGE)

    def _drop_older_than(self, oldest_kept: float) -> None:
        for name in list(self.latencies):
            samples = self.latencies[name]
            if not isinstance(samples, deque):
                samples = self.latencies[name] = deque(samples)
                self._sums[name] = sum(s["latency"] for s in samples)
            while samples and samples[0]["timestamp"] < oldest_kept:
                self._sums[name] -= samples.popleft()["latency"]
            while len(samples) > self.MAXIMUM_LATENCY_SAMPLES:  # the oldest beyond the cap
                self._sums[name] -= samples.popleft()["latency"]
            if not samples:
                del self.latencies[name]
                self._sums.pop(name, None)

    def operation_latencies(self) -> Dict[str, float]:
        """``{"l_<family>": average seconds}`` for every family with recent samples."""
        now = time.time()
        if now - self._last_clean_up >= self.CLEAN_UP_INTERVAL:
            self._last_clean_up = now
            self.clean_up_telemetry_data()
        result = {}
        for name, samples in self.latencies.items():
            if samples:
                total = self._sums.get(name)
                average = (total if total is not None else sum(s["latency"] for s in samples)) / len(samples)
                if average > 0:
                    result["l_" + name] = average
        return result

    @staticmethod
    def average_latency_from_data(endpoint_latencies: Iterable[Mapping[str, float]]) -> float:
        samples = list(endpoint_latencies)
        return sum(s["latency"] for s in samples) / len(samples) if samples else 0.0


class NoTelemetryManager(TelemetryManager):
    """For clients that record no latencies (the plain client, as in 4.8.1)."""

    def store_latency(self, latency: float, operation_type: int) -> None:
        return None


# ----- Access Manager v3 tokens ------------------------------------------------------------

# Resource-type abbreviations used inside tokens; other abbreviations (e.g. "uuid") are kept as is.
_TOKEN_RESOURCE_TYPES = {"chan": PNResourceType.CHANNEL, "grp": PNResourceType.GROUP,
                         "usr": PNResourceType.USER, "spc": PNResourceType.SPACE}
_TOKEN_SECTIONS = (("res", PNMatchType.RESOURCE), ("pat", PNMatchType.PATTERN))
_CBOR_ERRORS = (cbor2.CBORError, ValueError, TypeError, OverflowError, RecursionError)

TokenMap = Dict[str, Dict[str, Dict[str, str]]]


class TokenManagerProperties:
    """Which token to look up: a resource type (``PNResourceType``) and a resource name."""

    def __init__(self, resource_type: Any, resource_id: Any) -> None:
        self.resource_type = resource_type
        self.resource_id = resource_id

    def __str__(self) -> str:
        return "resource_type: %s, resource_id: %s" % (self.resource_type, self.resource_id)


def _invalid_token() -> PubNubException:
    return PubNubException(pn_error=PNERR_INVALID_ACCESS_TOKEN)


def _text(value: Any) -> Any:
    """Byte strings become text (recursively through maps and arrays); the token keys are bytes."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {_text(key): (item if key in (b"sig", "sig") else _text(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [_text(item) for item in value]
    return value


def unwrap_token(token: Any) -> Dict[str, Any]:
    """Decode a v3 token: URL-safe base64 (padding optional) of a CBOR map.

    Keys and byte-string values come back as text, except ``sig``, which stays bytes. Anything
    that is not such a token raises ``PubNubException(PNERR_INVALID_ACCESS_TOKEN)`` (4.8.1 let
    a ``binascii.Error`` escape for tokens without padding).
    """
    if not isinstance(token, str) or not token:
        raise _invalid_token()
    try:
        raw = base64.b64decode(token.replace("_", "/").replace("-", "+") + "=" * (-len(token) % 4), validate=True)
    except (binascii.Error, ValueError) as e:
        raise _invalid_token() from e
    try:
        parsed = _text(cbor2.loads(raw))
    except (*_CBOR_ERRORS, UnicodeDecodeError) as e:
        raise _invalid_token() from e
    if not isinstance(parsed, dict):
        raise _invalid_token()
    for section, _ in _TOKEN_SECTIONS:
        grants = parsed.get(section, {})
        if not isinstance(grants, dict) or not all(isinstance(names, dict) for names in grants.values()):
            raise _invalid_token()
    return parsed


class TokenManager:
    """Stores v3 tokens by the resources they grant, to look one up for a resource.

    The store maps resource type -> ``"resource"`` (exact names) / ``"pattern"`` (regular
    expressions) -> name -> the whole token string. Fixed against 4.8.1: tokens granting
    channels or groups are stored (4.8.1 raised ``KeyError``), every pattern of a type is kept
    and a pattern token is returned only when its expression matches the name (4.8.1 kept the
    last pattern and returned it for any name), unknown types give nothing instead of
    ``KeyError``.
    """

    def __init__(self) -> None:
        # "user" and "space" always exist, as in 4.8.1's get_tokens(); other types on first use.
        self._token: TokenMap = {PNResourceType.USER: self._empty(), PNResourceType.SPACE: self._empty()}
        self.has_tokens = False  # lets requests skip the lookup when nothing was ever stored

    @staticmethod
    def _empty() -> Dict[str, Dict[str, str]]:
        return {PNMatchType.RESOURCE: {}, PNMatchType.PATTERN: {}}

    @staticmethod
    def unwrap_token(token: Any) -> Dict[str, Any]:
        """The decoded content of ``token`` (see ``pubnub.managers.unwrap_token``)."""
        return unwrap_token(token)

    def set_token(self, token: str) -> None:
        """Store ``token`` under every resource and pattern it grants (invalid: PNERR_INVALID_ACCESS_TOKEN)."""
        parsed = unwrap_token(token)
        for section, match_type in _TOKEN_SECTIONS:
            for abbreviation, names in parsed.get(section, {}).items():
                if not names:
                    continue
                resource_type = _TOKEN_RESOURCE_TYPES.get(abbreviation, abbreviation)
                stored = self._token.setdefault(resource_type, self._empty())[match_type]
                for name in names:
                    stored[name] = token
                    self.has_tokens = True

    def set_tokens(self, tokens: Iterable[str]) -> None:
        for token in tokens:
            self.set_token(token)

    def get_token(self, tms_properties: Optional[TokenManagerProperties]) -> Optional[str]:
        """The token for exactly this resource name, else for the first pattern matching it, else None."""
        if tms_properties is None or tms_properties.resource_type is None or tms_properties.resource_id is None:
            return None
        stored = self._token.get(tms_properties.resource_type)
        if stored is None:
            return None
        resource_id = str(tms_properties.resource_id)
        token = stored[PNMatchType.RESOURCE].get(resource_id)
        if token is not None:
            return token
        for pattern, pattern_token in list(stored[PNMatchType.PATTERN].items()):
            try:
                if re.search(pattern, resource_id):
                    return pattern_token
            except re.error:
                continue  # a pattern Python cannot compile cannot be matched here
        return None

    def get_tokens(self) -> TokenMap:
        """A copy of the whole store: type -> "resource"/"pattern" -> name -> token."""
        return {resource_type: {match: dict(names) for match, names in by_match.items()}
                for resource_type, by_match in self._token.items()}

    def get_tokens_by_resource(self, resource_type: Any) -> Dict[str, Dict[str, str]]:
        """The "resource"/"pattern" maps of one type (empty maps for a type with no token)."""
        by_match = self._token.get(resource_type)
        if by_match is None:
            return self._empty()
        return {match: dict(names) for match, names in by_match.items()}


def __getattr__(name: str) -> Any:
    """4.8.1 exposed the subscription managers here; they live in the subscription modules
    (imported on first use: they import this module)."""
    if name == "SubscriptionManager":
        from pubnub._subscription import SubscriptionManager
        return SubscriptionManager
    if name == "ListenerManager":
        from pubnub._subscription_dispatch import ListenerManager
        return ListenerManager
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
