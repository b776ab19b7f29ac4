"""Malformed input never yields a 500; memory stays bounded; the CLI and the in-loop API work."""
from __future__ import annotations

import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
from typing import Any, Callable, Optional

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from pubnub.testing import PubNubTestServer
from pubnub.testing.records import Event, StoredMessage
from pubnub.testing.settings import ServerSettings
from pubnub.testing.store import Store

from .support import JSON_TYPE, Http

MALFORMED = [
    ("GET", "/publish/demo/demo/0/ch/0/%FF%FE", None),
    ("GET", "/publish/demo/demo/0/%FF/0/1", None),
    ("GET", "/publish/demo/demo/0//0/1", None),
    ("GET", "/publish/demo/demo/0/ch/0/1?ptto=soon", None),
    ("GET", "/publish/demo/demo/0/ch/0/1?store=maybe", None),
    ("GET", "/publish/demo/demo/0/ch/0/1?meta=%7Bbroken", None),
    ("GET", "/publish/demo/demo/0/ch/0/1?ttl=-1", None),
    ("POST", "/publish/demo/demo/0/ch/0", b"\xff\xfe"),
    ("POST", "/publish/demo/demo/0/ch/0", b""),
    ("GET", "/publish/demo", None),
    ("GET", "/signal/demo/demo/0/ch/0/%7B", None),
    ("GET", "/v2/subscribe/demo/%E0%A4/0?tt=0", None),
    ("GET", "/v2/subscribe/demo/,/0?tt=0", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=-1", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=999999999999999999999999", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=0&heartbeat=abc", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=0&state=%7Bx", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=0&filter-expr=((a", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=0&filter-expr=a%20LIKE%205", None),
    ("GET", "/v2/subscribe/demo/ch/0?tt=0&uuid=%FF", None),
    ("GET", "/v2/history/sub-key/demo/channel/ch?start=abc", None),
    ("GET", "/v2/history/sub-key/demo/channel/ch?count=-5", None),
    ("GET", "/v2/history/sub-key/demo/channel/ch?reverse=maybe", None),
    ("GET", "/v2/history/sub-key/demo/channel/a,b", None),
    ("GET", "/v3/history/sub-key/demo/channel/,", None),
    ("GET", "/v3/history/sub-key/demo/message-counts/ch", None),
    ("GET", "/v3/history/sub-key/demo/message-counts/ch?timetoken=x", None),
    ("DELETE", "/v3/history/sub-key/demo/channel/ch?end=1.5", None),
    ("GET", "/v3/history-with-actions/sub-key/demo/channel/a,b", None),
    ("POST", "/v1/message-actions/demo/channel/ch/message/1?uuid=u", b"[1, 2]"),
    ("POST", "/v1/message-actions/demo/channel/ch/message/1?uuid=u", b'{"type": 5, "value": "v"}'),
    ("POST", "/v1/message-actions/demo/channel/ch/message/1", b'{"type": "t", "value": "v"}'),
    ("POST", "/v1/message-actions/demo/channel/ch/message/0?uuid=u", b'{"type": "t", "value": "v"}'),
    ("DELETE", "/v1/message-actions/demo/channel/ch/message/1/action/abc?uuid=u", None),
    ("GET", "/v1/message-actions/demo/channel/ch?start=x", None),
    ("GET", "/v2/presence/sub-key/demo/channel/ch/uuid/u/data?state=%7B", None),
    ("GET", "/v2/presence/sub-key/demo/channel/ch/uuid/u/data", None),
    ("GET", "/v2/presence/sub-key/demo/channel/ch/heartbeat?heartbeat=x", None),
    ("GET", "/v2/presence/sub-key/demo/channel/ch?state=2", None),
    ("GET", "/v1/channel-registration/sub-key/demo/channel-group/%FF", None),
    ("GET", "/v1/channel-registration/sub-key/demo/channel-group/g?add=%FF", None),
    ("GET", "/v1/channel-registration/sub-key/demo/channel-group/" + "g" * 200 + "?add=a", None),
    ("GET", "/v1/push/sub-key/demo/devices/%FF?type=gcm", None),
    ("GET", "/v1/push/sub-key/demo/devices/d/remove", None),
    ("GET", "/v1/push/sub-key/demo/devices/d?type=gcm&remove=", None),
    ("GET", "/v2/push/sub-key/demo/devices-apns2/d?topic=%FF", None),
    ("GET", "/v2/auth/grant/sub-key/demo?r=maybe", None),
    ("GET", "/v2/auth/grant/sub-key/demo?r=1&ttl=99999999", None),
    ("GET", "/v2/auth/grant/sub-key/demo?r=1&target-uuid=u", None),
    ("POST", "/v3/pam/demo/grant", b"\xff"),
    ("POST", "/v3/pam/demo/grant", b'{"ttl": 5, "permissions": {"resources": {"channels": {"a": "x"}}}}'),
    ("POST", "/v3/pam/demo/grant", b'{"ttl": 5, "permissions": {"resources": {"bogus": {"a": 1}}}}'),
    ("POST", "/v3/pam/demo/grant", b'{"ttl": 5, "permissions": []}'),
    ("POST", "/v3/pam/demo/grant", b'{"ttl": true, "permissions": {"resources": {"channels": {"a": 1}}}}'),
    ("POST", "/v3/pam/demo/grant", b'{"ttl": 5, "permissions": {"resources": {"channels": {"a": 1}}, "meta": 5}}'),
    ("PATCH", "/v2/objects/demo/uuids/u", b"\xff"),
    ("PATCH", "/v2/objects/demo/uuids/u", b'{"custom": [1]}'),
    ("PATCH", "/v2/objects/demo/uuids/", b"{}"),
    ("PATCH", "/v2/objects/demo/uuids/u/channels", b'{"set": "x"}'),
    ("PATCH", "/v2/objects/demo/uuids/u/channels", b'{"set": [{"channel": {}}]}'),
    ("PATCH", "/v2/objects/demo/channels/c/uuids", b'{"delete": [1]}'),
    ("PATCH", "/v2/objects/demo/channels/c/uuids", b'{"set": [{"uuid": {"id": "u"}, "custom": 5}]}'),
    ("GET", "/v2/objects/demo/uuids?sort=name:sideways", None),
    ("GET", "/v2/objects/demo/uuids?start=%FF", None),
    ("GET", "/v2/objects/demo/uuids?start=MTA%3D%3D%3D", None),
    ("GET", "/v2/objects/demo/uuids?start=YWJj", None),
    ("GET", "/v2/objects/demo/uuids?limit=abc", None),
    ("GET", "/v2/objects/demo/channels?count=maybe", None),
    ("GET", "/v2/objects/demo/channels/c/uuids?filter=%28%28", None),
    ("POST", "/v1/files/demo/channels/ch/generate-upload-url", b"\xff"),
    ("POST", "/v1/files/demo/channels/ch/generate-upload-url", b'{"name": "a/b"}'),
    ("POST", "/v1/files/demo/channels/ch/generate-upload-url", b'{"name": 5}'),
    ("GET", "/v1/files/demo/channels/ch/files?limit=x", None),
    ("GET", "/v1/files/demo/channels/ch/files?next=%21", None),
    ("GET", "/v1/files/publish-file/demo/demo/0/ch/0/%FF", None),
    ("GET", "/v1/files/demo/channels/ch/files/%FF/n", None),
    ("GET", "/file-download/demo/ch/x/%FF", None),
    ("POST", "/file-upload/demo", b"--x\r\nbroken"),
    ("GET", "/v2/presence/sub-key/demo/channel/,?channel-group=%FF", None),
    ("GET", "/%%%", None),
    ("PATCH", "/v2/subscribe/demo/ch/0", b"{}"),
    ("GET", "/", None),
]


@pytest.mark.parametrize("method, path, body", MALFORMED, ids=["%s %s" % (m, p) for m, p, _ in MALFORMED])
def test_malformed_input_gets_a_json_4xx(http: Http, method: str, path: str, body: Optional[bytes]) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=x"} if path.startswith("/file-upload") else {}
    answer = http.request(method, path, body, headers)
    assert 400 <= answer.status < 500, (answer.status, answer.text)
    if path.startswith("/file-upload"):  # the storage service answers in XML
        assert answer.content_type == "application/xml" and answer.text.startswith("<?xml")
        return
    assert answer.content_type == JSON_TYPE
    json.loads(answer.text)


def test_unknown_and_empty_query_parameters_are_ignored(http: Http) -> None:
    answer = http.get("/v2/subscribe/demo/ch/0?tt=0&%ZZ=1&=&&x&l_pub=0.25&instanceid=abc")
    assert answer.status == 200 and answer.json["m"] == []


def test_garbage_on_the_wire_does_not_hurt_the_server(server: Any, http: Http) -> None:
    host, port = server.origin.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=3) as raw:
        raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 400")
    assert http.get("/time/0").status == 200


def test_history_catch_up_and_actions_are_capped(make_server: Callable[..., Any],
                                                 make_http: Callable[[Any], Http]) -> None:
    server = make_server(history_per_channel=5, catchup_messages=4, actions_per_channel=3)
    http = make_http(server)
    for n in range(12):
        http.get("/publish/demo/demo/0/ch/0/%d" % n)
        http.request("POST", "/v1/message-actions/demo/channel/ch/message/16000000000000001?uuid=u",
                     b'{"type": "t", "value": "v%d"}' % n)
    assert http.get("/v2/history/sub-key/demo/channel/ch").json[0] == [7, 8, 9, 10, 11]
    assert [a["value"] for a in http.get("/v1/message-actions/demo/channel/ch").json["data"]] == ["v9", "v10", "v11"]
    channel = server.call(lambda: server.store.keyspace("demo").find("ch"))
    assert len(channel.events) == 4


def test_channels_and_keyspaces_are_capped(make_server: Callable[..., Any],
                                           make_http: Callable[[Any], Http]) -> None:
    server = make_server(max_channels=20, max_keyspaces=5)
    http = make_http(server)
    for n in range(100):
        http.get("/publish/demo/demo/0/ch-%d/0/1" % n)
        http.get("/publish/demo/key-%d/0/ch/0/1" % n)
    sizes = server.call(lambda: (len(server.store.keyspace("demo").channels), len(server.store.keyspaces)))
    assert sizes[0] <= 20 and sizes[1] <= 5
    assert http.get("/v2/history/sub-key/demo/channel/ch-99").json[0] == [1]  # the newest ones survive


def test_catch_up_window_and_message_ttl_expire() -> None:
    clock = [1000.0]
    wall = [1_600_000_000.0]
    store = Store(ServerSettings(catchup_seconds=60), wall_clock=lambda: wall[0], monotonic=lambda: clock[0])
    channel = store.keyspace("demo").channel("ch")
    channel.push_event(Event(1, clock[0], '{"x":1'))
    clock[0] += 30
    channel.push_event(Event(2, clock[0], '{"x":2'))
    assert [e.seq for e in channel.events_after(0, clock[0])] == [1, 2]
    clock[0] += 40
    assert [e.seq for e in channel.events_after(0, clock[0])] == [2]
    for tt, expires in ((5, wall[0] + 3600), (6, None)):
        event = Event(tt, clock[0], '{"d":%d' % tt, True, None, 1)
        channel.push_event(event)
        channel.store_message(StoredMessage(tt, event, expires=expires))
    wall[0] += 3601
    assert [m.tt for m in channel.history_slice(None, None, wall[0])] == [6]
    assert channel.count_after(0, wall[0]) == 1
    assert [m.payload for m in channel.history_slice(None, None, wall[0])] == ["6"]
    clock[0] += 100
    assert channel.delete_history(None, None) == 2
    assert store.drop_idle_channels() == 1
    assert store.budget.used == 0  # everything dropped was released


def test_command_line_server_prints_its_origin() -> None:
    process = subprocess.Popen([sys.executable, "-m", "pubnub.testing", "--port", "0", "--log-level", "WARNING"],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        origin = line.rsplit("(origin ", 1)[1].rstrip(")\n")
        assert origin.startswith("127.0.0.1:")
        http = Http(origin)
        assert len(str(http.get("/time/0").json[0])) == 17
        http.close()
    finally:
        process.terminate()
        assert process.wait(10) == 0


@pytest.mark.gen_test
async def test_in_loop_server_on_the_current_ioloop() -> None:
    server = PubNubTestServer(long_poll_seconds=1)
    origin = await server.start()
    client = AsyncHTTPClient(force_instance=True)
    try:
        response = await client.fetch("http://%s/publish/demo/demo/0/ch/0/%%22hi%%22" % origin)
        assert json.loads(response.body)[:2] == [1, "Sent"]
        assert response.headers["Content-Type"] == JSON_TYPE
    finally:
        client.close()
        await server.aclose()
    with pytest.raises((OSError, HTTPClientError)):
        await AsyncHTTPClient(force_instance=True).fetch("http://%s/time/0" % origin, request_timeout=2)


def test_plugin_module_is_cheap_to_import() -> None:
    code = ("import sys, pubnub.testing.pytest_plugin, pubnub.testing; "
            "print(sorted(m for m in sys.modules if m.startswith(('tornado', 'pubnub.testing.'))))")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "['pubnub.testing.pytest_plugin']"


def test_plugin_fixtures(pubnub_server: Any, pubnub_config: Any) -> None:
    assert pubnub_config.origin == pubnub_server.origin and pubnub_config.ssl is False
    assert (pubnub_config.publish_key, pubnub_config.subscribe_key) == ("demo", "demo") and pubnub_config.uuid
    http = Http(pubnub_server.origin)
    assert http.get("/time/0").status == 200
    http.close()


def test_https_with_a_certificate(make_server: Callable[..., Any]) -> None:
    folder = os.path.join(os.path.dirname(__file__), "tls")
    server = make_server(certfile=os.path.join(folder, "cert.pem"), keyfile=os.path.join(folder, "key.pem"))
    host, port = server.origin.rsplit(":", 1)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # a self-signed test certificate: only the TLS path is under test
    connection = http.client.HTTPSConnection(host, int(port), timeout=5, context=context)
    try:
        connection.request("GET", "/time/0")
        response = connection.getresponse()
        assert response.status == 200 and len(response.read().strip(b"[]")) == 17
    finally:
        connection.close()


def complete_answers(data: bytes) -> int:
    """How many complete responses (other than 100 Continue) ``data`` holds."""
    count = 0
    while True:
        end = data.find(b"\r\n\r\n")
        if end < 0:
            return count
        head = data[:end]
        if head.startswith(b"HTTP/1.1 100 "):
            data = data[end + 4:]
            continue
        length = int(head.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
        if len(data) < end + 4 + length:
            return count
        data = data[end + 4 + length:]
        count += 1


def raw_exchange(server: Any, data: bytes, answers: int = 1) -> bytes:
    """Send raw bytes; read until ``answers`` complete responses arrived or the server closed."""
    host, port = server.origin.rsplit(":", 1)
    received = b""
    with socket.create_connection((host, int(port)), timeout=3) as raw:
        raw.sendall(data)
        while complete_answers(received) < answers:
            chunk = raw.recv(65536)
            if not chunk:
                break
            received += chunk
    return received


def test_http_details(server: Any) -> None:
    chunked = raw_exchange(server, b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked"
                                   b"\r\n\r\n4\r\n[1, \r\n3\r\n2]\n\r\n0\r\n\r\n")
    assert chunked.startswith(b"HTTP/1.1 200 OK\r\n") and b'[1,"Sent","' in chunked
    expect = raw_exchange(server, b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                                  b"Expect: 100-continue\r\n\r\n7")
    assert expect.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")
    two = b"GET /time/0 HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
    pipelined = raw_exchange(server, two, 2)
    assert pipelined.startswith(b"HTTP/1.1 200 OK\r\n") and b"HTTP/1.1 404 Not Found\r\n" in pipelined
    closing = raw_exchange(server, b"GET /time/0 HTTP/1.0\r\n\r\n")  # the server closes: raw_exchange sees EOF
    assert closing.startswith(b"HTTP/1.1 200 OK\r\n") and b"Connection: close\r\n" in closing
    head = raw_exchange(server, b"HEAD /time/0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")  # ends at EOF
    assert head.startswith(b"HTTP/1.1 405 ") and head.endswith(b"\r\n\r\n")  # headers only
    assert b"Content-Type: text/javascript; charset=\"UTF-8\"\r\n" in chunked


def test_oversized_and_malformed_bodies(make_server: Callable[..., Any]) -> None:
    server = make_server(max_body_bytes=1000)
    large = raw_exchange(server, b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nContent-Length: 5000\r\n\r\n")
    assert large.startswith(b"HTTP/1.1 413 ") and b'"status":413' in large
    bad_length = raw_exchange(server, b"POST /publish/demo/demo/0/ch/0 HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
    assert bad_length.startswith(b"HTTP/1.1 400 ")
    bad_chunk = raw_exchange(server, b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
    assert bad_chunk.startswith(b"HTTP/1.1 400 ")


JUNK = ["", "%FF", "%", "a%2Cb", ",", "x" * 300, "%E2%82%AC", "0", "-1", "99999999999999999999999", "%00", "null",
        "%7B%22a%22%3A1%7D", "MTA", "%21", "true", "a:b", "qEF2AkF0GmVT8QBD", "AAAA"]
PARAMS = ["tt", "tr", "channel-group", "filter-expr", "heartbeat", "state", "uuid", "auth", "start", "end", "limit",
          "count", "include", "filter", "sort", "reverse", "include_token", "include_meta", "max", "timetoken",
          "channelsTimetoken", "add", "remove", "type", "topic", "environment", "r", "w", "m", "d", "g", "u", "j",
          "ttl", "channel", "target-uuid", "next", "store", "meta", "ptto", "seqn", "disable_uuids"]
BODIES = [None, b"", b"\xff", b"{}", b"[]", b"null", b'{"set": [{"channel": 1}], "delete": {}}', b'{"name": null}',
          b'{"ttl": "5", "permissions": {"resources": {"channels": {"a": 300}}, "patterns": {"channels": {"(": 1}}}}',
          b'{"custom": {"a": 1e999}}', b"--x\r\n\r\n--x--\r\n"]


def _fill(pattern: str, rng: Any) -> str:
    """A path for a route pattern with random junk in every variable segment."""
    import re

    text = pattern.strip("^$").replace("/?", "").replace("sub[-_]key", "sub-key")
    text = re.sub(r"\(([a-z|-]+)\)", lambda m: rng.choice(m.group(1).split("|")), text)
    return re.sub(r"\(\[\^/\]\*\)|\(\.\*\)", lambda m: rng.choice(JUNK), text)


@pytest.mark.parametrize("secret", [None, "sec-c-fuzz"])
def test_random_junk_on_every_route_never_gets_a_500(make_server: Callable[..., Any],
                                                     make_http: Callable[[Any], Http], secret: Optional[str]) -> None:
    import random

    from pubnub.testing.app import SERVICE_ROUTES

    rng = random.Random(20240601)
    http = make_http(make_server(secret_key=secret, long_poll_seconds=0.01))
    for _ in range(4):
        for route in SERVICE_ROUTES:
            path = _fill(route.pattern.pattern, rng)
            query = "&".join("%s=%s" % (rng.choice(PARAMS), rng.choice(JUNK)) for _ in range(rng.randint(0, 4)))
            method = rng.choice(sorted(route.methods))
            headers = {"Content-Type": "multipart/form-data; boundary=x"} if rng.random() < 0.2 else {}
            answer = http.request(method, path + "?" + query, rng.choice(BODIES), headers)
            assert answer.status != 500 and answer.status < 600, (method, path, query, answer.text)
