"""Objects v2 on PubNubTornado (uuid/channel metadata, members, memberships, paging), replayed from
fixtures/tornado/objects_v2/ through ``.future()``, ``.result()`` and ``.pn_async()``."""
from __future__ import annotations

import asyncio
from typing import Any, Callable

import pytest

from pubnub.endpoints.objects_v2.channel.get_all_channels import GetAllChannels
from pubnub.endpoints.objects_v2.channel.get_channel import GetChannel
from pubnub.endpoints.objects_v2.channel.remove_channel import RemoveChannel
from pubnub.endpoints.objects_v2.channel.set_channel import SetChannel
from pubnub.endpoints.objects_v2.members.get_channel_members import GetChannelMembers
from pubnub.endpoints.objects_v2.members.manage_channel_members import ManageChannelMembers
from pubnub.endpoints.objects_v2.members.remove_channel_members import RemoveChannelMembers
from pubnub.endpoints.objects_v2.members.set_channel_members import SetChannelMembers
from pubnub.endpoints.objects_v2.memberships.get_memberships import GetMemberships
from pubnub.endpoints.objects_v2.memberships.manage_memberships import ManageMemberships
from pubnub.endpoints.objects_v2.memberships.remove_memberships import RemoveMemberships
from pubnub.endpoints.objects_v2.memberships.set_memberships import SetMemberships
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelIncludeEndpoint, UUIDIncludeEndpoint
from pubnub.endpoints.objects_v2.uuid.get_all_uuid import GetAllUuid
from pubnub.endpoints.objects_v2.uuid.get_uuid import GetUuid
from pubnub.endpoints.objects_v2.uuid.remove_uuid import RemoveUuid
from pubnub.endpoints.objects_v2.uuid.set_uuid import SetUuid
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.objects_v2.channel import (
    PNGetAllChannelMetadataResult,
    PNGetChannelMetadataResult,
    PNRemoveChannelMetadataResult,
    PNSetChannelMetadataResult,
)
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
from pubnub.models.consumer.objects_v2.sort import PNSortKey, PNSortKeyValue
from pubnub.models.consumer.objects_v2.uuid import (
    PNGetAllUUIDMetadataResult,
    PNGetUUIDMetadataResult,
    PNRemoveUUIDMetadataResult,
    PNSetUUIDMetadataResult,
)
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import replay

MakePubNub = Callable[..., PubNubTornado]
CAT = PNStatusCategory
OP = PNOperationType
CUSTOM = {"key1": "val1", "key2": "val2"}
FORBIDDEN = ('{"status":403,"error":{"message":"Supplied authorization key does not have the permissions required '
             'to perform this operation.","source":"objects"}}')


async def via_pn_async(endpoint: Any) -> Any:
    """Run ``endpoint.pn_async`` and wait (bounded) for its ``(result, status)`` callback."""
    delivered: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    endpoint.pn_async(lambda result, status: delivered.set_result((result, status)))
    return await asyncio.wait_for(delivered, 2)


def _set_uuid(pubnub: PubNubTornado) -> SetUuid:
    return (SetUuid(pubnub).uuid("someuuid").set_name("Some name").email("test@example.com").external_id("1234")
            .profile_url("http://example.com").custom(CUSTOM).include_custom(True))


def _sorted_listing(endpoint: Any) -> Any:
    return (endpoint.limit(10).include_total_count(True).include_custom(True)
            .sort(PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED)))


# ----- uuid metadata ---------------------------------------------------------------------------

@pytest.mark.gen_test
async def test_set_uuid_metadata_three_ways(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("objects_v2/uuid/set.yaml"):
        envelope = await _set_uuid(pubnub).future()
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    result = envelope.result
    assert isinstance(result, PNSetUUIDMetadataResult) and result.status == 200
    assert result.data["id"] == "someuuid" and result.data["custom"] == CUSTOM
    assert result.data["eTag"] == "AYTuwrO3kvz6tAE"
    assert str(result).startswith("Set UUID metatdata: {'id': 'someuuid'")
    status = envelope.status
    assert status.category == CAT.PNAcknowledgmentCategory and status.operation == OP.PNSetUuidMetadataOperation
    assert status.status_code == 200 and status.client_request.method == "PATCH"

    with replay("objects_v2/uuid/set.yaml"):
        assert (await _set_uuid(pubnub).result()).data == result.data
    with replay("objects_v2/uuid/set.yaml"):
        result, status = await via_pn_async(_set_uuid(pubnub))
    assert isinstance(result, PNSetUUIDMetadataResult) and result.data["name"] == "Some name"
    assert status.error is None and status.operation == 53


@pytest.mark.gen_test
async def test_set_uuid_metadata_sends_nulls_for_unset_fields(make_pubnub: MakePubNub) -> None:
    with replay("objects_v2/uuid/set_no_include.yaml"):
        result = await SetUuid(make_pubnub()).uuid("someuuid").set_name("some name").result()
    assert result.data["email"] is None and "custom" not in result.data


@pytest.mark.gen_test
async def test_set_uuid_metadata_412(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    body = ('{"status":412,"error":{"message":"User to update has been modified after it was read.",'
            '"source":"objects"}}')
    with replay("objects_v2/uuid/set_412.yaml"):
        failed = await SetUuid(pubnub).uuid("someuuid").set_name("some name").future()
    assert isinstance(failed, PubNubTornadoException) and failed.result is None
    assert failed.status.category == CAT.PNUnknownCategory and failed.status.status_code == 412
    assert str(failed.value()) == "HTTP Client Error (412): " + body
    assert failed.status.original_response["error"]["source"] == "objects"
    with replay("objects_v2/uuid/set_412.yaml"), pytest.raises(PubNubException) as raised:
        await SetUuid(pubnub).uuid("someuuid").set_name("some name").result()
    assert raised.value._status_code == 412


@pytest.mark.gen_test
async def test_get_uuid_metadata_of_the_configured_uuid(make_pubnub: MakePubNub) -> None:
    with replay("objects_v2/uuid/get.yaml"):
        envelope = await GetUuid(make_pubnub()).include_custom(True).future()
    assert isinstance(envelope.result, PNGetUUIDMetadataResult)
    assert envelope.result.data["id"] == "test-uuid" and envelope.result.data["custom"] == CUSTOM
    assert envelope.status.operation == OP.PNGetUuidMetadataOperation


@pytest.mark.gen_test
async def test_get_unknown_uuid_metadata(make_pubnub: MakePubNub) -> None:
    with replay("objects_v2/uuid/get_404.yaml"):
        result, status = await via_pn_async(GetUuid(make_pubnub()).uuid("nobody"))
    assert result is None and status.is_error() and status.status_code == 404
    assert status.category == CAT.PNUnknownCategory and status.operation == 54


@pytest.mark.gen_test
async def test_remove_uuid_metadata(make_pubnub: MakePubNub) -> None:
    with replay("objects_v2/uuid/remove.yaml"):
        envelope = await RemoveUuid(make_pubnub()).uuid("someuuid").future()
    assert isinstance(envelope.result, PNRemoveUUIDMetadataResult) and envelope.result.data is None
    assert str(envelope.result) == "Get UUID metatdata: None"
    assert envelope.status.client_request.method == "DELETE" and envelope.status.operation == 55


@pytest.mark.gen_test
async def test_get_all_uuid_metadata_follows_next(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("objects_v2/uuid/get_all.yaml") as cassette:
        first = await _sorted_listing(GetAllUuid(pubnub)).result()
        assert isinstance(first, PNGetAllUUIDMetadataResult)
        assert len(first.data) == 10 and first.total_count == 11
        assert first.next == Next("MTA") and first.prev is None
        second = await _sorted_listing(GetAllUuid(pubnub)).page(first.next).result()
    assert cassette.play_count == 2
    assert [item["id"] for item in second.data] == ["uuid-10"]
    assert second.prev == Previous("MTA") and second.next == Next("MTE")


# ----- channel metadata ------------------------------------------------------------------------

@pytest.mark.gen_test
async def test_channel_metadata_round(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("objects_v2/channel/set.yaml"):
        stored = await (SetChannel(pubnub).channel("somechannelid").set_name("Some name")
                        .description("Some description").custom(CUSTOM).include_custom(True).result())
    assert isinstance(stored, PNSetChannelMetadataResult) and stored.data["description"] == "Some description"

    with replay("objects_v2/channel/get.yaml"):
        envelope = await GetChannel(pubnub).channel("somechannelid").future()
    assert isinstance(envelope.result, PNGetChannelMetadataResult)
    assert "custom" not in envelope.result.data and envelope.status.operation == OP.PNGetChannelMetadataOperation

    with replay("objects_v2/channel/remove.yaml"):
        removed, status = await via_pn_async(RemoveChannel(pubnub).channel("somechannelid"))
    assert isinstance(removed, PNRemoveChannelMetadataResult) and removed.data is None
    assert status.operation == OP.PNRemoveChannelMetadataOperation and not status.is_error()


@pytest.mark.gen_test
async def test_get_channel_metadata_denied(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub(auth_key="reader")
    with replay("objects_v2/channel/get_403.yaml"):
        failed = await GetChannel(pubnub).channel("somechannelid").future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNAccessDeniedCategory and failed.status.auth_key == "reader"
    assert str(failed) == "HTTP Client Error (403): " + FORBIDDEN


@pytest.mark.gen_test
async def test_get_all_channel_metadata(make_pubnub: MakePubNub) -> None:
    with replay("objects_v2/channel/get_all.yaml"):
        envelope = await _sorted_listing(GetAllChannels(make_pubnub())).future()
    result = envelope.result
    assert isinstance(result, PNGetAllChannelMetadataResult)
    assert result.total_count == 1 and result.next == Next("MQ") and result.data[0]["id"] == "somechannelid"
    assert envelope.status.operation == OP.PNGetAllChannelMetadataOperation


# ----- channel members -------------------------------------------------------------------------

def _members(endpoint: Any) -> Any:
    return (endpoint.channel("somechannelid").include_custom(True)
            .include_uuid(UUIDIncludeEndpoint.UUID_WITH_CUSTOM))


@pytest.mark.gen_test
async def test_set_channel_members(make_pubnub: MakePubNub) -> None:
    endpoint = _members(SetChannelMembers(make_pubnub())).uuids(
        [PNUUID.uuid("someuuid"), PNUUID.uuid_with_custom("someuuid_with_custom", {"key5": "val1", "key6": "val2"})])
    with replay("objects_v2/members/set.yaml"):
        envelope = await endpoint.future()
    result = envelope.result
    assert isinstance(result, PNSetChannelMembersResult) and result.next == Next("Mg")
    assert [item["uuid"]["id"] for item in result.data] == ["someuuid", "someuuid_with_custom"]
    assert result.data[1]["custom"] == {"key5": "val1", "key6": "val2"}
    assert envelope.status.operation == OP.PNSetChannelMembersOperation


@pytest.mark.gen_test
async def test_remove_and_manage_channel_members(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("objects_v2/members/remove.yaml"):
        removed = await _members(RemoveChannelMembers(pubnub)).uuids([PNUUID.uuid("someuuid")]).result()
    assert isinstance(removed, PNRemoveChannelMembersResult)
    assert [item["uuid"]["id"] for item in removed.data] == ["someuuid_with_custom"]
    manage = _members(ManageChannelMembers(pubnub)).set([PNUUID.uuid("someuuid")]) \
        .remove([PNUUID.uuid("someuuid_with_custom")])
    with replay("objects_v2/members/manage.yaml"):
        managed, status = await via_pn_async(manage)
    assert isinstance(managed, PNManageChannelMembersResult) and managed.data[0]["uuid"]["id"] == "someuuid"
    assert status.operation == OP.PNManageChannelMembersOperation


@pytest.mark.gen_test
async def test_get_channel_members_pages_both_ways(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("objects_v2/members/get_pages.yaml") as cassette:
        first = await GetChannelMembers(pubnub).channel("somechannelid").limit(10).result()
        second = await GetChannelMembers(pubnub).channel("somechannelid").limit(10).page(first.next).result()
        back = await GetChannelMembers(pubnub).channel("somechannelid").limit(10).page(second.prev).result()
    assert cassette.play_count == 3
    assert isinstance(first, PNGetChannelMembersResult) and len(first.data) == 10
    assert [item["uuid"]["id"] for item in second.data] == ["test-fix-118-%d" % n for n in range(10, 15)]
    assert (second.next, second.prev) == (Next("MTU"), Previous("MTA"))
    assert back.data == first.data


@pytest.mark.gen_test
async def test_set_channel_members_rejected(make_pubnub: MakePubNub) -> None:
    with replay("objects_v2/members/set_400.yaml"):
        failed = await SetChannelMembers(make_pubnub()).channel("somechannelid").uuids([PNUUID.uuid("")]).future()
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNBadRequestCategory and failed.status.status_code == 400
    assert failed.status.operation == OP.PNSetChannelMembersOperation


# ----- memberships -----------------------------------------------------------------------------

def _memberships(endpoint: Any) -> Any:
    return (endpoint.uuid("someuuid").include_custom(True)
            .include_channel(ChannelIncludeEndpoint.CHANNEL_WITH_CUSTOM))


@pytest.mark.gen_test
async def test_set_memberships(make_pubnub: MakePubNub) -> None:
    endpoint = _memberships(SetMemberships(make_pubnub())).channel_memberships([
        PNChannelMembership.channel("somechannel"),
        PNChannelMembership.channel_with_custom("somechannel_with_custom", {"key5": "val1", "key6": "val2"})])
    with replay("objects_v2/memberships/set.yaml"):
        envelope = await endpoint.future()
    result = envelope.result
    assert isinstance(result, PNSetMembershipsResult) and result.next == Next("NA")
    # the whole membership list of the uuid comes back, a channel without metadata as a bare id
    assert [item["channel"]["id"] for item in result.data] == ["somechannel", "somechannel_with_custom", "someuuid"]
    assert result.data[2]["channel"] == {"id": "someuuid"}
    assert str(result).startswith("Set Memberships metatdata: [{'channel': ")
    assert envelope.status.operation == OP.PNSetMembershipsOperation


@pytest.mark.gen_test
async def test_get_memberships_with_count(make_pubnub: MakePubNub) -> None:
    endpoint = _memberships(GetMemberships(make_pubnub())).include_total_count(True)
    with replay("objects_v2/memberships/get.yaml"):
        result, status = await via_pn_async(endpoint)
    assert isinstance(result, PNGetMembershipsResult) and result.total_count == 3 and len(result.data) == 3
    assert status.operation == OP.PNGetMembershipsOperation and status.status_code == 200


@pytest.mark.gen_test
async def test_remove_and_manage_memberships(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    remove = _memberships(RemoveMemberships(pubnub)).channel_memberships([PNChannelMembership.channel("somechannel")])
    with replay("objects_v2/memberships/remove.yaml"):
        removed = await remove.result()
    assert isinstance(removed, PNRemoveMembershipsResult) and removed.next == Next("Mg")
    manage = _memberships(ManageMemberships(pubnub)).set([PNChannelMembership.channel("somechannel")]) \
        .remove([PNChannelMembership.channel("somechannel_with_custom")])
    with replay("objects_v2/memberships/manage.yaml"):
        envelope = await manage.future()
    assert isinstance(envelope.result, PNManageMembershipsResult)
    assert str(envelope.result).startswith("Manage Channel Members metatdata: ")
    assert envelope.status.operation == OP.PNManageMembershipsOperation == 68


@pytest.mark.gen_test
async def test_get_memberships_denied(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("objects_v2/memberships/get_403.yaml"), pytest.raises(PubNubException) as raised:
        await GetMemberships(pubnub).uuid("someuuid").result()
    assert raised.value._status_code == 403 and str(raised.value) == "HTTP Client Error (403): " + FORBIDDEN


# ----- refused before sending ------------------------------------------------------------------

@pytest.mark.gen_test
async def test_invalid_input_never_reaches_the_network(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed = await GetChannel(pubnub).future()  # no cassette: a request would fail differently
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNBadRequestCategory and str(failed.value()) == "Channel missing"
    with pytest.raises(PubNubException) as raised:
        await GetChannelMembers(pubnub).channel("").result()
    assert str(raised.value) == "Channel missing"
    result, status = await via_pn_async(SetMemberships(make_pubnub(subscribe_key=None)))
    assert result is None and status.category == CAT.PNBadRequestCategory
    assert status.error_data.information == "Subscribe key not configured"
