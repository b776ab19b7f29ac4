"""Request dispatching for the test server: route lookup, fault injection, key and Access
Manager checks, then the route's handler.

Layer: test server (no sockets: ``pubnub.testing.http1`` calls a ``Dispatcher`` with the method,
target, body and headers of each request and writes what it returns).
"""
from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Set, Tuple, Union

from pubnub.testing import access
from pubnub.testing.errors import (
    ServiceError,
    balancer_error,
    forbidden,
    internal_error,
    invalid_subscribe_key,
    method_not_allowed,
    not_found,
    publish_error,
)
from pubnub.testing.faults import RESET, SERVER_ERROR, STALL, Fault, Faults, error_answer
from pubnub.testing.operations import OPERATIONS
from pubnub.testing.permissions import CHANNEL, Needs
from pubnub.testing.routing import Pending, Reply, Request, ResetConnection, Route, path_item
from pubnub.testing.signing import is_fresh, is_signed_correctly

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

logger = logging.getLogger("pubnub.testing")


class Router:
    """Routes bucketed by their first path segment, tried in order."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self._buckets: Dict[str, List[Route]] = {}
        for item in routes:
            first = item.pattern.pattern.lstrip("^/").split("/", 1)[0]
            self._buckets.setdefault(first, []).append(item)

    def find(self, method: str, path: str) -> Tuple[Route, "Any"]:
        """The route and match for a request; ``ServiceError`` 404/405 when there is none."""
        first = path[1:].split("/", 1)[0]
        wrong_method = False
        for candidate in self._buckets.get(first, ()):
            match = candidate.pattern.match(path)
            if match is not None:
                if method in candidate.methods:
                    return candidate, match
                wrong_method = True
        raise method_not_allowed() if wrong_method else not_found()


class Dispatcher:
    """Turns one request into a ``Reply`` (or a ``Pending`` long-poll) and names its route."""

    def __init__(self, ctx: ServerContext, routes: Iterable[Route], faults: Optional[Faults] = None) -> None:
        self.ctx = ctx
        self.faults = faults if faults is not None else Faults()
        #: the faults in force (the table's own list): empty, a request costs one truth test
        self.fault_rules = self.faults.rules
        routes = list(routes)
        self.router = Router(routes)
        #: what each route needs from Access Manager, by route name (the one table)
        self.operations: Dict[str, Optional[Needs]] = {item.name: OPERATIONS[item.name] for item in routes}
        self.secret_key = ctx.settings.secret_key
        #: with ``ServerSettings.keys``: publish key -> its subscribe keys, subscribe key -> its
        #: (first) publish key; None when every key is accepted (no check at all then)
        self.known_pub: Optional[Dict[str, Set[str]]] = None
        self.known_sub: Optional[Dict[str, str]] = None
        if ctx.settings.keys is not None:
            self.known_pub, self.known_sub = known_keys(ctx.settings.keys)

    def __call__(self, method: str, target: str, body: bytes, headers: Optional[Dict[str, str]] = None,
                 faultless: bool = False) -> Tuple[Union[Reply, Pending], str]:
        if target.startswith(("http://", "https://")):  # absolute-form request target
            target = "/" + target.split("/", 3)[3] if target.count("/") >= 3 else "/"
        path, _, query = target.partition("?")
        request = Request(method, path, query, body, headers)
        name = "unknown"
        try:
            found, match = self.router.find(method, path)
            name = found.name
            if self.fault_rules and not faultless:
                fault = self.faults.match(name, lambda: self._channels(found, request, match))
                if fault is not None:
                    return self._disrupt(fault, name, (method, target, body, headers)), name
            if self.known_sub is not None:
                self._check_keys(found, match)
            if self.secret_key is not None:
                self._authorize(found, request, match)
            return found.handler(self.ctx, request, match), name
        except ServiceError as e:
            return Reply(e.status, e.body, e.headers), name
        except ValueError:  # undecodable percent-escapes and the like (UnicodeDecodeError included)
            error = balancer_error(400, "Invalid Arguments")
        except Exception:
            logger.exception("unexpected error in %s %s", method, name)
            error = internal_error()
        return Reply(error.status, error.body), name

    def _channels(self, found: Route, request: Request, match: Any) -> List[str]:
        """The channels a request names (for faults narrowed to a channel)."""
        needs = self.operations[found.name]
        if needs is None:
            return []
        return [need.name for need in needs(request, match)[1] if need.kind == CHANNEL]

    def _disrupt(self, fault: Fault, name: str, call: Tuple[str, str, bytes, Optional[Dict[str, str]]]
                 ) -> Union[Reply, Pending]:
        """The answer (or lack of one) of a request that ``fault`` hits; ``call`` = this call's arguments."""
        if fault.kind == SERVER_ERROR:
            error = error_answer(name, fault.status, self.ctx.store.next_timetoken)
            return Reply(error.status, error.body, error.headers)
        future: "asyncio.Future[Reply]" = asyncio.get_running_loop().create_future()
        if fault.kind == RESET:
            future.set_exception(ResetConnection())
            return Pending(future, _nothing)
        if fault.kind == STALL:  # held until the client goes away (or the server stops)
            def release() -> None:
                future.cancel()
            return Pending(future, release)
        return self._delayed(future, fault.delay, call)

    def _delayed(self, future: "asyncio.Future[Reply]", delay: float,
                 call: Tuple[str, str, bytes, Optional[Dict[str, str]]]) -> Pending:
        """A latency fault: the request is handled ``delay`` seconds from now; ``future`` gets its answer."""
        inner: List[Pending] = []

        def handle() -> None:
            if future.done():
                return
            result, _ = self(*call, faultless=True)
            if isinstance(result, Reply):
                future.set_result(result)
                return
            inner.append(result)  # a long-poll: its answer, whenever it comes, is this one's
            result.future.add_done_callback(forward)

        def forward(done: "asyncio.Future[Reply]") -> None:
            if future.done():
                return
            if done.cancelled():
                future.cancel()
            elif done.exception() is not None:
                future.set_exception(done.exception())  # type: ignore[arg-type]
            else:
                future.set_result(done.result())

        timer = asyncio.get_running_loop().call_later(delay, handle)

        def cancel() -> None:
            timer.cancel()
            for pending in inner:
                pending.cancel()
            future.cancel()
        return Pending(future, cancel)

    def _check_keys(self, found: Route, match: Any) -> None:
        """With known keys: the service's invalid-key answer for any other key."""
        pub_group, sub_group = found.keys
        if not sub_group:
            return
        sub_key = path_item(match.group(sub_group))
        if pub_group:
            subs = self.known_pub.get(path_item(match.group(pub_group))) if self.known_pub else None
            if subs is None:
                raise publish_error("Invalid Key", self.ctx.store.next_timetoken())
            if sub_key not in subs:
                raise invalid_subscribe_key()
        elif sub_key not in (self.known_sub or ()):
            raise found.invalid_key() if found.invalid_key is not None else invalid_subscribe_key()

    def _authorize(self, found: Route, request: Request, match: Any) -> None:
        """With a secret key: a signed request must be signed correctly, with a ``timestamp`` within
        ``signature_window_seconds`` of the server's wall clock, and may then do anything; an
        unsigned one may not use admin routes and needs Access Manager's permission elsewhere."""
        if "signature" in request.raw_args:
            publish_key = self.ctx.settings.publish_key
            if self.known_sub is not None and found.keys[1]:
                publish_key = self.known_sub.get(path_item(match.group(found.keys[1])), publish_key)
            if not is_signed_correctly(request, self.secret_key or "", publish_key):
                raise forbidden()
            if not is_fresh(request, self.ctx.store.wall_clock(), self.ctx.settings.signature_window_seconds):
                raise forbidden()  # a signed URL captured earlier cannot be replayed
        else:
            needs = self.operations[found.name]
            if needs is None:
                raise forbidden()
            access.enforce(self.ctx, needs, found.denied or forbidden, request, match)


def _nothing() -> None:
    pass


def known_keys(pairs: Iterable[Tuple[str, str]]) -> Tuple[Dict[str, Set[str]], Dict[str, str]]:
    """Index ``ServerSettings.keys``: publish key -> subscribe keys, subscribe key -> publish key."""
    by_pub: Dict[str, Set[str]] = {}
    by_sub: Dict[str, str] = {}
    for pair in pairs:
        if isinstance(pair, str) or len(pair) != 2 or not all(isinstance(key, str) and key for key in pair):
            raise ValueError("keys: (publish key, subscribe key) pairs of non-empty strings, not %r" % (pair,))
        pub, sub = pair
        by_pub.setdefault(pub, set()).add(sub)
        by_sub.setdefault(sub, pub)
    return by_pub, by_sub
