"""The HTTP/1.1 wire format of the test server: its limits, request heads, and answers as bytes.

Layer: test server (pure: no sockets, no event loop). ``pubnub.testing.http1`` does the I/O and
applies these; keeping them apart lets the parsing be read, and tested, on its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from http.client import responses
from typing import Dict, Tuple

from pubnub.testing.errors import balancer_error
from pubnub.testing.routing import JSON_CONTENT_TYPE, Reply
from pubnub.testing.settings import ServerSettings

_STATUS_LINES = {code: ("HTTP/1.1 %d %s\r\n" % (code, reason)).encode("latin-1") for code, reason in responses.items()}
_COMMON_HEADERS = b"Cache-Control: no-cache\r\nAccess-Control-Allow-Origin: *\r\n"
_HEADERS = ("Content-Type: %s\r\n" % JSON_CONTENT_TYPE).encode("latin-1") + _COMMON_HEADERS


@dataclass
class HttpLimits:
    """Bounds of the HTTP layer. The server takes them from its ``ServerSettings``, which is also
    where the defaults below come from (one source)."""

    max_body_bytes: int = ServerSettings.max_body_bytes
    max_buffered_body_bytes: int = ServerSettings.max_buffered_body_bytes
    max_request_line_bytes: int = ServerSettings.max_request_line_bytes
    max_header_bytes: int = ServerSettings.max_header_bytes
    max_connections: int = ServerSettings.max_connections
    header_timeout: float = ServerSettings.header_timeout_seconds
    body_timeout: float = ServerSettings.body_timeout_seconds
    idle_timeout: float = ServerSettings.idle_timeout_seconds
    #: how long a refused request may keep sending before its connection is closed
    linger_seconds: float = 2.0
    linger_bytes: int = 8 * 1024 * 1024
    #: first and longest pause of the accept loop when the process is out of descriptors
    accept_backoff: float = 0.05
    accept_backoff_max: float = 1.0


class BadRequest(Exception):
    """The bytes on the wire are not an HTTP/1.x request we can answer on this connection."""

    def __init__(self, status: int = 400, message: str = "Bad Request") -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_head(buffer: bytes, size: int, limits: HttpLimits) -> None:
    """The first ``size`` bytes of ``buffer`` (a request head, or the part of one read so far)
    within ``limits``: 414 for a request line over its limit, 431 for header fields over theirs."""
    line_end = buffer.find(b"\r\n", 0, size)
    if line_end < 0:
        line_end = size
    if line_end > limits.max_request_line_bytes:
        raise BadRequest(414, "Request URI Too Long")
    if size - line_end > limits.max_header_bytes:
        raise BadRequest(431, "Request Header Fields Too Large")


def parse_head(head: bytes) -> Tuple[str, str, str, Dict[str, str]]:
    """Request line and headers (names lower-cased; repeated ones joined with ``,``)."""
    lines = head.decode("latin-1").split("\r\n")
    while lines and not lines[0]:
        lines.pop(0)  # empty lines before a request line are allowed
    if not lines:
        raise BadRequest()
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1.") or not parts[0].isalpha():
        raise BadRequest()
    headers: Dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise BadRequest()
        key = name.lower()
        value = value.strip()
        headers[key] = headers[key] + "," + value if key in headers else value
    return parts[0], parts[1], parts[2], headers


def parse_length(text: str) -> int:
    """A ``Content-Length`` value: ASCII digits only (``BadRequest`` otherwise)."""
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise BadRequest()
    return int(text)


def encode_reply(reply: Reply, keep_alive: bool, version: str, head_only: bool) -> bytes:
    """The bytes of an answer: status line, headers (``Connection`` as the request needs) and body."""
    status_line = _STATUS_LINES.get(reply.status) or ("HTTP/1.1 %d Unknown\r\n" % reply.status).encode("latin-1")
    if not keep_alive:
        connection = b"Connection: close\r\n"
    elif version == "HTTP/1.0":
        connection = b"Connection: keep-alive\r\n"
    else:
        connection = b""
    body = reply.body
    headers = _HEADERS if reply.headers is None else reply.headers + _COMMON_HEADERS
    head = b"%sContent-Length: %d\r\n%s%s\r\n" % (status_line, len(body), headers, connection)
    return head if head_only else head + body


def error_reply(status: int, message: str) -> bytes:
    """A refused request's whole answer, in the balancer's error shape; the connection closes."""
    error = balancer_error(status, message)
    return encode_reply(Reply(error.status, error.body), False, "HTTP/1.1", False)
