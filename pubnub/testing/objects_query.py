"""Objects v2 list queries: ``include``, ``filter``, ``sort``, ``limit``, ``count``, paging (MORE §6.6).

Layer: test server. Pure. A list is computed as: every item rendered in full (with ``custom``
and nested objects), filtered, sorted, then cut into a page and rendered as ``include`` asks.

* ``filter``: the subscribe filter grammar of ``pubnub.testing.filters`` applied to the full
  item: ``==``, ``!=``, ``<``, ``>``, ``<=``, ``>=``, ``LIKE`` (``*`` wildcards, case-insensitive),
  ``CONTAINS``, ``&&``, ``||``, ``!``, parentheses; fields by path: ``id``, ``name``,
  ``description``, ``email``, ``externalId``, ``profileUrl``, ``updated``, ``custom.<key>``, and in
  memberships/members ``channel.<field>`` / ``uuid.<field>``; strings in ``'..'`` or ``".."``.
  An invalid expression is a 400.
* ``sort``: ``key[:asc|:desc]`` items (most significant first), given as one comma-separated
  value (``sort=id:asc,updated:desc``, commas raw or ``%2C``, as 4.x sends it), as repeated
  ``sort`` parameters, or both; keys are field paths, and in membership lists ``id``/``name``
  mean the channel's (or member uuid's). Ties, and the order without ``sort``, go by id, so
  pages are stable.
* Paging: ``limit`` (default and maximum 100); the page hashes are unpadded base64 of the
  decimal offset, as recorded (``"MTA"`` = 10). ``start=<next>`` continues after a page;
  ``end=<prev>`` gives the ``limit`` items before that offset. An answer carries ``next``
  whenever its page holds items (the recorded service sent it on the last page too; a client
  that follows it gets an empty page without ``next``) and ``prev`` unless it starts at 0.
"""
from __future__ import annotations

import base64
import binascii
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Tuple, TypeVar

from pubnub.testing.errors import ServiceError, objects_error
from pubnub.testing.filters import FilterError, Predicate, compile_filter
from pubnub.testing.routing import Request, bool_arg, parse_int

MAX_LIMIT = 100
T = TypeVar("T")


def _invalid(name: str) -> ServiceError:
    return objects_error("Invalid %s" % name)


def encode_page(offset: int) -> str:
    return base64.b64encode(str(offset).encode("ascii")).decode("ascii").rstrip("=")


def decode_page(text: str) -> int:
    try:
        digits = base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("ascii")
    except (binascii.Error, ValueError):
        raise _invalid("page") from None
    offset = parse_int(digits)
    if offset is None:
        raise _invalid("page")
    return offset


class ListQuery:
    """The list parameters of one request."""

    __slots__ = ("count", "end", "include", "limit", "predicate", "sort", "start")

    def __init__(self, request: Request, aliases: Optional[Dict[str, str]] = None) -> None:
        args = request.args
        self.include: FrozenSet[str] = frozenset(request.arg_list("include"))
        limit = parse_int(args.get("limit")) if args.get("limit") else MAX_LIMIT
        if limit is None or limit < 1:
            raise _invalid("limit")
        self.limit = min(limit, MAX_LIMIT)
        self.count = bool_arg(request, "count", False, _invalid)
        self.start = decode_page(args["start"]) if args.get("start") else None
        self.end = decode_page(args["end"]) if args.get("end") else None
        self.predicate: Optional[Predicate] = None
        expression = args.get("filter")
        if expression:
            try:
                self.predicate = compile_filter(expression)
            except FilterError:
                raise _invalid("filter") from None
        self.sort: List[Tuple[List[str], bool]] = []
        items = [item for value in request.arg_all("sort") for item in value.split(",") if item]
        for item in items:
            key, _, direction = item.partition(":")
            if not key or direction not in ("", "asc", "desc"):
                raise _invalid("sort")
            key = (aliases or {}).get(key, key)
            self.sort.append((key.split("."), direction == "desc"))


def _lookup(item: Dict[str, Any], path: List[str]) -> Any:
    value: Any = item
    for name in path:
        if not isinstance(value, dict):
            return None
        value = value.get(name)
    return value


def _sort_key(value: Any) -> Tuple[int, Any]:
    """Comparable whatever the JSON type: missing/null first, then numbers, then text."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    return (2, value if isinstance(value, str) else str(value))


def select(items: List[T], query: ListQuery, full: Callable[[T], Dict[str, Any]], ident: Callable[[T], str],
           render: Callable[[T], Dict[str, Any]]) -> Dict[str, Any]:
    """The list answer (``status``, ``data``, ``totalCount``, ``next``, ``prev``) for ``items``."""
    rows = [(item, full(item)) for item in items]
    if query.predicate is not None:
        predicate = query.predicate
        rows = [(item, body) for item, body in rows if predicate(body, None)]
    rows.sort(key=lambda row: ident(row[0]))
    for path, descending in reversed(query.sort):  # stable sorts, least significant key first
        rows.sort(key=lambda row: _sort_key(_lookup(row[1], path)), reverse=descending)
    if query.start is not None:
        offset = query.start
    elif query.end is not None:
        offset = max(0, query.end - query.limit)
    else:
        offset = 0
    stop = offset + query.limit
    if query.start is None and query.end is not None:
        stop = min(stop, query.end)
    page = rows[offset:stop]
    answer: Dict[str, Any] = {"status": 200, "data": [render(item) for item, _ in page]}
    if query.count:
        answer["totalCount"] = len(rows)
    if page:
        answer["next"] = encode_page(offset + len(page))
    if offset > 0 and page:
        answer["prev"] = encode_page(offset)
    return answer
