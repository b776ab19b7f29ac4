"""List options shared by the Objects v2 list calls, the 4.8.1 parameter view and request signing."""
from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from pubnub.endpoints.objects_v2.channel.get_all_channels import GetAllChannels
from pubnub.endpoints.objects_v2.members.get_channel_members import GetChannelMembers
from pubnub.endpoints.objects_v2.memberships.set_memberships import SetMemberships
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelIncludeEndpoint, UUIDIncludeEndpoint
from pubnub.endpoints.objects_v2.uuid.get_all_uuid import GetAllUuid
from pubnub.endpoints.objects_v2.uuid.set_uuid import SetUuid
from pubnub.errors import PNERR_PAM_INVALID_ARGUMENTS
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership
from pubnub.models.consumer.objects_v2.page import Next, PNPage, Previous
from pubnub.models.consumer.objects_v2.sort import PNSortKey, PNSortKeyValue
from pubnub.utils import url_encode

from ...support import invalid, make_client, query_of, query_pairs, raw_query
from ..test_mocked_client import SDK_NAME


def names(endpoint):
    return [name for name, _ in query_pairs(endpoint.build_request())]


def test_query_order_is_filter_limit_count_sort_page_include(client):
    endpoint = (GetChannelMembers(client).channel("c").include_uuid(UUIDIncludeEndpoint.UUID).include_custom(True)
                .page(Next("MTA")).sort(PNSortKey.asc(PNSortKeyValue.NAME)).include_total_count(True).limit(5)
                .filter("custom.role == 'admin'"))
    assert names(endpoint) == ["filter", "limit", "count", "sort", "start", "include", "pnsdk", "uuid"]
    query = query_of(endpoint.build_request())
    assert query["filter"] == "custom.role == 'admin'"
    assert (query["limit"], query["count"], query["sort"], query["include"]) == ("5", "True", "name:asc",
                                                                                 "custom,uuid")


def test_count_keeps_the_4_8_1_text(client):
    # MORE.md quirk 3: the service accepts "True", so the wire form stays.
    assert "count=True" in raw_query(GetAllUuid(client).include_total_count(1).build_request())
    assert "count" not in query_of(GetAllUuid(client).include_total_count(False).build_request())


def test_empty_or_zero_options_are_not_sent(client):
    endpoint = GetAllChannels(client).limit(0).filter("").sort()
    assert names(endpoint) == ["pnsdk", "uuid"]
    assert names(GetAllChannels(client).limit(3).limit(None)) == ["pnsdk", "uuid"]


def test_limit_is_an_integer(client):
    assert query_of(GetAllUuid(client).limit("25").build_request())["limit"] == "25"
    # a wrong value is reported by the call (4.8.1's int() raised ValueError in the setter)
    error = invalid(GetAllUuid(client).limit("many"))
    assert error.pn_error == PNERR_PAM_INVALID_ARGUMENTS and "limit()" in str(error)


def test_sort_replaces_earlier_keys(client):
    endpoint = GetAllUuid(client).sort(PNSortKey.asc(PNSortKeyValue.ID)).sort(
        PNSortKey.desc(PNSortKeyValue.UPDATED), PNSortKey.asc(PNSortKeyValue.NAME))
    request = endpoint.build_request()
    assert query_of(request)["sort"] == "updated:desc,name:asc"
    assert "sort=updated%3Adesc,name%3Aasc&" in raw_query(request)  # items encoded, literal comma between


def test_filter_is_percent_encoded_on_the_wire(client):
    request = GetAllUuid(client).filter('name like "a b*" && id != "x/y"').build_request()
    assert raw_query(request).startswith("filter=name%20like%20%22a%20b%2A%22%20%26%26%20id%20%21%3D%20%22x%2Fy%22&")


def test_quirk_8_page_works(client):
    # 4.8.1 raised TypeError: 'str' object is not callable.
    assert query_of(GetAllUuid(client).page(Next("MTA")).build_request())["start"] == "MTA"
    previous = query_of(GetAllUuid(client).page(Previous("MQ")).build_request())
    assert previous["end"] == "MQ" and "start" not in previous
    later = GetAllUuid(client).page(Next("MTA")).page(None)
    assert "start" not in query_of(later.build_request())


@pytest.mark.parametrize("page", [PNPage("MTA"), "MTA", 10])
def test_other_page_objects_are_refused(client, page):
    error = invalid(GetAllUuid(client).page(page))
    assert error.pn_error == PNERR_PAM_INVALID_ARGUMENTS and "page()" in str(error)


def test_builders_chain_on_the_concrete_class(client):
    endpoint = SetMemberships(client).limit(1).include_custom(True).uuid("u").include_channel(1)
    assert isinstance(endpoint, SetMemberships)


def test_auth_key_is_sent():
    request = GetAllUuid(make_client(auth_key="my-auth")).build_request()
    assert query_of(request)["auth"] == "my-auth"


def test_patch_is_signed_over_path_query_and_body():
    client = make_client(secret_key="sec-c-test")
    endpoint = SetUuid(client).uuid("someuuid").set_name("n").include_custom(True)
    request = endpoint.build_request()
    query = query_of(request)
    body = '{"name": "n", "email": null, "externalId": null, "profileUrl": null, "custom": null}'
    assert request.body == body.encode()
    assert query["timestamp"] == "1600000000"
    canonical = "include=custom&pnsdk=%s&timestamp=1600000000&uuid=test-uuid" % url_encode(client.sdk_name)
    text = "PATCH\npub-c-test\n/v2/objects/sub-c-test/uuids/someuuid\n%s\n%s" % (canonical, body)
    digest = hmac.new(b"sec-c-test", text.encode(), hashlib.sha256).digest()
    assert query["signature"] == "v2." + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def test_filter_is_signed_over_its_decoded_value():
    # 4.8.1 signed the filter percent-encoded twice (MORE.md quirk 6); the service checks the decoded value.
    client = make_client(secret_key="sec-c-test")
    query = query_of(GetAllUuid(client).filter("name == 'a'").build_request())
    canonical = "filter=%s&pnsdk=%s&timestamp=1600000000&uuid=test-uuid" % (
        url_encode("name == 'a'"), url_encode(client.sdk_name))
    text = "GET\npub-c-test\n/v2/objects/sub-c-test/uuids\n%s\n" % canonical
    digest = hmac.new(b"sec-c-test", text.encode(), hashlib.sha256).digest()
    assert query["signature"] == "v2." + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def test_4_8_1_parameter_view_on_a_mocked_client(mocked):
    endpoint = (GetAllUuid(mocked).limit(10).include_total_count(True).filter('name == "x"')
                .sort(PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED)).include_custom(True))
    endpoint.validate_params()
    assert endpoint.build_path() == GetAllUuid.GET_ALL_UID_PATH % "sub-c-test"
    assert endpoint.build_params_callback()({}) == {
        "filter": "name%20%3D%3D%20%22x%22", "limit": 10, "count": True, "sort": "id:asc,updated:desc",
        "include": "custom", "pnsdk": url_encode(SDK_NAME), "uuid": "mocked-uuid"}


def test_mocked_client_uuid_paths(mocked):
    endpoint = SetMemberships(mocked).include_channel(ChannelIncludeEndpoint.CHANNEL)
    endpoint.validate_params()
    assert endpoint.build_path() == SetMemberships.SET_MEMBERSHIP_PATH % ("sub-c-test", "mocked-uuid")
    assert endpoint.build_params_callback()({}) == {"include": "channel", "pnsdk": url_encode(SDK_NAME),
                                                    "uuid": "mocked-uuid"}
    assert endpoint.affected_channels() is None and endpoint.affected_channels_groups() is None


def test_items_given_as_a_tuple(client):
    endpoint = SetMemberships(client).channel_memberships((PNChannelMembership.channel("a"),))
    assert endpoint.build_data() == '{"set": [{"channel": {"id": "a"}}], "delete": []}'
