"""Subscribe on PubNubTornado, replayed from fixtures/tornado/subscribe/: the request shapes of a
handshake and a long-poll, listener dispatch on the IOLoop, and a 403 that ends the loop."""
from __future__ import annotations

import asyncio
from typing import Any, Callable, List, Tuple

import pytest

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.pubnub_tornado import PubNubTornado

from ._support import replay


class Recorder(SubscribeCallback):
    """Keeps every event in order; resolves ``denied`` on the access-denied status."""

    def __init__(self, denied: "asyncio.Future[Any]") -> None:
        self.events: List[Tuple[str, Any]] = []
        self.denied = denied

    def status(self, pubnub: Any, status: Any) -> None:
        self.events.append(("status", status))
        if status.category == PNStatusCategory.PNAccessDeniedCategory and not self.denied.done():
            self.denied.set_result(status)

    def message(self, pubnub: Any, message: Any) -> None:
        self.events.append(("message", message))

    def presence(self, pubnub: Any, presence: Any) -> None:
        self.events.append(("presence", presence))


@pytest.mark.gen_test
async def test_subscribe_replayed_until_access_is_denied(make_pubnub: Callable[..., PubNubTornado]) -> None:
    pubnub = make_pubnub()
    recorder = Recorder(asyncio.get_running_loop().create_future())
    pubnub.add_listener(recorder)
    with replay("subscribe/handshake_message_denied.yaml") as cassette:
        pubnub.subscribe().channels("ch1").with_presence().execute()
        denied = await asyncio.wait_for(recorder.denied, 5)
    assert [kind for kind, _ in recorder.events] == ["status", "presence", "message", "status"]
    connected = recorder.events[0][1]
    assert connected.category == PNStatusCategory.PNConnectedCategory
    assert connected.affected_channels == ["ch1", "ch1-pnpres"]
    join, message = recorder.events[1][1], recorder.events[2][1]
    assert (join.event, join.uuid, join.occupancy, join.channel) == ("join", "test-uuid", 1, "ch1")
    assert (message.channel, message.message, message.timetoken, message.publisher) == (
        "ch1", "hey", 14818869633015166, "18aa1154-a3bd-4e71-994d-8685b56eeecc")
    assert denied.operation == PNOperationType.PNUnsubscribeOperation and denied.status_code == 403
    assert [request.uri.split("?")[1].split("&")[0] for request in cassette.requests] == [
        "tt=0", "tt=14818869631121257", "tt=14818869633017084"]
    pubnub.stop()
