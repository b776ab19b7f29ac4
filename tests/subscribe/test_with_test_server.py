"""PubNubTornado against the project's PubNub-compatible server (``pubnub.testing``)."""
from __future__ import annotations

import asyncio
from typing import Any, Iterator

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pubnub_tornado import SubscribeListener
from pubnub.testing import PubNubTestServer

C = PNStatusCategory
KEYS = {"publish_key": "demo", "subscribe_key": "demo"}


@pytest.fixture
def server(clients: Any) -> Iterator[Any]:
    """Stopped before the clients are closed: its parked long-polls are answered first."""
    running = PubNubTestServer(long_poll_seconds=1.0)
    running.start_in_thread()
    yield running
    running.stop()


@pytest.mark.gen_test
async def test_messages_signals_actions_and_presence(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)
    listener.subscribe().channels("room").with_presence().execute()
    await recorder.connected()
    await recorder.wait_for(lambda: [p for p in recorder.of("presence") if p.uuid == "listener"])

    talker_listener = SubscribeListener()
    talker.add_listener(talker_listener)
    talker.subscribe().channels("room").execute()
    await asyncio.wait_for(talker_listener.wait_for_connect(), 3)
    joined = await recorder.wait_for(lambda: [p for p in recorder.of("presence") if p.uuid == "talker"])
    assert (joined[0].event, joined[0].channel, joined[0].occupancy) == ("join", "room", 2)

    sent = await talker.publish().channel("room").message({"text": "hi"}).meta({"lang": "en"}).future()
    await talker.signal().channel("room").message("typing").future()
    action = PNMessageAction()
    action.type, action.value, action.message_timetoken = "reaction", "smile", str(sent.result.timetoken)
    added = await talker.add_message_action().channel("room").message_action(action).future()
    await talker.remove_message_action().channel("room").message_timetoken(sent.result.timetoken) \
        .action_timetoken(added.result.action_timetoken).future()
    await recorder.wait_for(lambda: len(recorder.of("message_action")) == 2)
    message = recorder.of("message")[0]
    assert (message.message, message.user_metadata, message.publisher) == ({"text": "hi"}, {"lang": "en"}, "talker")
    assert message.timetoken == sent.result.timetoken
    assert recorder.of("signal")[0].message == "typing"
    assert [(a.event, a.uuid, a.value) for a in recorder.of("message_action")] == [
        ("added", "talker", "smile"), ("removed", "talker", "smile")]

    talker.unsubscribe().channels("room").execute()
    await asyncio.wait_for(talker_listener.wait_for_disconnect(), 3)
    left = await recorder.wait_for(lambda: [p for p in recorder.of("presence") if p.event == "leave"])
    assert left[0].uuid == "talker" and left[0].occupancy == 1


@pytest.mark.gen_test
async def test_presence_calls(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", **KEYS)
    other = clients(server.origin, uuid="other", **KEYS)
    listener.subscribe().channels(["a", "b"]).execute()
    await recorder.connected()
    here = await other.here_now().channels("a").include_state(True).future()
    assert here.result.total_occupancy == 1 and here.result.channels[0].occupants[0].uuid == "listener"
    both = await other.here_now().channels(["a", "b"]).future()
    assert sorted(c.channel_name for c in both.result.channels) == ["a", "b"]
    where = await other.where_now().uuid("listener").future()
    assert sorted(where.result.channels) == ["a", "b"]
    stored = await listener.set_state().channels("a").state({"mood": "ok"}).future()
    assert stored.result.state == {"mood": "ok"}
    state = await other.get_state().channels("a").uuid("listener").future()
    assert state.result.channels == {"a": {"mood": "ok"}}
    beat = await other.heartbeat().channels("c").future()
    assert beat.result is True and beat.status.operation == PNOperationType.PNHeartbeatOperation


@pytest.mark.gen_test
async def test_subscription_changes_lose_nothing(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)
    listener.subscribe().channels("c0").execute()
    await recorder.connected()
    for n in range(1, 6):
        await talker.publish().channel("c0").message(n).future()
        listener.subscribe().channels("c%d" % n).execute()  # each change restarts the long-poll
    await recorder.wait_for(lambda: len(recorder.of("message")) == 5)
    assert [m.message for m in recorder.of("message")] == [1, 2, 3, 4, 5]


@pytest.mark.gen_test
async def test_filter_expression(server, clients, recorder):
    listener = clients(server.origin, recorder, uuid="listener", filter_expression="lang == 'en'", **KEYS)
    talker = clients(server.origin, uuid="talker", **KEYS)
    listener.subscribe().channels("f").execute()
    await recorder.connected()
    await talker.publish().channel("f").message("skip").meta({"lang": "de"}).future()
    await talker.publish().channel("f").message("keep").meta({"lang": "en"}).future()
    await recorder.wait_for(lambda: recorder.of("message"))
    assert [m.message for m in recorder.of("message")] == ["keep"]

    broken = clients(server.origin, recorder, uuid="broken", filter_expression="lang ==", **KEYS)
    broken.subscribe().channels("f").execute()
    status = await recorder.wait_for_status(C.PNBadRequestCategory)  # 4.8.1's category for any 400
    assert status.status_code == 400 and status.is_error() and status.operation == PNOperationType.PNSubscribeOperation
