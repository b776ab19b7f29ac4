"""Audit (PAM v2): sorted signed query, decoded-value signing, validation, results."""
from __future__ import annotations

import pytest

from pubnub import utils
from pubnub.endpoints.access.audit import Audit
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_PUBLISH_KEY_MISSING, PNERR_SECRET_KEY_MISSING, PNERR_SUBSCRIBE_KEY_MISSING
from pubnub.models.consumer.access_manager import PNAccessManagerAuditResult

from ...support import NOW, OfflineClient, answer, invalid, make_config, path_of, query_of, raw_query, sdk
from .conftest import SECRET

PATH = "/v2/auth/audit/sub-key/sub-c-test"


def test_path_and_declarations(admin):
    endpoint = Audit(admin)
    assert Audit.AUDIT_PATH == "/v2/auth/audit/sub-key/%s" and endpoint.build_path() == PATH
    assert endpoint.operation_type() == PNOperationType.PNAccessManagerAudit == 20
    assert endpoint.http_method() == HttpMethod.GET and endpoint.is_auth_required() is False


def test_subkey_audit_sends_only_common_params(admin):
    request = Audit(admin).build_request()
    assert path_of(request) == PATH
    raw = {"pnsdk": admin.sdk_name, "uuid": "test-uuid", "timestamp": str(NOW)}
    signature = utils.sign_request_v2(SECRET, "pub-c-test", "GET", PATH, raw, None)
    assert raw_query(request) == "pnsdk=%s&signature=%s&timestamp=%d&uuid=test-uuid" % (sdk(admin), signature, NOW)


def test_targets_append_and_are_sorted(admin):
    request = Audit(admin).channels("ch1,ch2").channel_groups(["cg"]).auth_keys("key").build_request()
    assert raw_query(request).startswith("auth=key&channel-group=cg&channel=ch1,ch2&pnsdk=")
    assert {k: query_of(request)[k] for k in ("auth", "channel", "channel-group")} == {
        "auth": "key", "channel": "ch1,ch2", "channel-group": "cg"}


def test_special_characters_are_signed_once_not_twice(admin):
    # 4.8.1 held these values encoded while signing (cg%201 signed as cg%25201); the service
    # canonicalises decoded values, so only a signature over "cg 1" is accepted.
    request = Audit(admin).channel_groups("cg 1").auth_keys("a/b").build_request()
    assert "auth=a%2Fb&channel-group=cg%201&" in raw_query(request)
    query = query_of(request)
    signature = query.pop("signature")
    assert signature == utils.sign_request_v2(SECRET, "pub-c-test", "GET", PATH, query, None)


def test_params_callback_view(admin):
    params = Audit(admin).channels("c 1").build_params_callback()({})
    assert params["channel"] == "c%201" and params["pnsdk"] == sdk(admin) and params["uuid"] == "test-uuid"


@pytest.mark.parametrize(("settings", "error"), [
    ({"subscribe_key": None, "secret_key": None}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"secret_key": None}, PNERR_SECRET_KEY_MISSING),
])
def test_validation_order(settings, error):
    client = OfflineClient(make_config(**dict({"secret_key": SECRET}, **settings)))
    assert invalid(Audit(client).channels("c")).pn_error == error


def test_missing_publish_key_is_a_pubnub_error_not_a_type_error():
    """Quirk 13 fixed: 4.8.1 failed with a TypeError while building the string to sign."""
    client = OfflineClient(make_config(secret_key=SECRET, publish_key=None))
    assert invalid(Audit(client)).pn_error == PNERR_PUBLISH_KEY_MISSING


def test_affected_channels(admin):
    endpoint = Audit(admin).channels("c").channel_groups("g")
    assert (endpoint.affected_channels(), endpoint.affected_channels_groups()) == (["c"], ["g"])


def test_channel_audit_answer(admin):
    payload = {"level": "channel", "subscribe_key": "sub-c-test", "channels": {"ch": {
        "r": 1, "m": 0, "w": 1, "ttl": 1440, "auths": {"key": {"r": 1, "m": 0, "w": 1, "ttl": 166}}}}}
    envelope = answer(Audit(admin).channels("ch"), {"message": "Success", "payload": payload,
                                                   "service": "Access Manager", "status": 200})
    result = envelope.result
    assert isinstance(result, PNAccessManagerAuditResult)
    assert (result.level, result.ttl, result.read_enabled) == ("channel", None, None)
    channel = result.channels["ch"]
    assert (channel.read_enabled, channel.write_enabled, channel.manage_enabled, channel.ttl) == (True, True, False,
                                                                                                 1440)
    assert channel.auth_keys["key"].ttl == 166 and channel.auth_keys["key"].delete_enabled is None
    assert str(result) == ("Current permissions are valid for 0 minutes: read None, write None, manage: None, "
                           "delete: None")
    assert envelope.status.operation == 20 and envelope.status.affected_channels == ["ch"]
