"""Access Manager on PubNubTornado (grant, revoke, audit, grant_token), replayed from fixtures/tornado/access/."""
from __future__ import annotations

import asyncio
from typing import Any, Callable, Tuple

import pytest

from pubnub.endpoints.access.audit import Audit
from pubnub.endpoints.access.grant import Grant
from pubnub.endpoints.access.grant_token import GrantToken
from pubnub.endpoints.access.revoke import Revoke
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_PAM_NO_FLAGS, PNERR_SECRET_KEY_MISSING
from pubnub.exceptions import PubNubException
from pubnub.managers import TokenManager, TokenManagerProperties
from pubnub.models.consumer.access_manager import (
    PNAccessManagerAuditResult,
    PNAccessManagerChannelGroupData,
    PNAccessManagerGrantResult,
)
from pubnub.models.consumer.v3.access_manager import PNGrantTokenResult
from pubnub.models.consumer.v3.space import Space
from pubnub.models.consumer.v3.user import User
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]
CAT = PNStatusCategory
OP = PNOperationType
SECRET = "sec-c-test"
TOKEN = ("p0F2AkF0GmB4Sd9DdHRsD0NyZXOkRGNoYW6iY2ZvbwFjYmFyAUNncnCiY2ZvbwFjYmFyAUN1c3KgQ3NwY6BDcGF0pERjaGFuoENncnCg"
         "Q3VzcqBDc3BjoERtZXRhoENzaWdYIBHsbMOeRAHUvsCURvZ3Yehv74QvPT4xqfHY5JPONmyJ")


def _admin(make_pubnub: MakePubNub) -> PubNubTornado:
    return make_pubnub(secret_key=SECRET)


def _grant_token(pubnub: PubNubTornado, ttl: int = 15) -> GrantToken:
    return GrantToken(pubnub).ttl(ttl).users([User.id("u1").read().write()]) \
        .spaces([Space.pattern("^room-.*$").read()])


async def _via_pn_async(endpoint: Any) -> Tuple[Any, Any]:
    delivered: asyncio.Future[Tuple[Any, Any]] = asyncio.get_running_loop().create_future()
    endpoint.pn_async(lambda result, status: delivered.set_result((result, status)))
    return await asyncio.wait_for(delivered, 2)


@pytest.mark.gen_test
async def test_grant_subkey_level_through_all_three_modes(make_pubnub: MakePubNub) -> None:
    pubnub = _admin(make_pubnub)
    with replay("access/grant_subkey.yaml"):
        envelope = await Grant(pubnub).read(True).write(True).future()
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    result = envelope.result
    assert isinstance(result, PNAccessManagerGrantResult)
    assert (result.level, result.subscribe_key, result.ttl, result.read_enabled, result.manage_enabled) == (
        "subkey", "sub-c-test", 1440, True, False)
    assert str(result) == ("New permissions are set for 1440 minutes: read True, write True, manage: False, "
                           "delete: False")
    status = envelope.status
    assert status.category == CAT.PNAcknowledgmentCategory and status.operation == OP.PNAccessManagerGrant
    assert status.status_code == 200 and status.auth_key is None
    query = status.client_request.url.split("?", 1)[1]
    assert query == "&".join(sorted(query.split("&"))) and "&signature=v2." in query

    with replay("access/grant_subkey.yaml"):
        result = await Grant(pubnub).read(True).write(True).result()
    assert result.level == "subkey" and result.write_enabled is True

    with replay("access/grant_subkey.yaml"):
        result, status = await _via_pn_async(Grant(pubnub).read(True).write(True))
    assert isinstance(result, PNAccessManagerGrantResult) and status.error is None


@pytest.mark.gen_test
async def test_grant_on_channels(make_pubnub: MakePubNub) -> None:
    with replay("access/grant_channels.yaml"):
        envelope = await Grant(_admin(make_pubnub)).channels("ch1,ch2").read(True).write(True).future()
    assert sorted(envelope.result.channels) == ["ch1", "ch2"]
    assert envelope.result.channels["ch2"].write_enabled is True
    assert envelope.status.affected_channels == ["ch1", "ch2"]


@pytest.mark.gen_test
async def test_grant_names_with_spaces(make_pubnub: MakePubNub) -> None:
    with replay("access/grant_channel_auth_spaces.yaml"):
        result = await Grant(_admin(make_pubnub)).channels("test channel").auth_keys("client auth key with spaces") \
            .read(True).write(True).ttl(60).result()
    assert result.level == "user" and result.ttl == 60
    key = result.channels["test channel"].auth_keys["client auth key with spaces"]
    assert (key.read_enabled, key.write_enabled, key.join) == (True, True, False)


@pytest.mark.gen_test
async def test_grant_several_channels_for_an_auth_key(make_pubnub: MakePubNub) -> None:
    with replay("access/grant_channels_auth.yaml"):
        result = await Grant(_admin(make_pubnub)).channels(["ch1", "ch2"]).auth_keys("key").read(True).write(True) \
            .result()
    assert [result.channels[name].auth_keys["key"].read_enabled for name in ("ch1", "ch2")] == [True, True]


@pytest.mark.gen_test
async def test_grant_on_groups(make_pubnub: MakePubNub) -> None:
    pubnub = _admin(make_pubnub)
    with replay("access/grant_groups.yaml"):
        envelope = await Grant(pubnub).channel_groups(["cg1", "cg2"]).read(True).write(True).future()
    assert sorted(envelope.result.groups) == ["cg1", "cg2"] and envelope.status.affected_groups == ["cg1", "cg2"]
    with replay("access/grant_group_auth.yaml"):
        result = await Grant(pubnub).channel_groups("cg").auth_keys("key").read(True).write(True).result()
    group = result.groups["cg"]
    assert isinstance(group, PNAccessManagerChannelGroupData) and group.auth_keys["key"].write_enabled is True


@pytest.mark.gen_test
async def test_grant_on_a_target_uuid(make_pubnub: MakePubNub) -> None:
    with replay("access/grant_uuid.yaml"):
        result = await Grant(_admin(make_pubnub)).uuids("someuuid").auth_keys("authKey123").get(True).update(True) \
            .join(True).ttl(120).result()
    key = result.uuids["someuuid"].auth_keys["authKey123"]
    assert (key.get, key.update, key.join, key.read_enabled) == (True, True, True, False)


@pytest.mark.gen_test
async def test_grant_forbidden_through_all_three_modes(make_pubnub: MakePubNub) -> None:
    pubnub = _admin(make_pubnub)
    body = ('{"message": "Forbidden", "payload": {"channels": ["ch1"]}, "error": true, "service": "Access Manager", '
            '"status": 403}')
    with replay("access/grant_403.yaml"):
        failed = await Grant(pubnub).channels("ch1").read(True).future()
    assert isinstance(failed, PubNubTornadoException) and failed.result is None
    assert failed.status.category == CAT.PNAccessDeniedCategory and failed.status.status_code == 403
    assert failed.status.operation == OP.PNAccessManagerGrant and failed.status.affected_channels == ["ch1"]
    assert str(failed) == "HTTP Client Error (403): " + body

    with replay("access/grant_403.yaml"), pytest.raises(PubNubException) as raised:
        await Grant(pubnub).channels("ch1").read(True).result()
    assert raised.value._status_code == 403

    with replay("access/grant_403.yaml"):
        result, status = await _via_pn_async(Grant(pubnub).channels("ch1").read(True))
    assert result is None and status.category == CAT.PNAccessDeniedCategory and status.is_error()


@pytest.mark.gen_test
async def test_grant_invalid_subscribe_key(make_pubnub: MakePubNub) -> None:
    with replay("access/grant_400.yaml"):
        failed = await Grant(_admin(make_pubnub)).read(True).future()
    assert failed.status.category == CAT.PNBadRequestCategory and failed.status.status_code == 400
    assert failed.status.original_response["message"] == "Invalid Subscribe Key"


@pytest.mark.gen_test
async def test_grant_refused_before_sending(make_pubnub: MakePubNub) -> None:
    failed = await Grant(_admin(make_pubnub)).channels("ch").future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNBadRequestCategory and failed.value().pn_error == PNERR_PAM_NO_FLAGS
    with pytest.raises(PubNubException) as raised:
        await Audit(make_pubnub()).result()
    assert raised.value.pn_error == PNERR_SECRET_KEY_MISSING


@pytest.mark.gen_test
async def test_revoke(make_pubnub: MakePubNub) -> None:
    with replay("access/revoke_subkey.yaml"):
        envelope = await Revoke(_admin(make_pubnub)).ttl(1).future()
    result = envelope.result
    assert type(result) is PNAccessManagerGrantResult and envelope.status.operation == OP.PNAccessManagerRevoke
    assert (result.ttl, result.read_enabled, result.write_enabled, result.manage_enabled) == (1, False, False, False)


@pytest.mark.gen_test
async def test_audit_subkey(make_pubnub: MakePubNub) -> None:
    pubnub = _admin(make_pubnub)
    with replay("access/audit_subkey.yaml"):
        envelope = await Audit(pubnub).future()
    result = envelope.result
    assert isinstance(result, PNAccessManagerAuditResult) and envelope.status.operation == OP.PNAccessManagerAudit
    assert result.channels["ch"].ttl == 166 and result.channels["ch"].auth_keys["key"].read_enabled is True
    assert result.groups["cg"].write_enabled is False
    assert str(result) == ("Current permissions are valid for 1440 minutes: read True, write True, manage: False, "
                           "delete: None")
    with replay("access/audit_subkey.yaml"):
        result, status = await _via_pn_async(Audit(pubnub))
    assert isinstance(result, PNAccessManagerAuditResult) and status.status_code == 200


@pytest.mark.gen_test
async def test_audit_one_channel_or_group_for_an_auth_key(make_pubnub: MakePubNub) -> None:
    pubnub = _admin(make_pubnub)
    with replay("access/audit_channel_auth.yaml"):
        result = await Audit(pubnub).channels("ch").auth_keys("key").result()
    assert result.level == "user" and result.channels["ch"].auth_keys["key"].ttl == 1440
    with replay("access/audit_group_auth.yaml"):
        result = await Audit(pubnub).channel_groups("cg").auth_keys("key").result()
    assert result.level == "channel-group+auth" and result.groups["cg"].auth_keys["key"].write_enabled is False


@pytest.mark.gen_test
async def test_audit_forbidden(make_pubnub: MakePubNub) -> None:
    with replay("access/audit_403.yaml"):
        failed = await Audit(_admin(make_pubnub)).channels("ch").future()
    assert failed.status.category == CAT.PNAccessDeniedCategory and failed.status.operation == OP.PNAccessManagerAudit


@pytest.mark.gen_test
async def test_grant_token_through_all_three_modes(make_pubnub: MakePubNub) -> None:
    pubnub = _admin(make_pubnub)
    with replay("access/grant_token.yaml"):
        envelope = await _grant_token(pubnub).future()
    assert isinstance(envelope, TornadoEnvelope)
    result = envelope.result
    assert isinstance(result, PNGrantTokenResult) and result.get_token() == TOKEN
    assert str(result) == "Grant token: " + TOKEN
    status = envelope.status
    assert status.operation == OP.PNAccessManagerGrantToken and status.status_code == 200
    assert status.client_request.method == "POST" and status.client_request.body.startswith(b'{"ttl": "15", ')

    with replay("access/grant_token.yaml"):
        token = (await _grant_token(pubnub).result()).token
    manager = TokenManager()
    manager.set_token(token)  # 4.8.1 raised KeyError here: the token grants channels and groups
    assert manager.get_token(TokenManagerProperties("channel", "foo")) == TOKEN

    with replay("access/grant_token.yaml"):
        result, status = await _via_pn_async(_grant_token(pubnub))
    assert result.token == TOKEN and status.error is None


@pytest.mark.parametrize("case, ttl, code, category", [
    ("grant_token_400", 50000, 400, CAT.PNBadRequestCategory),
    ("grant_token_403", 15, 403, CAT.PNAccessDeniedCategory),
])
@pytest.mark.gen_test
async def test_grant_token_errors(make_pubnub: MakePubNub, case: str, ttl: int, code: int, category: int) -> None:
    pubnub = _admin(make_pubnub)
    with replay("access/%s.yaml" % case):
        failed = await _grant_token(pubnub, ttl).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == category and failed.status.status_code == code
    assert failed.status.original_response["status"] == code and "error" in failed.status.original_response
    with replay("access/%s.yaml" % case), pytest.raises(PubNubException) as raised:
        await _grant_token(pubnub, ttl).result()
    assert raised.value._status_code == code and str(raised.value).startswith("HTTP Client Error (%d): " % code)
