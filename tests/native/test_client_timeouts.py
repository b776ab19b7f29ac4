"""A long-poll that times out on the client is routine: the plain client re-issues it, forever, silently.

The local server holds idle long-polls for ten minutes (the real service: about 280 s) while
``subscribe_request_timeout`` is 1 s, so every long-poll ends in a client-side read timeout.
4.8.1 restarted the long-poll after each one from the same cursor and announced nothing.
"""
from __future__ import annotations

import threading
from typing import List

from subscribe.conftest import make_config

from pubnub._http import HttpRequest, HttpResponse
from pubnub._transport.requests import RequestsTransport
from pubnub.enums import PNReconnectionPolicy, PNStatusCategory
from pubnub.exceptions import PNTimeoutError
from pubnub.pubnub import PubNub

TIMEOUTS = 10


class CountingTransport(RequestsTransport):
    """A RequestsTransport that counts the subscribe long-polls that timed out on the client."""

    def __init__(self) -> None:
        super().__init__()
        self.timed_out: List[str] = []  # the tt of each long-poll that timed out
        self._changed = threading.Condition()

    def send(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().send(request)
        except PNTimeoutError:
            if "/v2/subscribe/" in request.url:
                with self._changed:
                    self.timed_out.append(request.url.split("tt=")[1].split("&")[0])
                    self._changed.notify_all()
            raise

    def wait_for_timeouts(self, count: int, timeout: float) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.timed_out) >= count, timeout), self.timed_out


def test_long_poll_timeouts_are_reissued_until_a_message_comes(threaded_server, recorder):
    idle_server = threaded_server(long_poll_seconds=600)
    transport = CountingTransport()
    config = make_config(idle_server.origin, subscribe_key="demo", publish_key="demo",
                         subscribe_request_timeout=1, reconnect_policy=PNReconnectionPolicy.NONE)
    pubnub = PubNub(config, transport=transport)
    pubnub.add_listener(recorder)
    try:
        pubnub.subscribe().channels("idle").execute()
        recorder.wait_for_status(PNStatusCategory.PNConnectedCategory, timeout=5)
        transport.wait_for_timeouts(TIMEOUTS, timeout=TIMEOUTS * 2 + 5)
        sent = pubnub.publish().channel("idle").message({"after": len(transport.timed_out)}).sync().result
        received = recorder.wait_for(lambda: recorder.of("message"), timeout=5)
        # A later long-poll must not bring it again: wait for one more timeout after it arrived.
        transport.wait_for_timeouts(len(transport.timed_out) + 1, timeout=5)
    finally:
        pubnub.stop()
        assert pubnub._subscription_manager._driver.join(5), "subscription threads still running"

    assert [m.timetoken for m in recorder.of("message")] == [sent.timetoken]
    assert received[0].message["after"] >= TIMEOUTS
    # Every timed-out long-poll asked from the same cursor (the handshake's), and nothing but the
    # connection was announced.
    assert len(set(transport.timed_out[:TIMEOUTS])) == 1 and transport.timed_out[0] != "0"
    statuses = recorder.of("status")
    assert [s.category for s in statuses] == [PNStatusCategory.PNConnectedCategory]
    assert not any(s.is_error() for s in statuses)
