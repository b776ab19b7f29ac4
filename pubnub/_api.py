"""EndpointFactories: one method per API call, returning the endpoint builder (4.8.1 names).

Layer: core. Mixed into ``PubNubCore``; every method only builds an endpoint for this client.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol, TypeVar

from pubnub._context import ClientContext
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

#: The client a factory is called on: ``PubNubTornado().publish()`` is a ``Publish[PubNubTornado]``,
#: which is what lets ``.result()`` be typed for that client (see ``Endpoint.result``).
_Client = TypeVar("_Client", bound=ClientContext)


class _ClientWithSubscription(ClientContext, Protocol):
    _subscription_manager: Any


_Subscriber = TypeVar("_Subscriber", bound=_ClientWithSubscription)


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
    def time(self: _Client) -> Time[_Client]:
        return Time(self)

    def publish(self: _Client) -> Publish[_Client]:
        return Publish(self)

    def fire(self: _Client) -> Fire[_Client]:
        return Fire(self)

    def signal(self: _Client) -> Signal[_Client]:
        return Signal(self)

    def history(self: _Client) -> History[_Client]:
        return History(self)

    def fetch_messages(self: _Client) -> FetchMessages[_Client]:
        return FetchMessages(self)

    def message_counts(self: _Client) -> MessageCount[_Client]:
        return MessageCount(self)

    def delete_messages(self: _Client) -> HistoryDelete[_Client]:
        return HistoryDelete(self)

    def add_message_action(self: _Client) -> AddMessageAction[_Client]:
        return AddMessageAction(self)

    def get_message_actions(self: _Client) -> GetMessageActions[_Client]:
        return GetMessageActions(self)

    def remove_message_action(self: _Client) -> RemoveMessageAction[_Client]:
        return RemoveMessageAction(self)

    # ----- presence ----------------------------------------------------------------------
    def here_now(self: _Client) -> HereNow[_Client]:
        return HereNow(self)

    def where_now(self: _Client) -> WhereNow[_Client]:
        return WhereNow(self)

    def set_state(self: _Subscriber) -> SetState[_Subscriber]:
        return SetState(self, self._subscription_manager)

    def get_state(self: _Client) -> GetState[_Client]:
        return GetState(self)

    def heartbeat(self: _Client) -> Heartbeat[_Client]:
        return Heartbeat(self)

    # ----- Access Manager ----------------------------------------------------------------------
    def grant(self: _Client) -> Grant[_Client]:
        return Grant(self)

    def revoke(self: _Client) -> Revoke[_Client]:
        return Revoke(self)

    def audit(self: _Client) -> Audit[_Client]:
        return Audit(self)

    def grant_token(self: _Client) -> GrantToken[_Client]:
        return GrantToken(self)

    # ----- channel groups ----------------------------------------------------------------------
    def add_channel_to_channel_group(self: _Client) -> AddChannelToChannelGroup[_Client]:
        return AddChannelToChannelGroup(self)

    def remove_channel_from_channel_group(self: _Client) -> RemoveChannelFromChannelGroup[_Client]:
        return RemoveChannelFromChannelGroup(self)

    def list_channels_in_channel_group(self: _Client) -> ListChannelsInChannelGroup[_Client]:
        return ListChannelsInChannelGroup(self)

    def remove_channel_group(self: _Client) -> RemoveChannelGroup[_Client]:
        return RemoveChannelGroup(self)

    # ----- mobile push -------------------------------------------------------------------------
    def add_channels_to_push(self: _Client) -> AddChannelsToPush[_Client]:
        return AddChannelsToPush(self)

    def remove_channels_from_push(self: _Client) -> RemoveChannelsFromPush[_Client]:
        return RemoveChannelsFromPush(self)

    def list_push_channels(self: _Client) -> ListPushProvisions[_Client]:
        return ListPushProvisions(self)

    def remove_device_from_push(self: _Client) -> RemoveDeviceFromPush[_Client]:
        return RemoveDeviceFromPush(self)

    # ----- Objects v2 --------------------------------------------------------------------------
    def set_uuid_metadata(self: _Client) -> SetUuid[_Client]:
        return SetUuid(self)

    def get_uuid_metadata(self: _Client) -> GetUuid[_Client]:
        return GetUuid(self)

    def remove_uuid_metadata(self: _Client) -> RemoveUuid[_Client]:
        return RemoveUuid(self)

    def get_all_uuid_metadata(self: _Client) -> GetAllUuid[_Client]:
        return GetAllUuid(self)

    def set_channel_metadata(self: _Client) -> SetChannel[_Client]:
        return SetChannel(self)

    def get_channel_metadata(self: _Client) -> GetChannel[_Client]:
        return GetChannel(self)

    def remove_channel_metadata(self: _Client) -> RemoveChannel[_Client]:
        return RemoveChannel(self)

    def get_all_channel_metadata(self: _Client) -> GetAllChannels[_Client]:
        return GetAllChannels(self)

    def set_channel_members(self: _Client) -> SetChannelMembers[_Client]:
        return SetChannelMembers(self)

    def get_channel_members(self: _Client) -> GetChannelMembers[_Client]:
        return GetChannelMembers(self)

    def remove_channel_members(self: _Client) -> RemoveChannelMembers[_Client]:
        return RemoveChannelMembers(self)

    def manage_channel_members(self: _Client) -> ManageChannelMembers[_Client]:
        return ManageChannelMembers(self)

    def set_memberships(self: _Client) -> SetMemberships[_Client]:
        return SetMemberships(self)

    def get_memberships(self: _Client) -> GetMemberships[_Client]:
        return GetMemberships(self)

    def remove_memberships(self: _Client) -> RemoveMemberships[_Client]:
        return RemoveMemberships(self)

    def manage_memberships(self: _Client) -> ManageMemberships[_Client]:
        return ManageMemberships(self)

    # ----- files ---------------------------------------------------------------------------
    def send_file(self: _Client) -> SendFileNative[_Client]:
        return SendFileNative(self)

    def download_file(self: _Client) -> DownloadFileNative[_Client]:
        return DownloadFileNative(self)

    def list_files(self: _Client) -> ListFiles[_Client]:
        return ListFiles(self)

    def get_file_url(self: _Client) -> GetFileDownloadUrl[_Client]:
        return GetFileDownloadUrl(self)

    def delete_file(self: _Client) -> DeleteFile[_Client]:
        return DeleteFile(self)

    def publish_file_message(self: _Client) -> PublishFileMessage[_Client]:
        return PublishFileMessage(self)

    def _fetch_file_upload_s3_data(self: _Client) -> FetchFileUploadS3Data[_Client]:
        return FetchFileUploadS3Data(self)
