"""The request and response descriptions exchanged between the core and the transports.

Layer: core (pure data). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional


@dataclass(frozen=True)
class HttpRequest:
    """Everything a transport needs to send one request. Built by an endpoint, never mutated."""

    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Optional[bytes] = None
    connect_timeout: float = 10.0
    request_timeout: float = 10.0
    follow_redirects: bool = True


@dataclass(frozen=True)
class HttpResponse:
    """What came back: status, headers, raw body, and the effective URL."""

    status_code: int
    headers: Mapping[str, str]
    body: bytes
    url: str
