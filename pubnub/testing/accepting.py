"""A ``TCPServer`` whose accept loop survives running out of file descriptors.

Layer: test server (I/O). When ``accept`` fails for want of descriptors or memory, the listening
sockets are left alone a while (one log line; the pending connections wait in the backlog), the
connections already open are served, and accepting resumes by itself, waiting twice as long each
time it fails again, up to a maximum. Errors that concern one connection only are skipped.
``HTTP1Server`` is built on it.
"""
from __future__ import annotations

import errno
import logging
import socket
from typing import Any, Callable, Dict, Tuple

from tornado.ioloop import IOLoop
from tornado.tcpserver import TCPServer

logger = logging.getLogger("pubnub.testing")

#: accept() errors that mean "out of descriptors or memory": wait, then try again
_EXHAUSTED = frozenset((errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM))
#: accept() errors that concern one connection only
_TRANSIENT = frozenset((errno.ECONNABORTED, errno.EPROTO, errno.EPERM, errno.EINTR))


class ResilientTCPServer(TCPServer):
    """Accepts with a loop that backs off (``backoff`` seconds first, at most ``backoff_max``)."""

    def __init__(self, backoff: float, backoff_max: float, **options: Any) -> None:
        super().__init__(**options)
        self._first_backoff = backoff
        self._max_backoff = backoff_max
        self._backoff = backoff
        self._accept_paused = False

    def open_connections(self) -> int:
        """How many connections are open, for the log lines (a subclass that counts them says)."""
        return 0

    def add_sockets(self, sockets: Any) -> None:
        """Accept on ``sockets`` with the backing-off accept loop."""
        io_loop = IOLoop.current()
        for sock in sockets:
            self._sockets[sock.fileno()] = sock
            self._handlers[sock.fileno()] = self._listen(io_loop, sock)

    def _listen(self, io_loop: IOLoop, sock: socket.socket) -> Callable[[], None]:
        state = {"removed": False, "listening": True}

        def on_readable(fd: Any, events: int) -> None:
            for _ in range(128):
                if state["removed"]:
                    return
                try:
                    connection, address = self.accept(sock)
                except BlockingIOError:
                    return
                except OSError as e:
                    if e.errno in _TRANSIENT:
                        continue
                    if e.errno not in _EXHAUSTED:
                        raise
                    self._pause_accepting(io_loop, sock, state, on_readable, e)
                    return
                if self._accept_paused:
                    self._accept_paused = False
                    self._backoff = self._first_backoff
                    logger.warning("accepting connections again (%d open)", self.open_connections())
                self._handle_connection(connection, address)

        def remove() -> None:
            state["removed"] = True
            if state["listening"]:
                io_loop.remove_handler(sock)
                state["listening"] = False

        io_loop.add_handler(sock, on_readable, IOLoop.READ)
        return remove

    @staticmethod
    def accept(sock: socket.socket) -> Tuple[socket.socket, Any]:
        """``sock.accept()`` (a seam for tests)."""
        return sock.accept()

    def _pause_accepting(self, io_loop: IOLoop, sock: socket.socket, state: Dict[str, bool],
                         on_readable: Callable[[Any, int], None], error: OSError) -> None:
        """Stop watching ``sock`` for a while: the pending connections wait in the backlog."""
        if not self._accept_paused:
            self._accept_paused = True
            logger.warning("cannot accept connections (%s, %d open): pausing the accept loop", error.strerror,
                           self.open_connections())
        io_loop.remove_handler(sock)
        state["listening"] = False
        delay = self._backoff
        self._backoff = min(self._max_backoff, self._backoff * 2)

        def resume() -> None:
            if not state["removed"] and not state["listening"]:
                io_loop.add_handler(sock, on_readable, IOLoop.READ)
                state["listening"] = True
        io_loop.call_later(delay, resume)
