"""pubnub.testing: a local PubNub-compatible server for offline development, tests and benchmarks.

Layer: test server, its own layer: the client never imports it, and it imports from the
client only pure helpers (``pubnub.utils`` signing). Three ways to run it:

* ``python -m pubnub.testing [--host 127.0.0.1] [--port 8090] [--secret-key ...]``;
* in process: ``server = PubNubTestServer(long_poll_seconds=5)``, then ``origin = await
  server.start()`` on the running IOLoop or ``origin = server.start_in_thread()``, and
  ``server.stop()``; point a client at it with ``config.origin = origin`` and ``config.ssl = False``;
* pytest: the ``pubnub_server`` and ``pubnub_config`` fixtures, and ``pubnub_session_server``,
  ``pubnub_session_config`` and ``pubnub_faults`` for one server per session
  (``pubnub.testing.pytest_plugin``).

Faults for testing an application's reconnection logic offline (``pubnub.testing.faults``):
``server.faults.add(Fault("reset", operation="subscribe", count=2))`` (or
``python -m pubnub.testing --fault reset:subscribe:count=2``) adds latency, 5xx answers,
connection resets or stalled requests, on chosen operations or channels, for a count of
requests or a duration.

It serves the 4.x REST API: time, publish/fire/signal, subscribe (with presence, message
action, objects and file events), history, message actions, presence, channel groups, mobile
push registrations, Access Manager v2/v3 (enforced when it has a secret key), Objects v2 and
files (it is its own upload/download storage).

Importing this package is cheap: the server modules load on first use of ``PubNubTestServer``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pubnub.testing.app import PubNubTestServer
    from pubnub.testing.faults import Fault
    from pubnub.testing.settings import ServerSettings

__all__ = ["Fault", "PubNubTestServer", "ServerSettings"]


def __getattr__(name: str) -> Any:
    if name == "PubNubTestServer":
        from pubnub.testing.app import PubNubTestServer
        return PubNubTestServer
    if name == "Fault":
        from pubnub.testing.faults import Fault
        return Fault
    if name == "ServerSettings":
        from pubnub.testing.settings import ServerSettings
        return ServerSettings
    raise AttributeError(name)
