"""The request and response descriptions exchanged between the core and the transports.

Layer: core (pure data). Must not import tornado, requests or asyncio.

Both are immutable records (named tuples: built on every call, they cost a fraction of a
frozen dataclass); ``request._replace(field=value)`` makes a changed copy.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, NamedTuple, Optional

_NO_HEADERS: Mapping[str, str] = MappingProxyType({})


class HttpRequest(NamedTuple):
    """Everything a transport needs to send one request. Built by an endpoint, never mutated."""

    method: str
    url: str
    headers: Mapping[str, str] = _NO_HEADERS
    body: Optional[bytes] = None
    connect_timeout: float = 10.0
    request_timeout: float = 10.0
    follow_redirects: bool = True


class HttpResponse(NamedTuple):
    """What came back: status, headers, raw body, and the effective URL."""

    status_code: int
    headers: Mapping[str, str]
    body: bytes
    url: str
