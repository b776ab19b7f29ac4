"""4.x ``native_sync`` usage (shared/compat/IMPORTS.md) on the plain ``pubnub.pubnub.PubNub``, against
the local server ``pubnub.testing`` instead of cassettes: ``.sync()`` returning
``pubnub.structures.Envelope``, errors raised as ``PubNubException``, Access Manager, files
(``send_file``, ``download_file``, ``list_files``, ``delete_file``, ``get_file_url``,
``_fetch_file_upload_s3_data()``, ``PublishFileMessage`` built directly) and Objects v2 (endpoints
built directly and through the client, ``PNUUID``, ``PNChannelMembership``, ``PNSortKey``).
"""
from __future__ import annotations

import io
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from pubnub.endpoints.endpoint import Endpoint
from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
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
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.access_manager import PNAccessManagerGrantResult, PNAccessManagerKeyData
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.file import (
    PNDeleteFileResult,
    PNDownloadFileResult,
    PNFetchFileUploadS3DataResult,
    PNGetFileDownloadURLResult,
    PNGetFilesResult,
    PNPublishFileMessageResult,
    PNSendFileResult,
)
from pubnub.models.consumer.history import PNFetchMessagesResult, PNHistoryResult
from pubnub.models.consumer.message_count import PNMessageCountResult
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
from pubnub.models.consumer.objects_v2.sort import PNSortKey, PNSortKeyValue
from pubnub.models.consumer.objects_v2.uuid import (
    PNGetAllUUIDMetadataResult,
    PNGetUUIDMetadataResult,
    PNRemoveUUIDMetadataResult,
    PNSetUUIDMetadataResult,
)
from pubnub.models.consumer.pubsub import PNFireResult, PNPublishResult
from pubnub.models.consumer.signal import PNSignalResult
from pubnub.pubnub import PubNub
from pubnub.structures import Envelope
from pubnub.testing import PubNubTestServer

from ._usage_support import server_config

CHANNEL = "files_native_sync_ch"
CONTENT = b"Knights who say Ni!"


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    server = PubNubTestServer(long_poll_seconds=0.5, max_file_bytes=1024, max_message_bytes=512)
    yield server.start_in_thread()
    server.stop()


@pytest.fixture
def pubnub(origin: str) -> PubNub:
    return PubNub(server_config(origin, "native-sync-uuid", enable_subscribe=False))


def test_sync_returns_an_envelope(pubnub: PubNub) -> None:
    envelope = pubnub.publish().channel("ch").message({"name": "Alex"}).meta({"a": 1}).sync()
    assert isinstance(envelope, Envelope)
    assert isinstance(envelope.result, PNPublishResult) and envelope.result.timetoken > 0
    assert isinstance(envelope.status, PNStatus) and not envelope.status.is_error()
    assert isinstance(pubnub.fire().channel("ch").message("f").sync().result, PNFireResult)
    assert isinstance(pubnub.signal().channel("ch").message("s").sync().result, PNSignalResult)
    history = pubnub.history().channel("ch").count(10).sync().result
    assert isinstance(history, PNHistoryResult) and [m.entry for m in history.messages] == [{"name": "Alex"}]
    fetched = pubnub.fetch_messages().channels("ch").include_meta(True).sync().result
    assert isinstance(fetched, PNFetchMessagesResult) and fetched.channels["ch"][0].meta == {"a": 1}
    counts = pubnub.message_counts().channel("ch").channel_timetokens([envelope.result.timetoken - 1]).sync()
    assert isinstance(counts.result, PNMessageCountResult) and counts.result.channels == {"ch": 1}


def test_server_errors_are_raised(pubnub: PubNub) -> None:
    with pytest.raises(PubNubException) as raised:
        pubnub.publish().channel("ch").message("x" * 1000).sync()
    assert raised.value._status_code == 400
    assert "Message Too Large" in str(raised.value)
    assert pubnub.publish().channel("ch").message("x" * 10).result().timetoken > 0  # result() on the plain client


def test_bad_input_is_raised_before_sending(pubnub: PubNub) -> None:
    with pytest.raises(PubNubException) as raised:
        pubnub.publish().channel("ch").sync()
    assert str(raised.value) == "Message missing"


def test_grant_with_the_secret_key(origin: str) -> None:
    server = PubNubTestServer(secret_key="sec-c-native")
    try:
        config = server_config(server.start_in_thread(), "admin", secret_key="sec-c-native", enable_subscribe=False)
        envelope = PubNub(config).grant().channels("pam-ch").auth_keys("pam-auth").read(True).write(True).ttl(60) \
            .sync()
    finally:
        server.stop()
    assert isinstance(envelope.result, PNAccessManagerGrantResult)
    key_data = envelope.result.channels["pam-ch"].auth_keys["pam-auth"]
    assert isinstance(key_data, PNAccessManagerKeyData)
    assert (key_data.read_enabled, key_data.write_enabled, key_data.manage_enabled) == (True, True, False)


# ----- files -------------------------------------------------------------------------------------

def send_file(pubnub: PubNub, source: Any, cipher_key: Any = None, timetoken_override: Any = None) -> Envelope:
    endpoint = pubnub.send_file().channel(CHANNEL).file_name("king_arthur.txt").message({"test_message": "test"}) \
        .should_store(True).ttl(222).file_object(source).cipher_key(cipher_key)
    if timetoken_override:
        endpoint = endpoint.ptto(timetoken_override)
    envelope = endpoint.sync()
    assert isinstance(envelope.result, PNSendFileResult)
    assert envelope.result.name == "king_arthur.txt" and envelope.result.file_id and envelope.result.timestamp
    return envelope


@pytest.mark.parametrize("source, cipher_key", [(io.BytesIO(CONTENT), None), (CONTENT, None), (CONTENT, "silly_walk")])
def test_send_and_download_file(pubnub: PubNub, source: Any, cipher_key: Any) -> None:
    sent = send_file(pubnub, source, cipher_key)
    downloaded = pubnub.download_file().channel(CHANNEL).file_id(sent.result.file_id).file_name(sent.result.name) \
        .cipher_key(cipher_key).sync()
    assert isinstance(downloaded.result, PNDownloadFileResult)
    assert downloaded.result.data == CONTENT


def test_send_file_with_a_timetoken_override(pubnub: PubNub) -> None:
    assert int(send_file(pubnub, CONTENT, timetoken_override=16057799474000000).result.timestamp) == 16057799474000000


def test_list_get_url_and_delete(pubnub: PubNub) -> None:
    sent = send_file(pubnub, CONTENT)
    listed = pubnub.list_files().channel(CHANNEL).sync().result
    assert isinstance(listed, PNGetFilesResult)
    assert sent.result.file_id in [entry["id"] for entry in listed.data] and listed.count == len(listed.data)
    url = pubnub.get_file_url().channel(CHANNEL).file_id(sent.result.file_id).file_name(sent.result.name).sync()
    assert isinstance(url.result, PNGetFileDownloadURLResult) and url.result.file_url.startswith("http")
    deleted = pubnub.delete_file().channel(CHANNEL).file_id(sent.result.file_id).file_name(sent.result.name).sync()
    assert isinstance(deleted.result, PNDeleteFileResult)
    assert sent.result.file_id not in [entry["id"] for entry in pubnub.list_files().channel(CHANNEL).sync().result.data]


def test_get_file_url_request_carries_the_auth_key(pubnub: PubNub) -> None:
    pubnub.config.uuid = "files_native_sync_uuid"
    pubnub.config.auth_key = "test_auth_key"
    envelope = pubnub.get_file_url().channel(CHANNEL).file_id("random_file_id").file_name("random_file_name").sync()
    assert "auth=test_auth_key" in envelope.status.client_request.url
    assert "uuid=files_native_sync_uuid" in envelope.status.client_request.url


def test_fetch_file_upload_s3_data(pubnub: PubNub) -> None:
    result = pubnub._fetch_file_upload_s3_data().channel(CHANNEL).file_name("king_arthur.txt").result()
    assert isinstance(result, PNFetchFileUploadS3DataResult)
    assert result.name == "king_arthur.txt" and result.file_id
    assert result.data["url"].startswith("http") and isinstance(result.data["form_fields"], list)
    envelope = pubnub._fetch_file_upload_s3_data().channel(CHANNEL).file_name("other.txt").sync()
    assert isinstance(envelope.result, PNFetchFileUploadS3DataResult)


def test_publish_file_message_built_directly(pubnub: PubNub) -> None:
    envelope = PublishFileMessage(pubnub).channel(CHANNEL).meta({}).message({"test": "test"}).file_id("2222") \
        .file_name("test").should_store(True).ttl(222).sync()
    assert isinstance(envelope.result, PNPublishFileMessageResult) and int(envelope.result.timestamp) > 0
    override = PublishFileMessage(pubnub).channel(CHANNEL).meta({}).message({"test": "test"}).file_id("2222") \
        .file_name("test").should_store(True).replicate(True).ptto(16057799474000000).ttl(222).sync()
    query = parse_qs(urlsplit(override.status.client_request.url).query)
    assert query["ptto"] == ["16057799474000000"] and query["norep"] == ["false"] and query["store"] == ["1"]
    assert int(override.result.timestamp) == 16057799474000000


def test_file_over_the_size_limit(pubnub: PubNub) -> None:
    with pytest.raises(PubNubException) as raised:
        send_file(pubnub, b"x" * 2048)
    assert "Your proposed upload exceeds the maximum allowed size" in str(raised.value)


# ----- Objects v2 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("factory, cls", [
    ("set_uuid_metadata", SetUuid), ("get_uuid_metadata", GetUuid), ("remove_uuid_metadata", RemoveUuid),
    ("get_all_uuid_metadata", GetAllUuid), ("set_channel_metadata", SetChannel), ("get_channel_metadata", GetChannel),
    ("remove_channel_metadata", RemoveChannel), ("get_all_channel_metadata", GetAllChannels),
    ("set_channel_members", SetChannelMembers), ("get_channel_members", GetChannelMembers),
    ("remove_channel_members", RemoveChannelMembers), ("manage_channel_members", ManageChannelMembers),
    ("set_memberships", SetMemberships), ("get_memberships", GetMemberships),
    ("remove_memberships", RemoveMemberships), ("manage_memberships", ManageMemberships),
])
def test_objects_endpoints_are_endpoints(pubnub: PubNub, factory: str, cls: type) -> None:
    endpoint = getattr(pubnub, factory)()
    assert isinstance(endpoint, cls) and isinstance(endpoint, Endpoint)


def test_uuid_and_channel_metadata(pubnub: PubNub) -> None:
    custom = {"key1": "val1", "key2": "val2"}
    set_uuid = pubnub.set_uuid_metadata().include_custom(True).uuid("someuuid").set_name("Some name") \
        .email("test@example.com").external_id("1234").profile_url("http://example.com").custom(custom).sync()
    assert isinstance(set_uuid.result, PNSetUUIDMetadataResult) and not set_uuid.status.is_error()
    assert (set_uuid.result.data["id"], set_uuid.result.data["custom"]) == ("someuuid", custom)
    got = GetUuid(pubnub).uuid("someuuid").include_custom(True).sync().result
    assert isinstance(got, PNGetUUIDMetadataResult) and got.data["email"] == "test@example.com"
    all_uuids = GetAllUuid(pubnub).include_custom(True).limit(10).include_total_count(True) \
        .sort(PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED)).sync().result
    assert isinstance(all_uuids, PNGetAllUUIDMetadataResult) and all_uuids.total_count >= 1
    assert isinstance(RemoveUuid(pubnub).uuid("someuuid").sync().result, PNRemoveUUIDMetadataResult)

    set_channel = SetChannel(pubnub).include_custom(True).channel("somechannelid").set_name("Some name") \
        .description("Some description").custom(custom).sync()
    assert isinstance(set_channel.result, PNSetChannelMetadataResult)
    assert set_channel.result.data["description"] == "Some description"
    assert isinstance(GetChannel(pubnub).channel("somechannelid").sync().result, PNGetChannelMetadataResult)
    channels = GetAllChannels(pubnub).include_custom(True).limit(10).include_total_count(True) \
        .sort(PNSortKey.asc(PNSortKeyValue.ID), PNSortKey.desc(PNSortKeyValue.UPDATED)).sync().result
    assert isinstance(channels, PNGetAllChannelMetadataResult) and isinstance(channels.data, list)
    assert channels.total_count >= 1 and channels.next is not None and channels.prev is None
    assert isinstance(RemoveChannel(pubnub).channel("somechannelid").sync().result, PNRemoveChannelMetadataResult)


def test_memberships(pubnub: PubNub) -> None:
    pubnub.set_channel_metadata().channel("somechannel").set_name("some name").sync()
    pubnub.set_channel_metadata().channel("somechannel_with_custom").set_name("some name with custom") \
        .custom({"key3": "val1", "key4": "val2"}).sync()
    result = SetMemberships(pubnub).uuid("member-uuid").channel_memberships([
        PNChannelMembership.channel("somechannel"),
        PNChannelMembership.channel_with_custom("somechannel_with_custom", {"key5": "val1", "key6": "val2"}),
    ]).include_custom(True).include_channel(ChannelIncludeEndpoint.CHANNEL_WITH_CUSTOM).sync().result
    assert isinstance(result, PNSetMembershipsResult)
    by_id = {item["channel"]["id"]: item for item in result.data}
    assert by_id["somechannel_with_custom"]["custom"] == {"key5": "val1", "key6": "val2"}
    assert by_id["somechannel_with_custom"]["channel"]["custom"] == {"key3": "val1", "key4": "val2"}
    assert isinstance(GetMemberships(pubnub).uuid("member-uuid").sync().result, PNGetMembershipsResult)
    managed = ManageMemberships(pubnub).uuid("member-uuid").set([PNChannelMembership.channel("third")]) \
        .remove([PNChannelMembership.channel("somechannel")]).sync().result
    assert isinstance(managed, PNManageMembershipsResult)
    assert sorted(item["channel"]["id"] for item in managed.data) == ["somechannel_with_custom", "third"]
    removed = RemoveMemberships(pubnub).uuid("member-uuid").channel_memberships(
        [PNChannelMembership.channel("third")]).sync().result
    assert isinstance(removed, PNRemoveMembershipsResult)
    assert [item["channel"]["id"] for item in removed.data] == ["somechannel_with_custom"]


def test_channel_members(pubnub: PubNub) -> None:
    pubnub.set_uuid_metadata().uuid("someuuid_with_custom").set_name("named").custom({"key3": "val1"}).sync()
    result = SetChannelMembers(pubnub).channel("members-ch").uuids([
        PNUUID.uuid("someuuid"), PNUUID.uuid_with_custom("someuuid_with_custom", {"key5": "val1"}),
    ]).include_custom(True).include_uuid(UUIDIncludeEndpoint.UUID_WITH_CUSTOM).sync().result
    assert isinstance(result, PNSetChannelMembersResult)
    by_id = {item["uuid"]["id"]: item for item in result.data}
    assert by_id["someuuid_with_custom"]["custom"] == {"key5": "val1"}
    assert by_id["someuuid_with_custom"]["uuid"]["custom"] == {"key3": "val1"}
    assert isinstance(GetChannelMembers(pubnub).channel("members-ch").sync().result, PNGetChannelMembersResult)
    managed = ManageChannelMembers(pubnub).channel("members-ch").set([PNUUID.uuid("third")]) \
        .remove([PNUUID.uuid("someuuid")]).sync().result
    assert isinstance(managed, PNManageChannelMembersResult)
    removed = RemoveChannelMembers(pubnub).channel("members-ch").uuids([PNUUID.uuid("third")]).sync().result
    assert isinstance(removed, PNRemoveChannelMembersResult)
    assert [item["uuid"]["id"] for item in removed.data] == ["someuuid_with_custom"]
