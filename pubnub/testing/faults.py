"""Fault injection of the test server: latency, 5xx answers, connection resets and stalled requests.

Layer: test server. Pure and thread-safe: no I/O, no Tornado; the clock is injectable. The
dispatcher (``pubnub.testing.app``) asks ``Faults.match`` which fault, if any, hits a request
and turns it into an answer; the HTTP layer resets the connection for ``reset``.

A ``Fault`` says what goes wrong (``kind``), for which requests (``operation``, ``channel``) and
for how long (``count`` requests, ``duration`` seconds, or until removed):

* ``latency``: the request is handled ``delay`` seconds after it arrived (so its answer comes
  at least that late; a publish is stored only then);
* ``5xx``: answered with ``status`` (500-599, default 503) and an error body in the shape of the
  operation's service family (publish: ``[0,"Service Unavailable","<tt>"]``, presence, history,
  Objects ... their own error objects, subscribe and time the balancer's), without being handled;
* ``reset``: no answer at all: the connection is closed with a TCP reset (RST);
* ``stall``: no answer: the request is held until the client gives up (its own timeout) or the
  server stops; nothing is handled.

``operation`` is a route name (``publish``, ``signal``, ``subscribe``, ``time``, ``history``,
``fetch-messages``, ``here-now``, ``heartbeat`` ... every name of ``OPERATIONS``) or a family
(``presence``, ``storage``, ``message-actions``, ``channel-groups``, ``mobile-push``,
``objects``, ``files``, ``access-manager``); None (``*`` on the command line) is every request.
``channel`` narrows it to requests naming that channel (in the path or, for mobile push, the
channel list); a subscribe to several channels matches when one of them is ``channel``.

When several faults match a request, the one added first applies; each request is hit by one
fault at most, and only a request that a fault hits counts against its ``count``.

The same fault as a command-line spec (``--fault``, ``Fault.parse``, ``str(fault)``)::

    KIND[:OPERATION][:NAME=VALUE[,NAME=VALUE...]]

    reset:subscribe:count=2                    the next two subscribe requests are reset
    5xx:publish:status=503,channel=orders,count=3
    latency:*:delay=0.5,duration=30            every request, half a second late, for 30 s
    stall:subscribe:count=1
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, fields
from http.client import responses
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

from pubnub.testing import errors
from pubnub.testing.operations import OPERATIONS

LATENCY, SERVER_ERROR, RESET, STALL = "latency", "5xx", "reset", "stall"
KINDS = (LATENCY, SERVER_ERROR, RESET, STALL)

#: family name -> the route names it covers (``operation=`` takes either)
FAMILIES: Dict[str, Tuple[str, ...]] = {
    "presence": ("here-now", "global-here-now", "where-now", "get-state", "set-state", "heartbeat", "leave"),
    "storage": ("history", "fetch-messages", "history-with-actions", "message-counts", "delete-messages"),
    "message-actions": ("get-message-actions", "add-message-action", "remove-message-action"),
    "channel-groups": ("channel-group", "remove-channel-group"),
    "mobile-push": ("push", "push-remove-device"),
    "objects": ("get-all-metadata", "get-uuid-metadata", "set-uuid-metadata", "remove-uuid-metadata",
                "get-memberships", "manage-memberships", "get-channel-metadata", "set-channel-metadata",
                "remove-channel-metadata", "get-channel-members", "manage-channel-members"),
    "files": ("generate-upload-url", "publish-file-message", "list-files", "get-file-url", "delete-file",
              "file-upload", "file-download"),
    "access-manager": ("grant", "audit", "grant-token"),
}
#: route name -> its family ("" for publish, signal, subscribe and time)
FAMILY_OF: Dict[str, str] = {name: family for family, names in FAMILIES.items() for name in names}


@dataclass(frozen=True)
class Fault:
    """What goes wrong, for which requests, for how long (see the module docstring).

    ``count``: the next ``count`` matching requests; ``duration``: every matching request for
    ``duration`` seconds from when the fault is added; both: whichever ends first; neither:
    until removed. ``status`` is for ``5xx``, ``delay`` (seconds, > 0) for ``latency``.
    """

    kind: str
    operation: Optional[str] = None
    channel: Optional[str] = None
    count: Optional[int] = None
    duration: Optional[float] = None
    status: int = 503
    delay: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError("fault kind: one of %s, not %r" % (", ".join(KINDS), self.kind))
        if self.operation is not None and self.operation not in OPERATIONS and self.operation not in FAMILIES:
            raise ValueError("fault operation: a route name (%s) or a family (%s), not %r"
                             % (", ".join(sorted(OPERATIONS)), ", ".join(FAMILIES), self.operation))
        if self.channel is not None and (not isinstance(self.channel, str) or not self.channel):
            raise ValueError("fault channel: a channel name, not %r" % (self.channel,))
        if self.count is not None and (isinstance(self.count, bool) or not isinstance(self.count, int)
                                       or self.count < 1):
            raise ValueError("fault count: a whole number of requests (1 or more), not %r" % (self.count,))
        if self.duration is not None and not _positive(self.duration):
            raise ValueError("fault duration: seconds (more than 0), not %r" % (self.duration,))
        if isinstance(self.status, bool) or not isinstance(self.status, int) or not 500 <= self.status <= 599:
            raise ValueError("fault status: 500 to 599, not %r" % (self.status,))
        if self.kind == LATENCY:
            if not _positive(self.delay):
                raise ValueError("a latency fault needs delay=SECONDS (more than 0), not %r" % (self.delay,))
        elif self.delay:
            raise ValueError("delay is for latency faults only")

    def applies_to(self, route: str) -> bool:
        """Whether requests of the route named ``route`` are this fault's (channels aside)."""
        operation = self.operation
        return operation is None or operation == route or operation == FAMILY_OF.get(route)

    @classmethod
    def parse(cls, spec: str) -> "Fault":
        """A fault from its command-line form ``KIND[:OPERATION][:NAME=VALUE[,...]]`` (``ValueError``)."""
        parts = spec.strip().split(":", 2)
        kind = parts[0]
        operation: Optional[str] = None
        options = ""
        if len(parts) > 1:
            if len(parts) == 2 and "=" in parts[1]:
                options = parts[1]  # KIND:NAME=VALUE: every operation
            else:
                operation = parts[1] if parts[1] not in ("", "*") else None
                options = parts[2] if len(parts) > 2 else ""
        values: Dict[str, Any] = {}
        for item in options.split(",") if options else ():
            name, equals, value = item.partition("=")
            name = name.strip()
            if not equals or name not in _OPTION_TYPES:
                raise ValueError("fault option: NAME=VALUE with NAME one of %s, not %r"
                                 % (", ".join(_OPTION_TYPES), item))
            if name in values:
                raise ValueError("fault option %s given twice" % name)
            try:
                values[name] = _OPTION_TYPES[name](value.strip())
            except ValueError:
                raise ValueError("fault option %s: not a valid value: %r" % (name, value)) from None
        return cls(kind, operation, **values)

    def __str__(self) -> str:
        options = ["%s=%s" % (item.name, getattr(self, item.name)) for item in fields(self)
                   if item.name not in ("kind", "operation") and getattr(self, item.name) != item.default]
        return "%s:%s%s" % (self.kind, self.operation or "*", ":" + ",".join(options) if options else "")


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < float("inf")


_OPTION_TYPES: Dict[str, Callable[[str], Any]] = {"channel": str, "count": int, "duration": float, "status": int,
                                                  "delay": float}


class FaultHandle:
    """A fault in force: ``hits`` (requests it hit so far), ``active``, ``remove()``, ``wait()``.

    As a context manager it removes the fault on exit.
    """

    def __init__(self, table: "Faults", fault: Fault, expires: float) -> None:
        self.fault = fault
        self.hits = 0
        self._table = table
        self._expires = expires
        self._removed = False

    @property
    def active(self) -> bool:
        """True until the fault is removed, used up (``count``) or over (``duration``)."""
        with self._table._lock:
            return not self._removed and self._table.clock() < self._expires

    def remove(self) -> None:
        """End the fault now (nothing happens when it has already ended)."""
        self._table.remove(self)

    def wait(self, hits: Optional[int] = None, timeout: float = 5.0) -> bool:
        """Block until the fault has hit ``hits`` requests (default: its ``count``, else 1); False on timeout.

        For a server started with ``start_in_thread()``: it must not block the server's own loop.
        """
        wanted = hits if hits is not None else (self.fault.count or 1)
        with self._table._lock:
            return self._table._lock.wait_for(lambda: self.hits >= wanted, timeout)

    def __enter__(self) -> "FaultHandle":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.remove()

    def __repr__(self) -> str:
        return "<FaultHandle %s hits=%d%s>" % (self.fault, self.hits, "" if self._removed else " in force")


class Faults:
    """The faults in force on one server; safe to change from any thread while it serves.

    ``rules`` is read without the lock by the dispatcher, only to test whether it is empty: that
    one test is all a request costs while no fault is in force.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        #: monotonic seconds, for ``duration`` (tests inject one)
        self.clock = clock
        self._lock = threading.Condition()
        self.rules: List[FaultHandle] = []

    def add(self, fault: Union[Fault, str], **options: Any) -> FaultHandle:
        """Put a fault in force; returns its handle.

        ``add(Fault("reset", operation="subscribe", count=2))``, ``add("reset", operation="subscribe",
        count=2)`` (a kind and ``Fault`` fields) and ``add("reset:subscribe:count=2")`` (a spec) are one.
        """
        if isinstance(fault, str):
            fault = Fault(fault, **options) if options else Fault.parse(fault)
        elif options:
            raise TypeError("add(Fault(...)) takes no other arguments")
        with self._lock:
            expires = self.clock() + fault.duration if fault.duration is not None else float("inf")
            handle = FaultHandle(self, fault, expires)
            self.rules.append(handle)
        return handle

    def remove(self, handle: FaultHandle) -> None:
        with self._lock:
            self._drop(handle)

    def clear(self) -> None:
        """Remove every fault."""
        with self._lock:
            for handle in list(self.rules):
                self._drop(handle)

    def _drop(self, handle: FaultHandle) -> None:
        handle._removed = True
        if handle in self.rules:
            self.rules.remove(handle)
        self._lock.notify_all()

    @property
    def handles(self) -> List[FaultHandle]:
        """The faults in force, oldest first."""
        with self._lock:
            self._expire(self.clock())
            return list(self.rules)

    def __len__(self) -> int:
        return len(self.handles)

    def __iter__(self) -> Iterator[FaultHandle]:
        return iter(self.handles)

    def _expire(self, now: float) -> None:
        for handle in [h for h in self.rules if h._expires <= now]:
            self._drop(handle)

    def match(self, route: str, channels: Callable[[], List[str]]) -> Optional[Fault]:
        """The fault that hits a request of ``route`` (``channels()``: the channels it names), counted; or None."""
        with self._lock:
            self._expire(self.clock())
            named: Optional[List[str]] = None
            for handle in self.rules:
                fault = handle.fault
                if not fault.applies_to(route):
                    continue
                if fault.channel is not None:
                    if named is None:
                        named = channels()
                    if fault.channel not in named:
                        continue
                handle.hits += 1
                if fault.count is not None and handle.hits >= fault.count:
                    self._drop(handle)
                self._lock.notify_all()
                return fault
        return None


def error_answer(route: str, status: int, timetoken: Callable[[], int]) -> errors.ServiceError:
    """A ``5xx`` fault's answer: ``status`` with the error body of ``route``'s service family (the
    service's 5xx bodies were not recorded: each family's recorded error shape carries the reason)."""
    reason = responses.get(status, "Server Error")
    family = FAMILY_OF.get(route, "")
    if route in ("publish", "signal", "publish-file-message"):
        return errors.publish_error(reason, timetoken(), status)
    if route in ("file-upload", "file-download"):
        return errors.storage_error(status, reason.replace(" ", ""), reason)
    builder = _FAMILY_ERRORS.get(family)
    if builder is not None:
        return builder(reason, status)
    if family == "access-manager":
        return errors.access_manager_error(status, reason)
    return errors.balancer_error(status, reason)  # subscribe, time


_FAMILY_ERRORS: Dict[str, Callable[[str, int], errors.ServiceError]] = {
    "presence": errors.presence_error, "storage": errors.history_error, "message-actions": errors.actions_error,
    "channel-groups": errors.channel_registry_error, "mobile-push": errors.push_error,
    "objects": errors.objects_error, "files": errors.files_error,
}
