"""The subscription state machine driven by hand: cursor continuity, statuses, reconnection."""
from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from pubnub._subscription import HEARTBEAT, LOOP, LongPoll
from pubnub._subscription_state import Sleep, reconnection_delay, retries_exhausted
from pubnub.endpoints.presence.heartbeat import Heartbeat
from pubnub.endpoints.presence.leave import Leave
from pubnub.endpoints.pubsub.subscribe import Subscribe
from pubnub.endpoints.time import Time
from pubnub.enums import (
    PNHeartbeatNotificationOptions,
    PNOperationType,
    PNReconnectionPolicy,
    PNStatusCategory,
)
from pubnub.exceptions import PubNubException

from .machine import (
    Listener,
    answer,
    connection_error,
    make_client,
    message,
    path,
    query,
    read_timeout,
    stream,
)

C = PNStatusCategory


def connect(client, listener=None, channels=("a",), presence=False, cursor=100):
    """Subscribe and complete the handshake; return the loop flow waiting with its next request."""
    if listener is not None:
        client.add_listener(listener)
    builder = client.subscribe().channels(list(channels))
    if presence:
        builder = builder.with_presence()
    builder.execute()
    flow = client.driver.flows[LOOP]
    handshake = next(flow)
    return flow, flow.send(answer(handshake, stream(cursor)))


def test_handshake_then_cursor_and_region():
    client, listener = make_client(), Listener()
    client.add_listener(listener)
    client.subscribe().channels(["a", "b"]).channel_groups("g").with_presence().execute()
    flow = client.driver.flows[LOOP]
    first = next(flow)
    assert isinstance(first, LongPoll) and isinstance(first.endpoint, Subscribe)
    assert path(first) == "/v2/subscribe/sub-c-test/a,a-pnpres,b,b-pnpres/0"
    assert query(first)["tt"] == "0" and "tr" not in query(first)
    assert query(first)["channel-group"] == "g,g-pnpres"
    second = flow.send(answer(first, stream(100, region=12)))
    assert (query(second)["tt"], query(second)["tr"]) == ("100", "12")
    [connected] = listener.of("status")
    assert connected.category == C.PNConnectedCategory and connected.error is None
    assert connected.affected_channels == ["a", "a-pnpres", "b", "b-pnpres"]
    assert connected.affected_groups == ["g", "g-pnpres"]
    flow.send(answer(second, stream(101)))
    assert listener.categories() == [C.PNConnectedCategory]  # once per subscribe() call


def test_subscribe_change_continues_from_the_cursor_quirk_tt0():
    client, listener = make_client(), Listener()
    connect(client, listener, cursor=500)
    client.subscribe().channels("b").execute()
    assert LOOP in client.driver.cancelled
    restarted = next(client.driver.flows[LOOP])
    assert query(restarted)["tt"] == "500"  # 4.8.1 restarted at tt=0 and lost messages
    assert path(restarted) == "/v2/subscribe/sub-c-test/a,b/0"
    restarted_next = client.driver.flows[LOOP].send(answer(restarted, stream(501, message("b", "x", 501))))
    assert query(restarted_next)["tt"] == "501"
    assert listener.categories() == [C.PNConnectedCategory, C.PNConnectedCategory]


def test_with_timetoken_sets_the_cursor():
    client = make_client()
    connect(client, cursor=500)
    client.subscribe().channels("b").with_timetoken(42).execute()
    assert query(next(client.driver.flows[LOOP]))["tt"] == "42"


def test_stale_response_is_neither_dispatched_nor_moves_the_cursor():
    client, listener = make_client(), Listener()
    old_flow, old_request = connect(client, listener, cursor=500)
    client.manager.reconnect()  # any change bumps the epoch; the driver may not have cancelled yet
    with pytest.raises(StopIteration):
        old_flow.send(answer(old_request, stream(600, message("a", "late", 550))))
    assert listener.of("message") == []
    assert client.manager._state.timetoken == 500


def test_unsubscribe_sends_leave_and_everything_resets():
    client, listener = make_client(), Listener()
    connect(client, listener, channels=("a", "b"), presence=True, cursor=500)
    client.unsubscribe().channels("a").execute()
    leave_flow = client.driver.background[-1]
    leave = next(leave_flow)
    assert isinstance(leave, Leave) and path(leave) == "/v2/presence/sub-key/sub-c-test/channel/a/leave"
    with pytest.raises(StopIteration):
        leave_flow.send(answer(leave, {"status": 200, "message": "OK", "action": "leave", "service": "Presence"}))
    ack = listener.of("status")[-1]
    assert (ack.category, ack.operation, ack.affected_channels) == (
        C.PNAcknowledgmentCategory, PNOperationType.PNUnsubscribeOperation, ["a"])
    assert query(next(client.driver.flows[LOOP]))["tt"] == "500"
    client.unsubscribe_all()
    assert LOOP not in client.driver.flows and client.get_subscribed_channels() == []
    assert path(next(client.driver.background[-1])).endswith("/channel/b/leave")
    client.subscribe().channels("c").execute()  # 4.8.1 Tornado stalled here for good
    handshake = next(client.driver.flows[LOOP])
    assert query(handshake)["tt"] == "0" and "tr" not in query(handshake)


def test_suppress_leave_events():
    client = make_client(suppress_leave_events=True)
    connect(client)
    client.unsubscribe().channels("a").execute()
    assert client.driver.background == []


@pytest.mark.parametrize("policy", [PNReconnectionPolicy.NONE, PNReconnectionPolicy.LINEAR,
                                    PNReconnectionPolicy.EXPONENTIAL])
def test_read_timeouts_are_reissued_silently_every_time_whatever_the_policy(policy):
    client, listener = make_client(reconnect_policy=policy), Listener()
    flow, pending = connect(client, listener, cursor=500)
    for _ in range(25):  # 4.8.1 restarts the long-poll after every client-side timeout
        pending = flow.send(read_timeout(pending))
        assert isinstance(pending, LongPoll) and query(pending)["tt"] == "500"
    assert listener.categories() == [C.PNConnectedCategory]
    after = flow.send(answer(pending, stream(600)))
    assert isinstance(after, LongPoll) and query(after)["tt"] == "600"
    assert listener.categories() == [C.PNConnectedCategory]  # no reconnection: nothing had failed


def test_connection_error_before_and_after_connecting():
    client, listener = make_client(), Listener()
    client.add_listener(listener)
    client.subscribe().channels("a").execute()
    flow = client.driver.flows[LOOP]
    with pytest.raises(StopIteration):
        flow.send(connection_error(next(flow)))
    assert listener.categories() == [C.PNNetworkIssuesCategory]
    client.reconnect()
    flow = client.driver.flows[LOOP]
    first = next(flow)
    pending = flow.send(answer(first, stream(10)))
    assert listener.categories()[1:] == [C.PNReconnectedCategory, C.PNConnectedCategory]
    with pytest.raises(StopIteration):
        flow.send(connection_error(pending))
    lost = listener.of("status")[-1]
    assert lost.category == C.PNUnexpectedDisconnectCategory and lost.is_error()
    assert lost.operation == PNOperationType.PNSubscribeOperation


def test_linear_reconnection_probes_time_then_resumes_with_the_same_cursor():
    client, listener = make_client(reconnect_policy=PNReconnectionPolicy.LINEAR, reconnection_jitter=0), Listener()
    flow, pending = connect(client, listener, cursor=500)
    assert flow.send(answer(pending, {"error": True}, status=500)) == Sleep(3.0)
    assert listener.of("status")[-1].category == C.PNUnknownCategory
    probe = flow.send(None)
    assert isinstance(probe, Time)
    assert flow.send(connection_error(probe)) == Sleep(3.0)
    probe = flow.send(None)
    assert listener.categories() == [C.PNConnectedCategory, C.PNUnknownCategory]  # a failed probe: not announced
    resumed = flow.send(answer(probe, [16000000000000000]))
    assert isinstance(resumed, LongPoll) and (query(resumed)["tt"], query(resumed)["tr"]) == ("500", "7")
    # announced as the probe succeeds, as in 4.8.1: not when the resumed long-poll answers, which
    # the service holds for minutes on a quiet channel
    reconnected = listener.of("status")[-1]
    assert reconnected.category == C.PNReconnectedCategory
    assert reconnected.error is False and not reconnected.is_error()  # 4.8.1: is_error() was True
    flow.send(answer(resumed, stream(501, message("a", "missed", 501))))
    assert [m.message for m in listener.of("message")] == ["missed"]
    assert listener.categories() == [C.PNConnectedCategory, C.PNUnknownCategory, C.PNReconnectedCategory]


def test_exponential_delays():
    delays = [reconnection_delay(PNReconnectionPolicy.EXPONENTIAL, n) for n in range(7)]
    assert delays == [1, 3, 7, 15, 31, 1, 3]
    assert reconnection_delay(PNReconnectionPolicy.LINEAR, 9) == 3
    assert reconnection_delay(PNReconnectionPolicy.NONE, 0) is None
    client = make_client(reconnect_policy=PNReconnectionPolicy.EXPONENTIAL, reconnection_jitter=0)
    flow, pending = connect(client)
    waits = [flow.send(connection_error(pending)).seconds]
    for _ in range(5):
        waits.append(flow.send(connection_error(flow.send(None))).seconds)
    assert waits == [1, 3, 7, 15, 31, 1]


def test_configured_base_and_maximum_delay():
    E, L = PNReconnectionPolicy.EXPONENTIAL, PNReconnectionPolicy.LINEAR
    assert [reconnection_delay(E, n, base=2, maximum=60) for n in range(6)] == [2, 6, 14, 30, 2, 6]
    assert [reconnection_delay(E, n, maximum=100) for n in range(8)] == [1, 3, 7, 15, 31, 63, 1, 3]
    assert reconnection_delay(E, 0, base=50, maximum=10) == 10  # not even the first step fits
    assert reconnection_delay(L, 4, base=0.5) == 0.5 and reconnection_delay(L, 0, base=90, maximum=40) == 40
    client = make_client(reconnect_policy=E, reconnection_base_delay=0.5, reconnection_max_delay=4,
                         reconnection_jitter=0)
    flow, pending = connect(client)
    waits = [flow.send(connection_error(pending)).seconds]
    for _ in range(3):
        waits.append(flow.send(connection_error(flow.send(None))).seconds)
    assert waits == [0.5, 1.5, 3.5, 0.5]


def test_jitter_spreads_each_wait_within_its_fraction():
    L, E = PNReconnectionPolicy.LINEAR, PNReconnectionPolicy.EXPONENTIAL
    assert reconnection_delay(L, 0, jitter=0.2, unit=0.0) == pytest.approx(2.4)
    assert reconnection_delay(L, 0, jitter=0.2, unit=1.0) == pytest.approx(3.6)
    assert reconnection_delay(E, 4, jitter=0.2, unit=1.0) == 32  # 31 * 1.2, but never above the maximum
    # By default every client draws its own wait: a thousand clients that lost the same server
    # come back spread over 2.4-3.6 s (LINEAR), not all at the same instant.
    client = make_client(reconnect_policy=L)
    flow, pending = connect(client)
    waits = [flow.send(connection_error(pending)).seconds]
    for _ in range(999):
        waits.append(flow.send(connection_error(flow.send(None))).seconds)
    assert all(2.4 <= wait <= 3.6 for wait in waits)
    assert len(set(waits)) > 900 and max(waits) - min(waits) > 1.0
    assert 2.9 < sum(waits) / len(waits) < 3.1  # the shape (3 s on average) is 4.8.1's


def test_reconnection_settings_are_validated():
    config = make_client().config
    assert (config.reconnection_base_delay, config.reconnection_max_delay, config.reconnection_jitter) == (
        None, 32, 0.2)
    for name, value in [("reconnection_base_delay", 0), ("reconnection_base_delay", "3"),
                        ("reconnection_max_delay", -1), ("reconnection_max_delay", float("inf")),
                        ("reconnection_jitter", 1.5), ("reconnection_jitter", float("nan")),
                        ("reconnection_jitter", None)]:
        with pytest.raises(PubNubException) as raised:
            setattr(config, name, value)
        assert str(raised.value).startswith("Invalid configuration: " + name)
    config.reconnection_base_delay = None  # back to 4.8.1's per-policy default
    assert config.reconnection_base_delay is None


def test_policy_none_stops_and_reconnect_resumes(caplog):
    client, listener = make_client(), Listener()
    flow, pending = connect(client, listener, cursor=500)
    with caplog.at_level(logging.WARNING, logger="pubnub"), pytest.raises(StopIteration):
        flow.send(answer(pending, {"error": True}, status=502))
    assert "reconnect" in caplog.text
    client.reconnect()
    assert query(next(client.driver.flows[LOOP]))["tt"] == "500"


def test_maximum_reconnection_retries():
    assert not retries_exhausted(None, 100) and not retries_exhausted(-1, 100)
    assert retries_exhausted(2, 2) and not retries_exhausted(2, 1)
    client, listener = make_client(reconnect_policy=PNReconnectionPolicy.LINEAR,
                                   maximum_reconnection_retries=2), Listener()
    flow, pending = connect(client, listener)
    flow.send(connection_error(pending))
    flow.send(connection_error(flow.send(None)))
    with pytest.raises(StopIteration):
        flow.send(connection_error(flow.send(None)))
    gave_up = listener.of("status")[-1]
    assert gave_up.category == C.PNDisconnectedCategory and gave_up.is_error()


def test_access_denied_stops_with_unsubscribe_operation():
    client, listener = make_client(reconnect_policy=PNReconnectionPolicy.LINEAR), Listener()
    flow, pending = connect(client, listener)
    with pytest.raises(StopIteration):
        flow.send(answer(pending, {"message": "Forbidden", "error": True, "status": 403}, status=403))
    denied = listener.of("status")[-1]
    assert (denied.category, denied.operation, denied.status_code) == (
        C.PNAccessDeniedCategory, PNOperationType.PNUnsubscribeOperation, 403)


@pytest.mark.parametrize("expression", ["uuid != 'me'", None])
def test_bad_request_is_pn_bad_request_with_or_without_a_filter(expression):
    """A 400 on the long-poll is ``PNBadRequestCategory``, a filter expression set or not: 4.8.1
    never reported ``PNMalformedFilterExpressionCategory``, and 4.x listeners test for the other."""
    client, listener = make_client(filter_expression=expression), Listener()
    flow, pending = connect(client, listener)
    if expression:
        assert query(pending)["filter-expr"] == expression
        assert "filter-expr=uuid%20%21%3D%20%27me%27" in pending.endpoint.build_request().url
    with pytest.raises(StopIteration):
        flow.send(answer(pending, {"error": True, "status": 400}, status=400))
    assert listener.of("status")[-1].category == C.PNBadRequestCategory


def test_listener_may_change_the_subscription_while_a_batch_is_dispatched():
    client = make_client()
    seen = []

    class Subscriber:
        def message(self, pubnub, result):
            seen.append(result.message)
            if result.message == 1:
                pubnub.subscribe().channels("b").execute()

    flow, pending = connect(client, Subscriber(), cursor=500)
    batch = stream(503, message("a", 1, 501), message("a", 2, 502), message("a", 3, 503))
    with pytest.raises(StopIteration):
        flow.send(answer(pending, batch))
    assert seen == [1, 2, 3]  # the batch was received: all of it is delivered
    assert query(next(client.driver.flows[LOOP]))["tt"] == "503"


def test_a_failing_listener_is_logged_and_the_others_still_run(caplog):
    client, listener = make_client(), Listener()

    class Broken:
        def message(self, pubnub, result):
            raise RuntimeError("user bug")

    client.add_listener(Broken())
    flow, pending = connect(client, listener, cursor=500)
    with caplog.at_level(logging.ERROR, logger="pubnub"):
        after = flow.send(answer(pending, stream(501, message("a", "x", 501))))
    assert "user bug" in caplog.text
    assert [m.message for m in listener.of("message")] == ["x"]
    assert isinstance(after, LongPoll) and query(after)["tt"] == "501"


def test_malformed_message_is_skipped_and_the_rest_delivered(caplog):
    client, listener = make_client(), Listener()
    flow, pending = connect(client, listener, cursor=500)
    broken = {"d": "no channel", "p": {"t": "501", "r": 1}}
    with caplog.at_level(logging.WARNING, logger="pubnub"):
        flow.send(answer(pending, stream(502, broken, message("a", "ok", 502))))
    assert [m.message for m in listener.of("message")] == ["ok"]
    assert "malformed" in caplog.text
    assert client.manager._state.timetoken == 502


def test_malformed_envelope_is_a_failure_not_a_crash():
    client, listener = make_client(reconnect_policy=PNReconnectionPolicy.LINEAR), Listener()
    flow, pending = connect(client, listener, cursor=500)
    assert isinstance(flow.send(answer(pending, {"m": []})), Sleep)
    assert listener.of("status")[-1].category == C.PNMalformedResponseCategory
    assert client.manager._state.timetoken == 500


def test_no_heartbeats_with_default_presence_settings():
    client = make_client()
    connect(client)
    assert HEARTBEAT not in client.driver.flows


@pytest.mark.parametrize("option, announced", [
    (PNHeartbeatNotificationOptions.FAILURES, [False, True]),
    (PNHeartbeatNotificationOptions.ALL, [True, True]),
    (PNHeartbeatNotificationOptions.NONE, [False, False]),
])
def test_heartbeats_follow_the_presence_timeout(option, announced):
    client, listener = make_client(heartbeat_notification_options=option), Listener()
    client.config.set_presence_timeout(20)
    _, pending = connect(client, listener, channels=("a",), presence=True)
    assert query(pending)["heartbeat"] == "20"
    client.set_state().channels("a").state({"mood": "ok"}).build_request()
    beat = client.driver.flows[HEARTBEAT]
    assert next(beat) == Sleep(9.0)
    heartbeat = beat.send(None)
    assert isinstance(heartbeat, Heartbeat)
    assert path(heartbeat) == "/v2/presence/sub-key/sub-c-test/channel/a/heartbeat"
    assert query(heartbeat)["heartbeat"] == "20" and query(heartbeat)["state"] == '{"a": {"mood": "ok"}}'
    outcomes = []
    for envelope in (answer(heartbeat, {"status": 200, "message": "OK", "service": "Presence"}),
                     answer(heartbeat, {"error": True}, status=500)):
        before = len(listener.of("status"))
        assert beat.send(envelope) == Sleep(9.0)
        outcomes.append(len(listener.of("status")) > before)
        beat.send(None)
    assert outcomes == announced
    client.manager._stop_heartbeat_timer()
    assert HEARTBEAT not in client.driver.flows


def test_unsubscribing_everything_stops_loop_and_heartbeats():
    client = make_client(enable_presence_heartbeat=True)
    connect(client)
    assert HEARTBEAT in client.driver.flows
    client.unsubscribe_all()
    assert LOOP not in client.driver.flows and HEARTBEAT not in client.driver.flows


def test_core_modules_import_no_io_library():
    code = ("import sys\n"
            "for name in ('tornado', 'asyncio', 'requests'):\n"
            "    sys.modules[name] = None\n"
            "import pubnub._subscription, pubnub._subscription_dispatch, pubnub.builders\n"
            "import pubnub.endpoints.presence.here_now, pubnub.endpoints.presence.where_now\n"
            "import pubnub.endpoints.presence.get_state, pubnub.endpoints.presence.set_state\n"
            "import pubnub.models.consumer.presence\n")
    subprocess.run([sys.executable, "-c", code], check=True)
