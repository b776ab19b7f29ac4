"""Grant token (PAM v3): the signed POST, the body bytes, bitmasks, validation and the result."""
from __future__ import annotations

import json

import pytest

from pubnub import utils
from pubnub.endpoints.access.grant_token import GrantToken
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_INVALID_META,
    PNERR_JSON_NOT_SERIALIZABLE,
    PNERR_PERMISSION_MISSING,
    PNERR_PUBLISH_KEY_MISSING,
    PNERR_RESOURCES_MISSING,
    PNERR_SECRET_KEY_MISSING,
    PNERR_SUBSCRIBE_KEY_MISSING,
    PNERR_TTL_MISSING,
)
from pubnub.models.consumer.v3.access_manager import PNGrantTokenResult
from pubnub.models.consumer.v3.channel import Channel
from pubnub.models.consumer.v3.group import Group
from pubnub.models.consumer.v3.space import Space
from pubnub.models.consumer.v3.user import User

from ...support import OfflineClient, answer, invalid, make_config, path_of, query_of, raw_query
from .conftest import SECRET

MOCK_BODY = ('{"ttl": "15", "permissions": {"resources": {"channels": {}, "groups": {}, "users": {"u1": 3}, '
             '"spaces": {}}, "patterns": {"channels": {}, "groups": {}, "users": {}, "spaces": {"^room-.*$": 1}}, '
             '"meta": {}}}')
MOCK_SIGNATURE = "v2.jNU6MTc7ZUY0iObQ3v8IiJ4Mw5NgMg_uk152y2Fjd4k"
TOKEN = ("p0F2AkF0GmB4Sd9DdHRsD0NyZXOkRGNoYW6iY2ZvbwFjYmFyAUNncnCiY2ZvbwFjYmFyAUN1c3KgQ3NwY6BDcGF0pERjaGFuoENncnCgQ3Vz"
         "cqBDc3BjoERtZXRhoENzaWdYIBHsbMOeRAHUvsCURvZ3Yehv74QvPT4xqfHY5JPONmyJ")


def _body(endpoint: GrantToken) -> dict:
    return json.loads(endpoint.build_data())


def test_worked_signature_example_is_reproduced_byte_for_byte(mock_admin):
    endpoint = GrantToken(mock_admin).ttl(15).users([User.id("u1").read().write()]) \
        .spaces([Space.pattern("^room-.*$").read()])
    request = endpoint.build_request()
    assert request.method == "POST"
    assert request.body == MOCK_BODY.encode("utf-8")
    assert request.url == ("https://ps.pndsn.com/v3/pam/sub-c-mock/grant?pnsdk=PubNub-Python%2F4.8.1&signature="
                           + MOCK_SIGNATURE + "&timestamp=1600000000&uuid=admin")
    string_to_sign = ("POST\npub-c-mock\n/v3/pam/sub-c-mock/grant\n"
                      "pnsdk=PubNub-Python%2F4.8.1&timestamp=1600000000&uuid=admin\n" + MOCK_BODY)
    assert "v2." + utils.sign_sha256("sec-c-mock", string_to_sign).rstrip("=") == MOCK_SIGNATURE


def test_declarations(admin):
    endpoint = GrantToken(admin)
    assert GrantToken.GRANT_TOKEN_PATH == "/v3/pam/%s/grant" and endpoint.build_path() == "/v3/pam/sub-c-test/grant"
    assert endpoint.operation_type() == PNOperationType.PNAccessManagerGrantToken == 41
    assert endpoint.http_method() == HttpMethod.POST and endpoint.is_auth_required() is False
    assert (GrantToken.READ, GrantToken.WRITE, GrantToken.MANAGE, GrantToken.DELETE, GrantToken.CREATE) == (
        1, 2, 4, 8, 16)


def test_json_header_and_no_auth():
    client = OfflineClient(make_config(secret_key=SECRET, auth_key="own"))
    request = GrantToken(client).ttl(1).users([User.id("u").read()]).build_request()
    assert request.headers["Content-Type"] == "application/json"
    assert path_of(request) == "/v3/pam/sub-c-test/grant"
    assert set(query_of(request)) == {"pnsdk", "signature", "timestamp", "uuid"}
    assert raw_query(request).split("&")[0].startswith("pnsdk=")


def test_bitmask_is_the_sum_of_the_flags(admin):
    users = [User.id("all").read().write().manage().delete().create(), User.id("w").write(),
             User.id("md").manage().delete()]
    body = _body(GrantToken(admin).ttl(5).users(users))
    assert body["permissions"]["resources"]["users"] == {"all": 31, "w": 2, "md": 12}


def test_ttl_is_a_string_and_meta_is_kept(admin):
    body = _body(GrantToken(admin).ttl(15.0).meta({"role": "admin", "n": 1}).spaces([Space.id("s").create()]))
    assert body["ttl"] == "15"
    assert body["permissions"]["meta"] == {"role": "admin", "n": 1}
    assert body["permissions"]["resources"]["spaces"] == {"s": 16}


def test_all_four_types_always_present_in_fixed_order(admin):
    data = GrantToken(admin).ttl(1).users([User.pattern("^u.*").read()]).build_data()
    assert data.startswith('{"ttl": "1", "permissions": {"resources": {"channels": {}, "groups": {}, "users": {}, '
                           '"spaces": {}}, "patterns": {"channels": {}, "groups": {}, "users": {"^u.*": 1}')
    assert data.endswith('"meta": {}}}')


def test_a_later_resource_with_the_same_name_wins(admin):
    body = _body(GrantToken(admin).ttl(1).users([User.id("u").read(), User.id("u").write()]))
    assert body["permissions"]["resources"]["users"] == {"u": 2}


def test_users_and_spaces_replace(admin):
    endpoint = GrantToken(admin).ttl(1).users([User.id("a").read()]).users([User.id("b").read()])
    assert _body(endpoint)["permissions"]["resources"]["users"] == {"b": 1}


def test_channels_and_groups_are_an_addition(admin):
    endpoint = GrantToken(admin).ttl(1).channels([Channel.id("ch").read().write().delete(),
                                                  Channel.pattern("^room-").read()]).groups([Group.id("g").manage()])
    permissions = _body(endpoint)["permissions"]
    assert permissions["resources"]["channels"] == {"ch": 11}
    assert permissions["patterns"]["channels"] == {"^room-": 1}
    assert permissions["resources"]["groups"] == {"g": 4}


@pytest.mark.parametrize(("settings", "error"), [
    ({"subscribe_key": None, "secret_key": None}, PNERR_SUBSCRIBE_KEY_MISSING),
    ({"secret_key": None}, PNERR_SECRET_KEY_MISSING),
])
def test_key_checks(settings, error):
    client = OfflineClient(make_config(**dict({"secret_key": SECRET}, **settings)))
    assert invalid(GrantToken(client)).pn_error == error


def test_ttl_is_checked_before_resources(admin):
    error = invalid(GrantToken(admin))
    assert error.pn_error == PNERR_TTL_MISSING and str(error) == "TTL missing"
    assert invalid(GrantToken(admin).ttl(1)).pn_error == PNERR_RESOURCES_MISSING
    assert invalid(GrantToken(admin).ttl(1).users([])).pn_error == PNERR_RESOURCES_MISSING


def test_resource_without_permission(admin):
    error = invalid(GrantToken(admin).ttl(1).spaces([Space.id("s")]).meta("not a dict"))
    assert error.pn_error == PNERR_PERMISSION_MISSING and str(error) == "Permission missing"


def test_meta_must_be_a_dict(admin):
    error = invalid(GrantToken(admin).ttl(1).users([User.id("u").read()]).meta(["x"]))
    assert error.pn_error == PNERR_INVALID_META and str(error) == "Invalid meta parameter"


def test_meta_must_be_json(admin):
    error = invalid(GrantToken(admin).ttl(1).users([User.id("u").read()]).meta({"x": object()}))
    assert error.pn_error == PNERR_JSON_NOT_SERIALIZABLE


def test_missing_publish_key_is_a_pubnub_error_not_a_type_error():
    """Quirk 13 fixed: 4.8.1 failed with a TypeError while signing."""
    client = OfflineClient(make_config(secret_key=SECRET, publish_key=None))
    assert invalid(GrantToken(client).ttl(1).users([User.id("u").read()])).pn_error == PNERR_PUBLISH_KEY_MISSING


def test_body_is_signed_as_sent(admin):
    request = GrantToken(admin).ttl(60).meta({"note": "h\u00e9"}).users([User.id("u 1").read()]).build_request()
    assert b'"meta": {"note": "h\\u00e9"}' in request.body
    query = query_of(request)
    signature = query.pop("signature")
    assert signature == utils.sign_request_v2(SECRET, "pub-c-test", "POST", "/v3/pam/sub-c-test/grant", query,
                                              request.body.decode("utf-8"))


def test_success_answer(admin):
    envelope = answer(GrantToken(admin).ttl(15).users([User.id("u").read()]), {
        "data": {"message": "Success", "token": TOKEN}, "service": "Access Manager", "status": 200})
    result = envelope.result
    assert isinstance(result, PNGrantTokenResult)
    assert result.token == TOKEN and result.get_token() == TOKEN
    assert str(result) == "Grant token: " + TOKEN
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory and envelope.status.operation == 41


def test_invalid_ttl_answer(admin):
    body = {"error": {"message": "Invalid ttl", "source": "grant", "details": [
        {"message": "Range should be 1 to 43200 minute(s).", "location": "ttl", "locationType": "body"}]},
        "service": "Access Manager", "status": 400}
    envelope = answer(GrantToken(admin).ttl(50000).users([User.id("u").read()]), body, 400)
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNBadRequestCategory
    assert envelope.status.original_response == body
    assert str(envelope.status.error_data.exception).startswith(
        'HTTP Client Error (400): {"error": {"message": "Invalid')
