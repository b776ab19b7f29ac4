"""Pure helpers of the 4.x API (``pubnub.utils``): encoding, JSON, signing, small predicates.

Layer: core. Imports no tornado, requests or asyncio.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid as _uuid
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Union
from urllib.parse import quote, urlunsplit

from pubnub.enums import PNOperationType, PNPushType, PNStatusCategory
from pubnub.errors import PNERR_JSON_NOT_SERIALIZABLE, PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


_ENCODED: Dict[str, str] = {}  # short texts seen before -> their encoding (keys, pnsdk, uuids, channels)
_ENCODED_LIMIT = 1024
_JSON_DECODER = json.JSONDecoder()


def url_encode(data: Any) -> str:
    """Percent-encode every UTF-8 byte except ``A-Z a-z 0-9 - . _ ~`` (space -> ``%20``)."""
    text = data if isinstance(data, str) else str(data)
    encoded = _ENCODED.get(text)
    if encoded is not None:
        return encoded
    if text.isdigit() and text.isascii():  # sequence numbers, timetokens: never cached
        return text
    encoded = text if _UNRESERVED.issuperset(text) else _quote(text, "")
    if len(text) <= 64:
        if len(_ENCODED) >= _ENCODED_LIMIT:
            _ENCODED.clear()
        _ENCODED[text] = encoded
    return encoded


def _quote(text: str, safe: str) -> str:
    try:
        return quote(text, safe=safe)
    except UnicodeEncodeError as e:  # a lone surrogate (e.g. from a mis-decoded byte string)
        # (the text itself is not quoted: it may be a key or a token)
        raise PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS, errormsg=(
            "a text to send is not valid Unicode (%s at position %d)" % (e.reason, e.start))) from e


def encode_query(params: Mapping[str, Any]) -> str:
    """``key=value&...`` with every value percent-encoded (a list or tuple: items encoded one by
    one, joined by a literal ","; numbers as they print)."""
    memo = _ENCODED
    parts = []
    for key, value in params.items():
        kind = value.__class__
        if kind is str:
            encoded = memo.get(value)  # the usual case, without a call: pnsdk, uuid, auth, names
            if encoded is None:
                encoded = url_encode(value)
        elif kind is int or kind is float:  # digits, ".", "-", "e": nothing to encode
            encoded = str(value)
        else:
            encoded = encode_query_value(value)
        parts.append(key + "=" + encoded)
    return "&".join(parts)


def encode_query_value(value: Any) -> str:
    """One query value as sent: a list or tuple has its items encoded one by one, joined by ","."""
    if isinstance(value, (list, tuple)):
        return ",".join([url_encode(item) for item in value])
    return url_encode(value)


def parse_json(text: str) -> Any:
    """``json.loads(text)`` without its per-call overhead for the usual body (nothing around the
    value); anything else (surrounding whitespace, invalid JSON) goes to ``json.loads`` itself.
    JSON nested too deeply to read (a RecursionError in ``json``) is a ValueError too."""
    try:
        try:
            value, end = _JSON_DECODER.raw_decode(text)
        except ValueError:
            return json.loads(text)
        if end != len(text) and text[end:].strip(" \t\n\r"):
            return json.loads(text)  # raises "Extra data"
        return value
    except RecursionError as e:
        raise ValueError("JSON nested too deeply") from e


def pam_encode(data: Any) -> str:
    """The encoder of the signature's canonical query: ``url_encode`` with ``~`` as ``%7E``."""
    return url_encode(data).replace("~", "%7E")


def _not_serializable(value: Any) -> Any:
    raise TypeError("Object of type %s is not JSON serializable" % value.__class__.__name__)


# What the fast encoder must turn into exactly json.dumps' text before it is trusted.
_JSON_PROBE: Any = {"s": "a\u00e4\u20ac\"\\\n\x01\ud83d\ude00", "i": [0, -7, 2 ** 70], "f": [0.5, -1e300, 1e-7],
                    "c": [True, False, None], "n": {"": [], "x": {}}, "t": ("tuple", 1)}


def _build_json_encoder(make_encoder: Optional[Callable[..., Any]]) -> Optional[Callable[[Any, int], Iterable[str]]]:
    """json.dumps() builds a new C encoder on every call; this one, made once, has json.dumps'
    settings but no circular-reference bookkeeping (no state shared between threads): a circular
    structure recurses until RecursionError, and json.dumps then reports it as it always does.

    ``make_encoder`` is ``json.encoder.c_make_encoder``, a CPython internal taking positional
    arguments: when it is missing (None), takes other arguments, or encodes a probe value
    differently from json.dumps, there is no fast encoder (None) and json.dumps serves every
    call. Never raises."""
    if make_encoder is None:
        return None
    try:
        encoder = make_encoder(None, _not_serializable, json.encoder.encode_basestring_ascii, None, ": ", ", ",
                               False, False, False)  # allow_nan=False: NaN and Infinity are not JSON
        if "".join(encoder(_JSON_PROBE, 0)) != json.dumps(_JSON_PROBE):
            return None
        for refused, error in (({"x": object()}, TypeError), ([float("nan")], ValueError)):
            try:
                "".join(encoder(refused, 0))
            except error:
                continue
            return None  # it serialised what must be refused
        return encoder
    except Exception:  # any other internal change: json.dumps it is
        return None


_encode_json = _build_json_encoder(getattr(json.encoder, "c_make_encoder", None))


def write_value_as_string(data: Any) -> str:
    """Serialise a user payload as JSON text.

    A ``str`` becomes a JSON string with its non-ASCII characters kept literal (as 4.8.1 sent
    them) but quotes, backslashes and control characters escaped (4.8.1 did not escape them and
    sent invalid JSON). Anything else is ``json.dumps(data)`` (``", "``/``": "``, ASCII).

    Raises:
        PubNubException: ``PNERR_JSON_NOT_SERIALIZABLE`` for what JSON cannot carry: an object
            of another type, NaN or an infinity (``json.dumps`` would write ``NaN``, which no
            JSON parser reads back), a circular or too deeply nested structure, a text with no
            UTF-8 form (a lone surrogate).
    """
    try:
        if isinstance(data, str):
            if not data.isascii():
                data.encode("utf-8")  # a lone surrogate cannot be sent as UTF-8 (UnicodeEncodeError)
            return json.encoder.encode_basestring(data)  # json.dumps(data, ensure_ascii=False)
        if _encode_json is not None:
            try:
                return "".join(_encode_json(data, 0))
            except RecursionError:
                pass  # circular (or very deep): json.dumps gives its own verdict
        return json.dumps(data, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as e:
        raise PubNubException(pn_error=PNERR_JSON_NOT_SERIALIZABLE, errormsg=str(e)) from e


# Characters a URL path may carry literally. 4.8.1 put identifiers (file ids and names, push
# device ids) into the path unencoded and let requests quote what is illegal in a URL; quoting
# with this set gives the same bytes for every value that worked then, keeps "/", "?", "#" and
# "%" from breaking the request, and lets clients that refuse such URLs (curl) send them too.
_PATH_SAFE = "!$&'()*+,;=:@~"


def path_segment(value: Any) -> str:
    """An identifier as one path segment (see ``_PATH_SAFE``)."""
    return _quote(str(value), _PATH_SAFE)


def url_write(data: Any) -> str:
    """JSON-serialise then percent-encode, for payloads carried in a path segment."""
    return url_encode(write_value_as_string(data))


def uuid() -> str:
    """A new random (version 4) UUID as lower-case text."""
    return str(_uuid.uuid4())


def split_items(items_string: str) -> list[str]:
    """Split a comma-separated string into its non-empty items."""
    return [item for item in items_string.split(",") if item]


def join_items(items_list: Iterable[Any]) -> str:
    return ",".join(str(item) for item in items_list)


def join_items_and_encode(items_list: Iterable[Any]) -> str:
    return ",".join(url_encode(item) for item in items_list)


def join_channels(items_list: Iterable[Any]) -> str:
    """The channel path segment: encoded names joined by ``,``; a lone ``,`` when empty."""
    joined = join_items_and_encode(items_list)
    return joined if joined else ","


def extend_list(existing_items: list[Any], new_items: Any) -> None:
    """Append a str (split on ``,``), list or tuple of items, as 4.8.1 builders do."""
    if isinstance(new_items, str):
        existing_items.extend(split_items(new_items))
    elif new_items is not None:
        existing_items.extend(new_items)


def build_url(scheme: str, origin: str, path: str, params: Union[str, Mapping[str, Any], None] = None) -> str:
    """Assemble ``scheme://origin/path?query`` (``params`` as a query string or a mapping)."""
    if params is None:
        query = ""
    elif isinstance(params, str):
        query = params
    else:
        query = "&".join("%s=%s" % (k, v) for k, v in params.items())
    return urlunsplit((scheme, origin, path, query, ""))


def sign_sha256(secret: str, sign_input: str) -> str:
    """HMAC-SHA256 of ``sign_input`` keyed by ``secret``, as base64url with padding."""
    digest = hmac.new(secret.encode("utf-8"), sign_input.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def prepare_pam_arguments(unsorted_params: Mapping[str, Any]) -> str:
    """The canonical query of a signature: names sorted, values ``pam_encode``d, joined by ``&``."""
    return "&".join("%s=%s" % (key, pam_encode(unsorted_params[key])) for key in sorted(unsorted_params))


def sign_request_v2(secret_key: str, publish_key: str, method: str, path: str,
                    params: Mapping[str, Any], body: Optional[str]) -> str:
    """The v2 signature of a request (``v2.`` + unpadded base64url HMAC)."""
    string_to_sign = "%s\n%s\n%s\n%s\n%s" % (method, publish_key, path, prepare_pam_arguments(params), body or "")
    return "v2." + sign_sha256(secret_key, string_to_sign).rstrip("=")


def sign_request_v1(secret_key: str, subscribe_key: str, publish_key: str, path: str,
                    params: Mapping[str, Any]) -> str:
    """The v1 signature used by POST publish (padded base64url, body not signed)."""
    string_to_sign = "%s\n%s\n%s\n%s" % (subscribe_key, publish_key, path, prepare_pam_arguments(params))
    return sign_sha256(secret_key, string_to_sign)


def is_subscribed_event(status: Any) -> bool:
    return bool(status.category == PNStatusCategory.PNConnectedCategory)


def is_unsubscribed_event(status: Any) -> bool:
    return bool(status.category == PNStatusCategory.PNAcknowledgmentCategory
                and status.operation == PNOperationType.PNUnsubscribeOperation)


def push_type_to_string(push_type: Any) -> str:
    return {PNPushType.APNS: "apns", PNPushType.GCM: "gcm", PNPushType.MPNS: "mpns",
            PNPushType.APNS2: "apns2", PNPushType.FCM: "fcm"}.get(push_type, "")


def strip_right(text: str, suffix: str) -> str:
    return text[:-len(suffix)] if suffix and text.endswith(suffix) else text
