"""Access Manager on the test server: v2 grants and v3 tokens enforced on unsigned requests (MORE §2, §3)."""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List

import pytest

from pubnub.endpoints.access.audit import Audit
from pubnub.endpoints.access.grant import Grant
from pubnub.endpoints.access.grant_token import GrantToken
from pubnub.endpoints.access.revoke import Revoke
from pubnub.enums import PNStatusCategory
from pubnub.managers import unwrap_token
from pubnub.models.consumer.v3.channel import Channel
from pubnub.testing.permissions import read_token

from .clients import Clients, Recorder
from .support import Http, signed

SECRET = "sec-c-pam"
PUB = "/publish/demo/demo/0/%s/0/1"


class Admin:
    """Signed calls (a holder of the secret key) and unsigned calls on one server."""

    def __init__(self, http: Http, clock: List[float]) -> None:
        self.http = http
        self.clock = clock

    def signed(self, method: str, target: str, body: bytes = b"") -> str:
        """``target`` signed with the secret key at the server's (injected) time."""
        return signed(SECRET, "demo", method, target, body, timestamp=str(int(self.clock[0])))

    def grant(self, query: str) -> Dict[str, Any]:
        answer = self.http.get(self.signed("GET", "/v2/auth/grant/sub-key/demo?" + query))
        assert answer.status == 200, answer.text
        return answer.json["payload"]  # type: ignore[no-any-return]

    def audit(self, query: str = "") -> Dict[str, Any]:
        answer = self.http.get(self.signed("GET", "/v2/auth/audit/sub-key/demo?" + query))
        assert answer.status == 200, answer.text
        return answer.json["payload"]  # type: ignore[no-any-return]

    def token(self, ttl: int, resources: Dict[str, Any], patterns: Any = None, **permissions: Any) -> str:
        body = json.dumps({"ttl": ttl, "permissions": dict(resources=resources, patterns=patterns or {}, meta={},
                                                           **permissions)}).encode()
        answer = self.http.request("POST", self.signed("POST", "/v3/pam/demo/grant", body), body)
        assert answer.status == 200, answer.text
        return answer.json["data"]["token"]  # type: ignore[no-any-return]

    def status(self, path: str) -> int:
        return self.http.get(path).status


@pytest.fixture
def clock() -> List[float]:
    return [1_700_000_000.0]


@pytest.fixture
def admin(make_server: Callable[..., Any], make_http: Callable[[Any], Http], clock: List[float]) -> Admin:
    return Admin(make_http(make_server(secret_key=SECRET, wall_clock=lambda: clock[0])), clock)


def test_grant_then_allowed_no_grant_then_403_naming_the_channel(admin: Admin) -> None:
    denied = admin.http.get(PUB % "room" + "?auth=k1")
    assert denied.status == 403 and denied.json["payload"] == {"channels": ["room"]}
    admin.grant("auth=k1&channel=room&w=1")
    assert admin.status(PUB % "room" + "?auth=k1") == 200
    assert admin.status(PUB % "room" + "?auth=k2") == 403  # another auth key
    assert admin.status(PUB % "room") == 403  # no auth key at all
    assert admin.status("/v2/history/sub-key/demo/channel/room?auth=k1") == 403  # write is not read
    admin.grant("channel=room&r=1")  # channel level: every auth key, and none
    assert admin.status("/v2/history/sub-key/demo/channel/room?auth=k2") == 200
    assert admin.status("/v2/history/sub-key/demo/channel/room") == 200
    admin.grant("auth=k3&r=1")  # sub-key level for one auth key
    assert admin.status("/v2/history/sub-key/demo/channel/anything?auth=k3") == 200
    several = admin.http.get("/v3/history/sub-key/demo/channel/room,a,b?auth=k1")
    assert several.json["payload"] == {"channels": ["a", "b"]}


def test_revoke_and_audit(admin: Admin) -> None:
    admin.grant("auth=k1&channel=a,b&r=1&w=1&ttl=30")
    audit = admin.audit("channel=a,b")
    assert set(audit["channels"]) == {"a", "b"} and audit["channels"]["a"]["auths"]["k1"]["ttl"] == 30
    admin.grant("auth=k1&channel=a&r=0&w=0&m=0&g=0&u=0&j=0")
    assert admin.status(PUB % "a" + "?auth=k1") == 403 and admin.status(PUB % "b" + "?auth=k1") == 200
    assert admin.audit()["channels"] == {"b": {"auths": {"k1": {"r": 1, "w": 1, "m": 0, "d": 0, "g": 0, "u": 0,
                                                                 "j": 0, "ttl": 30}}}}


def test_ttl_follows_the_server_clock(admin: Admin, clock: List[float]) -> None:
    admin.grant("auth=k1&channel=a&w=1&ttl=1")
    admin.grant("auth=k1&channel=forever&w=1&ttl=0")
    assert admin.status(PUB % "a" + "?auth=k1") == 200
    clock[0] += 30
    assert admin.audit("auth=k1&channel=a")["auths"]["k1"]["ttl"] == 1
    clock[0] += 31
    assert admin.status(PUB % "a" + "?auth=k1") == 403
    assert admin.audit("auth=k1&channel=a")["auths"] == {}
    clock[0] += 365 * 86400
    assert admin.status(PUB % "forever" + "?auth=k1") == 200


def test_tokens_grant_resources_and_patterns_until_they_expire(admin: Admin, clock: List[float]) -> None:
    token = admin.token(2, {"channels": {"room": 3}, "groups": {"g": 1}}, {"channels": {"^news-.*$": 1}})
    assert admin.status(PUB % "room" + "?auth=" + token) == 200
    assert admin.status("/v2/subscribe/demo/room,news-1/0?tt=0&channel-group=g&auth=" + token) == 200
    denied = admin.http.get("/v2/subscribe/demo/room,other/0?tt=0&channel-group=g,h&auth=" + token)
    assert denied.status == 403 and denied.json["payload"] == {"channels": ["other"], "channel-groups": ["h"]}
    assert admin.status(PUB % "news-1" + "?auth=" + token) == 403  # the pattern grants read only
    tampered = token[:-8] + ("A" if token[-8] != "A" else "B") + token[-7:]
    assert admin.status(PUB % "room" + "?auth=" + tampered) == 403
    clock[0] += 121
    assert admin.status(PUB % "room" + "?auth=" + token) == 403


def test_token_format_and_authorized_uuid(admin: Admin) -> None:
    token = admin.token(15, {"channels": {"a": 1}, "users": {"u1": 35}}, uuid="only-me")  # 35: get, write, read
    assert len(token) % 4 == 0
    fields = unwrap_token(token)  # the client's own parser
    assert (fields["v"], fields["ttl"], fields["uuid"]) == (2, 15, "only-me")
    assert fields["res"] == {"chan": {"a": 1}, "grp": {}, "usr": {"u1": 35}, "spc": {}} and fields["meta"] == {}
    assert isinstance(fields["sig"], bytes) and len(fields["sig"]) == 32
    assert read_token(token, SECRET) is not None and read_token(token, "another secret") is None
    assert admin.status("/v2/history/sub-key/demo/channel/a?uuid=only-me&auth=" + token) == 200
    assert admin.status("/v2/history/sub-key/demo/channel/a?uuid=someone-else&auth=" + token) == 403
    assert admin.status("/v2/objects/demo/uuids/u1?uuid=only-me&auth=" + token) == 404  # "users" act as uuids


def test_signed_requests_may_do_anything_admin_calls_must_be_signed(admin: Admin) -> None:
    assert admin.status(admin.signed("GET", PUB % "room")) == 200
    assert admin.status("/v2/auth/grant/sub-key/demo?r=1&channel=x") == 403
    assert admin.status("/v2/auth/audit/sub-key/demo") == 403
    assert admin.http.request("POST", "/v3/pam/demo/grant", b"{}").status == 403
    assert admin.status("/time/0") == 200  # open


def test_every_family_is_enforced(admin: Admin) -> None:
    action = "/v1/message-actions/demo/channel/ch/message/16000000000000001?auth=k1&uuid=u"
    reaction = b'{"type": "reaction", "value": "smile"}'
    assert admin.http.request("POST", action, reaction).status == 403
    admin.grant("auth=k1&channel=ch&w=1")
    assert admin.http.request("POST", action, reaction).status == 200
    listed = "/v1/message-actions/demo/channel/ch?auth=k1"
    assert admin.status(listed) == 403
    admin.grant("auth=k1&channel=ch&r=1&w=1")
    assert admin.status(listed) == 200
    assert admin.status("/v2/presence/sub-key/demo/channel/ch/heartbeat?auth=k1&uuid=u") == 200
    assert admin.status("/v2/presence/sub-key/demo/channel/ch,x/leave?auth=k1&uuid=u") == 200  # unsubscribe: none
    group = "/v1/channel-registration/sub-key/demo/channel-group/g?add=ch&auth=k1"
    assert admin.status(group) == 403
    admin.grant("auth=k1&channel-group=g&m=1")
    assert admin.status(group) == 200
    metadata = "/v2/objects/demo/channels/ch?auth=k1"
    assert admin.http.request("PATCH", metadata, b'{"name": "n"}').status == 403
    admin.grant("auth=k1&channel=ch&m=1")  # a grant sets all flags: read and write are gone
    assert admin.status(listed) == 403
    admin.grant("auth=k1&channel=ch&r=1&w=1&m=1")
    assert admin.http.request("PATCH", metadata, b'{"name": "n"}').status == 200
    uuid = "/v2/objects/demo/uuids/u1?auth=k1"
    assert admin.http.request("PATCH", uuid, b'{"name": "n"}').status == 403
    admin.grant("auth=k1&target-uuid=u1&u=1&g=1")
    assert admin.http.request("PATCH", uuid, b'{"name": "n"}').status == 200
    assert admin.status("/v1/files/demo/channels/ch/files?auth=k1") == 200
    assert admin.http.request("DELETE", "/v1/files/demo/channels/ch/files/i/n?auth=k1").status == 403


def test_grants_are_capped(make_server: Callable[..., Any], make_http: Callable[[Any], Http],
                           clock: List[float]) -> None:
    admin = Admin(make_http(make_server(secret_key=SECRET, max_grants=3, wall_clock=lambda: clock[0])), clock)
    admin.grant("auth=k1&channel=a,b&r=1&ttl=1")
    full = admin.http.get(admin.signed("GET", "/v2/auth/grant/sub-key/demo?auth=k1&channel=c,d&r=1"))
    assert full.status == 400 and full.json["message"] == "Too many grants"
    clock[0] += 61  # expired grants make room
    admin.grant("auth=k1&channel=c,d,e&r=1")


def test_without_a_secret_key_nothing_is_enforced(make_server: Callable[..., Any],
                                                  make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server())
    assert http.get(PUB % "room" + "?auth=k1").status == 200
    assert http.get("/v2/auth/grant/sub-key/demo?auth=k1&channel=room&r=1").json["payload"]["level"] == "user"
    assert http.get("/v2/auth/audit/sub-key/demo?channel=room").json["payload"]["channels"]["room"]["auths"]["k1"]["r"]


@pytest.mark.gen_test
async def test_the_client_grants_audits_and_revokes_and_is_refused(live_server: Callable[..., Any],
                                                                  clients: Clients) -> None:
    server = live_server(secret_key=SECRET)
    admin = clients(server.origin, secret_key=SECRET, uuid="admin")
    recorder = Recorder()
    user = clients(server.origin, recorder, auth_key="user-key", uuid="user")
    granted = await Grant(admin).channels(["room", "room-pnpres"]).auth_keys("user-key").read(True).write(True) \
        .ttl(5).future()
    assert granted.result.level == "user" and granted.result.channels["room"].auth_keys["user-key"].read_enabled
    sent = await user.publish().channel("room").message("hello").future()
    assert not sent.status.is_error()
    refused = await user.publish().channel("elsewhere").message("hello").future()
    assert refused.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert json.loads(refused.status.error_data.information.split(": ", 1)[1])["payload"] == {
        "channels": ["elsewhere"]}
    audit = await Audit(admin).channels("room").auth_keys("user-key").future()
    assert audit.result.level == "user" and audit.result.channels["room"].auth_keys["user-key"].ttl == 5

    user.subscribe().channels("room").with_presence().execute()
    await recorder.connected()
    await admin.publish().channel("room").message("from admin").future()
    message = await recorder.wait_for(lambda: recorder.of("message"))
    assert message[0].message == "from admin"
    await Revoke(admin).channels(["room", "room-pnpres"]).auth_keys("user-key").future()
    assert (await user.publish().channel("room").message(1).future()).status.category == \
        PNStatusCategory.PNAccessDeniedCategory
    user.subscribe().channels("vault").execute()  # re-subscribing now fails with access denied
    denied = await recorder.status_of(PNStatusCategory.PNAccessDeniedCategory)
    assert denied.is_error()


@pytest.mark.gen_test
async def test_the_client_uses_a_token_as_its_auth_key(live_server: Callable[..., Any], clients: Clients) -> None:
    server = live_server(secret_key=SECRET)
    admin = clients(server.origin, secret_key=SECRET, uuid="admin")
    issued = await GrantToken(admin).ttl(10).channels([Channel.id("room").read().write()]).future()
    user = clients(server.origin, auth_key=issued.result.token, uuid="user")
    assert not (await user.publish().channel("room").message(1).future()).status.is_error()
    history = await user.history().channel("room").future()
    assert [m.entry for m in history.result.messages] == [1]
    other = await user.publish().channel("other").message(1).future()
    assert other.status.category == PNStatusCategory.PNAccessDeniedCategory
