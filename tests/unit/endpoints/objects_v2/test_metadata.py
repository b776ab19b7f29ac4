"""UUID and channel metadata calls: paths, queries, bodies, validation order and result parsing."""
from __future__ import annotations

import json

import pytest

from pubnub.endpoints.objects_v2.channel.get_all_channels import GetAllChannels
from pubnub.endpoints.objects_v2.channel.get_channel import GetChannel
from pubnub.endpoints.objects_v2.channel.remove_channel import RemoveChannel
from pubnub.endpoints.objects_v2.channel.set_channel import SetChannel
from pubnub.endpoints.objects_v2.uuid.get_all_uuid import GetAllUuid
from pubnub.endpoints.objects_v2.uuid.get_uuid import GetUuid
from pubnub.endpoints.objects_v2.uuid.remove_uuid import RemoveUuid
from pubnub.endpoints.objects_v2.uuid.set_uuid import SetUuid
from pubnub.enums import HttpMethod, PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_JSON_NOT_SERIALIZABLE,
    PNERR_SUBSCRIBE_KEY_MISSING,
    PNERR_UUID_MISSING,
)
from pubnub.models.consumer.objects_v2.channel import (
    PNGetAllChannelMetadataResult,
    PNGetChannelMetadataResult,
    PNRemoveChannelMetadataResult,
    PNSetChannelMetadataResult,
)
from pubnub.models.consumer.objects_v2.page import Next
from pubnub.models.consumer.objects_v2.sort import PNSortKey, PNSortKeyValue
from pubnub.models.consumer.objects_v2.uuid import (
    PNGetAllUUIDMetadataResult,
    PNGetUUIDMetadataResult,
    PNRemoveUUIDMetadataResult,
    PNSetUUIDMetadataResult,
)

from ...support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

UUID_OBJECT = {"id": "someuuid", "name": "Some name", "externalId": "1234", "profileUrl": "http://example.com",
               "email": "test@example.com", "custom": {"key1": "val1", "key2": "val2"},
               "updated": "2020-09-25T14:41:57.579119Z", "eTag": "AYTuwrO3kvz6tAE"}
CHANNEL_OBJECT = {"id": "somechannelid", "name": "Some name", "description": "Some description",
                  "custom": {"key1": "val1", "key2": "val2"}, "updated": "2020-09-30T12:52:14.765159Z",
                  "eTag": "AdyzhpyljqSqHA"}

OPERATIONS = [
    (SetUuid, HttpMethod.PATCH, PNOperationType.PNSetUuidMetadataOperation, 53),
    (GetUuid, HttpMethod.GET, PNOperationType.PNGetUuidMetadataOperation, 54),
    (RemoveUuid, HttpMethod.DELETE, PNOperationType.PNRemoveUuidMetadataOperation, 55),
    (GetAllUuid, HttpMethod.GET, PNOperationType.PNGetAllUuidMetadataOperation, 56),
    (SetChannel, HttpMethod.PATCH, PNOperationType.PNSetChannelMetadataOperation, 57),
    (GetChannel, HttpMethod.GET, PNOperationType.PNGetChannelMetadataOperation, 58),
    (RemoveChannel, HttpMethod.DELETE, PNOperationType.PNRemoveChannelMetadataOperation, 59),
    (GetAllChannels, HttpMethod.GET, PNOperationType.PNGetAllChannelMetadataOperation, 60),
]


@pytest.mark.parametrize(("cls", "method", "operation", "value"), OPERATIONS)
def test_declarations(client, cls, method, operation, value):
    endpoint = cls(client)
    assert endpoint.http_method() == method
    assert endpoint.operation_type() == operation == value
    assert endpoint.is_auth_required() is True
    assert endpoint.request_timeout() == client.config.non_subscribe_request_timeout


def test_set_uuid_with_everything(client):
    endpoint = (SetUuid(client).uuid("someuuid").set_name("Some name").email("test@example.com")
                .external_id("1234").profile_url("http://example.com").custom({"key1": "val1", "key2": "val2"})
                .include_custom(True))
    request = endpoint.build_request()
    assert request.method == "PATCH"
    assert path_of(request) == "/v2/objects/sub-c-test/uuids/someuuid"
    assert raw_query(request) == "include=custom&pnsdk=%s&uuid=test-uuid" % sdk(client)
    assert request.body == (b'{"name": "Some name", "email": "test@example.com", "externalId": "1234", '
                            b'"profileUrl": "http://example.com", "custom": {"key1": "val1", "key2": "val2"}}')


def test_set_uuid_sends_unset_fields_as_null_and_defaults_to_the_configured_uuid(client):
    request = SetUuid(client).set_name("some name").build_request()
    assert path_of(request) == "/v2/objects/sub-c-test/uuids/test-uuid"
    assert "include" not in query_of(request)
    assert request.body == (b'{"name": "some name", "email": null, "externalId": null, "profileUrl": null, '
                            b'"custom": null}')


def test_set_uuid_stores_text_and_copies_custom(client):
    custom = {"a": 1}
    endpoint = SetUuid(client).set_name(5).email(None).custom(custom)
    custom["b"] = 2
    body = json.loads(endpoint.build_data())
    assert body["name"] == "5" and body["email"] == "None" and body["custom"] == {"a": 1}


def test_set_uuid_rejects_a_custom_that_is_not_json(client):
    assert invalid(SetUuid(client).custom({"when": object()})).pn_error == PNERR_JSON_NOT_SERIALIZABLE


def test_get_and_remove_uuid(client):
    get = GetUuid(client).uuid("someuuid").include_custom(True).build_request()
    assert (get.method, path_of(get), get.body) == ("GET", "/v2/objects/sub-c-test/uuids/someuuid", None)
    assert query_of(get)["include"] == "custom"
    remove = RemoveUuid(client).uuid("someuuid").build_request()
    assert (remove.method, path_of(remove), remove.body) == ("DELETE", "/v2/objects/sub-c-test/uuids/someuuid", None)
    assert raw_query(remove) == "pnsdk=%s&uuid=test-uuid" % sdk(client)


def test_uuid_in_the_path_is_percent_encoded(client):
    # 4.8.1 inserted it raw: "/" or "?" would have changed the request the service saw.
    assert GetUuid(client).uuid("a b/c?d").build_path() == "/v2/objects/sub-c-test/uuids/a%20b%2Fc%3Fd"
    assert GetUuid(client).uuid(None).build_path() == "/v2/objects/sub-c-test/uuids/None"  # str() as in 4.8.1


def test_get_all_uuid_documented_example(client):
    endpoint = (GetAllUuid(client).limit(10).include_total_count(True).filter('name == "x"')
                .sort(PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED)).include_custom(True))
    request = endpoint.build_request()
    assert path_of(request) == "/v2/objects/sub-c-test/uuids"
    assert raw_query(request) == ("filter=name%20%3D%3D%20%22x%22&limit=10&count=True&sort=id%3Aasc,updated%3Adesc"
                                  "&include=custom&pnsdk=" + sdk(client) + "&uuid=test-uuid")
    assert query_of(request)["sort"] == "id:asc,updated:desc"


def test_set_channel_with_everything(client):
    endpoint = (SetChannel(client).channel("somechannelid").set_name("Some name").description("Some description")
                .custom({"key1": "val1", "key2": "val2"}).include_custom(True))
    request = endpoint.build_request()
    assert (request.method, path_of(request)) == ("PATCH", "/v2/objects/sub-c-test/channels/somechannelid")
    assert query_of(request)["include"] == "custom"
    assert request.body == (b'{"name": "Some name", "description": "Some description", '
                            b'"custom": {"key1": "val1", "key2": "val2"}}')


def test_set_channel_unset_fields_are_null(client):
    assert SetChannel(client).channel("c").build_data() == '{"name": null, "description": null, "custom": null}'


def test_get_remove_and_list_channels(client):
    assert GetChannel(client).channel("ch 1").build_path() == "/v2/objects/sub-c-test/channels/ch%201"
    remove = RemoveChannel(client).channel("somechannelid").build_request()
    assert (remove.method, path_of(remove)) == ("DELETE", "/v2/objects/sub-c-test/channels/somechannelid")
    listing = GetAllChannels(client).limit(10).page(Next("MQ")).build_request()
    assert path_of(listing) == "/v2/objects/sub-c-test/channels"
    assert raw_query(listing).startswith("limit=10&start=MQ&pnsdk=")


@pytest.mark.parametrize("build", [
    lambda c: SetUuid(c), lambda c: GetUuid(c), lambda c: RemoveUuid(c), lambda c: GetAllUuid(c),
    lambda c: SetChannel(c), lambda c: GetChannel(c),
    lambda c: RemoveChannel(c), lambda c: GetAllChannels(c),
])
def test_subscribe_key_is_checked_first(build):
    client = make_client(subscribe_key=None)
    client.config.uuid = None  # also missing, but the subscribe key is checked first
    assert str(invalid(build(client))) == PNERR_SUBSCRIBE_KEY_MISSING
    assert str(invalid(build(make_client(subscribe_key="")))) == PNERR_SUBSCRIBE_KEY_MISSING


@pytest.mark.parametrize("cls", [SetUuid, GetUuid, RemoveUuid])
@pytest.mark.parametrize("configured", [None, ""])
def test_uuid_is_required(client, cls, configured):
    client.config.uuid = configured  # a client fills in a random uuid; clear it afterwards
    assert str(invalid(cls(client))) == PNERR_UUID_MISSING
    cls(client).uuid("given").validate_params()  # an explicit uuid is enough


@pytest.mark.parametrize("cls", [SetUuid, GetUuid, RemoveUuid])
def test_empty_explicit_uuid_is_refused(client, cls):
    assert str(invalid(cls(client).uuid(""))) == PNERR_UUID_MISSING


@pytest.mark.parametrize("cls", [SetChannel, GetChannel, RemoveChannel])
def test_channel_is_required(client, cls):
    assert str(invalid(cls(client))) == PNERR_CHANNEL_MISSING
    assert str(invalid(cls(client).channel(""))) == PNERR_CHANNEL_MISSING


def test_get_all_has_no_other_check(client):
    client.config.uuid = None
    GetAllUuid(client).validate_params()
    GetAllChannels(client).validate_params()


@pytest.mark.parametrize(("build", "body", "cls"), [
    (lambda c: SetUuid(c).uuid("someuuid").set_name("Some name"), {"status": 200, "data": UUID_OBJECT},
     PNSetUUIDMetadataResult),
    (lambda c: GetUuid(c), {"status": 200, "data": UUID_OBJECT}, PNGetUUIDMetadataResult),
    (lambda c: RemoveUuid(c), {"status": 200, "data": None}, PNRemoveUUIDMetadataResult),
    (lambda c: SetChannel(c).channel("somechannelid"), {"status": 200, "data": CHANNEL_OBJECT},
     PNSetChannelMetadataResult),
    (lambda c: GetChannel(c).channel("somechannelid"), {"status": 200, "data": CHANNEL_OBJECT},
     PNGetChannelMetadataResult),
    (lambda c: RemoveChannel(c).channel("somechannelid"), {"status": 200, "data": None},
     PNRemoveChannelMetadataResult),
])
def test_single_object_results(client, build, body, cls):
    envelope = answer(build(client), body)
    assert type(envelope.result) is cls
    assert envelope.result.data == body["data"] and envelope.result.status == 200
    assert envelope.status.category == PNStatusCategory.PNAcknowledgmentCategory
    assert envelope.status.original_response == body


def test_list_results(client):
    body = {"status": 200, "data": [UUID_OBJECT], "totalCount": 11, "next": "MTA"}
    result = answer(GetAllUuid(client).include_total_count(True), body).result
    assert type(result) is PNGetAllUUIDMetadataResult
    assert result.data == [UUID_OBJECT] and result.total_count == 11
    assert result.next == Next("MTA") and result.prev is None
    channels = answer(GetAllChannels(client), {"status": 200, "data": [CHANNEL_OBJECT], "next": "MQ"}).result
    assert type(channels) is PNGetAllChannelMetadataResult and channels.total_count is None
    # the cursor of one answer feeds the next request
    assert query_of(GetAllChannels(client).page(channels.next).build_request())["start"] == "MQ"


@pytest.mark.parametrize(("code", "category"), [
    (400, PNStatusCategory.PNBadRequestCategory),
    (403, PNStatusCategory.PNAccessDeniedCategory),
    (404, PNStatusCategory.PNUnknownCategory),
    (412, PNStatusCategory.PNUnknownCategory),
])
def test_error_answers(client, code, category):
    body = {"status": code, "error": {"message": "User to update has been modified after it was read.",
                                      "source": "objects"}}
    envelope = answer(SetUuid(client).set_name("x"), body, code)
    assert envelope.result is None
    assert envelope.status.category == category and envelope.status.status_code == code
    assert envelope.status.operation == PNOperationType.PNSetUuidMetadataOperation
    assert envelope.status.error_data.exception.pn_error == "HTTP Client Error"
    assert envelope.status.original_response == body


def test_malformed_success_is_reported_not_raised(client):
    envelope = answer(GetUuid(client), b'"N/A"')
    assert envelope.result is None
    assert envelope.status.category == PNStatusCategory.PNMalformedResponseCategory
