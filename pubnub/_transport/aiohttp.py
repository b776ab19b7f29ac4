"""aiohttp transport: ``HttpRequest`` -> ``ClientSession.request`` -> ``HttpResponse``.

Layer: transport. It knows aiohttp and nothing of PubNub: no status codes, no JSON. Only the
asyncio client imports it (aiohttp is the ``pubnub[asyncio]`` extra).

* One ``ClientSession`` per transport, created lazily on the loop that runs the first request,
  with aiohttp's pooled keep-alive connections (``limit`` at once; more wait for a free one).
* Requests go through ``ClientSession.request`` and so ``ClientSession._request``, which is
  what vcrpy patches: 4.x asyncio suites replay their cassettes through this transport.
* URLs are sent exactly as built (``yarl.URL(url, encoded=True)``): the query was signed as it
  is, and re-quoting it would break signatures and encoded characters.
* Timeouts: ``connect_timeout`` bounds making the connection (``sock_connect``), reported as a
  connection failure like the other transports; ``request_timeout`` bounds the whole exchange,
  from ``send`` to the answer read (as Tornado's ``request_timeout`` and 4.8.1's
  ``asyncio.wait_for`` did), reported as a timeout. The transport enforces it itself with one
  timer for all its requests (at the soonest deadline), not aiohttp's read timer, which costs
  a timer set and cancelled per chunk read: measured, several microseconds per call.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Dict, List, Optional, Tuple

import aiohttp
from yarl import URL

from pubnub._http import HttpRequest, HttpResponse
from pubnub._transport.base import Outcome
from pubnub.errors import PNERR_TOO_MANY_REDIRECTS_ERROR
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PNTransportError

logger = logging.getLogger("pubnub")

__all__ = ["AiohttpTransport"]

_CLOSED = "the transport is closed"
_CLOSED_EARLY = "the transport was closed before the answer came"
_NEVER = float("inf")


def _translate(error: BaseException) -> BaseException:
    """aiohttp's "no answer" errors as ours (caused by the original), by type; anything else
    unchanged. A connect-phase timeout is a connection failure, a read timeout a timeout; an
    answer that is not HTTP (a bad status line, header or chunk) is a connection failure, as
    curl and urllib3 report it; too many redirects is what the sync transports say."""
    translated: Optional[BaseException] = None
    if isinstance(error, aiohttp.ConnectionTimeoutError):  # sock_connect / connect: no connection made
        translated = PNConnectionError(str(error) or "connection timeout")
    elif isinstance(error, (aiohttp.SocketTimeoutError, asyncio.TimeoutError)):  # sent, no answer in time
        translated = PNTimeoutError(str(error) or "timeout waiting for the answer")
    elif isinstance(error, (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, OSError)):
        translated = PNConnectionError(str(error) or type(error).__name__)
    elif isinstance(error, aiohttp.TooManyRedirects):
        translated = PNTransportError("Exceeded %d redirects." % len(error.history),
                                      pn_error=PNERR_TOO_MANY_REDIRECTS_ERROR)
    elif isinstance(error, aiohttp.ClientResponseError):  # aiohttp's parser refused the answer
        translated = PNConnectionError(error.message or type(error).__name__)
    if translated is None:
        return error
    translated.__cause__ = error
    return translated


class AiohttpTransport:
    """Sends requests with one private ``aiohttp.ClientSession`` (keep-alive connection pool)."""

    def __init__(self, loop: Optional[asyncio.AbstractEventLoop] = None, limit: int = 100,
                 **session_options: Any) -> None:
        """Create the transport; nothing is connected until the first request.

        Args:
            loop: the loop the requests run on (default: the one running the first request).
            limit: connections open at once (requests in flight); more wait for a free one.
            session_options: extra ``ClientSession`` arguments (``trust_env``, ``cookie_jar`` ...).
        """
        self._loop = loop
        self._limit = limit
        self._session_options = session_options
        self._session: Optional[aiohttp.ClientSession] = None
        self._closed = False
        # each request's Task -> (its callback, its deadline on the loop's clock)
        self._in_flight: Dict["asyncio.Task[None]", Tuple[Callable[[Outcome], None], float]] = {}
        self._timeouts: Dict[Any, aiohttp.ClientTimeout] = {}
        self._alarm: Optional[asyncio.TimerHandle] = None  # at the soonest deadline, when there is one
        self._alarm_at = _NEVER

    @property
    def closed(self) -> bool:
        """True once ``close()`` was called."""
        return self._closed

    @property
    def session(self) -> Optional[aiohttp.ClientSession]:
        """The ``ClientSession`` requests go through (None before the first request)."""
        return self._session

    @property
    def connector(self) -> Optional[aiohttp.BaseConnector]:
        """The session's connection pool (None before the first request)."""
        return self._session.connector if self._session is not None else None

    def send(self, request: HttpRequest, callback: Callable[[Outcome], None]) -> None:
        """Send ``request`` and call ``callback`` once, on the loop, with the HttpResponse, or with
        the PNTimeoutError / PNConnectionError when no answer came (``AsyncTransport``; closing
        the transport ends the requests still waiting with a PNConnectionError)."""
        if self._closed:
            callback(PNConnectionError(_CLOSED))
            return
        loop = self._loop
        if loop is None:
            loop = self._loop = asyncio.get_running_loop()
        task = loop.create_task(self._fetch(request, callback))
        timeout = request.request_timeout
        deadline = loop.time() + timeout if timeout else _NEVER  # None or 0: no limit
        self._in_flight[task] = (callback, deadline)
        if deadline < self._alarm_at:
            self._set_alarm(deadline)

    def _set_alarm(self, deadline: float) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
        self._alarm_at = deadline
        self._alarm = self._loop.call_at(deadline, self._expire)  # type: ignore[union-attr]

    def _expire(self) -> None:
        """The alarm: end the requests past their deadline with a PNTimeoutError (their Tasks
        are cancelled, which closes their connections) and set the alarm for the next one."""
        self._alarm, self._alarm_at = None, _NEVER
        now = self._loop.time()  # type: ignore[union-attr]
        expired: List["asyncio.Task[None]"] = []
        soonest = _NEVER
        for task, (_, deadline) in self._in_flight.items():
            if deadline <= now:
                expired.append(task)
            elif deadline < soonest:
                soonest = deadline
        if soonest < self._alarm_at:
            self._set_alarm(soonest)
        for task in expired:
            callback = self._in_flight.pop(task)[0]
            task.cancel()
            try:
                callback(PNTimeoutError("no answer within the request timeout"))
            except Exception:  # one failing callback must not keep the others from theirs
                logger.exception("A transport callback failed")

    async def _fetch(self, request: HttpRequest, callback: Callable[[Outcome], None]) -> None:
        outcome: Outcome
        try:
            session = self._session
            if session is None:
                session = self._open()
            timeout = self._timeouts.get(request.connect_timeout)
            if timeout is None:  # one or two distinct values per client: made once each
                timeout = self._timeouts[request.connect_timeout] = aiohttp.ClientTimeout(
                    total=None, connect=None, sock_connect=request.connect_timeout, sock_read=None)
            async with session.request(request.method, URL(request.url, encoded=True), headers=request.headers,
                                       data=request.body, timeout=timeout,
                                       allow_redirects=request.follow_redirects) as response:
                body = await response.read()
            # the URL answered: the one sent unless redirected (str() of a yarl URL costs per call)
            url = str(response.url) if response.history else request.url
            outcome = HttpResponse(response.status, response.headers, body, url)
        except asyncio.CancelledError:
            raise  # close() or the alarm: the callback was already called
        except Exception as e:
            outcome = _translate(e)
        task = asyncio.current_task()
        if self._in_flight.pop(task, None) is not None:  # type: ignore[arg-type]
            callback(outcome)

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=self._limit, limit_per_host=0)
        self._session = aiohttp.ClientSession(connector=connector, **self._session_options)
        return self._session

    def close(self) -> None:
        """Close the connections now; the requests still waiting end with a PNConnectionError
        (unless their loop is closed: their Tasks and callers are gone with it). Closing again
        does nothing."""
        if self._closed:
            return
        self._closed = True
        waiting = list(self._in_flight.items())
        self._in_flight.clear()
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm, self._alarm_at = None, _NEVER
        if self._loop is not None and self._loop.is_closed():
            waiting = []  # the requests' Tasks, and whoever waited for them, are gone with their loop
        for task, _ in waiting:
            task.cancel()
        session, self._session = self._session, None
        if session is not None:
            _close_now(session)
        for _, (callback, _) in waiting:
            callback(PNConnectionError(_CLOSED_EARLY))


def _close_now(session: aiohttp.ClientSession) -> None:
    """Close the session's connections at once, without awaiting (``close()`` is called from
    synchronous code: ``stop()``, ``close()``, a subscription change).

    ``ClientSession.close()`` is a coroutine that only closes its connector, and the connector's
    ``close()`` is a coroutine in some aiohttp versions and not in others; every version from 3.10
    on does the closing itself in the synchronous ``BaseConnector._close()``, which is what runs
    here (what it may hand back only waits for TLS shutdowns). The session then counts as closed.
    """
    connector = session.connector
    if connector is None or connector.closed:
        return
    connector._close()
