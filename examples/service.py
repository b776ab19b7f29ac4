"""What the examples share: where their clients connect, and a one-line description of a status.

With ``PUBNUB_PUBLISH_KEY`` and ``PUBNUB_SUBSCRIBE_KEY`` in the environment (and optionally
``PUBNUB_ORIGIN``, and ``PUBNUB_SECRET_KEY`` for the Access Manager example) an example talks to
that PubNub service. Otherwise it starts ``pubnub.testing``, the local PubNub-compatible server,
in its own process and talks to that: every example then runs offline.

Tornado and asyncio programs use ``async with local_or_live() as service``; programs built on
the plain client use ``with local_or_live_in_thread() as service`` (the server then runs on a
background thread). Either way ``service.config("alice")`` is a ``PNConfiguration`` ready to use.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from typing import Any, AsyncIterator, Iterator, Optional

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.pnconfiguration import PNConfiguration

#: How long an example waits for anything (a callback, an event) before giving up.
TIMEOUT = 10.0


def describe(status: Any) -> str:
    """One line about a ``PNStatus``: category and operation by name, the HTTP status code."""
    return "%s %s (HTTP %s)" % (PNStatusCategory.name_of(status.category), PNOperationType.name_of(status.operation),
                                status.status_code)


class Service:
    """Where an example's clients connect: the real service or a local server."""

    def __init__(self, origin: Optional[str], ssl: bool, publish_key: str, subscribe_key: str,
                 secret_key: Optional[str], live: bool) -> None:
        self.origin = origin
        self.ssl = ssl
        self.publish_key = publish_key
        self.subscribe_key = subscribe_key
        self.secret_key = secret_key
        self.live = live

    def config(self, uuid: str, *, auth_key: Optional[str] = None, admin: bool = False) -> PNConfiguration:
        """A configuration for the client ``uuid``; ``admin`` adds the secret key (Access Manager)."""
        config = PNConfiguration()
        config.publish_key = self.publish_key
        config.subscribe_key = self.subscribe_key
        if self.origin:
            config.origin = self.origin
        config.ssl = self.ssl
        config.uuid = uuid
        config.auth_key = auth_key
        if admin:
            config.secret_key = self.secret_key
        return config

    def channel(self, name: str) -> str:
        """``name`` locally; on the real service a name of this run only, so that runs never mix."""
        return "%s.%s" % (name, secrets.token_hex(4)) if self.live else name


def _live(access_manager: bool) -> Optional[Service]:
    publish_key, subscribe_key = os.environ.get("PUBNUB_PUBLISH_KEY"), os.environ.get("PUBNUB_SUBSCRIBE_KEY")
    if not (publish_key and subscribe_key):
        return None
    secret_key = os.environ.get("PUBNUB_SECRET_KEY")
    if access_manager and not secret_key:
        raise SystemExit("This example needs PUBNUB_SECRET_KEY too (a keyset with Access Manager enabled).")
    origin = os.environ.get("PUBNUB_ORIGIN")
    print("Using the PubNub service at %s" % (origin or "ps.pndsn.com"))
    return Service(origin, True, publish_key, subscribe_key, secret_key, live=True)


def _local(server: Any, origin: str) -> Service:
    print("No PUBNUB_PUBLISH_KEY/PUBNUB_SUBSCRIBE_KEY set: using a local PubNub-compatible server at %s" % origin)
    return Service(origin, False, "demo", "demo", server.settings.secret_key, live=False)


def _local_server(access_manager: bool) -> Any:
    from pubnub.testing import PubNubTestServer

    # A short long-poll window lets the example's last long-poll end quickly once it is done.
    return PubNubTestServer(secret_key=secrets.token_hex(16) if access_manager else None, long_poll_seconds=5)


@contextlib.asynccontextmanager
async def local_or_live(access_manager: bool = False) -> AsyncIterator[Service]:
    """The real service, or a local server on the running loop (stopped on exit).

    ``access_manager``: the local server enforces Access Manager with a secret key of its own.
    """
    live = _live(access_manager)
    if live is not None:
        yield live
        return
    server = _local_server(access_manager)
    origin = await server.start()
    try:
        yield _local(server, origin)
    finally:
        await server.aclose()


@contextlib.contextmanager
def local_or_live_in_thread(access_manager: bool = False) -> Iterator[Service]:
    """The real service, or a local server on a background thread (stopped on exit)."""
    live = _live(access_manager)
    if live is not None:
        yield live
        return
    server = _local_server(access_manager)
    origin = server.start_in_thread()
    try:
        yield _local(server, origin)
    finally:
        server.stop()
