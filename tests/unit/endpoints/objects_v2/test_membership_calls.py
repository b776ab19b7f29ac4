"""Channel members and memberships: paths, include order, set/delete bodies, validation, results."""
from __future__ import annotations

import json

import pytest

from pubnub.endpoints.objects_v2.members.get_channel_members import GetChannelMembers
from pubnub.endpoints.objects_v2.members.manage_channel_members import ManageChannelMembers
from pubnub.endpoints.objects_v2.members.remove_channel_members import RemoveChannelMembers
from pubnub.endpoints.objects_v2.members.set_channel_members import SetChannelMembers
from pubnub.endpoints.objects_v2.memberships.get_memberships import GetMemberships
from pubnub.endpoints.objects_v2.memberships.manage_memberships import ManageMemberships
from pubnub.endpoints.objects_v2.memberships.remove_memberships import RemoveMemberships
from pubnub.endpoints.objects_v2.memberships.set_memberships import SetMemberships
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelIncludeEndpoint, UUIDIncludeEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_SUBSCRIBE_KEY_MISSING, PNERR_UUID_MISSING
from pubnub.models.consumer.objects_v2.channel_members import (
    PNUUID,
    PNGetChannelMembersResult,
    PNManageChannelMembersResult,
    PNRemoveChannelMembersResult,
    PNSetChannelMembersResult,
)
from pubnub.models.consumer.objects_v2.memberships import (
    PNChannelMembership,
    PNGetMembershipsResult,
    PNManageMembershipsResult,
    PNRemoveMembershipsResult,
    PNSetMembershipsResult,
)
from pubnub.models.consumer.objects_v2.page import Next, Previous

from ...support import answer, invalid, make_client, path_of, query_of, raw_query, sdk

MEMBERS_PATH = "/v2/objects/sub-c-test/channels/somechannelid/uuids"
MEMBERSHIPS_PATH = "/v2/objects/sub-c-test/uuids/someuuid/channels"

OPERATIONS = [
    (SetChannelMembers, HttpMethod.PATCH, 61, PNSetChannelMembersResult),
    (GetChannelMembers, HttpMethod.GET, 62, PNGetChannelMembersResult),
    (RemoveChannelMembers, HttpMethod.PATCH, 63, PNRemoveChannelMembersResult),
    (ManageChannelMembers, HttpMethod.PATCH, 64, PNManageChannelMembersResult),
    (SetMemberships, HttpMethod.PATCH, 65, PNSetMembershipsResult),
    (GetMemberships, HttpMethod.GET, 66, PNGetMembershipsResult),
    (RemoveMemberships, HttpMethod.PATCH, 67, PNRemoveMembershipsResult),
    (ManageMemberships, HttpMethod.PATCH, 68, PNManageMembershipsResult),
]


@pytest.mark.parametrize(("cls", "method", "operation", "result"), OPERATIONS)
def test_declarations_and_results(client, cls, method, operation, result):
    endpoint = cls(client).channel("somechannelid") if hasattr(cls, "channel") else cls(client)
    assert endpoint.http_method() == method and endpoint.operation_type() == operation
    body = {"status": 200, "data": [{"channel": {"id": "c"}, "updated": "2020-10-02T16:51:56.876448Z",
                                     "eTag": "AY39mJKK//C0VA"}], "next": "Mw", "totalCount": 3}
    envelope = answer(endpoint, body)
    assert type(envelope.result) is result
    assert envelope.result.data == body["data"] and envelope.result.status == 200
    assert envelope.result.next == Next("Mw") and envelope.result.total_count == 3
    assert envelope.status.operation == operation


def test_set_channel_members_recorded_request(client):
    endpoint = (SetChannelMembers(client).channel("somechannelid")
                .uuids([PNUUID.uuid("someuuid"), PNUUID.uuid_with_custom("someuuid_with_custom",
                                                                         {"key5": "val1", "key6": "val2"})])
                .include_custom(True).include_uuid(UUIDIncludeEndpoint.UUID_WITH_CUSTOM))
    request = endpoint.build_request()
    assert (request.method, path_of(request)) == ("PATCH", MEMBERS_PATH)
    assert raw_query(request) == "include=custom,uuid.custom&pnsdk=%s&uuid=test-uuid" % sdk(client)
    assert request.body == (b'{"set": [{"uuid": {"id": "someuuid"}}, {"uuid": {"id": "someuuid_with_custom"}, '
                            b'"custom": {"key5": "val1", "key6": "val2"}}], "delete": []}')


def test_remove_channel_members_body(client):
    endpoint = RemoveChannelMembers(client).channel("somechannelid").uuids([PNUUID.uuid("someuuid")])
    assert endpoint.build_data() == '{"set": [], "delete": [{"uuid": {"id": "someuuid"}}]}'
    assert endpoint.build_path() == MEMBERS_PATH


def test_manage_channel_members_body(client):
    endpoint = (ManageChannelMembers(client).channel("somechannelid").set([PNUUID.uuid("a")])
                .remove([PNUUID.uuid("b")]).include_uuid(UUIDIncludeEndpoint.UUID))
    assert json.loads(endpoint.build_data()) == {"set": [{"uuid": {"id": "a"}}], "delete": [{"uuid": {"id": "b"}}]}
    assert query_of(endpoint.build_request())["include"] == "uuid"


def test_get_channel_members_pages(client):
    first = GetChannelMembers(client).channel("somechannelid").limit(10).build_request()
    assert (first.method, path_of(first), first.body) == ("GET", MEMBERS_PATH, None)
    assert raw_query(first) == "limit=10&pnsdk=%s&uuid=test-uuid" % sdk(client)
    second = GetChannelMembers(client).channel("somechannelid").limit(10).page(Next("MTA")).build_request()
    assert raw_query(second).startswith("limit=10&start=MTA&")
    back = GetChannelMembers(client).channel("somechannelid").page(Previous("MTA")).build_request()
    assert query_of(back)["end"] == "MTA" and "start" not in query_of(back)


def test_set_memberships_recorded_request(client):
    endpoint = (SetMemberships(client).uuid("someuuid")
                .channel_memberships([PNChannelMembership.channel("somechannel"),
                                      PNChannelMembership.channel_with_custom("somechannel_with_custom",
                                                                              {"key5": "val1", "key6": "val2"})])
                .include_custom(True).include_channel(ChannelIncludeEndpoint.CHANNEL_WITH_CUSTOM))
    request = endpoint.build_request()
    assert (request.method, path_of(request)) == ("PATCH", MEMBERSHIPS_PATH)
    assert raw_query(request) == "include=custom,channel.custom&pnsdk=%s&uuid=test-uuid" % sdk(client)
    assert request.body == (b'{"set": [{"channel": {"id": "somechannel"}}, {"channel": {"id": '
                            b'"somechannel_with_custom"}, "custom": {"key5": "val1", "key6": "val2"}}], "delete": []}')


def test_manage_memberships_recorded_request(client):
    endpoint = (ManageMemberships(client).uuid("someuuid").set([PNChannelMembership.channel("somechannel")])
                .remove([PNChannelMembership.channel("somechannel_with_custom")]).include_custom(True)
                .include_channel(ChannelIncludeEndpoint.CHANNEL_WITH_CUSTOM))
    request = endpoint.build_request()
    assert request.body == (b'{"set": [{"channel": {"id": "somechannel"}}], '
                            b'"delete": [{"channel": {"id": "somechannel_with_custom"}}]}')
    assert query_of(request)["include"] == "custom,channel.custom"


def test_remove_and_get_memberships(client):
    remove = RemoveMemberships(client).channel_memberships([PNChannelMembership.channel("c1")])
    assert remove.build_path() == "/v2/objects/sub-c-test/uuids/test-uuid/channels"  # the configured uuid
    assert remove.build_data() == '{"set": [], "delete": [{"channel": {"id": "c1"}}]}'
    get = GetMemberships(client).uuid("someuuid").include_channel(ChannelIncludeEndpoint.CHANNEL).build_request()
    assert (get.method, path_of(get), query_of(get)["include"]) == ("GET", MEMBERSHIPS_PATH, "channel")


def test_list_setters_replace_and_copy(client):
    items = [PNChannelMembership.channel("a")]
    endpoint = SetMemberships(client).channel_memberships(items).channel_memberships(
        PNChannelMembership.channel(x) for x in ("b", "c"))
    items.append(PNChannelMembership.channel("z"))
    assert json.loads(endpoint.build_data())["set"] == [{"channel": {"id": "b"}}, {"channel": {"id": "c"}}]
    members = ManageChannelMembers(client).channel("x").remove([PNUUID.uuid("a")]).remove([])
    assert json.loads(members.build_data()) == {"set": [], "delete": []}


def test_unknown_include_levels_add_nothing(client):
    endpoint = GetMemberships(client).include_channel(3).include_custom(False)
    assert "include" not in query_of(endpoint.build_request())
    members = GetChannelMembers(client).channel("c").include_uuid(None)
    assert "include" not in query_of(members.build_request())


@pytest.mark.parametrize("cls", [SetMemberships, GetMemberships, RemoveMemberships, ManageMemberships])
def test_memberships_validation(client, cls):
    client.config.uuid = None
    assert str(invalid(cls(client))) == PNERR_UUID_MISSING
    client.config.subscribe_key = None
    assert str(invalid(cls(client))) == PNERR_SUBSCRIBE_KEY_MISSING


@pytest.mark.parametrize("cls", [SetChannelMembers, GetChannelMembers, RemoveChannelMembers, ManageChannelMembers])
def test_members_validation(cls):
    client = make_client()
    assert str(invalid(cls(client))) == PNERR_CHANNEL_MISSING
    assert str(invalid(cls(client).channel(""))) == PNERR_CHANNEL_MISSING
    client.config.subscribe_key = ""
    assert str(invalid(cls(client))) == PNERR_SUBSCRIBE_KEY_MISSING


def test_nothing_validates_empty_change_lists(client):
    assert SetChannelMembers(client).channel("c").build_request().body == b'{"set": [], "delete": []}'
    assert PNOperationType.PNManageMembershipsOperation == 68
