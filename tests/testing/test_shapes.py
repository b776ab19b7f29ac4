"""Every answer of the test server for CORE.md (and MORE.md §1, §8): status, content type, body shape.

Each case runs on a fresh server: optional setup requests, then the request under test (see
``shapes.py``). Placeholders: TT_STR / TT_NUM = a 17-digit timetoken as JSON string / number, INT,
ANY. ``test_shapes_more.py`` holds the MORE.md families and checks that the two tables together
reach every route.
"""
from __future__ import annotations

from typing import Any, Callable

import pytest

from .shapes import Case, Step, get, post, run_case
from .support import ANY, INT, TT_NUM, TT_STR, Http

MT = "16000000000000001"  # a message timetoken set with ptto
PUB = "/publish/demo/demo/0/ch/0"
ACTIONS = "/v1/message-actions/demo/channel/ch"
PRES = "/v2/presence/sub-key/demo"
REACTION = b'{"type": "reaction", "value": "smile"}'


def action(value: str, uuid: str = "u1") -> Step:
    return post("%s/message/%s?uuid=%s" % (ACTIONS, MT, uuid), b'{"type": "reaction", "value": "%s"}' % value.encode())


PUBLISHED = get(PUB + "/%22hi%22?uuid=u1&ptto=" + MT)
ACTION_ITEM = {"type": "reaction", "value": ANY, "actionTimetoken": TT_STR, "messageTimetoken": MT, "uuid": "u1"}
ERR_ACTIONS_INPUT = {"status": 400, "error": {
    "source": "actions", "message": "Request payload contained invalid input.",
    "details": [{"message": ANY, "location": ANY, "locationType": ANY}]}}
HISTORY_OK = {"status": 200, "error": False, "error_message": ""}
PRESENCE_OK = {"status": 200, "message": "OK", "service": "Presence"}


def message(**extra: Any) -> Any:
    envelope = {"a": "1", "f": 0, "i": "u1", "p": {"t": TT_STR, "r": 1}, "k": "demo", "c": "ch", "d": "hi"}
    envelope.update(extra)
    return envelope


CASES = [
    # time, publish, fire, signal (CORE §3, §4; MORE §8)
    Case("time", "GET", "/time/0", 200, [TT_NUM]),
    Case("publish GET", "GET", PUB + "/%7B%22a%22%3A%201%7D?uuid=u1&seqn=1", 200, [1, "Sent", TT_STR]),
    Case("publish POST", "POST", PUB + "?uuid=u1", 200, [1, "Sent", TT_STR], b'{"a": 1}'),
    Case("fire", "GET", PUB + "/%22x%22?store=0&norep=1", 200, [1, "Sent", TT_STR]),
    Case("publish ptto", "GET", PUB + "/1?ptto=" + MT, 200, [1, "Sent", MT]),
    Case("publish invalid JSON", "GET", PUB + "/hello", 400, [0, "Invalid JSON", TT_STR]),
    Case("publish POST invalid JSON", "POST", PUB, 400, [0, "Invalid JSON", TT_STR], b"{oops"),
    Case("publish NaN", "GET", PUB + "/NaN", 400, [0, "Invalid JSON", TT_STR]),
    Case("publish too large", "POST", PUB, 400, [0, "Message Too Large", TT_STR], b'"' + b"x" * 33000 + b'"'),
    Case("signal", "GET", "/signal/demo/demo/0/ch/0/%22typing%22?uuid=u1", 200, [1, "Sent", TT_STR]),
    Case("signal too large", "GET", "/signal/demo/demo/0/ch/0/%22" + "x" * 80 + "%22", 400,
         [0, "Signal size too large", TT_STR]),
    # subscribe (CORE §6)
    Case("subscribe handshake", "GET", "/v2/subscribe/demo/ch/0?tt=0&uuid=u1", 200,
         {"t": {"t": TT_STR, "r": 1}, "m": []}),
    Case("subscribe message", "GET", "/v2/subscribe/demo/ch/0?tt=1&tr=7&uuid=u2", 200,
         {"t": {"t": TT_STR, "r": 7}, "m": [message(s=3, u={"k": "v"})]},
         setup=[get(PUB + "/%22hi%22?uuid=u1&seqn=3&meta=%7B%22k%22%3A%22v%22%7D")]),
    Case("subscribe signal", "GET", "/v2/subscribe/demo/ch/0?tt=1", 200,
         {"t": {"t": TT_STR, "r": 1}, "m": [message(e=1)]}, setup=[get("/signal/demo/demo/0/ch/0/%22hi%22?uuid=u1")]),
    Case("subscribe via group", "GET", "/v2/subscribe/demo/,/0?tt=1&channel-group=g", 200,
         {"t": {"t": TT_STR, "r": 1}, "m": [message(b="g")]},
         setup=[("GROUP", "g", b"ch"), get(PUB + "/%22hi%22?uuid=u1")]),
    Case("subscribe presence join", "GET", "/v2/subscribe/demo/ch,ch-pnpres/0?tt=1&uuid=u2", 200,
         {"t": {"t": TT_STR, "r": 1}, "m": [{
             "a": "1", "f": 0, "p": {"t": TT_STR, "r": 1}, "k": "demo", "c": "ch-pnpres", "b": "ch-pnpres",
             "d": {"action": "join", "uuid": "u2", "timestamp": INT, "occupancy": 1}}]}),
    Case("subscribe action event", "GET", "/v2/subscribe/demo/ch/0?tt=1", 200,
         {"t": {"t": TT_STR, "r": 1}, "m": [{
             "a": "1", "f": 0, "e": 3, "i": "u1", "p": {"t": TT_STR, "r": 1}, "k": "demo", "c": "ch",
             "d": {"source": "actions", "version": "1.0", "event": "added",
                   "data": {"messageTimetoken": MT, "type": "reaction", "value": "smile",
                            "actionTimetoken": TT_STR}}}]},
         setup=[action("smile")]),
    Case("subscribe bad tt", "GET", "/v2/subscribe/demo/ch/0?tt=abc", 400,
         {"message": "Invalid tt", "error": True, "service": "Balancer", "status": 400}),
    Case("subscribe bad filter", "GET", "/v2/subscribe/demo/ch/0?tt=0&filter-expr=a%20%3D%3D", 400,
         {"message": "Invalid filter expression", "error": True, "service": "Balancer", "status": 400}),
    # history v2, fetch v3, with actions, counts, delete (CORE §8)
    Case("history empty", "GET", "/v2/history/sub-key/demo/channel/ch", 200, [[], 0, 0]),
    Case("history", "GET", "/v2/history/sub-key/demo/channel/ch", 200, [["hi"], TT_NUM, TT_NUM], setup=[PUBLISHED]),
    Case("history with token and meta", "GET",
         "/v2/history/sub-key/demo/channel/ch?include_token=true&include_meta=true", 200,
         [[{"message": "hi", "meta": "", "timetoken": 16000000000000001}], 16000000000000001, 16000000000000001],
         setup=[PUBLISHED]),
    Case("history bad count", "GET", "/v2/history/sub-key/demo/channel/ch?count=x", 400,
         {"status": 400, "error": True, "error_message": "Invalid Arguments", "channels": {}}),
    Case("fetch empty", "GET", "/v3/history/sub-key/demo/channel/ch,other", 200, dict(HISTORY_OK, channels={})),
    Case("fetch", "GET", "/v3/history/sub-key/demo/channel/ch,other?include_meta=true", 200,
         dict(HISTORY_OK, channels={"ch": [{"message": "hi", "timetoken": MT, "meta": ""}]}), setup=[PUBLISHED]),
    Case("history with actions", "GET", "/v3/history-with-actions/sub-key/demo/channel/ch?include_meta=true", 200,
         dict(HISTORY_OK, channels={"ch": [{"message": "hi", "timetoken": MT, "meta": "", "actions": {
             "reaction": {"smile": [{"uuid": "u1", "actionTimetoken": TT_STR}]}}}]}),
         setup=[PUBLISHED, action("smile")]),
    Case("history with actions max", "GET", "/v3/history-with-actions/sub-key/demo/channel/ch?max=1", 200,
         dict(HISTORY_OK, channels={"ch": [{"message": 2, "timetoken": TT_STR}]}),
         setup=[get(PUB + "/1"), get(PUB + "/2")]),
    Case("history with actions more", "GET", "/v3/history-with-actions/sub-key/demo/channel/ch", 200,
         dict(HISTORY_OK, channels={"ch": [{"message": "hi", "timetoken": MT, "actions": {
             "reaction": {"smile": [{"uuid": "u1", "actionTimetoken": TT_STR}]}}}]}, more={"url": ANY, "start": MT}),
         setup=[get(PUB + "/1?ptto=16000000000000000"), PUBLISHED, action("smile")],
         settings={"history_actions_limit": 0}),
    Case("message counts", "GET", "/v3/history/sub-key/demo/message-counts/ch?timetoken=16000000000000000", 200,
         dict(HISTORY_OK, channels={"ch": 1}), setup=[PUBLISHED]),
    Case("message counts raw comma", "GET",
         "/v3/history/sub-key/demo/message-counts/ch,other?channelsTimetoken=16000000000000000,16000000000000000", 200,
         dict(HISTORY_OK, channels={"ch": 1, "other": 0}), setup=[PUBLISHED]),
    Case("message counts %2C", "GET",
         "/v3/history/sub-key/demo/message-counts/ch,other?channelsTimetoken=16000000000000001%2C1", 200,
         dict(HISTORY_OK, channels={"ch": 0, "other": 0}), setup=[PUBLISHED]),
    Case("message counts mismatch", "GET", "/v3/history/sub-key/demo/message-counts/a,b?channelsTimetoken=1,2,3", 400,
         {"status": 400, "error": True, "error_message": "Invalid Arguments", "channels": {}}),
    Case("delete messages", "DELETE", "/v3/history/sub-key/demo/channel/ch?start=2&end=1", 200, HISTORY_OK),
    # message actions (CORE §7)
    Case("add action", "POST", "%s/message/%s?uuid=u1" % (ACTIONS, MT), 200,
         {"status": 200, "data": dict(ACTION_ITEM, value="smile")}, REACTION),
    Case("add action missing value", "POST", "%s/message/%s?uuid=u1" % (ACTIONS, MT), 400,
         {"status": 400, "error": {"source": "actions", "message": "Request payload contained invalid input.",
                                   "details": [{"message": "Missing field", "location": "value",
                                                "locationType": "body"}]}}, b'{"type": "reaction"}'),
    Case("add action bad JSON", "POST", "%s/message/%s?uuid=u1" % (ACTIONS, MT), 400, ERR_ACTIONS_INPUT, b"{nope"),
    Case("add action bad timetoken", "POST", "%s/message/abc?uuid=u1" % ACTIONS, 400, ERR_ACTIONS_INPUT, REACTION),
    Case("add action twice", "POST", "%s/message/%s?uuid=u1" % (ACTIONS, MT), 409,
         {"status": 409, "error": {"source": "actions", "message": "Action Already Added"}}, REACTION,
         setup=[action("smile")]),
    Case("remove unknown action", "DELETE", "%s/message/%s/action/16000000000000009?uuid=u1" % (ACTIONS, MT), 400,
         {"status": 400, "error": {"source": "actions", "message": "No matching message actions to delete"}}),
    Case("get actions empty", "GET", ACTIONS, 200, {"status": 200, "data": []}),
    Case("get actions", "GET", ACTIONS, 200, {"status": 200, "data": [ACTION_ITEM]}, setup=[action("a")]),
    Case("get actions more", "GET", ACTIONS + "?limit=2&end=1", 200,
         {"status": 200, "data": [ACTION_ITEM, ACTION_ITEM],
          "more": {"url": ANY, "start": TT_STR, "end": "1", "limit": 2}},
         setup=[action("a"), action("b"), action("c")]),
    Case("get actions bad limit", "GET", ACTIONS + "?limit=0", 400, ERR_ACTIONS_INPUT),
    # presence (CORE §6.9-6.10, MORE §1)
    Case("leave", "GET", PRES + "/channel/ch/leave?uuid=u1", 200,
         {"status": 200, "message": "OK", "action": "leave", "service": "Presence"}),
    Case("heartbeat", "GET", PRES + "/channel/ch/heartbeat?heartbeat=60&uuid=u1", 200, PRESENCE_OK),
    Case("heartbeat bad state", "GET", PRES + "/channel/ch/heartbeat?uuid=u1&state=%5B1%5D", 400,
         {"status": 400, "message": "Invalid state", "error": True, "service": "Presence"}),
    Case("here now one channel", "GET", PRES + "/channel/ch", 200, dict(PRESENCE_OK, uuids=["u1"], occupancy=1),
         setup=[get(PRES + "/channel/ch/heartbeat?uuid=u1")]),
    Case("here now state", "GET", PRES + "/channel/ch?state=1", 200,
         dict(PRESENCE_OK, uuids=[{"uuid": "u1", "state": {"a": 1}}, {"uuid": "u2"}], occupancy=2),
         setup=[get(PRES + "/channel/ch/heartbeat?uuid=u1&state=%7B%22ch%22%3A%7B%22a%22%3A1%7D%7D"),
                get(PRES + "/channel/ch/heartbeat?uuid=u2")]),
    Case("here now no uuids", "GET", PRES + "/channel/ch?disable_uuids=1", 200, dict(PRESENCE_OK, occupancy=0)),
    Case("here now several", "GET", PRES + "/channel/ch,empty", 200,
         dict(PRESENCE_OK, payload={"channels": {"ch": {"uuids": ["u1"], "occupancy": 1}}, "total_channels": 1,
                                    "total_occupancy": 1}), setup=[get(PRES + "/channel/ch/heartbeat?uuid=u1")]),
    Case("here now global", "GET", PRES, 200,
         dict(PRESENCE_OK, payload={"channels": {}, "total_channels": 0, "total_occupancy": 0})),
    Case("where now", "GET", PRES + "/uuid/u1", 200, dict(PRESENCE_OK, payload={"channels": ["a", "ch"]}),
         setup=[get(PRES + "/channel/ch,a/heartbeat?uuid=u1")]),
    Case("set state", "GET", PRES + "/channel/ch/uuid/u1/data?state=%7B%22mood%22%3A%22ok%22%7D", 200,
         dict(PRESENCE_OK, payload={"mood": "ok"})),
    Case("set state not an object", "GET", PRES + "/channel/ch/uuid/u1/data?state=5", 400,
         {"status": 400, "message": "Invalid state", "error": True, "service": "Presence"}),
    Case("get state one channel", "GET", PRES + "/channel/ch/uuid/u1", 200,
         dict(PRESENCE_OK, uuid="u1", channel="ch", payload={"mood": "ok"}),
         setup=[get(PRES + "/channel/ch/uuid/u1/data?state=%7B%22mood%22%3A%22ok%22%7D")]),
    Case("get state several", "GET", PRES + "/channel/ch,x/uuid/u1", 200,
         dict(PRESENCE_OK, uuid="u1", payload={"channels": {"ch": {"mood": "ok"}}}),
         setup=[get(PRES + "/channel/ch/uuid/u1/data?state=%7B%22mood%22%3A%22ok%22%7D")]),
    # the rest
    Case("unknown path", "GET", "/v9/nothing/here", 404,
         {"message": "Not Found", "error": True, "service": "Balancer", "status": 404}),
    Case("wrong method", "DELETE", "/time/0", 405,
         {"message": "Method Not Allowed", "error": True, "service": "Balancer", "status": 405}),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_answer(case: Case, make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    run_case(case, make_server, make_http)
