"""Presence on the test server: join/leave/timeout events, state, here_now, where_now, caps."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, List

from pubnub.testing.presence import PresenceTracker
from pubnub.testing.settings import ServerSettings
from pubnub.testing.store import Store

from .support import Http

PRES = "/v2/presence/sub-key/demo"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def events(http: Http, cursor: str, channels: str = "ch-pnpres") -> List[Any]:
    return [m["d"] for m in http.get("/v2/subscribe/demo/%s/0?tt=%s&uuid=watcher" % (channels, cursor)).json["m"]]


def watch(http: Http) -> str:
    return str(http.get("/v2/subscribe/demo/ch-pnpres/0?tt=0&uuid=watcher").json["t"]["t"])


def test_join_and_leave_events_carry_integer_occupancy(http: Http) -> None:
    cursor = watch(http)
    http.get("/v2/subscribe/demo/ch/0?tt=0&uuid=a")
    http.get("/v2/subscribe/demo/ch/0?tt=0&uuid=b&state=%7B%22ch%22%3A%7B%22mood%22%3A%22ok%22%7D%7D")
    http.get("/v2/subscribe/demo/ch/0?tt=0&uuid=a")  # already present: no second join
    http.get(PRES + "/channel/ch/leave?uuid=a")
    http.get(PRES + "/channel/ch/leave?uuid=a")  # not present any more: no event
    seen = events(http, cursor)
    assert [(e["action"], e["uuid"], e["occupancy"]) for e in seen] == [("join", "a", 1), ("join", "b", 2),
                                                                        ("leave", "a", 1)]
    assert seen[1]["data"] == {"mood": "ok"}
    assert all(isinstance(e["timestamp"], int) for e in seen)


def test_silent_uuid_times_out(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    server = make_server(presence_sweep_seconds=0.05, long_poll_seconds=4)
    watcher, member = make_http(server), make_http(server)
    cursor = watch(watcher)
    member.get("/v2/subscribe/demo/ch/0?tt=0&uuid=quiet&heartbeat=1")
    seen: List[Any] = []
    for _ in range(3):  # each poll parks until the next event is published
        body = watcher.get("/v2/subscribe/demo/ch-pnpres/0?tt=%s&uuid=watcher" % cursor).json
        cursor, seen = body["t"]["t"], seen + [m["d"] for m in body["m"]]
        if len(seen) == 2:
            break
    assert [(e["action"], e["uuid"], e["occupancy"]) for e in seen] == [("join", "quiet", 1), ("timeout", "quiet", 0)]
    assert member.get(PRES + "/channel/ch").json["occupancy"] == 0


def test_a_request_refreshes_presence_when_it_arrives() -> None:
    clock = Clock()
    store = Store(ServerSettings(), monotonic=clock)
    tracker = PresenceTracker(store)
    keyspace = store.keyspace("demo")
    tracker.touch(keyspace, "u", ["ch"], timeout=10)
    clock.now += 9
    tracker.touch(keyspace, "u", ["ch"], timeout=10)
    clock.now += 9
    assert tracker.sweep() == 0 and [o.uuid for o in tracker.occupants(keyspace, "ch")] == ["u"]
    clock.now += 2
    assert tracker.sweep() == 1 and tracker.occupants(keyspace, "ch") == []
    assert keyspace.where == {}


def test_an_open_long_poll_does_not_keep_a_silent_uuid_present(make_server: Callable[..., Any],
                                                               make_http: Callable[[Any], Http]) -> None:
    """4.x's broken-heartbeat test: heartbeats stop, the subscribe long-poll stays open, the
    service still announces ``timeout`` once the presence timeout has passed."""
    server = make_server(presence_sweep_seconds=0.05, long_poll_seconds=30)
    watcher, member = make_http(server), make_http(server)
    cursor = watch(watcher)
    start = member.get("/v2/subscribe/demo/ch/0?tt=0&uuid=quiet&heartbeat=1").json["t"]["t"]
    with ThreadPoolExecutor(1) as pool:
        held = pool.submit(member.get, "/v2/subscribe/demo/ch/0?tt=%s&uuid=quiet&heartbeat=1" % start)
        assert server.wait_for_parked_polls(1)
        seen: List[Any] = []
        for _ in range(3):  # each poll parks until the next presence event
            body = watcher.get("/v2/subscribe/demo/ch-pnpres/0?tt=%s&uuid=watcher" % cursor).json
            cursor, seen = body["t"]["t"], seen + [m["d"] for m in body["m"]]
            if len(seen) == 2:
                break
        assert [(e["action"], e["uuid"]) for e in seen] == [("join", "quiet"), ("timeout", "quiet")]
        assert not held.done()  # its long-poll is still held
        assert watcher.get(PRES + "/channel/ch").json["occupancy"] == 0
        watcher.get("/publish/demo/demo/0/ch/0/1")  # answers the held poll
        assert held.result(timeout=3).json["m"][0]["d"] == 1


def test_state_of_absent_uuids_expires() -> None:
    clock = Clock()
    store = Store(ServerSettings(presence_timeout=30), monotonic=clock)
    tracker = PresenceTracker(store)
    keyspace = store.keyspace("demo")
    tracker.set_state(keyspace, "u", ["ch"], {"a": 1})
    assert tracker.get_state(keyspace, "u", "ch") == {"a": 1}
    tracker.touch(keyspace, "u", ["ch"])  # joining picks the state up
    assert tracker.occupants(keyspace, "ch")[0].state == {"a": 1}
    tracker.leave(keyspace, "u", ["ch"])
    assert tracker.get_state(keyspace, "u", "ch") == {"a": 1}
    clock.now += 31
    tracker.sweep()
    assert tracker.get_state(keyspace, "u", "ch") is None


def test_occupants_per_channel_are_capped() -> None:
    clock = Clock()
    store = Store(ServerSettings(max_occupants_per_channel=3), monotonic=clock)
    tracker = PresenceTracker(store)
    keyspace = store.keyspace("demo")
    for n in range(5):
        clock.now += 1
        tracker.touch(keyspace, "u%d" % n, ["ch"])
    assert sorted(o.uuid for o in tracker.occupants(keyspace, "ch")) == ["u2", "u3", "u4"]
    assert sorted(keyspace.where) == ["u2", "u3", "u4"]
    presence_channel = keyspace.find("ch-pnpres")
    assert presence_channel is not None
    kinds = [e.plain for e in presence_channel.events]
    assert sum('"action":"timeout"' in k for k in kinds) == 2


def test_state_change_here_now_and_where_now(server: Any, http: Http) -> None:
    server.add_channels_to_group("g", ["a", "b"])
    cursor = http.get("/v2/subscribe/demo/a-pnpres/0?tt=0&uuid=w").json["t"]["t"]
    http.get(PRES + "/channel/,/heartbeat?uuid=u1&channel-group=g")
    http.get(PRES + "/channel/a/uuid/u1/data?state=%7B%22x%22%3A1%7D")
    seen = events(http, cursor, "a-pnpres")
    assert [(e["action"], e.get("data")) for e in seen] == [("join", None), ("state-change", {"x": 1})]
    groups = http.get(PRES + "/channel/,?channel-group=g&state=1").json["payload"]
    assert groups == {"channels": {"a": {"uuids": [{"uuid": "u1", "state": {"x": 1}}], "occupancy": 1},
                                   "b": {"uuids": [{"uuid": "u1"}], "occupancy": 1}},
                      "total_channels": 2, "total_occupancy": 2}
    assert http.get(PRES + "/uuid/u1").json["payload"] == {"channels": ["a", "b"]}
    assert http.get(PRES + "/channel/a,b/uuid/u1").json["payload"] == {"channels": {"a": {"x": 1}}}


def test_subscribers_are_present_while_polling(server: Any, make_http: Callable[[Any], Http]) -> None:
    member, other = make_http(server), make_http(server)
    cursor = member.get("/v2/subscribe/demo/room/0?tt=0&uuid=m").json["t"]["t"]
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(member.get, "/v2/subscribe/demo/room/0?tt=%s&uuid=m" % cursor)
        assert server.wait_for_parked_polls(1)
        assert other.get(PRES + "/channel/room").json["uuids"] == ["m"]
        other.get("/publish/demo/demo/0/room/0/1")
        assert waiting.result(timeout=3).status == 200
