"""Signature verification of the test server (CORE §2.7 worked examples, §2.8).

With a secret key, a request carrying a signature must be signed correctly (and may then do
anything); unsigned requests are Access Manager's business (``test_access.py``).
"""
from __future__ import annotations

from typing import Any, Callable, Dict
from urllib.parse import quote

import pytest

from pubnub.testing.routing import Request
from pubnub.testing.signing import is_signed_correctly
from pubnub.utils import sign_request_v1, sign_request_v2

from .support import Http

SECRET, PUB, SUB = "sec-c-test-secret-key", "pub-c-test-publish-key", "sub-c-test-subscribe-key"
FORBIDDEN = {"message": "Forbidden", "payload": {"channels": []}, "error": True, "service": "Access Manager",
             "status": 403}


def test_worked_example_a_v2_get_publish() -> None:
    path = ("/publish/%s/%s/0/my%%20channel/0/%%7B%%22text%%22%%3A%%20%%22hello%%20world%%22%%7D" % (PUB, SUB))
    query = ("meta=%7B%22color%22%3A%20%22red%22%7D&store=1&seqn=1&pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid"
             "&timestamp=1600000000&signature=v2.Tv_5slooSRlN5NxwIYyHxKILWjKy4NNjqDIIjktyFTQ")
    assert is_signed_correctly(Request("GET", path, query, b""), SECRET, "not-used-for-publish-paths")
    tampered = query.replace("store=1", "store=0")
    assert not is_signed_correctly(Request("GET", path, tampered, b""), SECRET, "x")


def test_worked_example_b_v2_post_with_body() -> None:
    path = "/v1/message-actions/%s/channel/ch1/message/16000000000000001" % SUB
    query = ("pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid&timestamp=1600000000"
             "&signature=v2.WmA8VYVil3EkAzfsWcdjlDDtucV_BOFs8RKZmn6keOk")
    body = b'{"type": "reaction", "value": "smiley_face"}'
    assert is_signed_correctly(Request("POST", path, query, body), SECRET, PUB)
    assert not is_signed_correctly(Request("POST", path, query, body.replace(b"smiley", b"frowny")), SECRET, PUB)


@pytest.mark.parametrize("signature", ["hcWDlw23ytnV9PhVoJMTPFWkla2k2svO6rAJ9De8orU=",
                                       "hcWDlw23ytnV9PhVoJMTPFWkla2k2svO6rAJ9De8orU"])
def test_worked_example_c_v1_post_publish(signature: str) -> None:
    path = "/publish/%s/%s/0/ch1/0" % (PUB, SUB)
    query = "seqn=2&pnsdk=PubNub-Python%%2F4.8.1&uuid=test-uuid&timestamp=1600000000&signature=%s" % signature
    assert is_signed_correctly(Request("POST", path, query, b'{"text": "hello"}'), SECRET, PUB)


def test_worked_example_d_time() -> None:
    query = ("pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid&timestamp=1600000000"
             "&signature=v2.OrD8qxyXSU3vpuB66gqPtgDfMf8l6zYrjKaC-fpDb7U")
    assert is_signed_correctly(Request("GET", "/time/0", query, b""), SECRET, PUB)


def signed(method: str, path: str, params: Dict[str, str], body: str = "", v1: bool = False) -> str:
    """The path with its query and a signature made with the client's own helpers."""
    params = dict(params, timestamp="1600000000", pnsdk="PubNub-Python/4.9", uuid="signer ü+1")
    if v1:
        params["signature"] = sign_request_v1(SECRET, SUB, PUB, path, params)
    else:
        params["signature"] = sign_request_v2(SECRET, PUB, method, path, params, body)
    return path + "?" + "&".join("%s=%s" % (k, quote(v, safe="")) for k, v in params.items())


@pytest.fixture
def secure(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> Http:
    return make_http(make_server(secret_key=SECRET, publish_key=PUB, wall_clock=lambda: 1600000000.0))


def test_signed_requests_pass(secure: Http) -> None:
    publish = "/publish/%s/%s/0/ch/0" % (PUB, SUB)
    assert secure.get(signed("GET", publish + "/%22hi%22", {"meta": '{"a": "b c"}'})).status == 200
    assert secure.request("POST", signed("POST", publish, {"seqn": "2"}, v1=True), b'"posted"').status == 200
    action = "/v1/message-actions/%s/channel/ch/message/16000000000000001" % SUB
    body = '{"type": "reaction", "value": "smile"}'
    assert secure.request("POST", signed("POST", action, {}, body), body.encode()).status == 200
    subscribe = "/v2/subscribe/%s/ch/0" % SUB
    assert secure.get(signed("GET", subscribe, {"tt": "0", "channel-group": "a b,c"})).status == 200
    history = secure.get(signed("GET", "/v2/history/sub-key/%s/channel/ch" % SUB, {}))
    assert history.json[0] == ["hi", "posted"]
    assert secure.get("/time/0").status == 200  # the connectivity probe needs no signature


def test_bad_or_missing_signatures_are_refused(secure: Http) -> None:
    path = "/v2/history/sub-key/%s/channel/ch" % SUB
    good = signed("GET", path, {"count": "5"})
    for request in (good.replace("count=5", "count=6"), good + "&extra=1",
                    good.replace("signature=v2.", "signature=v2.A"), good.replace("signature=", "signature=%C3%BC")):
        answer = secure.get(request)
        assert (answer.status, answer.json) == (403, FORBIDDEN), request
    # unsigned: Access Manager decides, and nothing was granted
    unsigned = secure.get(path + "?uuid=x")
    assert (unsigned.status, unsigned.json) == (403, dict(FORBIDDEN, payload={"channels": ["ch"]}))
    assert secure.get(good.replace("signature=", "signature=%FF")).status == 400  # undecodable: not a 500
    wrong_body = signed("POST", "/publish/%s/%s/0/ch/0" % (PUB, SUB), {}, v1=False)  # v2 where v1 is expected
    assert secure.request("POST", wrong_body, b"1").status == 403


def stamped(path: str, timestamp: "str | None") -> str:
    """A signed GET of ``path`` with this ``timestamp`` (None: no timestamp at all)."""
    params = {"uuid": "u"}
    if timestamp is not None:
        params["timestamp"] = timestamp
    params["signature"] = sign_request_v2(SECRET, PUB, "GET", path, params, "")
    return path + "?" + "&".join("%s=%s" % (k, quote(v, safe="")) for k, v in params.items())


def test_a_signed_request_must_carry_a_current_timestamp(make_server: Callable[..., Any],
                                                         make_http: Callable[[Any], Http]) -> None:
    clock = [1_700_000_000.0]
    http = make_http(make_server(secret_key=SECRET, publish_key=PUB, wall_clock=lambda: clock[0]))
    path = "/v2/history/sub-key/%s/channel/ch" % SUB
    for offset in (-60, -59, 0, 59, 60):
        assert http.get(stamped(path, str(1_700_000_000 + offset))).status == 200, offset
    for timestamp in (None, "", "1699999939", "1700000061", "1600000000", "-5", "17e8", "99999999999999999999"):
        answer = http.get(stamped(path, timestamp))
        assert (answer.status, answer.json) == (403, FORBIDDEN), timestamp
    captured = stamped(path, "1700000000")
    assert http.get(captured).status == 200
    clock[0] += 61  # the same signed URL a minute later: refused
    assert http.get(captured).status == 403


def test_the_window_is_a_setting(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(secret_key=SECRET, publish_key=PUB, wall_clock=lambda: 1_700_000_000.0,
                                 signature_window_seconds=5))
    path = "/v2/history/sub-key/%s/channel/ch" % SUB
    assert http.get(stamped(path, "1700000005")).status == 200
    assert http.get(stamped(path, "1700000006")).status == 403
