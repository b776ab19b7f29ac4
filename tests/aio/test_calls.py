"""PubNubAsyncio calls against the test server, each test on a plain ``asyncio.run`` loop.

``future()`` never raises (an ``AsyncioEnvelope`` or a ``PubNubAsyncioException`` value, bad
input included), ``result()`` returns the result or raises ``PubNubException``, ``pn_async()``
calls back on the loop; every endpoint family goes through the same machinery.
"""
from __future__ import annotations

import asyncio
import copy
import gc
import logging
import threading
import warnings
from typing import Any, Awaitable, Callable, Iterator, List

import pytest

from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.file import PNFetchFileUploadS3DataResult
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.models.consumer.v3.channel import Channel
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_asyncio import AsyncioEnvelope, PubNubAsyncio, PubNubAsyncioException, SubscribeListener
from pubnub.testing import PubNubTestServer

SECRET = "sec-c-aio"


@pytest.fixture
def server() -> Iterator[PubNubTestServer]:
    running = PubNubTestServer(long_poll_seconds=2.0)
    running.start_in_thread()
    yield running
    running.stop()


def make_config(origin: str, **settings: Any) -> PNConfiguration:
    config = PNConfiguration()
    config.origin, config.ssl = origin, False
    config.publish_key, config.subscribe_key, config.uuid = "demo", "demo", "aio-client"
    config.connect_timeout = config.non_subscribe_request_timeout = 3
    for name, value in settings.items():
        setattr(config, name, value)
    return config


def run(config: Any, scenario: Callable[[PubNubAsyncio], Awaitable[Any]]) -> Any:
    """Run ``scenario(client)`` under ``asyncio.run`` and close the client afterwards."""
    async def main() -> Any:
        async with PubNubAsyncio(config) as pubnub:
            return await asyncio.wait_for(scenario(pubnub), 5)
    return asyncio.run(main())


def test_future_result_and_sdk_name(server: PubNubTestServer) -> None:
    async def scenario(pubnub: PubNubAsyncio) -> None:
        assert pubnub.sdk_name.startswith("PubNub-Python-Asyncio/")
        now = await pubnub.time().future()
        assert isinstance(now, AsyncioEnvelope) and not now.is_error()
        assert now.status.category == PNStatusCategory.PNAcknowledgmentCategory and now.status.status_code == 200
        sent = await pubnub.publish().channel("aio").message({"text": "hi"}).meta({"m": 1}).future()
        assert isinstance(sent, AsyncioEnvelope) and sent.result.timetoken > int(now.result)
        posted = await pubnub.publish().channel("aio").message(["a", "b"]).use_post(True).result()
        fired = await pubnub.fire().channel("aio").message("gone").result()
        assert sent.result.timetoken < posted.timetoken < fired.timetoken
        signal = await pubnub.signal().channel("aio").message("s").result()
        assert len(signal.timetoken) == 17
        history = await pubnub.history().channel("aio").include_timetoken(True).result()
        assert [m.entry for m in history.messages] == [{"text": "hi"}, ["a", "b"]]
        # the asyncio client records latencies, so later calls carry l_pub (4.8.1: Tornado and asyncio)
        assert "l_pub" in pubnub._telemetry_manager.operation_latencies()
    run(make_config(server.origin), scenario)


def test_bad_input_is_a_value_of_future_and_raised_by_result(server: PubNubTestServer) -> None:
    async def scenario(pubnub: PubNubAsyncio) -> Any:
        refused = await pubnub.publish().channel("").message(1).future()
        with pytest.raises(PubNubException) as raised:
            await pubnub.publish().channel("").message(1).result()
        missing_action = await pubnub.add_message_action().channel("aio").future()
        return refused, raised.value, missing_action
    refused, raised, missing_action = run(make_config(server.origin), scenario)
    assert isinstance(refused, PubNubAsyncioException) and refused.is_error()
    assert refused.status.category == PNStatusCategory.PNBadRequestCategory
    assert refused.status.operation == PNOperationType.PNPublishOperation
    assert str(refused) == "Channel missing" == str(refused.value())
    assert isinstance(refused.value(), PubNubException) and refused.result is None
    assert str(raised) == "Channel missing" and raised.status.category == PNStatusCategory.PNBadRequestCategory
    assert isinstance(missing_action, PubNubAsyncioException)
    assert missing_action.status.category == PNStatusCategory.PNBadRequestCategory


def test_http_errors_carry_their_status(make_server_with_secret: PubNubTestServer) -> None:
    unsigned = make_config(make_server_with_secret.origin)

    async def scenario(pubnub: PubNubAsyncio) -> Any:
        denied = await pubnub.publish().channel("locked").message(1).future()
        with pytest.raises(PubNubException) as raised:
            await pubnub.publish().channel("locked").message(1).result()
        return denied, raised.value
    denied, raised = run(unsigned, scenario)
    assert isinstance(denied, PubNubAsyncioException)
    assert denied.status.category == PNStatusCategory.PNAccessDeniedCategory and denied.status.status_code == 403
    assert "HTTP Client Error (403)" in str(denied)
    assert raised.status.status_code == 403


@pytest.fixture
def make_server_with_secret() -> Iterator[PubNubTestServer]:
    running = PubNubTestServer(secret_key=SECRET, long_poll_seconds=2.0)
    running.start_in_thread()
    yield running
    running.stop()


def test_message_actions_add_get_remove(server: PubNubTestServer) -> None:
    """Operations 42 (add), 43 (get, with paging through fetch_all) and 44 (remove)."""
    async def scenario(pubnub: PubNubAsyncio) -> None:
        sent = await pubnub.publish().channel("acts").message("parent").result()
        added = []
        for n in range(5):
            action = PNMessageAction()
            action.type, action.value, action.message_timetoken = "reaction", "v%d" % n, str(sent.timetoken)
            envelope = await pubnub.add_message_action().channel("acts").message_action(action).future()
            assert envelope.status.operation == PNOperationType.PNAddMessageAction
            added.append(envelope.result)
        assert added[0].uuid == "aio-client" and added[0].value == "v0"
        page = await pubnub.get_message_actions().channel("acts").limit(2).future()
        assert page.status.operation == PNOperationType.PNGetMessageActions
        assert [a.value for a in page.result.actions] == ["v3", "v4"] and page.result.more
        everything = await pubnub.get_message_actions().channel("acts").limit(2).fetch_all().result()
        assert [a.value for a in everything.actions] == ["v%d" % n for n in range(5)]
        removed = await pubnub.remove_message_action().channel("acts").message_timetoken(sent.timetoken) \
            .action_timetoken(added[0].action_timetoken).future()
        assert removed.status.operation == PNOperationType.PNDeleteMessageAction and not removed.is_error()
        left = await pubnub.get_message_actions().channel("acts").result()
        assert [a.value for a in left.actions] == ["v1", "v2", "v3", "v4"]
    run(make_config(server.origin), scenario)


def test_pn_async_calls_back_on_the_loop(server: PubNubTestServer, caplog: pytest.LogCaptureFixture) -> None:
    async def scenario(pubnub: PubNubAsyncio) -> List[Any]:
        loop = asyncio.get_running_loop()
        calls: List[Any] = []
        done = loop.create_future()

        def callback(result: Any, status: Any) -> None:
            calls.append((result, status, threading.get_ident(), asyncio.get_running_loop() is loop))
            if len(calls) == 3:
                done.set_result(None)
            if len(calls) == 1:
                raise RuntimeError("a callback failing is logged, not raised into the loop")
        pubnub.publish().channel("cb").message(1).pn_async(callback)
        pubnub.publish().channel("").message(1).pn_async(callback)  # bad input: called back too
        action = PNMessageAction()
        action.type, action.value, action.message_timetoken = "reaction", "x", "15000000000000000"
        pubnub.add_message_action().channel("cb").message_action(action).pn_async(callback)
        await done
        return calls
    with caplog.at_level(logging.ERROR, logger="pubnub"):
        calls = run(make_config(server.origin), scenario)
    assert all(on_loop and thread == threading.get_ident() for _, _, thread, on_loop in calls)
    publishes = [(result, status) for result, status, _, _ in calls
                 if status.operation == PNOperationType.PNPublishOperation]
    assert sorted(status.is_error() for _, status in publishes) == [False, True]
    refused = next(status for _, status in publishes if status.is_error())
    assert refused.category == PNStatusCategory.PNBadRequestCategory
    added = [(result, status) for result, status, _, _ in calls if status.operation == 42]
    assert len(added) == 1 and added[0][0].value == "x" and not added[0][1].is_error()
    assert "Exception in the callback" in caplog.text


def test_files_upload_list_download_delete(server: PubNubTestServer) -> None:
    content = b"minutes of the meeting\n" * 10

    async def scenario(pubnub: PubNubAsyncio) -> None:
        sent = await pubnub.send_file().channel("files").file_name("m.txt").file_object(content) \
            .message({"text": "minutes"}).future()
        assert isinstance(sent, AsyncioEnvelope) and sent.result.name == "m.txt"
        listed = await pubnub.list_files().channel("files").result()
        assert [item["name"] for item in listed.data] == ["m.txt"]
        url = await pubnub.get_file_url().channel("files").file_id(sent.result.file_id).file_name("m.txt").result()
        assert sent.result.file_id in url.file_url
        downloaded = await pubnub.download_file().channel("files").file_id(sent.result.file_id) \
            .file_name("m.txt").result()
        assert downloaded.data == content
        await pubnub.delete_file().channel("files").file_id(sent.result.file_id).file_name("m.txt").result()
        assert (await pubnub.list_files().channel("files").result()).count == 0
        missing = await pubnub.download_file().channel("files").file_id("nope").file_name("m.txt").future()
        assert isinstance(missing, PubNubAsyncioException) and missing.status.status_code == 404
        # step 1 of send_file on its own, as 4.x asyncio suites call it
        details = await pubnub._fetch_file_upload_s3_data().channel("files").file_name("king_arthur.txt").result()
        assert isinstance(details, PNFetchFileUploadS3DataResult) and details.name == "king_arthur.txt"
        assert details.file_id and details.data["url"] and details.data["form_fields"]
    run(make_config(server.origin), scenario)


def test_access_manager_grant_and_token(make_server_with_secret: PubNubTestServer) -> None:
    origin = make_server_with_secret.origin
    admin = make_config(origin, secret_key=SECRET, uuid="admin")

    async def grants(pubnub: PubNubAsyncio) -> Any:
        granted = await pubnub.grant().channels("room").auth_keys("bob").read(True).write(True).ttl(5).result()
        token = (await pubnub.grant_token().ttl(15).channels([Channel.id("room").read()]).result()).token
        return granted, token
    granted, token = run(admin, grants)
    assert granted.channels["room"].auth_keys["bob"].write_enabled is True

    async def bob_publishes(pubnub: PubNubAsyncio) -> Any:
        return await pubnub.publish().channel("room").message("hi").future()
    assert not run(make_config(origin, auth_key="bob"), bob_publishes).is_error()
    as_token_holder = run(make_config(origin, auth_key=token), bob_publishes)  # the token grants read only
    assert as_token_holder.status.category == PNStatusCategory.PNAccessDeniedCategory


def test_objects_and_presence(server: PubNubTestServer) -> None:
    async def scenario(pubnub: PubNubAsyncio) -> None:
        stored = await pubnub.set_uuid_metadata().uuid("someone").set_name("Some One") \
            .custom({"k": "v"}).include_custom(True).result()
        assert stored.data["name"] == "Some One"
        fetched = await pubnub.get_uuid_metadata().uuid("someone").include_custom(True).future()
        assert fetched.result.data["custom"] == {"k": "v"}
        channel = await pubnub.set_channel_metadata().channel("meta-ch").set_name("Room").result()
        assert channel.data["name"] == "Room"
        state = await pubnub.set_state().channels("pres").state({"mood": "ok"}).result()
        assert state.state == {"mood": "ok"}
        here = await pubnub.here_now().channels("pres").include_uuids(True).result()
        assert here.total_channels == 1 or here.total_occupancy == 0
        where = await pubnub.where_now().future()
        assert not where.is_error() and where.status.operation == PNOperationType.PNWhereNowOperation
        added = await pubnub.add_channel_to_channel_group().channels(["a", "b"]).channel_group("g").result()
        assert added is not None
        listed = await pubnub.list_channels_in_channel_group().channel_group("g").result()
        assert sorted(listed.channels) == ["a", "b"]
    run(make_config(server.origin), scenario)


def test_closed_client_fails_calls_and_stop_keeps_it_usable(server: PubNubTestServer) -> None:
    async def main() -> Any:
        pubnub = PubNubAsyncio(make_config(server.origin))
        first = await pubnub.time().result()
        returned = pubnub.stop()  # as 4.x suites call it, without awaiting ...
        await pubnub.stop()  # ... and awaiting it
        after_stop = await pubnub.time().result()  # a later call connects again
        session = pubnub._session
        await pubnub.aclose()
        closed = await pubnub.time().future()
        await pubnub.aclose()  # closing again does nothing
        return returned, first, after_stop, session, closed
    returned, first, after_stop, session, closed = asyncio.run(main())
    assert returned is not None and int(after_stop) >= int(first)
    assert session is not None and session.closed
    assert isinstance(closed, PubNubAsyncioException)
    assert closed.status.category == PNStatusCategory.PNNetworkIssuesCategory


def test_a_client_made_outside_any_loop_works_under_successive_asyncio_runs(server: PubNubTestServer) -> None:
    pubnub = PubNubAsyncio(make_config(server.origin))  # at import time, as scripts do

    sessions: List[Any] = []

    async def call() -> Any:
        published = await pubnub.publish().channel("twice").message(1).result()
        sessions.append(pubnub._session)
        return published
    first = asyncio.run(call())
    second = asyncio.run(call())  # a new loop: the client moves to it
    asyncio.run(pubnub.aclose())
    assert second.timetoken > first.timetoken
    # each asyncio.run closed the connections the client had opened on its loop, as it ended
    assert sessions[0] is not sessions[1] and all(session.closed for session in sessions)


def test_the_end_of_asyncio_run_closes_what_a_client_left_open_there(
        server: PubNubTestServer, caplog: pytest.LogCaptureFixture) -> None:
    """A 4.x program ending without ``stop()``: its long-poll and its connections are closed
    while ``asyncio.run`` shuts the loop down, not left for the garbage collector (aiohttp then
    reports "Unclosed client session" / "Unclosed connector"); the client still works on a
    later loop, where ``reconnect()`` resumes its subscription from where it stopped."""
    pubnub = PubNubAsyncio(make_config(server.origin))  # at import time, as scripts do
    listener = SubscribeListener()
    pubnub.add_listener(listener)
    sessions: List[Any] = []

    async def main() -> Any:
        pubnub.subscribe().channels("left-open").execute()
        await asyncio.wait_for(listener.wait_for_connect(), 5)
        published = await asyncio.wait_for(pubnub.publish().channel("left-open").message("hi").result(), 5)
        received = await asyncio.wait_for(listener.wait_for_message_on("left-open"), 5)
        long_poll = pubnub._subscription_driver._long_poll._current  # type: ignore[union-attr]
        sessions.extend([pubnub._session, long_poll.session])
        return published, received

    published, received = asyncio.run(main())
    gc.collect()
    assert received.message == "hi" and received.timetoken == published.timetoken
    assert all(session.closed for session in sessions)
    assert "Unclosed" not in caplog.text

    async def later() -> Any:  # a later loop: the subscription resumes from where it stopped
        await asyncio.wait_for(pubnub.publish().channel("left-open").message("again").result(), 5)
        pubnub.reconnect()
        return await asyncio.wait_for(listener.wait_for_message_on("left-open"), 5)
    assert asyncio.run(later()).message == "again"
    asyncio.run(pubnub.aclose())
    gc.collect()
    assert "Unclosed" not in caplog.text


def test_a_client_follows_the_loop_running_its_call_while_its_own_is_idle(server: PubNubTestServer) -> None:
    """Two open loops taking turns (pytest-asyncio with a module-scoped and a function-scoped
    loop): a client made without a loop runs each call on the loop running it, and closes its
    connections on the one it leaves. A client given ``custom_event_loop`` stays on that loop."""
    pubnub = PubNubAsyncio(make_config(server.origin))
    loop_a, loop_b = asyncio.new_event_loop(), asyncio.new_event_loop()

    async def call() -> Any:
        return await asyncio.wait_for(pubnub.publish().channel("turns").message(1).future(), 5)
    try:
        first = loop_a.run_until_complete(call())
        session_a = pubnub._transport.session  # type: ignore[union-attr]
        second = loop_b.run_until_complete(call())
        on_b = pubnub.event_loop
        gc.collect()  # what the client dropped on leaving loop A is closed there: it must not end the next call
        third = loop_a.run_until_complete(call())
        on_a_again = pubnub.event_loop
        loop_a.run_until_complete(pubnub.aclose())

        pinned = PubNubAsyncio(make_config(server.origin), custom_event_loop=loop_a)

        async def loop_seen_on_b() -> Any:
            return pinned.event_loop
        pinned_loop = loop_b.run_until_complete(loop_seen_on_b())
        pinned_envelope = loop_a.run_until_complete(asyncio.wait_for(pinned.time().future(), 5))
        pinned.stop()
    finally:
        loop_a.run_until_complete(asyncio.sleep(0))
        loop_a.close()
        loop_b.close()
    assert all(isinstance(envelope, AsyncioEnvelope) for envelope in (first, second, third))
    assert on_b is loop_b and on_a_again is loop_a
    assert session_a.closed  # left behind when the client moved to loop B
    assert pinned_loop is loop_a and isinstance(pinned_envelope, AsyncioEnvelope)


def test_a_failure_closing_what_was_left_on_the_old_loop_does_not_reach_the_call(
        server: PubNubTestServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    pubnub = PubNubAsyncio(make_config(server.origin))

    async def call() -> Any:
        return await asyncio.wait_for(pubnub.time().future(), 5)
    idle = asyncio.new_event_loop()
    try:
        first = idle.run_until_complete(call())

        def refuse() -> None:
            raise RuntimeError("cannot close")
        monkeypatch.setattr(pubnub, "_close_transports", refuse)
        left = pubnub._transport

        async def second_call() -> Any:
            try:
                return await call()  # another loop runs while the first is idle: the client
            finally:  # moves, and closing what it had on the first fails
                monkeypatch.undo()
        second = asyncio.run(second_call())
        assert left is not None and pubnub._transport is not left
        left.close()  # (what the refused close left open, so that nothing is reported at exit)
        asyncio.run(pubnub.aclose())
    finally:
        idle.close()
    assert isinstance(first, AsyncioEnvelope) and isinstance(second, AsyncioEnvelope)
    assert "Closing what the client had on the loop it left failed" in caplog.text


def test_future_and_result_are_coroutines_as_in_4_8_1(server: PubNubTestServer) -> None:
    """4.8.1's ``future()`` and ``result()`` were coroutines, so 4.x programs hand them to
    ``create_task``, ``asyncio.run`` and ``run_coroutine_threadsafe``; the call starts when the
    coroutine runs, on the loop running it."""
    pubnub = PubNubAsyncio(make_config(server.origin))  # at import time, as scripts do
    unstarted = [pubnub.time().future(), pubnub.time().result()]
    assert all(asyncio.iscoroutine(coroutine) for coroutine in unstarted)
    for coroutine in unstarted:
        coroutine.close()  # never run: nothing is sent

    async def tasks() -> Any:
        envelope = await asyncio.create_task(pubnub.publish().channel("co").message(1).future())
        refused = asyncio.get_running_loop().create_task(pubnub.publish().channel("co").result())
        with pytest.raises(PubNubException):
            await refused  # no message
        return envelope
    assert isinstance(asyncio.run(tasks()), AsyncioEnvelope)
    assert isinstance(asyncio.run(pubnub.time().future()), AsyncioEnvelope)  # on a loop of its own

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever)
    thread.start()
    try:
        from_thread = asyncio.run_coroutine_threadsafe(pubnub.publish().channel("co").message(2).result(), loop)
        published = from_thread.result(5)
        asyncio.run_coroutine_threadsafe(pubnub.aclose(), loop).result(5)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
    assert published.timetoken > 0


def test_a_call_runs_in_the_task_awaiting_it(server: PubNubTestServer) -> None:
    """``future()`` and ``result()`` run a plain request in the task awaiting them, as a plain
    aiohttp call does: no Task of their own. Cancelling that task cancels the call (raised in
    the task, as in 4.8.1), and the client goes on."""
    async def scenario(pubnub: PubNubAsyncio) -> Any:
        await pubnub.time().future()  # opens the pooled connection
        loop = asyncio.get_running_loop()
        made: List[Any] = []

        def counting_factory(loop: Any, coroutine: Any, **settings: Any) -> Any:
            made.append(coroutine)
            return asyncio.Task(coroutine, loop=loop, **settings)
        loop.set_task_factory(counting_factory)
        try:
            envelope = await pubnub.publish().channel("aio").message("in the task").future()
            timetoken = await pubnub.time().result()
        finally:
            loop.set_task_factory(None)
        call = asyncio.ensure_future(pubnub.publish().channel("aio").message("cancelled").future())
        await asyncio.sleep(0)  # the call is under way
        call.cancel()
        await asyncio.gather(call, return_exceptions=True)
        after = await pubnub.publish().channel("aio").message("after").result()
        return made, envelope, timetoken, call.cancelled(), after
    made, envelope, timetoken, cancelled, after = run(make_config(server.origin), scenario)
    assert made == []
    assert isinstance(envelope, AsyncioEnvelope) and envelope.result.timetoken > 0 and int(timetoken) > 0
    assert cancelled
    assert after.timetoken > envelope.result.timetoken


def test_custom_event_loop_and_run_until_complete(server: PubNubTestServer) -> None:
    """4.8.1's way: ``PubNubAsyncio(config, custom_event_loop=loop)``, the future made before the
    loop runs, then ``loop.run_until_complete``."""
    loop = asyncio.new_event_loop()
    try:
        pubnub = PubNubAsyncio(make_config(server.origin), custom_event_loop=loop)
        assert pubnub.event_loop is loop
        future = pubnub.time().future()
        envelope = loop.run_until_complete(asyncio.wait_for(future, 5))
        pubnub.stop()
        loop.run_until_complete(asyncio.sleep(0))
    finally:
        loop.close()
    assert isinstance(envelope, AsyncioEnvelope) and int(envelope.result) > 0


@pytest.mark.parametrize("ending", ["stop", "close"])
def test_stop_after_the_loop_ran_ends_what_it_cancelled(
        server: PubNubTestServer, caplog: pytest.LogCaptureFixture, ending: str) -> None:
    """4.8.1's way of ending: ``loop.run_until_complete(main())``, then ``pubnub.stop()`` on the
    loop that no longer runs, then ``loop.close()``. The long-poll held then is cancelled and its
    task ends there and then (stop() runs the idle loop for it): nothing is reported "destroyed
    but pending", no failed long-poll goes unretrieved, its connection is closed."""
    loop = asyncio.new_event_loop()
    pubnub = PubNubAsyncio(make_config(server.origin), custom_event_loop=loop)
    listener = SubscribeListener()
    pubnub.add_listener(listener)
    driver = pubnub._subscription_driver
    assert driver is not None
    try:
        async def main() -> Any:
            pubnub.subscribe().channels("ends-idle").execute()
            await asyncio.wait_for(listener.wait_for_connect(), 5)
            return pubnub._subscription_driver._long_poll._current.session  # type: ignore[union-attr]
        session = loop.run_until_complete(main())
        held = driver.has_tasks_on(loop)  # the next long-poll waits on the server
        getattr(pubnub, ending)()
        ended = not driver.has_tasks_on(loop)
    finally:
        loop.close()
    gc.collect()
    assert held and ended and session.closed
    assert "destroyed but it is pending" not in caplog.text and "never retrieved" not in caplog.text


@pytest.mark.parametrize("ending", ["stop", "close"])
def test_stop_after_the_loop_ran_leaves_no_socket_open(server: PubNubTestServer, ending: str) -> None:
    """``loop.run_until_complete(main())`` with plain calls only (no subscription), then
    ``pubnub.stop()`` and ``loop.close()``: the pooled connection's socket is closed, not left
    to the garbage collector's "unclosed" warnings."""
    loop = asyncio.new_event_loop()
    pubnub = PubNubAsyncio(make_config(server.origin), custom_event_loop=loop)
    try:
        async def main() -> Any:
            await pubnub.publish().channel("sockets").message(1).result()
            transport = pubnub._transport
            assert transport is not None and transport.session is not None  # type: ignore[attr-defined]
            [[(protocol, _)]] = transport.session.connector._conns.values()  # type: ignore[attr-defined]
            return protocol.transport.get_extra_info("socket")
        sock = loop.run_until_complete(main())
        assert sock.fileno() >= 0
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            getattr(pubnub, ending)()
            loop.close()
            gc.collect()
    finally:
        if not loop.is_closed():
            loop.close()
    assert sock.fileno() == -1
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_stop_after_asyncio_run_ended_makes_no_loop(server: PubNubTestServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A 4.x script: the client made before any loop runs, a subscription under ``asyncio.run``,
    then ``pubnub.stop()`` once the run has ended. The loop the client was on is closed; stop()
    ends the subscription without making (and leaving unclosed) a new one."""
    pubnub = PubNubAsyncio(make_config(server.origin))
    listener = SubscribeListener()
    pubnub.add_listener(listener)

    async def main() -> None:
        pubnub.subscribe().channels("script").execute()
        await asyncio.wait_for(listener.wait_for_connect(), 5)
    asyncio.run(main())
    made: List[asyncio.AbstractEventLoop] = []
    new_event_loop = asyncio.new_event_loop

    def counting_new_event_loop() -> asyncio.AbstractEventLoop:
        made.append(new_event_loop())
        return made[-1]
    monkeypatch.setattr(asyncio, "new_event_loop", counting_new_event_loop)
    monkeypatch.setattr(asyncio.events, "new_event_loop", counting_new_event_loop)
    pubnub.stop()
    monkeypatch.undo()
    for loop in made:
        loop.close()
    assert made == []
    assert int(asyncio.run(pubnub.time().result())) > 0  # and the client goes on, on the next run


def test_connector_close_forces_a_connection_failure_until_stop() -> None:
    """``pubnub._connector.close()``, which 4.x suites call to force a connection failure: the
    call in flight ends with a connection error, later calls fail at once with 4.8.1's "Session is
    closed" (``.result()`` raising a ``PubNubException`` that is a ``RuntimeError`` too, as
    4.8.1's was), and after ``stop()`` calls connect again."""
    stalling = PubNubTestServer(long_poll_seconds=30.0)
    stalling.start_in_thread()
    stall = stalling.faults.add("stall", operation="time", count=1)
    try:
        async def main() -> Any:
            async with PubNubAsyncio(make_config(stalling.origin)) as pubnub:
                await pubnub.publish().channel("c").message(1).result()
                connector = pubnub._connector
                assert not connector.closed and connector.limit == 100  # the aiohttp connector's own attribute
                waiting = asyncio.ensure_future(pubnub.time().future())  # a coroutine, run as a Task
                sent = await asyncio.get_running_loop().run_in_executor(None, stall.wait)  # it reached the server
                connector.close()
                failed = await asyncio.wait_for(waiting, 5)
                later = await asyncio.wait_for(pubnub.publish().channel("c").message(2).future(), 5)
                with pytest.raises(RuntimeError) as raised:
                    await asyncio.wait_for(pubnub.publish().channel("c").message(3).result(), 5)
                closed = connector.closed
                await pubnub.stop()
                again = await pubnub.time().future()
                stored = await pubnub.history().channel("c").count(10).result()  # 2 and 3 never left
                return sent, failed, later, raised.value, closed, again, [m.entry for m in stored.messages]
        sent, failed, later, raised, closed, again, stored = asyncio.run(main())
    finally:
        stalling.stop()
    assert sent and isinstance(failed, PubNubAsyncioException)
    assert failed.status.category == PNStatusCategory.PNNetworkIssuesCategory
    assert isinstance(later, PubNubAsyncioException) and "Session is closed" in str(later)
    assert later.status.category == PNStatusCategory.PNNetworkIssuesCategory
    assert isinstance(raised, PubNubException) and "Session is closed" in str(raised)
    assert closed and isinstance(again, AsyncioEnvelope) and stored == [1]


def test_the_application_transport_is_used_and_left_open(server: PubNubTestServer) -> None:
    from pubnub._transport.aiohttp import AiohttpTransport

    async def main() -> Any:
        transport = AiohttpTransport()
        config = make_config(server.origin)
        async with PubNubAsyncio(copy.copy(config), transport=transport) as pubnub:
            await pubnub.time().result()
            assert pubnub.transport is transport
        still_open = not transport.closed
        transport.close()
        return still_open
    assert asyncio.run(main())


DEEP_JSON = b"[" * 100000 + b"]" * 100000
HOSTILE_ANSWERS = {
    "json nested too deeply": (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                               % len(DEEP_JSON) + DEEP_JSON, PNStatusCategory.PNMalformedResponseCategory),
    "not http": (b"SSH-2.0-OpenSSH_9.6\r\n\r\n", PNStatusCategory.PNNetworkIssuesCategory),
}


@pytest.mark.parametrize("answer", list(HOSTILE_ANSWERS))
def test_an_answer_that_cannot_be_read_ends_the_call_with_an_error_status(answer: str) -> None:
    """A hostile or broken server: every call still ends, as a value of ``future()`` (a deeply
    nested JSON body once made the call wait for ever), and ``result()`` raises."""
    body, category = HOSTILE_ANSWERS[answer]

    async def answer_once(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(body)
        await writer.drain()
        writer.close()

    async def main() -> Any:
        server = await asyncio.start_server(answer_once, "127.0.0.1", 0)
        origin = "127.0.0.1:%d" % server.sockets[0].getsockname()[1]
        try:
            async with PubNubAsyncio(make_config(origin)) as pubnub:
                outcome = await asyncio.wait_for(pubnub.publish().channel("c").message(1).future(), 5)
                with pytest.raises(PubNubException) as raised:
                    await asyncio.wait_for(pubnub.publish().channel("c").message(1).result(), 5)
                return outcome, raised.value
        finally:
            server.close()
    outcome, raised = asyncio.run(main())
    assert isinstance(outcome, PubNubAsyncioException)
    assert outcome.status.category == category and outcome.status.operation == PNOperationType.PNPublishOperation
    assert raised.status.category == category
