"""Known keys (``ServerSettings.keys``, ``--keys``): other keys get the service's invalid-key answers."""
from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any, Callable, List, Tuple
from urllib.parse import quote

import pytest

from pubnub.testing import PubNubTestServer
from pubnub.testing.__main__ import keysets, parse_args
from pubnub.testing.app import SERVICE_ROUTES
from pubnub.testing.dispatch import Router

from .clients import Clients
from .support import TT_STR, Http, assert_shape, signed

KEYS = [("pub-c-a", "sub-c-a"), ("pub-c-b", "sub-c-b")]
#: recorded for an unknown subscribe key (CORE §4.4), with its trailing newline
INVALID_SUB = b'{"message":"Invalid Subscribe Key","error":true,"service":"Access Manager","status":400}\n'
INVALID_SUBKEY_ACTIONS = {"status": 400, "error": {"source": "actions", "message": "Invalid Subkey"}}

#: one request per route that carries a subscribe key; ``{sub}`` is replaced
SUB_KEY_REQUESTS: List[Tuple[str, str]] = [
    ("GET", "/v2/subscribe/{sub}/ch/0?tt=0"),
    ("GET", "/v2/history/sub-key/{sub}/channel/ch"),
    ("GET", "/v3/history/sub-key/{sub}/message-counts/ch?timetoken=1"),
    ("GET", "/v3/history/sub-key/{sub}/channel/ch"),
    ("DELETE", "/v3/history/sub-key/{sub}/channel/ch"),
    ("GET", "/v3/history-with-actions/sub-key/{sub}/channel/ch"),
    ("GET", "/v2/presence/sub-key/{sub}"),
    ("GET", "/v2/presence/sub-key/{sub}/channel/ch"),
    ("GET", "/v2/presence/sub-key/{sub}/channel/ch/leave?uuid=u"),
    ("GET", "/v2/presence/sub-key/{sub}/channel/ch/heartbeat?uuid=u"),
    ("GET", "/v2/presence/sub-key/{sub}/channel/ch/uuid/u"),
    ("GET", "/v2/presence/sub-key/{sub}/channel/ch/uuid/u/data?state=%7B%7D"),
    ("GET", "/v2/presence/sub_key/{sub}/uuid/u"),
    ("GET", "/v1/channel-registration/sub-key/{sub}/channel-group/g"),
    ("GET", "/v1/channel-registration/sub-key/{sub}/channel-group/g/remove"),
    ("GET", "/v1/push/sub-key/{sub}/devices/d?type=gcm"),
    ("GET", "/v1/push/sub-key/{sub}/devices/d/remove?type=gcm"),
    ("GET", "/v2/push/sub-key/{sub}/devices-apns2/d?topic=t"),
    ("GET", "/v2/push/sub-key/{sub}/devices-apns2/d/remove?topic=t"),
    ("GET", "/v2/objects/{sub}/uuids"),
    ("GET", "/v2/objects/{sub}/uuids/u"),
    ("PATCH", "/v2/objects/{sub}/uuids/u"),
    ("DELETE", "/v2/objects/{sub}/uuids/u"),
    ("GET", "/v2/objects/{sub}/uuids/u/channels"),
    ("PATCH", "/v2/objects/{sub}/uuids/u/channels"),
    ("GET", "/v2/objects/{sub}/channels/c"),
    ("PATCH", "/v2/objects/{sub}/channels/c"),
    ("DELETE", "/v2/objects/{sub}/channels/c"),
    ("GET", "/v2/objects/{sub}/channels/c/uuids"),
    ("PATCH", "/v2/objects/{sub}/channels/c/uuids"),
    ("POST", "/v1/files/{sub}/channels/ch/generate-upload-url"),
    ("GET", "/v1/files/{sub}/channels/ch/files"),
    ("GET", "/v1/files/{sub}/channels/ch/files/id/name"),
    ("DELETE", "/v1/files/{sub}/channels/ch/files/id/name"),
    ("GET", "/v2/auth/grant/sub-key/{sub}?r=1"),
    ("GET", "/v2/auth/audit/sub-key/{sub}"),
    ("POST", "/v3/pam/{sub}/grant"),
]
ACTION_REQUESTS: List[Tuple[str, str]] = [
    ("GET", "/v1/message-actions/{sub}/channel/ch"),
    ("POST", "/v1/message-actions/{sub}/channel/ch/message/16000000000000000"),
    ("DELETE", "/v1/message-actions/{sub}/channel/ch/message/16000000000000000/action/16000000000000001"),
]
#: routes with a publish key too: /{kind}/{pub}/{sub}/0/ch/0[/payload]
PUBLISH_REQUESTS: List[Tuple[str, str]] = [
    ("GET", "/publish/{pub}/{sub}/0/ch/0/1"),
    ("GET", "/publish/{pub}/{sub}/0/ch/0/1?store=0&norep=1"),  # fire
    ("POST", "/publish/{pub}/{sub}/0/ch/0"),
    ("GET", "/signal/{pub}/{sub}/0/ch/0/1"),
    ("POST", "/signal/{pub}/{sub}/0/ch/0"),
    ("GET", "/v1/files/publish-file/{pub}/{sub}/0/ch/0/" + quote('{"file": {"id": "i", "name": "n"}}')),
]


def test_the_tables_reach_every_route_that_carries_a_key() -> None:
    router = Router(SERVICE_ROUTES)
    reached = set()
    for method, path in SUB_KEY_REQUESTS + ACTION_REQUESTS + PUBLISH_REQUESTS:
        found, _ = router.find(method, path.format(pub="p", sub="s").split("?")[0])
        reached.add(found)
    assert reached == {item for item in SERVICE_ROUTES if item.keys[1]}
    assert {item.name for item in SERVICE_ROUTES if not item.keys[1]} == {"time", "file-upload", "file-download"}


def body_of(method: str) -> bytes:
    return b"1" if method == "POST" else b""


@pytest.fixture
def keyed(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> Http:
    return make_http(make_server(keys=KEYS))


@pytest.mark.parametrize("method,path", SUB_KEY_REQUESTS, ids=[p for _, p in SUB_KEY_REQUESTS])
def test_an_unknown_subscribe_key_gets_the_invalid_key_answer(keyed: Http, method: str, path: str) -> None:
    answer = keyed.request(method, path.format(sub="sub-c-other"), body_of(method))
    assert (answer.status, answer.body) == (400, INVALID_SUB)
    known = keyed.request(method, path.format(sub="sub-c-b"), body_of(method))
    assert known.body != INVALID_SUB and known.status != 500


@pytest.mark.parametrize("method,path", ACTION_REQUESTS, ids=[p for _, p in ACTION_REQUESTS])
def test_message_actions_answer_invalid_subkey(keyed: Http, method: str, path: str) -> None:
    answer = keyed.request(method, path.format(sub="sub-c-other"), b'{"type": "t", "value": "v"}')
    assert answer.status == 400 and answer.json == INVALID_SUBKEY_ACTIONS
    known = keyed.request(method, path.format(sub="sub-c-a"), b'{"type": "t", "value": "v"}')
    assert known.json != INVALID_SUBKEY_ACTIONS and known.status != 500


@pytest.mark.parametrize("method,path", PUBLISH_REQUESTS, ids=[p for _, p in PUBLISH_REQUESTS])
def test_publishing_needs_a_known_keyset(keyed: Http, method: str, path: str) -> None:
    def send(pub: str, sub: str) -> Any:
        return keyed.request(method, path.format(pub=pub, sub=sub), body_of(method))
    unknown = send("pub-c-other", "sub-c-a")
    assert unknown.status == 400
    assert_shape(unknown.json, [0, "Invalid Key", TT_STR])
    assert (send("pub-c-other", "sub-c-other").status, send("pub-c-other", "sub-c-other").json[1]) \
        == (400, "Invalid Key")
    crossed = send("pub-c-a", "sub-c-b")  # a known publish key with another keyset's subscribe key
    assert (crossed.status, crossed.body) == (400, INVALID_SUB)
    sent = send("pub-c-b", "sub-c-b")
    assert sent.status == 200 and sent.json[:2] == [1, "Sent"]


def test_without_keys_every_key_is_accepted(make_server: Callable[..., Any],
                                            make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server())
    assert http.get("/publish/pub-c-any/sub-c-any/0/ch/0/1").json[:2] == [1, "Sent"]
    assert http.get("/v2/history/sub-key/sub-c-any/channel/ch").json[0] == [1]
    assert http.get("/v1/message-actions/sub-c-x/channel/ch").json == {"status": 200, "data": []}
    assert http.get("/time/0").status == 200


def test_keys_need_no_key_for_time_and_the_storage(keyed: Http) -> None:
    assert keyed.get("/time/0").status == 200
    assert keyed.get("/file-download/sub-c-other/ch/id/name").body != INVALID_SUB


def test_signed_requests_use_the_publish_key_of_their_keyset(make_server: Callable[..., Any],
                                                             make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(keys=KEYS, secret_key="sec-c-k"))
    granted = http.get(signed("sec-c-k", "pub-c-b", "GET", "/v2/auth/grant/sub-key/sub-c-b?r=1&channel=ch"))
    assert granted.status == 200, granted.text
    wrong = http.get(signed("sec-c-k", "demo", "GET", "/v2/auth/grant/sub-key/sub-c-b?r=1&channel=ch"))
    assert wrong.status == 403
    unknown = http.get(signed("sec-c-k", "pub-c-b", "GET", "/v2/auth/grant/sub-key/sub-c-z?r=1&channel=ch"))
    assert (unknown.status, unknown.body) == (400, INVALID_SUB)


def test_malformed_keysets_are_refused_at_once() -> None:
    for keys in ([("pub-c-a",)], ["pub-c-a/sub-c-a"], [("", "sub-c-a")], [("pub-c-a", None)]):
        with pytest.raises(ValueError):
            PubNubTestServer(keys=keys)


def test_command_line_keys() -> None:
    assert keysets("pub-c-a/sub-c-a, pub-c-b/sub-c-b") == KEYS
    assert parse_args(["--keys", "pub-c-a/sub-c-a", "--keys", "p/s"]).keys == [[("pub-c-a", "sub-c-a")], [("p", "s")]]
    assert parse_args([]).keys is None
    for wrong in ("pub-c-a", "pub-c-a/", "/sub-c-a", "a/b/c"):
        with pytest.raises(argparse.ArgumentTypeError):
            keysets(wrong)
    process = subprocess.Popen([sys.executable, "-m", "pubnub.testing", "--port", "0", "--log-level", "WARNING",
                                "--keys", "pub-c-a/sub-c-a"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        origin = process.stdout.readline().rsplit("(origin ", 1)[1].rstrip(")\n")
        http = Http(origin)
        assert http.get("/publish/pub-c-a/sub-c-a/0/ch/0/1").status == 200
        assert http.get("/publish/demo/demo/0/ch/0/1").json[:2] == [0, "Invalid Key"]
        assert http.get("/v2/subscribe/demo/ch/0?tt=0").body == INVALID_SUB
        http.close()
    finally:
        process.terminate()
        assert process.wait(10) == 0


@pytest.mark.gen_test
async def test_the_client_sees_the_invalid_key_answer(live_server: Callable[..., Any], clients: Clients) -> None:
    origin = live_server(keys=KEYS).origin
    good = clients(origin, publish_key="pub-c-a", subscribe_key="sub-c-a")
    sent = await good.publish().channel("ch").message("hi").future()
    assert not sent.status.is_error()
    bad = clients(origin, publish_key="pub-c-x", subscribe_key="sub-c-a")
    refused = await bad.publish().channel("ch").message("hi").future()
    assert refused.status.is_error() and refused.status.status_code == 400
    assert refused.status.original_response[:2] == [0, "Invalid Key"]
