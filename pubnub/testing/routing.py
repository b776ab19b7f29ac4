"""Request, reply and route types of the test server, plus the input parsers handlers share.

Layer: test server. No I/O and no Tornado: the HTTP layer (``app``) builds a ``Request``,
finds the ``Route`` and writes the ``Reply``. A handler is a plain function
``handler(ctx, request, match) -> Reply | Pending``; ``Pending`` is an answer that comes later
(the subscribe long-poll).
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union
from urllib.parse import unquote, unquote_plus

from pubnub.testing.errors import ServiceError

if TYPE_CHECKING:
    import asyncio

    from pubnub.testing.app import ServerContext

JSON_CONTENT_TYPE = 'text/javascript; charset="UTF-8"'


class Reply:
    """A complete answer: status code and body (JSON unless ``headers`` say otherwise).

    ``headers``: extra header lines for the few answers that are not JSON (file downloads,
    redirects); when given they replace the default JSON ``Content-Type`` (see ``header_lines``).
    """

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, body: Union[str, bytes], headers: Optional[bytes] = None) -> None:
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = headers


def header_lines(content_type: Optional[str], **others: str) -> bytes:
    """Pre-encoded header lines for ``Reply(headers=...)``; ``location="..."`` -> ``Location: ...``."""
    lines = []
    if content_type is not None:
        lines.append("Content-Type: %s\r\n" % content_type)
    for name, value in others.items():
        if "\r" in value or "\n" in value:
            raise ValueError("header value with a line break")
        lines.append("%s: %s\r\n" % (name.replace("_", "-").title(), value))
    return "".join(lines).encode("latin-1")


class Pending:
    """An answer that arrives later: ``future`` resolves to a ``Reply``.

    ``cancel`` is called when the client goes away first (it must release what the
    handler holds, e.g. a subscribe waiter).
    """

    __slots__ = ("cancel", "future")

    def __init__(self, future: "asyncio.Future[Reply]", cancel: Callable[[], None]) -> None:
        self.future = future
        self.cancel = cancel


class ResetConnection(Exception):
    """What a ``Pending`` fails with when the answer is no answer: the HTTP layer resets the
    connection (a TCP RST), as a network fault would (``pubnub.testing.faults``)."""


Handler = Callable[["ServerContext", "Request", "re.Match[str]"], Union[Reply, Pending]]


class Route(NamedTuple):
    """One endpoint: HTTP methods, a path pattern (matched on the raw path) and its handler.

    ``denied(channels, groups, uuids)``: the family's 403 when Access Manager refuses the request
    (what each route needs is in one table, ``pubnub.testing.operations.OPERATIONS``, by ``name``).

    ``keys``: the path groups holding the publish key and the subscribe key (0: none), checked
    against ``ServerSettings.keys`` when that is set; ``invalid_key`` builds the answer to an
    unknown subscribe key when the route's family has one of its own.
    """

    methods: "frozenset[str]"
    pattern: "re.Pattern[str]"
    handler: Handler
    name: str
    denied: Optional[Callable[[List[str], List[str], List[str]], ServiceError]] = None
    keys: Tuple[int, int] = (0, 1)
    invalid_key: Optional[Callable[[], ServiceError]] = None


def route(methods: str, pattern: str, handler: Handler, name: str,
          denied: Optional[Callable[[List[str], List[str], List[str]], ServiceError]] = None, *,
          keys: Tuple[int, int] = (0, 1), invalid_key: Optional[Callable[[], ServiceError]] = None) -> Route:
    """Build a ``Route``; ``methods`` is space-separated (``"GET POST"``).

    ``keys``: (publish key group, subscribe key group) of the pattern, 0 for none; most paths
    carry only the subscribe key, as their first group.
    """
    return Route(frozenset(methods.split()), re.compile(pattern), handler, name, denied, keys, invalid_key)


class Request:
    """The parts of an HTTP request handlers read. ``path`` is raw (still percent-encoded)."""

    __slots__ = ("_args", "_raw_args", "body", "headers", "method", "path", "query")

    def __init__(self, method: str, path: str, query: str, body: bytes,
                 headers: Optional[Dict[str, str]] = None) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        #: request headers, names lower-cased
        self.headers = headers if headers is not None else {}
        self._raw_args: Optional[Dict[str, str]] = None
        self._args: Optional[Dict[str, str]] = None

    @property
    def raw_args(self) -> Dict[str, str]:
        """Query values as sent (names decoded, values not); the last duplicate wins."""
        if self._raw_args is None:
            raw: Dict[str, str] = {}
            if self.query:
                for pair in self.query.split("&"):
                    if pair:
                        name, _, value = pair.partition("=")
                        raw[unquote_plus(name, errors="strict")] = value
            self._raw_args = raw
        return self._raw_args

    @property
    def args(self) -> Dict[str, str]:
        """Decoded query values (``+`` is a space, as the real service decodes them)."""
        if self._args is None:
            self._args = {name: unquote_plus(value, errors="strict") for name, value in self.raw_args.items()}
        return self._args

    def arg(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return self.args.get(name, default)

    def arg_list(self, name: str) -> List[str]:
        """A ``,``-separated query list: split on literal commas first, then decode each item."""
        raw = self.raw_args.get(name)
        if not raw:
            return []
        return [unquote_plus(item, errors="strict") for item in raw.split(",") if item]

    def arg_all(self, name: str) -> List[str]:
        """Every decoded value of a query parameter that may be repeated (``a=1&a=2``), in order."""
        found: List[str] = []
        if self.query:
            for pair in self.query.split("&"):
                key, _, value = pair.partition("=")
                if key and unquote_plus(key, errors="strict") == name:
                    found.append(unquote_plus(value, errors="strict"))
        return found

    @property
    def uuid(self) -> Optional[str]:
        return self.args.get("uuid") or None

    def text_body(self) -> str:
        """The body as UTF-8 text (``UnicodeDecodeError`` when it is not)."""
        return self.body.decode("utf-8")


def path_item(segment: str) -> str:
    """Percent-decode one path segment (``+`` stays a plus in paths)."""
    return unquote(segment, errors="strict")


def path_list(segment: str) -> List[str]:
    """A channel list segment: split on literal ``,`` first, then decode each name; ``,`` = empty."""
    return [unquote(item, errors="strict") for item in segment.split(",") if item]


def parse_int(text: Optional[str]) -> Optional[int]:
    """A non-negative decimal integer, or None when ``text`` is anything else."""
    if text is None or not text or len(text) > 20 or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def int_arg(request: Request, name: str, default: Optional[int], fail: Callable[[str], ServiceError]
            ) -> Optional[int]:
    """An optional non-negative integer query value; ``fail(name)`` builds the 400 when malformed."""
    text = request.args.get(name)
    if text is None or text == "":
        return default
    value = parse_int(text)
    if value is None:
        raise fail(name)
    return value


_TRUE = frozenset(("true", "1", "True"))
_FALSE = frozenset(("false", "0", "False"))


def bool_arg(request: Request, name: str, default: bool, fail: Callable[[str], ServiceError]) -> bool:
    """An optional ``true``/``false`` (or ``1``/``0``) query value."""
    text = request.args.get(name)
    if text is None or text == "":
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise fail(name)


def reject_constant(name: str) -> Any:
    """``json.loads`` hook: NaN and Infinity are not JSON."""
    raise ValueError(name)


#: Strict JSON parsing (NaN/Infinity refused), built once: ``json.loads`` with a hook builds a
#: new decoder on every call.
STRICT_JSON = json.JSONDecoder(parse_constant=reject_constant)


#: Deepest nesting of arrays and objects accepted in any JSON input (messages, meta, state,
#: bodies): deeper input is invalid JSON, as anything it would later be encoded into stays safe
#: from Python's recursion limit.
MAX_JSON_DEPTH = 100


def parse_json(text: str) -> Any:
    """Parse strict JSON text (surrounding whitespace allowed); ``ValueError`` when invalid or nested
    deeper than ``MAX_JSON_DEPTH``."""
    if len(text) <= MAX_JSON_DEPTH or text.count("[") + text.count("{") <= MAX_JSON_DEPTH:  # cannot be too deep
        return STRICT_JSON.decode(text)
    try:
        value = STRICT_JSON.decode(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if nested_deeper_than(value, MAX_JSON_DEPTH):
        raise ValueError("JSON nested too deeply")
    return value


def nested_deeper_than(value: Any, limit: int) -> bool:
    """True when ``value`` (decoded JSON) nests arrays/objects more than ``limit`` levels deep."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
