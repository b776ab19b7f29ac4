"""A lean HTTP/1.1 server on Tornado's ``TCPServer`` and ``IOStream`` for the test server.

Layer: test server (I/O). Why not ``tornado.httpserver.HTTPServer``: its per-request machinery
(header objects, timers, delegates) costs about three times what the PubNub answers themselves
cost, and the server must answer thousands of publishes per second on one core. This module
implements just what PubNub clients use: keep-alive (HTTP/1.1 default, HTTP/1.0 on request),
``Content-Length`` and chunked request bodies, ``Expect: 100-continue``, HEAD, and TLS through
``ssl_options``. Malformed requests get a JSON 400 and the connection is closed.

It knows nothing about PubNub: ``dispatch(method, target, body, headers)`` returns a ``Reply`` or a
``Pending`` (a long-poll) plus a route name for the log line.
"""
from __future__ import annotations

import asyncio
import logging
import ssl
from http.client import responses
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, Union

from tornado.iostream import IOStream, StreamClosedError, UnsatisfiableReadError
from tornado.tcpserver import TCPServer

from pubnub.testing.errors import balancer_error
from pubnub.testing.routing import JSON_CONTENT_TYPE, Pending, Reply

logger = logging.getLogger("pubnub.testing")

Dispatch = Callable[[str, str, bytes, Dict[str, str]], Tuple[Union[Reply, Pending], str]]

_STATUS_LINES = {code: ("HTTP/1.1 %d %s\r\n" % (code, reason)).encode("latin-1") for code, reason in responses.items()}
_COMMON_HEADERS = b"Cache-Control: no-cache\r\nAccess-Control-Allow-Origin: *\r\n"
_HEADERS = ("Content-Type: %s\r\n" % JSON_CONTENT_TYPE).encode("latin-1") + _COMMON_HEADERS
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_MAX_HEADER_BYTES = 64 * 1024


class BadRequest(Exception):
    """The bytes on the wire are not an HTTP/1.x request we can answer on this connection."""

    def __init__(self, status: int = 400, message: str = "Bad Request") -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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


def encode_reply(reply: Reply, keep_alive: bool, version: str, head_only: bool) -> bytes:
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


class HTTP1Server(TCPServer):
    """Serves ``dispatch`` over HTTP/1.1 on every accepted connection."""

    def __init__(self, dispatch: Dispatch, ssl_options: Optional[ssl.SSLContext] = None,
                 max_body_bytes: int = 1024 * 1024) -> None:
        super().__init__(ssl_options=ssl_options)
        self.dispatch = dispatch
        self.max_body_bytes = max_body_bytes
        self.streams: Set[IOStream] = set()

    async def handle_stream(self, stream: IOStream, address: Any) -> None:
        self.streams.add(stream)
        try:
            stream.set_nodelay(True)
            while await self._exchange(stream):
                pass
        except (StreamClosedError, UnsatisfiableReadError, ssl.SSLError, ConnectionError):
            pass
        except Exception:
            logger.exception("HTTP connection failed")
        finally:
            self.streams.discard(stream)
            stream.close()

    async def _exchange(self, stream: IOStream) -> bool:
        """Read one request, answer it; False when the connection must end."""
        head = await stream.read_until(b"\r\n\r\n", max_bytes=_MAX_HEADER_BYTES)
        try:
            method, target, version, headers = parse_head(head)
            body = await self._read_body(stream, headers)
        except BadRequest as e:
            error = balancer_error(e.status, e.message)
            await stream.write(encode_reply(Reply(error.status, error.body), False, "HTTP/1.1", False))
            logger.debug("malformed request -> %d", e.status)
            return False
        connection = headers.get("connection", "").lower()
        keep_alive = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
        result, name = self.dispatch(method, target, body, headers)
        if isinstance(result, Pending):
            stream.set_close_callback(result.cancel)  # a client that goes away releases its long-poll
            try:
                reply = await result.future
            except asyncio.CancelledError:
                return False
            finally:
                stream.set_close_callback(None)
        else:
            reply = result
        await stream.write(encode_reply(reply, keep_alive, version, method == "HEAD"))
        logger.debug("%s %s -> %d", method, name, reply.status)
        return keep_alive

    async def _read_body(self, stream: IOStream, headers: Dict[str, str]) -> bytes:
        encoding = headers.get("transfer-encoding")
        if encoding is not None:
            if encoding.lower() != "chunked" or "content-length" in headers:
                raise BadRequest()
            return await self._read_chunks(stream)
        length_text = headers.get("content-length")
        if not length_text:
            return b""
        if not length_text.isdigit():
            raise BadRequest()
        length = int(length_text)
        if length > self.max_body_bytes:
            raise BadRequest(413, "Request Entity Too Large")
        if headers.get("expect", "").lower() == "100-continue":
            await stream.write(_CONTINUE)
        return await stream.read_bytes(length) if length else b""

    async def _read_chunks(self, stream: IOStream) -> bytes:
        parts: List[bytes] = []
        total = 0
        while True:
            line = await stream.read_until(b"\r\n", max_bytes=1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BadRequest() from None
            if size == 0:
                while await stream.read_until(b"\r\n", max_bytes=_MAX_HEADER_BYTES) != b"\r\n":
                    pass  # trailers are ignored
                return b"".join(parts)
            total += size
            if size < 0 or total > self.max_body_bytes:
                raise BadRequest(413, "Request Entity Too Large")
            parts.append(await stream.read_bytes(size))
            if await stream.read_bytes(2) != b"\r\n":
                raise BadRequest()

    def close_connections(self) -> None:
        for stream in list(self.streams):
            stream.close()
