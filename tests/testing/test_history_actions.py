"""History, fetch, counts, delete and message actions on the test server (CORE §7, §8)."""
from __future__ import annotations

from typing import Any, Callable, Dict, List

from .support import Http

BASE = 16000000000000000
HISTORY = "/v2/history/sub-key/demo/channel/ch"
ACTIONS = "/v1/message-actions/demo/channel/ch"


def publish_numbered(http: Http, count: int, channel: str = "ch") -> List[int]:
    """Messages 1..count with timetokens BASE+1..BASE+count (set with ptto)."""
    for n in range(1, count + 1):
        assert http.get("/publish/demo/demo/0/%s/0/%d?ptto=%d" % (channel, n, BASE + n)).status == 200
    return [BASE + n for n in range(1, count + 1)]


def history(http: Http, query: str = "") -> Any:
    return http.get(HISTORY + "?" + query).json


def test_history_v2_ranges_count_and_reverse(http: Http) -> None:
    publish_numbered(http, 10)
    assert history(http) == [list(range(1, 11)), BASE + 1, BASE + 10]
    assert history(http, "count=3")[0] == [8, 9, 10]  # newest three, oldest first
    assert history(http, "count=3&reverse=true")[0] == [1, 2, 3]
    assert history(http, "start=%d" % (BASE + 5))[0] == [1, 2, 3, 4]  # start is exclusive
    assert history(http, "end=%d" % (BASE + 8))[0] == [8, 9, 10]  # end is inclusive
    assert history(http, "start=%d&end=%d&count=2" % (BASE + 9, BASE + 3))[0] == [7, 8]
    assert history(http, "start=%d&end=%d" % (BASE + 3, BASE + 3)) == [[], 0, 0]
    assert history(http, "count=500")[0] == list(range(1, 11))
    tokens = history(http, "include_token=true&count=2")
    assert tokens == [[{"message": 9, "timetoken": BASE + 9}, {"message": 10, "timetoken": BASE + 10}],
                      BASE + 9, BASE + 10]


def test_history_keeps_meta_and_exact_payloads(http: Http) -> None:
    http.get("/publish/demo/demo/0/ch/0/%7B%22text%22%3A%20%22h%5Cu00e9%22%7D?meta=%7B%22m%22%3A1%7D")
    http.request("POST", "/publish/demo/demo/0/ch/0", b'["a", {"b": null}]')
    entries = history(http, "include_meta=true")[0]
    assert [(e["message"], e["meta"]) for e in entries] == [({"text": "hé"}, {"m": 1}), (["a", {"b": None}], "")]


def test_fetch_v3_several_channels(http: Http) -> None:
    publish_numbered(http, 30, "a")
    http.get("/publish/demo/demo/0/b/0/%22only%22")
    body = http.get("/v3/history/sub-key/demo/channel/a,b,c").json
    assert sorted(body["channels"]) == ["a", "b"]  # empty channels are omitted
    assert [m["message"] for m in body["channels"]["a"]] == list(range(6, 31))  # 25 per channel by default
    one = http.get("/v3/history/sub-key/demo/channel/a?max=5&start=%d" % (BASE + 20)).json["channels"]["a"]
    assert [(m["message"], m["timetoken"]) for m in one] == [(n, str(BASE + n)) for n in range(15, 20)]
    single = http.get("/v3/history/sub-key/demo/channel/a").json["channels"]["a"]
    assert len(single) == 30


def test_history_with_actions_max_alone_never_adds_more(http: Http) -> None:
    """Recorded: a channel of 120 messages, ``max=25`` -> the newest 25, no ``more``."""
    publish_numbered(http, 120)
    body = http.get("/v3/history-with-actions/sub-key/demo/channel/ch?max=25").json
    assert [m["message"] for m in body["channels"]["ch"]] == list(range(96, 121))
    assert "more" not in body
    small = http.get("/v3/history-with-actions/sub-key/demo/channel/ch?max=2&start=%d" % (BASE + 50)).json
    assert [m["message"] for m in small["channels"]["ch"]] == [48, 49] and "more" not in small


def add_actions(http: Http, message: int, count: int) -> None:
    for n in range(count):
        answer = http.request("POST", "%s/message/%d?uuid=u%d" % (ACTIONS, BASE + message, n),
                              b'{"type": "receipt", "value": "read"}')
        assert answer.status == 200, answer.text


def test_history_with_actions_is_cut_at_the_action_limit(make_server: Callable[..., Any],
                                                         make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(history_actions_limit=4))
    publish_numbered(http, 8)
    for message, count in ((8, 2), (7, 2), (6, 1), (3, 5)):
        add_actions(http, message, count)
    path = "/v3/history-with-actions/sub-key/demo/channel/ch?max=6&include_meta=true"
    pages: List[List[int]] = []
    while path:
        body = http.get(path).json
        pages.append([m["message"] for m in body["channels"]["ch"]])
        more = body.get("more")
        if more is not None:
            assert set(more) == {"url", "start"} and more["start"] == body["channels"]["ch"][0]["timetoken"]
            assert all("meta" in m for m in body["channels"]["ch"])
        path = more["url"] if more is not None else ""
    # 8 and 7 fill the 4 actions; 6 would pass them. A message with more actions than the limit
    # still comes (alone); after that the newest-6 window of the continued request is reached.
    assert pages == [[7, 8], [4, 5, 6], [3], [1, 2]]


def test_history_with_actions_carry_the_actions(http: Http) -> None:
    publish_numbered(http, 5)
    add_actions(http, 5, 2)
    body = http.get("/v3/history-with-actions/sub-key/demo/channel/ch").json
    seen = body["channels"]["ch"]
    assert [m["message"] for m in seen] == [1, 2, 3, 4, 5] and "more" not in body
    assert [a["uuid"] for a in seen[-1]["actions"]["receipt"]["read"]] == ["u0", "u1"]
    assert all("actions" not in m for m in seen[:-1])


def test_message_counts(http: Http) -> None:
    publish_numbered(http, 4, "a")
    publish_numbered(http, 2, "b")
    counts = "/v3/history/sub-key/demo/message-counts/"
    assert http.get(counts + "a?timetoken=%d" % (BASE + 1)).json["channels"] == {"a": 3}
    raw = http.get(counts + "a,b,zz?channelsTimetoken=%d,%d,1" % (BASE, BASE + 1)).json["channels"]
    encoded = http.get(counts + "a,b,zz?channelsTimetoken=%d%%2C%d%%2C1" % (BASE, BASE + 1)).json["channels"]
    assert raw == encoded == {"a": 4, "b": 1, "zz": 0}


def test_delete_messages_ranges(http: Http) -> None:
    publish_numbered(http, 6)
    delete = "/v3/history/sub-key/demo/channel/ch?"
    assert http.request("DELETE", delete + "end=%d&start=%d" % (BASE + 2, BASE + 3)).status == 200  # one message
    assert history(http)[0] == [1, 3, 4, 5, 6]
    http.request("DELETE", delete + "start=%d&end=%d" % (BASE + 5, BASE + 5))  # equal bounds: nothing
    assert history(http)[0] == [1, 3, 4, 5, 6]
    http.request("DELETE", delete + "start=%d" % (BASE + 4))  # everything before start
    assert history(http)[0] == [4, 5, 6]
    http.request("DELETE", delete)
    assert history(http) == [[], 0, 0]


def add(http: Http, value: str, uuid: str = "u1", mtt: int = BASE + 1) -> Dict[str, Any]:
    answer = http.request("POST", "%s/message/%d?uuid=%s" % (ACTIONS, mtt, uuid),
                          b'{"type": "reaction", "value": "%s"}' % value.encode())
    assert answer.status == 200, answer.text
    data: Dict[str, Any] = answer.json["data"]
    return data


def test_action_paging_follows_more_without_loss_or_repeats(http: Http) -> None:
    added = [add(http, "v%d" % n) for n in range(7)]
    answer = http.get(ACTIONS + "?limit=3").json
    assert [a["value"] for a in answer["data"]] == ["v4", "v5", "v6"]  # the newest page first
    collected = list(answer["data"])
    pages = 1
    while "more" in answer:
        answer = http.get(answer["more"]["url"]).json
        collected = answer["data"] + collected
        pages += 1
    assert pages == 3
    assert collected == added
    times = [int(a["actionTimetoken"]) for a in collected]
    assert times == sorted(set(times))


def test_action_range_and_limit_cap(http: Http) -> None:
    added = [add(http, "v%d" % n) for n in range(5)]
    times = [int(a["actionTimetoken"]) for a in added]
    window = http.get(ACTIONS + "?start=%d&end=%d" % (times[3], times[1])).json
    assert [a["value"] for a in window["data"]] == ["v1", "v2"] and "more" not in window
    assert len(http.get(ACTIONS + "?limit=1000").json["data"]) == 5


def test_removing_actions(server: Any, make_http: Callable[[Any], Http]) -> None:
    http = make_http(server)
    data = add(http, "smile", uuid="owner")
    remove = "%s/message/%s/action/%s" % (ACTIONS, data["messageTimetoken"], data["actionTimetoken"])
    wrong = http.request("DELETE", remove + "?uuid=intruder")
    assert (wrong.status, wrong.json["error"]["message"]) == (400, "Not deleting message action: wrong uuid specified")
    assert http.request("DELETE", remove + "?uuid=owner").json == {"status": 200, "data": {}}
    assert http.get(ACTIONS).json["data"] == []
    again = http.request("DELETE", remove + "?uuid=owner")
    assert (again.status, again.json["error"]["message"]) == (400, "No matching message actions to delete")
    assert http.request("POST", "%s/message/%d?uuid=x" % (ACTIONS, BASE), b'{"type": "t", "value": "v"}').status == 200
    assert http.request("POST", "%s/message/%d?uuid=x" % (ACTIONS, BASE), b'{"type": "t", "value": "v"}').status == 409
    assert http.request("POST", "%s/message/%d?uuid=y" % (ACTIONS, BASE), b'{"type": "t", "value": "v"}').status == 200


def test_action_events_reach_subscribers(http: Http) -> None:
    cursor = http.get("/v2/subscribe/demo/ch/0?tt=0").json["t"]["t"]
    data = add(http, "smile", uuid="actor")
    http.request("DELETE", "%s/message/%s/action/%s?uuid=actor" % (ACTIONS, data["messageTimetoken"],
                                                                   data["actionTimetoken"]))
    events = http.get("/v2/subscribe/demo/ch/0?tt=%s" % cursor).json["m"]
    assert [(m["e"], m["i"], m["d"]["event"], m["d"]["data"]["actionTimetoken"]) for m in events] == [
        (3, "actor", "added", data["actionTimetoken"]), (3, "actor", "removed", data["actionTimetoken"])]
    assert history(http) == [[], 0, 0]  # events are not stored messages
