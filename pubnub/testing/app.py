"""``PubNubTestServer`` (in-process or threaded): the test server's routes, state and life cycle.

Layer: test server (I/O). Runs on a Tornado IOLoop: ``pubnub.testing.http1`` (a lean HTTP/1.1
server on Tornado's ``TCPServer``) hands each request to ``Dispatcher``
(``pubnub.testing.dispatch``), which routes on the
raw path (channel lists must be split before percent-decoding), checks the keys (only when
``ServerSettings.keys`` lists the known ones), signatures and Access Manager permissions
(``pubnub.testing.access``) and calls the service modules' handlers.
Neither ``tornado.web`` nor ``tornado.httpserver`` is used: their per-request cost alone would
keep the server below the publish rate it must sustain.

Every answer is JSON with ``Content-Type: text/javascript; charset="UTF-8"`` (except file
downloads, the storage's XML errors and the 307 of get-file-url); handler errors
become the service's error body; anything unexpected is logged and answered with a JSON 500
(never a traceback). One DEBUG line per request names the route and status, never keys.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
import ssl
import threading
from typing import Any, Callable, Iterable, List, Optional, Union

from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.netutil import bind_sockets

from pubnub.testing import access, channel_groups, files, objects, push, subscribe
from pubnub.testing.dispatch import Dispatcher, known_keys
from pubnub.testing.faults import Fault, Faults
from pubnub.testing.history import ROUTES as HISTORY_ROUTES
from pubnub.testing.http1 import HTTP1Server
from pubnub.testing.http1_wire import HttpLimits
from pubnub.testing.message_actions import ROUTES as ACTION_ROUTES
from pubnub.testing.presence import PresenceTracker
from pubnub.testing.presence_api import ROUTES as PRESENCE_ROUTES
from pubnub.testing.pubsub import ROUTES as PUBSUB_ROUTES
from pubnub.testing.routing import Route
from pubnub.testing.settings import ServerSettings
from pubnub.testing.store import Store

logger = logging.getLogger("pubnub.testing")

#: Routes of every service module (the hot ones first: buckets are tried in this order).
SERVICE_ROUTES: List[Route] = [*PUBSUB_ROUTES, *subscribe.ROUTES, *HISTORY_ROUTES, *ACTION_ROUTES, *PRESENCE_ROUTES,
                               *channel_groups.ROUTES, *push.ROUTES, *objects.ROUTES, *files.ROUTES, *access.ROUTES]


class ServerContext:
    """What handlers may use: settings, the store, presence, the subscribe hub and the server's address.

    ``origin``/``scheme``: where the server listens (absolute URLs it hands out fall back to
    them when a request has no ``Host``).
    """

    def __init__(self, settings: ServerSettings, store: Store, presence: PresenceTracker,
                 loop: asyncio.AbstractEventLoop, origin: str = "127.0.0.1", scheme: str = "http") -> None:
        self.settings = settings
        self.store = store
        self.presence = presence
        self.origin = origin
        self.scheme = scheme
        self.hub = subscribe.SubscribeHub(self, loop)


#: what ``ServerSettings.public_origin`` may be: a host name or address, optionally a port
_HOST_PORT = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:[0-9]{1,5})?$")


def http_limits(settings: ServerSettings) -> HttpLimits:
    """The HTTP layer's bounds from the server's settings."""
    return HttpLimits(max_body_bytes=settings.max_body_bytes, max_buffered_body_bytes=settings.max_buffered_body_bytes,
                      max_request_line_bytes=settings.max_request_line_bytes,
                      max_header_bytes=settings.max_header_bytes, max_connections=settings.max_connections,
                      header_timeout=settings.header_timeout_seconds, body_timeout=settings.body_timeout_seconds,
                      idle_timeout=settings.idle_timeout_seconds)


def _origin(host: str, port: int) -> str:
    return "[%s]:%d" % (host, port) if ":" in host else "%s:%d" % (host, port)


class PubNubTestServer:
    """A local PubNub-compatible server.

    ``origin = await server.start()`` serves on the running IOLoop; ``origin =
    server.start_in_thread()`` on an IOLoop of its own thread. ``server.stop()`` answers parked
    long-polls, closes the connections and (threaded) joins the thread. ``origin`` is
    ``"127.0.0.1:<port>"``, what ``PNConfiguration.origin`` takes (with ``ssl=False``, or
    ``ssl=True`` when ``certfile``/``keyfile`` are given). Port 0 picks a free port.
    Other keyword arguments override ``ServerSettings`` fields.

    Faults (``pubnub.testing.faults``): ``handle = server.faults.add(Fault("5xx", operation="publish",
    status=503, count=3))`` (or ``server.faults.add("5xx:publish:status=503,count=3")``), from
    any thread, takes effect for the next request; ``handle.remove()``, ``handle.wait()`` (until it
    hit), ``server.faults.clear()``. ``faults=[...]`` puts some in force from the start.
    """

    def __init__(self, secret_key: Optional[str] = None, long_poll_seconds: Optional[float] = None, *,
                 host: str = "127.0.0.1", port: int = 0, certfile: Optional[str] = None,
                 keyfile: Optional[str] = None, settings: Optional[ServerSettings] = None,
                 wall_clock: Optional[Callable[[], float]] = None, faults: Iterable[Union[Fault, str]] = (),
                 **overrides: Any) -> None:
        self.settings = settings if settings is not None else ServerSettings()
        for key, value in overrides.items():
            if not hasattr(self.settings, key):
                raise TypeError("unknown server setting %r" % key)
            setattr(self.settings, key, value)
        if secret_key is not None:
            self.settings.secret_key = secret_key
        if long_poll_seconds is not None:
            self.settings.long_poll_seconds = float(long_poll_seconds)
        if self.settings.keys is not None:
            known_keys(self.settings.keys)  # malformed keysets fail here, not at start()
        public_origin = self.settings.public_origin
        if public_origin is not None and _HOST_PORT.match(public_origin) is None:
            raise ValueError("public_origin: host[:port], not %r" % public_origin)
        self.host = host
        self.port = port
        self._tls: Optional[ssl.SSLContext] = None
        if certfile is not None:
            self._tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._tls.load_cert_chain(certfile, keyfile)
        #: ``wall_clock`` (Unix seconds) drives timetokens and every expiry (grants, tokens,
        #: message ttl, upload forms); tests inject one to move time forward.
        self.store = Store(self.settings) if wall_clock is None else Store(self.settings, wall_clock=wall_clock)
        self.presence = PresenceTracker(self.store)
        #: the faults in force (``pubnub.testing.faults``): ``server.faults.add(...)`` from any thread
        self.faults = Faults()
        for fault in faults:
            self.faults.add(fault)
        self.ctx: Optional[ServerContext] = None
        self._http: Optional[HTTP1Server] = None
        self._timers: List[PeriodicCallback] = []
        self._thread: Optional[threading.Thread] = None
        self._io_loop: Optional[IOLoop] = None
        self._parked = threading.Condition()

    @property
    def origin(self) -> str:
        return _origin(self.host, self.port)

    async def start(self) -> str:
        """Listen on the running IOLoop; returns the origin."""
        if self._http is not None:
            raise RuntimeError("server already started")
        sockets = bind_sockets(self.port, self.host)
        self.port = sockets[0].getsockname()[1]
        self.ctx = ServerContext(self.settings, self.store, self.presence, asyncio.get_running_loop(), self.origin,
                                 "https" if self._tls is not None else "http")
        self.ctx.hub.on_change = self._parked_changed
        self._http = HTTP1Server(Dispatcher(self.ctx, SERVICE_ROUTES, self.faults), self._tls,
                                 http_limits(self.settings))
        self._http.add_sockets(sockets)
        self._io_loop = IOLoop.current()
        self._timers = [PeriodicCallback(self._sweep_presence, self.settings.presence_sweep_seconds * 1000),
                        PeriodicCallback(self._sweep_channels, self.settings.channel_sweep_seconds * 1000)]
        for timer in self._timers:
            timer.start()
        logger.info("PubNub test server listening on %s", self.origin)
        return self.origin

    def _parked_changed(self) -> None:
        with self._parked:
            self._parked.notify_all()

    @property
    def parked_polls(self) -> int:
        """How many subscribe long-polls are currently held open."""
        return len(self.ctx.hub.waiters) if self.ctx is not None else 0

    def wait_for_parked_polls(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Block until exactly ``count`` long-polls are held (threaded mode); False on timeout.

        Lets a test publish only once its subscriber is listening.
        """
        if self._thread is None or self._thread is threading.current_thread():
            raise RuntimeError("wait_for_parked_polls() needs a server started with start_in_thread()")
        with self._parked:
            return self._parked.wait_for(lambda: self.parked_polls == count, timeout)

    def _sweep_presence(self) -> None:
        self.presence.sweep()

    def _sweep_channels(self) -> None:
        self.store.drop_idle_channels()

    def start_in_thread(self, timeout: float = 10.0) -> str:
        """Run on a new IOLoop in a daemon thread; returns the origin once listening."""
        started: "concurrent.futures.Future[str]" = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._thread_main, args=(started,), name="pubnub-test-server",
                                        daemon=True)
        self._thread.start()
        return started.result(timeout)

    def _thread_main(self, started: "concurrent.futures.Future[str]") -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            origin = loop.run_until_complete(self.start())
        except BaseException as e:  # reported to the thread that called start_in_thread
            started.set_exception(e)
            loop.close()
            return
        started.set_result(origin)
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _shutdown(self) -> "Optional[asyncio.Future[None]]":
        for timer in self._timers:
            timer.stop()
        self._timers = []
        http, self._http = self._http, None
        if http is None:
            return None
        http.stop()
        if self.ctx is not None:
            self.ctx.hub.close()
        return asyncio.ensure_future(self._close_connections(http))

    @staticmethod
    async def _close_connections(http: HTTP1Server) -> None:
        await asyncio.sleep(0)  # let the answers to the long-polls just released be written
        http.close_connections()

    def stop(self) -> None:
        """Stop serving: answer parked long-polls, close connections, join the thread if any."""
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            self._shutdown()
            return
        io_loop = self._io_loop
        if io_loop is not None and thread.is_alive():
            io_loop.add_callback(self._stop_thread_loop)
        thread.join(10.0)
        self._thread = None

    async def aclose(self) -> None:
        """``stop()``, then wait until every connection is closed (without blocking the loop)."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            await asyncio.get_running_loop().run_in_executor(None, self.stop)
            return
        closing = self._shutdown()
        if closing is not None:
            await closing

    async def _stop_thread_loop(self) -> None:
        closing = self._shutdown()
        if closing is not None:
            try:
                await asyncio.wait_for(closing, 5.0)
            except asyncio.TimeoutError:
                logger.warning("connections still open at shutdown")
        asyncio.get_running_loop().stop()

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run ``function(*args)`` on the server's loop (from any thread) and return its result."""
        thread = self._thread
        if thread is None or thread is threading.current_thread() or self._io_loop is None:
            return function(*args)
        done: "concurrent.futures.Future[Any]" = concurrent.futures.Future()

        def run() -> None:
            try:
                done.set_result(function(*args))
            except BaseException as e:  # handed back to the calling thread
                done.set_exception(e)
        self._io_loop.add_callback(run)
        return done.result(10.0)

    def add_channels_to_group(self, group: str, channels: Iterable[str], sub_key: str = "demo") -> None:
        """Preset a channel group, as the channel-group REST call does; parked subscribers follow."""
        names = list(channels)

        def apply() -> None:
            keyspace = self.store.keyspace(sub_key)
            keyspace.add_channels_to_group(group, names)
            if self.ctx is not None:
                self.ctx.hub.wake_groups(keyspace, [group])
        self.call(apply)
