"""A lean HTTP/1.1 server on Tornado's ``TCPServer`` and ``IOStream`` for the test server.

Layer: test server (I/O). Why not ``tornado.httpserver.HTTPServer``: its per-request machinery
(header objects, timers, delegates) costs about three times what the PubNub answers themselves
cost, and the server must answer thousands of publishes per second on one core. This module
implements just what PubNub clients use: keep-alive (HTTP/1.1 default, HTTP/1.0 on request),
``Content-Length`` and chunked request bodies, ``Expect: 100-continue``, HEAD, and TLS through
``ssl_options``. Malformed requests get a JSON error in the balancer's shape and the connection
is closed (after reading, and discarding, what the client is still sending, so that it sees the
answer rather than a reset).

Hostile clients are bounded (``HttpLimits``; request heads are checked and parsed, and answers
encoded, by ``http1_wire``): oversized request lines get 414, header fields 431; a head must
arrive within ``header_timeout`` of its first byte (a new connection's too), a body within
``body_timeout``, and an idle keep-alive connection is closed after ``idle_timeout`` (a parked
long-poll is not idle); a body is reserved against ``max_buffered_body_bytes`` before it is read
(503 when it does not fit); connections past ``max_connections`` are answered 503 and closed.
When ``accept`` fails for want of file descriptors, the listening sockets are left alone a while
(one log line), the connections already open are served, and accepting resumes by itself
(``pubnub.testing.accepting``).

It knows nothing about PubNub: ``dispatch(method, target, body, headers)`` returns a ``Reply`` or a
``Pending`` (a long-poll) plus a route name for the log line. A ``Pending`` that fails with
``ResetConnection`` (an injected fault) gets no answer: its connection is reset (TCP RST).
"""
from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import struct
import time
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from tornado.ioloop import PeriodicCallback
from tornado.iostream import IOStream, StreamClosedError, UnsatisfiableReadError

from pubnub.testing.accepting import ResilientTCPServer
from pubnub.testing.http1_wire import (
    BadRequest,
    HttpLimits,
    check_head,
    encode_reply,
    error_reply,
    parse_head,
    parse_length,
)
from pubnub.testing.routing import Pending, Reply, ResetConnection

logger = logging.getLogger("pubnub.testing")

Dispatch = Callable[[str, str, bytes, Dict[str, str]], Tuple[Union[Reply, Pending], str]]

_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_READ_CHUNK = 64 * 1024
#: bytes per socket read (``IOStream.read_chunk_size``): the stream allocates a buffer this size on
#: every read attempt, two per request (the first finds nothing yet), so a small one is much
#: cheaper for the short requests PubNub clients send; larger requests take a few more reads
_SOCKET_READ = 8 * 1024
_NEVER = float("inf")


def reset(stream: IOStream) -> None:
    """Close ``stream`` with a TCP reset (RST) rather than an orderly shutdown: no answer at all."""
    sock = stream.socket
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass  # already gone: closing is all that is left
    stream.close()


class Connection:
    """One client connection: its stream, bytes read past the last request, and its deadline.

    ``deadline`` (monotonic seconds) is when the sweep closes the connection unless it moved on:
    it is set when waiting for a request head, reading a body or writing an answer, and is
    infinite while a long-poll is parked. ``reserved``: body bytes held against the shared budget.
    ``plain``: a plain TCP stream (no TLS), whose answers may go straight to its socket.
    """

    __slots__ = ("buffer", "deadline", "plain", "reserved", "stream")

    def __init__(self, stream: IOStream, deadline: float) -> None:
        self.stream = stream
        self.buffer = b""
        self.deadline = deadline
        self.reserved = 0
        self.plain = type(stream) is IOStream


class HTTP1Server(ResilientTCPServer):
    """Serves ``dispatch`` over HTTP/1.1 on every accepted connection, within ``limits``.

    ``limits`` are read as the server is built (the streams' buffer size and the size of a head
    that needs no 414/431 check follow from them): change them on a new server, not on a running one.
    """

    def __init__(self, dispatch: Dispatch, ssl_options: Optional[ssl.SSLContext] = None,
                 limits: Optional[HttpLimits] = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits if limits is not None else HttpLimits()
        buffer_size = self.limits.max_body_bytes + self.limits.max_request_line_bytes
        buffer_size += self.limits.max_header_bytes + _READ_CHUNK
        super().__init__(self.limits.accept_backoff, self.limits.accept_backoff_max, ssl_options=ssl_options,
                         max_buffer_size=buffer_size, read_chunk_size=_SOCKET_READ)
        self.dispatch = dispatch
        self.clock = clock
        self.connections: Dict[IOStream, Connection] = {}
        #: a request head no longer than this breaks neither the request line's limit nor the headers'
        self._small_head = min(self.limits.max_request_line_bytes, self.limits.max_header_bytes)
        #: body bytes reserved by requests being read or handled, all connections together
        self.buffered_body_bytes = 0
        self._sweeper: Optional[PeriodicCallback] = None

    # ----- accepting (the backing-off loop itself is ResilientTCPServer's) ------------------
    def open_connections(self) -> int:
        return len(self.connections)

    def add_sockets(self, sockets: Any) -> None:
        """Accept on ``sockets``; the first ones also start the sweep of overdue connections."""
        super().add_sockets(sockets)
        if self._sweeper is None:
            timeouts = (self.limits.header_timeout, self.limits.body_timeout, self.limits.idle_timeout,
                        self.limits.linger_seconds)
            interval = min(1.0, max(0.01, min(timeouts) / 4))
            self._sweeper = PeriodicCallback(self._sweep, interval * 1000)
            self._sweeper.start()

    # ----- connections ----------------------------------------------------------------------
    def _sweep(self) -> None:
        """Close the connections whose deadline passed (slow heads and bodies, idle keep-alives)."""
        now = self.clock()
        for connection in [c for c in self.connections.values() if c.deadline < now]:
            connection.stream.close()

    async def handle_stream(self, stream: IOStream, address: Any) -> None:
        limits = self.limits
        if len(self.connections) >= limits.max_connections:
            try:  # answer, and read what the client sends meanwhile, so that it sees the answer
                await stream.write(error_reply(503, "Service Unavailable"))
                await asyncio.wait_for(self._discard(stream), limits.linger_seconds)
            except (StreamClosedError, asyncio.TimeoutError, ssl.SSLError, ConnectionError):
                pass
            finally:
                stream.close()
            logger.debug("connection refused: %d open", len(self.connections))
            return
        connection = Connection(stream, self.clock() + limits.header_timeout)
        self.connections[stream] = connection
        try:
            stream.set_nodelay(True)
            while await self._exchange(connection):
                pass
        except (StreamClosedError, UnsatisfiableReadError, ssl.SSLError, ConnectionError):
            pass
        except ResetConnection:
            logger.debug("connection reset (an injected fault)")
            reset(stream)
        except Exception:
            logger.exception("HTTP connection failed")
        finally:
            self._release(connection)
            del self.connections[stream]
            stream.close()

    def _reserve(self, connection: Connection, size: int) -> None:
        if self.buffered_body_bytes + size > self.limits.max_buffered_body_bytes:
            raise BadRequest(503, "Service Unavailable")
        self.buffered_body_bytes += size
        connection.reserved += size

    def _release(self, connection: Connection) -> None:
        self.buffered_body_bytes -= connection.reserved
        connection.reserved = 0

    async def _read_head(self, connection: Connection) -> bytes:
        """The next request head (without its blank line) from a buffer holding part of it at least (or a
        large one); the bytes after it stay buffered."""
        buffer = connection.buffer
        end = buffer.find(b"\r\n\r\n")
        if end < 0:  # part of a head: the rest must come in time
            connection.deadline = min(connection.deadline, self.clock() + self.limits.header_timeout)
        while end < 0:
            check_head(buffer, len(buffer), self.limits)
            chunk = await connection.stream.read_bytes(_READ_CHUNK, partial=True)
            scanned = max(0, len(buffer) - 3)
            buffer += chunk
            connection.buffer = buffer
            end = buffer.find(b"\r\n\r\n", scanned)
        check_head(buffer, end, self.limits)
        connection.buffer = buffer[end + 4:]
        return buffer[:end]

    async def _exchange(self, connection: Connection) -> bool:
        """Read one request, answer it; False when the connection must end."""
        stream = connection.stream
        try:
            if connection.buffer:  # a pipelined request (part of it, or more) came with the last one
                head = await self._read_head(connection)
            else:
                chunk = await stream.read_bytes(_READ_CHUNK, partial=True)
                end = chunk.find(b"\r\n\r\n")
                if 0 <= end <= self._small_head:  # the usual case: a whole head, too small to break a limit
                    head = chunk[:end]
                    if end + 4 < len(chunk):
                        connection.buffer = chunk[end + 4:]
                else:  # a partial or large head: the first bytes came, the rest must come in time
                    connection.buffer = chunk
                    head = await self._read_head(connection)
            method, target, version, headers = parse_head(head)
            if "content-length" in headers or "transfer-encoding" in headers:
                body = await self._read_body(connection, headers)
            else:
                body = b""
        except BadRequest as e:
            await self._refuse(connection, e)
            return False
        connection.deadline = _NEVER
        connection_header = headers.get("connection")
        if version == "HTTP/1.1":
            keep_alive = connection_header is None or "close" not in connection_header.lower()
        else:
            keep_alive = connection_header is not None and "keep-alive" in connection_header.lower()
        try:
            result, name = self.dispatch(method, target, body, headers)
        finally:
            del body
            if connection.reserved:
                self._release(connection)
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
        # the answer must be read, and the next request come, within the idle timeout
        connection.deadline = self.clock() + self.limits.idle_timeout
        answer = encode_reply(reply, keep_alive, version, method == "HEAD")
        sock = stream.socket if connection.plain else None
        if sock is not None and not stream.writing():
            # nothing queued: send it now, sparing the stream's write buffer and future; what the
            # socket does not take (a large answer, a slow reader) goes through the stream
            try:
                sent = sock.send(answer)
            except BlockingIOError:
                sent = 0
            except OSError as e:
                raise StreamClosedError(real_error=e) from None
            if sent < len(answer):
                await stream.write(memoryview(answer)[sent:])
        else:
            await stream.write(answer)
        logger.debug("%s %s -> %d", method, name, reply.status)
        return keep_alive

    async def _refuse(self, connection: Connection, error: BadRequest) -> None:
        """Answer ``error``, then discard what the client still sends (bounded) so it reads the answer."""
        self._release(connection)
        logger.debug("malformed request -> %d", error.status)
        stream = connection.stream
        connection.buffer = b""
        connection.deadline = self.clock() + self.limits.linger_seconds
        await stream.write(error_reply(error.status, error.message))
        await self._discard(stream)

    async def _discard(self, stream: IOStream) -> None:
        """Read and drop what the client sends, up to ``linger_bytes`` or its close."""
        discarded = 0
        while discarded < self.limits.linger_bytes:
            discarded += len(await stream.read_bytes(_READ_CHUNK, partial=True))

    async def _read_body(self, connection: Connection, headers: Dict[str, str]) -> bytes:
        encoding = headers.get("transfer-encoding")
        if encoding is not None:
            if encoding.lower() != "chunked" or "content-length" in headers:
                raise BadRequest()
            return await self._read_chunks(connection)
        length_text = headers.get("content-length")
        if not length_text:
            return b""
        length = parse_length(length_text)
        if length > self.limits.max_body_bytes:
            raise BadRequest(413, "Request Entity Too Large")
        if not length:
            return b""
        self._reserve(connection, length)
        if headers.get("expect", "").lower() == "100-continue":
            await connection.stream.write(_CONTINUE)
        return await self._read_exactly(connection, length)

    async def _read_exactly(self, connection: Connection, size: int) -> bytes:
        """``size`` bytes: first those already buffered, then from the stream (within the body timeout)."""
        buffer = connection.buffer
        if len(buffer) >= size:
            connection.buffer = buffer[size:]
            return buffer[:size]
        connection.buffer = b""
        connection.deadline = self.clock() + self.limits.body_timeout
        rest = await connection.stream.read_bytes(size - len(buffer))
        return buffer + rest if buffer else rest

    async def _read_line(self, connection: Connection, limit: int) -> bytes:
        """One ``\\r\\n``-terminated line (without it) of a chunked body."""
        while True:
            buffer = connection.buffer
            end = buffer.find(b"\r\n")
            if end >= 0:
                connection.buffer = buffer[end + 2:]
                return buffer[:end]
            if len(buffer) > limit:
                raise BadRequest()
            connection.buffer = buffer + await connection.stream.read_bytes(_READ_CHUNK, partial=True)

    async def _read_chunks(self, connection: Connection) -> bytes:
        parts: List[bytes] = []
        connection.deadline = self.clock() + self.limits.body_timeout
        while True:
            line = await self._read_line(connection, 1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BadRequest() from None
            if size == 0:
                while await self._read_line(connection, self.limits.max_header_bytes):
                    pass  # trailers are ignored
                return b"".join(parts)
            if size < 0 or connection.reserved + size > self.limits.max_body_bytes:
                raise BadRequest(413, "Request Entity Too Large")
            self._reserve(connection, size)
            parts.append(await self._read_exactly(connection, size))
            if await self._read_exactly(connection, 2) != b"\r\n":
                raise BadRequest()

    def close_connections(self) -> None:
        for stream in list(self.connections):
            stream.close()

    def stop(self) -> None:
        super().stop()
        if self._sweeper is not None:
            self._sweeper.stop()
            self._sweeper = None
