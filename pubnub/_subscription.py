"""The subscription machinery of every client, written once: long-poll loop, reconnection, heartbeats.

Layer: core. No I/O, no clock, no threads of its own; must not import tornado, requests or
asyncio. Everything that takes time is a *flow*: a generator that yields a step and receives
its outcome --

* an ``Endpoint`` (``Time``, ``Heartbeat``, ``Leave``): the driver runs it with the client's
  ``execute`` and sends back its ``Envelope``;
* a ``LongPoll(endpoint)`` (the ``Subscribe`` request): the same, on the driver's long-poll
  transport, so that a held request never takes a connection other calls need;
* a ``Sleep(seconds)``: the driver waits, then sends back ``None``.

A client supplies a driver (``SubscriptionDriver``) that runs flows by key, cancelling the
previous flow under the same key, and decides where listener calls run
(``listener_manager.set_deliver``). Flows take ``lock`` themselves between steps, so a driver
may advance them from any thread.

Continuity: the stream cursor (``t.t``/``t.r``) survives subscription changes, errors and
``reconnect()``; only ``with_timetoken(tt)`` or unsubscribing from everything resets it. Every
change bumps an epoch; a response that arrives for an older epoch is dropped without being
dispatched or moving the cursor, and the next request asks again from the unchanged cursor, so
nothing is lost or delivered twice.

Statuses announced to listeners (``status()``):

=====================================  ====================================================
``PNConnectedCategory``                first good response after each ``subscribe()`` call;
                                       ``affected_channels``/``groups`` = the lists sent
``PNReconnectedCategory``              a reconnection probe succeeded after an announced
                                       failure (as 4.8.1), or, after ``reconnect()``, the
                                       first good response (``error`` False)
``PNNetworkIssuesCategory``            a connection error before the stream was flowing
                                       (the first request, or while recovering)
``PNUnexpectedDisconnectCategory``     a connection error while the stream was flowing
(none for a client-side timeout)      a long-poll that the client timed out
                                       (``subscribe_request_timeout``) is re-issued from the
                                       same cursor, every time, whatever the policy: a held
                                       long-poll is routine, not a failure (as in 4.8.1)
``PNAccessDeniedCategory``             403; ``operation`` = ``PNUnsubscribeOperation``;
                                       the loop stops (grant access, then ``reconnect()``);
                                       the plain client unsubscribes from everything first
                                       (a leave, its status announced), as 4.8.1's did
``PNBadRequestCategory``               400 (a malformed ``filter_expression`` included, as
                                       in 4.8.1, which never reported
                                       ``PNMalformedFilterExpressionCategory``); the loop stops
``PNUnknownCategory`` and others       5xx, unparsable answers: reconnection per policy
                                       (one failure status until a probe succeeds, none per failed probe)
``PNDisconnectedCategory``             ``maximum_reconnection_retries`` probes failed
``PNDecryptionErrorCategory``          a message could not be decrypted (still delivered)
leave / heartbeat statuses             see ``_leave_flow`` / ``_heartbeat_flow``
=====================================  ====================================================
"""
from __future__ import annotations

import logging
import random
import threading
from typing import Any, Callable, Generator, List, Optional, Protocol

from pubnub._context import ClientContext
from pubnub._subscription_dispatch import ListenerManager, notifications_for
from pubnub._subscription_state import (
    LongPoll,
    Sleep,
    StateOperation,
    SubscribeOperation,
    SubscriptionState,
    UnsubscribeOperation,
    reconnection_delay,
    retries_exhausted,
)
from pubnub.endpoints.presence.heartbeat import Heartbeat
from pubnub.endpoints.presence.leave import Leave
from pubnub.endpoints.pubsub.subscribe import Subscribe
from pubnub.endpoints.time import Time
from pubnub.enums import PNHeartbeatNotificationOptions, PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.pn_error_data import PNErrorData

logger = logging.getLogger("pubnub")

Flow = Generator[Any, Any, None]
LOOP = "subscribe"
HEARTBEAT = "heartbeat"

__all__ = ["HEARTBEAT", "LOOP", "Flow", "LongPoll", "Sleep", "SubscriptionDriver", "SubscriptionManager"]


class SubscriptionDriver(Protocol):
    """How a client runs flows (see the module docstring)."""

    def run_flow(self, key: Optional[str], factory: Callable[[], Flow]) -> None:
        """Cancel the flow running under ``key`` (if any) and run ``factory()`` in its place.

        ``key`` None: a one-off background flow that nothing cancels.
        """

    def cancel_flow(self, key: str) -> None:
        """Stop the flow running under ``key``; its pending step's outcome is discarded.

        May be called from inside that very flow (a listener changing the subscription while
        a batch is dispatched): the driver must then not close the running generator; the
        flow notices the change itself and ends at its next step.
        """


class SubscriptionManager:
    """Subscribed items, the stream cursor, listeners; starts and stops the flows via the driver."""

    HEARTBEAT_IMMEDIATELY = False  # first heartbeat after one interval (the subscribe itself counts)
    # After a 403 on the long-poll: forget the subscription with a leave (4.8.1's native client),
    # or keep it for a reconnect() once access is granted (its Tornado and asyncio clients).
    UNSUBSCRIBE_ALL_WHEN_DENIED = False
    random = staticmethod(random.random)  # where reconnection waits draw their jitter

    def __init__(self, pubnub: ClientContext, driver: SubscriptionDriver) -> None:
        self._pubnub = pubnub
        self._driver = driver
        self._state = SubscriptionState()
        self._listener_manager = ListenerManager(pubnub)
        self.lock = threading.RLock()
        self._epoch = 0
        self._connected_due = False  # a PNConnected status is owed since the last subscribe()
        self._online = False  # the last subscribe request succeeded
        self._recovering = False  # a failure was announced; the next success is a reconnection
        self._heartbeat_token: Optional[object] = None

    # ----- listeners ---------------------------------------------------------------------------
    @property
    def listener_manager(self) -> ListenerManager:
        return self._listener_manager

    def add_listener(self, listener: Any) -> None:
        self._listener_manager.add_listener(listener)

    def remove_listener(self, listener: Any) -> None:
        self._listener_manager.remove_listener(listener)

    # ----- changes requested by the application ------------------------------------------------
    def adapt_subscribe_builder(self, operation: SubscribeOperation) -> None:
        with self.lock:
            self._state.add(operation.channels, operation.channel_groups, operation.presence_enabled)
            if operation.timetoken is not None:
                self._state.timetoken = int(operation.timetoken)
            self._connected_due = True
            self._restart()

    def adapt_unsubscribe_builder(self, operation: UnsubscribeOperation) -> None:
        with self.lock:
            channels, groups = list(operation.channels), list(operation.channel_groups)
            before = (dict(self._state.channels), dict(self._state.groups))
            self._state.remove(channels, groups)
            if self._state.is_empty():
                self._online = self._recovering = False
            if (channels or groups) and not self._pubnub.config.suppress_leave_events:
                self._driver.run_flow(None, lambda: self._locked(self._leave_flow(channels, groups)))
            if before != (self._state.channels, self._state.groups):
                self._restart()  # (leaving items that were not subscribed keeps the long-poll)

    def adapt_state_builder(self, operation: StateOperation) -> None:
        """Remember presence state for the heartbeats (``set_state()`` calls this)."""
        with self.lock:
            self._state.set_state(operation.channels, operation.channel_groups, operation.state)

    def unsubscribe_all(self) -> None:
        with self.lock:
            channels, groups = self._state.channel_names(), self._state.group_names()
            if channels or groups:
                self.adapt_unsubscribe_builder(UnsubscribeOperation(channels, groups))

    def reconnect(self) -> None:
        """Restart the long-poll now (cancelling any wait), continuing from the current cursor."""
        with self.lock:
            self._restart()

    def stop(self) -> None:
        """Stop the long-poll and the heartbeats; the subscription and cursor are kept."""
        with self.lock:
            self._epoch += 1
            self._driver.cancel_flow(LOOP)
            self._stop_heartbeat_timer()

    def close(self, leave: bool) -> None:
        """End the subscription for good: forget every subscribed item (with a leave for them when
        ``leave`` and leave events are not suppressed), then stop the long-poll and heartbeats."""
        with self.lock:
            if leave:
                self.unsubscribe_all()
            else:
                self._state.remove(self._state.channel_names(), self._state.group_names())
                self._online = self._recovering = False
            self.stop()

    def get_subscribed_channels(self) -> List[str]:
        return self._state.channel_names()

    def get_subscribed_channel_groups(self) -> List[str]:
        return self._state.group_names()

    def _stop_heartbeat_timer(self) -> None:
        with self.lock:
            self._heartbeat_token = None
            self._driver.cancel_flow(HEARTBEAT)

    # ----- flow management ---------------------------------------------------------------------
    def _restart(self) -> None:
        self._epoch += 1
        if self._state.is_empty():
            self._driver.cancel_flow(LOOP)
            self._stop_heartbeat_timer()
            return
        self._driver.run_flow(LOOP, lambda: self._locked(self._loop_flow()))
        if self._heartbeat_token is None and self._heartbeat_interval() is not None:
            token = self._heartbeat_token = object()
            self._driver.run_flow(HEARTBEAT, lambda: self._locked(self._heartbeat_flow(token)))

    def _locked(self, flow: Flow) -> Flow:
        """``flow`` advanced under ``lock`` (never held while a step is pending)."""
        reply: Any = None
        try:
            while True:
                with self.lock:
                    try:
                        step = flow.send(reply)
                    except StopIteration:
                        return
                reply = yield step
        finally:
            with self.lock:
                flow.close()

    # ----- the long-poll loop ------------------------------------------------------------------
    def _subscribe_endpoint(self) -> Subscribe:
        state = self._state
        return (Subscribe(self._pubnub).channels(state.subscribe_channels()).channel_groups(state.subscribe_groups())
                .timetoken(state.timetoken).region(state.region)
                .filter_expression(self._pubnub.config.filter_expression))

    def _loop_flow(self) -> Flow:
        epoch = self._epoch
        while epoch == self._epoch and not self._state.is_empty():
            envelope = yield LongPoll(self._subscribe_endpoint())
            if epoch != self._epoch:
                return  # the subscription changed meanwhile: this answer is stale
            status = envelope.status
            if not status.is_error():
                self._on_response(envelope.result, status)
                continue
            if status.category == PNStatusCategory.PNTimeoutCategory:
                logger.debug("Subscribe long-poll timed out on the client: re-issued from the same timetoken")
                continue
            if not self._on_failure(status):
                if status.category == PNStatusCategory.PNAccessDeniedCategory and self.UNSUBSCRIBE_ALL_WHEN_DENIED:
                    self.unsubscribe_all()  # (a leave, its status announced; ends this loop)
                return
            if self._hand_over_reconnection():
                return
            config = self._pubnub.config
            attempts = 0  # reconnection probes in this outage (a failed one is not announced)
            while True:
                delay = reconnection_delay(config.reconnect_policy, attempts, config.reconnection_base_delay,
                                           config.reconnection_max_delay, config.reconnection_jitter, self.random())
                if delay is None:
                    logger.warning("Subscribe failed and reconnect_policy is NONE: call reconnect() to resume")
                    return
                if retries_exhausted(config.maximum_reconnection_retries, attempts):
                    self._give_up(attempts)
                    return
                yield Sleep(delay)
                if epoch != self._epoch:
                    return
                probe = yield Time(self._pubnub)
                if epoch != self._epoch:
                    return
                attempts += 1
                if not probe.status.is_error():
                    # Reconnected as the probe succeeds, as 4.8.1 announced it (not when the resumed
                    # long-poll first answers: on a quiet channel the service holds it for minutes).
                    # A failure after this is a new outage, announced again.
                    self._announce_reconnected()
                    break

    def _hand_over_reconnection(self) -> bool:
        """True when something else than this loop reconnects after the failure just announced
        (the asyncio client's application-installed reconnection manager); the loop then ends."""
        return False

    def _on_response(self, response: Any, status: PNStatus) -> None:
        # The cursor moves before any user code runs: a listener that changes the subscription
        # then resumes after this batch, which it has already received.
        self._state.advance(response.timetoken, response.region)
        self._online = True
        announce = self._listener_manager
        self._announce_reconnected()  # (after reconnect() resumed a failed stream)
        if self._connected_due:
            self._connected_due = False
            status.category = PNStatusCategory.PNConnectedCategory
            announce.announce_status(status)
        pubnub, notify = self._pubnub, announce.notify  # (looked up once: this loop runs per message)
        for raw in response.messages:
            try:
                notifications = notifications_for(pubnub, raw)
            except Exception as e:
                logger.warning("Skipped a malformed message of the subscribe stream (%s: %s)", type(e).__name__, e)
                continue
            for method, event in notifications:
                notify(method, event)

    def _announce_reconnected(self) -> None:
        """``PNReconnectedCategory`` (``error`` False, nothing else set), once per announced failure."""
        if self._recovering:
            self._recovering = False
            reconnected = PNStatus()
            reconnected.category = PNStatusCategory.PNReconnectedCategory
            reconnected.error = False
            self._listener_manager.announce_status(reconnected)

    def _on_failure(self, status: PNStatus) -> bool:
        """Announce a failed long-poll; False when retrying cannot help (400, 403)."""
        category = status.category
        keep_trying = True
        if category == PNStatusCategory.PNAccessDeniedCategory:
            status.operation = PNOperationType.PNUnsubscribeOperation
            keep_trying = False
        elif category == PNStatusCategory.PNBadRequestCategory:
            keep_trying = False
        elif category == PNStatusCategory.PNNetworkIssuesCategory and self._online:
            status.category = PNStatusCategory.PNUnexpectedDisconnectCategory
        self._online = False
        self._recovering = True
        logger.warning("Subscribe failed: %s (HTTP %s)", PNStatusCategory.name_of(status.category), status.status_code)
        self._listener_manager.announce_status(status)
        return keep_trying

    def _give_up(self, attempts: int) -> None:
        text = "gave up reconnecting after %d attempts (maximum_reconnection_retries)" % attempts
        logger.warning("Subscribe %s: call reconnect() to resume", text)
        status = PNStatus()
        status.category = PNStatusCategory.PNDisconnectedCategory
        status.operation = PNOperationType.PNSubscribeOperation
        status.error = True
        exception = PubNubException(pn_error="Reconnection failed", errormsg=text)
        status.error_data = PNErrorData(str(exception), exception)
        status.affected_channels = self._state.subscribe_channels()
        status.affected_groups = self._state.subscribe_groups()
        self._listener_manager.announce_status(status)

    # ----- presence: leave and heartbeats ---------------------------------------------------------
    def _leave_flow(self, channels: List[str], groups: List[str]) -> Flow:
        """Send a leave and announce its status (``PNUnsubscribeOperation``, acknowledgment on success)."""
        envelope = yield Leave(self._pubnub).channels(channels).channel_groups(groups)
        self._listener_manager.announce_status(envelope.status)

    def _heartbeat_interval(self) -> Optional[float]:
        """Seconds between heartbeats, or None when they are off.

        They run while something is subscribed and either ``enable_presence_heartbeat`` is set or
        the presence timeout was changed with ``set_presence_timeout*()`` (a long-poll may then
        outlast the timeout). An interval of 0 or less turns them off.
        """
        config = self._pubnub.config
        if not (config.enable_presence_heartbeat or not config.heartbeat_default_values):
            return None
        interval = config.heartbeat_interval
        if interval is None or interval <= 0:
            return None
        return float(interval)

    def _heartbeat_flow(self, token: object) -> Flow:
        """Every interval, a heartbeat for the subscribed items (with their state).

        ``heartbeat_notification_options``: ALL announces every heartbeat status, FAILURES
        (default) only failed ones, NONE none.
        """
        first = True
        try:
            while self._heartbeat_token is token:
                interval = self._heartbeat_interval()
                if interval is None:
                    return
                if not (first and self.HEARTBEAT_IMMEDIATELY):
                    yield Sleep(interval)
                first = False
                channels, groups, state = self._state.heartbeat_items()
                if self._heartbeat_token is not token or (not channels and not groups):
                    return
                envelope = yield Heartbeat(self._pubnub).channels(channels).channel_groups(groups).state(state or None)
                option = self._pubnub.config.heartbeat_notification_options
                if option == PNHeartbeatNotificationOptions.ALL or (
                        option == PNHeartbeatNotificationOptions.FAILURES and envelope.status.is_error()):
                    self._listener_manager.announce_status(envelope.status)
        finally:
            if self._heartbeat_token is token:
                self._heartbeat_token = None
