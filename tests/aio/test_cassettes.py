"""4.x asyncio suites replay cassettes with vcrpy, which patches aiohttp's ``ClientSession._request``:
a session recorded against the local server replays with the server stopped."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import vcr

from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pubnub_asyncio import AsyncioEnvelope, PubNubAsyncio
from pubnub.testing import PubNubTestServer

from .test_calls import make_config


async def session(origin: str) -> Any:
    async with PubNubAsyncio(make_config(origin)) as pubnub:
        sent = await pubnub.publish().channel("vcr").message({"text": "recorded"}).future()
        action = PNMessageAction()
        action.type, action.value, action.message_timetoken = "reaction", "smile", str(sent.result.timetoken)
        added = await pubnub.add_message_action().channel("vcr").message_action(action).result()
        history = await pubnub.history().channel("vcr").result()
        return sent, added, history


def test_record_then_replay_with_the_server_stopped(tmp_path: Path) -> None:
    cassette = str(tmp_path / "session.yaml")
    recorder = vcr.VCR(filter_query_parameters=["uuid", "seqn", "pnsdk", "l_pub", "l_msga"], record_mode="once")
    server = PubNubTestServer()
    origin = server.start_in_thread()
    try:
        with recorder.use_cassette(cassette) as recorded:
            live = asyncio.run(session(origin))
    finally:
        server.stop()
    assert len(recorded) == 3 and Path(cassette).exists()

    with recorder.use_cassette(cassette) as replayed:
        again = asyncio.run(session(origin))  # nothing listens there any more
    assert replayed.play_count == 3 and replayed.all_played
    sent, added, history = again
    assert isinstance(sent, AsyncioEnvelope) and sent.result.timetoken == live[0].result.timetoken
    assert added.action_timetoken == live[1].action_timetoken and added.value == "smile"
    assert [m.entry for m in history.messages] == [{"text": "recorded"}]
