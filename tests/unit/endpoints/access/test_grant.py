"""Grant (PAM v2): sorted signed query, flags, appending targets, validation order, results."""
from __future__ import annotations

import pytest

from pubnub import utils
from pubnub.endpoints.access.grant import Grant
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_PAM_INVALID_ARGUMENTS,
    PNERR_PAM_NO_FLAGS,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_SECRET_KEY_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
)
from pubnub.models.consumer.access_manager import PNAccessManagerGrantResult

from ...support import NOW, OfflineClient, answer, invalid, make_config, path_of, query_of, query_pairs, raw_query, sdk
from .conftest import SECRET

PATH = "/v2/auth/grant/sub-key/sub-c-test"
MOCK_SIGNATURE = "v2.QkahfLTyN7bom5ylyZKeUVeJlmb7v3dDibmQU7DoHw0"


def test_worked_signature_example_is_reproduced_byte_for_byte(mock_admin):
    endpoint = Grant(mock_admin).channels("ch1").read(True).write(True).ttl(60)
    request = endpoint.build_request()
    assert request.method == "GET" and request.body is None
    assert path_of(request) == "/v2/auth/grant/sub-key/sub-c-mock"
    assert raw_query(request) == ("channel=ch1&pnsdk=PubNub-Python%2F4.8.1&r=1&signature=" + MOCK_SIGNATURE
                                  + "&timestamp=1600000000&ttl=60&uuid=admin&w=1")
    string_to_sign = ("GET\npub-c-mock\n/v2/auth/grant/sub-key/sub-c-mock\n"
                      "channel=ch1&pnsdk=PubNub-Python%2F4.8.1&r=1&timestamp=1600000000&ttl=60&uuid=admin&w=1\n")
    assert "v2." + utils.sign_sha256("sec-c-mock", string_to_sign).rstrip("=") == MOCK_SIGNATURE


def test_path_constant_and_declarations(admin):
    endpoint = Grant(admin)
    assert Grant.GRANT_PATH == "/v2/auth/grant/sub-key/%s"
    assert endpoint.build_path() == PATH
    assert endpoint.operation_type() == PNOperationType.PNAccessManagerGrant == 21
    assert endpoint.http_method() == HttpMethod.GET
    assert endpoint.is_auth_required() is False
    assert endpoint.name() == "Grant"


def test_query_is_sorted_by_pair_text(admin):
    request = Grant(admin).channels("ch").channel_groups("cg").auth_keys("k").read(True).ttl(5).build_request()
    names = [name for name, _ in query_pairs(request)]
    # "channel-group=" sorts before "channel=" because "-" < "="
    assert names == ["auth", "channel-group", "channel", "pnsdk", "r", "signature", "timestamp", "ttl", "uuid"]
    assert raw_query(request) == "&".join(sorted(raw_query(request).split("&")))


@pytest.mark.parametrize(("setter", "key"), [("read", "r"), ("write", "w"), ("manage", "m"), ("get", "g"),
                                             ("update", "u"), ("join", "j")])
def test_each_flag_is_sent_only_when_called(admin, setter, key):
    granted = query_of(getattr(Grant(admin), setter)(True).build_request())
    assert granted[key] == "1"
    assert not {"r", "w", "m", "d", "g", "u", "j"} - {key} & set(granted)
    denied = query_of(getattr(Grant(admin).read(True), setter)(False).build_request())
    assert denied[key] == "0"


def test_flag_is_1_only_for_true(admin):
    assert query_of(Grant(admin).read(1).write(True).build_request())["r"] == "0"  # 4.8.1 compared with True


def test_delete_flag_is_sent_with_another_flag(admin):
    query = query_of(Grant(admin).read(True).delete(True).build_request())
    assert (query["r"], query["d"]) == ("1", "1")


def test_ttl_is_sent_as_an_int(admin):
    assert query_of(Grant(admin).read(True).ttl("7").build_request())["ttl"] == "7"
    assert query_of(Grant(admin).read(True).ttl(60.0).build_request())["ttl"] == "60"
    assert "ttl" not in query_of(Grant(admin).read(True).build_request())


def test_targets_append_and_go_encoded_and_comma_joined(admin):
    endpoint = (Grant(admin).read(True).channels("a,b").channels(["c d"]).channel_groups(("g1", "g/2"))
                .auth_keys("k 1").auth_keys(["k2"]))
    assert endpoint._channels == ["a", "b", "c d"] and endpoint._groups == ["g1", "g/2"]
    request = endpoint.build_request()
    pairs = dict(query_pairs(request))
    assert pairs["channel"] == "a,b,c%20d"
    assert pairs["channel-group"] == "g1,g%2F2"
    assert pairs["auth"] == "k%201,k2"
    query = query_of(request)
    assert (query["channel"], query["channel-group"], query["auth"]) == ("a,b,c d", "g1,g/2", "k 1,k2")


def test_target_uuids_append_and_go_comma_joined(admin):
    endpoint = Grant(admin).get(True).auth_keys("k").uuids("u1,u 2").uuids(["u3"])
    assert endpoint._uuids == ["u1", "u 2", "u3"]
    request = endpoint.build_request()
    assert dict(query_pairs(request))["target-uuid"] == "u1,u%202,u3"
    assert query_of(request)["target-uuid"] == "u1,u 2,u3"


def test_empty_string_adds_nothing(admin):
    assert "channel" not in query_of(Grant(admin).read(True).channels("").build_request())


def test_special_characters_are_signed_as_the_service_decodes_them(admin):
    request = Grant(admin).channels("test channel").auth_keys("client auth key with spaces").read(True) \
        .write(True).ttl(60).build_request()
    query = query_of(request)
    signature = query.pop("signature")
    assert signature == utils.sign_request_v2(SECRET, "pub-c-test", "GET", PATH, query, None)
    assert "auth=client%20auth%20key%20with%20spaces&channel=test%20channel&" in raw_query(request)


def test_the_clients_own_auth_key_is_not_sent():
    client = OfflineClient(make_config(secret_key=SECRET, auth_key="my-own-key"))
    assert "auth" not in query_of(Grant(client).read(True).build_request())


def test_params_callback_is_the_4_8_1_view(admin):
    params = Grant(admin).channels("ch 1").auth_keys(["a", "b"]).uuids(["u1", "u2"]).read(True).ttl(7) \
        .build_params_callback()({})
    raw = {"r": "1", "auth": "a,b", "channel": "ch 1", "target-uuid": "u1,u2", "ttl": "7",
           "pnsdk": admin.sdk_name, "uuid": "test-uuid", "timestamp": str(NOW)}
    signature = utils.sign_request_v2(SECRET, "pub-c-test", "GET", PATH, raw, None)
    assert params == dict(raw, channel="ch%201", pnsdk=sdk(admin), signature=signature)


def test_affected_channels_and_groups(admin):
    endpoint = Grant(admin).channels(["c1", "c2"]).channel_groups("g").read(True)
    assert endpoint.affected_channels() == ["c1", "c2"] and endpoint.affected_channels_groups() == ["g"]


@pytest.mark.parametrize(("settings", "error"), [
    ({"subscribe_key": None, "secret_key": None, "publish_key": None}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"secret_key": None, "publish_key": None}, PNERR_SECRET_KEY_MISSING),
    ({"publish_key": None}, PNERR_PUBLISH_KEY_MISSING),
])
def test_key_checks_come_first_in_order(settings, error):
    client = OfflineClient(make_config(**dict({"secret_key": SECRET}, **settings)))
    assert invalid(Grant(client)).pn_error == error


def test_channels_groups_and_uuids_together_are_refused(admin):
    error = invalid(Grant(admin).channels("c").channel_groups("g").uuids("u").auth_keys("k").read(True))
    assert error.pn_error == PNERR_PAM_INVALID_ARGUMENTS
    assert str(error) == ("Invalid arguments: Grants for channels or channelGroups can't be changed together "
                          "with grants for UUIDs")


def test_channels_with_uuids_only_is_accepted_as_in_4_8_1(admin):
    query = query_of(Grant(admin).channels("c").uuids("u").auth_keys("k").get(True).build_request())
    assert (query["channel"], query["target-uuid"]) == ("c", "u")


def test_uuids_need_auth_keys(admin):
    error = invalid(Grant(admin).uuids("u").get(True))
    assert error.pn_error == PNERR_PAM_INVALID_ARGUMENTS
    assert str(error) == "Invalid arguments: UUIDs grant management require providing non empty authKeys"


def test_mixed_targets_are_checked_before_flags(admin):
    assert invalid(Grant(admin).uuids("u")).pn_error == PNERR_PAM_INVALID_ARGUMENTS


def test_no_flags(admin):
    error = invalid(Grant(admin).channels("c"))
    assert error.pn_error == PNERR_PAM_NO_FLAGS and str(error) == "At least one flag should be specified"


def test_delete_alone_is_no_flag_as_in_4_8_1(admin):
    assert invalid(Grant(admin).channels("c").delete(True)).pn_error == PNERR_PAM_NO_FLAGS


def test_recorded_uuid_grant_query(admin):
    client = OfflineClient(make_config(secret_key=SECRET, subscribe_key="SUB_KEY"))
    request = Grant(client).uuids("someuuid").auth_keys("authKey123").get(True).update(True).join(True) \
        .ttl(120).build_request()
    query = query_of(request)
    for name in ("pnsdk", "uuid", "signature", "timestamp"):
        query.pop(name)
    assert query == {"auth": "authKey123", "g": "1", "j": "1", "target-uuid": "someuuid", "ttl": "120", "u": "1"}


def test_subkey_level_answer(admin):
    envelope = answer(Grant(admin).read(True).write(True), {
        "message": "Success", "service": "Access Manager", "status": 200,
        "payload": {"level": "subkey", "subscribe_key": "sub-c-test", "ttl": 1440, "r": 1, "w": 1, "m": 0, "d": 0,
                    "g": 0, "u": 0, "j": 0}})
    result = envelope.result
    assert isinstance(result, PNAccessManagerGrantResult)
    assert (result.level, result.subscribe_key, result.ttl) == ("subkey", "sub-c-test", 1440)
    assert (result.read_enabled, result.write_enabled, result.manage_enabled, result.delete_enabled) == (
        True, True, False, False)
    assert (result.channels, result.groups, result.uuids) == ({}, {}, {})
    assert str(result) == ("New permissions are set for 1440 minutes: read True, write True, manage: False, "
                           "delete: False")
    status = envelope.status
    assert status.category == PNStatusCategory.PNAcknowledgmentCategory and status.operation == 21
    assert status.affected_channels == [] and status.affected_groups == []


def test_forbidden_answer(admin):
    body = {"message": "Forbidden", "payload": {"channels": ["ch"]}, "error": True, "service": "Access Manager",
            "status": 403}
    envelope = answer(Grant(admin).channels("ch").read(True), body, 403)
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNAccessDeniedCategory
    assert envelope.status.affected_channels == ["ch"]
    assert envelope.status.error_data.exception.pn_error == "HTTP Client Error"


def test_answer_without_level_is_a_malformed_response(admin):
    envelope = answer(Grant(admin).read(True), {"status": 200, "payload": {"subscribe_key": "s"}})
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNMalformedResponseCategory
