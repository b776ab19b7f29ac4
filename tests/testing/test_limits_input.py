"""Hostile input gets the answer the service gives: deeply nested JSON anywhere is a 400 in the
route family's error shape (never a 500), and the Host header never names the server in URLs."""
from __future__ import annotations

import json
from typing import Any, Callable, List
from urllib.parse import quote

import pytest

from .support import TT_STR, Http, assert_shape, signed

SECRET = "sec-c-nest"


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [150, 900, 5000, 16_000])
def test_deeply_nested_messages_and_meta_are_invalid_json(http: Http, caplog: Any, depth: int) -> None:
    body = nested(depth).encode()
    in_url = quote('{"a":%s}' % nested(min(depth, 5000)))  # within the request-line limit
    for answer in (http.request("POST", "/publish/demo/demo/0/ch/0", body),
                   http.request("POST", "/publish/demo/demo/0/ch/0?meta=" + in_url, b"1")):
        assert answer.status == 400, answer.text
    assert_shape(http.request("POST", "/publish/demo/demo/0/ch/0", body).json, [0, "Invalid JSON", TT_STR])
    state = http.get("/v2/presence/sub-key/demo/channel/ch/uuid/u/data?state=" + in_url)
    assert state.status == 400, state.text
    assert "RecursionError" not in caplog.text and not [r for r in caplog.records if r.exc_info]


def test_a_message_nested_within_the_limit_is_delivered(http: Http) -> None:
    body = nested(99).encode()
    assert http.request("POST", "/publish/demo/demo/0/ch/0", body).status == 200
    history = http.get("/v2/history/sub-key/demo/channel/ch").json
    assert history[0] == [json.loads(body)]


@pytest.mark.parametrize("depth", [150, 900, 5000])
def test_deeply_nested_objects_bodies_get_the_objects_400(http: Http, caplog: Any, depth: int) -> None:
    body = ('{"name": "n", "custom": {"a": %s}}' % nested(depth)).encode()
    answer = http.request("PATCH", "/v2/objects/demo/uuids/u1", body)
    assert answer.status == 400 and answer.json["error"]["message"] == "Request payload contained invalid input."
    actions = http.request("POST", "/v1/message-actions/demo/channel/ch/message/16000000000000001",
                           ('{"type": "reaction", "value": %s}' % nested(depth)).encode())
    assert actions.status == 400 and actions.json["error"]["source"] == "actions"
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("depth", [150, 5000])
def test_a_deeply_nested_grant_token_body_gets_the_access_manager_400(
        make_server: Callable[..., Any], make_http: Callable[[Any], Http], caplog: Any, depth: int) -> None:
    import time

    http = make_http(make_server(secret_key=SECRET))
    body = ('{"ttl": 5, "permissions": {"resources": {"channels": {"a": 1}}, "meta": {"x": %s}}}'
            % nested(depth)).encode()
    answer = http.request("POST", signed(SECRET, "demo", "POST", "/v3/pam/demo/grant", body,
                                         timestamp=str(int(time.time()))), body)
    assert answer.status == 400, answer.text
    assert answer.json["service"] == "Access Manager" and answer.json["error"]["details"][0]["location"] == "body"
    assert not [r for r in caplog.records if r.exc_info]


FILES = "/v1/files/demo/channels/ch"


def test_the_host_header_is_not_trusted_in_urls(http: Http, server: Any) -> None:
    issued = http.request("POST", FILES + "/generate-upload-url", b'{"name": "a"}', {"Host": "evil.example"}).json
    assert issued["file_upload_request"]["url"] == "http://%s/file-upload/demo" % server.origin
    redirect = http.request("GET", FILES + "/files/id/a", headers={"Host": "evil.example"})
    assert redirect.status == 307 and redirect.headers["location"].startswith("http://%s/" % server.origin)


def test_a_public_origin_names_the_server_in_urls(make_server: Callable[..., Any],
                                                  make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(public_origin="files.example:8080"))
    issued = http.request("POST", FILES + "/generate-upload-url", b'{"name": "a"}', {"Host": "evil.example"}).json
    assert issued["file_upload_request"]["url"] == "http://files.example:8080/file-upload/demo"
    redirect = http.request("GET", FILES + "/files/id/a", headers={"Host": "evil.example"})
    assert redirect.headers["location"].startswith("http://files.example:8080/file-download/demo/")


def test_a_public_origin_must_be_a_host_and_port() -> None:
    from pubnub.testing import PubNubTestServer

    bad: List[str] = ["evil.example/path", "a@b", "", "x y", "http://x"]
    for value in bad:
        with pytest.raises(ValueError):
            PubNubTestServer(public_origin=value)
