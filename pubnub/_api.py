"""EndpointFactories: one method per API call, returning the endpoint builder (4.8.1 names).

Layer: core. Mixed into ``PubNubCore``; every method only builds an endpoint for this client.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from pubnub.endpoints.access.audit import Audit
from pubnub.endpoints.access.grant import Grant
from pubnub.endpoints.access.grant_token import GrantToken
from pubnub.endpoints.access.revoke import Revoke
from pubnub.endpoints.channel_groups.add_channel_to_channel_group import AddChannelToChannelGroup
from pubnub.endpoints.channel_groups.list_channels_in_channel_group import ListChannelsInChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_from_channel_group import RemoveChannelFromChannelGroup
from pubnub.endpoints.channel_groups.remove_channel_group import RemoveChannelGroup
from pubnub.endpoints.fetch_messages import FetchMessages
from pubnub.endpoints.file_operations.delete_file import DeleteFile
from pubnub.endpoints.file_operations.download_file import DownloadFileNative
from pubnub.endpoints.file_operations.fetch_upload_details import FetchFileUploadS3Data
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.endpoints.file_operations.list_files import ListFiles
from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
from pubnub.endpoints.file_operations.send_file import SendFileNative
from pubnub.endpoints.history import History
from pubnub.endpoints.history_delete import HistoryDelete
from pubnub.endpoints.message_actions.add_message_action import AddMessageAction
from pubnub.endpoints.message_actions.get_message_actions import GetMessageActions
from pubnub.endpoints.message_actions.remove_message_action import RemoveMessageAction
from pubnub.endpoints.message_count import MessageCount
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
from pubnub.endpoints.objects_v2.uuid.get_all_uuid import GetAllUuid
from pubnub.endpoints.objects_v2.uuid.get_uuid import GetUuid
from pubnub.endpoints.objects_v2.uuid.remove_uuid import RemoveUuid
from pubnub.endpoints.objects_v2.uuid.set_uuid import SetUuid
from pubnub.endpoints.presence.get_state import GetState
from pubnub.endpoints.presence.heartbeat import Heartbeat
from pubnub.endpoints.presence.here_now import HereNow
from pubnub.endpoints.presence.set_state import SetState
from pubnub.endpoints.presence.where_now import WhereNow
from pubnub.endpoints.pubsub.fire import Fire
from pubnub.endpoints.pubsub.publish import Publish
from pubnub.endpoints.push.add_channels_to_push import AddChannelsToPush
from pubnub.endpoints.push.list_push_provisions import ListPushProvisions
from pubnub.endpoints.push.remove_channels_from_push import RemoveChannelsFromPush
from pubnub.endpoints.push.remove_device import RemoveDeviceFromPush
from pubnub.endpoints.signal import Signal
from pubnub.endpoints.time import Time

if TYPE_CHECKING:
    from pubnub.managers import PublishSequenceManager
    from pubnub.pnconfiguration import PNConfiguration


class EndpointFactories:
    """The builders of every call; ``pubnub.publish().channel(...)...``."""

    _subscription_manager: Any  # set by PubNubCore; set_state() records state for heartbeats

    if TYPE_CHECKING:  # what PubNubCore provides: the ClientContext every endpoint is built on
        config: PNConfiguration
        _publish_sequence_manager: PublishSequenceManager

        @property
        def sdk_name(self) -> str: ...

        @property
        def uuid(self) -> Any: ...

        def timestamp(self) -> int: ...

        def request_sync(self, endpoint: Any) -> Any: ...

        def request_async(self, endpoint: Any, callback: Callable[..., Any]) -> Any: ...

        def request_future(self, endpoint: Any) -> Any: ...

        def request_result(self, endpoint: Any) -> Any: ...

        def request_deferred(self, endpoint: Any) -> Any: ...

    # ----- publish, history, message actions, presence -------------------------------------
    def time(self) -> Time:
        return Time(self)

    def publish(self) -> Publish:
        return Publish(self)

    def fire(self) -> Fire:
        return Fire(self)

    def signal(self) -> Signal:
        return Signal(self)

    def history(self) -> History:
        return History(self)

    def fetch_messages(self) -> FetchMessages:
        return FetchMessages(self)

    def message_counts(self) -> MessageCount:
        return MessageCount(self)

    def delete_messages(self) -> HistoryDelete:
        return HistoryDelete(self)

    def add_message_action(self) -> AddMessageAction:
        return AddMessageAction(self)

    def get_message_actions(self) -> GetMessageActions:
        return GetMessageActions(self)

    def remove_message_action(self) -> RemoveMessageAction:
        return RemoveMessageAction(self)

    # ----- presence ----------------------------------------------------------------------
    def here_now(self) -> HereNow:
        return HereNow(self)

    def where_now(self) -> WhereNow:
        return WhereNow(self)

    def set_state(self) -> SetState:
        return SetState(self, self._subscription_manager)

    def get_state(self) -> GetState:
        return GetState(self)

    def heartbeat(self) -> Heartbeat:
        return Heartbeat(self)

    # ----- Access Manager ----------------------------------------------------------------------
    def grant(self) -> Grant:
        return Grant(self)

    def revoke(self) -> Revoke:
        return Revoke(self)

    def audit(self) -> Audit:
        return Audit(self)

    def grant_token(self) -> GrantToken:
        return GrantToken(self)

    # ----- channel groups ----------------------------------------------------------------------
    def add_channel_to_channel_group(self) -> AddChannelToChannelGroup:
        return AddChannelToChannelGroup(self)

    def remove_channel_from_channel_group(self) -> RemoveChannelFromChannelGroup:
        return RemoveChannelFromChannelGroup(self)

    def list_channels_in_channel_group(self) -> ListChannelsInChannelGroup:
        return ListChannelsInChannelGroup(self)

    def remove_channel_group(self) -> RemoveChannelGroup:
        return RemoveChannelGroup(self)

    # ----- mobile push -------------------------------------------------------------------------
    def add_channels_to_push(self) -> AddChannelsToPush:
        return AddChannelsToPush(self)

    def remove_channels_from_push(self) -> RemoveChannelsFromPush:
        return RemoveChannelsFromPush(self)

    def list_push_channels(self) -> ListPushProvisions:
        return ListPushProvisions(self)

    def remove_device_from_push(self) -> RemoveDeviceFromPush:
        return RemoveDeviceFromPush(self)

    # ----- Objects v2 --------------------------------------------------------------------------
    def set_uuid_metadata(self) -> SetUuid:
        return SetUuid(self)

    def get_uuid_metadata(self) -> GetUuid:
        return GetUuid(self)

    def remove_uuid_metadata(self) -> RemoveUuid:
        return RemoveUuid(self)

    def get_all_uuid_metadata(self) -> GetAllUuid:
        return GetAllUuid(self)

    def set_channel_metadata(self) -> SetChannel:
        return SetChannel(self)

    def get_channel_metadata(self) -> GetChannel:
        return GetChannel(self)

    def remove_channel_metadata(self) -> RemoveChannel:
        return RemoveChannel(self)

    def get_all_channel_metadata(self) -> GetAllChannels:
        return GetAllChannels(self)

    def set_channel_members(self) -> SetChannelMembers:
        return SetChannelMembers(self)

    def get_channel_members(self) -> GetChannelMembers:
        return GetChannelMembers(self)

    def remove_channel_members(self) -> RemoveChannelMembers:
        return RemoveChannelMembers(self)

    def manage_channel_members(self) -> ManageChannelMembers:
        return ManageChannelMembers(self)

    def set_memberships(self) -> SetMemberships:
        return SetMemberships(self)

    def get_memberships(self) -> GetMemberships:
        return GetMemberships(self)

    def remove_memberships(self) -> RemoveMemberships:
        return RemoveMemberships(self)

    def manage_memberships(self) -> ManageMemberships:
        return ManageMemberships(self)

    # ----- files ---------------------------------------------------------------------------
    def send_file(self) -> SendFileNative:
        return SendFileNative(self)

    def download_file(self) -> DownloadFileNative:
        return DownloadFileNative(self)

    def list_files(self) -> ListFiles:
        return ListFiles(self)

    def get_file_url(self) -> GetFileDownloadUrl:
        return GetFileDownloadUrl(self)

    def delete_file(self) -> DeleteFile:
        return DeleteFile(self)

    def publish_file_message(self) -> PublishFileMessage:
        return PublishFileMessage(self)

    def _fetch_file_upload_s3_data(self) -> FetchFileUploadS3Data:
        return FetchFileUploadS3Data(self)
