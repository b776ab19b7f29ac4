"""aiohttp transport: ``HttpRequest`` -> ``ClientSession.request`` -> ``HttpResponse``.

Layer: transport. It knows aiohttp and nothing of PubNub: no status codes, no JSON. Only the
asyncio client imports it (aiohttp is the ``pubnub[asyncio]`` extra).

* One ``ClientSession`` per transport, created lazily on the loop that runs the first request,
  with aiohttp's pooled keep-alive connections (``limit`` at once; more wait for a free one).
* Requests go through ``ClientSession.request`` and so ``ClientSession._request``, which is
  what vcrpy patches: 4.x asyncio suites replay their cassettes through this transport.
* URLs are sent exactly as built (``yarl.URL(url, encoded=True)``): the query was signed as it
  is, and re-quoting it would break signatures and encoded characters.
* Two ways to send (``pubnub._transport.base``): ``send(request, callback)``, the contract,
  runs the request as a Task of its own; ``fetch(request)`` runs it in the awaiting task, as a
  plain aiohttp call does, with no Task and no Future (``PubNubAsyncio``'s ``.future()`` and
  ``.result()``): one loop pass and about a dozen objects fewer per call. Both send on the
  loop's next pass, where the requests started in one pass leave together: measured on
  loopback (3.9, 10 and 100 in flight), a ``fetch`` writing at once cost 15-30 us more CPU per
  GET than the Task path, mostly in the socket write; on the next pass, 5-15 us less (3.13:
  18-39 us less than at once, GET and POST). Except a ``fetch`` with a body before Python
  3.12, which goes to aiohttp at once: aiohttp writes the body from a Task of its own, on the
  next pass already, and a pass more would only make the young objects of the calls started
  in one pass outlive those freed in another, which sets the garbage collector off ten times
  as often (3.9, add-message-action at 100 in flight: 0.054-0.056 collections per call
  against 0.0043-0.0044).
* Timeouts: ``connect_timeout`` bounds making the connection (``sock_connect``), reported as a
  connection failure like the other transports; ``request_timeout`` bounds the whole exchange,
  from ``send`` to the answer read (as Tornado's ``request_timeout`` and 4.8.1's
  ``asyncio.wait_for`` did), reported as a timeout. The transport enforces it itself with one
  timer for all its requests (at the soonest deadline): it cancels ``send``'s Task, or the task
  awaiting ``fetch``, whose exchange turns the cancellation into the timeout. Not aiohttp's
  timeouts: its read timer costs a timer set and cancelled per chunk read, its ``total`` timer
  12-24 us per call (measured on 3.9); only a ``fetch`` driven outside any task gets ``total``.
"""
from __future__ import annotations

import asyncio
import inspect
import logging
import re
import sys
import types
from typing import Any, Awaitable, Callable, Dict, Generator, List, Optional, Set, Tuple

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
_NO_ANSWER = "no answer within the request timeout"
_NEVER = float("inf")
# Before Python 3.12 aiohttp writes a request's body from a Task of its own, so a request with a
# body leaves on the loop's next pass anyway (from 3.12 that Task starts eagerly and writes at once).
_BODY_WRITTEN_NEXT_PASS = sys.version_info < (3, 12)


def _as_url(url: str) -> URL:
    """``URL(url, encoded=True)``: the URL as built, never re-quoted. The usual URL (http or https,
    a lowercase host name or IPv4 address with an optional port, no fragment) is put together
    from its parts, which yarl does in half the time it takes to parse the whole text (2-2.5 us
    less per call, measured with yarl 1.25: the URLs differ in every call, so yarl's parse cache
    never hits, while the origin is the same each time). For each new origin both ways are
    compared once, on its first URL; an origin where they differ (a default port written out,
    which parsing drops) is always parsed."""
    scheme, _, rest = url.partition("://")
    slash = rest.find("/")
    if slash > 0 and (scheme == "http" or scheme == "https") and "#" not in rest:
        origin = url[:len(scheme) + 3 + slash]
        path, _, query = rest[slash:].partition("?")
        built = _BUILT_ORIGINS.get(origin)
        if built:
            return URL.build(scheme=scheme, authority=rest[:slash], path=path, query_string=query, encoded=True)
        if built is None:
            parsed = URL(url, encoded=True)
            if len(_BUILT_ORIGINS) >= 64:
                _BUILT_ORIGINS.clear()
            _BUILT_ORIGINS[origin] = _same(parsed, scheme, rest[:slash], path, query)
            return parsed
    return URL(url, encoded=True)


def _same(parsed: URL, scheme: str, authority: str, path: str, query: str) -> bool:
    if not _BUILDS_FROM_AUTHORITY or _SIMPLE_AUTHORITY.match(authority) is None:
        return False
    try:
        built = URL.build(scheme=scheme, authority=authority, path=path, query_string=query, encoded=True)
        return built == parsed and str(built) == str(parsed)
    except ValueError:  # (a port out of range: parsing leaves that to aiohttp, which refuses it)
        return False


_BUILDS_FROM_AUTHORITY = "authority" in inspect.signature(URL.build).parameters  # (yarl 1.5+)
_SIMPLE_AUTHORITY = re.compile(r"[a-z0-9.\-]+(?::[0-9]{1,5})?\Z")
_BUILT_ORIGINS: Dict[str, bool] = {}  # origins seen -> whether _as_url builds their URLs from the parts


def _translate(error: BaseException) -> BaseException:
    """aiohttp's "no answer" errors as ours (caused by the original), by type; anything else
    unchanged. A connect-phase timeout is a connection failure, a read timeout a timeout; an
    answer that is not HTTP (a bad status line, header or chunk) is a connection failure, as
    curl and urllib3 report it; too many redirects is what the sync transports say."""
    translated: Optional[BaseException] = None
    if isinstance(error, aiohttp.ConnectionTimeoutError):  # sock_connect / connect: no connection made
        translated = PNConnectionError(str(error) or "connection timeout")
    elif isinstance(error, (aiohttp.SocketTimeoutError, asyncio.TimeoutError)):  # sent, no answer in time
        translated = PNTimeoutError(str(error) or _NO_ANSWER)  # (aiohttp's total timeout has no text)
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
        self._callbacks: Dict["asyncio.Task[Any]", Callable[[Outcome], None]] = {}  # send()'s Tasks
        # the requests with a deadline (on the loop's clock), by the task running them: send()'s
        # own Task, or the task awaiting fetch(); and the latter ones the alarm cancelled
        self._deadlines: Dict["asyncio.Task[Any]", float] = {}
        self._timed_out: Set["asyncio.Task[Any]"] = set()
        self._timeouts: Dict[Tuple[Optional[float], Optional[float]], aiohttp.ClientTimeout] = {}
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
        self._callbacks[task] = callback
        timeout = request.request_timeout
        if timeout:  # None or 0: no limit
            self._add_deadline(task, loop.time() + timeout)

    def _add_deadline(self, task: "asyncio.Task[Any]", deadline: float) -> None:
        self._deadlines[task] = deadline
        if deadline < self._alarm_at:
            self._set_alarm(deadline)

    def _set_alarm(self, deadline: float) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
        self._alarm_at = deadline
        self._alarm = self._loop.call_at(deadline, self._expire)  # type: ignore[union-attr]

    def _expire(self) -> None:
        """The alarm: end the requests past their deadline with a PNTimeoutError and set the alarm
        for the next one. ``send``'s are called back now (their Tasks are cancelled, which closes
        their connections); a task awaiting ``fetch`` is cancelled, and the exchange it is in
        turns the cancellation into the PNTimeoutError (as aiohttp's own timeouts do)."""
        self._alarm, self._alarm_at = None, _NEVER
        now = self._loop.time()  # type: ignore[union-attr]
        expired: List["asyncio.Task[Any]"] = []
        soonest = _NEVER
        for task, deadline in self._deadlines.items():
            if deadline <= now:
                expired.append(task)
            elif deadline < soonest:
                soonest = deadline
        if soonest < self._alarm_at:
            self._set_alarm(soonest)
        for task in expired:
            del self._deadlines[task]
            callback = self._callbacks.pop(task, None)
            if callback is None:
                self._timed_out.add(task)
                task.cancel()
                continue
            task.cancel()
            try:
                callback(PNTimeoutError(_NO_ANSWER))
            except Exception:  # one failing callback must not keep the others from theirs
                logger.exception("A transport callback failed")

    def fetch(self, request: HttpRequest) -> Awaitable[HttpResponse]:
        """Send ``request`` in the awaiting task: the awaitable returns the HttpResponse, or raises
        the PNTimeoutError / PNConnectionError (also when the transport is closed before the
        answer came). Cancelling the awaiting task abandons the request and its connection."""
        return self._exchange(request, None)

    async def _fetch(self, request: HttpRequest, callback: Callable[[Outcome], None]) -> None:
        """``send``'s Task: the exchange, its outcome to ``callback`` (unless the alarm or
        ``close()`` already called it)."""
        task: "asyncio.Task[Any]" = asyncio.current_task()  # type: ignore[assignment]
        outcome: Outcome
        try:
            outcome = await self._exchange(request, task)
        except asyncio.CancelledError:
            raise  # close() or the alarm: the callback was already called
        except Exception as e:
            outcome = e
        if self._callbacks.pop(task, None) is not None:
            callback(outcome)

    async def _exchange(self, request: HttpRequest, task: "Optional[asyncio.Task[Any]]") -> HttpResponse:
        """One request on the pooled session, run by ``task`` (``send``'s, its deadline already
        set), or by the task awaiting ``fetch`` (None: its deadline is set here)."""
        if self._closed:
            raise PNConnectionError(_CLOSED)
        session = self._session
        if session is None:
            session = self._open()
        total = None
        on_next_pass = False
        if task is None:
            task = asyncio.current_task()
            # sent on the loop's next pass, as send()'s Task sends, unless aiohttp sends it there
            on_next_pass = task is not None and not (request.body and _BODY_WRITTEN_NEXT_PASS)
            limit = request.request_timeout
            if limit:  # None or 0: no limit
                if task is not None:
                    self._add_deadline(task, self._loop.time() + limit)  # type: ignore[union-attr]
                else:  # a coroutine driven by hand, without a task the alarm could cancel
                    total = limit
        try:
            if on_next_pass:
                await _next_pass()
            async with session.request(request.method, _as_url(request.url), headers=request.headers,
                                       data=request.body, timeout=self._timeout(request.connect_timeout, total),
                                       allow_redirects=request.follow_redirects) as response:
                body = await response.read()
        except asyncio.CancelledError:
            if task in self._timed_out:  # the alarm; unless the task was cancelled too, a timeout
                self._timed_out.discard(task)
                if _withdraw_cancel(task):
                    raise PNTimeoutError(_NO_ANSWER) from None
            elif self._closed and not _cancelling():
                # close() cancels the requests waiting for a pooled connection: for a caller not
                # cancelled itself, the transport's closing is the outcome
                raise PNConnectionError(_CLOSED_EARLY) from None
            raise
        except Exception as e:
            if self._closed:  # the connection was closed under it
                raise PNConnectionError(_CLOSED_EARLY) from e
            raise _translate(e)  # noqa: B904 (_translate chains the cause itself)
        finally:
            if self._deadlines:
                self._deadlines.pop(task, None)  # type: ignore[arg-type]
            if self._timed_out:  # (the alarm's cancellation, if aiohttp swallowed it)
                self._timed_out.discard(task)
        # the URL answered: the one sent unless redirected (str() of a yarl URL costs per call)
        url = str(response.url) if response.history else request.url
        return HttpResponse(response.status, response.headers, body, url)

    def _timeout(self, connect: Optional[float], total: Optional[float]) -> aiohttp.ClientTimeout:
        """aiohttp's timeouts for a request (``total``: None but for a ``fetch`` run outside any
        task); one or two distinct ones per client, made once each."""
        timeout = self._timeouts.get((connect, total))
        if timeout is None:
            timeout = self._timeouts[connect, total] = aiohttp.ClientTimeout(
                total=total, connect=None, sock_connect=connect, sock_read=None)
        return timeout

    def _open(self) -> aiohttp.ClientSession:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
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
        waiting = list(self._callbacks.items())
        self._callbacks.clear()
        self._deadlines.clear()  # (a fetch() in flight ends with its connection, closed below)
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
            _finish_closing(self._loop)
        for _, callback in waiting:
            callback(PNConnectionError(_CLOSED_EARLY))


def _cancelling() -> bool:
    """Whether the running task was itself asked to cancel. Python 3.11+ tells; before, the
    transport cannot tell a cancelled caller from a closed pool's waiter and takes the closing
    (a caller cancelled in the same loop pass as ``close()`` then gets the error value)."""
    task = asyncio.current_task()
    cancelling = getattr(task, "cancelling", None)
    return cancelling is not None and cancelling() > 0


@types.coroutine
def _next_pass() -> Generator[None, None, None]:
    """Let the loop run one pass (``asyncio.sleep(0)``, which 4.x suites stub, without the lookup)."""
    yield


def _withdraw_cancel(task: "asyncio.Task[Any]") -> bool:
    """Withdraw the alarm's cancellation of ``task``: True when nothing else asked to cancel it
    (Python 3.11+ counts the requests; before, the alarm is taken as the only one)."""
    uncancel = getattr(task, "uncancel", None)
    return uncancel is None or uncancel() == 0


def _finish_closing(loop: Optional[asyncio.AbstractEventLoop]) -> None:
    """A closed connection lets its socket go on the loop's next pass: run that pass when nothing
    runs the loop (``close()`` after the program's run of it ended, as in 4.x's
    ``loop.run_until_complete(main())`` then ``pubnub.stop()``), so that a program closing the loop
    next leaves no socket open."""
    if loop is None or loop.is_closed() or loop.is_running() or asyncio._get_running_loop() is not None:
        return
    loop.run_until_complete(_one_pass())


async def _one_pass() -> None:
    await _next_pass()


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
