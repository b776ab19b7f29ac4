"""A local HTTP server on its own thread for the transport contract suite."""
from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any, Iterator

import pytest
from tornado.httpserver import HTTPServer
from tornado.iostream import StreamClosedError
from tornado.web import Application, RequestHandler


class EchoHandler(RequestHandler):
    """Answers with what it received: method, body and a header, as JSON."""

    def _echo(self) -> None:
        self.set_header("X-Echo-Method", self.request.method)
        self.finish({"method": self.request.method, "body": self.request.body.decode("utf-8"),
                     "content_type": self.request.headers.get("Content-Type"),
                     "user_agent": self.request.headers.get("User-Agent"), "query": self.request.query})

    get = post = delete = patch = _echo


class PathHandler(RequestHandler):
    """Answers with the path it was asked for, as received."""

    def get(self) -> None:
        self.finish({"path": self.request.path})


class StatusHandler(RequestHandler):
    def get(self, code: str) -> None:
        self.set_status(int(code))
        self.finish('{"status": %s}' % code)


class StallHandler(RequestHandler):
    """Never answers (until the server stops): the client's timeout must fire. Sets the server's
    ``stalled`` event when a request arrives."""

    async def get(self) -> None:
        self.application.settings["stalled"].set()
        await asyncio.Event().wait()


class TrickleHandler(RequestHandler):
    """Answers slowly: the headers at once, then a byte of body every 0.1 s for 3 s. No gap is
    long enough for a read timeout, but the whole answer takes longer than a short request
    timeout."""

    async def get(self) -> None:
        self.set_header("Content-Length", "30")
        try:
            await self.flush()
            for _ in range(30):
                await asyncio.sleep(0.1)
                self.write(b"x")
                await self.flush()
        except StreamClosedError:
            return  # the client gave up (its timeout): nothing more to send
        self.finish()


class ResetHandler(RequestHandler):
    """Drops the connection without an answer."""

    def get(self) -> None:
        stream = self.request.connection.stream  # type: ignore[union-attr]
        sock = stream.socket
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        stream.close()


class BrokenAnswerHandler(RequestHandler):
    """Answers with bytes that are not a valid HTTP/1.1 response, then closes the connection."""

    ANSWERS = {
        "bad-status-line": b"HTTP/1.1 OK 200\r\nContent-Length: 2\r\n\r\n[]",
        "bad-chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
        "cut-header": b"HTTP/1.1 200 OK\r\nContent-Ty",  # urllib3 logs a warning with the URL
    }

    async def get(self, kind: str) -> None:
        stream = self.detach()
        try:
            await stream.write(self.ANSWERS[kind])
        except StreamClosedError:
            pass
        stream.close()


class RedirectOnceHandler(RequestHandler):
    """Redirects to /echo, keeping the query."""

    def get(self) -> None:
        self.redirect("/echo?" + self.request.query, status=307)


class RedirectLoopHandler(RequestHandler):
    """Redirects to itself, for ever."""

    def get(self) -> None:
        self.redirect("/redirect-loop")


class LocalServer:
    """A Tornado server on a background thread, counting the connections it accepts."""

    def __init__(self) -> None:
        self.connections = 0
        self.port = 0
        self.stalled = threading.Event()  # set when a /stall request arrives
        self._ready = threading.Event()
        self._loop: Any = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = Application([(r"/echo", EchoHandler), (r"/path/.*", PathHandler), (r"/status/(\d+)", StatusHandler),
                           (r"/stall", StallHandler), (r"/trickle", TrickleHandler),
                           (r"/reset", ResetHandler),
                           (r"/broken/([\w-]+)", BrokenAnswerHandler),
                           (r"/redirect-loop", RedirectLoopHandler),
                           (r"/redirect-once", RedirectOnceHandler)], stalled=self.stalled)
        server = self

        class CountingServer(HTTPServer):
            def handle_stream(self, stream: Any, address: Any) -> None:
                server.connections += 1
                super().handle_stream(stream, address)

        async def start() -> None:
            http = CountingServer(app)
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sock.listen(128)
            sock.setblocking(False)
            self.port = sock.getsockname()[1]
            http.add_sockets([sock])
            self._ready.set()

        self._loop.run_until_complete(start())
        self._loop.run_forever()

    def start(self) -> None:
        self._thread.start()
        assert self._ready.wait(5)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def url(self, path: str) -> str:
        return "http://127.0.0.1:%d%s" % (self.port, path)


@pytest.fixture(scope="module")
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.start()
    yield server
    server.stop()
