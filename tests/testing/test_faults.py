"""Fault injection of the test server over plain HTTP: what each kind does on the wire, which
requests a fault hits, for how long, and the Python API around it (``pubnub.testing.faults``)."""
from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, List

import pytest

from pubnub.testing import Fault
from pubnub.testing.app import SERVICE_ROUTES
from pubnub.testing.faults import FAMILIES, FAMILY_OF
from pubnub.testing.operations import OPERATIONS

from .support import Http

PUBLISH = "/publish/demo/demo/0/%s/0/%%22hi%%22"
HISTORY = "/v2/history/sub-key/demo/channel/%s"


def publish(http: Http, channel: str = "ch") -> int:
    return http.get(PUBLISH % channel).status


def open_connections(server: Any) -> int:
    return server.call(lambda: len(server._http.connections))


def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Whether ``condition()`` (a round trip to the server's loop) turns true within ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
    return True


def fresh(server: Any) -> Http:
    """A new connection (a reset or a stall ends the one it hit)."""
    return Http(server.origin)


# ----- the Fault value and its spec --------------------------------------------------------------

def test_spec_round_trip() -> None:
    fault = Fault.parse("5xx:publish:status=502,channel=orders,count=3")
    assert fault == Fault("5xx", operation="publish", channel="orders", count=3, status=502)
    assert Fault.parse(str(fault)) == fault
    assert Fault.parse("latency:delay=0.5,duration=30") == Fault("latency", delay=0.5, duration=30.0)
    assert Fault.parse("reset:*:count=2") == Fault.parse("reset::count=2") == Fault("reset", count=2)
    assert Fault.parse("stall:presence") == Fault("stall", operation="presence")
    assert str(Fault("stall", operation="subscribe", count=1)) == "stall:subscribe:count=1"


@pytest.mark.parametrize("spec, complaint", [
    ("boom:publish", "fault kind"),
    ("reset:pubish", "fault operation"),
    ("reset:publish:count=0", "fault count"),
    ("reset:publish:count=two", "fault option count"),
    ("reset:publish:count=1,count=2", "given twice"),
    ("reset:publish:size=3", "fault option"),
    ("5xx:publish:status=404", "fault status"),
    ("latency:publish", "needs delay"),
    ("reset:publish:delay=1", "latency faults only"),
    ("stall:subscribe:duration=-1", "fault duration"),
])
def test_malformed_specs_are_refused(spec: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        Fault.parse(spec)


def test_every_route_is_a_known_operation_and_families_name_real_routes() -> None:
    names = {route.name for route in SERVICE_ROUTES}
    assert names == set(OPERATIONS)
    assert {name for names in FAMILIES.values() for name in names} <= names
    assert names - set(FAMILY_OF) == {"time", "publish", "signal", "subscribe"}  # no family of their own


# ----- what each kind does -----------------------------------------------------------------------

def test_5xx_answers_with_the_status_and_the_family_error_shape(server: Any, http: Http) -> None:
    cases = [
        ("publish", PUBLISH % "ch", lambda body: body[:2] == [0, "Service Unavailable"] and len(body[2]) == 17),
        ("time", "/time/0", lambda body: body == {"message": "Service Unavailable", "error": True,
                                                  "service": "Balancer", "status": 503}),
        ("subscribe", "/v2/subscribe/demo/ch/0", lambda body: body["service"] == "Balancer"),
        ("presence", "/v2/presence/sub-key/demo/channel/ch", lambda body: body == {
            "status": 503, "message": "Service Unavailable", "error": True, "service": "Presence"}),
        ("storage", HISTORY % "ch", lambda body: body == {
            "status": 503, "error": True, "error_message": "Service Unavailable", "channels": {}}),
        ("objects", "/v2/objects/demo/uuids/u", lambda body: body == {
            "status": 503, "error": {"message": "Service Unavailable", "source": "objects"}}),
        ("mobile-push", "/v1/push/sub-key/demo/devices/d1?type=gcm",
         lambda body: body == {"error": "Service Unavailable"}),
    ]
    for operation, path, shape in cases:
        with server.faults.add("5xx", operation=operation):
            answer = http.get(path)
        assert answer.status == 503, operation
        assert shape(answer.json), (operation, answer.text)
        assert http.get(path).status != 503, operation  # removed: served again
    with server.faults.add("5xx", operation="grant-token", status=500):
        refused = http.request("POST", "/v3/pam/demo/grant", b"{}")
    assert (refused.status, refused.json["service"], refused.json["message"]) == (
        500, "Access Manager", "Internal Server Error")


def test_a_5xx_publish_stores_nothing(server: Any, http: Http) -> None:
    server.faults.add("5xx:publish:count=1")
    assert publish(http, "kept") == 503
    assert http.get(HISTORY % "kept").json[0] == []


def test_reset_closes_the_connection_with_a_tcp_reset_and_no_answer(server: Any) -> None:
    handle = server.faults.add(Fault("reset", operation="time", count=1))
    client = fresh(server)
    with pytest.raises(ConnectionResetError):  # an orderly close would be RemoteDisconnected instead
        client.get("/time/0")
    client.close()
    assert handle.hits == 1 and not handle.active
    again = fresh(server)
    assert again.get("/time/0").status == 200
    again.close()


def test_stall_holds_the_request_without_an_answer_and_lets_it_go_with_the_client(server: Any) -> None:
    handle = server.faults.add("stall", operation="history", count=1)
    client = Http(server.origin, timeout=0.5)
    with pytest.raises(socket.timeout):
        client.get(HISTORY % "ch")
    assert handle.hits == 1 and open_connections(server) == 1  # held, not answered
    client.close()  # the client gives up: the server lets the held request go
    assert eventually(lambda: open_connections(server) == 0)
    after = fresh(server)
    assert after.get(HISTORY % "ch").status == 200
    after.close()


def test_a_stalled_request_does_not_hold_up_stopping_the_server(make_server: Callable[..., Any]) -> None:
    server = make_server(faults=["stall:time"])
    client = Http(server.origin, timeout=5)
    failed: List[BaseException] = []
    held = server.faults.handles[0]

    def call() -> None:
        try:
            client.get("/time/0")
        except (OSError, http.client.HTTPException) as e:
            failed.append(e)
    caller = threading.Thread(target=call)
    caller.start()
    assert held.wait(1)
    stopping = time.monotonic()
    server.stop()
    caller.join(5)
    assert time.monotonic() - stopping < 4 and failed  # closed, never answered
    client.close()


def test_latency_delays_the_answer_by_at_least_the_delay(server: Any, http: Http) -> None:
    assert publish(http) == 200  # a warm connection
    server.faults.add("latency", operation="publish", delay=0.3, count=1)
    started = time.monotonic()
    assert publish(http) == 200
    assert time.monotonic() - started >= 0.3
    assert http.get(HISTORY % "ch").json[0] == ["hi", "hi"]  # stored after all


def test_latency_on_a_long_poll_then_holds_it_as_usual(server: Any, http: Http) -> None:
    cursor = http.get("/v2/subscribe/demo/lp/0").json["t"]["t"]
    handle = server.faults.add("latency:subscribe:delay=0.2,count=1")
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        poll = pool.submit(lambda: fresh(server).get("/v2/subscribe/demo/lp/0?tt=%s" % cursor))
        assert handle.wait(1)
        assert server.wait_for_parked_polls(1, 2)  # handled (parked) once the delay is over
        assert time.monotonic() - started >= 0.2
        assert publish(http, "lp") == 200
        answer = poll.result(3)
    assert [m["d"] for m in answer.json["m"]] == ["hi"]


# ----- which requests, how many, how long -----------------------------------------------------

def test_a_family_covers_its_routes_and_nothing_else(server: Any, http: Http) -> None:
    server.faults.add("5xx", operation="storage")
    assert http.get(HISTORY % "ch").status == 503
    assert http.get("/v3/history/sub-key/demo/channel/ch").status == 503  # fetch-messages
    assert http.get("/v2/presence/sub-key/demo/channel/ch").status == 200
    assert publish(http) == 200


def test_a_channel_narrows_the_fault_and_only_hits_count(server: Any, http: Http) -> None:
    handle = server.faults.add(Fault("5xx", operation="publish", channel="orders", count=2))
    assert [publish(http, c) for c in ("orders", "news", "orders", "news", "orders")] == [503, 200, 503, 200, 200]
    assert handle.hits == 2 and not handle.active
    server.faults.add("5xx", operation="subscribe", channel="b")
    assert http.get("/v2/subscribe/demo/a,b/0").status == 503  # one of the channels
    assert http.get("/v2/subscribe/demo/a,c/0").status == 200


def test_the_oldest_matching_fault_applies(server: Any, http: Http) -> None:
    first = server.faults.add("5xx:time:status=500,count=1")
    second = server.faults.add("5xx:time:status=502")
    assert [http.get("/time/0").status for _ in range(3)] == [500, 502, 502]
    assert (first.hits, second.hits) == (1, 2)


def test_a_duration_ends_by_the_faults_clock(server: Any, http: Http) -> None:
    now = [1000.0]
    server.faults.clock = lambda: now[0]
    handle = server.faults.add("5xx", operation="time", duration=30)
    assert http.get("/time/0").status == 503
    now[0] += 29.9
    assert http.get("/time/0").status == 503 and handle.active
    now[0] += 0.1
    assert not handle.active and len(server.faults) == 0
    assert http.get("/time/0").status == 200
    assert handle.hits == 2


def test_count_and_duration_whichever_ends_first(server: Any, http: Http) -> None:
    now = [0.0]
    server.faults.clock = lambda: now[0]
    server.faults.add("5xx:time:count=2,duration=10")
    now[0] = 10.0
    assert http.get("/time/0").status == 200


def test_remove_clear_and_the_context_manager(server: Any, http: Http) -> None:
    handle = server.faults.add("5xx:time")
    with server.faults.add("5xx:publish"):
        assert publish(http) == 503
        assert len(server.faults) == 2
    assert publish(http) == 200
    assert http.get("/time/0").status == 503
    handle.remove()
    handle.remove()  # twice is fine
    assert http.get("/time/0").status == 200
    server.faults.add("5xx:time")
    server.faults.add("reset:publish")
    server.faults.clear()
    assert list(server.faults) == [] and http.get("/time/0").status == 200 and publish(http) == 200


def test_faults_given_at_construction_are_in_force_from_the_start(make_server: Callable[..., Any],
                                                                  make_http: Callable[[Any], Http]) -> None:
    server = make_server(faults=[Fault("5xx", operation="time", count=1), "5xx:publish:status=500,count=1"])
    http = make_http(server)
    assert (http.get("/time/0").status, publish(http)) == (503, 500)
    assert (http.get("/time/0").status, publish(http)) == (200, 200)


def test_add_validates_its_arguments(server: Any) -> None:
    with pytest.raises(TypeError):
        server.faults.add(Fault("reset"), count=1)
    with pytest.raises(ValueError):
        server.faults.add("reset", operation="nope")
    assert len(server.faults) == 0


def test_faults_added_from_many_threads_are_each_used_once(server: Any, http: Http) -> None:
    def add_some(_: int) -> List[Any]:
        return [server.faults.add("5xx", operation="time", count=1) for _ in range(25)]
    with ThreadPoolExecutor(4) as pool:
        handles = [handle for batch in pool.map(add_some, range(4)) for handle in batch]
    statuses = [http.get("/time/0").status for _ in range(110)]
    assert statuses == [503] * 100 + [200] * 10
    assert all(handle.hits == 1 for handle in handles)


def test_wait_blocks_until_the_fault_hit(server: Any) -> None:
    handle = server.faults.add("5xx:time:count=2")
    assert not handle.wait(timeout=0.05)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: [fresh(server).get("/time/0") for _ in range(2)])
        assert handle.wait(timeout=5)


def test_the_error_body_is_json_with_its_usual_content_type(server: Any, http: Http) -> None:
    server.faults.add("5xx:here-now")
    answer = http.get("/v2/presence/sub-key/demo/channel/ch")
    assert answer.content_type == 'text/javascript; charset="UTF-8"'
    assert json.loads(answer.text)["status"] == 503
