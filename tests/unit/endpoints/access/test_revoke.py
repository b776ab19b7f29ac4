"""Revoke (PAM v2): a grant with every flag preset to zero."""
from __future__ import annotations

import pytest

from pubnub import utils
from pubnub.endpoints.access.grant import Grant
from pubnub.endpoints.access.revoke import Revoke
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS, PNERR_PUBLISH_KEY_MISSING, PNERR_SECRET_KEY_MISSING
from pubnub.models.consumer.access_manager import PNAccessManagerGrantResult

from ...support import NOW, OfflineClient, answer, invalid, make_config, path_of, query_of, raw_query, sdk
from .conftest import SECRET


def test_functional_wire_form(admin):
    endpoint = Revoke(admin).channels("ch")
    assert Revoke.GRANT_PATH == Grant.GRANT_PATH and endpoint.build_path() == "/v2/auth/grant/sub-key/sub-c-test"
    request = endpoint.build_request()
    assert path_of(request) == "/v2/auth/grant/sub-key/sub-c-test"
    raw = {"channel": "ch", "r": "0", "w": "0", "m": "0", "g": "0", "u": "0", "j": "0", "pnsdk": admin.sdk_name,
           "uuid": "test-uuid", "timestamp": str(NOW)}
    signature = utils.sign_request_v2(SECRET, "pub-c-test", "GET", "/v2/auth/grant/sub-key/sub-c-test", raw, None)
    assert raw_query(request) == ("channel=ch&g=0&j=0&m=0&pnsdk=%s&r=0&signature=%s&timestamp=%d&u=0&uuid=test-uuid&w=0"
                                  % (sdk(admin), signature, NOW))


def test_declarations(admin):
    endpoint = Revoke(admin)
    assert isinstance(endpoint, Grant)
    assert endpoint.operation_type() == PNOperationType.PNAccessManagerRevoke == 22
    assert endpoint.name() == "Revoke"


@pytest.mark.parametrize("setter", ["read", "write", "manage"])
def test_read_write_manage_cannot_be_set(admin, setter):
    with pytest.raises(NotImplementedError):
        getattr(Revoke(admin), setter)(True)


def test_delete_is_sent_only_when_called_with_its_value(admin):
    assert "d" not in query_of(Revoke(admin).build_request())
    assert query_of(Revoke(admin).delete(True).build_request())["d"] == "1"  # as 4.8.1 did


def test_get_update_join_override_the_preset(admin):
    query = query_of(Revoke(admin).get(True).update(True).join(True).build_request())
    assert [query[key] for key in "gujrwm"] == ["1", "1", "1", "0", "0", "0"]


def test_subkey_level_revoke_needs_no_target(admin):
    assert "channel" not in raw_query(Revoke(admin).ttl(1).build_request())


def test_same_validation_as_grant(admin):
    assert invalid(Revoke(admin).uuids("u")).pn_error == PNERR_PAM_INVALID_ARGUMENTS
    assert invalid(Revoke(OfflineClient(make_config()))).pn_error == PNERR_SECRET_KEY_MISSING
    no_publish = OfflineClient(make_config(secret_key=SECRET, publish_key=None))
    assert invalid(Revoke(no_publish)).pn_error == PNERR_PUBLISH_KEY_MISSING


def test_result_is_a_grant_result(admin):
    result = answer(Revoke(admin), {"message": "Success", "service": "Access Manager", "status": 200, "payload": {
        "level": "subkey", "subscribe_key": "sub-c-test", "ttl": 1, "r": 0, "w": 0, "m": 0, "d": 0, "g": 0, "u": 0,
        "j": 0}}).result
    assert type(result) is PNAccessManagerGrantResult
    assert (result.read_enabled, result.write_enabled, result.manage_enabled, result.delete_enabled) == (
        False, False, False, False)
    assert str(result) == "New permissions are set for 1 minutes: read False, write False, manage: False, delete: False"
