"""Pytest fixtures for the local PubNub-compatible server (registered as a ``pytest11`` plugin).

Layer: test server (pytest glue). Importing this module must stay cheap and side-effect
free: it is loaded by every pytest run in an environment where ``pubnub`` is installed, so
the server and client modules are imported inside the fixtures only.

* ``pubnub_server``: a server running on its own IOLoop thread (short long-poll window),
  stopped after the test; ``pubnub_server.origin`` is ``"127.0.0.1:<port>"``.
* ``pubnub_config``: a ``PNConfiguration`` pointing at it (``ssl=False``, demo keys, a uuid).
"""
from __future__ import annotations

import uuid as _uuid
from typing import Any, Iterator

import pytest


@pytest.fixture
def pubnub_server() -> Iterator[Any]:
    """A started ``PubNubTestServer`` (threaded) for one test."""
    from pubnub.testing.app import PubNubTestServer

    server = PubNubTestServer(long_poll_seconds=2.0)
    server.start_in_thread()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pubnub_config(pubnub_server: Any) -> Any:
    """A ``PNConfiguration`` for ``pubnub_server``: plain HTTP, demo keys, a fresh uuid."""
    from pubnub.pnconfiguration import PNConfiguration

    config = PNConfiguration()
    config.origin = pubnub_server.origin
    config.ssl = False
    config.publish_key = "demo"
    config.subscribe_key = "demo"
    config.uuid = "pytest-%s" % _uuid.uuid4().hex[:12]
    return config
