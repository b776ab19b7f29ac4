"""The real client (PubNubTornado) against the test server: time, publish, history, actions, signing."""
from __future__ import annotations

import asyncio
import copy
from typing import Any, Awaitable, Callable

from pubnub.enums import PNStatusCategory
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pubnub_tornado import PubNubTornado


def run(config: Any, scenario: Callable[[PubNubTornado], Awaitable[Any]]) -> Any:
    """Run ``scenario(client)`` on a fresh asyncio loop (the server has its own thread)."""
    async def main() -> Any:
        client = PubNubTornado(config)
        return await asyncio.wait_for(scenario(client), 4)
    return asyncio.run(main())


def test_time_and_publish(pubnub_config: Any) -> None:
    async def scenario(pubnub: PubNubTornado) -> None:
        now = await pubnub.time().future()
        assert now.status.category == PNStatusCategory.PNAcknowledgmentCategory and now.status.status_code == 200
        sent = await pubnub.publish().channel("e2e").message({"text": "hi"}).meta({"m": 1}).future()
        assert sent.result.timetoken > int(now.result)
        posted = await pubnub.publish().channel("e2e").message(["a", "b"]).use_post(True).future()
        fired = await pubnub.fire().channel("e2e").message("gone").future()
        assert posted.result.timetoken < fired.result.timetoken
        signal = await pubnub.signal().channel("e2e").message("s").future()
        assert len(signal.result.timetoken) == 17
    run(pubnub_config, scenario)


def test_history_fetch_counts_and_delete(pubnub_config: Any) -> None:
    async def scenario(pubnub: PubNubTornado) -> None:
        sent = []
        for n in range(5):
            sent.append((await pubnub.publish().channel("h1").message(n).future()).result.timetoken)
        await pubnub.publish().channel("h2").message("other").meta({"k": "v"}).future()
        history = await pubnub.history().channel("h1").count(3).include_timetoken(True).future()
        assert [m.entry for m in history.result.messages] == [2, 3, 4]
        assert [m.timetoken for m in history.result.messages] == sent[2:]
        fetched = await pubnub.fetch_messages().channels(["h1", "h2"]).include_meta(True).future()
        assert [m.message for m in fetched.result.channels["h1"]] == [0, 1, 2, 3, 4]
        assert fetched.result.channels["h2"][0].meta == {"k": "v"}
        counts = await pubnub.message_counts().channel(["h1", "h2"]).channel_timetokens([sent[1], sent[0]]).future()
        assert counts.result.channels == {"h1": 3, "h2": 1}
        await pubnub.delete_messages().channel("h1").start(sent[4] + 1).end(sent[4]).future()
        after = await pubnub.history().channel("h1").future()
        assert [m.entry for m in after.result.messages] == [0, 1, 2, 3]
    run(pubnub_config, scenario)


def test_message_actions_with_paging(pubnub_config: Any) -> None:
    async def scenario(pubnub: PubNubTornado) -> None:
        sent = await pubnub.publish().channel("acts").message("parent").future()
        added = []
        for n in range(7):
            action = PNMessageAction()
            action.type, action.value, action.message_timetoken = "reaction", "v%d" % n, str(sent.result.timetoken)
            added.append((await pubnub.add_message_action().channel("acts").message_action(action).future()).result)
        assert added[0].uuid == pubnub_config.uuid
        page = await pubnub.get_message_actions().channel("acts").limit(3).future()
        assert [a.value for a in page.result.actions] == ["v4", "v5", "v6"] and page.result.more
        everything = await pubnub.get_message_actions().channel("acts").limit(3).fetch_all().future()
        assert [a.value for a in everything.result.actions] == ["v%d" % n for n in range(7)]
        await pubnub.remove_message_action().channel("acts").message_timetoken(sent.result.timetoken) \
            .action_timetoken(added[0].action_timetoken).future()
        left = await pubnub.get_message_actions().channel("acts").future()
        assert len(left.result.actions) == 6
        with_actions = await pubnub.fetch_messages().channels("acts").include_message_actions(True).future()
        item = with_actions.result.channels["acts"][0]
        assert sorted(item.actions["reaction"]) == ["v%d" % n for n in range(1, 7)]
    run(pubnub_config, scenario)


def test_signed_client_against_a_server_with_a_secret_key(make_server: Callable[..., Any], pubnub_config: Any) -> None:
    server = make_server(secret_key="sec-c-e2e", publish_key="demo")
    signed = copy.copy(pubnub_config)
    signed.origin, signed.secret_key = server.origin, "sec-c-e2e"
    unsigned = copy.copy(pubnub_config)
    unsigned.origin = server.origin

    async def scenario(pubnub: PubNubTornado) -> Any:
        await pubnub.publish().channel("sig").message({"a": "b c"}).meta({"x": "y z"}).future()
        await pubnub.publish().channel("sig").message("post").use_post(True).future()
        return await pubnub.history().channel("sig").future()
    history = run(signed, scenario)
    assert [m.entry for m in history.result.messages] == [{"a": "b c"}, "post"]

    async def refused(pubnub: PubNubTornado) -> Any:
        return await pubnub.publish().channel("sig").message(1).future()
    failed = run(unsigned, refused)
    assert failed.status.category == PNStatusCategory.PNAccessDeniedCategory and failed.status.status_code == 403
