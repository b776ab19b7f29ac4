"""The request and response descriptions exchanged between the core and the transports.

Layer: core (pure data). Must not import tornado, requests or asyncio.

Both are immutable records (named tuples: built on every call, they cost a fraction of a
frozen dataclass); ``request._replace(field=value)`` makes a changed copy.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, NamedTuple, Optional

from pubnub._masking import mask_text

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

    def __repr__(self) -> str:  # for logs: the URL's auth, token and signature masked
        return mask_text("HttpRequest(method=%r, url=%r, body=%s)" % (
            self.method, self.url, "None" if self.body is None else "<%d bytes>" % len(self.body)))


class HttpResponse(NamedTuple):
    """What came back: status, headers, raw body, and the effective URL."""

    status_code: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    def __repr__(self) -> str:  # for logs: the URL's auth, token and signature masked
        return mask_text("HttpResponse(status_code=%r, url=%r, body=<%d bytes>)" % (
            self.status_code, self.url, len(self.body)))
