"""Pytest fixtures for the local PubNub-compatible server (registered as a ``pytest11`` plugin).

Layer: test server (pytest glue). Importing this module must stay cheap and side-effect
free: it is loaded by every pytest run in an environment where ``pubnub`` is installed, so
the server and client modules are imported inside the fixtures only.

* ``pubnub_server``: a server running on its own IOLoop thread (short long-poll window),
  stopped after the test; ``pubnub_server.origin`` is ``"127.0.0.1:<port>"``.
* ``pubnub_config``: a ``PNConfiguration`` pointing at it (``ssl=False``, demo keys, a uuid).
* ``pubnub_session_server``: one server for the whole session (started when a test first asks
  for it, stopped at the end), for suites where a server per test costs too much. What tests
  store on it (messages, presence, objects ...) stays for the next ones: give each test
  channels of its own (e.g. named after ``request.node.name``).
* ``pubnub_session_config``: a ``PNConfiguration`` pointing at the session server (a fresh uuid
  per test).
* ``pubnub_faults``: the session server's faults (``pubnub.testing.faults.Faults``), cleared
  when the test ends, so that a fault one test adds never reaches the next::

      def test_publish_retries(pubnub_session_config, pubnub_faults):
          pubnub_faults.add("5xx", operation="publish", status=503, count=1)
          ...

  A test that adds faults through ``pubnub_session_server.faults`` without asking for
  ``pubnub_faults`` must remove them itself (``handle.remove()``, or ``with faults.add(...):``).
  With ``pubnub_server``, use ``pubnub_server.faults``: that server ends with the test.
"""
from __future__ import annotations

import uuid as _uuid
from typing import Any, Iterator

import pytest


def _start() -> Any:
    from pubnub.testing.app import PubNubTestServer

    server = PubNubTestServer(long_poll_seconds=2.0)
    server.start_in_thread()
    return server


def _config(server: Any) -> Any:
    from pubnub.pnconfiguration import PNConfiguration

    config = PNConfiguration()
    config.origin = server.origin
    config.ssl = False
    config.publish_key = "demo"
    config.subscribe_key = "demo"
    config.uuid = "pytest-%s" % _uuid.uuid4().hex[:12]
    return config


def _serving() -> Iterator[Any]:
    """A started server, stopped when the fixture that yields it from here ends."""
    server = _start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pubnub_server() -> Iterator[Any]:
    """A started ``PubNubTestServer`` (threaded) for one test."""
    yield from _serving()


@pytest.fixture
def pubnub_config(pubnub_server: Any) -> Any:
    """A ``PNConfiguration`` for ``pubnub_server``: plain HTTP, demo keys, a fresh uuid."""
    return _config(pubnub_server)


@pytest.fixture(scope="session")
def pubnub_session_server() -> Iterator[Any]:
    """One started ``PubNubTestServer`` (threaded) for the whole test session."""
    yield from _serving()


@pytest.fixture
def pubnub_session_config(pubnub_session_server: Any) -> Any:
    """A ``PNConfiguration`` for ``pubnub_session_server``: plain HTTP, demo keys, a fresh uuid."""
    return _config(pubnub_session_server)


@pytest.fixture
def pubnub_faults(pubnub_session_server: Any) -> Iterator[Any]:
    """The session server's ``Faults``; every fault is removed when the test ends."""
    faults = pubnub_session_server.faults
    faults.clear()
    try:
        yield faults
    finally:
        faults.clear()
