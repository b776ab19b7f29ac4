"""The store's byte budget (``max_stored_bytes``): everything kept for clients is charged, one form
per message, the oldest goes first, catch-up windows go whole, and nothing breaks."""
from __future__ import annotations

import gc
import json
import sys
from typing import Any, Callable, Dict, List

from pubnub.testing.budget import Budget
from pubnub.testing.records import ITEM_OVERHEAD, Event, StoredMessage

from .support import Http, multipart

KB = 1024


def test_the_budget_evicts_oldest_first_and_skips_released_charges() -> None:
    budget = Budget(100)
    evicted: List[str] = []
    charges: Dict[str, Any] = {}

    def evictor(name: str) -> Callable[[], None]:
        return lambda: (evicted.append(name), budget.release(charges[name]))[0]
    for name in "abc":
        charges[name] = budget.charge(40, evictor(name))
    assert evicted == ["a"] and budget.used == 80  # 120 > 100: the oldest went
    budget.release(charges["b"])  # deleted by a client: never evicted later
    budget.release(charges["b"])  # twice is harmless
    charges["d"] = budget.charge(70, evictor("d"))
    assert evicted == ["a", "c"] and budget.used == 70
    budget.charge(500, lambda: None)  # an item that does not release itself is released anyway
    assert budget.used == 0 and evicted == ["a", "c", "d"]


def stored(server: Any) -> Dict[str, Any]:
    """What the server keeps, read on its loop: windows and history per channel, and the budget."""
    def read() -> Dict[str, Any]:
        keyspace = server.store.keyspace("demo")
        events = {id(e): e for ch in keyspace.channels.values() for e in ch.events}
        events.update({id(m.event): m.event for ch in keyspace.channels.values() for m in ch.history})
        return {"used": server.store.budget.used,
                "plain": sum(sys.getsizeof(e.plain) for e in events.values()), "count": len(events),
                "windows": {name: [e.seq for e in ch.events] for name, ch in keyspace.channels.items()},
                "history": {name: len(ch.history) for name, ch in keyspace.channels.items()}}
    return server.call(read)  # type: ignore[no-any-return]


def test_publishes_past_the_budget_keep_memory_bounded(make_server: Callable[..., Any],
                                                       make_http: Callable[[Any], Http]) -> None:
    limit = 600 * KB
    server = make_server(max_stored_bytes=limit)
    http = make_http(server)
    sent: Dict[str, List[int]] = {}
    for n in range(100):  # 100 x 30 KB = 3 MB through a 600 KB budget, over 10 channels
        channel = "ch-%d" % (n % 10)
        body = json.dumps({"n": n, "text": "x" * 30_000}).encode()
        answer = http.request("POST", "/publish/demo/demo/0/%s/0?meta=%%7B%%22n%%22%%3A%d%%7D" % (channel, n), body)
        assert answer.status == 200
        sent.setdefault(channel, []).append(n)
        state = stored(server)
        assert state["used"] <= limit
        # the accounting is real: every kept envelope is counted, once, with its overhead
        assert state["used"] == state["plain"] + state["count"] * ITEM_OVERHEAD
    newest = http.get("/v3/history/sub-key/demo/channel/ch-9?include_meta=true").json["channels"]["ch-9"]
    assert newest and newest[-1]["message"]["n"] == 99 and newest[-1]["meta"] == {"n": 99}
    kept = sorted(item["n"] for n in range(10)
                  for item in http.get("/v2/history/sub-key/demo/channel/ch-%d" % n).json[0])
    assert kept == list(range(100 - len(kept), 100)) and 10 < len(kept) < 25  # the oldest went first
    assert http.get("/time/0").status == 200


def test_a_message_is_kept_in_one_form(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    server = make_server()
    http = make_http(server)
    payload = json.dumps("y" * 20_000)
    assert http.request("POST", "/publish/demo/demo/0/ch/0?meta=%7B%22k%22%3A1%7D", payload.encode()).status == 200

    def big_strings() -> List[int]:
        gc.collect()
        channel = server.store.keyspace("demo").find("ch")
        roots = [channel.events[0], channel.history[0]]
        seen: Dict[int, int] = {}
        for root in roots:
            for item in gc.get_referents(root):
                if isinstance(item, (str, bytes)) and len(item) > 10_000:
                    seen[id(item)] = len(item)
        return list(seen.values())
    assert len(server.call(big_strings)) == 1  # the envelope only: no raw body, no decoded copy, no second text
    assert http.get("/v2/history/sub-key/demo/channel/ch").json[0] == [json.loads(payload)]


def test_catch_up_windows_go_whole(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    limit = 400 * KB
    server = make_server(max_stored_bytes=limit, catchup_messages=100)
    http = make_http(server)
    seqs: Dict[str, List[int]] = {}
    dropped = set()
    for n in range(60):
        channel = "ch-%d" % (n % 3) if n < 45 else "hot"
        body = json.dumps("x" * 20_000).encode()
        answer = http.request("POST", "/publish/demo/demo/0/%s/0" % channel, body)
        seqs.setdefault(channel, []).append(int(answer.json[2]))
        for name, window in stored(server)["windows"].items():
            # whole: every event of the channel since the window's first one, or nothing at all
            assert window == (seqs[name][-len(window):] if window else []), name
            if not window:
                dropped.add(name)
    state = stored(server)
    assert state["used"] <= limit and dropped == {"ch-0", "ch-1", "ch-2"}
    assert len(state["windows"]["hot"]) == 15  # the newest channel's window is intact
    cursor = seqs["hot"][4]
    caught_up = http.get("/v2/subscribe/demo/hot/0?tt=%d" % cursor).json["m"]
    assert len(caught_up) == 10  # a subscriber behind by ten still gets them all


def test_actions_files_and_objects_are_charged_and_evicted(make_server: Callable[..., Any],
                                                           make_http: Callable[[Any], Http]) -> None:
    limit = 400 * KB
    server = make_server(max_stored_bytes=limit)
    http = make_http(server)
    names = []
    for n in range(12):  # 12 x 50 KB names
        names.append("u%d" % n)
        answer = http.request("PATCH", "/v2/objects/demo/uuids/u%d" % n, json.dumps({"name": "n" * 50_000}).encode())
        assert answer.status == 200
        assert server.call(lambda: server.store.budget.used) <= limit
    before = present(http)
    assert before == list(range(12 - len(before), 12)) and 0 not in before  # the oldest went
    form = http.request("POST", "/v1/files/demo/channels/ch/generate-upload-url", b'{"name": "f"}').json
    body, content_type = multipart(form["file_upload_request"]["form_fields"], "f", b"z" * 200_000)
    upload = http.request("POST", "/" + form["file_upload_request"]["url"].split("/", 3)[3], body,
                          {"Content-Type": content_type})
    assert upload.status == 204
    assert server.call(lambda: server.store.budget.used) <= limit
    after = present(http)
    assert after == before[len(before) - len(after):] and 0 < len(after) < len(before)  # older than the file
    for n in range(40):
        answer = http.request("POST", "/v1/message-actions/demo/channel/ch/message/16000000000000001?uuid=u",
                              json.dumps({"type": "t", "value": "v%d-%s" % (n, "a" * 10_000)}).encode())
        assert answer.status == 200
        assert server.call(lambda: server.store.budget.used) <= limit
    file_id = form["data"]["id"]
    assert http.get("/v1/files/demo/channels/ch/files").json["data"] == []  # the file went for the actions
    assert http.get("/file-download/demo/ch/%s/f" % file_id).status == 404
    kept = http.get("/v1/message-actions/demo/channel/ch?limit=100").json["data"]
    assert kept and kept[-1]["value"].startswith("v39-")


def present(http: Http) -> List[int]:
    return [n for n in range(12) if http.get("/v2/objects/demo/uuids/u%d" % n).status == 200]


def test_dropped_channels_and_deleted_data_release_their_bytes(make_server: Callable[..., Any],
                                                               make_http: Callable[[Any], Http]) -> None:
    server = make_server(max_channels=5)
    http = make_http(server)
    for n in range(20):
        http.request("POST", "/publish/demo/demo/0/ch-%d/0" % n, json.dumps("x" * 1000).encode())
    state = stored(server)
    assert state["used"] == state["plain"] + state["count"] * ITEM_OVERHEAD  # evicted channels released
    for n in range(15, 20):
        assert http.request("DELETE", "/v3/history/sub-key/demo/channel/ch-%d" % n).status == 200
    server.call(lambda: [ch.drop_window() for ch in server.store.keyspace("demo").channels.values()])
    assert stored(server)["used"] == 0


def test_an_event_outside_window_and_history_is_released() -> None:
    from pubnub.testing.settings import ServerSettings
    from pubnub.testing.store import Store

    store = Store(ServerSettings(catchup_messages=2, history_per_channel=3))
    channel = store.keyspace("demo").channel("ch")
    for n in range(6):
        event = Event(n + 1, 0.0, '{"d":%d' % n, True, None, 1)
        channel.push_event(event)
        if n % 2 == 0:
            channel.store_message(StoredMessage(n + 1, event, None))
    kept = {id(e): e for e in channel.events} | {id(m.event): m.event for m in channel.history}
    assert store.budget.used == sum(e.size() for e in kept.values())


def test_released_charges_at_the_head_of_the_queue_are_dropped_at_once() -> None:
    budget = Budget(1000)
    charges = [budget.charge(10, lambda: None) for _ in range(5)]
    budget.release(charges[1])  # not the oldest: stays queued until compaction or eviction
    assert len(budget._queue) == 5
    budget.release(charges[0])  # the oldest: dropped, and the released one behind it too
    assert list(budget._queue) == charges[2:] and budget._released == 0 and budget.used == 30
    budget.charge(990, lambda: None)  # eviction still takes the oldest live charges first
    assert [c.charged for c in charges] == [0, 0, 0, 0, 10] and budget.used == 1000
