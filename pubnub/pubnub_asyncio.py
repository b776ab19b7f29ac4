"""PubNubAsyncio: the 4.x asyncio client, on aiohttp (``pip install pubnub[asyncio]``).

The same call machinery as ``PubNubTornado`` (``pubnub._async_client``) on a plain asyncio loop:

* ``await endpoint.future()`` resolves to an ``AsyncioEnvelope`` (``result``, ``status``) or, on
  failure, to a ``PubNubAsyncioException`` value; it never raises, even for bad input.
* ``await endpoint.result()`` returns the result, or raises the ``PubNubException``.
* Both are coroutines, as in 4.8.1: the call starts when one runs, on the loop running it, so
  ``asyncio.create_task(...)``, ``asyncio.run(...)`` and ``run_coroutine_threadsafe(...)`` take
  them as they took 4.8.1's.
* ``endpoint.pn_async(callback)`` later calls ``callback(result, status)`` on the loop.

Real-time: the shared subscription machinery (``pubnub._subscription``) driven by
``pubnub._subscription_async``; every listener callback runs on the loop. Reconnection waits
go through ``asyncio.sleep`` (looked up at call time, so 4.x suites can stub it).

The loop: ``custom_event_loop``, else the loop running when the client is created, else the one
running (or current) when the client is first used; a client made at import time therefore
works under ``asyncio.run(main())``. Without ``custom_event_loop`` the client follows the loop
running its calls: when its own loop is closed (a later ``asyncio.run``) or idle while another
one runs the call (pytest-asyncio with loops of different scopes), it closes what it had there
(connections, subscription) and continues on the running loop.
"""
from __future__ import annotations

import asyncio
import logging
import warnings
from typing import Any, Awaitable, Callable, Coroutine, Generator, Optional, Tuple

from pubnub import _outcome
from pubnub._async_client import AsyncClient, FailedCall, RefusingTransport, future_value, left_behind, result_value
from pubnub._listener_async import AsyncSubscribeListener
from pubnub._loop_end import LoopEndWatch
from pubnub._subscription import SubscriptionManager
from pubnub._subscription_async import AsyncSubscriptionDriver
from pubnub._transport.aiohttp import AiohttpTransport
from pubnub.callbacks import ReconnectionCallback
from pubnub.exceptions import PNConnectionError
from pubnub.managers import PublishSequenceManager, TelemetryManager
from pubnub.structures import Envelope

logger = logging.getLogger("pubnub")

__all__ = ["AsyncioEnvelope", "AsyncioPublishSequenceManager", "AsyncioReconnectionManager",
           "AsyncioSubscriptionManager", "AsyncioTelemetryManager", "PubNubAsyncio", "PubNubAsyncioException",
           "SessionClosedError", "SubscribeListener"]


class AsyncioPublishSequenceManager(PublishSequenceManager):
    """The asyncio client's publish sequence numbers (4.8.1 name)."""


class AsyncioTelemetryManager(TelemetryManager):
    """The asyncio client's call-latency store (4.8.1 name): its requests carry ``l_*``."""


class AsyncioEnvelope(Envelope):
    """A completed call: ``result`` and ``status``."""


class PubNubAsyncioException(FailedCall):
    """A failed call, delivered as the value of ``.future()`` (never raised by it)."""


class AsyncioReconnectionManager:
    """4.8.1's reconnection manager, as an application's hook into reconnection.

    The client reconnects by itself, per ``config.reconnect_policy``. A subclass that overrides
    ``start_polling()``, installed as ``pubnub._subscription_manager._reconnection_manager =
    Sub(pubnub)``, takes that over: after each announced long-poll failure the long-poll stops
    and ``start_polling()`` is called; it resumes the subscription, from where the stream stopped,
    with ``pubnub.reconnect()`` (or ``self._callback.on_reconnect()``). ``stop_polling()`` is called
    whenever the subscription restarts or stops (``reconnect()``, a subscription change,
    ``stop()``, ``close()``).
    """

    def __init__(self, pubnub: Any) -> None:
        self._pubnub = pubnub
        self._callback: Optional[ReconnectionCallback] = None

    def set_reconnection_listener(self, reconnection_callback: ReconnectionCallback) -> None:
        self._callback = reconnection_callback

    def start_polling(self) -> None:
        """Nothing to do here: the built-in reconnection (``reconnect_policy``) is running."""

    def stop_polling(self) -> None:
        """Nothing to do here: the built-in reconnection stops with the long-poll."""


class _Reconnect(ReconnectionCallback):
    def __init__(self, manager: SubscriptionManager) -> None:
        self._manager = manager

    def on_reconnect(self) -> None:
        self._manager.reconnect()


def _takes_over(manager: Any) -> bool:
    return getattr(type(manager), "start_polling", None) is not AsyncioReconnectionManager.start_polling


class AsyncioSubscriptionManager(SubscriptionManager):
    """The asyncio client's subscription manager (4.8.1 name): the shared machinery, driven on the
    loop, with 4.8.1's ``_reconnection_manager`` hook (see ``AsyncioReconnectionManager``)."""

    def __init__(self, pubnub: Any, driver: Any) -> None:
        super().__init__(pubnub, driver)
        self._reconnection = AsyncioReconnectionManager(pubnub)

    @property
    def _reconnection_manager(self) -> Any:
        return self._reconnection

    @_reconnection_manager.setter
    def _reconnection_manager(self, manager: Any) -> None:
        self._reconnection = manager
        if hasattr(manager, "set_reconnection_listener"):
            manager.set_reconnection_listener(_Reconnect(self))

    def _hand_over_reconnection(self) -> bool:
        manager = self._reconnection
        if not _takes_over(manager):
            return False
        try:
            manager.start_polling()
        except Exception:
            logger.exception("The reconnection manager's start_polling() failed")
        return True

    def _stop_polling(self) -> None:
        manager = self._reconnection
        if getattr(type(manager), "stop_polling", None) is not AsyncioReconnectionManager.stop_polling:
            try:
                manager.stop_polling()
            except Exception:
                logger.exception("The reconnection manager's stop_polling() failed")

    def _restart(self) -> None:
        self._stop_polling()
        super()._restart()

    def stop(self) -> None:
        self._stop_polling()
        super().stop()


class SubscribeListener(AsyncSubscribeListener):
    """A listener for tests and scripts: await connection, disconnection, messages, presence.

    As 4.8.1's: a wait raises the ``PubNubException`` of the first error status announced (each
    error is raised once, by the wait it interrupts or by the next one). 4.x suites override the
    coroutine ``_wait_for(coro)`` (calling the parent's) to tolerate some errors; calling it again
    with the same ``coro`` keeps waiting for that same event.
    """

    def __init__(self) -> None:
        super().__init__()
        self.errors: Any = []  # exceptions of error statuses not raised yet
        # (coro, its task) when an error interrupted the wait for it
        self._retained: Optional[Tuple[Any, "asyncio.Future[Any]"]] = None

    def status(self, pubnub: Any, status: Any) -> None:
        if status.is_error():
            self.errors.append(_outcome.exception_of(Envelope(None, status)))  # its PubNubException, with the status
            self._wake()
            return
        super().status(pubnub, status)

    async def _wait_for(self, coro: Any) -> Any:
        """Await ``coro``; raise the first error status's exception if one comes first."""
        retained, self._retained = self._retained, None
        if retained is not None and retained[0] is coro:
            task = retained[1]
        else:
            if retained is not None:
                retained[1].cancel()
            task = asyncio.ensure_future(coro)
        error_seen = asyncio.ensure_future(self._until(lambda: True if self.errors else None))
        try:
            await asyncio.wait([task, error_seen], return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            task.cancel()
            raise
        finally:
            error_seen.cancel()
        if task.done():
            return task.result()
        self._retained = (coro, task)
        raise self.errors.pop(0)

    async def wait_for_connect(self) -> None:
        """Return once connected (at once if already connected)."""
        await self._wait_for(super().wait_for_connect())

    async def wait_for_disconnect(self) -> None:
        """Return once a leave was acknowledged (at once if that already happened)."""
        await self._wait_for(super().wait_for_disconnect())

    async def wait_for_message_on(self, *channel_names: str) -> Any:
        """The next message received on one of ``channel_names`` (others are discarded)."""
        return await self._wait_for(super().wait_for_message_on(*channel_names))

    async def wait_for_presence_on(self, *channel_names: str) -> Any:
        """The next presence event on one of ``channel_names`` (others are discarded)."""
        return await self._wait_for(super().wait_for_presence_on(*channel_names))


async def _run_where_awaited(client: "PubNubAsyncio", endpoint: Any, value: Callable[[Any, Envelope], Any],
                             start: Callable[[Any], Awaitable[Any]]) -> Any:
    """Run the call when the coroutine runs, and return ``value(client, envelope)``.

    On the client's loop, a plain request runs inside the awaiting task through the transport's
    ``fetch``, as a plain aiohttp call does: no Task and no Future of its own (see
    ``pubnub._transport.aiohttp``). Otherwise (another loop running the coroutine, a transport
    without ``fetch``) it is started with ``start`` as every event-loop client starts a call.
    """
    running = asyncio.get_running_loop()
    if client._bound_loop is running or client._loop is running:  # (the first: what _loop would say)
        fetch = getattr(client.transport, "fetch", None)
        if fetch is not None:
            return value(client, await client._run(endpoint, fetch=fetch))
    return await start(endpoint)


class _Done:
    """What ``stop()`` returns: nothing to wait for, awaitable (``await`` / ``yield from``) or not."""

    def __await__(self) -> Generator[Any, None, None]:
        return iter(())  # type: ignore[return-value]

    __iter__ = __await__


class SessionClosedError(PNConnectionError, RuntimeError):
    """A call after ``pubnub._connector.close()``: aiohttp's "Session is closed", which 4.8.1's
    ``.result()`` raised as a ``RuntimeError``; here a ``PNConnectionError`` that is a
    ``RuntimeError`` too, so 4.x suites catching either get it."""

    def __init__(self) -> None:
        super().__init__("Session is closed")


# The transport after ``pubnub._connector.close()``: every call fails at once, without a request,
# as on 4.8.1's closed session.
_CLOSED_SESSION = RefusingTransport(SessionClosedError)


class _ConnectorView:
    """4.8.1's ``pubnub._connector``, which 4.x suites close to force a connection failure:
    ``close()`` closes the client's connections, the long-poll's too; the calls waiting (a held
    long-poll) end with a connection error and later calls fail at once with
    ``SessionClosedError``, as they did on 4.8.1's closed session, until ``stop()`` (after which
    calls connect again). Other attributes are the aiohttp connector's (None before the first
    call)."""

    def __init__(self, pubnub: "PubNubAsyncio") -> None:
        self._pubnub = pubnub

    def close(self) -> _Done:
        pubnub = self._pubnub
        pubnub._session_closed = True
        pubnub._close_own_transport()
        if pubnub._subscription_driver is not None:
            pubnub._subscription_driver.close()
        return _Done()

    @property
    def closed(self) -> bool:
        transport = self._pubnub._transport
        return self._pubnub._session_closed or transport is None or bool(getattr(transport, "closed", False))

    def __getattr__(self, name: str) -> Any:
        return getattr(getattr(self._pubnub._transport, "connector", None), name)


class PubNubAsyncio(AsyncClient):
    """The PubNub client for asyncio applications."""

    envelope_class = AsyncioEnvelope
    exception_class = PubNubAsyncioException

    def __init__(self, config: Any, custom_event_loop: Optional[asyncio.AbstractEventLoop] = None,
                 transport: Optional[Any] = None) -> None:
        """Create a client on ``custom_event_loop`` (default: see the module docstring).

        ``transport`` replaces the default ``AiohttpTransport`` (e.g. one with ``trust_env=True``);
        the application then closes it. Nothing is connected or scheduled until the first call.
        """
        super().__init__(config, transport)
        self._publish_sequence_manager = AsyncioPublishSequenceManager(self.MAX_SEQUENCE)
        self._session_closed = False  # pubnub._connector.close() was called (until stop())
        self._custom_loop = custom_event_loop
        self._loop_watch: Optional[LoopEndWatch] = None  # closes the connections when their loop ends
        self._bound_loop: Optional[asyncio.AbstractEventLoop] = custom_event_loop
        if custom_event_loop is None:
            try:
                self._bound_loop = asyncio.get_running_loop()
            except RuntimeError:
                pass  # bound on first use
        if config.enable_subscribe:
            # An application's own transport also carries the long-polls.
            driver = self._subscription_driver = AsyncSubscriptionDriver(self, long_poll_transport=transport)
            self._subscription_manager = AsyncioSubscriptionManager(self, driver)

    def _create_telemetry_manager(self) -> TelemetryManager:
        return AsyncioTelemetryManager()

    def sdk_platform(self) -> str:
        return "-Asyncio"

    # ----- the loop ----------------------------------------------------------------------------
    @property
    def _loop(self) -> asyncio.AbstractEventLoop:
        loop = left = self._bound_loop
        if loop is not None and (self._custom_loop is not None or loop.is_running() or not left_behind(loop)):
            return loop
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            with warnings.catch_warnings():  # no running loop: the thread's current one, as 4.x did
                warnings.simplefilter("ignore", DeprecationWarning)
                try:
                    loop = asyncio.get_event_loop()
                except RuntimeError:  # none set (after asyncio.run): a new one, as 4.x's Pythons made
                    loop = asyncio.new_event_loop()
                    asyncio.set_event_loop(loop)
        self._bound_loop = loop
        if left is not None:
            self._leave_loop()
        return loop

    @property
    def _home_loop(self) -> Optional[asyncio.AbstractEventLoop]:
        return self._bound_loop

    @property
    def event_loop(self) -> asyncio.AbstractEventLoop:
        """The loop the client runs on (4.8.1 attribute)."""
        return self._loop

    def _call_soon(self, function: Callable[..., Any], *args: Any) -> None:
        loop = self._loop
        try:
            running: Optional[asyncio.AbstractEventLoop] = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            loop.call_soon(function, *args)
        else:
            loop.call_soon_threadsafe(function, *args)

    def _new_transport(self) -> Any:
        return _CLOSED_SESSION if self._session_closed else AiohttpTransport(loop=self._watched_loop())

    def _new_long_poll_transport(self) -> Any:
        return _CLOSED_SESSION if self._session_closed else AiohttpTransport(loop=self._watched_loop(), limit=1)

    def _watched_loop(self) -> asyncio.AbstractEventLoop:
        """The client's loop, for connections about to be opened there: when it is the running
        loop, the client closes them before the loop ends (``_loop_ends``), so a program ending
        without ``stop()`` (as 4.x programs do) neither leaves them to the garbage collector nor
        has aiohttp report an unclosed session or connector."""
        loop = self._loop
        if self._loop_watch is None or self._loop_watch.loop is not loop:
            watch = LoopEndWatch(loop, self._loop_ends)
            if watch.start():
                if self._loop_watch is not None:
                    self._loop_watch.disarm()
                self._loop_watch = watch
        return loop

    def _loop_ends(self, loop: asyncio.AbstractEventLoop) -> None:
        """``loop`` is shutting down: the client leaves it as it leaves an idle or closed loop
        (``_leave_loop``: used again on another loop, it runs there)."""
        self._loop_watch = None  # (only the armed watch calls: it is the client's, now done)
        if self._bound_loop is loop:
            self._leave_loop()

    # ----- 4.8.1's execution modes: coroutines -------------------------------------------------
    def request_future(self, endpoint: Any) -> Coroutine[Any, Any, Any]:
        """``.future()``: a coroutine, as 4.8.1's was. The call starts when it runs, on the loop
        running it: awaited, or as a Task (``create_task``, ``ensure_future``,
        ``run_coroutine_threadsafe``, ``asyncio.run``). It resolves to an ``AsyncioEnvelope`` or a
        ``PubNubAsyncioException`` value and never raises."""
        return _run_where_awaited(self, endpoint, future_value, super().request_future)

    def request_result(self, endpoint: Any) -> Coroutine[Any, Any, Any]:
        """``.result()``: a coroutine, as 4.8.1's was (see ``request_future``); it returns the
        result or raises the ``PubNubException``."""
        return _run_where_awaited(self, endpoint, result_value, super().request_result)

    # ----- 4.8.1's lifecycle -------------------------------------------------------------------
    def stop(self) -> _Done:
        """Stop the subscription (long-poll, heartbeats, reconnection) and close the connections;
        the loop keeps running and a later call connects again. Returns an awaitable that is
        already done: ``pubnub.stop()`` and ``await pubnub.stop()`` both work, as 4.x code used
        both.

        Called after the loop's run ended (``loop.run_until_complete(main())`` then
        ``pubnub.stop()``), it runs the loop until the subscription's tasks it cancelled have
        ended, as they would on a running loop: a program closing the loop next, or dropping
        it, does not have them reported as "destroyed but pending"."""
        if self._subscription_manager is not None:
            self._subscription_manager.stop()
        self._session_closed = False
        self._close_own_transport()
        if self._subscription_driver is not None:
            self._subscription_driver.close()
        self._finish_on_idle_loop()
        return _Done()

    @property
    def _connector(self) -> _ConnectorView:
        """4.8.1's connector attribute (see ``_ConnectorView``)."""
        return _ConnectorView(self)

    @property
    def _session(self) -> Any:
        """The aiohttp ``ClientSession`` calls go through (None before the first call)."""
        return getattr(self.transport, "session", None)
