"""Publish and subscribe behaviour of the test server: timetokens, long-poll, catch-up, bursts, groups."""
from __future__ import annotations

import http.client
import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, List, Tuple

import pytest

from .support import Http

PUB = "/publish/demo/demo/0/%s/0/%s"


def publish(http: Http, channel: str, payload: Any, query: str = "uuid=pub") -> int:
    from urllib.parse import quote

    answer = http.get((PUB % (channel, quote(json.dumps(payload), safe=""))) + "?" + query)
    assert answer.status == 200, answer.text
    return int(answer.json[2])


def handshake(http: Http, channels: str = "ch", query: str = "") -> int:
    answer = http.get("/v2/subscribe/demo/%s/0?tt=0&uuid=sub%s" % (channels, query))
    return int(answer.json["t"]["t"])


def poll(http: Http, tt: int, channels: str = "ch", query: str = "") -> Tuple[int, List[Any]]:
    answer = http.get("/v2/subscribe/demo/%s/0?tt=%d&uuid=sub%s" % (channels, tt, query))
    assert answer.status == 200, answer.text
    body = answer.json
    return int(body["t"]["t"]), body["m"]


def payloads(messages: List[Any]) -> List[Any]:
    return [m["d"] for m in messages]


def test_timetokens_are_17_digits_and_strictly_increasing(http: Http) -> None:
    seen = []
    for n in range(30):
        seen.append(http.get("/time/0").json[0])
        seen.append(publish(http, "ch", n))
        seen.append(int(http.get("/signal/demo/demo/0/ch/0/1").json[2]))
    assert all(len(str(tt)) == 17 for tt in seen)
    assert all(a < b for a, b in zip(seen, seen[1:]))


def test_parked_long_poll_wakes_on_publish(server: Any, make_http: Callable[[Any], Http]) -> None:
    listener, talker = make_http(server), make_http(server)
    cursor = handshake(listener)
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        waiting = pool.submit(poll, listener, cursor)
        assert server.wait_for_parked_polls(1)
        sent = publish(talker, "ch", {"text": "wake"})
        new_cursor, messages = waiting.result(timeout=3)
    assert time.monotonic() - started < server.settings.long_poll_seconds
    assert payloads(messages) == [{"text": "wake"}]
    assert messages[0]["p"]["t"] == str(sent) and new_cursor >= sent
    assert server.parked_polls == 0


def test_window_ends_with_empty_answer_and_request_cursor(make_server: Callable[..., Any],
                                                          make_http: Callable[[Any], Http]) -> None:
    server = make_server(long_poll_seconds=0.3)
    http = make_http(server)
    cursor = handshake(http)
    started = time.monotonic()
    answer = http.get("/v2/subscribe/demo/ch/0?tt=%d&tr=42" % cursor)
    assert time.monotonic() - started >= 0.25
    assert answer.json == {"t": {"t": str(cursor), "r": 42}, "m": []}


def test_reconnect_with_old_cursor_catches_up_then_continues(http: Http) -> None:
    cursor = handshake(http)
    for n in range(5):
        publish(http, "ch", n)
    cursor, messages = poll(http, cursor)
    assert payloads(messages) == [0, 1, 2, 3, 4]
    publish(http, "ch", 5)
    again, messages = poll(http, cursor)
    assert payloads(messages) == [5] and again > cursor


def test_burst_larger_than_one_answer_continues_without_loss(make_server: Callable[..., Any],
                                                             make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(max_messages_per_response=10))
    cursor = handshake(http, "a,b")
    for n in range(25):
        publish(http, "a" if n % 2 else "b", n)
    received = []
    for expected in (10, 10, 5):
        cursor, messages = poll(http, cursor, "a,b")
        assert len(messages) == expected
        received += payloads(messages)
    assert received == list(range(25))  # merged across channels, oldest first


def test_catch_up_buffer_keeps_the_newest_messages_only(make_server: Callable[..., Any],
                                                        make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(catchup_messages=5))
    cursor = handshake(http)
    for n in range(8):
        publish(http, "ch", n)
    assert payloads(poll(http, cursor)[1]) == [3, 4, 5, 6, 7]


def test_fire_and_signal_are_delivered_but_not_stored(http: Http) -> None:
    cursor = handshake(http)
    publish(http, "ch", "fired", "store=0&norep=1&uuid=pub")
    http.get("/signal/demo/demo/0/ch/0/%22sig%22?uuid=pub")
    publish(http, "ch", "kept", "store=1&uuid=pub")
    _, messages = poll(http, cursor)
    assert [(m["d"], m.get("e")) for m in messages] == [("fired", None), ("sig", 1), ("kept", None)]
    assert http.get("/v2/history/sub-key/demo/channel/ch").json[0] == ["kept"]


def test_ptto_sets_the_message_timetoken_and_is_still_delivered(http: Http) -> None:
    cursor = handshake(http)
    assert publish(http, "ch", "past", "ptto=16000000000000042") == 16000000000000042
    _, messages = poll(http, cursor)
    assert messages[0]["p"]["t"] == "16000000000000042"


def test_channel_groups_and_presence_groups(server: Any, http: Http) -> None:
    server.add_channels_to_group("g", ["x", "y"])
    cursor = handshake(http, ",", "&channel-group=g,g-pnpres")
    publish(http, "x", 1)
    publish(http, "y", 2)
    http.get("/v2/presence/sub-key/demo/channel/y/heartbeat?uuid=someone")
    _, messages = poll(http, cursor, ",", "&channel-group=g,g-pnpres")
    assert [(m["c"], m["b"]) for m in messages] == [
        ("x-pnpres", "g-pnpres"), ("y-pnpres", "g-pnpres"),  # the subscriber's own joins
        ("x", "g"), ("y", "g"), ("y-pnpres", "g-pnpres")]
    assert [m["d"]["uuid"] for m in messages if m["c"] == "y-pnpres"] == ["sub", "someone"]


def test_channel_subscribed_directly_and_by_group_is_delivered_once(server: Any, http: Http) -> None:
    server.add_channels_to_group("g", ["x"])
    cursor = handshake(http, "x", "&channel-group=g")
    publish(http, "x", 1)
    _, messages = poll(http, cursor, "x", "&channel-group=g")
    assert len(messages) == 1 and "b" not in messages[0]


def test_parked_poll_follows_group_changes(server: Any, make_http: Callable[[Any], Http]) -> None:
    listener, talker = make_http(server), make_http(server)
    cursor = handshake(listener, ",", "&channel-group=late")
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(poll, listener, cursor, ",", "&channel-group=late")
        assert server.wait_for_parked_polls(1)
        server.add_channels_to_group("late", ["z"])
        publish(talker, "z", "after")
        _, messages = waiting.result(timeout=3)
    assert [(m["d"], m["b"]) for m in messages] == [("after", "late")]


@pytest.mark.parametrize("expression, expected", [
    ("lang == 'en'", ["en"]),
    ("lang != 'en'", ["de", "none"]),
    ("meta.n > 1 && lang LIKE 'd*'", ["de"]),
    ("uuid == 'p2'", ["de"]),
    ("!(lang == 'en') || n == 1", ["en", "de", "none"]),
    ("tags CONTAINS 'x'", ["en"]),
])
def test_filter_expressions(http: Http, expression: str, expected: List[str]) -> None:
    from urllib.parse import quote

    query = "&filter-expr=" + quote(expression, safe="")
    cursor = handshake(http, "ch", query)
    publish(http, "ch", "en", "uuid=p1&meta=" + quote('{"lang": "en", "n": 1, "tags": ["x"]}'))
    publish(http, "ch", "de", "uuid=p2&meta=" + quote('{"lang": "de", "n": 2}'))
    publish(http, "ch", "none", "uuid=p3")
    assert payloads(poll(http, cursor, "ch", query)[1]) == expected


def test_filtered_out_events_still_advance_the_cursor(make_server: Callable[..., Any],
                                                      make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(long_poll_seconds=0.2))
    query = "&filter-expr=lang%20%3D%3D%20%27xx%27"
    cursor = handshake(http, "ch", query)
    last = publish(http, "ch", "skipped")
    new_cursor, messages = poll(http, cursor, "ch", query)
    assert messages == [] and new_cursor >= last


def test_stop_answers_parked_polls(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    server = make_server(long_poll_seconds=30)
    http = make_http(server)
    cursor = handshake(http)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(poll, http, cursor)
        assert server.wait_for_parked_polls(1)
        server.stop()
        assert waiting.result(timeout=3) == (cursor, [])


def test_stale_long_polls_are_tolerated_and_released(server: Any, make_http: Callable[[Any], Http]) -> None:
    old, new, talker = make_http(server), make_http(server), make_http(server)
    cursor = handshake(new)
    with ThreadPoolExecutor(2) as pool:
        stale = pool.submit(poll, old, cursor)
        assert server.wait_for_parked_polls(1)
        current = pool.submit(poll, new, cursor)
        assert server.wait_for_parked_polls(2)
        publish(talker, "ch", "both")
        assert payloads(stale.result(timeout=3)[1]) == ["both"]
        assert payloads(current.result(timeout=3)[1]) == ["both"]
        abandoned = pool.submit(poll, old, cursor + 10**12)
        assert server.wait_for_parked_polls(1)
        old.connection.sock.shutdown(socket.SHUT_RDWR)  # the client goes away: its poll is released
        closed = time.monotonic()
        assert server.wait_for_parked_polls(0)
        assert time.monotonic() - closed < server.settings.long_poll_seconds / 2
        with pytest.raises((OSError, http.client.HTTPException)):
            abandoned.result(timeout=3)
