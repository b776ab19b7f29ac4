"""Ending urllib3 requests in flight from another thread: ``Aborter``.

Layer: transport (only ``Urllib3Transport`` uses it, when made ``abortable``). urllib3 has no way
to cancel a request a thread is blocked in; this notes every connection the transport's pools
make and, on ``abort()``, shuts their sockets down, so the blocked read ends at once with a
connection error. Private urllib3 names touched: a pool's ``_new_conn`` and a connection's
``connect`` (both in urllib3 1.26 and 2.x).
"""
from __future__ import annotations

import socket
import threading
import weakref
from typing import Any

__all__ = ["Aborter"]


class Aborter:
    """The connections of one transport's pools, and ``abort()`` of the requests using them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: "weakref.WeakSet[Any]" = weakref.WeakSet()
        self._aborts = 0  # abort() calls so far; a request started before the latest one may not connect
        self._started = threading.local()  # .aborts: the count when this thread's request started

    def request_started(self) -> None:
        """Called as a request starts, on its thread: ``abort()`` from now on ends it."""
        self._started.aborts = self._aborts

    def track(self, pool: Any) -> Any:
        """``pool``, each connection it makes noted, and refusing to connect (again) for a request
        started before the latest ``abort()``."""
        connections = self._connections
        if getattr(pool, "_pubnub_tracked", None) is self:
            return pool
        make, lock, refuse_if_aborted = pool._new_conn, self._lock, self._refuse_if_aborted

        def new_connection() -> Any:
            connection = make()
            connect = connection.connect

            def connect_unless_aborted() -> None:
                refuse_if_aborted(None)
                connect()
                refuse_if_aborted(connection)  # abort() came while connecting: its shutdown missed this one
            connection.connect = connect_unless_aborted
            with lock:
                connections.add(connection)
            return connection

        pool._new_conn, pool._pubnub_tracked = new_connection, self
        return pool

    def _refuse_if_aborted(self, connection: Any) -> None:
        if getattr(self._started, "aborts", self._aborts) < self._aborts:
            if connection is not None:
                connection.close()
            raise ConnectionAbortedError("the request was aborted")

    def abort(self) -> None:
        """Shut down every connection noted, in use or idle (a request waiting for its answer
        ends), and refuse the requests started before this call that are still connecting."""
        with self._lock:
            self._aborts += 1
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if isinstance(sock, socket.socket):  # (a TLS socket too: the shutdown is the TCP one)
                try:
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:  # closed, or never connected
                    pass
