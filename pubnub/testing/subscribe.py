"""Subscribe v2 long-poll (CORE §6.1-§6.5).

Layer: test server. ``tt=0`` answers at once with a fresh cursor. ``tt>0`` answers with every
buffered event after ``tt`` on the subscribed channels, groups and ``-pnpres`` channels,
oldest first, at most ``max_messages_per_response`` per answer, the cursor being the last
event examined (so the next request continues without loss or repeats). With nothing to
send the request is parked as a ``Waiter`` on each channel until an event arrives or the
long-poll window ends (then ``m`` is empty and ``t.t`` is the request's ``tt``).

Wake-ups are coalesced: events arriving in the same loop iteration are answered together,
so a burst reaches a waiting subscriber in one response.
"""
from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Set, Tuple

from pubnub.testing.envelopes import subscribe_body
from pubnub.testing.errors import ServiceError, balancer_error
from pubnub.testing.filters import FilterError, Predicate, compile_filter
from pubnub.testing.routing import Pending, Reply, Request, int_arg, parse_json, path_item, path_list, route
from pubnub.testing.store import PRESENCE_SUFFIX, Channel, KeySpace

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

logger = logging.getLogger("pubnub.testing")

Subscription = Tuple[Channel, Optional[str]]  # channel, and the "b" value it is delivered with


def _invalid(name: str) -> ServiceError:
    return balancer_error(400, "Invalid %s" % name)


def resolve(keyspace: KeySpace, channels: List[str], groups: List[str]) -> Tuple[List[Subscription], List[str]]:
    """Subscribed channels with their ``b`` value, and the channel names the uuid is present on."""
    seen: Set[str] = set()
    subscriptions: List[Subscription] = []
    present: List[str] = []
    for name in channels:
        if name not in seen:
            seen.add(name)
            is_presence = name.endswith(PRESENCE_SUFFIX)
            subscriptions.append((keyspace.channel(name), name if is_presence else None))
            if not is_presence:
                present.append(name)
    for group in groups:
        is_presence = group.endswith(PRESENCE_SUFFIX)
        if is_presence:
            members = [m + PRESENCE_SUFFIX for m in keyspace.group_channels(group[:-len(PRESENCE_SUFFIX)])]
        else:
            members = keyspace.group_channels(group)
        for name in members:
            if name not in seen:
                seen.add(name)
                subscriptions.append((keyspace.channel(name), group))
                if not is_presence:
                    present.append(name)
    return subscriptions, present


def collect(subscriptions: List[Subscription], after: int, cap: int, now: float,
            predicate: Optional[Predicate]) -> Tuple[List[str], int]:
    """Envelopes of the events after ``after`` (oldest first, at most ``cap``) and the new cursor."""
    if len(subscriptions) == 1:
        channel, subscription = subscriptions[0]
        events = channel.events_after(after, now)
        if not events:
            return [], after
        if predicate is None and subscription is None:
            events = events[:cap]
            return [event.plain for event in events], events[-1].seq
        pairs = [(event, subscription) for event in events]
    else:
        pairs = [(event, subscription) for channel, subscription in subscriptions
                 for event in channel.events_after(after, now)]
        pairs.sort(key=lambda pair: pair[0].seq)
    messages: List[str] = []
    cursor = after
    for event, subscription in pairs:
        if len(messages) >= cap:
            break
        cursor = event.seq
        if predicate is not None and event.user and not predicate(event.meta, event.publisher):
            continue
        messages.append(event.plain if subscription is None else event.with_subscription(subscription))
    return messages, cursor


class Waiter:
    """A parked long-poll. ``notify()`` is called by the store when one of its channels gets an event."""

    __slots__ = ("channels", "cursor", "done", "future", "groups", "hub", "keyspace", "predicate", "region",
                 "registered", "subscriptions", "timer")

    def __init__(self, hub: "SubscribeHub", keyspace: KeySpace, channels: List[str], groups: List[str],
                 cursor: int, region: int, predicate: Optional[Predicate]) -> None:
        self.hub = hub
        self.keyspace = keyspace
        self.channels = channels
        self.groups = groups
        self.cursor = cursor
        self.region = region
        self.predicate = predicate
        self.subscriptions: List[Subscription] = []
        self.registered: List[Channel] = []
        self.done = False
        self.future: "asyncio.Future[Reply]" = hub.loop.create_future()
        self.timer: Optional[asyncio.TimerHandle] = None

    def notify(self) -> None:
        self.hub.schedule(self)


class SubscribeHub:
    """Parks, wakes and expires subscribe long-polls; owns the loop timers they need."""

    def __init__(self, ctx: "ServerContext", loop: asyncio.AbstractEventLoop) -> None:
        self.ctx = ctx
        self.loop = loop
        self.waiters: Set[Waiter] = set()
        self._pending: Set[Waiter] = set()
        self._scheduled = False
        #: called whenever a long-poll is parked or finished (lets tests wait for subscribers)
        self.on_change: Optional[Callable[[], None]] = None

    def park(self, keyspace: KeySpace, channels: List[str], groups: List[str], subscriptions: List[Subscription],
             cursor: int, region: int, predicate: Optional[Predicate]) -> Pending:
        """Hold a subscribe request until an event arrives on ``subscriptions`` or the window ends."""
        waiter = Waiter(self, keyspace, channels, groups, cursor, region, predicate)
        self._register(waiter, subscriptions)
        waiter.timer = self.loop.call_later(self.ctx.settings.long_poll_seconds, self.expire, waiter)
        self.waiters.add(waiter)
        if self.on_change is not None:
            self.on_change()
        return Pending(waiter.future, lambda: self._finish(waiter, None))

    def _register(self, waiter: Waiter, subscriptions: List[Subscription]) -> None:
        for channel in waiter.registered:
            channel.discard_waiter(waiter)
        waiter.subscriptions = subscriptions
        waiter.registered = [channel for channel, _ in subscriptions]
        for channel in waiter.registered:
            channel.add_waiter(waiter)

    def schedule(self, waiter: Waiter) -> None:
        """Look at ``waiter`` again soon; wake-ups within one loop iteration share one answer."""
        self._pending.add(waiter)
        if not self._scheduled:
            self._scheduled = True
            self.loop.call_soon(self._flush)

    def wake_groups(self, keyspace: KeySpace, groups: List[str]) -> None:
        """Group membership changed: parked waiters on those groups re-resolve their channels."""
        names = set(groups) | {group + PRESENCE_SUFFIX for group in groups}
        for waiter in list(self.waiters):
            if waiter.keyspace is keyspace and names.intersection(waiter.groups):
                self.schedule(waiter)

    def _flush(self) -> None:
        self._scheduled = False
        batch, self._pending = self._pending, set()
        now = self.ctx.store.monotonic()
        for waiter in batch:
            if not waiter.done:
                try:
                    self._wake(waiter, now)
                except Exception:  # one broken waiter must not stall the others
                    logger.exception("subscribe wake-up failed")
                    self.expire(waiter)

    def _wake(self, waiter: Waiter, now: float) -> None:
        if waiter.groups:  # membership may have changed since the poll was parked
            subscriptions, _ = resolve(waiter.keyspace, waiter.channels, waiter.groups)
        else:
            subscriptions = waiter.subscriptions
        messages, cursor = collect(subscriptions, waiter.cursor, self.ctx.settings.max_messages_per_response, now,
                                   waiter.predicate)
        waiter.cursor = cursor
        if messages:
            self._finish(waiter, Reply(200, subscribe_body(cursor, waiter.region, messages)))
        elif waiter.groups:
            self._register(waiter, subscriptions)

    def expire(self, waiter: Waiter) -> None:
        """The window ended: answer ``m: []`` (``t.t`` = the request's tt unless filters skipped events)."""
        self._finish(waiter, Reply(200, subscribe_body(waiter.cursor, waiter.region, [])))

    def _finish(self, waiter: Waiter, reply: Optional[Reply]) -> None:
        if waiter.done:
            return
        waiter.done = True
        self.waiters.discard(waiter)
        if waiter.timer is not None:
            waiter.timer.cancel()
        for channel in waiter.registered:
            channel.discard_waiter(waiter)
        if not waiter.future.done():
            if reply is None:
                waiter.future.cancel()
            else:
                waiter.future.set_result(reply)
        if self.on_change is not None:
            self.on_change()

    def close(self) -> None:
        """Answer every parked long-poll now (server shutdown)."""
        for waiter in list(self.waiters):
            self.expire(waiter)


def _states(request: Request) -> Optional[Dict[str, Any]]:
    text = request.args.get("state")
    if not text:
        return None
    try:
        value = parse_json(text)
    except ValueError:
        raise _invalid("state") from None
    if not isinstance(value, dict):
        raise _invalid("state")
    return value


def handle_subscribe(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Any:
    """``GET /v2/subscribe/{sub}/{channels}/0?tt=&tr=&channel-group=&filter-expr=&heartbeat=``."""
    channels = path_list(match.group(2))
    groups = request.arg_list("channel-group")
    if not channels and not groups:
        raise balancer_error(400, "Invalid channels")
    tt = int_arg(request, "tt", 0, _invalid) or 0
    region = int_arg(request, "tr", None, _invalid)
    if region is None:
        region = ctx.settings.region
    heartbeat = int_arg(request, "heartbeat", None, _invalid)
    expression = request.args.get("filter-expr")
    predicate: Optional[Predicate] = None
    if expression:
        try:
            predicate = compile_filter(expression)
        except FilterError:
            raise balancer_error(400, "Invalid filter expression") from None
    states = _states(request)
    keyspace = ctx.store.keyspace(path_item(match.group(1)))
    subscriptions, present = resolve(keyspace, channels, groups)
    uuid = request.uuid
    if tt == 0:
        cursor = ctx.store.next_timetoken()  # before the join, so the client sees its own join
        ctx.presence.touch(keyspace, uuid, present, heartbeat, states)
        return Reply(200, subscribe_body(cursor, region, []))
    ctx.presence.touch(keyspace, uuid, present, heartbeat, states)
    messages, cursor = collect(subscriptions, tt, ctx.settings.max_messages_per_response, ctx.store.monotonic(),
                               predicate)
    if messages:
        return Reply(200, subscribe_body(cursor, region, messages))
    return ctx.hub.park(keyspace, channels, groups, subscriptions, cursor, region, predicate)


#: Access Manager: see ``pubnub.testing.operations``.
ROUTES = [route("GET", r"^/v2/subscribe/([^/]*)/([^/]*)/([^/]*)$", handle_subscribe, "subscribe")]
